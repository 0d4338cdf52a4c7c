/** Inputs of a cohort-component projection of school-age pupils. */
export interface CohortInput {
  /** Births by calendar year (persons, or 万人: the output has the same unit), ≥ 0. */
  births: Readonly<Record<number, number>>;
  /** First school year to project (named by its autumn, e.g. 2014 = 2014/15). */
  firstYear: number;
  /** Last school year to project, ≥ firstYear. */
  lastYear: number;
  /** Grade-1 entrants per birth six years earlier, 0–2 (default 1). Absorbs mortality, late entry and registration gaps. */
  entryRatio?: number;
  /**
   * Grade progression ratios, 8 values for grades 1→2, 2→3, …, 8→9, each 0–2 (default all 1). Index 5 (6→7)
   * is the primary-to-junior transition. A ratio is next year's grade g+1 over this year's grade g: it nets
   * out repetition, dropout, deaths and migration across the region's border.
   */
  progressionRatios?: readonly number[];
  /** Enrolment of grades 1–9 in firstYear (9 values, ≥ 0); when absent these come from births 6–14 years earlier. */
  baseEnrolment?: readonly number[];
}

/** Pupils by grade and year. */
export interface CohortProjection {
  /** School years, firstYear … lastYear. */
  years: number[];
  /** Pupils by year and grade: byGrade[yearIndex][grade − 1], grades 1–9. */
  byGrade: number[][];
  /** Grade-1 entrants by year. */
  entrants: number[];
  /** Primary pupils (grades 1–6) by year. */
  primary: number[];
  /** Junior pupils (grades 7–9) by year. */
  junior: number[];
}

const GRADES = 9;

/**
 * Project primary and junior pupils by cohort-component arithmetic.
 *
 * Children born in year y enter grade 1 in the autumn of y + 6 (entry age 6); each year a grade moves up
 * by its progression ratio, so junior grade 7 in year t comes from the primary graduates of t − 1, that is
 * from births twelve years before t. The projection is linear in births, which is what lets the Monte
 * Carlo simulation scale the births-sensitive part of enrolment without projecting again.
 *
 * @param input births by year and ratios; see {@link CohortInput}
 * @returns pupils by grade and year, with primary (1–6) and junior (7–9) totals
 * @throws {RangeError} projectCohorts requires births for every year it needs (firstYear − 14 … lastYear − 6,
 *   or firstYear − 5 … lastYear − 6 with baseEnrolment), 8 progression ratios, 9 base grades, and ranges above
 * @example projectCohorts({ births: { 2009: 110 }, firstYear: 2014, lastYear: 2015, baseEnrolment: [90, 90, 90, 90, 90, 90, 80, 80, 80] }).entrants // [90, 110]
 * @see Preston, Heuveline & Guillot, Demography (2001), ch. 6 (cohort-component projection)
 */
export function projectCohorts(input: CohortInput): CohortProjection {
  const { births, firstYear, lastYear } = input;
  const entryRatio = input.entryRatio ?? 1;
  const ratios = input.progressionRatios ?? new Array<number>(GRADES - 1).fill(1);
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || lastYear < firstYear) {
    throw new RangeError(`projectCohorts requires integer years with lastYear ≥ firstYear, got ${firstYear}–${lastYear}`);
  }
  if (!(entryRatio >= 0 && entryRatio <= 2)) {
    throw new RangeError(`projectCohorts requires entryRatio between 0 and 2, got ${entryRatio}`);
  }
  if (ratios.length !== GRADES - 1 || ratios.some((r) => !(r >= 0 && r <= 2))) {
    throw new RangeError(`projectCohorts requires 8 progressionRatios between 0 and 2, got [${ratios.join(", ")}]`);
  }
  const base = input.baseEnrolment;
  if (base !== undefined && (base.length !== GRADES || base.some((p) => !(p >= 0) || !Number.isFinite(p)))) {
    throw new RangeError(`projectCohorts requires baseEnrolment of 9 grades ≥ 0, got [${base.join(", ")}]`);
  }
  const needFrom = base === undefined ? firstYear - 14 : firstYear - 5;
  const needTo = lastYear - 6;
  const missing: number[] = [];
  for (let y = needFrom; y <= needTo; y++) {
    const b = births[y];
    if (b === undefined) missing.push(y);
    else if (!(b >= 0) || !Number.isFinite(b)) {
      throw new RangeError(`projectCohorts requires births ≥ 0, got ${b} for ${y}`);
    }
  }
  if (missing.length > 0) {
    throw new RangeError(
      `projectCohorts requires births for every year from ${needFrom} to ${needTo}, missing ${missing.join(", ")}`,
    );
  }

  const years: number[] = [];
  const byGrade: number[][] = [];
  let current: number[];
  if (base !== undefined) {
    current = [...base];
  } else {
    // Grade g in firstYear was born in firstYear − 5 − g and has passed g − 1 progressions.
    current = new Array<number>(GRADES);
    for (let g = 1; g <= GRADES; g++) {
      let p = births[firstYear - 5 - g] * entryRatio;
      for (let k = 0; k < g - 1; k++) p *= ratios[k];
      current[g - 1] = p;
    }
  }
  for (let y = firstYear; y <= lastYear; y++) {
    if (y > firstYear) {
      const next = new Array<number>(GRADES);
      next[0] = births[y - 6] * entryRatio;
      for (let g = 1; g < GRADES; g++) next[g] = current[g - 1] * ratios[g - 1];
      current = next;
    }
    years.push(y);
    byGrade.push(current);
  }
  const sum = (row: number[], from: number, to: number): number => {
    let s = 0;
    for (let g = from; g < to; g++) s += row[g];
    return s;
  };
  return {
    years,
    byGrade,
    entrants: byGrade.map((row) => row[0]),
    primary: byGrade.map((row) => sum(row, 0, 6)),
    junior: byGrade.map((row) => sum(row, 6, 9)),
  };
}
