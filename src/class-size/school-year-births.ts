/**
 * Births by school-year cohort: the children who reach school age together, born September of year y − 1 to
 * August of year y (the 31 August entry cut-off), from births by calendar year.
 *
 * With births spread evenly over the year, a cohort holds `cutoffShare` = 8/12 of year y's births and the other
 * 4/12 of year y − 1's. Primary entrants in autumn t are then the cohort y = t − 6. Calendar-year births alone
 * put the whole 2016 two-child peak into the 2022 entrants; the published entrants peak in 2023 (1877.88万).
 *
 * @param births births by calendar year (any unit)
 * @param fromYear first cohort wanted (needs births of fromYear − 1)
 * @param toYear last cohort wanted, ≥ fromYear
 * @param cutoffShare share of a cohort born in its own calendar year, 0–1 (default 8/12)
 * @returns births by cohort year, same unit
 * @throws {RangeError} schoolYearBirths requires births for every year from fromYear − 1 to toYear (naming the missing years)
 * @example schoolYearBirths({ 2015: 1655, 2016: 1786 }, 2016, 2016)[2016] // 1742.33… = 1655/3 + 1786·2/3
 */
export function schoolYearBirths(
  births: Readonly<Record<number, number>>,
  fromYear: number,
  toYear: number,
  cutoffShare = 8 / 12,
): Record<number, number> {
  if (!(Number.isInteger(fromYear) && Number.isInteger(toYear) && toYear >= fromYear)) {
    throw new RangeError(`schoolYearBirths requires whole years with toYear ≥ fromYear, got ${fromYear}–${toYear}`);
  }
  if (!(cutoffShare >= 0 && cutoffShare <= 1)) throw new RangeError(`schoolYearBirths requires cutoffShare between 0 and 1, got ${cutoffShare}`);
  const missing: number[] = [];
  for (let y = fromYear - 1; y <= toYear; y++) if (!(births[y] >= 0)) missing.push(y);
  if (missing.length > 0) throw new RangeError(`schoolYearBirths requires births ≥ 0 for ${fromYear - 1}–${toYear}, missing ${missing.join(", ")}`);
  const out: Record<number, number> = {};
  for (let y = fromYear; y <= toYear; y++) out[y] = (1 - cutoffShare) * births[y - 1] + cutoffShare * births[y];
  return out;
}
