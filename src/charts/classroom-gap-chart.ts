import { makeChart, type Chart } from "./figure.js";
import { classSizeLabel, scenarioName, SCENARIO_COLOUR, type ClassSizeChartOptions } from "./class-size-labels.js";

/** One year of one scenario: classrooms needed for no big class against classrooms planned. */
export interface ClassroomGapPoint {
  scenario: string;
  year: number;
  /** Classrooms beyond the base year's needed for no 56+ class, targeted, cumulative. */
  needed: number;
  /** Classrooms planned up to that year, cumulative. */
  planned: number;
}

/**
 * The classroom gap by year: for each urbanization scenario the classrooms needed (aimed at the crowded
 * schools) so that no class has 56+ pupils, against the classrooms planned.
 *
 * @param points needed and planned classrooms per scenario and year
 * @param options language, source, id, region
 * @returns the chart, provenance synthetic
 * @example classroomGapChart([{ scenario: "base", year: 2016, needed: 10, planned: 5 }], { lang: "en", source: "gaibo" }).rows[0].gap // 5
 */
export function classroomGapChart(points: readonly ClassroomGapPoint[], options: ClassSizeChartOptions): Chart {
  const { lang } = options;
  const scenarios = [...new Set(points.map((p) => p.scenario))];
  const data: Record<string, unknown>[] = scenarios.map((s) => {
    const pts = points.filter((p) => p.scenario === s).sort((a, b) => a.year - b.year);
    const name = scenarioName(s, lang);
    return {
      type: "scatter", mode: "lines+markers", x: pts.map((p) => p.year), y: pts.map((p) => p.needed), name: `${name} · ${classSizeLabel("needed", lang)}`,
      line: { color: SCENARIO_COLOUR[s] ?? "#555", width: 2 }, marker: { size: 5 }, hovertemplate: `${name} %{x}: %{y:,.0f}<extra></extra>`,
    };
  });
  const plan = points.filter((p) => p.scenario === scenarios[0]).sort((a, b) => a.year - b.year);
  data.push({
    type: "bar", x: plan.map((p) => p.year), y: plan.map((p) => p.planned), name: classSizeLabel("planned", lang),
    marker: { color: "rgba(120,120,120,0.35)" }, hovertemplate: `%{x}: %{y:,.0f}<extra></extra>`,
  });
  const region = options.region ?? (lang === "zh" ? "合成省城镇学校" : "Synthetic province, urban and town schools");
  const title = lang === "zh" ? `${region}：消除大班额所需教室与已规划教室` : `${region}: classrooms needed to end big classes vs planned`;
  return makeChart({
    id: options.id ?? "synthetic-classroom-gap",
    title,
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p, gap: p.needed - p.planned })),
    data,
    layout: {
      xaxis: { title: { text: classSizeLabel("year", lang) }, dtick: 1 },
      yaxis: { title: { text: classSizeLabel("classrooms", lang) }, rangemode: "tozero", gridcolor: "#e6e6e6", tickformat: ",d" },
      bargap: 0.35,
    },
  });
}
