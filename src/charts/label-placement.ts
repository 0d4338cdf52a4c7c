/**
 * Which labels a chart draws, and where, when not all fit. Plotly drops overlapping category ticks by
 * position (every other one), which can hide the county a reader looks for first — the worst; and it
 * draws point labels where told even when they cover each other. These functions decide by importance
 * in the chart's own pixel space (estimated at the nominal chart size, see `fit-text.ts`), so the
 * extremes are always labelled and no two labels collide.
 */
import { textWidthPx } from "./fit-text.js";

/**
 * Keep the most important slots that fit: every kept slot is at least `minGap` slots from every other
 * kept slot; among slots that compete for space, the more important wins (ties: the earlier slot).
 *
 * @param importance one number per slot (higher = more important), e.g. distance from the middle of a ranking
 * @param minGap fewest slots between two labels, ≥ 1 (1 keeps everything)
 * @returns kept slot indices, ascending
 * @example thinByImportance([3, 0, 1, 0, 2], 2) // [0, 2, 4]
 */
export function thinByImportance(importance: readonly number[], minGap: number): number[] {
  const gap = Math.max(1, Math.ceil(minGap));
  const order = importance.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i);
  const kept: number[] = [];
  for (const { i } of order) if (kept.every((k) => Math.abs(k - i) >= gap)) kept.push(i);
  return kept.sort((a, b) => a - b);
}

/**
 * Importance of each place in a ranking of `n`: the two ends most important, the middle least, so
 * the worst and the best are always labelled.
 *
 * @example rankImportance(5) // [2, 1, 0, 1, 2]
 */
export function rankImportance(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.max(i, n - 1 - i) - (n - 1) / 2 + ((n - 1) % 2) / 2);
}

/**
 * The labelled category ticks of a ranked bar chart whose rows are `rowPx` apart: the ends of the
 * ranking always, then as many others as the tick font allows, by importance (plotly would otherwise
 * thin them by position). Use as `tickvals`/`ticktext` with `tickmode: "array"`.
 *
 * @param categories category values in ranking order (worst first or best first)
 * @param rowPx distance between two rows in px
 * @param fontPx tick font size in px
 */
export function rankedTicks(categories: readonly string[], rowPx: number, fontPx: number): string[] {
  const minGap = Math.ceil((fontPx * 1.25) / Math.max(rowPx, 1e-9));
  return thinByImportance(rankImportance(categories.length), minGap).map((i) => categories[i]);
}

/** A point that wants a text label, with its importance (higher = labelled first). */
export interface LabelPoint {
  /** x in data units (numbers, or ISO dates as strings) */
  x: number | string;
  y: number;
  text: string;
  importance: number;
}

/** The plot area the points are drawn in, in data units and px. */
export interface PlotBox {
  xRange: [number | string, number | string];
  yRange: [number, number];
  widthPx: number;
  heightPx: number;
  fontPx: number;
  /** Marker radius in px (labels keep clear of every marker). */
  markerPx?: number;
}

const CANDIDATES = ["top left", "top right", "bottom left", "bottom right", "middle left", "middle right", "top center", "bottom center"] as const;
/** Plotly's `textposition` of one point's label; "" when the label is dropped. */
export type TextPosition = (typeof CANDIDATES)[number] | "";

const num = (v: number | string) => (typeof v === "number" ? v : Date.parse(v));

/**
 * Place point labels so that none covers another label or another point and all stay inside the plot
 * area: points are taken by importance, each tries the eight positions around its marker (the first
 * candidate is plotly's usual "top left"), and a label that fits nowhere is dropped (its value stays in
 * the hover and the CSV).
 *
 * @param points labelled points
 * @param box the plot area (use the narrowest width the chart is drawn at: wider only spreads points)
 * @returns one text position per point, in input order
 */
export function placePointLabels(points: readonly LabelPoint[], box: PlotBox): TextPosition[] {
  const [x0, x1] = box.xRange.map(num);
  const [y0, y1] = box.yRange;
  const px = (x: number | string) => ((num(x) - x0) / (x1 - x0 || 1)) * box.widthPx;
  const py = (y: number) => box.heightPx - ((y - y0) / (y1 - y0 || 1)) * box.heightPx;
  const r = box.markerPx ?? 5;
  const h = box.fontPx * 1.2;
  type Rect = [number, number, number, number];
  const taken: Rect[] = points.map((p) => [px(p.x) - r, py(p.y) - r, px(p.x) + r, py(p.y) + r]);
  const hits = (a: Rect, b: Rect) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const out: TextPosition[] = points.map(() => "");
  const order = points.map((p, i) => ({ p, i })).sort((a, b) => b.p.importance - a.p.importance || a.i - b.i);
  for (const { p, i } of order) {
    if (!p.text) continue;
    const w = textWidthPx(p.text, box.fontPx);
    const cx = px(p.x);
    const cy = py(p.y);
    for (const pos of CANDIDATES) {
      const [v, hz] = pos.split(" ");
      const left = hz === "left" ? cx - r - 2 - w : hz === "right" ? cx + r + 2 : cx - w / 2;
      const top = v === "top" ? cy - r - 1 - h : v === "bottom" ? cy + r + 1 : cy - h / 2;
      const rect: Rect = [left, top, left + w, top + h];
      if (rect[0] < 0 || rect[2] > box.widthPx || rect[1] < 0 || rect[3] > box.heightPx) continue;
      if (taken.some((t, j) => j !== i && hits(rect, t))) continue;
      out[i] = pos;
      taken.push(rect);
      break;
    }
  }
  return out;
}
