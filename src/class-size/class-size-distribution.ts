import { crowdingRates } from "./crowding-rates.js";
import type { ClassSizeShape } from "./types.js";
import { validateShape } from "./validate-shape.js";

/** Classes of one area and level, by size band, as the crowding model expects them. */
export interface ClassSizeDistribution {
  /** Pupils, as given. */
  pupils: number;
  /** Classrooms, as given. */
  classrooms: number;
  /** Mean pupils per classroom (pupils ÷ classrooms). */
  meanLoad: number;
  /** Expected number of classes (never more than classrooms). */
  classes: number;
  /** Classes at or below the standard size (≤ 45 primary, ≤ 50 junior). */
  standardOrSmaller: number;
  /** Classes above the standard but below 56 (偏大班额). */
  aboveStandard: number;
  /** Classes of 56–65 pupils (大班额 that are not 超大班额). */
  big56to65: number;
  /** Classes of 66 or more pupils (超大班额). */
  veryBig: number;
  /** Classes of 56 or more pupils (大班额 including 超大班额), the count the Ministry reports. */
  big: number;
  /** Pupils taught in 56+ classes. */
  pupilsInBig: number;
  /** big ÷ classes, 0–1. */
  bigShare: number;
  /** veryBig ÷ classes, 0–1. */
  veryBigShare: number;
  /** Classrooms missing so that every school can form standard-size classes (untargeted stock gap). */
  classroomsShortOfStandard: number;
}

/**
 * Number of classes and their sizes in one area and level, from pupils and classrooms.
 *
 * Schools differ: pupils per classroom (the load) is spread across schools around the area mean
 * (lognormal with log-sd `spread`, truncated `maxZ` log-sd above the median). A school whose load is at or
 * below the standard size forms ceil(pupils ÷ standard) classes and leaves rooms spare; a school above it
 * crowds its pupils into the rooms it has, so its classes have `load` pupils. The shares of 56+ and 66+
 * classes therefore rise smoothly as pupils grow faster than classrooms, and fall to exactly zero once the
 * most crowded school fits below 56.
 *
 * More classrooms never raise the 56+ share or the pupils in 56+ classes. The count of 56+ classes falls
 * with more classrooms too while the mean load is below 55.5 (spread up to 1); when most schools are far
 * above 56 one more room in a school of 100 per room makes one more class of 67, so the count can rise
 * there: read shares, not counts, in extreme crowding.
 *
 * @param pupils enrolled pupils of the area and level, ≥ 0
 * @param classrooms usable classrooms (one class each), > 0 when pupils > 0
 * @param shape standard size (pupils per class, 45 primary / 50 junior), spread (log-sd, 0.01–1.5), maxZ (default 3)
 * @returns classes by size band, shares 0–1 of all classes
 * @throws {RangeError} classSizeDistribution requires classrooms > 0 when pupils > 0, and the shape ranges
 * @example classSizeDistribution(45_000, 1_000, { standardSize: 45, spread: 0.25 }).bigShare // ≈ 0.1865
 * @see 教育部 大班额 definitions: 56–65 大班额, 66+ 超大班额; 建标102-2002 第六条 standard sizes
 */
export function classSizeDistribution(
  pupils: number,
  classrooms: number,
  shape: { standardSize: number; spread: number; maxZ?: number },
): ClassSizeDistribution {
  const full: ClassSizeShape = validateShape(shape, "classSizeDistribution");
  if (!(pupils >= 0) || !Number.isFinite(pupils)) {
    throw new RangeError(`classSizeDistribution requires pupils ≥ 0, got ${pupils}`);
  }
  if (!(classrooms >= 0) || !Number.isFinite(classrooms)) {
    throw new RangeError(`classSizeDistribution requires classrooms ≥ 0, got ${classrooms}`);
  }
  if (pupils > 0 && classrooms === 0) {
    throw new RangeError("classSizeDistribution requires classrooms > 0 when pupils > 0");
  }
  const meanLoad = pupils === 0 ? 0 : pupils / classrooms;
  const r = crowdingRates(meanLoad, full);
  const classes = classrooms * r.classesPerRoom;
  const big = classrooms * r.bigPerRoom;
  const veryBig = classrooms * r.veryBigPerRoom;
  const aboveStandardRooms = classrooms * r.aboveStandardPerRoom;
  return {
    pupils,
    classrooms,
    meanLoad,
    classes,
    standardOrSmaller: classes - aboveStandardRooms,
    aboveStandard: aboveStandardRooms - big,
    big56to65: big - veryBig,
    veryBig,
    big,
    pupilsInBig: classrooms * r.bigPupilsPerRoom,
    bigShare: classes > 0 ? big / classes : 0,
    veryBigShare: classes > 0 ? veryBig / classes : 0,
    classroomsShortOfStandard: classrooms * r.standardGapPerRoom,
  };
}
