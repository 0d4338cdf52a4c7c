import * as aq from "arquero";
import { allocationCore, type FactorPool } from "./allocation-core.js";
export type { FactorPool } from "./allocation-core.js";
import { largestRemainder } from "../shared/largest-remainder.js";
import { readUnitColumns, type CountyUnits } from "./read-unit-columns.js";
import { ruleColumns } from "./rule-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import { FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "./units-columns.js";
import { validateRule } from "./validate-rule.js";

/** Options for `allocate`. */
export interface AllocateOptions {
  /** Total to allocate in whole fen (1 万元 = 1e6 fen); overrides the rule's `budgetWanYuan`. */
  budgetFen?: number;
  /** Label for error messages about the units (e.g. the county file's name). */
  source?: string;
}

/**
 * One county's allocation as a ledger a leader can read. All amounts are whole fen, and this identity holds exactly:
 * allocationFen = Σ contributionsFen + matchingFen + coefficientAdjustmentFen − deductionFen + rewardFen
 *                 + boundAdjustmentFen + transitionAdjustmentFen + roundingFen.
 */
export interface AllocationRow {
  countyId: string;
  countyName: string;
  pupils: number;
  /** Money from each factor (key = factor id), before coefficients and bounds, rounded to fen. */
  contributionsFen: Record<string, number>;
  /** Money from the matching component (matching-share or matching-ratio), fen. */
  matchingFen: number;
  /** Change from regional coefficients and a matching multiplier (sums to 0 over counties), fen. */
  coefficientAdjustmentFen: number;
  /** Formula money = contributions + matching + coefficient adjustment, fen (display; rounded on its own). */
  formulaFen: number;
  /** Money withheld for slow progress or idle balances (≥ 0), fen. */
  deductionFen: number;
  /** Reward for fast counties, or a share of money deducted from others when no reward is defined (≥ 0), fen. */
  rewardFen: number;
  /** Change from floors, ceilings and hold-harmless (sums to 0 over counties), fen. */
  boundAdjustmentFen: number;
  /** Change from the transition provisions against the baseline (path, guarantee, gains cap; sums to 0), fen. */
  transitionAdjustmentFen: number;
  /** Whole-fen rounding so the ledger adds up (|x| ≤ a few fen), fen. */
  roundingFen: number;
  /** What the county receives, whole fen. */
  allocationFen: number;
  /** The same in 万元, for display. */
  allocationWanYuan: number;
  /** Per pupil in 元 (null when the county reports no pupils). */
  allocationPerPupilYuan: number | null;
  /** The county's floor (largest of absolute, per-pupil and hold-harmless), fen. */
  lowerBoundFen: number;
  /** The county's ceiling, fen (null = none). */
  upperBoundFen: number | null;
  /** Which bound decided the amount, if any. */
  binding: "none" | "floor" | "hold-harmless" | "ceiling" | "guarantee" | "gains-cap";
}

/** The result of `allocate`: rows, the same as an arquero table, and the pools behind them. */
export interface AllocationResult {
  ruleName: string;
  budgetFen: number;
  rows: AllocationRow[];
  /** One row per county; contributions appear as `<factorId>ContributionFen` columns. */
  table: aq.ColumnTable;
  factors: FactorPool[];
  /** Exact (unrounded) allocations in fen, before largest-remainder rounding. */
  exactFen: Float64Array;
  /** The transition's gains scale and the guarantee's cost in fen, when the rule has transition provisions. */
  transition: { gainsScale: number; guaranteeCostFen: number } | null;
  /** Money set aside for rewards (top slice), fen (exact). */
  rewardPoolFen: number;
  /** Money deducted from slow or idle counties, fen (exact). */
  deductedFen: number;
}

/**
 * Allocate a budget over counties by a factor rule, conserving money exactly to the fen.
 *
 * The steps, in order (each visible in the output ledger):
 * 1. Top-slice the reward pool (`incentives.rewardPoolShare` × budget).
 * 2. A `matching-ratio` component pays `ratio` fen per fen of delivered local matching, scaled down pro rata if the
 *    claims exceed `capRatio` of what is left.
 * 3. The rest is the formula pool: each group gets its weight (a `matching-share` entry takes its weight in
 *    proportion to delivered matching funds; if no county delivered any, its weight returns to the groups), each
 *    factor its weight within the group, shared by county in proportion to `normaliseFactor` scores (all scores
 *    zero → equal shares).
 * 4. Regional coefficients and a `matching-multiplier` rescale each county's factor money, renormalised so the
 *    factor money total is unchanged (multiplier = (1 + e)^elasticity or 1 + factor·e, e = delivered/committed
 *    capped at 1, 0 when nothing was committed — a county that puts in nothing shows no effort).
 * 5. Deductions: `progress` withholds `share` of the county's formula money when its column is below `threshold`
 *    (河北: 酌情扣减年度专项补助资金); `idle-balance` withholds `share` × its idle balance; never more than its
 *    formula money.
 * 6. Rewards: the reward pool plus deducted money goes to counties at or above `reward.threshold`, in proportion to
 *    formula money, pupils or equally. Without a reward entry, deducted money goes to the counties not deducted, in
 *    proportion to formula money. If nobody qualifies it goes back to all counties in proportion to their money.
 * 7. Floors (absolute, per pupil, hold-harmless share of last year) and ceilings (absolute, per pupil, share of
 *    budget) by `clampToBudget`: clamped counties sit at their bound and the rest are rescaled together. A floor
 *    beats a deduction: a deducted county can be lifted back to its floor (both show in the ledger).
 * 8. Transition protections against a baseline (`transition`: path, minimum funding guarantee, gains cap with
 *    scaling; `applyTransition`), last, so the guarantee holds on what the county finally gets.
 * 9. Whole fen by `largestRemainder`, so Σ allocationFen = budgetFen exactly, within the guarantee and the cap.
 *
 * @param units county units (arquero table or rows) with the columns the rule names (see `unitsColumns`)
 * @param rule a rule (validated here again, so a hand-built object is checked too)
 * @param options `budgetFen` (whole fen > 0) unless the rule has `budgetWanYuan`
 * @returns per-county rows and table, the factor pools and exact amounts
 * @throws RangeError `allocate requires a positive budget` (and whole fen); plain messages naming the numbers when
 *   floors exceed the budget or ceilings fall short of it; DataValidationError for missing, NaN or negative columns
 *   with their row and column, or an invalid rule
 * @example allocate([{ countyId: "A", pupils: 3 }, { countyId: "B", pupils: 1 }], pupilsRule, { budgetFen: 100 }).rows.map((r) => r.allocationFen) // [75, 25]
 * @see 财政部 教育部 2014 factor method (4 类因素、10 个子因素), realdata/allocation/factors.csv; Hamilton rounding
 */
export function allocate(units: CountyUnits, rule: AllocationRule | AllocationRuleInput, options: AllocateOptions = {}): AllocationResult {
  const r = validateRule(rule);
  const budgetFen = resolveBudget(r, options);
  const cols = readUnitColumns(units, ruleColumns(r), options.source);
  const n = cols.rowCount;
  if (n === 0) throw new RangeError("allocate requires at least one county");
  const ids = cols.texts.get("countyId")!;
  const names = readNames(units, ids);
  const pupils = cols.numbers.get("pupils")!;
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RangeError(`allocate requires unique countyId values, got ${id} twice`);
    seen.add(id);
  }

  const core = allocationCore(r, cols.numbers, cols.texts, n, budgetFen, ids);
  const { factors, contributions, matching, coefficientAdjustment, formula, deduction, reward, preliminary, lowerKind, clamped, transition, finalFen, rewardPoolFen, deductedFen } = core;
  const lower = core.finalLower;
  const upper = core.finalUpper;

  // 9. Whole fen.
  const allocation = largestRemainder(finalFen, budgetFen, lower, upper);

  const rows: AllocationRow[] = [];
  const factorIds = factors.map((f) => f.id);
  for (let i = 0; i < n; i++) {
    const contributionsFen: Record<string, number> = {};
    let shown = 0;
    factorIds.forEach((id, k) => {
      contributionsFen[id] = Math.round(contributions[k][i]);
      shown += contributionsFen[id];
    });
    const matchingFen = Math.round(matching[i]);
    const coefficientAdjustmentFen = Math.round(coefficientAdjustment[i]);
    const deductionFen = Math.round(deduction[i]);
    const rewardFen = Math.round(reward[i]);
    const boundAdjustmentFen = Math.round(clamped.valuesFen[i] - preliminary[i]);
    const transitionAdjustmentFen = transition ? Math.round(finalFen[i] - clamped.valuesFen[i]) : 0;
    shown += matchingFen + coefficientAdjustmentFen - deductionFen + rewardFen + boundAdjustmentFen + transitionAdjustmentFen;
    const status = clamped.status[i];
    const tStatus = transition ? transition.status[i] : 0;
    rows.push({
      countyId: ids[i],
      countyName: names[i],
      pupils: pupils[i],
      contributionsFen,
      matchingFen,
      coefficientAdjustmentFen,
      formulaFen: Math.round(formula[i]),
      deductionFen,
      rewardFen,
      boundAdjustmentFen,
      transitionAdjustmentFen,
      roundingFen: allocation[i] - shown,
      allocationFen: allocation[i],
      allocationWanYuan: allocation[i] / FEN_PER_WAN_YUAN,
      allocationPerPupilYuan: pupils[i] > 0 ? allocation[i] / FEN_PER_YUAN / pupils[i] : null,
      lowerBoundFen: lower[i],
      upperBoundFen: Number.isFinite(upper[i]) ? upper[i] : null,
      binding: tStatus === 1 ? "guarantee" : tStatus === 2 ? "gains-cap" : status === 1 ? "ceiling" : status === -1 ? lowerKind[i] : "none",
    });
  }
  return {
    ruleName: r.name,
    budgetFen,
    rows,
    table: allocationTable(rows, factorIds, transition !== null),
    factors,
    exactFen: finalFen,
    transition: transition ? { gainsScale: transition.gainsScale, guaranteeCostFen: transition.guaranteeCostFen } : null,
    rewardPoolFen,
    deductedFen,
  };
}

function resolveBudget(rule: AllocationRule, options: AllocateOptions): number {
  const budget = options.budgetFen ?? (rule.budgetWanYuan !== undefined ? Math.round(rule.budgetWanYuan * FEN_PER_WAN_YUAN) : undefined);
  if (budget === undefined || !(budget > 0)) throw new RangeError("allocate requires a positive budget");
  if (!Number.isSafeInteger(budget)) throw new RangeError(`allocate requires a budget in whole fen below 2^53, got ${budget}`);
  return budget;
}

function readNames(units: CountyUnits, ids: string[]): string[] {
  const table = units instanceof aq.ColumnTable ? units : null;
  const rows = table ? null : (units as readonly Record<string, unknown>[]);
  return ids.map((id, i) => {
    const v = table ? (table.columnNames().includes("countyName") ? table.get("countyName", i) : undefined) : rows![i].countyName;
    return v === undefined || v === null || v === "" ? id : String(v);
  });
}

function allocationTable(rows: AllocationRow[], factorIds: string[], withTransition: boolean): aq.ColumnTable {
  const columns: Record<string, unknown[]> = {
    countyId: rows.map((r) => r.countyId),
    countyName: rows.map((r) => r.countyName),
    pupils: rows.map((r) => r.pupils),
  };
  for (const id of factorIds) columns[`${id}ContributionFen`] = rows.map((r) => r.contributionsFen[id]);
  const keys = [
    "matchingFen",
    "coefficientAdjustmentFen",
    "formulaFen",
    "deductionFen",
    "rewardFen",
    "boundAdjustmentFen",
    ...(withTransition ? (["transitionAdjustmentFen"] as const) : []),
    "roundingFen",
    "allocationFen",
    "allocationWanYuan",
    "allocationPerPupilYuan",
    "lowerBoundFen",
    "upperBoundFen",
    "binding",
  ] as const;
  for (const k of keys) columns[k] = rows.map((r) => r[k]);
  return aq.table(columns);
}

