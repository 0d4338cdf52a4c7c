import { makeChart, type Chart } from "./figure.js";
import { classSizeLabel, type ClassSizeChartOptions } from "./class-size-labels.js";

/** Classrooms a removal plan builds in one year, split into stock and increment. */
export interface StockIncrementPoint {
  year: number;
  /** Classrooms digesting the base-year stock of big classes (消化存量). */
  stock: number;
  /** Classrooms keeping growth in pupils from forming new big classes (控制增量). */
  increment: number;
}

/**
 * Stacked bars of the classrooms a removal plan builds each year: 消化存量 (the base-year backlog, built in
 * equal parts up to the target year) and 控制增量 (what pupil growth adds, built when it arises).
 *
 * @param points classrooms per year
 * @param options language, source, id, region, target year and scenario for the title
 * @returns the chart, provenance synthetic
 * @example bigClassStockIncrementChart([{ year: 2016, stock: 3, increment: 1 }], { lang: "en", source: "gaibo", targetYear: 2018 }).figure.data.length // 2
 * @see seed 001 (山东: 消化存量、控制增量)
 */
export function bigClassStockIncrementChart(
  points: readonly StockIncrementPoint[],
  options: ClassSizeChartOptions & { targetYear: number; scenario?: string },
): Chart {
  const { lang } = options;
  const pts = [...points].sort((a, b) => a.year - b.year);
  const bar = (key: "stock" | "increment", colour: string) => ({
    type: "bar", name: classSizeLabel(key, lang), x: pts.map((p) => p.year), y: pts.map((p) => p[key]), marker: { color: colour },
    hovertemplate: `${classSizeLabel(key, lang)} %{x}: %{y:,.0f}<extra></extra>`,
  });
  const region = options.region ?? (lang === "zh" ? "合成省" : "Synthetic province");
  const scenario = options.scenario ? (lang === "zh" ? `（${options.scenario}）` : ` (${options.scenario})`) : "";
  const title = lang === "zh"
    ? `${region}：${options.targetYear}年前消除大班额每年新建教室${scenario}`
    : `${region}: classrooms built each year to remove big classes by ${options.targetYear}${scenario}`;
  return makeChart({
    id: options.id ?? "synthetic-big-class-stock-increment",
    title,
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: pts.map((p) => ({ ...p, total: p.stock + p.increment })),
    data: [bar("stock", "#8e2c2c"), bar("increment", "#e0a458")],
    layout: {
      barmode: "stack",
      xaxis: { title: { text: classSizeLabel("year", lang) }, dtick: 1 },
      yaxis: { title: { text: classSizeLabel("classrooms", lang) }, rangemode: "tozero", gridcolor: "#e6e6e6", tickformat: ",d" },
    },
  });
}
