import type { ColumnRequirement } from "./read-unit-columns.js";
import type { AllocationRule } from "./rule-schema.js";
import { unitsColumns, type UnitsColumnName } from "./units-columns.js";

/**
 * List the unit columns a rule reads, with the constraints each use puts on them, so a loader can check a county
 * table before running the rule and tell the user which columns to fill in.
 *
 * A share or per-capita factor needs values ≥ 0 (> 0 when it divides by them, i.e. direction capacity); minmax,
 * zscore and rank accept any finite value, subject to the column's own minimum when it is a standard column
 * (e.g. `spendingGrowthRate` ≥ −1). `countyId` and `pupils` are always needed.
 *
 * @param rule a validated rule
 * @returns one requirement per use of a column (a column may appear more than once)
 * @example ruleColumns(rule).map((r) => r.column) // ["countyId", "pupils", "poorPopulation", …]
 * @see readUnitColumns
 */
export function ruleColumns(rule: AllocationRule): ColumnRequirement[] {
  const reqs: ColumnRequirement[] = [
    { column: "countyId", kind: "text", neededBy: "every rule" },
    { column: "pupils", kind: "number", min: 0, neededBy: "every rule (per-pupil results)" },
  ];
  const standardMin = (column: string): number | undefined =>
    column in unitsColumns ? (unitsColumns[column as UnitsColumnName].min as number | undefined) : undefined;
  const money = (column: string, neededBy: string): ColumnRequirement => ({ column, kind: "number", min: 0, neededBy });
  rule.groups.forEach((g, gi) =>
    g.factors.forEach((f, fi) => {
      const neededBy = `groups[${gi}].factors[${fi}]`;
      const divides = f.direction === "capacity" && (f.normalisation === "share" || f.normalisation === "per-capita");
      const nonNegative = f.normalisation === "share" || f.normalisation === "per-capita";
      const min = divides || nonNegative ? 0 : standardMin(f.column);
      reqs.push({ column: f.column, kind: "number", ...(min !== undefined ? { min } : {}), exclusiveMin: divides, neededBy });
      if (f.normalisation === "per-capita") reqs.push(money(f.population ?? "pupils", `${neededBy}.population`));
    }),
  );
  const m = rule.matching;
  if (m?.kind === "matching-share" || m?.kind === "matching-ratio") reqs.push(money(m.column, "matching"));
  if (m?.kind === "matching-multiplier") {
    reqs.push(money(m.committedColumn, "matching.committedColumn"), money(m.deliveredColumn, "matching.deliveredColumn"));
  }
  if (rule.regional?.kind === "column") reqs.push(money(rule.regional.column, "regional"));
  if (rule.regional?.kind === "lookup") reqs.push({ column: rule.regional.column, kind: "text", neededBy: "regional" });
  if (rule.bounds?.holdHarmless) reqs.push(money(rule.bounds.holdHarmless.column, "bounds.holdHarmless"));
  const inc = rule.incentives;
  if (inc?.reward) reqs.push(money(inc.reward.column, "incentives.reward"));
  inc?.deductions.forEach((d, di) => reqs.push(money(d.column, `incentives.deductions[${di}]`)));
  const t = rule.transition;
  if (t) {
    reqs.push(money(t.baselineColumn, "transition.baselineColumn"));
    if (t.baselinePupilsColumn) reqs.push(money(t.baselinePupilsColumn, "transition.baselinePupilsColumn"));
  }
  return reqs;
}
