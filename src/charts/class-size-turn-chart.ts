import type { Lang } from "../shared/i18n.js";
import { makeChart, type Chart } from "./figure.js";

/** One school year of the demographic turn (万人). */
export interface ClassSizeTurnPoint {
  year: number;
  births: number;
  birthsObserved: boolean;
  /** Model primary and junior entrants and pupils. */
  entrants: number;
  juniorEntrants: number;
  primary: number;
  junior: number;
  /** Published primary entrants and enrolment of that year, where any. */
  publishedEntrants?: number;
  publishedPrimary?: number;
}

/** Options of classSizeTurnChart. */
export interface ClassSizeTurnChartOptions {
  lang: Lang;
  source: string;
  id?: string;
}

const L = {
  births: { zh: "出生人口（实际）", en: "births (observed)" },
  birthsPath: { zh: "出生人口（情景）", en: "births (scenario path)" },
  entrants: { zh: "小学招生（模型）", en: "primary entrants (model)" },
  junior: { zh: "初中招生（模型）", en: "junior entrants (model)" },
  primary: { zh: "小学在校生 ÷ 6（模型）", en: "primary pupils ÷ 6 (model)" },
  pubEntrants: { zh: "小学招生（公布）", en: "primary entrants (published)" },
  pubPrimary: { zh: "小学在校生 ÷ 6（公布）", en: "primary pupils ÷ 6 (published)" },
  y: { zh: "万人", en: "10,000 persons (万人)" },
  year: { zh: "年份（出生：日历年；招生、在校生：学年）", en: "year (births: calendar year; entrants, pupils: school year)" },
  title: { zh: "人口转折：出生人口与小学、初中招生", en: "The demographic turn: births, primary and junior entrants" },
} as const;

/**
 * The demographic turn: births by calendar year (observed and the scenario's path) as bars, model primary and
 * junior entrants and primary pupils (÷ 6, one grade's worth, to share the axis) as lines, published entrants and
 * enrolment as points. Entrants follow births six years later, junior entrants twelve.
 *
 * @param points one row per year
 * @param options language, source, id
 * @returns the chart, provenance real (births and published points are real; the lines are the model on them)
 * @example classSizeTurnChart([{ year: 2023, births: 902, birthsObserved: true, entrants: 1866, juniorEntrants: 1700, primary: 10793, junior: 5200, publishedEntrants: 1877.88 }], { lang: "en", source: "NBS" }).rows[0].entrants // 1866
 */
export function classSizeTurnChart(points: readonly ClassSizeTurnPoint[], options: ClassSizeTurnChartOptions): Chart {
  const { lang } = options;
  const x = points.map((p) => p.year);
  const obs = points.filter((p) => p.birthsObserved);
  const path = points.filter((p) => !p.birthsObserved);
  const pubE = points.filter((p) => p.publishedEntrants !== undefined);
  const pubP = points.filter((p) => p.publishedPrimary !== undefined);
  const data: Record<string, unknown>[] = [
    { type: "bar", x: obs.map((p) => p.year), y: obs.map((p) => p.births), name: L.births[lang], marker: { color: "rgba(27,127,59,0.45)" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "bar", x: path.map((p) => p.year), y: path.map((p) => p.births), name: L.birthsPath[lang], marker: { color: "rgba(27,127,59,0.15)", line: { color: "rgba(27,127,59,0.6)", width: 1 } }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines", x, y: points.map((p) => p.entrants), name: L.entrants[lang], line: { color: "#1f5fa8", width: 2.5 }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines", x, y: points.map((p) => p.juniorEntrants), name: L.junior[lang], line: { color: "#b03a2e", width: 2.5 }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines", x, y: points.map((p) => p.primary / 6), name: L.primary[lang], line: { color: "#1f5fa8", width: 1.5, dash: "dot" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "markers", x: pubE.map((p) => p.year), y: pubE.map((p) => p.publishedEntrants), name: L.pubEntrants[lang], marker: { color: "#000", size: 9, symbol: "diamond" }, hovertemplate: "%{x}: %{y:,.2f}<extra></extra>" },
    { type: "scatter", mode: "markers", x: pubP.map((p) => p.year), y: pubP.map((p) => (p.publishedPrimary as number) / 6), name: L.pubPrimary[lang], marker: { color: "#000", size: 8, symbol: "circle-open" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
  ];
  return makeChart({
    id: options.id ?? "national-demographic-turn",
    title: L.title[lang],
    provenance: "real",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p })),
    data,
    layout: {
      barmode: "overlay",
      xaxis: { title: { text: L.year[lang] }, dtick: 2 },
      yaxis: { title: { text: L.y[lang] }, rangemode: "tozero", gridcolor: "#e6e6e6", tickformat: ",d" },
      legend: { orientation: "h", y: -0.25 },
      height: 520,
    },
  });
}
