/**
 * The school year a figure quoted as “目前” (as of a date) describes, for 教育事业统计 figures.
 *
 * China's education statistics count schools, classes and pupils at the start of each school year (autumn) and
 * are compiled over the winter (统计公报 in spring). A figure given on a date before the autumn survey of that
 * year is compiled therefore describes the latest compiled survey: the school year that began the previous autumn
 * from February on (the 2018 survey was released on 2019-02-26), the one before it in January. So the 3.98% of classes with 56+ pupils stated on
 * 2020-09-23 (“到目前…已经降至3.98%”) describes the 2019/20 school year, named 2019 here (by its autumn).
 *
 * @param asOf ISO date (YYYY-MM-DD or YYYY-MM) the figure was stated on
 * @returns the school year, named by the autumn it began
 * @throws {RangeError} statisticsSchoolYear requires an ISO date, got …
 * @example statisticsSchoolYear("2020-09-23") // 2019
 */
export function statisticsSchoolYear(asOf: string): number {
  const m = /^(\d{4})-(\d{2})/.exec(asOf);
  if (!m) throw new RangeError(`statisticsSchoolYear requires an ISO date (YYYY-MM-DD), got ${asOf}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 2 ? year - 1 : year - 2;
}
