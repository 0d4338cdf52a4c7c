import { crowdingRates } from "./crowding-rates.js";
import { firstYearStayingBelow } from "./first-year-staying-below.js";
import { projectAreaPupils } from "./project-area-pupils.js";
import { AREAS, LEVELS, type Area, type ClassSizeParams, type Level } from "./types.js";
import { urbanizationFlowRates, type FlowRateOptions } from "./urbanization-flow-rates.js";
import type { UrbanizationScenario } from "./urbanization-scenario.js";
import { validateShape } from "./validate-shape.js";

/** Per level and area, optionally. */
export type ByLevelArea<T> = Partial<Record<Level, Partial<Record<Area, T>>>>;

/** Inputs of a deterministic big-class projection for one region (a county, a province, the nation). */
export interface BigClassProjectionInput {
  /** Consecutive school years; years[0] is the calibration (base) year. */
  years: number[];
  /** Pupils of each level by year, e.g. projectCohorts(...).primary and .junior, ≥ 0. */
  pupils: Readonly<Record<Level, readonly number[]>>;
  /** Area shares of each level's pupils in the base year, each 0–1 summing to 1. */
  baseAreaShares: Readonly<Record<Level, Readonly<Record<Area, number>>>>;
  /** Urbanization scenario (a preset or a user-defined path). */
  urbanization: UrbanizationScenario;
  /** Speed multiplier and migrant schooling share override. */
  flowOptions?: FlowRateOptions;
  /** Calibrated crowding parameters for the areas and levels to project (usually urban and town). */
  calibration: ByLevelArea<ClassSizeParams>;
  /**
   * Classrooms completed for each school year (改薄 and urban expansion plans), one entry per year, ≥ 0.
   * Entry 0 is ignored: the base year's stock is what the calibration measured. New rooms are assumed to
   * spread like the existing ones (not targeted at the most crowded schools), which makes this a cautious
   * projection; planBigClassRemoval gives the targeted minimum.
   */
  classroomsAdded?: ByLevelArea<readonly number[]>;
  /** Share of classes under which big classes count as 基本消除, 0–1 (default 0.05, the 2020 national target). */
  lowShare?: number;
  /** Big classes per cell under which they count as gone (default 0.5: fewer than half a class expected). */
  goneCount?: number;
}

/** One year of one area and level. */
export interface BigClassRow {
  year: number;
  level: Level;
  area: Area;
  pupils: number;
  /** Effective classrooms: base pupils ÷ calibrated meanLoad, plus rooms added. */
  classrooms: number;
  /** Pupils per classroom. */
  meanLoad: number;
  classes: number;
  /** Classes of 56+ pupils (大班额, including 超大班额). */
  big: number;
  /** Classes of 66+ pupils (超大班额). */
  veryBig: number;
  bigShare: number;
  veryBigShare: number;
}

/** When big classes fall below the thresholds, per projected level and area. */
export interface BigClassMilestone {
  level: Level;
  area: Area;
  /** First year from which the 56+ share stays below lowShare to the last year, or null. */
  yearBelowLowShare: number | null;
  /** First year from which fewer than goneCount 56+ classes remain to the last year, or null. */
  yearBigGone: number | null;
  /** First year from which fewer than goneCount 66+ classes remain to the last year, or null. */
  yearVeryBigGone: number | null;
}

/** Result of projectBigClasses. */
export interface BigClassProjection {
  rows: BigClassRow[];
  milestones: BigClassMilestone[];
}

/**
 * Project big and very big classes year by year under an urbanization scenario and the classrooms planned.
 *
 * Pupils of each level (from the cohort projection) are split into urban, town and rural schools as the
 * scenario moves them; each calibrated area and level keeps its base-year spread of crowding across
 * schools, and its mean load changes with pupils ÷ classrooms. The milestones say when big classes fall
 * below 5% (基本消除) and when they are gone.
 *
 * @param input pupils, area shares, scenario, calibration and planned classrooms; see {@link BigClassProjectionInput}
 * @returns one row per year, level and calibrated area, and milestones per level and area
 * @throws {RangeError} projectBigClasses requires pupils and classroomsAdded with one value per year, and
 *   the errors of urbanizationFlowRates and projectAreaPupils
 * @example projectBigClasses({ years: [2014, 2015], pupils: { primary: [100, 100], junior: [0, 0] }, baseAreaShares: { primary: { urban: 1, town: 0, rural: 0 }, junior: { urban: 1, town: 0, rural: 0 } }, urbanization: URBANIZATION_PRESETS.base, calibration: { primary: { urban: { standardSize: 45, meanLoad: 30, spread: 0.1, maxZ: 3 } } } }).rows[0].big // 0
 * @see 国发〔2016〕40号 (5% by 2020 target); seed 001 (山东: 消化存量、控制增量)
 */
export function projectBigClasses(input: BigClassProjectionInput): BigClassProjection {
  const { years, calibration } = input;
  const n = years.length;
  const lowShare = input.lowShare ?? 0.05;
  const goneCount = input.goneCount ?? 0.5;
  const rates = urbanizationFlowRates(input.urbanization, years, input.flowOptions);
  const rows: BigClassRow[] = [];
  const milestones: BigClassMilestone[] = [];
  for (const level of LEVELS) {
    const totals = input.pupils[level];
    if (totals.length !== n) {
      throw new RangeError(`projectBigClasses requires pupils.${level} with one value per year, got ${totals.length} for ${n}`);
    }
    const areaPupils = projectAreaPupils(totals, input.baseAreaShares[level], rates);
    for (const area of AREAS) {
      const params = calibration[level]?.[area];
      if (params === undefined) continue;
      const shape = validateShape(params, "projectBigClasses");
      if (!(params.meanLoad > 0)) throw new RangeError(`projectBigClasses requires meanLoad > 0 for ${level} ${area}`);
      const added = input.classroomsAdded?.[level]?.[area];
      if (added !== undefined && added.length !== n) {
        throw new RangeError(`projectBigClasses requires classroomsAdded.${level}.${area} with one value per year, got ${added.length} for ${n}`);
      }
      const pupils = areaPupils[area];
      let rooms = pupils[0] / params.meanLoad;
      const shares = new Float64Array(n);
      const bigs = new Float64Array(n);
      const veryBigs = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (i > 0 && added !== undefined) {
          if (!(added[i] >= 0)) throw new RangeError(`projectBigClasses requires classroomsAdded ≥ 0, got ${added[i]} in ${years[i]}`);
          rooms += added[i];
        }
        const load = rooms > 0 ? pupils[i] / rooms : 0;
        const r = crowdingRates(load, shape);
        const classes = rooms * r.classesPerRoom;
        const big = rooms * r.bigPerRoom;
        const veryBig = rooms * r.veryBigPerRoom;
        const bigShare = classes > 0 ? big / classes : 0;
        rows.push({
          year: years[i], level, area, pupils: pupils[i], classrooms: rooms, meanLoad: load, classes, big, veryBig,
          bigShare, veryBigShare: classes > 0 ? veryBig / classes : 0,
        });
        shares[i] = bigShare;
        bigs[i] = big;
        veryBigs[i] = veryBig;
      }
      milestones.push({
        level,
        area,
        yearBelowLowShare: firstYearStayingBelow(years, shares, lowShare),
        yearBigGone: firstYearStayingBelow(years, bigs, goneCount),
        yearVeryBigGone: firstYearStayingBelow(years, veryBigs, goneCount),
      });
    }
  }
  return { rows, milestones };
}
