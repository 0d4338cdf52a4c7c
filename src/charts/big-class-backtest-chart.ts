import { baseLayout, PROVENANCE_COLOUR, shareAxis, type Chart } from "./figure.js";
import { classSizeLabel, type ClassSizeChartOptions } from "./class-size-labels.js";

/** A published share of 56+ or 66+ classes. */
export interface PublishedSharePoint {
  year: number;
  measure: "big_share" | "very_big_share";
  /** Share 0–1. */
  value: number;
  /** Loosely published (e.g. “基本消除” read as 0). */
  approx?: boolean;
}

/** A model path: shares by year under one variant. */
export interface ModelSharePoint {
  /** noDrive: no classroom added; drive: pace fitted to the first year after the base; driveAll: pace fitted to every published year. */
  model: "noDrive" | "drive" | "driveAll";
  year: number;
  bigShare: number;
  veryBigShare: number;
}

const MODEL_DASH: Record<ModelSharePoint["model"], string> = { noDrive: "dot", drive: "dash", driveAll: "dashdot" };
const MODEL_LABEL = { noDrive: "modelNoDrive", drive: "modelDrive", driveAll: "modelDriveAll" } as const;
const MEASURE_COLOUR = { big_share: "#8e2c2c", very_big_share: "#d4864a" };

/**
 * Model against published shares of 56+ and 66+ classes: published figures as a solid line with markers
 * (history), model paths calibrated to the base year dashed. Provenance real: the published points are
 * real figures and the model lines are projections calibrated to them (said in the legend and footnote).
 *
 * @param published published shares (each with its source in options.source)
 * @param paths model shares per variant and year
 * @param options language, source footnote (pages of the published figures), id, region
 * @returns the chart; rows hold every point with its kind
 * @example bigClassBacktestChart([{ year: 2017, measure: "big_share", value: 0.101 }], [], { lang: "en", source: "MOE" }).provenance // "real"
 */
export function bigClassBacktestChart(
  published: readonly PublishedSharePoint[],
  paths: readonly ModelSharePoint[],
  options: ClassSizeChartOptions,
): Chart {
  const { lang } = options;
  const data: Record<string, unknown>[] = [];
  for (const measure of ["big_share", "very_big_share"] as const) {
    const what = classSizeLabel(measure === "big_share" ? "bigShort" : "veryBigShort", lang);
    const pts = published.filter((p) => p.measure === measure).sort((a, b) => a.year - b.year);
    data.push({
      type: "scatter", mode: "lines+markers", name: `${classSizeLabel("published", lang)} ${what}`, x: pts.map((p) => p.year), y: pts.map((p) => p.value),
      line: { color: MEASURE_COLOUR[measure], width: 2.5 },
      marker: { size: 10, color: PROVENANCE_COLOUR.real, symbol: pts.map((p) => (p.approx ? "circle-open" : "circle")), line: { color: MEASURE_COLOUR[measure], width: 2 } },
      hovertemplate: `${classSizeLabel("published", lang)} ${what} %{x}: %{y:.2%}<extra></extra>`,
    });
    for (const model of ["noDrive", "drive", "driveAll"] as const) {
      const m = paths.filter((p) => p.model === model).sort((a, b) => a.year - b.year);
      if (m.length === 0) continue;
      data.push({
        type: "scatter", mode: "lines", name: `${classSizeLabel(MODEL_LABEL[model], lang)} ${what}`, x: m.map((p) => p.year),
        y: m.map((p) => (measure === "big_share" ? p.bigShare : p.veryBigShare)),
        line: { color: MEASURE_COLOUR[measure], width: 1.8, dash: MODEL_DASH[model] },
        hovertemplate: `${classSizeLabel(MODEL_LABEL[model], lang)} ${what} %{x}: %{y:.2%}<extra></extra>`,
      });
    }
  }
  const region = options.region ?? (lang === "zh" ? "全国" : "China");
  const title = lang === "zh" ? `${region}大班额比例：模型（按公布数校准）与公布值` : `${region}: big-class shares, model (calibrated to published figures) vs published`;
  return {
    id: options.id ?? "national-big-class-backtest",
    title,
    provenance: "real",
    source: options.source,
    rows: [
      ...published.map((p) => ({ kind: "published", year: p.year, measure: p.measure, share: p.value, approx: p.approx ?? false })),
      ...paths.flatMap((p) => [
        { kind: `model_${p.model}`, year: p.year, measure: "big_share", share: p.bigShare, approx: false },
        { kind: `model_${p.model}`, year: p.year, measure: "very_big_share", share: p.veryBigShare, approx: false },
      ]),
    ],
    figure: {
      data,
      layout: baseLayout(title, "real", options.source, lang, {
        xaxis: { title: { text: classSizeLabel("year", lang) }, dtick: 1 },
        yaxis: shareAxis(lang === "zh" ? "占全部班级比例" : "share of all classes", { rangemode: "tozero", tickformat: ".1%" }),
        // Eight legend entries take four rows: room for them below the x-axis title (the common legend sits at the
        // bottom of the figure).
        height: 560,
        margin: { l: 70, r: 30, t: 84, b: 180 },
        legend: { orientation: "h", yref: "container", y: 0.01, yanchor: "bottom", x: 0, font: { size: 11 } },
      }),
    },
  };
}
