import { makeChart, type Chart } from "./figure.js";
import { classSizeLabel, scenarioName, SCENARIO_COLOUR, type ClassSizeChartOptions } from "./class-size-labels.js";
import { yiToPageUnit } from "../shared/format-number.js";

/** What removing big classes by one target year takes under one scenario. */
export interface RemovalCostPoint {
  scenario: string;
  targetYear: number;
  /** Classrooms built up to the target year. */
  classrooms: number;
  floorAreaM2: number;
  teachers: number;
  costWanYuan: number;
}

/**
 * Cost of removing big classes by each target year (classrooms built up to it, aimed at the crowded
 * schools, at the 建标102-2002 floor area per class and the assumed yuan per m²), one line per scenario.
 *
 * @param points cost per scenario and target year, 万元
 * @param options language, source, id, region
 * @returns the chart, provenance synthetic; rows keep classrooms, m², teachers and 万元
 * @example bigClassRemovalCostChart([{ scenario: "base", targetYear: 2018, classrooms: 1, floorAreaM2: 242, teachers: 2.4, costWanYuan: 48.4 }], { lang: "en", source: "gaibo" }).figure.data.length // 1
 */
export function bigClassRemovalCostChart(points: readonly RemovalCostPoint[], options: ClassSizeChartOptions): Chart {
  const { lang } = options;
  const scenarios = [...new Set(points.map((p) => p.scenario))];
  const data = scenarios.map((s) => {
    const pts = points.filter((p) => p.scenario === s).sort((a, b) => a.targetYear - b.targetYear);
    const name = scenarioName(s, lang);
    return {
      type: "scatter", mode: "lines+markers", name, x: pts.map((p) => p.targetYear), // 亿元 on the Chinese page, bn yuan on the English (one money unit per page).
      y: pts.map((p) => yiToPageUnit(p.costWanYuan / 1e4, lang)),
      customdata: pts.map((p) => [p.classrooms, p.floorAreaM2, p.teachers]),
      line: { color: SCENARIO_COLOUR[s] ?? "#555", width: 2 },
      hovertemplate: lang === "zh"
        ? `${name} %{x}年前：%{y:.2f}亿元，教室 %{customdata[0]:,.0f} 间，%{customdata[1]:,.0f} m²，教师 %{customdata[2]:,.0f} 人<extra></extra>`
        : `${name} by %{x}: %{y:.2f} bn yuan, %{customdata[0]:,.0f} classrooms, %{customdata[1]:,.0f} m², %{customdata[2]:,.0f} teachers<extra></extra>`,
    };
  });
  const region = options.region ?? (lang === "zh" ? "合成省" : "Synthetic province");
  const title = lang === "zh" ? `${region}：在目标年份前消除大班额的建设投入` : `${region}: cost of removing big classes by a target year`;
  return makeChart({
    id: options.id ?? "synthetic-big-class-removal-cost",
    title,
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p })),
    data,
    layout: {
      xaxis: { title: { text: classSizeLabel("targetYear", lang) }, dtick: 1 },
      yaxis: { title: { text: classSizeLabel("costYi", lang) }, rangemode: "tozero", gridcolor: "#e6e6e6" },
    },
  });
}
