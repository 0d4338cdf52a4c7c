import { DEFAULT_CONSTRUCTION_STANDARDS, type ConstructionStandards } from "./construction-standards.js";
import { targetedGapPerRoom } from "./crowding-rates.js";
import type { ByLevelArea } from "./project-big-classes.js";
import { AREAS, LEVELS, type Area, type ClassSizeParams, type Level } from "./types.js";
import { validateShape } from "./validate-shape.js";

/** Inputs of the inverse question: what it takes to remove big classes by a target year. */
export interface BigClassRemovalInput {
  /** Consecutive school years; years[0] is the calibration (base) year. */
  years: number[];
  /** Year by which no class may have 56+ pupils, years[0] < targetYear ≤ last year. */
  targetYear: number;
  /** Pupils by level, area and year (e.g. projectAreaPupils output), one value per year, ≥ 0. */
  pupils: ByLevelArea<readonly number[]>;
  /** Calibrated crowding parameters; only cells present here and in pupils are planned. */
  calibration: ByLevelArea<ClassSizeParams>;
  /** Largest class allowed after removal, pupils (default 55: no 大班额; 45/50 plans for the standard size), 20–65. */
  maxClassSize?: number;
  /** Floor area per new classroom from the per-classroom standard, or standard size × m² per pupil (default "per-classroom"). */
  areaBasis?: "per-classroom" | "per-pupil";
  /** Standards for floor area, teachers and cost (default DEFAULT_CONSTRUCTION_STANDARDS). */
  standards?: ConstructionStandards;
}

/** Construction of one year for one area and level. */
export interface BigClassRemovalRow {
  year: number;
  level: Level;
  area: Area;
  /** Classrooms built this year to digest the base-year stock of big classes (消化存量). */
  stockClassrooms: number;
  /** Classrooms built this year so that growth in pupils adds no big class (控制增量). */
  incrementClassrooms: number;
  /** stockClassrooms + incrementClassrooms. */
  newClassrooms: number;
  /** Classrooms built since the base year, cumulative. */
  cumulativeClassrooms: number;
  /** Floor area built this year, m². */
  floorAreaM2: number;
  /** Teachers to hire this year for the new classes. */
  teachers: number;
  /** Building cost this year, 万元. */
  costWanYuan: number;
}

/** Totals of a removal plan over all years and cells. */
export interface BigClassRemovalTotals {
  stockClassrooms: number;
  incrementClassrooms: number;
  newClassrooms: number;
  floorAreaM2: number;
  teachers: number;
  costWanYuan: number;
}

/** Result of planBigClassRemoval. */
export interface BigClassRemovalPlan {
  rows: BigClassRemovalRow[];
  totals: BigClassRemovalTotals;
}

/**
 * Classrooms, floor area, teachers and money needed to remove big classes by a target year, year by year.
 *
 * New classrooms go to the schools that need them (targeted), so this is the minimum. The stock (存量) is
 * the classrooms the base year lacks for every school to keep classes at or below `maxClassSize`:
 * R₀·E[(x − cap)⁺]/cap over the calibrated spread of schools; it is built in equal parts each year up to
 * the target year. The increment (增量) is what growth in pupils adds on top, R₀·E[(g·x − cap)⁺]/cap − stock
 * with g = pupils ÷ base pupils, built in the year it arises so that no new big class forms. Rooms built
 * stay built when pupils later decline. Continuous counts: real plans round up per school.
 *
 * @param input pupils by area, calibration, target year and standards; see {@link BigClassRemovalInput}
 * @returns rows per year, level and area, and totals
 * @throws {RangeError} planBigClassRemoval requires targetYear after the base year and within the years,
 *   pupils with one value per year, and maxClassSize between 20 and 65
 * @example planBigClassRemoval({ years: [2014, 2015], targetYear: 2015, pupils: { primary: { urban: [30_000, 30_000] } }, calibration: { primary: { urban: { standardSize: 45, meanLoad: 30, spread: 0.1, maxZ: 3 } } } }).totals.newClassrooms // 0
 * @see seed 001 (山东: 消化存量、控制增量, three years to remove big classes); DEFAULT_CONSTRUCTION_STANDARDS
 */
export function planBigClassRemoval(input: BigClassRemovalInput): BigClassRemovalPlan {
  const { years, targetYear } = input;
  const n = years.length;
  const cap = input.maxClassSize ?? 55;
  const standards = input.standards ?? DEFAULT_CONSTRUCTION_STANDARDS;
  const basis = input.areaBasis ?? "per-classroom";
  const targetIndex = years.indexOf(targetYear);
  if (targetIndex < 1) {
    throw new RangeError(`planBigClassRemoval requires targetYear after ${years[0]} and within the years, got ${targetYear}`);
  }
  if (!(cap >= 20 && cap <= 65)) throw new RangeError(`planBigClassRemoval requires maxClassSize between 20 and 65, got ${cap}`);
  const rows: BigClassRemovalRow[] = [];
  const totals: BigClassRemovalTotals = {
    stockClassrooms: 0, incrementClassrooms: 0, newClassrooms: 0, floorAreaM2: 0, teachers: 0, costWanYuan: 0,
  };
  for (const level of LEVELS) {
    for (const area of AREAS) {
      const params = input.calibration[level]?.[area];
      const pupils = input.pupils[level]?.[area];
      if (params === undefined || pupils === undefined) continue;
      if (pupils.length !== n) {
        throw new RangeError(`planBigClassRemoval requires pupils.${level}.${area} with one value per year, got ${pupils.length} for ${n}`);
      }
      const shape = validateShape(params, "planBigClassRemoval");
      const p0 = pupils[0];
      const rooms0 = p0 > 0 ? p0 / params.meanLoad : 0;
      const gap = (i: number): number =>
        p0 > 0 ? rooms0 * targetedGapPerRoom(params.meanLoad, pupils[i] / p0, cap, shape) : 0;
      const stock = gap(0);
      let incrementBuilt = 0;
      let stockBuilt = 0;
      for (let i = 1; i < n; i++) {
        const stockDue = stock * Math.min(1, i / targetIndex);
        const stockNow = stockDue - stockBuilt;
        const incrementNow = Math.max(gap(i) - stock - incrementBuilt, 0);
        stockBuilt = stockDue;
        incrementBuilt += incrementNow;
        const newRooms = stockNow + incrementNow;
        const floorAreaM2 =
          basis === "per-classroom"
            ? newRooms * standards.floorAreaPerClassroomM2[level]
            : newRooms * params.standardSize * standards.floorAreaPerPupilM2[level];
        const teachers = newRooms * standards.teachersPerClass[level];
        const costWanYuan = (floorAreaM2 * standards.costYuanPerM2) / 1e4;
        rows.push({
          year: years[i], level, area, stockClassrooms: stockNow, incrementClassrooms: incrementNow,
          newClassrooms: newRooms, cumulativeClassrooms: stockBuilt + incrementBuilt, floorAreaM2, teachers, costWanYuan,
        });
        totals.stockClassrooms += stockNow;
        totals.incrementClassrooms += incrementNow;
        totals.newClassrooms += newRooms;
        totals.floorAreaM2 += floorAreaM2;
        totals.teachers += teachers;
        totals.costWanYuan += costWanYuan;
      }
    }
  }
  return { rows, totals };
}
