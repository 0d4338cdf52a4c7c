import type { ByLevelArea } from "./project-big-classes.js";
import type { ClassSizeUnits } from "./simulate-big-classes.js";
import { AREAS, LEVELS, type Area, type Level } from "./types.js";

/** One unit (county) in readable form, before packing. */
export interface ClassSizeUnitInput {
  /** Pupils of each level by year under the central birth scenario, ≥ 0. */
  pupils: Readonly<Record<Level, readonly number[]>>;
  /** The births-sensitive part of pupils (born in projected years), same shape; default none. */
  pupilsFromProjectedBirths?: Readonly<Record<Level, readonly number[]>>;
  /** Base-year area shares of each level, 0–1 summing to 1. */
  areaShares: Readonly<Record<Level, Readonly<Record<Area, number>>>>;
  /** Calibrated mean load (pupils per classroom, > 0) and spread (0.01–1.5) of every level and area. */
  calibration: Readonly<Record<Level, Readonly<Record<Area, { meanLoad: number; spread: number }>>>>;
  /** Classrooms completed for each school year (entry 0 ignored), ≥ 0; default none. */
  classroomsAdded?: ByLevelArea<readonly number[]>;
}

/**
 * Pack readable units into the flat arrays simulateBigClasses runs on.
 *
 * Effective classrooms of a cell in year t are its base-year pupils ÷ calibrated meanLoad plus the rooms
 * added in years 1…t, as in projectBigClasses, so one unit simulated with the central parameters gives the
 * deterministic projection.
 *
 * @param units readable units, at least one
 * @param years consecutive school years; every series has one value per year
 * @returns the packed units
 * @throws {RangeError} packClassSizeUnits requires one value per year in every series, area shares summing
 *   to 1 and meanLoad > 0, naming the unit, level and area
 * @example packClassSizeUnits([unit], [2015, 2016]).classrooms.length // 12 = 1 unit × 6 cells × 2 years
 * @see simulateBigClasses for the layout
 */
export function packClassSizeUnits(units: readonly ClassSizeUnitInput[], years: readonly number[]): ClassSizeUnits {
  const U = units.length;
  const Y = years.length;
  if (U < 1) throw new RangeError("packClassSizeUnits requires at least one unit");
  const out: ClassSizeUnits = {
    unitCount: U,
    years: [...years],
    pupils: new Float64Array(U * 2 * Y),
    pupilsFromProjectedBirths: new Float64Array(U * 2 * Y),
    areaShares: new Float64Array(U * 6),
    classrooms: new Float64Array(U * 6 * Y),
    spread: new Float64Array(U * 6),
  };
  units.forEach((unit, u) => {
    LEVELS.forEach((level, li) => {
      const where = `unit ${u} ${level}`;
      const pupils = unit.pupils[level];
      const sensitive = unit.pupilsFromProjectedBirths?.[level];
      if (pupils.length !== Y) throw new RangeError(`packClassSizeUnits requires pupils with one value per year for ${where}`);
      if (sensitive !== undefined && sensitive.length !== Y) {
        throw new RangeError(`packClassSizeUnits requires pupilsFromProjectedBirths with one value per year for ${where}`);
      }
      const ul = u * 2 + li;
      out.pupils.set(pupils, ul * Y);
      if (sensitive !== undefined) out.pupilsFromProjectedBirths.set(sensitive, ul * Y);
      const shares = unit.areaShares[level];
      if (Math.abs(shares.urban + shares.town + shares.rural - 1) > 1e-9) {
        throw new RangeError(`packClassSizeUnits requires area shares summing to 1 for ${where}`);
      }
      AREAS.forEach((area, ai) => {
        const c = ul * 3 + ai;
        const { meanLoad, spread } = unit.calibration[level][area];
        if (!(meanLoad > 0)) throw new RangeError(`packClassSizeUnits requires meanLoad > 0 for ${where} ${area}`);
        out.areaShares[c] = shares[area];
        out.spread[c] = spread;
        const added = unit.classroomsAdded?.[level]?.[area];
        if (added !== undefined && added.length !== Y) {
          throw new RangeError(`packClassSizeUnits requires classroomsAdded with one value per year for ${where} ${area}`);
        }
        let rooms = (pupils[0] * shares[area]) / meanLoad;
        for (let y = 0; y < Y; y++) {
          if (y > 0 && added !== undefined) rooms += added[y];
          out.classrooms[c * Y + y] = rooms;
        }
      });
    });
  });
  return out;
}
