import { DEFAULT_SPREAD, calibrateClassSize } from "./calibrate-class-size.js";
import { DEFAULT_MAX_Z, STANDARD_CLASS_SIZE, type Area, type ClassSizeParams, type Level } from "./types.js";

/** Base-year counts of one unit (county), level and area, as in datasets/synthetic/enrolment.csv. */
export interface EnrolmentCell {
  /** Unit (county) code. */
  unit: string;
  level: Level;
  area: Area;
  /** Pupils enrolled, ≥ 0. */
  pupils: number;
  /** Teaching classes, ≥ 0. */
  classes: number;
  /** Classrooms available, ≥ 0. */
  classrooms: number;
  /** Classes of 56+ pupils, 0–classes. */
  big: number;
  /** Classes of 66+ pupils, 0–big. */
  veryBig: number;
}

/** Crowding parameters of a cell and how they were found. */
export interface CalibratedCell extends ClassSizeParams {
  /** "shares": 56+ and 66+ shares; "big-share": 56+ share with the default spread; "load": pupils ÷ classrooms (no 56+ class). */
  method: "shares" | "big-share" | "load" | "empty";
}

/**
 * Crowding parameters of one unit, level and area from its base-year counts of classes.
 *
 * Both shares fitted when 0 < 66+ < 56+ < classes (spread and mean load); otherwise the 56+ share with the
 * default spread; with no 56+ class the observed pupils per classroom and the default spread.
 *
 * @param cell base-year counts; see {@link EnrolmentCell}
 * @param standardSize standard class size by level (default 45 primary, 50 junior)
 * @returns parameters for projectBigClasses / packClassSizeUnits, with the method used
 * @throws {RangeError} calibrateEnrolmentCell requires counts ≥ 0 with veryBig ≤ big ≤ classes, naming the unit
 * @example calibrateEnrolmentCell({ unit: "S001", level: "primary", area: "urban", pupils: 2941, classes: 54, classrooms: 52, big: 25, veryBig: 10 }).method // "shares"
 * @see calibrateClassSize
 */
export function calibrateEnrolmentCell(
  cell: EnrolmentCell,
  standardSize: Readonly<Record<Level, number>> = STANDARD_CLASS_SIZE,
): CalibratedCell {
  const { pupils, classes, classrooms, big, veryBig } = cell;
  const where = `${cell.unit} ${cell.level} ${cell.area}`;
  if (![pupils, classes, classrooms, big, veryBig].every((x) => x >= 0 && Number.isFinite(x)) || veryBig > big || big > classes) {
    throw new RangeError(`calibrateEnrolmentCell requires counts ≥ 0 with veryBig ≤ big ≤ classes, in ${where}`);
  }
  const s = standardSize[cell.level];
  const base = { standardSize: s, maxZ: DEFAULT_MAX_Z };
  if (pupils === 0 || classes === 0) return { ...base, meanLoad: 1, spread: DEFAULT_SPREAD, method: "empty" };
  if (big > 0 && big < classes) {
    if (veryBig > 0 && veryBig < big) {
      try {
        const c = calibrateClassSize({ standardSize: s, bigShare: big / classes, veryBigShare: veryBig / classes });
        return { ...base, meanLoad: c.meanLoad, spread: c.spread, method: "shares" };
      } catch {
        // Shares the model cannot reach together (e.g. nearly all 56+ classes also 66+): fall back to the 56+ share.
      }
    }
    const c = calibrateClassSize({ standardSize: s, bigShare: big / classes });
    return { ...base, meanLoad: c.meanLoad, spread: c.spread, method: "big-share" };
  }
  const load = classrooms > 0 ? pupils / classrooms : pupils / classes;
  return { ...base, meanLoad: load, spread: DEFAULT_SPREAD, method: "load" };
}

/**
 * calibrateEnrolmentCell for every cell, keeping unit, level and area (the `calibration` input of bigClassOutlook).
 *
 * @param cells base-year cells
 * @param standardSize standard class size by level (default 45 / 50)
 * @example calibrateEnrolmentCells([cell]).length // 1
 */
export function calibrateEnrolmentCells(
  cells: readonly EnrolmentCell[],
  standardSize: Readonly<Record<Level, number>> = STANDARD_CLASS_SIZE,
): (CalibratedCell & { unit: string; level: Level; area: Area })[] {
  return cells.map((c) => ({ ...calibrateEnrolmentCell(c, standardSize), unit: c.unit, level: c.level, area: c.area }));
}
