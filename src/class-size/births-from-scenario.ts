import type { BirthScenario } from "./birth-scenario.js";

/**
 * Births by calendar year implied by a birth-policy scenario.
 *
 * Observed births are used as they are; other years get the baseline trend,
 * baselineBirths × (1 + baselineAnnualChange)^(year − baselineYear) after baselineYear (flat before it),
 * plus the policy's extra births for that year (zero outside the listed years). Dropping `policyBump`
 * and `observedBirths` gives the no-policy counterfactual.
 *
 * @param scenario a validated birth scenario (see parseBirthScenario)
 * @param fromYear first calendar year wanted
 * @param toYear last calendar year wanted, ≥ fromYear
 * @param scale multiplies every value, e.g. a county's share of national births, > 0 (default 1)
 * @returns births by year, in the scenario's unit × scale
 * @throws {RangeError} birthsFromScenario requires toYear ≥ fromYear and scale > 0
 * @example birthsFromScenario({ name: "x", unit: "万人", baselineBirths: 100, baselineYear: 2015, baselineAnnualChange: -0.1, policyBump: { startYear: 2016, extraBirths: [5] } }, 2015, 2017) // { 2015: 100, 2016: 95, 2017: 81 }
 * @see demography.csv rows births 2016–2019 and births_avg_2011_2015 (国家统计局)
 */
export function birthsFromScenario(
  scenario: BirthScenario,
  fromYear: number,
  toYear: number,
  scale = 1,
): Record<number, number> {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear) {
    throw new RangeError(`birthsFromScenario requires integer years with toYear ≥ fromYear, got ${fromYear}–${toYear}`);
  }
  if (!(scale > 0)) throw new RangeError(`birthsFromScenario requires scale > 0, got ${scale}`);
  const out: Record<number, number> = {};
  for (let y = fromYear; y <= toYear; y++) {
    const observed = scenario.observedBirths?.[String(y)];
    if (observed !== undefined) {
      out[y] = observed * scale;
      continue;
    }
    const baseline =
      scenario.baselineBirths * Math.pow(1 + scenario.baselineAnnualChange, Math.max(0, y - scenario.baselineYear));
    const bump = scenario.policyBump;
    const extra = bump !== undefined ? (bump.extraBirths[y - bump.startYear] ?? 0) : 0;
    out[y] = (baseline + extra) * scale;
  }
  return out;
}
