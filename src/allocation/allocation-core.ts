import { applyTransition, type TransitionResult } from "./apply-transition.js";
import { clampToBudget, type ClampResult } from "./clamp-to-budget.js";
import { normaliseFactor } from "./normalise-factor.js";
import type { AllocationRule } from "./rule-schema.js";
import { FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "./units-columns.js";

/** Why one factor's pool is what it is: its weight and its money before county-level adjustments. */
export interface FactorPool {
  id: string;
  groupId: string;
  label?: string;
  column: string;
  /** Group weight × factor weight, as a share of the formula pool. */
  effectiveWeight: number;
  /** Exact money in this factor's pool, fen. */
  poolFen: number;
}

/** Every intermediate amount of one allocation, exact (float fen), before whole-fen rounding. */
export interface AllocationCore {
  factors: FactorPool[];
  contributions: Float64Array[];
  matching: Float64Array;
  coefficientAdjustment: Float64Array;
  formula: Float64Array;
  deduction: Float64Array;
  reward: Float64Array;
  preliminary: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  lowerKind: Array<"floor" | "hold-harmless">;
  clamped: ClampResult;
  /** Transition protections against the baseline (null when the rule has none). */
  transition: TransitionResult | null;
  /** Final exact amounts (the transition's when there is one, else the clamped ones), fen. */
  finalFen: Float64Array;
  /** Whole-fen bounds the final rounding must respect. */
  finalLower: Float64Array;
  finalUpper: Float64Array;
  rewardPoolFen: number;
  deductedFen: number;
}

/**
 * The arithmetic of `allocate` (steps 1–7, see there) on checked column arrays, shared with the Monte Carlo
 * simulation so both follow one rule. Internal: call `allocate` for a checked, rounded, explained result.
 *
 * @param r a validated rule
 * @param numbers numeric columns by name (as from `readUnitColumns`)
 * @param texts text columns by name
 * @param n number of counties
 * @param budgetFen whole-fen budget > 0
 * @param ids county ids for messages
 * @param scoreCache optional cache of factor scores by factor id, for columns the caller knows do not change
 * @returns exact intermediate amounts
 * @throws RangeError on infeasible floors and ceilings, naming the numbers
 */
export function allocationCore(
  r: AllocationRule,
  numbers: Map<string, Float64Array>,
  texts: Map<string, string[]>,
  n: number,
  budgetFen: number,
  ids: readonly string[],
  scoreCache?: Map<string, Float64Array>,
): AllocationCore {
  const num = (c: string): Float64Array => numbers.get(c)!;
  const pupils = num("pupils");
  // 1. Reward top slice.
  const inc = r.incentives;
  const rewardPoolFen = (inc?.rewardPoolShare ?? 0) * budgetFen;
  let formulaBudget = budgetFen - rewardPoolFen;

  // 2. Matching-ratio claims come off the top.
  const matching = new Float64Array(n);
  if (r.matching?.kind === "matching-ratio") {
    const delivered = num(r.matching.column);
    let claims = 0;
    for (let i = 0; i < n; i++) claims += r.matching.ratio * delivered[i] * FEN_PER_WAN_YUAN;
    const cap = r.matching.capRatio * formulaBudget;
    const scale = claims > cap ? cap / claims : 1;
    let paid = 0;
    for (let i = 0; i < n; i++) {
      matching[i] = r.matching.ratio * delivered[i] * FEN_PER_WAN_YUAN * scale;
      paid += matching[i];
    }
    formulaBudget -= paid;
  }

  // 3. Group and factor pools.
  let groupTotal = r.groups.reduce((s, g) => s + g.weight, 0);
  if (r.matching?.kind === "matching-share") {
    const delivered = num(r.matching.column);
    const deliveredTotal = delivered.reduce((s, x) => s + x, 0);
    if (deliveredTotal > 0) {
      const weightTotal = groupTotal + r.matching.weight;
      const pool = (formulaBudget * r.matching.weight) / weightTotal;
      for (let i = 0; i < n; i++) matching[i] += (pool * delivered[i]) / deliveredTotal;
      formulaBudget -= pool;
    }
  }
  if (!(groupTotal > 0)) {
    // All group weight sits in matching-share; with no delivered matching the pool follows pupils.
    groupTotal = 1;
  }
  const factors: FactorPool[] = [];
  const contributions: Float64Array[] = [];
  const factorMoney = new Float64Array(n);
  for (const g of r.groups) {
    for (const f of g.factors) {
      const id = f.id ?? f.column;
      const effectiveWeight = (g.weight / groupTotal) * f.weight;
      const poolFen = formulaBudget * effectiveWeight;
      const population = f.normalisation === "per-capita" ? num(f.population ?? "pupils") : undefined;
      const scores = scoreCache?.get(id) ?? normaliseFactor(num(f.column), f.direction, f.normalisation, population);
      const scoreTotal = scores.reduce((s, x) => s + x, 0);
      const contribution = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        contribution[i] = scoreTotal > 0 ? (poolFen * scores[i]) / scoreTotal : poolFen / n;
        factorMoney[i] += contribution[i];
      }
      factors.push({ id, groupId: g.id, ...(f.label !== undefined ? { label: f.label } : {}), column: f.column, effectiveWeight, poolFen });
      contributions.push(contribution);
    }
  }
  if (r.groups.every((g) => g.weight === 0) && formulaBudget > 0) {
    // Only reachable when matching-share holds all weight but nobody delivered: share by pupils instead.
    const total = pupils.reduce((s, x) => s + x, 0);
    for (let i = 0; i < n; i++) factorMoney[i] = total > 0 ? (formulaBudget * pupils[i]) / total : formulaBudget / n;
  }

  // 4. Coefficients on factor money.
  const coefficient = countyCoefficients(r, numbers, texts, n);
  const coefficientAdjustment = new Float64Array(n);
  if (coefficient) {
    let weighted = 0;
    let plain = 0;
    for (let i = 0; i < n; i++) {
      weighted += coefficient[i] * factorMoney[i];
      plain += factorMoney[i];
    }
    if (plain > 0) {
      if (!(weighted > 0)) throw new RangeError("allocate requires a positive regional or matching coefficient for some county with formula money");
      for (let i = 0; i < n; i++) coefficientAdjustment[i] = (plain * coefficient[i] * factorMoney[i]) / weighted - factorMoney[i];
    }
  }
  const formula = new Float64Array(n);
  for (let i = 0; i < n; i++) formula[i] = factorMoney[i] + coefficientAdjustment[i] + matching[i];

  // 5. Deductions.
  const deduction = new Float64Array(n);
  for (const d of inc?.deductions ?? []) {
    const values = num(d.column);
    for (let i = 0; i < n; i++) {
      const want = d.kind === "progress" ? (values[i] < d.threshold ? d.share * formula[i] : 0) : d.share * values[i] * FEN_PER_WAN_YUAN;
      deduction[i] = Math.min(formula[i], deduction[i] + want);
    }
  }
  const deductedFen = deduction.reduce((s, x) => s + x, 0);
  const afterDeduction = new Float64Array(n);
  for (let i = 0; i < n; i++) afterDeduction[i] = formula[i] - deduction[i];

  // 6. Rewards (or redistribution of deductions).
  const reward = new Float64Array(n);
  const pool = rewardPoolFen + deductedFen;
  if (pool > 0) {
    const basis = new Float64Array(n);
    if (inc?.reward) {
      const values = num(inc.reward.column);
      for (let i = 0; i < n; i++) {
        if (values[i] < inc.reward.threshold) continue;
        basis[i] = inc.reward.basis === "formula" ? formula[i] : inc.reward.basis === "pupils" ? pupils[i] : 1;
      }
    } else for (let i = 0; i < n; i++) basis[i] = deduction[i] === 0 ? formula[i] : 0;
    if (!(basis.reduce((s, x) => s + x, 0) > 0)) {
      for (let i = 0; i < n; i++) basis[i] = afterDeduction[i];
      if (!(basis.reduce((s, x) => s + x, 0) > 0)) basis.fill(1);
    }
    const basisTotal = basis.reduce((s, x) => s + x, 0);
    for (let i = 0; i < n; i++) reward[i] = (pool * basis[i]) / basisTotal;
  }
  const preliminary = new Float64Array(n);
  for (let i = 0; i < n; i++) preliminary[i] = afterDeduction[i] + reward[i];

  // 7. Bounds.
  const { lower, upper, lowerKind } = countyBounds(r, numbers, pupils, budgetFen, n);
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) {
      throw new RangeError(
        `allocate cannot meet county ${ids[i]}'s floor ${fmt(lower[i])} because its ceiling is ${fmt(upper[i])}`,
      );
    }
  }
  const sumLower = lower.reduce((s, x) => s + x, 0);
  const sumUpper = upper.reduce((s, x) => s + x, 0);
  if (sumLower > budgetFen) {
    throw new RangeError(`allocate cannot meet the floors: they sum to ${fmt(sumLower)} but the budget is ${fmt(budgetFen)}`);
  }
  if (sumUpper < budgetFen) {
    throw new RangeError(`allocate cannot place the budget under the ceilings: they sum to ${fmt(sumUpper)} but the budget is ${fmt(budgetFen)}`);
  }
  const clamped = clampToBudget(preliminary, lower, upper, budgetFen);

  // 8. Transition protections against a baseline, last.
  let transition: TransitionResult | null = null;
  if (r.transition) {
    const t = r.transition;
    const baseline = Float64Array.from(num(t.baselineColumn), (w) => w * FEN_PER_WAN_YUAN);
    transition = applyTransition(clamped.valuesFen, baseline, pupils, t.baselinePupilsColumn ? num(t.baselinePupilsColumn) : undefined, budgetFen, t, ids);
  }
  const finalFen = transition ? transition.valuesFen : clamped.valuesFen;
  const finalLower = transition ? transition.lowerFen : lower;
  const finalUpper = transition ? transition.upperFen : upper;

  return { factors, contributions, matching, coefficientAdjustment, formula, deduction, reward, preliminary, lower, upper, lowerKind, clamped, transition, finalFen, finalLower, finalUpper, rewardPoolFen, deductedFen };
}

/** Product of the regional coefficient and the matching multiplier per county, or null when the rule has neither. */
function countyCoefficients(
  rule: AllocationRule,
  numbers: Map<string, Float64Array>,
  texts: Map<string, string[]>,
  n: number,
): Float64Array | null {
  const reg = rule.regional;
  const m = rule.matching?.kind === "matching-multiplier" ? rule.matching : undefined;
  if (!reg && !m) return null;
  const out = new Float64Array(n).fill(1);
  if (reg?.kind === "column") {
    const c = numbers.get(reg.column)!;
    for (let i = 0; i < n; i++) out[i] *= c[i];
  } else if (reg?.kind === "lookup") {
    const labels = texts.get(reg.column)!;
    for (let i = 0; i < n; i++) out[i] *= reg.multipliers[labels[i]] ?? reg.otherwise;
  }
  if (m) {
    const committed = numbers.get(m.committedColumn)!;
    const delivered = numbers.get(m.deliveredColumn)!;
    for (let i = 0; i < n; i++) {
      const e = committed[i] > 0 ? Math.min(1, delivered[i] / committed[i]) : 0;
      out[i] *= m.elasticity !== undefined ? (1 + e) ** m.elasticity : 1 + (m.factor ?? 0) * e;
    }
  }
  return out;
}

/** Per-county floors (rounded up to whole fen) and ceilings (rounded down), and which floor is the largest. */
export function countyBounds(rule: AllocationRule, numbers: Map<string, Float64Array>, pupils: Float64Array, budgetFen: number, n: number) {
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  const lowerKind: Array<"floor" | "hold-harmless"> = new Array(n).fill("floor");
  const b = rule.bounds;
  if (!b) return { lower, upper, lowerKind };
  const lastYear = b.holdHarmless ? numbers.get(b.holdHarmless.column)! : undefined;
  for (let i = 0; i < n; i++) {
    let lo = 0;
    if (b.floor?.perCountyWanYuan !== undefined) lo = Math.max(lo, b.floor.perCountyWanYuan * FEN_PER_WAN_YUAN);
    if (b.floor?.perPupilYuan !== undefined) lo = Math.max(lo, b.floor.perPupilYuan * FEN_PER_YUAN * pupils[i]);
    if (b.holdHarmless && lastYear) {
      const hh = b.holdHarmless.share * lastYear[i] * FEN_PER_WAN_YUAN;
      if (hh > lo) lowerKind[i] = "hold-harmless";
      lo = Math.max(lo, hh);
    }
    let hi = Infinity;
    if (b.ceiling?.perCountyWanYuan !== undefined) hi = Math.min(hi, b.ceiling.perCountyWanYuan * FEN_PER_WAN_YUAN);
    if (b.ceiling?.perPupilYuan !== undefined) hi = Math.min(hi, b.ceiling.perPupilYuan * FEN_PER_YUAN * pupils[i]);
    if (b.ceiling?.budgetShare !== undefined) hi = Math.min(hi, b.ceiling.budgetShare * budgetFen);
    // Whole-fen bounds, nudged by 1e-6 fen so that float noise (e.g. 0.1 × 3e6) does not add or lose a fen.
    lower[i] = Math.ceil(lo - 1e-6);
    upper[i] = Number.isFinite(hi) ? Math.floor(hi + 1e-6) : Infinity;
  }
  return { lower, upper, lowerKind };
}

/** `123456789 fen (123.456789 万元)`: both units, so a planner can check against a budget sheet. */
function fmt(fen: number): string {
  if (!Number.isFinite(fen)) return "unlimited";
  return `${fen} fen (${fen / FEN_PER_WAN_YUAN} 万元)`;
}
