import { makeChart, type Chart } from "./figure.js";
import { classSizeLabel, scenarioName, SCENARIO_COLOUR, type ClassSizeChartOptions } from "./class-size-labels.js";

/** One year of one scenario: Monte Carlo quantiles of the number of big classes. */
export interface BigClassFanPoint {
  scenario: string;
  year: number;
  /** 5% quantile over the draws. */
  low: number;
  median: number;
  /** 95% quantile over the draws. */
  high: number;
}

/**
 * Big classes by year under each urbanization scenario, as a fan chart: the 90% Monte Carlo band, the base
 * year (observed) as a solid line and marker, the projection's median dashed.
 *
 * @param points quantiles per scenario and year; the first year of each scenario is the observed base year
 * @param options language, source, id, region, and what is counted (56+ or 66+)
 * @returns the chart, provenance synthetic (the synthetic province)
 * @example bigClassFanChart([{ scenario: "base", year: 2015, low: 10, median: 10, high: 10 }], { lang: "en", source: "gaibo" }).figure.data.length // 3
 */
export function bigClassFanChart(
  points: readonly BigClassFanPoint[],
  options: ClassSizeChartOptions & { measure?: "big" | "veryBig" },
): Chart {
  const { lang } = options;
  const scenarios = [...new Set(points.map((p) => p.scenario))];
  const data: Record<string, unknown>[] = [];
  for (const s of scenarios) {
    const pts = points.filter((p) => p.scenario === s).sort((a, b) => a.year - b.year);
    const colour = SCENARIO_COLOUR[s] ?? "#555";
    const years = pts.map((p) => p.year);
    const name = scenarioName(s, lang);
    data.push(
      { type: "scatter", mode: "lines", x: years, y: pts.map((p) => p.high), line: { width: 0, color: colour }, showlegend: false, hoverinfo: "skip", legendgroup: s },
      {
        type: "scatter", mode: "lines", x: years, y: pts.map((p) => p.low), line: { width: 0, color: colour }, fill: "tonexty",
        fillcolor: `${colour}2e`, name: `${name} · ${classSizeLabel("band90", lang)}`, legendgroup: s, hoverinfo: "skip",
      },
      {
        type: "scatter", mode: "lines", x: years, y: pts.map((p) => p.median), line: { color: colour, width: 2.2, dash: "dash" },
        name: `${name} · ${classSizeLabel("projection", lang)}`, legendgroup: s,
        hovertemplate: `${name} %{x}: %{y:,.0f}<extra></extra>`,
      },
    );
  }
  const first = points.reduce<BigClassFanPoint | undefined>((a, p) => (a === undefined || p.year < a.year ? p : a), undefined);
  if (first) {
    // The observed base year: solid, as history always is (a single year, so a marker).
    data.push({
      type: "scatter", mode: "markers", x: [first.year], y: [first.median], marker: { size: 11, color: "#222", symbol: "circle" },
      name: classSizeLabel("history", lang), hovertemplate: `%{x}: %{y:,.0f}<extra></extra>`,
    });
  }
  const what = classSizeLabel(options.measure === "veryBig" ? "veryBig" : "big", lang);
  const region = options.region ?? (lang === "zh" ? "合成省城镇" : "Synthetic province, urban and town");
  const title = lang === "zh" ? `${region}${what}：三种城镇化情景` : `${region}: ${what} under three urbanization scenarios`;
  return makeChart({
    id: options.id ?? "synthetic-big-class-fan",
    title,
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p })),
    data,
    layout: {
      xaxis: { title: { text: classSizeLabel("year", lang) }, dtick: 1, gridcolor: "#eee" },
      yaxis: { title: { text: classSizeLabel("classes", lang) }, rangemode: "tozero", gridcolor: "#e6e6e6", tickformat: ",d" },
      height: 460,
    },
  });
}
