/**
 * Shared vocabulary of the class-size domain: school levels, the three statistical areas and the
 * parameters of the school-level crowding model.
 */

/** School level: 小学 (grades 1–6) or 初中 (grades 7–9). */
export type Level = "primary" | "junior";

/** Statistical area of a school: 城区 (urban), 镇区 (town), 乡村 (rural). */
export type Area = "urban" | "town" | "rural";

/** Levels in a fixed order; packed arrays index levels by this order. */
export const LEVELS: readonly Level[] = ["primary", "junior"];

/** Areas in a fixed order; packed arrays index areas by this order. */
export const AREAS: readonly Area[] = ["urban", "town", "rural"];

/**
 * Standard class size (标准班额) by level, pupils per class: primary 45, junior 50.
 * @see 《城市普通中小学校校舍建设标准》(建标102-2002) 第六条, datasets row standard_class_size
 */
export const STANDARD_CLASS_SIZE: Readonly<Record<Level, number>> = { primary: 45, junior: 50 };

/** Smallest class size counted as a big class (大班额, 56+ pupils). */
export const BIG_CLASS_SIZE = 56;

/** Smallest class size counted as a very big class (超大班额, 66+ pupils). */
export const VERY_BIG_CLASS_SIZE = 66;

/**
 * Parameters of the crowding model for one area and level.
 *
 * Pupils per classroom (the load) varies across schools: over classrooms it follows a lognormal
 * distribution with mean `meanLoad` and log-standard deviation `spread`, truncated `maxZ` log-standard
 * deviations above the median (so that "enough classrooms" has a finite meaning).
 */
export interface ClassSizeParams extends ClassSizeShape {
  /** Mean pupils per classroom in the calibration year (pupils ÷ effective classrooms), > 0. */
  meanLoad: number;
}

/** The part of {@link ClassSizeParams} that does not change when pupils or classrooms change. */
export interface ClassSizeShape {
  /** Standard class size, pupils per class (45 primary, 50 junior), 20–55. */
  standardSize: number;
  /** Log-standard deviation of the load across classrooms (school heterogeneity), 0.01–1.5. */
  spread: number;
  /** Truncation of the load distribution in log-standard deviations above the median, 1–8 (default 3). */
  maxZ: number;
}

/** Default truncation of the school load distribution: 3 log-standard deviations above the median. */
export const DEFAULT_MAX_Z = 3;
