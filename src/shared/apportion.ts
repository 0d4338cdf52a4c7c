import { largestRemainder } from "./largest-remainder.js";

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
  // Zero-weight units are capped at zero so the leftover units never reach them.
  const quotas = weights.map((w) => (w / sum) * total);
  return Array.from(largestRemainder(quotas, total, undefined, weights.map((w) => (w > 0 ? Infinity : 0))));
}
