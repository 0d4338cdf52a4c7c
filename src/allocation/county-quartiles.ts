/**
 * Quartile of each county by a value, counting counties (not pupils): the quarter of counties with the lowest values
 * is quartile 1. Ties keep file order so the split is deterministic; a county with no value (NaN) gets null.
 * Used to say where money moves: by fiscal-capacity quartile (1 = poorest) and by poverty quartile (4 = poorest).
 *
 * @param values one per county
 * @returns 1–4 per county, or null where the value is missing
 * @example countyQuartiles([40, 10, 30, 20]) // [4, 1, 3, 2]
 * @see NCES Title I study (2009): effects of each provision by poverty quartile
 */
export function countyQuartiles(values: ArrayLike<number>): (1 | 2 | 3 | 4 | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) idx.push(i);
  idx.sort((a, b) => values[a] - values[b] || a - b);
  const out: (1 | 2 | 3 | 4 | null)[] = Array.from({ length: values.length }, () => null);
  idx.forEach((i, rank) => (out[i] = (Math.floor((4 * rank) / idx.length) + 1) as 1 | 2 | 3 | 4));
  return out;
}
