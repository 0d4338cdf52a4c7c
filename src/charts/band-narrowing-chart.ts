import type { BandNarrowing } from "../progress/band-narrowing.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import { makeChart, PROVENANCE_COLOUR, shareAxis, type Chart, type Provenance } from "./figure.js";
import { label, targetLineName } from "./labels.js";

const TEXT: Record<string, Bilingual> = {
  band: { zh: "预测区间", en: "forecast band" },
  median: { zh: "预测中位数", en: "forecast median" },
  last: { zh: "最近一期报告值", en: "latest report" },
  reports: { zh: "已用报告期数（0 = 仅参照类先验）", en: "reports used (0 = reference-class prior only)" },
  title: { zh: "截止日预测区间随报告到来而收窄", en: "deadline forecast band narrows as reports arrive" },
  atDeadline: { zh: "截止日", en: "at" },
  prior: { zh: "先验", en: "prior" },
};

/**
 * How one county's forecast band for a deadline narrows as reports arrive: for 0, 1, 2, … reports
 * the central band (10 %–90 % by default) and median of the forecast at the deadline, the latest
 * report used, and the target line. Step 0 is the reference-class prior alone.
 *
 * The county's numbers carry `provenance` (synthetic for the bundled province); the prior comes from
 * real and seed published figures, which `priorSource` names in the source footnote.
 *
 * @param narrowing result of `bandNarrowing`
 * @param options indicator code, provenance and source of the county data, source of the prior, language, chart id
 * @returns a chart whose rows are one step per number of reports (median, lower, upper, width, probability)
 */
export function bandNarrowingChart(
  narrowing: BandNarrowing,
  options: { indicator: string; provenance: Provenance; source: string; priorSource: string; lang: Lang; id?: string; region?: string },
): Chart {
  const { lang } = options;
  const t = (k: string) => TEXT[k][lang];
  const colour = PROVENANCE_COLOUR[options.provenance];
  const steps = narrowing.steps;
  const x = steps.map((s) => s.reports);
  const pct = Math.round(narrowing.level * 100);
  const region = options.region ?? narrowing.name;
  const data: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines", x, y: steps.map((s) => s.upper), line: { width: 0, shape: "hv" }, showlegend: false, hoverinfo: "skip" },
    {
      type: "scatter",
      mode: "lines",
      x,
      y: steps.map((s) => s.lower),
      line: { width: 0, shape: "hv" },
      fill: "tonexty",
      fillcolor: "rgba(194,94,0,0.22)",
      name: `${pct}% ${t("band")}`,
    },
    { type: "scatter", mode: "lines+markers", name: t("median"), x, y: steps.map((s) => s.median), line: { color: colour, width: 2, dash: "dash" }, marker: { size: 5 } },
    {
      type: "scatter",
      mode: "markers",
      name: t("last"),
      x: x.slice(1),
      y: steps.slice(1).map((s) => s.lastValue),
      text: steps.slice(1).map((s) => s.lastDate),
      marker: { size: 6, color: colour, symbol: "circle-open" },
    },
    {
      type: "scatter",
      mode: "lines",
      name: targetLineName(options.indicator, narrowing.target, lang),
      x: [0, Math.max(1, x[x.length - 1])],
      y: [narrowing.target, narrowing.target],
      line: { dash: "dot", color: "#c0392b", width: 1.2 },
      hoverinfo: "skip",
    },
  ];
  const title = lang === "zh" ? `${region}${label(options.indicator, lang)}：${t("title")}（${narrowing.deadline}）` : `${region}: ${label(options.indicator, lang).toLowerCase()} ${t("title")} (${t("atDeadline")} ${narrowing.deadline})`;
  const source = lang === "zh" ? `${options.source}；${t("prior")}：${options.priorSource}（${label("real", lang)}）` : `${options.source}; ${t("prior")}: ${options.priorSource} (${label("real", lang)})`;
  const rows = steps.map((s) => ({
    reports: s.reports,
    last_date: s.lastDate,
    last_value: s.lastValue,
    deadline: narrowing.deadline,
    median: s.median,
    lower: s.lower,
    upper: s.upper,
    width: s.width,
    probability: s.probability,
  }));
  return makeChart({
    id: options.id ?? `band-narrowing-${narrowing.id}-${options.indicator.replace("_", "-")}`,
    title,
    provenance: options.provenance,
    source,
    lang,
    rows,
    data,
    layout: {
      xaxis: { title: { text: t("reports") }, dtick: 1, gridcolor: "#e6e6e6", zeroline: false },
      yaxis: shareAxis(label(options.indicator, lang), { range: [0, 1.05] }),
      hovermode: "x unified",
    },
  });
}
