import type { BirthScenario } from "./birth-scenario.js";
import { birthsFromScenario } from "./births-from-scenario.js";
import { projectAreaPupils, type AreaPupils } from "./project-area-pupils.js";
import { projectCohorts } from "./project-cohorts.js";
import { schoolYearBirths } from "./school-year-births.js";
import type { Area, Level } from "./types.js";
import { urbanizationFlowRates } from "./urbanization-flow-rates.js";
import type { UrbanizationScenario } from "./urbanization-scenario.js";

/** Inputs of cohortsThroughTurn. */
export interface CohortsThroughTurnInput {
  /** Births: observed years (observedBirths) and the scenario's path after them, in one unit (e.g. 万人). */
  births: BirthScenario;
  /** First and last school year (named by its autumn). */
  firstYear: number;
  lastYear: number;
  /**
   * Published primary entrants of one year (same unit as births): the entry ratio (entrants per school-year
   * cohort born six years earlier) is fitted to it. Without it, `entryRatio` (default 1).
   */
  entrantsAnchor?: { year: number; entrants: number };
  entryRatio?: number;
  /**
   * Published junior entrants of one year: the primary-to-junior transition (grade 7 this year ÷ grade 6 last
   * year) is fitted to it. Without it, `juniorTransition` (default 1).
   */
  juniorAnchor?: { year: number; entrants: number };
  juniorTransition?: number;
  /** Share of a school-year cohort born in its own calendar year (default 8/12: the 31 August cut-off). */
  cutoffShare?: number;
  /** Urban / town / rural split: base-year shares of each level's pupils and the urbanization scenario moving them. */
  areas?: { shares: Readonly<Record<Level, Readonly<Record<Area, number>>>>; urbanization: UrbanizationScenario };
}

/** Result of cohortsThroughTurn: national pupils year by year, with the births behind them. */
export interface CohortsThroughTurn {
  years: number[];
  /** Calendar-year births of each year (for the chart: births behind the entrants six years later). */
  births: number[];
  /** Whether each year's births are observed (true) or from the scenario's path. */
  birthsObserved: boolean[];
  /** Primary (grade 1) and junior (grade 7) entrants by year. */
  entrants: number[];
  juniorEntrants: number[];
  /** Primary (grades 1–6) and junior (grades 7–9) pupils by year. */
  primary: number[];
  junior: number[];
  /** First school year whose primary entrants were born (partly) after the last observed birth year. */
  firstProjectedEntrantYear: number;
  entryRatio: number;
  juniorTransition: number;
  /** Pupils by area (when `areas` is given), per level. */
  byArea?: Record<Level, AreaPupils>;
}

/**
 * Primary and junior entrants and enrolment through the demographic turn: births by calendar year become
 * school-year cohorts (schoolYearBirths), enter grade 1 six years later at a fitted entry ratio, move up one
 * grade a year, and pass to junior grade 7 at a fitted transition ratio (projectCohorts). Optionally the
 * urbanization scenario splits each level into urban, town and rural schools (projectAreaPupils).
 *
 * The entry ratio (> 1 nationally: births by the NBS sample survey undercount children later registered in
 * school) and the transition are each fitted to one published year; every other year is a check.
 *
 * @param input births scenario, years, anchors and options; see {@link CohortsThroughTurnInput}
 * @returns entrants and pupils by year, with the births behind them
 * @throws {RangeError} cohortsThroughTurn requires lastYear ≥ firstYear, anchors inside the years, and births
 *   for firstYear − 15 … lastYear − 6 (the errors of projectCohorts and schoolYearBirths name missing years)
 * @example cohortsThroughTurn({ births: BIRTH_PRESETS.central, firstYear: 2021, lastYear: 2035, entrantsAnchor: { year: 2021, entrants: 1782.58 } }).entrants[2] // ≈ 1866 (2023; published 1877.88)
 * @see Preston, Heuveline & Guillot, Demography (2001), ch. 6
 */
export function cohortsThroughTurn(input: CohortsThroughTurnInput): CohortsThroughTurn {
  const { firstYear, lastYear } = input;
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && lastYear >= firstYear)) {
    throw new RangeError(`cohortsThroughTurn requires whole years with lastYear ≥ firstYear, got ${firstYear}–${lastYear}`);
  }
  const share = input.cutoffShare ?? 8 / 12;
  // Before its first observed year a scenario's births are a flat baseline: never a silent stand-in for history.
  const observedKeys = Object.keys(input.births.observedBirths ?? {}).map(Number);
  const firstObserved = observedKeys.length > 0 ? Math.min(...observedKeys) : input.births.baselineYear;
  if (firstYear - 15 < firstObserved) {
    throw new RangeError(
      `cohortsThroughTurn requires observed births from ${firstYear - 15} (grade 9 of ${firstYear}); the scenario ${input.births.name} starts in ${firstObserved}`,
    );
  }
  // Grade 9 in firstYear entered grade 1 eight years earlier, cohort firstYear − 14, which needs births of − 15.
  const calendar = birthsFromScenario(input.births, Math.min(firstYear - 15, lastYear - 7), Math.max(lastYear, firstYear));
  const cohorts = schoolYearBirths(calendar, firstYear - 14, lastYear - 6, share);
  const anchorIn = (a: { year: number } | undefined, name: string) => {
    if (a && !(a.year >= firstYear && a.year <= lastYear)) {
      throw new RangeError(`cohortsThroughTurn requires ${name}.year within ${firstYear}–${lastYear}, got ${a.year}`);
    }
  };
  anchorIn(input.entrantsAnchor, "entrantsAnchor");
  anchorIn(input.juniorAnchor, "juniorAnchor");
  const entryRatio = input.entrantsAnchor ? input.entrantsAnchor.entrants / cohorts[input.entrantsAnchor.year - 6] : (input.entryRatio ?? 1);
  // Grade 7 in year t is last year's grade 6: cohort t − 12 entered at the entry ratio (progression 1 in between).
  const juniorTransition = input.juniorAnchor
    ? input.juniorAnchor.entrants / (entryRatio * cohorts[input.juniorAnchor.year - 12])
    : (input.juniorTransition ?? 1);
  const ratios = [1, 1, 1, 1, 1, juniorTransition, 1, 1];
  const p = projectCohorts({ births: cohorts, firstYear, lastYear, entryRatio, progressionRatios: ratios });
  const lastObserved = observedKeys.length > 0 ? Math.max(...observedKeys) : firstYear - 15;
  const out: CohortsThroughTurn = {
    years: p.years,
    births: p.years.map((y) => calendar[y]),
    birthsObserved: p.years.map((y) => input.births.observedBirths?.[String(y)] !== undefined),
    entrants: p.entrants,
    juniorEntrants: p.byGrade.map((g) => g[6]),
    primary: p.primary,
    junior: p.junior,
    // Cohort y holds 4/12 of y − 1's births: the first cohort with projected births is lastObserved + 1.
    firstProjectedEntrantYear: lastObserved + 1 + 6,
    entryRatio,
    juniorTransition,
  };
  if (input.areas) {
    const rates = urbanizationFlowRates(input.areas.urbanization, p.years);
    out.byArea = {
      primary: projectAreaPupils(p.primary, input.areas.shares.primary, rates),
      junior: projectAreaPupils(p.junior, input.areas.shares.junior, rates),
    };
  }
  return out;
}
