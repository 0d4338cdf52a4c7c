import { standardNormalCdf } from "./standard-normal-cdf.js";
import type { ClassSizeShape } from "./types.js";

/**
 * Class-size thresholds on the continuous load scale. Class sizes are whole pupils, so a class of 56+
 * is a load of 55.5 or more after rounding (continuity correction).
 */
export const BIG_LOAD = 55.5;
export const VERY_BIG_LOAD = 65.5;

/** Per-classroom outcome rates of the crowding model at one mean load. */
export interface CrowdingRates {
  /** Classes formed per classroom, 0–1 (a classroom holds at most one class). */
  classesPerRoom: number;
  /** Share of classrooms whose school is above the standard size (its classes exceed the standard), 0–1. */
  aboveStandardPerRoom: number;
  /** Classes of 56+ per classroom, 0–1. */
  bigPerRoom: number;
  /** Classes of 66+ per classroom, 0–1. */
  veryBigPerRoom: number;
  /** Pupils in 56+ classes per classroom, ≥ 0. */
  bigPupilsPerRoom: number;
  /** E[(load − standard)⁺] / standard: classrooms missing per classroom for every school to form standard classes. */
  standardGapPerRoom: number;
}

/**
 * Per-classroom rates of the crowding model (internal engine of classSizeDistribution).
 *
 * The load x (pupils per classroom of a school) is lognormal over classrooms with mean `meanLoad` and
 * log-sd `spread`, truncated at `maxZ` log-sd above the median. A school with x ≤ standard forms x/standard
 * classes per classroom (ceil(pupils/standard) in the continuous limit) and leaves rooms spare; a school
 * with x > standard fills every room with a class of x pupils. Every quantity is a closed form in Φ.
 */
export function crowdingRates(meanLoad: number, shape: ClassSizeShape): CrowdingRates {
  if (!(meanLoad >= 0) || !Number.isFinite(meanLoad)) {
    throw new RangeError(`crowdingRates requires a finite meanLoad ≥ 0, got ${meanLoad}`);
  }
  if (meanLoad === 0) {
    return { classesPerRoom: 0, aboveStandardPerRoom: 0, bigPerRoom: 0, veryBigPerRoom: 0, bigPupilsPerRoom: 0, standardGapPerRoom: 0 };
  }
  const { standardSize: s, spread: sigma, maxZ } = shape;
  const phiZ = standardNormalCdf(maxZ);
  const phiZs = standardNormalCdf(maxZ - sigma);
  // μ such that the truncated lognormal has mean meanLoad: E[x] = e^{μ+σ²/2} Φ(Z−σ)/Φ(Z).
  const mu = Math.log(meanLoad) - (sigma * sigma) / 2 - Math.log(phiZs / phiZ);
  const a = (t: number): number => (Math.log(t) - mu) / sigma;
  const tail = (t: number): number => Math.max(phiZ - standardNormalCdf(a(t)), 0) / phiZ;
  // E[x; x < t] = m Φ(min(a_t, Z) − σ) / Φ(Z − σ)
  const partial = (t: number): number => (meanLoad * standardNormalCdf(Math.min(a(t), maxZ) - sigma)) / phiZs;
  const aboveStandard = tail(s);
  const belowMass = partial(s);
  return {
    classesPerRoom: belowMass / s + aboveStandard,
    aboveStandardPerRoom: aboveStandard,
    bigPerRoom: tail(BIG_LOAD),
    veryBigPerRoom: tail(VERY_BIG_LOAD),
    bigPupilsPerRoom: Math.max(meanLoad - partial(BIG_LOAD), 0),
    standardGapPerRoom: Math.max(meanLoad - belowMass - s * aboveStandard, 0) / s,
  };
}

/**
 * Targeted classrooms missing per existing classroom so that every school's load is at most `cap`
 * after its pupils are scaled by `growth`: E[(growth·x − cap)⁺] / cap. Used by the inverse planner.
 */
export function targetedGapPerRoom(meanLoad: number, growth: number, cap: number, shape: ClassSizeShape): number {
  if (meanLoad <= 0 || growth <= 0) return 0;
  const { spread: sigma, maxZ } = shape;
  const phiZ = standardNormalCdf(maxZ);
  const phiZs = standardNormalCdf(maxZ - sigma);
  const mu = Math.log(meanLoad) - (sigma * sigma) / 2 - Math.log(phiZs / phiZ);
  const t = cap / growth; // growth·x > cap ⟺ x > cap/growth
  const at = (Math.log(t) - mu) / sigma;
  const tailT = Math.max(phiZ - standardNormalCdf(at), 0) / phiZ;
  const partialT = (meanLoad * standardNormalCdf(Math.min(at, maxZ) - sigma)) / phiZs;
  return Math.max(growth * (meanLoad - partialT) - cap * tailT, 0) / cap;
}
