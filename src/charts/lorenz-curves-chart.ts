import { makeChart, type Chart } from "./figure.js";
import { allocationTitle, type AllocationChartOptions } from "./allocation-chart-options.js";

/** One rule's per-pupil allocation across counties, with the pupils that weight it. */
export interface LorenzSeries {
  ruleName: string;
  /** Allocation per pupil by county, 元 (≥ 0). */
  perPupilYuan: ArrayLike<number>;
  /** Pupils by county (the weights), same order. */
  pupils: ArrayLike<number>;
}

const LABELS = {
  title: { zh: "生均分配额的洛伦兹曲线：各规则比较", en: "Lorenz curves of allocation per pupil, by rule" },
  x: { zh: "学生累计比例（按生均分配额从低到高）", en: "cumulative share of pupils (lowest per-pupil amount first)" },
  y: { zh: "资金累计比例", en: "cumulative share of money" },
  equality: { zh: "完全均等", en: "perfect equality" },
  gini: { zh: "基尼系数", en: "Gini" },
} as const;

const COLOURS = ["#1f5fa8", "#c25e00", "#2a8c55", "#8e44ad", "#b03a2e", "#7f8c8d"];

/**
 * The pupil-weighted Lorenz curve of per-pupil allocation for each rule: counties sorted from the lowest to the
 * highest amount per pupil, cumulative pupils against cumulative money. The further a curve sags below the diagonal,
 * the less equal the rule; the legend gives each rule's Gini (twice the area between the diagonal and the curve).
 *
 * @param series one per rule
 * @param options provenance, source, language
 * @returns a chart whose rows are the curve points
 * @example lorenzCurvesChart([{ ruleName: "r", perPupilYuan: [1, 3], pupils: [1, 1] }], opts).rows.at(-1) // { rule: "r", pupil_share: 1, money_share: 1, … }
 */
export function lorenzCurvesChart(series: readonly LorenzSeries[], options: AllocationChartOptions): Chart {
  const { lang } = options;
  const rows: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines", name: LABELS.equality[lang], x: [0, 1], y: [0, 1], line: { color: "#999", dash: "dot", width: 1 }, hoverinfo: "skip" },
  ];
  series.forEach((s, k) => {
    const { x, y, gini } = lorenz(s.perPupilYuan, s.pupils);
    x.forEach((xi, j) => rows.push({ rule: s.ruleName, pupil_share: xi, money_share: y[j], gini }));
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${s.ruleName} (${LABELS.gini[lang]} ${gini.toFixed(3)})`,
      x,
      y,
      line: { color: COLOURS[k % COLOURS.length], width: 2, shape: "linear" },
      hovertemplate: `${s.ruleName}: %{x:.0%} → %{y:.1%}<extra></extra>`,
    });
  });
  const title = allocationTitle(LABELS.title, options);
  return makeChart({
    id: options.id ?? "lorenz-curves",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows,
    data,
    layout: {
      height: 480,
      // Standoff: the x and y "0%" ticks meet at the origin.
      xaxis: { title: { text: LABELS.x[lang] }, tickformat: ".0%", range: [0, 1], constrain: "domain", gridcolor: "#e6e6e6", ticklabelstandoff: 5 },
      yaxis: { title: { text: LABELS.y[lang] }, tickformat: ".0%", range: [0, 1], gridcolor: "#e6e6e6", scaleanchor: "x" },
    },
  });
}

/** Lorenz points (starting at 0,0) and the Gini as 1 − Σ (x_k − x_{k−1})(y_k + y_{k−1}). */
function lorenz(values: ArrayLike<number>, weights: ArrayLike<number>): { x: number[]; y: number[]; gini: number } {
  const idx = Array.from({ length: values.length }, (_, i) => i).filter((i) => weights[i] > 0);
  idx.sort((a, b) => values[a] - values[b] || a - b);
  let W = 0;
  let M = 0;
  for (const i of idx) {
    W += weights[i];
    M += weights[i] * values[i];
  }
  const x = [0];
  const y = [0];
  let cw = 0;
  let cm = 0;
  let area = 0;
  for (const i of idx) {
    const x0 = cw / W;
    const y0 = M > 0 ? cm / M : 0;
    cw += weights[i];
    cm += weights[i] * values[i];
    const x1 = cw / W;
    const y1 = M > 0 ? cm / M : 0;
    area += (x1 - x0) * (y1 + y0);
    x.push(x1);
    y.push(y1);
  }
  return { x, y, gini: 1 - area };
}
