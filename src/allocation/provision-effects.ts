import { allocate } from "./allocate.js";
import { countyQuartiles } from "./county-quartiles.js";
import type { CountyUnits } from "./read-unit-columns.js";
import type { AllocationRule } from "./rule-schema.js";

/** What one provision does: the rule with it against the rule without it. */
export interface ProvisionEffectRow {
  /** `floor`, `ceiling`, `holdHarmless`, `matching`, `regional`, `reward`, `deductions`, `guarantee`, `gainsCap`, `path`, `all`, `interaction`. */
  id: string;
  labelZh: string;
  labelEn: string;
  /** Money the provision moves: Σ over counties of max(0, with − without), fen (what it costs the others). */
  movedFen: number;
  /** Σ (with − without) by fiscal-capacity quartile (index 0 = Q1, the lowest capacity), fen; sums to 0. */
  byFiscalCapacityQuartileFen: [number, number, number, number];
  /** Σ (with − without) by poverty quartile (index 3 = Q4, the highest poverty rate), fen; sums to 0. */
  byPovertyQuartileFen: [number, number, number, number];
  /** Per county (with − without), fen, in the units' order. */
  perCountyFen: number[];
}

/** Where an increment of the budget goes. */
export interface IncrementEffect {
  incrementFen: number;
  rows: { countyId: string; countyName: string; extraFen: number; share: number }[];
  byFiscalCapacityQuartileFen: [number, number, number, number];
  byPovertyQuartileFen: [number, number, number, number];
}

/** Result of `provisionEffects`. */
export interface ProvisionEffects {
  /** One row per provision the rule has, then `all` (every provision off) and `interaction` (all − Σ single rows). */
  rows: ProvisionEffectRow[];
  increment: IncrementEffect | null;
}

const LABELS: Record<string, [string, string]> = {
  floor: ["保底（每县、生均）", "floors (per county, per pupil)"],
  ceiling: ["上限", "ceilings"],
  holdHarmless: ["不低于上年比例", "hold-harmless"],
  matching: ["配套因素", "matching"],
  regional: ["区域系数", "regional coefficients"],
  reward: ["奖励", "reward"],
  deductions: ["扣减", "deductions"],
  guarantee: ["最低保障（生均降幅上限）", "minimum funding guarantee"],
  gainsCap: ["增幅上限", "gains cap"],
  path: ["多年过渡", "multi-year path"],
  all: ["全部条款（与纯因素公式相比）", "all provisions (against the bare formula)"],
  interaction: ["条款之间的交互", "interaction between provisions"],
};

/** The rule without one provision (or without all of them). */
function without(rule: AllocationRule, id: string): AllocationRule {
  const r: AllocationRule = structuredClone(rule);
  const dropBounds = (key: "floor" | "ceiling" | "holdHarmless") => {
    if (!r.bounds) return;
    delete r.bounds[key];
    if (!r.bounds.floor && !r.bounds.ceiling && !r.bounds.holdHarmless) delete r.bounds;
  };
  const dropTransition = (key: "guarantee" | "gainsCap" | "path") => {
    if (!r.transition) return;
    delete r.transition[key];
    if (!r.transition.guarantee && !r.transition.gainsCap && !r.transition.path) delete r.transition;
  };
  switch (id) {
    case "floor":
    case "ceiling":
    case "holdHarmless":
      dropBounds(id);
      break;
    case "matching":
      // A matching-share weight goes back to the groups in proportion to their weights.
      if (r.matching?.kind === "matching-share") {
        const total = r.groups.reduce((s, g) => s + g.weight, 0);
        for (const g of r.groups) g.weight = total > 0 ? g.weight / total : 1 / r.groups.length;
      }
      delete r.matching;
      break;
    case "regional":
      delete r.regional;
      break;
    case "reward":
      if (r.incentives) {
        r.incentives.rewardPoolShare = 0;
        delete r.incentives.reward;
      }
      break;
    case "deductions":
      if (r.incentives) r.incentives.deductions = [];
      break;
    case "guarantee":
    case "gainsCap":
    case "path":
      dropTransition(id);
      break;
    case "all": {
      const bare = without(rule, "matching");
      delete bare.bounds;
      delete bare.regional;
      delete bare.incentives;
      delete bare.transition;
      return bare;
    }
  }
  return r;
}

/** The provisions a rule has, in display order. */
export function ruleProvisions(rule: AllocationRule): string[] {
  const out: string[] = [];
  if (rule.bounds?.floor) out.push("floor");
  if (rule.bounds?.ceiling) out.push("ceiling");
  if (rule.bounds?.holdHarmless) out.push("holdHarmless");
  if (rule.matching) out.push("matching");
  if (rule.regional) out.push("regional");
  if (rule.incentives && (rule.incentives.rewardPoolShare > 0 || rule.incentives.reward)) out.push("reward");
  if (rule.incentives && rule.incentives.deductions.length > 0) out.push("deductions");
  if (rule.transition?.guarantee) out.push("guarantee");
  if (rule.transition?.gainsCap) out.push("gainsCap");
  if (rule.transition?.path) out.push("path");
  return out;
}

/**
 * What each provision of a rule does, after NCES's study of Title I (each provision removed in turn, effect by
 * poverty quartile): the rule is re-run without each provision (floors, ceilings, hold-harmless, matching, regional
 * coefficients, reward, deductions, guarantee, gains cap, path), and with all of them off (the bare factor formula).
 * For each, the money it moves and where: the change by fiscal-capacity quartile and by poverty quartile. Each row
 * sums to 0 over the quartiles (the budget is the same with and without), and the rows add up: the single rows plus
 * the `interaction` row equal the `all` row, quartile by quartile. Optionally, where an increment of the budget goes.
 *
 * @param units the county units
 * @param rule a validated rule
 * @param budgetFen the budget in whole fen
 * @param context fiscal capacity per head and poverty rate per county (units order) for the quartiles
 * @param incrementFen an increment to trace (e.g. 1亿元 = 1e10 fen), or undefined
 * @returns one row per provision, `all`, `interaction`, and the increment's destination
 * @throws RangeError when the rule cannot allocate the budget (as `allocate`)
 * @example provisionEffects(units, rule, 1e12, ctx).rows.map((r) => r.id) // ["floor", "all", "interaction"]
 * @see NCES's study of the Title I formulas (each provision removed in turn, its effect by poverty quartile), as
 *   cited in issue 15; England's NFF illustrative allocations
 */
export function provisionEffects(
  units: CountyUnits,
  rule: AllocationRule,
  budgetFen: number,
  context: { fiscalCapacity?: ArrayLike<number>; poorShare?: ArrayLike<number> },
  incrementFen?: number,
): ProvisionEffects {
  const full = allocate(units, rule, { budgetFen });
  const n = full.rows.length;
  const capQ = context.fiscalCapacity ? countyQuartiles(context.fiscalCapacity) : new Array(n).fill(null);
  const povQ = context.poorShare ? countyQuartiles(context.poorShare) : new Array(n).fill(null);
  const byQuartile = (delta: readonly number[], q: readonly (number | null)[]) => {
    const out: [number, number, number, number] = [0, 0, 0, 0];
    delta.forEach((d, i) => {
      if (q[i] !== null) out[(q[i] as number) - 1] += d;
    });
    return out;
  };
  const row = (id: string, delta: number[]): ProvisionEffectRow => ({
    id,
    labelZh: LABELS[id][0],
    labelEn: LABELS[id][1],
    movedFen: delta.reduce((s, d) => s + Math.max(0, d), 0),
    byFiscalCapacityQuartileFen: byQuartile(delta, capQ),
    byPovertyQuartileFen: byQuartile(delta, povQ),
    perCountyFen: delta,
  });
  const deltaAgainst = (other: AllocationRule) => {
    const res = allocate(units, other, { budgetFen });
    return full.rows.map((r, i) => r.allocationFen - res.rows[i].allocationFen);
  };
  const ids = ruleProvisions(rule);
  const rows = ids.map((id) => row(id, deltaAgainst(without(rule, id))));
  const all = row("all", deltaAgainst(without(rule, "all")));
  const interaction = all.perCountyFen.map((d, i) => d - rows.reduce((s, r) => s + r.perCountyFen[i], 0));
  rows.push(all, row("interaction", interaction));
  let increment: IncrementEffect | null = null;
  if (incrementFen !== undefined && incrementFen > 0) {
    const more = allocate(units, rule, { budgetFen: budgetFen + incrementFen });
    const extra = full.rows.map((r, i) => more.rows[i].allocationFen - r.allocationFen);
    increment = {
      incrementFen,
      rows: full.rows
        .map((r, i) => ({ countyId: r.countyId, countyName: r.countyName, extraFen: extra[i], share: extra[i] / incrementFen }))
        .sort((a, b) => b.extraFen - a.extraFen || a.countyId.localeCompare(b.countyId)),
      byFiscalCapacityQuartileFen: byQuartile(extra, capQ),
      byPovertyQuartileFen: byQuartile(extra, povQ),
    };
  }
  return { rows, increment };
}
