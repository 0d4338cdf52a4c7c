import {
  projectEliminationDrive,
  type EliminationDrive,
  type EliminationDriveInput,
} from "./project-elimination-drive.js";

/** A published share to reproduce: 56+ and, optionally, 66+ in one year. */
export interface ObservedBigClassShares {
  year: number;
  /** Share of classes with 56+ pupils, 0–1. */
  bigShare: number;
  /** Share of classes with 66+ pupils, 0–1 (used to fit targetedShare when that is not given). */
  veryBigShare?: number;
}

/** Inputs of fitEliminationDrive: a drive projection without the drive, and what it should reproduce. */
export interface FitEliminationDriveInput extends Omit<EliminationDriveInput, "drive"> {
  /** Published shares after the base year, at least one. */
  observed: readonly ObservedBigClassShares[];
  /**
   * Fix the share of targeted classrooms, 0–1, and fit only the pace (least squares on the 56+ shares of all
   * observed years). When omitted, both are solved from the first observation that has a 66+ share.
   */
  targetedShare?: number;
  /** Class size the targeted schools are brought down to, 20–55 (default the calibration's standard size). */
  maxClassSize?: number;
  /** Share of schools holding classes at 65 instead of building (see EliminationDrive.cappedShare; default 0). */
  cappedShare?: number;
}

/** A fitted drive with the shares it gives in the observed years. */
export interface FittedEliminationDrive extends EliminationDrive {
  maxClassSize: number;
  /** Which parameters were fitted. */
  solvedFor: "pace" | "pace+targetedShare";
  /** Model minus observed, per observed year, 0–1 share points. */
  residuals: { year: number; bigShare: number; veryBigShare: number | null }[];
}

/** Bisection on a decreasing f over [lo, hi]: the x where f crosses 0 (the nearer end if it does not). */
function solveDecreasing(f: (x: number) => number, lo: number, hi: number): number {
  if (f(lo) <= 0) return lo;
  if (f(hi) >= 0) return hi;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > 1e-10 * Math.max(1, b); i++) {
    const mid = 0.5 * (a + b);
    if (f(mid) > 0) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

/**
 * Find the construction pace (classrooms a year) and its aim that reproduce published big-class shares.
 *
 * With a 56+ and a 66+ share in one year after the base, both the pace and the share of rooms aimed at the
 * most crowded schools are determined exactly (more aim removes 66+ classes faster for the same 56+ share).
 * With targetedShare given, only the pace is fitted, by least squares on the 56+ shares of every observed
 * year. Shares fall as the pace rises, so both are one-dimensional searches.
 *
 * @param input base calibration, pupils index, base classes and the observed shares; see {@link FitEliminationDriveInput}
 * @returns the drive, with residuals (model − observed) in every observed year
 * @throws {RangeError} fitEliminationDrive requires observations within the years and, without
 *   targetedShare, one with a 66+ share; and the errors of projectEliminationDrive
 * @example fitEliminationDrive({ years: [2017, 2018], pupilIndex: [1, 1.02], calibration, baseClasses: 3_643_564, observed: [{ year: 2018, bigShare: 0.0706, veryBigShare: 0.005 }] }).residuals[0].bigShare // ≈ 0
 * @see projectEliminationDrive
 */
export function fitEliminationDrive(input: FitEliminationDriveInput): FittedEliminationDrive {
  const { years, observed } = input;
  const maxClassSize = input.maxClassSize ?? input.calibration.standardSize;
  if (observed.length === 0) throw new RangeError("fitEliminationDrive requires at least one observation");
  const index = observed.map((o) => {
    const i = years.indexOf(o.year);
    if (i < 1) throw new RangeError(`fitEliminationDrive requires observations after ${years[0]} within the years, got ${o.year}`);
    return i;
  });
  const cappedShare = input.cappedShare ?? 0;
  const run = (drive: EliminationDrive) => projectEliminationDrive({ ...input, drive: { ...drive, maxClassSize, cappedShare } });
  // Upper bound on the pace: enough rooms a year to give every pupil a standard class at once.
  const rooms0 = run({ classroomsPerYear: 0, targetedShare: 0 })[0].classes;
  const maxPace = 3 * rooms0;

  let targetedShare: number;
  let classroomsPerYear: number;
  let solvedFor: FittedEliminationDrive["solvedFor"];
  if (input.targetedShare !== undefined) {
    targetedShare = input.targetedShare;
    if (!(targetedShare >= 0 && targetedShare <= 1)) {
      throw new RangeError(`fitEliminationDrive requires targetedShare between 0 and 1, got ${targetedShare}`);
    }
    const loss = (pace: number): number => {
      const rows = run({ classroomsPerYear: pace, targetedShare });
      return observed.reduce((s, o, k) => s + (rows[index[k]].bigShare - o.bigShare) ** 2, 0);
    };
    // Coarse scan on a log grid, then golden-section search around the best point.
    let best = 0;
    let bestLoss = loss(0);
    const grid = 80;
    for (let k = 0; k <= grid; k++) {
      const pace = maxPace * 10 ** (-6 + (6 * k) / grid);
      const l = loss(pace);
      if (l < bestLoss) {
        best = pace;
        bestLoss = l;
      }
    }
    let a = best / 10 ** (6 / grid);
    let b = Math.min(best * 10 ** (6 / grid), maxPace);
    if (best === 0) {
      a = 0;
      b = maxPace * 1e-6;
    }
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let k = 0; k < 120 && b - a > 1e-9 * Math.max(1, b); k++) {
      const c = b - phi * (b - a);
      const d = a + phi * (b - a);
      if (loss(c) <= loss(d)) b = d;
      else a = c;
    }
    classroomsPerYear = 0.5 * (a + b);
    solvedFor = "pace";
  } else {
    const k = observed.findIndex((o) => o.veryBigShare !== undefined);
    if (k < 0) throw new RangeError("fitEliminationDrive requires a 66+ share in one observation when targetedShare is not given");
    const o = observed[k];
    const i = index[k];
    const paceFor = (aim: number): number =>
      solveDecreasing((pace) => run({ classroomsPerYear: pace, targetedShare: aim })[i].bigShare - o.bigShare, 0, maxPace);
    const veryBigAt = (aim: number): number =>
      run({ classroomsPerYear: paceFor(aim), targetedShare: aim })[i].veryBigShare - (o.veryBigShare as number);
    targetedShare = solveDecreasing(veryBigAt, 0, 1);
    classroomsPerYear = paceFor(targetedShare);
    solvedFor = "pace+targetedShare";
  }
  const rows = run({ classroomsPerYear, targetedShare });
  return {
    classroomsPerYear,
    targetedShare,
    maxClassSize,
    cappedShare,
    solvedFor,
    residuals: observed.map((o, k) => ({
      year: o.year,
      bigShare: rows[index[k]].bigShare - o.bigShare,
      veryBigShare: o.veryBigShare === undefined ? null : rows[index[k]].veryBigShare - o.veryBigShare,
    })),
  };
}
