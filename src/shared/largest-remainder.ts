/**
 * Round exact money amounts to whole fen so that they add up to the total exactly (largest-remainder method,
 * a.k.a. Hamilton's method), while staying within per-county integer bounds.
 *
 * Every county first gets its amount rounded down; the fen left over go one each to the counties with the largest
 * fractional parts (ties to the earlier county), skipping a county already at its upper bound. Rounding each amount
 * on its own would make the county totals miss the budget by a few fen, which an audit of 专项资金 would flag.
 *
 * @param exactFen exact (fractional) amounts in fen, each ≥ 0 and within its bounds
 * @param totalFen the whole-fen total the result must add up to (an integer)
 * @param lowerFen optional integer lower bounds per county (fen)
 * @param upperFen optional integer upper bounds per county (fen; Infinity = none)
 * @returns whole-fen amounts, Σ = totalFen
 * @throws RangeError when totalFen is not an integer or the bounds leave no room for the leftover fen
 * @example Array.from(largestRemainder([1.5, 1.3, 2.2], 5)) // [2, 1, 2]
 * @see Balinski & Young (1982), Fair Representation, on Hamilton's method
 */
export function largestRemainder(
  exactFen: ArrayLike<number>,
  totalFen: number,
  lowerFen?: ArrayLike<number>,
  upperFen?: ArrayLike<number>,
): Float64Array {
  if (!Number.isSafeInteger(totalFen)) throw new RangeError(`largestRemainder requires a whole-fen total, got ${totalFen}`);
  const n = exactFen.length;
  const base = new Float64Array(n);
  const remainder = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const lo = lowerFen ? lowerFen[i] : 0;
    const hi = upperFen ? upperFen[i] : Infinity;
    base[i] = Math.min(hi, Math.max(lo, Math.floor(exactFen[i])));
    remainder[i] = exactFen[i] - base[i];
    sum += base[i];
  }
  let left = totalFen - sum;
  if (left === 0) return base;
  const order = Array.from({ length: n }, (_, i) => i);
  if (left > 0) {
    order.sort((a, b) => remainder[b] - remainder[a] || a - b);
    // Passes repeat only if bounds skipped counties; one pass suffices when inputs lie within their bounds.
    while (left > 0) {
      let placed = 0;
      for (const i of order) {
        if (left === 0) break;
        const hi = upperFen ? upperFen[i] : Infinity;
        if (base[i] + 1 <= hi) {
          base[i] += 1;
          left -= 1;
          placed += 1;
        }
      }
      if (placed === 0) throw new RangeError(`largestRemainder cannot place ${left} fen within the upper bounds`);
    }
  } else {
    order.sort((a, b) => remainder[a] - remainder[b] || b - a);
    while (left < 0) {
      let taken = 0;
      for (const i of order) {
        if (left === 0) break;
        const lo = lowerFen ? lowerFen[i] : 0;
        if (base[i] - 1 >= lo) {
          base[i] -= 1;
          left += 1;
          taken += 1;
        }
      }
      if (taken === 0) throw new RangeError(`largestRemainder cannot remove ${-left} fen within the lower bounds`);
    }
  }
  return base;
}
