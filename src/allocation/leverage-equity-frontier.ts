import { compareRules } from "./compare-rules.js";
import type { CountyUnits } from "./read-unit-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import { validateRule } from "./validate-rule.js";

/** One point of the frontier: a matching-share weight and what it buys in leverage and costs in equity. */
export interface FrontierPoint {
  matchingWeight: number;
  leverage: number;
  matchingDeliveredWanYuan: number;
  gini: number;
  mcLooneIndex: number;
  fiscalCapacityCorrelation: number | null;
  gapClosedShare: number | null;
}

/**
 * Trace the trade-off between drawing in local money and equity as the matching-share weight moves from 0 to a
 * maximum, the factor groups keeping their relative weights in what is left.
 *
 * This is the planning office's question behind 地方资金落实情况作为重要因素: every step of weight on delivered
 * matching raises leverage (if counties respond, elasticity > 0) and moves money toward counties that can match,
 * which are usually the richer ones, so fiscal neutrality and the gap closed fall.
 *
 * @param units county units (need `matchingDeliveredWanYuan` and `matchingCommittedWanYuan`)
 * @param rule base rule; its own matching entry is replaced by `{ kind: "matching-share", weight }`
 * @param options budget (fen), elasticity (≥ 0, default 0.3), maxWeight (0–1, default 0.5), steps (≥ 1, default 10)
 * @returns steps + 1 points from weight 0 to maxWeight
 * @throws RangeError on bad options; as `allocate`
 * @example leverageEquityFrontier(units, needOnly, { budgetFen: 1e10, steps: 5 }).map((p) => p.matchingWeight) // [0, 0.1, 0.2, 0.3, 0.4, 0.5]
 * @see compareRules
 */
export function leverageEquityFrontier(
  units: CountyUnits,
  rule: AllocationRule | AllocationRuleInput,
  options: { budgetFen: number; elasticity?: number; maxWeight?: number; steps?: number },
): FrontierPoint[] {
  const base = validateRule(rule);
  const maxWeight = options.maxWeight ?? 0.5;
  const steps = options.steps ?? 10;
  if (!(maxWeight >= 0 && maxWeight < 1)) throw new RangeError(`leverageEquityFrontier requires maxWeight from 0 to below 1, got ${maxWeight}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`leverageEquityFrontier requires a whole number of steps ≥ 1, got ${steps}`);
  const groupTotal = base.groups.reduce((s, g) => s + g.weight, 0);
  const rules = Array.from({ length: steps + 1 }, (_, k) => {
    const weight = (maxWeight * k) / steps;
    const { matching: _drop, ...rest } = base;
    const variant: AllocationRuleInput = {
      ...rest,
      name: `${base.name} + matching ${weight.toFixed(3)}`,
      groups: base.groups.map((g) => ({ ...g, weight: (g.weight / groupTotal) * (1 - weight) })),
      ...(weight > 0 ? { matching: { kind: "matching-share", weight } } : {}),
    };
    return variant;
  });
  return compareRules(units, rules, { budgetFen: options.budgetFen, elasticity: options.elasticity ?? 0.3 }).map((c, k) => ({
    matchingWeight: (maxWeight * k) / steps,
    leverage: c.leverage,
    matchingDeliveredWanYuan: c.matchingDeliveredWanYuan,
    gini: c.equity.gini,
    mcLooneIndex: c.equity.mcLooneIndex,
    fiscalCapacityCorrelation: c.equity.fiscalCapacityCorrelation,
    gapClosedShare: c.equity.gapClosedShare,
  }));
}
