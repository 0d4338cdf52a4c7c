import { crowdingRates } from "./crowding-rates.js";
import { DEFAULT_MAX_Z, type ClassSizeParams, type ClassSizeShape } from "./types.js";

/**
 * Spread (log-sd of pupils per classroom across schools) used when only a 56+ share is observed.
 * It is the value calibrateClassSize fits to the national 2017 shares, 10.1% of classes 56+ and 2.4% 66+
 * (standard 45, maxZ 3), giving 0.2508, rounded to 0.25.
 * @see 新华社 2018-03-16 陈宝生部长记者会: 36.8万 classes 56+ (10.1%), 8.6万 66+ (2.4%)
 */
export const DEFAULT_SPREAD = 0.25;

/** What is observed in the calibration year for one area and level. */
export interface ClassSizeTarget {
  /** Standard class size, pupils per class (45 primary, 50 junior). */
  standardSize: number;
  /** Observed share of classes with 56+ pupils, strictly between 0 and 1. */
  bigShare: number;
  /** Observed share of classes with 66+ pupils, 0 < veryBigShare < bigShare; when given, spread is fitted too. */
  veryBigShare?: number;
  /** Known pupils per classroom; when given (and veryBigShare is not), only spread is fitted. */
  meanLoad?: number;
  /** Assumed spread when only bigShare is given, 0.01–1.5 (default DEFAULT_SPREAD). */
  spread?: number;
  /** Truncation in log-sd above the median, 1–8 (default 3). */
  maxZ?: number;
}

/** Calibrated crowding parameters together with the shares they reproduce. */
export interface CalibratedClassSize extends ClassSizeParams {
  /** Which parameters were solved for. */
  solvedFor: "meanLoad" | "spread" | "meanLoad+spread";
  /** Model share of 56+ classes at the calibrated parameters, 0–1. */
  bigShare: number;
  /** Model share of 66+ classes at the calibrated parameters, 0–1. */
  veryBigShare: number;
}

const SPREAD_MIN = 0.01;
const SPREAD_MAX = 1.5;
const LOAD_MIN = 1;
const LOAD_MAX = 2000;

function shares(meanLoad: number, shape: ClassSizeShape): [number, number] {
  const r = crowdingRates(meanLoad, shape);
  return [r.bigPerRoom / r.classesPerRoom, r.veryBigPerRoom / r.classesPerRoom];
}

/**
 * Root of an increasing f on [lo, hi] with f(lo) < 0 < f(hi): the Illinois variant of regula falsi, which
 * keeps a bracket like bisection but converges superlinearly (about 8 evaluations instead of 45 for
 * double precision); a bisection step is taken whenever the bracket fails to shrink by half.
 */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  let side = 0;
  for (let i = 0; i < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); i++) {
    const width = b - a;
    let x = fb !== fa ? b - (fb * (b - a)) / (fb - fa) : 0.5 * (a + b);
    if (!(x > a && x < b)) x = 0.5 * (a + b);
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) {
      a = x;
      fa = fx;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = x;
      fb = fx;
      if (side === 1) fa /= 2;
      side = 1;
    }
    if (b - a > 0.5 * width) {
      // Slow progress: bisect once.
      const mid = 0.5 * (a + b);
      const fm = f(mid);
      if (fm === 0) return mid;
      if (fm < 0) {
        a = mid;
        fa = fm;
      } else {
        b = mid;
        fb = fm;
      }
      side = 0;
    }
  }
  return 0.5 * (a + b);
}

function solveMeanLoad(bigShare: number, shape: ClassSizeShape): number {
  // The 56+ share rises with the mean load (0 when every school fits, → 1 when all rooms are crowded).
  const f = (logLoad: number): number => shares(Math.exp(logLoad), shape)[0] - bigShare;
  if (f(Math.log(LOAD_MAX)) < 0) {
    throw new RangeError(`calibrateClassSize cannot reach bigShare ${bigShare} with meanLoad up to ${LOAD_MAX}`);
  }
  return Math.exp(bisect(f, Math.log(LOAD_MIN), Math.log(LOAD_MAX)));
}

/**
 * Fit the crowding model so that it reproduces the observed big-class shares of a base year.
 *
 * With both the 56+ and the 66+ share observed (as nationally in 2017) it solves for the mean load and the
 * spread of schools around it; with only the 56+ share (as in Shandong's survey) it solves for the mean load
 * under an assumed spread, or for the spread when pupils per classroom is known. The fitted mean load
 * defines the effective classrooms of the base year: pupils ÷ meanLoad.
 *
 * @param target observed shares (0–1) and the standard size; see {@link ClassSizeTarget}
 * @returns calibrated parameters and the shares they reproduce (to about 1e-12)
 * @throws {RangeError} calibrateClassSize requires bigShare between 0 and 1 (exclusive), veryBigShare below
 *   bigShare, and cannot reach shares outside what spreads 0.01–1.5 can produce
 * @example calibrateClassSize({ standardSize: 45, bigShare: 0.101, veryBigShare: 0.024 }).spread // ≈ 0.2508
 * @see national.csv rows bigclass_56plus_share 2017 and superclass_66plus_share 2017; seed 001 (山东 调研)
 */
export function calibrateClassSize(target: ClassSizeTarget): CalibratedClassSize {
  const { standardSize, bigShare, veryBigShare, meanLoad } = target;
  const maxZ = target.maxZ ?? DEFAULT_MAX_Z;
  if (!(standardSize >= 20 && standardSize <= 55)) {
    throw new RangeError(`calibrateClassSize requires standardSize between 20 and 55 pupils, got ${standardSize}`);
  }
  if (!(bigShare > 0 && bigShare < 1)) {
    throw new RangeError(`calibrateClassSize requires bigShare between 0 and 1 (exclusive), got ${bigShare}`);
  }
  if (!(maxZ >= 1 && maxZ <= 8)) throw new RangeError(`calibrateClassSize requires maxZ between 1 and 8, got ${maxZ}`);
  const shapeOf = (spread: number): ClassSizeShape => ({ standardSize, spread, maxZ });
  const done = (load: number, spread: number, solvedFor: CalibratedClassSize["solvedFor"]): CalibratedClassSize => {
    const [b, v] = shares(load, shapeOf(spread));
    return { standardSize, meanLoad: load, spread, maxZ, solvedFor, bigShare: b, veryBigShare: v };
  };

  if (veryBigShare !== undefined) {
    if (!(veryBigShare > 0 && veryBigShare < bigShare)) {
      throw new RangeError(`calibrateClassSize requires veryBigShare between 0 and bigShare ${bigShare}, got ${veryBigShare}`);
    }
    // A wider spread fattens the tail: at a fixed 56+ share, the 66+ share rises with the spread.
    const g = (spread: number): number => shares(solveMeanLoad(bigShare, shapeOf(spread)), shapeOf(spread))[1] - veryBigShare;
    if (g(SPREAD_MIN) > 0 || g(SPREAD_MAX) < 0) {
      throw new RangeError(
        `calibrateClassSize cannot reach veryBigShare ${veryBigShare} with bigShare ${bigShare} for spread in ${SPREAD_MIN}–${SPREAD_MAX}`,
      );
    }
    const spread = bisect(g, SPREAD_MIN, SPREAD_MAX);
    return done(solveMeanLoad(bigShare, shapeOf(spread)), spread, "meanLoad+spread");
  }

  if (meanLoad !== undefined) {
    if (!(meanLoad > 0) || !Number.isFinite(meanLoad)) {
      throw new RangeError(`calibrateClassSize requires meanLoad > 0, got ${meanLoad}`);
    }
    const f = (spread: number): number => shares(meanLoad, shapeOf(spread))[0] - bigShare;
    const lo = f(SPREAD_MIN);
    const hi = f(SPREAD_MAX);
    if (Math.sign(lo) === Math.sign(hi)) {
      throw new RangeError(
        `calibrateClassSize cannot reach bigShare ${bigShare} with meanLoad ${meanLoad} for spread in ${SPREAD_MIN}–${SPREAD_MAX}`,
      );
    }
    // Below the 56 threshold a wider spread means more big classes; far above it, fewer. Orient the bracket.
    const spread = lo < 0 ? bisect(f, SPREAD_MIN, SPREAD_MAX) : bisect((x) => -f(x), SPREAD_MIN, SPREAD_MAX);
    return done(meanLoad, spread, "spread");
  }

  const spread = target.spread ?? DEFAULT_SPREAD;
  if (!(spread >= SPREAD_MIN && spread <= SPREAD_MAX)) {
    throw new RangeError(`calibrateClassSize requires spread between ${SPREAD_MIN} and ${SPREAD_MAX}, got ${spread}`);
  }
  return done(solveMeanLoad(bigShare, shapeOf(spread)), spread, "meanLoad");
}
