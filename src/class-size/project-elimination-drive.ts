import { BIG_LOAD, VERY_BIG_LOAD, crowdingRates } from "./crowding-rates.js";
import { standardNormalCdf } from "./standard-normal-cdf.js";
import type { ClassSizeParams } from "./types.js";
import { validateShape } from "./validate-shape.js";

/** A dedicated elimination drive (消除大班额专项规划): a construction pace and how it is aimed. */
export interface EliminationDrive {
  /** Classrooms completed each year after the base year, ≥ 0 (the same number every year). */
  classroomsPerYear: number;
  /**
   * Share of the new classrooms aimed at the most crowded schools, 0–1: those schools are brought down to
   * `maxClassSize` worst first; the rest spread like the existing rooms (new schools in growing districts).
   */
  targetedShare: number;
  /** Class size a targeted school is brought down to, pupils, 20–55 (default 55: no 大班额 left there). */
  maxClassSize?: number;
  /** Last school year in which rooms are added (default: every year). */
  lastYear?: number;
  /**
   * Share of schools, 0–1, that hold every class at 65 from the first drive year instead of receiving targeted
   * rooms (their would-be 66+ classes become 56–65 ones: “均控制在66人以内”); spread evenly over the load
   * distribution, like the counties capping at 65 in 广西 (compareCountySpread). Default 0.
   */
  cappedShare?: number;
}

/** Inputs of projectEliminationDrive for one region treated as one cell (a nation, a province). */
export interface EliminationDriveInput {
  /** Consecutive school years; years[0] is the calibration (base) year. */
  years: readonly number[];
  /** Pupils relative to the base year, one value per year, > 0 (entry 0 is 1). */
  pupilIndex: readonly number[];
  /** Crowding parameters calibrated in the base year (calibrateClassSize). */
  calibration: ClassSizeParams;
  /** All classes in the base year, > 0 (sets the scale: effective classrooms = classes ÷ classes per room). */
  baseClasses: number;
  /** The drive; omit for no new classrooms. */
  drive?: EliminationDrive;
}

/** One year of a drive projection. */
export interface EliminationDriveRow {
  year: number;
  /** Pupils relative to the base year. */
  pupilIndex: number;
  /** Classrooms added since the base year (cumulative), including any the worst schools no longer need. */
  classroomsAdded: number;
  /** Of which aimed at the most crowded schools. */
  targetedClassrooms: number;
  /** Targeted classrooms left unused because no school is above maxClassSize any more. */
  spareClassrooms: number;
  /** Schools whose load before the targeted rooms exceeded this were brought to maxClassSize (Infinity: none). */
  fixedAbove: number;
  classes: number;
  /** Classes of 56+ pupils (大班额, including 超大班额). */
  big: number;
  /** Classes of 66+ pupils (超大班额). */
  veryBig: number;
  bigShare: number;
  veryBigShare: number;
}

/**
 * Big classes of one region year by year under a dedicated elimination drive.
 *
 * The crowding model of classSizeDistribution, with two kinds of new classrooms. Untargeted rooms spread
 * like the existing ones and lower every school's load in proportion. Targeted rooms go to the most
 * crowded schools first and bring each down to `maxClassSize` (55: no 大班额 left there): every school whose
 * load exceeds a level τ is fixed, with τ chosen so that the fixed schools use exactly the targeted rooms of
 * the years so far. That is how 超大班额 fall much faster than 大班额 (nationally −78% against −28% in 2018).
 * Each year the rooms built so far are reallocated to that year's most crowded schools (enrolment zoning
 * follows the new buildings); pupils of every school grow at the region's rate.
 *
 * @param input years, pupils relative to the base year, calibration, base classes and the drive; see {@link EliminationDriveInput}
 * @returns one row per year
 * @throws {RangeError} projectEliminationDrive requires one pupilIndex value > 0 per year, baseClasses > 0,
 *   classroomsPerYear ≥ 0, targetedShare 0–1 and maxClassSize 20–55
 * @example projectEliminationDrive({ years: [2017], pupilIndex: [1], calibration: calibrateClassSize({ standardSize: 45, bigShare: 0.101, veryBigShare: 0.024 }), baseClasses: 3_643_564 })[0].bigShare // ≈ 0.101
 * @see 教育部 2018-03-16 and 2019-02-26 press conferences (大班额 −28%, 超大班额 −78.1% in 2018); classSizeDistribution
 */
export function projectEliminationDrive(input: EliminationDriveInput): EliminationDriveRow[] {
  const { years, pupilIndex, calibration, baseClasses } = input;
  const shape = validateShape(calibration, "projectEliminationDrive");
  const n = years.length;
  if (pupilIndex.length !== n || pupilIndex.some((g) => !(g > 0) || !Number.isFinite(g))) {
    throw new RangeError(`projectEliminationDrive requires one pupilIndex value > 0 per year, got ${pupilIndex.length} for ${n} years`);
  }
  if (!(baseClasses > 0) || !Number.isFinite(baseClasses)) {
    throw new RangeError(`projectEliminationDrive requires baseClasses > 0, got ${baseClasses}`);
  }
  const drive = input.drive ?? { classroomsPerYear: 0, targetedShare: 0 };
  const cap = drive.maxClassSize ?? 55;
  if (!(drive.classroomsPerYear >= 0) || !Number.isFinite(drive.classroomsPerYear)) {
    throw new RangeError(`projectEliminationDrive requires classroomsPerYear ≥ 0, got ${drive.classroomsPerYear}`);
  }
  if (!(drive.targetedShare >= 0 && drive.targetedShare <= 1)) {
    throw new RangeError(`projectEliminationDrive requires targetedShare between 0 and 1, got ${drive.targetedShare}`);
  }
  if (!(cap >= 20 && cap <= 55)) throw new RangeError(`projectEliminationDrive requires maxClassSize between 20 and 55, got ${cap}`);
  const q = drive.cappedShare ?? 0;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`projectEliminationDrive requires cappedShare between 0 and 1, got ${q}`);
  const m0 = calibration.meanLoad;
  const rooms0 = baseClasses / crowdingRates(m0, shape).classesPerRoom;
  const { standardSize: s, spread: sigma, maxZ } = shape;
  const phiZ = standardNormalCdf(maxZ);
  const phiZs = standardNormalCdf(maxZ - sigma);
  const rows: EliminationDriveRow[] = [];
  let added = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (drive.lastYear === undefined || years[i] <= drive.lastYear)) added += drive.classroomsPerYear;
    const targeted = added * drive.targetedShare;
    const rooms = rooms0 + added - targeted;
    const load = (m0 * pupilIndex[i] * rooms0) / rooms;
    // Room-weighted truncated lognormal of the load after the untargeted rooms.
    const mu = Math.log(load) - (sigma * sigma) / 2 - Math.log(phiZs / phiZ);
    const a = (t: number): number => Math.min((Math.log(t) - mu) / sigma, maxZ);
    const cdf = (t: number): number => (t <= 0 ? 0 : standardNormalCdf(a(t)) / phiZ);
    const partial = (t: number): number => (t <= 0 ? 0 : (load * standardNormalCdf(a(t) - sigma)) / phiZs);
    const xMax = Math.exp(mu + maxZ * sigma);
    // The capped schools (share q of rooms, from the first drive year) take no targeted rooms.
    const qi = i > 0 ? q : 0;
    const open = rooms * (1 - qi);
    // Rooms needed to bring every open school above τ down to the cap.
    const need = (tau: number): number => open * Math.max((load - partial(tau)) / cap - (1 - cdf(tau)), 0);
    let tau = Infinity;
    let spare = 0;
    if (targeted > 0 && xMax > cap) {
      if (targeted >= need(cap)) {
        tau = cap;
        spare = targeted - need(cap);
      } else {
        let lo = Math.log(cap);
        let hi = Math.log(xMax);
        for (let k = 0; k < 100 && hi - lo > 1e-12; k++) {
          const mid = 0.5 * (lo + hi);
          if (need(Math.exp(mid)) > targeted) lo = mid;
          else hi = mid;
        }
        tau = Math.exp(0.5 * (lo + hi));
      }
    }
    const inTau = (t: number): number => Math.max(cdf(tau) - cdf(t), 0); // share of rooms with t ≤ load ≤ τ
    const fixedPupilsPerRoom = Number.isFinite(tau) ? load - partial(tau) : 0;
    let classes =
      open * (partial(Math.min(s, tau)) / s + inTau(s)) + (open * fixedPupilsPerRoom) / Math.max(cap, s);
    let big = open * inTau(BIG_LOAD);
    let veryBig = open * inTau(VERY_BIG_LOAD);
    if (qi > 0) {
      // A capped room with load x > 65.5 forms x / 65 classes of 56–65 pupils (in borrowed space); none is 66+.
      const capped = rooms * qi;
      const over = load - partial(VERY_BIG_LOAD);
      classes += capped * (partial(s) / s + (cdf(VERY_BIG_LOAD) - cdf(s)) + over / 65);
      big += capped * (cdf(VERY_BIG_LOAD) - cdf(BIG_LOAD) + over / 65);
    }
    rows.push({
      year: years[i],
      pupilIndex: pupilIndex[i],
      classroomsAdded: added,
      targetedClassrooms: targeted,
      spareClassrooms: spare,
      fixedAbove: tau,
      classes,
      big,
      veryBig,
      bigShare: classes > 0 ? big / classes : 0,
      veryBigShare: classes > 0 ? veryBig / classes : 0,
    });
  }
  return rows;
}
