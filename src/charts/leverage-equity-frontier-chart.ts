import { makeChart, PROVENANCE_COLOUR, type Chart } from "./figure.js";
import { allocationTitle, type AllocationChartOptions } from "./allocation-chart-options.js";

/** One point of the frontier (a `FrontierPoint` fits). */
export interface FrontierChartPoint {
  matchingWeight: number;
  leverage: number;
  gini: number;
  fiscalCapacityCorrelation: number | null;
}

const LABELS = {
  title: { zh: "撬动地方资金与公平的权衡：配套资金权重从 0 到最大", en: "Leverage–equity frontier: matching weight from 0 to its maximum" },
  x: { zh: "撬动：地方配套到位额 / 中央资金（元/元）", en: "leverage: local matching per yuan of central money" },
  y: { zh: "生均分配额基尼系数（越低越均等）", en: "Gini of allocation per pupil (lower = more equal)" },
  y2: { zh: "与人均财力的相关（越高越偏向财力强的地方）", en: "correlation with fiscal capacity (higher = favours richer places)" },
  gini: { zh: "基尼系数", en: "Gini" },
  fiscal: { zh: "与人均财力的相关", en: "correlation with fiscal capacity" },
  weight: { zh: "配套权重", en: "matching weight" },
} as const;

/**
 * The leverage–equity frontier: each point is the rule with a matching-share weight w (0 → max), placed at the local
 * money it draws in (leverage) and the Gini of per-pupil allocation; a second line shows fiscal neutrality. Moving
 * right buys local money; moving up costs equity. Points are labelled with w.
 *
 * @param points from `leverageEquityFrontier`, in order of weight
 * @param options provenance, source, language, elasticity used (shown in the title)
 * @returns a chart whose rows are the points
 * @example leverageEquityFrontierChart(points, { provenance: "synthetic", source: "gaibo", lang: "en", elasticity: 0.3 }).rows.length // points.length
 * @see leverageEquityFrontier
 */
export function leverageEquityFrontierChart(points: readonly FrontierChartPoint[], options: AllocationChartOptions & { elasticity?: number }): Chart {
  const { lang } = options;
  const text = points.map((p) => `w=${p.matchingWeight.toFixed(2)}`);
  const title =
    allocationTitle(LABELS.title, options) +
    (options.elasticity !== undefined ? (lang === "zh" ? `（配套弹性 ${options.elasticity}）` : ` (matching elasticity ${options.elasticity})`) : "");
  const data: Record<string, unknown>[] = [
    {
      type: "scatter",
      mode: "lines+markers+text",
      name: LABELS.gini[lang],
      x: points.map((p) => p.leverage),
      y: points.map((p) => p.gini),
      text,
      textposition: "top left",
      textfont: { size: 10 },
      line: { color: PROVENANCE_COLOUR[options.provenance], width: 2 },
      hovertemplate: `${LABELS.weight[lang]} %{text}<br>${LABELS.x[lang]}: %{x:.3f}<br>${LABELS.gini[lang]}: %{y:.3f}<extra></extra>`,
    },
  ];
  if (points.some((p) => p.fiscalCapacityCorrelation !== null)) {
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: LABELS.fiscal[lang],
      x: points.map((p) => p.leverage),
      y: points.map((p) => p.fiscalCapacityCorrelation),
      yaxis: "y2",
      line: { color: "#555", dash: "dash", width: 1.5 },
      marker: { symbol: "diamond", size: 6 },
      hovertemplate: `${LABELS.fiscal[lang]}: %{y:.2f}<extra></extra>`,
    });
  }
  return makeChart({
    id: options.id ?? "leverage-equity-frontier",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: points.map((p) => ({ matching_weight: p.matchingWeight, leverage: p.leverage, gini: p.gini, fiscal_capacity_correlation: p.fiscalCapacityCorrelation })),
    data,
    layout: {
      height: 480,
      margin: { l: 70, r: 80, t: 84, b: 70 },
      xaxis: { title: { text: LABELS.x[lang] }, gridcolor: "#e6e6e6", zeroline: false },
      yaxis: { title: { text: LABELS.y[lang] }, gridcolor: "#e6e6e6", zeroline: false },
      yaxis2: { title: { text: LABELS.y2[lang] }, overlaying: "y", side: "right", showgrid: false, zeroline: false, tickformat: ".2f" },
    },
  });
}
