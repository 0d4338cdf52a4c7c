/**
 * Split an integer total into integer parts proportional to weights, exactly (largest-remainder /
 * Hamilton method): the parts always add up to the total, and each part is its exact quota rounded
 * down or up. Ties go to the earlier unit, so the result is deterministic.
 *
 * @param total integer amount to split (e.g. 万元 or fen), ≥ 0
 * @param weights non-negative weights, not all zero unless total is 0
 * @returns integer parts, one per weight, summing to total
 * @throws RangeError for a negative or non-integer total, negative or non-finite weights
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`apportion requires a non-negative integer total, got ${total}`);
  let sum = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`apportion requires non-negative finite weights, got ${w}`);
    sum += w;
  }
  if (total === 0) return weights.map(() => 0);
  if (sum === 0) throw new RangeError("apportion requires at least one positive weight");
  const quotas = weights.map((w) => (w / sum) * total);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, r: q - Math.floor(q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length) {
    if (weights[order[k].i] > 0) {
      parts[order[k].i]++;
      left--;
    }
  }
  return parts;
}
