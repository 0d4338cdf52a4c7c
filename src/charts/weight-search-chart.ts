import { makeChart, PROVENANCE_COLOUR, type Chart } from "./figure.js";
import { allocationTitle, type AllocationChartOptions } from "./allocation-chart-options.js";

/** What the chart needs of a `searchRuleWeights` result. */
export interface WeightSearchChartInput {
  dimensions: readonly string[];
  best: WeightSearchChartPoint;
  baseline: WeightSearchChartPoint;
  trace: readonly WeightSearchChartPoint[];
}

/** One evaluated weighting (a `WeightSearchPoint` fits). */
export interface WeightSearchChartPoint {
  weights: readonly number[];
  outcomes: Readonly<Record<string, number | null>>;
  feasible: boolean;
}

/** Names of the outcomes a search can use, for axes and hover text. */
export const SEARCH_OUTCOME_LABELS: Record<string, { zh: string; en: string }> = {
  gini: { zh: "生均分配额基尼系数", en: "Gini of allocation per pupil" },
  theil: { zh: "泰尔指数", en: "Theil index" },
  coefficientOfVariation: { zh: "变异系数", en: "coefficient of variation" },
  federalRangeRatio: { zh: "联邦极差比", en: "federal range ratio" },
  mcLooneIndex: { zh: "McLoone 指数", en: "McLoone index" },
  verstegenIndex: { zh: "Verstegen 指数", en: "Verstegen index" },
  fiscalCapacityCorrelation: { zh: "与人均财力的相关", en: "correlation with fiscal capacity" },
  fiscalCapacityElasticity: { zh: "对人均财力的弹性", en: "elasticity with fiscal capacity" },
  gapClosedShare: { zh: "经费缺口弥补比例", en: "share of the funding gap closed" },
  leverage: { zh: "撬动：地方配套 / 中央资金（元/元）", en: "leverage: local matching per yuan of central money" },
  matchingDeliveredWanYuan: { zh: "地方配套到位额（万元）", en: "local matching delivered (10k yuan)" },
};

const LABELS = {
  title: { zh: "权重搜索：每个点是一组因素权重的完整分配结果", en: "Weight search: each point is one weighting, allocated in full" },
  feasible: { zh: "满足约束", en: "meets the constraints" },
  infeasible: { zh: "违反约束", en: "misses a constraint" },
  baseline: { zh: "原规则权重", en: "the rule's own weights" },
  best: { zh: "搜索结果", en: "best found" },
  limit: { zh: "约束上限", en: "constraint limit" },
  floor: { zh: "约束下限", en: "constraint floor" },
} as const;

const label = (outcome: string, lang: "zh" | "en") => SEARCH_OUTCOME_LABELS[outcome]?.[lang] ?? outcome;

/**
 * Every weighting a weight search evaluated, placed at its objective (y) and one other outcome (x, usually the one a
 * constraint caps): feasible points in the provenance colour, infeasible ones grey, the rule's own weights and the
 * result marked, and the constraint's limit on x drawn as a line. A leader sees how much the search bought and what
 * it cost, and that the result sits at the edge the constraint draws.
 *
 * @param search a `searchRuleWeights` result
 * @param options provenance, source, language; `objective` and `x` name the outcomes on the axes; `limits` the
 *   constraint bounds on x (drawn as lines); `dimensionLabels` names the weights in the hover text (e.g. group labels)
 * @returns a chart whose rows are the evaluated weightings (weights by dimension, the two outcomes, feasibility)
 * @example weightSearchChart(result, { provenance: "synthetic", source: "gaibo", lang: "en", objective: "leverage", x: "gini" }).rows.length // result.trace.length
 * @see searchRuleWeights
 */
export function weightSearchChart(
  search: WeightSearchChartInput,
  options: AllocationChartOptions & { objective: string; x: string; limits?: { min?: number; max?: number }; dimensionLabels?: Readonly<Record<string, string>> },
): Chart {
  const { lang, objective, x } = options;
  const name = (d: string) => options.dimensionLabels?.[d] ?? d;
  const hover = (p: WeightSearchChartPoint) => search.dimensions.map((d, i) => `${name(d)} ${p.weights[i].toFixed(3)}`).join("<br>");
  const series = (points: readonly WeightSearchChartPoint[], name: string, marker: Record<string, unknown>) => ({
    type: "scatter",
    mode: "markers",
    name,
    x: points.map((p) => p.outcomes[x]),
    y: points.map((p) => p.outcomes[objective]),
    text: points.map(hover),
    marker,
    hovertemplate: `%{text}<br>${label(x, lang)}: %{x:.4f}<br>${label(objective, lang)}: %{y:.4f}<extra></extra>`,
  });
  const data: Record<string, unknown>[] = [
    series(
      search.trace.filter((p) => !p.feasible),
      LABELS.infeasible[lang],
      { color: "#bbbbbb", size: 5 },
    ),
    series(
      search.trace.filter((p) => p.feasible),
      LABELS.feasible[lang],
      { color: PROVENANCE_COLOUR[options.provenance], size: 6, opacity: 0.7 },
    ),
    series([search.baseline], LABELS.baseline[lang], { color: "#000000", size: 14, symbol: "star" }),
    series([search.best], LABELS.best[lang], { color: "#d62728", size: 14, symbol: "diamond", line: { color: "#000000", width: 1 } }),
  ];
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const [bound, text] of [
    [options.limits?.max, LABELS.limit[lang]],
    [options.limits?.min, LABELS.floor[lang]],
  ] as const) {
    if (bound === undefined) continue;
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: bound, x1: bound, y0: 0, y1: 1, line: { color: "#d62728", dash: "dash", width: 1.5 } });
    annotations.push({ xref: "x", yref: "paper", x: bound, y: 1, text: `${text} ${bound.toFixed(3)}`, showarrow: false, xanchor: "left", yanchor: "bottom", font: { size: 11, color: "#d62728" } });
  }
  return makeChart({
    id: options.id ?? "weight-search",
    title: allocationTitle(LABELS.title, options),
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: search.trace.map((p) => ({
      ...Object.fromEntries(search.dimensions.map((d, i) => [`weight_${d}`, p.weights[i]])),
      [x]: p.outcomes[x],
      [objective]: p.outcomes[objective],
      feasible: p.feasible,
    })),
    data,
    layout: {
      height: 480,
      margin: { l: 70, r: 40, t: 84, b: 100 },
      xaxis: { title: { text: label(x, lang) }, gridcolor: "#e6e6e6", zeroline: false },
      yaxis: { title: { text: label(objective, lang) }, gridcolor: "#e6e6e6", zeroline: false },
      shapes,
      annotations,
    },
  });
}
