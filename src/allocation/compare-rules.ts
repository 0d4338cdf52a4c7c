import { allocate } from "./allocate.js";
import { allocationEquity } from "./allocation-equity.js";
import type { EquityMeasures } from "./equity.js";
import { marginalMatchRate, matchingResponse } from "./matching-response.js";
import { readUnitColumns, type CountyUnits } from "./read-unit-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import { FEN_PER_WAN_YUAN } from "./units-columns.js";
import { validateRule } from "./validate-rule.js";

/** Options for `compareRules`. */
export interface CompareRulesOptions {
  /** Budget in whole fen, the same for every rule. */
  budgetFen: number;
  /** Price elasticity of local matching (≥ 0); 0 (default) compares rules on the data as observed. */
  elasticity?: number;
}

/** One rule's outcome: who gets what, how equal, how much local money it draws in. */
export interface RuleComparison {
  ruleName: string;
  allocationFen: Float64Array;
  equity: EquityMeasures;
  /** Delivered local matching after the behavioural response, 万元 (the observed total when elasticity is 0). */
  matchingDeliveredWanYuan: number;
  /** Local matching delivered per yuan of central money (leverage; the 2022 national figure is about 2.5). */
  leverage: number;
  /** Central yuan per extra local yuan under this rule. */
  matchRate: number;
}

/**
 * Run several rules on the same counties and budget and line up their outcomes: equity (Gini, McLoone, fiscal
 * neutrality, gap closed) and leverage of local money.
 *
 * With an elasticity, each rule's marginal match rate moves delivered matching (`matchingResponse`) and the rule is
 * re-run on the responded data (one step; a fixed point is not sought), so a matching-heavy rule shows the local
 * money it draws in as well as where central money goes. Without `matchingDeliveredWanYuan` in the units, leverage is 0.
 *
 * @param units county units with the columns every rule needs
 * @param rules rules to compare
 * @param options budget (fen) and elasticity
 * @returns one comparison per rule, in order
 * @throws as `allocate`
 * @example compareRules(units, [needOnly, matchingHeavy], { budgetFen: 1e10 }).map((c) => c.equity.gini)
 * @see leverageEquityFrontier
 */
export function compareRules(units: CountyUnits, rules: ReadonlyArray<AllocationRule | AllocationRuleInput>, options: CompareRulesOptions): RuleComparison[] {
  const elasticity = options.elasticity ?? 0;
  const matchingCols = tryMatching(units);
  return rules.map((input) => {
    const rule = validateRule(input);
    let delivered = matchingCols?.delivered;
    const total = (a?: ArrayLike<number>) => (a ? Array.from(a).reduce((s, x) => s + x, 0) : 0);
    const matchRate = marginalMatchRate(rule, options.budgetFen, total(delivered));
    let run = units;
    if (matchingCols && elasticity > 0 && matchRate > 0) {
      delivered = matchingResponse(matchingCols.delivered, matchingCols.committed, matchRate, elasticity);
      const responded = delivered;
      run = toRows(units).map((row, i) => ({ ...row, matchingDeliveredWanYuan: responded[i] }));
    }
    const result = allocate(run, rule, { budgetFen: options.budgetFen });
    const allocationFen = Float64Array.from(result.rows, (r) => r.allocationFen);
    const deliveredWanYuan = total(delivered);
    return {
      ruleName: rule.name,
      allocationFen,
      equity: allocationEquity(allocationFen, run),
      matchingDeliveredWanYuan: deliveredWanYuan,
      leverage: (deliveredWanYuan * FEN_PER_WAN_YUAN) / options.budgetFen,
      matchRate,
    };
  });
}

function tryMatching(units: CountyUnits): { delivered: Float64Array; committed: Float64Array } | null {
  try {
    const cols = readUnitColumns(units, [
      { column: "matchingDeliveredWanYuan", kind: "number", min: 0, neededBy: "compareRules" },
      { column: "matchingCommittedWanYuan", kind: "number", min: 0, neededBy: "compareRules" },
    ]);
    return { delivered: cols.numbers.get("matchingDeliveredWanYuan")!, committed: cols.numbers.get("matchingCommittedWanYuan")! };
  } catch {
    return null;
  }
}

function toRows(units: CountyUnits): Record<string, unknown>[] {
  return "objects" in units && typeof units.objects === "function" ? (units.objects() as Record<string, unknown>[]) : (units as Record<string, unknown>[]);
}
