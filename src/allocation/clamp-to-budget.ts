/** Where each county ended up after clamping: below its lower bound, free, or at its upper bound. */
export type ClampStatus = -1 | 0 | 1;

/** Result of `clampToBudget`: exact amounts, the common scale factor λ and which counties are clamped. */
export interface ClampResult {
  /** Exact amounts in fen, Σ = budget up to float rounding (well under 1 fen). */
  valuesFen: Float64Array;
  /** The factor every free county's preliminary amount was multiplied by. */
  scale: number;
  /** -1 = held at its lower bound, 1 = held at its upper bound, 0 = free. */
  status: Int8Array;
}

/**
 * Impose per-county floors and ceilings on a preliminary allocation while keeping the total equal to the budget.
 *
 * Counties pushed below their floor are lifted to it, those above their ceiling cut to it, and everyone else is
 * rescaled by one common factor λ to pay for it: value_i = clamp(λ·p_i, L_i, U_i) with Σ value = budget. This is
 * the fixed point of the usual iterative procedure (clamp, rescale the free counties, repeat), found exactly by
 * sweeping the breakpoints L_i/p_i and U_i/p_i of the piecewise-linear total instead of iterating, so it cannot
 * stall or oscillate. Rescaling keeps the free counties' relative shares, i.e. the formula's judgement.
 * If even λ → ∞ leaves money unplaced (the counties the formula favours are all at their ceilings), the rest goes to
 * the counties with a zero formula share in proportion to their headroom U_i − L_i.
 *
 * @param preliminaryFen formula amounts p_i ≥ 0, in fen
 * @param lowerFen floors L_i ≥ 0, in fen
 * @param upperFen ceilings U_i ≥ L_i, in fen (Infinity = none)
 * @param budgetFen the total to keep, with Σ L ≤ budget ≤ Σ U
 * @returns exact clamped amounts, λ and each county's status
 * @throws RangeError when the bounds make the budget infeasible
 * @example Array.from(clampToBudget([60, 30, 10], [0, 0, 20], [50, Infinity, Infinity], 100).valuesFen) // [50, 30, 20]
 * @see allocate, which explains infeasibility in a planner's words before calling this
 */
export function clampToBudget(
  preliminaryFen: ArrayLike<number>,
  lowerFen: ArrayLike<number>,
  upperFen: ArrayLike<number>,
  budgetFen: number,
): ClampResult {
  const n = preliminaryFen.length;
  let sumLower = 0;
  let sumUpper = 0;
  for (let i = 0; i < n; i++) {
    if (lowerFen[i] > upperFen[i]) throw new RangeError(`clampToBudget requires lower ≤ upper, got ${lowerFen[i]} > ${upperFen[i]} at index ${i}`);
    sumLower += lowerFen[i];
    sumUpper += upperFen[i];
  }
  if (sumLower > budgetFen) throw new RangeError(`clampToBudget requires floors summing to at most the budget, got ${sumLower} > ${budgetFen}`);
  if (sumUpper < budgetFen) throw new RangeError(`clampToBudget requires ceilings summing to at least the budget, got ${sumUpper} < ${budgetFen}`);

  // Fast path (the common case in Monte Carlo runs): nothing binds, so the preliminary amounts stand (λ = 1).
  let total = 0;
  let inside = true;
  for (let i = 0; i < n && inside; i++) {
    total += preliminaryFen[i];
    inside = preliminaryFen[i] >= lowerFen[i] && preliminaryFen[i] <= upperFen[i];
  }
  if (inside && Math.abs(total - budgetFen) <= 1e-9 * budgetFen) {
    return { valuesFen: Float64Array.from(preliminaryFen), scale: 1, status: new Int8Array(n) };
  }

  // Sweep λ upward: f(λ) = Σ_{λ<a_i} L_i + Σ_{a_i≤λ≤b_i} λ p_i + Σ_{λ>b_i} U_i, with a_i = L_i/p_i, b_i = U_i/p_i.
  const events: Array<{ at: number; i: number; enter: boolean }> = [];
  let constant = 0; // Σ of L over counties not yet free plus Σ of U over counties past their ceiling
  for (let i = 0; i < n; i++) {
    constant += lowerFen[i];
    if (preliminaryFen[i] > 0) {
      events.push({ at: lowerFen[i] / preliminaryFen[i], i, enter: true });
      if (Number.isFinite(upperFen[i])) events.push({ at: upperFen[i] / preliminaryFen[i], i, enter: false });
    }
  }
  events.sort((x, y) => x.at - y.at || Number(y.enter) - Number(x.enter));
  let slope = 0;
  let scale = NaN;
  let previous = 0;
  for (const e of events) {
    // Total at this breakpoint before applying the event.
    const total = constant + slope * e.at;
    if (total >= budgetFen && slope > 0) {
      scale = previous + (budgetFen - (constant + slope * previous)) / slope;
      break;
    }
    if (total >= budgetFen && slope === 0) {
      scale = e.at;
      break;
    }
    if (e.enter) {
      constant -= lowerFen[e.i];
      slope += preliminaryFen[e.i];
    } else {
      slope -= preliminaryFen[e.i];
      constant += upperFen[e.i];
    }
    previous = e.at;
  }
  if (Number.isNaN(scale) && slope > 0) scale = (budgetFen - constant) / slope;

  const valuesFen = new Float64Array(n);
  const status = new Int8Array(n);
  let placed = 0;
  for (let i = 0; i < n; i++) {
    const v = Number.isNaN(scale) ? (preliminaryFen[i] > 0 ? upperFen[i] : lowerFen[i]) : preliminaryFen[i] * scale;
    if (v < lowerFen[i]) {
      valuesFen[i] = lowerFen[i];
      status[i] = -1;
    } else if (v > upperFen[i]) {
      valuesFen[i] = upperFen[i];
      status[i] = 1;
    } else valuesFen[i] = v;
    placed += valuesFen[i];
  }
  if (Number.isNaN(scale)) {
    // The formula cannot place the rest: fill counties it gives nothing, in proportion to their headroom.
    // Counties without a ceiling share equally; otherwise in proportion to headroom.
    const rest = budgetFen - placed;
    let room = 0;
    let unbounded = 0;
    for (let i = 0; i < n; i++) {
      if (preliminaryFen[i] !== 0) continue;
      if (Number.isFinite(upperFen[i])) room += upperFen[i] - lowerFen[i];
      else unbounded += 1;
    }
    for (let i = 0; i < n; i++) {
      if (preliminaryFen[i] !== 0) continue;
      const headroom = upperFen[i] - lowerFen[i];
      const extra = unbounded > 0 ? (Number.isFinite(upperFen[i]) ? 0 : rest / unbounded) : room > 0 ? (rest * headroom) / room : 0;
      valuesFen[i] = lowerFen[i] + extra;
      status[i] = extra > 0 ? 0 : status[i];
    }
    scale = Infinity;
  }
  return { valuesFen, scale, status };
}
