import type { CurveForecast } from "../progress/forecast-curve.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import { makeChart, PROVENANCE_COLOUR, shareAxis, type Chart, type Provenance } from "./figure.js";
import { NOMINAL_CHART_WIDTH_PX } from "./fit-text.js";
import { placePointLabels } from "./label-placement.js";
import { label, targetLineName } from "./labels.js";
import { placeName } from "./place-name.js";

/** A published figure to plot beside a forecast (seed or real), marked as such. */
export interface MarkedObservation {
  /** who published it, e.g. "新疆" */
  region: string;
  as_of: string;
  value_share: number;
  provenance: "seed" | "real";
}

const TEXT: Record<string, Bilingual> = {
  history: { zh: "已报数据（实线）", en: "reported (solid)" },
  projection: { zh: "预测中位数（虚线）", en: "projected median (dashed)" },
  band: { zh: "预测区间", en: "forecast band" },
  inner: { zh: "50% 区间", en: "50% band" },
  deadline: { zh: "截止日期", en: "deadline" },
  province: { zh: "全省", en: "Province" },
  fan: { zh: "预测扇形图", en: "forecast fan" },
};

/**
 * Fan chart of one forecast: the band, the reported history as a solid line, the projected median
 * dashed, the target line (70 % by default) and a deadline marker; published seed or real figures
 * are added as marked points in their provenance colour.
 *
 * @param forecast a county or province forecast (`forecastCurve`, `forecastPanel`)
 * @param options indicator code, provenance and source of the forecast data, language, target, deadline, marked points
 * @returns a chart whose rows are the history and the band by date
 */
export function forecastFanChart(
  forecast: CurveForecast,
  options: {
    indicator: string;
    provenance: Provenance;
    source: string;
    lang: Lang;
    id?: string;
    /** region name for the title; default the forecast's name (or 全省 for "province") */
    region?: string;
    target?: number;
    deadline?: string;
    observations?: readonly MarkedObservation[];
  },
): Chart {
  const { lang } = options;
  const t = (k: string) => TEXT[k][lang];
  const target = options.target ?? 0.7;
  const deadline = options.deadline ?? "2017-12-31";
  const region = options.region ?? (forecast.id === "province" ? t("province") : forecast.name);
  const qIndex = (q: number) => forecast.quantiles.findIndex((x) => Math.abs(x - q) < 1e-12);
  const q25 = qIndex(0.25);
  const q75 = qIndex(0.75);
  const colour = PROVENANCE_COLOUR[options.provenance];
  const pct = Math.round(forecast.level * 100);
  const band = (lo: number[], hi: number[], name: string, fill: string) => [
    { type: "scatter", mode: "lines", x: forecast.dates, y: hi, line: { width: 0 }, showlegend: false, hoverinfo: "skip" },
    { type: "scatter", mode: "lines", x: forecast.dates, y: lo, line: { width: 0 }, fill: "tonexty", fillcolor: fill, name, hoverinfo: "skip" },
  ];
  const data: Record<string, unknown>[] = [
    ...band(forecast.lower, forecast.upper, `${pct}% ${t("band")}`, "rgba(194,94,0,0.16)"),
    ...(q25 >= 0 && q75 >= 0 ? band(forecast.bands[q25], forecast.bands[q75], t("inner"), "rgba(194,94,0,0.30)") : []),
    { type: "scatter", mode: "lines+markers", name: t("history"), x: forecast.history.dates, y: forecast.history.y, line: { color: colour, width: 2.5 }, marker: { size: 4 } },
    { type: "scatter", mode: "lines", name: t("projection"), x: forecast.dates, y: forecast.median, line: { color: colour, width: 2, dash: "dash" } },
    {
      type: "scatter",
      mode: "lines",
      // “双超70%” is a completion and equipment target; on other indicators the line is only a reference.
      name: targetLineName(options.indicator, target, lang),
      x: [forecast.history.dates[0] ?? forecast.dates[0], forecast.dates[forecast.dates.length - 1]],
      y: [target, target],
      line: { dash: "dot", color: "#c0392b", width: 1.2 },
      hoverinfo: "skip",
    },
  ];
  const yMax = Math.max(1.05, ...forecast.upper, ...forecast.history.y, ...(options.observations ?? []).map((o) => o.value_share)) + 0.05;
  const yTop = Math.min(yMax, 1.6);
  // Published points are labelled where their labels fit, decided together so no two cover each other.
  const marked = (["seed", "real"] as const).flatMap((prov) => (options.observations ?? []).filter((o) => o.provenance === prov && Number.isFinite(o.value_share)));
  const allDates = [...forecast.history.dates, ...forecast.dates, ...marked.map((o) => o.as_of)].sort();
  const positions = placePointLabels(
    marked.map((o) => ({ x: o.as_of, y: o.value_share, text: `${placeName(o.region, lang)} ${(o.value_share * 100).toFixed(1)}%`, importance: 1 })),
    { xRange: [allDates[0], allDates[allDates.length - 1]], yRange: [0, yTop], widthPx: NOMINAL_CHART_WIDTH_PX - 100, heightPx: 440 - 84 - 110, fontPx: 10.5, markerPx: 6 },
  );
  for (const prov of ["seed", "real"] as const) {
    const idx = marked.map((o, i) => (o.provenance === prov ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const pts = idx.map((i) => marked[i]);
    data.push({
      type: "scatter",
      mode: "markers+text",
      name: label(prov, lang),
      x: pts.map((o) => o.as_of),
      y: pts.map((o) => o.value_share),
      text: idx.map((i) => (positions[i] ? `${placeName(marked[i].region, lang)} ${(marked[i].value_share * 100).toFixed(1)}%` : "")),
      textposition: idx.map((i) => positions[i] || "top left"),
      hovertext: pts.map((o) => `${placeName(o.region, lang)} ${(o.value_share * 100).toFixed(1)}%`),
      hoverinfo: "text",
      textfont: { size: 10.5, color: PROVENANCE_COLOUR[prov] },
      marker: { size: 10, symbol: "diamond", color: PROVENANCE_COLOUR[prov], line: { color: "#fff", width: 1 } },
    });
  }
  const title = lang === "zh" ? `${region}${label(options.indicator, lang)}${t("fan")}` : `${region}: ${label(options.indicator, lang).toLowerCase()} ${t("fan")}`;
  const rows = [
    ...forecast.history.dates.map((d, i) => ({ date: d, kind: "history", value: forecast.history.y[i], lower: null, median: null, upper: null })),
    ...forecast.dates.map((d, i) => ({ date: d, kind: "forecast", value: null, lower: forecast.lower[i], median: forecast.median[i], upper: forecast.upper[i] })),
    ...(options.observations ?? []).map((o) => ({ date: o.as_of, kind: `${o.provenance}: ${o.region}`, value: o.value_share, lower: null, median: null, upper: null })),
  ];
  return makeChart({
    id: options.id ?? `fan-${forecast.id}-${options.indicator.replace("_", "-")}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows,
    data,
    layout: {
      xaxis: { type: "date", gridcolor: "#e6e6e6" },
      yaxis: shareAxis(label(options.indicator, lang), { range: [0, yTop] }),
      hovermode: "x unified",
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: deadline, x1: deadline, y0: 0, y1: 1, line: { color: "#c0392b", width: 1, dash: "dot" } }],
      annotations: [{ xref: "x", yref: "paper", x: deadline, y: 1, text: `${t("deadline")} ${deadline}`, showarrow: false, xanchor: "left", yanchor: "bottom", font: { size: 10.5, color: "#c0392b" } }],
    },
  });
}
