import { makeChart, PROVENANCE_COLOUR, shareAxis, type Chart } from "./figure.js";
import { classSizeLabel, type ClassSizeChartOptions } from "./class-size-labels.js";

/** One county count as a share of counties, published and modelled. */
export interface CountySpreadPoint {
  count: "bigBelow" | "noVeryBig" | "veryBigBelow";
  /** Published share of counties, 0–1. */
  observedShare: number;
  /** Model share of counties, 0–1. */
  modelShare: number;
  /** True for the count the model's load factor was fitted to. */
  fitted: boolean;
}

/**
 * County spread of big classes: the share of counties below each published threshold, 广西 2017 against
 * the model's heterogeneous synthetic counties (one province-wide load factor fitted to one count).
 *
 * @param points the three counts
 * @param options language, source (广西 page and the synthetic generator), id
 * @returns the chart, provenance synthetic (the model counties are synthetic; 广西's bars are marked real)
 * @example bigClassCountySpreadChart([{ count: "bigBelow", observedShare: 0.144, modelShare: 0.156, fitted: false }], { lang: "en", source: "x" }).figure.data.length // 2
 */
export function bigClassCountySpreadChart(points: readonly CountySpreadPoint[], options: ClassSizeChartOptions): Chart {
  const { lang } = options;
  const x = points.map((p) => classSizeLabel(p.count, lang) + (p.fitted ? (lang === "zh" ? "（拟合）" : " (fitted)") : ""));
  const text = (v: number) => `${(v * 100).toFixed(1)}%`;
  const data = [
    {
      type: "bar", name: classSizeLabel("guangxi", lang), x, y: points.map((p) => p.observedShare), text: points.map((p) => text(p.observedShare)),
      textposition: "outside", marker: { color: PROVENANCE_COLOUR.real },
    },
    {
      type: "bar", name: classSizeLabel("model", lang), x, y: points.map((p) => p.modelShare), text: points.map((p) => text(p.modelShare)),
      textposition: "outside", marker: { color: PROVENANCE_COLOUR.synthetic },
    },
  ];
  const title = lang === "zh" ? "各县大班额分布：广西 2017 与模型（合成县）" : "County spread of big classes: Guangxi 2017 vs the model (synthetic counties)";
  return makeChart({
    id: options.id ?? "synthetic-county-spread-vs-guangxi",
    title,
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p, difference: p.modelShare - p.observedShare })),
    data,
    layout: {
      barmode: "group",
      yaxis: shareAxis(classSizeLabel("countyShare", lang), { range: [0, 1.05] }),
      height: 420,
    },
  });
}
