import { clampToBudget } from "./clamp-to-budget.js";
import type { Transition } from "./rule-schema.js";

/** What the transition provisions did to each county, exact in fen. */
export interface TransitionResult {
  /** The amounts after the path, the guarantee and the gains cap, exact fen (Σ = budget up to float noise). */
  valuesFen: Float64Array;
  /** Where the path puts each county before the guarantee and the cap, exact fen. */
  pathFen: Float64Array;
  /** Whole-fen lower bound from the guarantee (0 where there is none). */
  lowerFen: Float64Array;
  /** Whole-fen upper bound from the gains cap (Infinity where there is none). */
  upperFen: Float64Array;
  /** 1 = lifted to the guarantee, 2 = held at the gains cap, 0 = neither. */
  status: Int8Array;
  /** The common factor applied to every uncapped gain above the baseline (1 = gains untouched). */
  gainsScale: number;
  /** What the guarantee costs: Σ of the lifts to the guarantee, fen. */
  guaranteeCostFen: number;
}

/**
 * Transition protections against a baseline (last year's allocation or another rule), in the manner of England's
 * school funding formula: a multi-year path toward the formula's end point, a minimum funding guarantee on the loss
 * per pupil, and a gains cap, with every gain above the baseline scaled by one factor to pay for the guarantee.
 *
 * 1. Path: with `path` (year y of n), each county moves the share y/n of the way from its baseline to the formula's
 *    amount. The baseline is first rescaled to this year's budget (b·B/Σb), so the path conserves the budget
 *    whether the budget grew or shrank.
 * 2. Guarantee: no county's amount per pupil falls more than `maxLossPerPupilShare` below its baseline per pupil
 *    (baseline ÷ baseline pupils, or this year's pupils when no baseline-pupils column is given): the floor is
 *    (1 − x) × baseline per pupil × this year's pupils, rounded up to the fen. Counties below it are lifted to it.
 * 3. Gains cap and scaling: counties above their baseline keep the baseline plus s × their gain, capped at
 *    (1 + g) × baseline per pupil × pupils (rounded down to the fen) when `gainsCap` is set; s is the one factor
 *    that makes the total equal the budget, so the gains pay for the guarantee (s < 1), or — when the cap frees more
 *    than the guarantee costs — the uncapped gains grow (s > 1); when every gainer is at its cap and money is still
 *    left, it goes to the other counties in proportion to their room under their cap (gains scale Infinity).
 *    Counties between their floor and their baseline
 *    keep the path's amount. Counties without a baseline (new ones) have no guarantee and no cap.
 * 4. When even taking every gain back does not pay the guarantee (a budget well below the baseline), the rest comes
 *    from every county above its guarantee in proportion to its distance above it; gains scale is then 0.
 *
 * @param targetFen the formula's amounts (after every other provision), exact fen, Σ = budget
 * @param baselineFen the baseline amounts, fen (≥ 0)
 * @param pupils this year's pupils
 * @param baselinePupils the baseline's pupils (this year's when absent)
 * @param budgetFen this year's budget, fen
 * @param t the rule's transition provisions
 * @param ids county ids for messages
 * @returns the exact amounts with their whole-fen bounds, what bound where, the gains scale and the guarantee's cost
 * @throws RangeError when the guaranteed amounts alone exceed the budget, or the cap leaves money nobody may take
 * @example applyTransition([50, 150], [100, 100], [1, 1], undefined, 200, { guarantee: { maxLossPerPupilShare: 0.1 } }, ["a", "b"]).valuesFen // [90, 110]
 * @see ESFA, The national funding formula for schools and high needs (2017): minimum funding guarantee, gains cap and scaling
 */
export function applyTransition(
  targetFen: ArrayLike<number>,
  baselineFen: ArrayLike<number>,
  pupils: ArrayLike<number>,
  baselinePupils: ArrayLike<number> | undefined,
  budgetFen: number,
  t: Pick<Transition, "guarantee" | "gainsCap" | "path">,
  ids: readonly string[],
): TransitionResult {
  const n = targetFen.length;
  let baselineTotal = 0;
  for (let i = 0; i < n; i++) baselineTotal += baselineFen[i];
  const path = new Float64Array(n);
  const f = t.path ? t.path.year / t.path.years : 1;
  for (let i = 0; i < n; i++) {
    const start = baselineTotal > 0 ? (baselineFen[i] * budgetFen) / baselineTotal : targetFen[i];
    path[i] = f >= 1 ? targetFen[i] : start + f * (targetFen[i] - start);
  }
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const heads = baselinePupils ? baselinePupils[i] : pupils[i];
    if (!(baselineFen[i] > 0) || !(heads > 0)) continue;
    const perPupil = baselineFen[i] / heads;
    // 1e-6 fen nudges keep float noise (0.95 × 1e8) from adding or losing a fen.
    if (t.guarantee) lower[i] = Math.ceil((1 - t.guarantee.maxLossPerPupilShare) * perPupil * pupils[i] - 1e-6);
    if (t.gainsCap) upper[i] = Math.max(lower[i], Math.floor((1 + t.gainsCap.maxGainPerPupilShare) * perPupil * pupils[i] + 1e-6));
  }
  const values = new Float64Array(n);
  const status = new Int8Array(n);
  let fixed = 0;
  let guaranteeCost = 0;
  const gainers: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = Math.min(baselineFen[i], upper[i]);
    if (path[i] < lower[i]) {
      values[i] = lower[i];
      status[i] = 1;
      guaranteeCost += lower[i] - path[i];
      fixed += values[i];
    } else if (baselineFen[i] > 0 && path[i] > base) gainers.push(i);
    else {
      values[i] = Math.min(path[i], upper[i]);
      if (values[i] < path[i]) status[i] = 2;
      fixed += values[i];
    }
  }
  // Gains above the baseline share what is left, scaled by one factor, each within its cap.
  let gainsScale = 1;
  const base = gainers.map((i) => Math.min(baselineFen[i], upper[i]));
  const gainBudget = budgetFen - fixed - base.reduce((s, x) => s + x, 0);
  if (gainers.length && gainBudget >= 0) {
    const gain = gainers.map((i, k) => path[i] - base[k]);
    const room = gainers.map((i, k) => upper[i] - base[k]);
    const roomTotal = room.reduce((s, x) => s + x, 0);
    if (gainBudget > roomTotal) {
      // The cap frees more than the guarantee needs even with every gainer at its cap: the rest goes to the
      // counties below their cap (losers and guaranteed counties), in proportion to their room under the cap.
      gainsScale = Infinity;
      gainers.forEach((i, k) => {
        values[i] = base[k] + room[k];
        status[i] = 2;
      });
      const surplus = gainBudget - roomTotal;
      const others = Array.from({ length: n }, (_, i) => i).filter((i) => status[i] !== 2);
      const otherRoom = others.map((i) => upper[i] - values[i]);
      const finiteRoom = otherRoom.filter(Number.isFinite).reduce((s, x) => s + x, 0);
      const uncapped = others.filter((_, k) => !Number.isFinite(otherRoom[k]));
      if (uncapped.length === 0 && surplus > finiteRoom + 1e-6 * Math.max(1, budgetFen)) {
        throw new RangeError(
          `applyTransition cannot place the budget under the gains cap: with every county at its cap ${Math.round(surplus - finiteRoom)} fen are left; raise maxGainPerPupilShare`,
        );
      }
      if (uncapped.length) {
        const weight = uncapped.reduce((s, i) => s + values[i], 0);
        for (const i of uncapped) values[i] += weight > 0 ? (surplus * values[i]) / weight : surplus / uncapped.length;
      } else others.forEach((i, k) => (values[i] += (surplus * otherRoom[k]) / finiteRoom));
    } else {
      const clamped = clampToBudget(gain, new Float64Array(gain.length), room, gainBudget);
      gainsScale = clamped.scale;
      gainers.forEach((i, k) => {
        values[i] = base[k] + clamped.valuesFen[k];
        if (clamped.status[k] === 1) status[i] = 2;
      });
    }
  } else {
    // Every gain is gone and the guarantee still needs money (a budget below the baseline): the rest comes from
    // every county above its guarantee, in proportion to how far above it is, so nobody falls below it.
    gainsScale = 0;
    gainers.forEach((i, k) => (values[i] = base[k]));
    let total = 0;
    let headroom = 0;
    for (let i = 0; i < n; i++) {
      total += values[i];
      if (status[i] !== 1) headroom += values[i] - lower[i];
    }
    const deficit = total - budgetFen;
    if (deficit > headroom + 1e-6 * Math.max(1, budgetFen)) {
      throw new RangeError(
        `applyTransition cannot pay the guarantee: the guaranteed amounts need ${Math.round(deficit - headroom)} fen more than the budget; lower maxLossPerPupilShare`,
      );
    }
    if (deficit < -1e-6 * Math.max(1, budgetFen)) {
      throw new RangeError(`applyTransition cannot place the budget: no county gains on its baseline to absorb ${Math.round(-deficit)} fen`);
    }
    if (headroom > 0 && deficit > 0) for (let i = 0; i < n; i++) if (status[i] !== 1) values[i] -= (deficit * (values[i] - lower[i])) / headroom;
  }
  return { valuesFen: values, pathFen: path, lowerFen: lower, upperFen: upper, status, gainsScale, guaranteeCostFen: guaranteeCost };
}
