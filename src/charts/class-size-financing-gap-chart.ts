import type { Lang } from "../shared/i18n.js";
import { makeChart, type Chart } from "./figure.js";

/** One year of running costs against the budget (万元). */
export interface FinancingGapPoint {
  year: number;
  capital: number;
  maintenance: number;
  temporary: number;
  salary: number;
  budget: number;
  gap: number;
}

/** Options of classSizeFinancingGapChart. */
export interface FinancingGapChartOptions {
  lang: Lang;
  source: string;
  id?: string;
  /** Name of the path drawn (already in the page language). */
  path: string;
}

const L = {
  capital: { zh: "新建教室（资本）", en: "building (capital)" },
  maintenance: { zh: "维护", en: "maintenance" },
  temporary: { zh: "临时教室（租借）", en: "temporary rooms" },
  salary: { zh: "新增教师工资", en: "salaries of added teachers" },
  budget: { zh: "年度预算", en: "annual budget" },
  gap: { zh: "缺口（成本 − 预算）", en: "gap (cost − budget)" },
  y: { zh: "亿元", en: "bn yuan" },
  year: { zh: "学年", en: "school year" },
  title: { zh: "运行成本与资金缺口", en: "Running costs and the financing gap" },
} as const;

/**
 * Running costs of one build-or-bridge path by year (stacked: capital, maintenance, temporary rooms, teachers'
 * salaries) against the annual budget, with the gap. Money is shown in 亿元 on the Chinese page and bn yuan on
 * the English (input 万元).
 *
 * @param points one row per year, 万元
 * @param options language, source, id, path name
 * @returns the chart, provenance synthetic
 * @example classSizeFinancingGapChart([{ year: 2025, capital: 1e4, maintenance: 0, temporary: 0, salary: 0, budget: 5e3, gap: 5e3 }], { lang: "en", source: "gaibo", path: "mixed" }).rows[0].gap // 5000
 */
export function classSizeFinancingGapChart(points: readonly FinancingGapPoint[], options: FinancingGapChartOptions): Chart {
  const { lang } = options;
  const x = points.map((p) => p.year);
  // 亿元 on the Chinese page, bn yuan (1 亿 = 0.1 bn) on the English: one money convention per page.
  const yi = (v: number) => (lang === "zh" ? v / 1e4 : v / 1e5);
  const bar = (key: "capital" | "maintenance" | "temporary" | "salary", color: string) => ({
    type: "bar", x, y: points.map((p) => yi(p[key])), name: L[key][lang], marker: { color }, hovertemplate: "%{x}: %{y:,.2f}<extra></extra>",
  });
  const data: Record<string, unknown>[] = [
    bar("capital", "#b03a2e"), bar("maintenance", "#e39a6b"), bar("temporary", "#2a7f62"), bar("salary", "#1f5fa8"),
    { type: "scatter", mode: "lines", x, y: points.map((p) => yi(p.budget)), name: L.budget[lang], line: { color: "#000", width: 2, dash: "dash" }, hovertemplate: "%{x}: %{y:,.2f}<extra></extra>" },
    { type: "scatter", mode: "lines+markers", x, y: points.map((p) => yi(p.gap)), name: L.gap[lang], line: { color: "#c25e00", width: 1.5 }, marker: { size: 5 }, hovertemplate: "%{x}: %{y:,.2f}<extra></extra>" },
  ];
  return makeChart({
    id: options.id ?? "synthetic-financing-gap",
    title: `${L.title[lang]}（${options.path}）`.replace("（", lang === "zh" ? "（" : " (").replace("）", lang === "zh" ? "）" : ")"),
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p })),
    data,
    layout: {
      barmode: "relative",
      xaxis: { title: { text: L.year[lang] }, dtick: 2 },
      yaxis: { title: { text: L.y[lang] }, gridcolor: "#e6e6e6", tickformat: ",.1f" },
      legend: { orientation: "h", y: -0.25 },
      height: 500,
    },
  });
}
