/**
 * Values for every year from a few anchor years, growing at a constant rate between anchors.
 *
 * Enrolment is published for some years only (national compulsory pupils 2014 and 2021 in the curated
 * data); between two anchors the value grows geometrically, before the first and after the last it keeps
 * the growth rate of the nearest pair of anchors (or stays flat with one anchor).
 *
 * @param anchors at least one { year, value } with value > 0, distinct years in any order
 * @param years the years wanted
 * @returns one value per year
 * @throws {RangeError} interpolateGeometric requires at least one anchor, values > 0 and distinct years
 * @example interpolateGeometric([{ year: 2014, value: 100 }, { year: 2016, value: 121 }], [2013, 2015]) // [≈ 90.909, 110]
 * @see datasets/real/demography.csv rows enrolment (compulsory, 2014 and 2021)
 */
export function interpolateGeometric(anchors: readonly { year: number; value: number }[], years: readonly number[]): number[] {
  if (anchors.length === 0) throw new RangeError("interpolateGeometric requires at least one anchor");
  const sorted = [...anchors].sort((a, b) => a.year - b.year);
  sorted.forEach((a, i) => {
    if (!(a.value > 0) || !Number.isFinite(a.value)) throw new RangeError(`interpolateGeometric requires values > 0, got ${a.value} in ${a.year}`);
    if (i > 0 && a.year === sorted[i - 1].year) throw new RangeError(`interpolateGeometric requires distinct years, got ${a.year} twice`);
  });
  if (sorted.length === 1) return years.map(() => sorted[0].value);
  return years.map((y) => {
    let k = sorted.findIndex((a) => a.year >= y);
    if (k <= 0) k = k === 0 ? 1 : sorted.length - 1;
    const a = sorted[k - 1];
    const b = sorted[k];
    const rate = Math.log(b.value / a.value) / (b.year - a.year);
    return a.value * Math.exp(rate * (y - a.year));
  });
}
