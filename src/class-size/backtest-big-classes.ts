import { calibrateClassSize, type CalibratedClassSize } from "./calibrate-class-size.js";
import { fitEliminationDrive, type FittedEliminationDrive, type ObservedBigClassShares } from "./fit-elimination-drive.js";
import { projectEliminationDrive, type EliminationDriveRow } from "./project-elimination-drive.js";

/** What a published big-class figure measures. */
export type PublishedBigClassMeasure = "big_share" | "very_big_share" | "big_count" | "very_big_count" | "classes_total";

/** One published figure of a region: a share (0–1) or a count of classes. */
export interface PublishedBigClassFigure {
  year: number;
  measure: PublishedBigClassMeasure;
  /** Share 0–1 for *_share, classes for the counts. */
  value: number;
  /** True when the publication gives it loosely (e.g. 超大班额“基本消除” read as 0). */
  approx?: boolean;
}

/** Inputs of backtestBigClasses: plain numbers read from the curated real tables by the caller. */
export interface BacktestBigClassesInput {
  /** Name of the drive scenario this fit defines, e.g. "national-elimination-drive". */
  name: string;
  /** Consecutive years from the calibration (base) year to the last year compared. */
  years: readonly number[];
  /** Pupils relative to the base year, one per year (e.g. interpolateGeometric of published enrolment). */
  pupilIndex: readonly number[];
  /** Standard class size the whole region is measured against (45: the primary standard of 建标102-2002). */
  standardSize: number;
  /** Published figures; the base year needs big_share and very_big_share. */
  published: readonly PublishedBigClassFigure[];
  /** Years whose shares the drive is fitted to (the rest are out of sample). */
  fitYears: readonly number[];
  /** Fix the share of targeted rooms (e.g. the national fit's, for a province); fitted when omitted. */
  targetedShare?: number;
  /** Class size targeted schools are brought to, 20–55 (default standardSize: new rooms are built for standard classes). */
  maxClassSize?: number;
  /** Share of schools holding classes at 65 instead of building (EliminationDrive.cappedShare; default 0). */
  cappedShare?: number;
  /**
   * Fit cappedShare so that the 56+ share of this year is reproduced (the tail that building did not remove),
   * the pace and aim refitted to fitYears for each candidate; the years between stay out of sample.
   */
  cappedShareFitYear?: number;
}

/** One published figure against the model without and with the drive. */
export interface BacktestComparisonRow {
  year: number;
  measure: PublishedBigClassMeasure;
  published: number;
  approx: boolean;
  /** "calibration": fitted by calibrateClassSize; "fit": used to fit the drive; "out-of-sample": not used. */
  role: "calibration" | "fit" | "out-of-sample";
  /** Model with no classroom added after the base year. */
  noDrive: number;
  /** Model with the fitted drive. */
  drive: number;
  /** drive − published (share points 0–1 for shares, classes for counts). */
  error: number;
  /** noDrive − published. */
  errorNoDrive: number;
  /** error ÷ published (null when published is 0). */
  relativeError: number | null;
}

/** Result of backtestBigClasses. */
export interface BigClassBacktest {
  name: string;
  calibration: CalibratedClassSize;
  /** Classes in the base year (from the published 56+ count ÷ share when both exist, else 1: a relative scale). */
  baseClasses: number;
  /** False when no class count was published: classroom numbers are then per base-year class. */
  classesKnown: boolean;
  drive: FittedEliminationDrive & { name: string };
  noDriveRows: EliminationDriveRow[];
  driveRows: EliminationDriveRow[];
  comparison: BacktestComparisonRow[];
}

/**
 * Calibrate a region's crowding to its base-year big-class shares, fit the elimination drive to the fit
 * years, and compare the model with every published figure, out-of-sample ones included.
 *
 * The region is one cell: all compulsory classes against one standard size. Without a drive the shares
 * drift with pupils only; the drive adds a constant number of classrooms a year, part of them aimed at the
 * most crowded schools (see projectEliminationDrive). Errors are model − published, in share points for
 * shares and classes for counts, so a test can assert them.
 *
 * @param input years, pupils index, published figures, fit years; see {@link BacktestBigClassesInput}
 * @returns calibration, fitted drive, both projections and the comparison table
 * @throws {RangeError} backtestBigClasses requires base-year big_share and very_big_share, and the errors
 *   of calibrateClassSize and fitEliminationDrive
 * @example backtestBigClasses(nationalInput).comparison.find((r) => r.year === 2021 && r.measure === "big_share")?.error // model − 0.0071
 * @see 新华社 2018-03-16 (2017: 10.1%, 2.4%); 教育部 2019-02-26 (2018); 国新办 2020-09-23; 教育部 2022 (2021)
 */
export function backtestBigClasses(input: BacktestBigClassesInput): BigClassBacktest {
  const { years, published } = input;
  const base = years[0];
  const at = (year: number, measure: PublishedBigClassMeasure) => published.find((p) => p.year === year && p.measure === measure);
  const bigShare = at(base, "big_share");
  const veryBigShare = at(base, "very_big_share");
  if (bigShare === undefined || veryBigShare === undefined) {
    throw new RangeError(`backtestBigClasses requires big_share and very_big_share in the base year ${base}`);
  }
  const calibration = calibrateClassSize({ standardSize: input.standardSize, bigShare: bigShare.value, veryBigShare: veryBigShare.value });
  const bigCount = at(base, "big_count");
  const classesTotal = at(base, "classes_total");
  const classesKnown = classesTotal !== undefined || bigCount !== undefined;
  const baseClasses = classesTotal?.value ?? (bigCount !== undefined ? bigCount.value / bigShare.value : 1);
  const common = { years, pupilIndex: input.pupilIndex, calibration, baseClasses };

  const observed: ObservedBigClassShares[] = [];
  for (const year of input.fitYears) {
    const b = at(year, "big_share");
    if (b === undefined) continue;
    const v = at(year, "very_big_share");
    observed.push({ year, bigShare: b.value, ...(v !== undefined ? { veryBigShare: v.value } : {}) });
  }
  const fit = (cappedShare: number | undefined) =>
    fitEliminationDrive({
      ...common,
      observed,
      ...(input.targetedShare !== undefined ? { targetedShare: input.targetedShare } : {}),
      ...(input.maxClassSize !== undefined ? { maxClassSize: input.maxClassSize } : {}),
      ...(cappedShare !== undefined ? { cappedShare } : {}),
    });
  let fitted = fit(input.cappedShare);
  const used = new Set<string>();
  if (input.cappedShareFitYear !== undefined) {
    const tailYear = input.cappedShareFitYear;
    const k = years.indexOf(tailYear);
    const tail = at(tailYear, "big_share");
    if (k < 1 || tail === undefined) {
      throw new RangeError(`backtestBigClasses requires a published big_share in cappedShareFitYear ${tailYear} within the years`);
    }
    // The tail year's 56+ share rises with the capped share (capped schools keep 56–65 classes): bisection.
    const shareAt = (q: number) => projectEliminationDrive({ ...common, drive: fit(q) })[k].bigShare - tail.value;
    let lo = 0;
    let hi = 0.95;
    if (shareAt(lo) >= 0) hi = 0;
    else if (shareAt(hi) <= 0) lo = hi;
    for (let it = 0; it < 40 && hi - lo > 1e-6; it++) {
      const mid = 0.5 * (lo + hi);
      if (shareAt(mid) < 0) lo = mid;
      else hi = mid;
    }
    fitted = fit(0.5 * (lo + hi));
    used.add(`${tailYear}:big_share`);
  }
  if (fitted.solvedFor === "pace") observed.forEach((o) => used.add(`${o.year}:big_share`));
  else {
    const first = observed.find((o) => o.veryBigShare !== undefined)!;
    used.add(`${first.year}:big_share`).add(`${first.year}:very_big_share`);
  }
  const noDriveRows = projectEliminationDrive(common);
  const driveRows = projectEliminationDrive({ ...common, drive: fitted });
  const value = (row: EliminationDriveRow, measure: PublishedBigClassMeasure): number =>
    measure === "big_share" ? row.bigShare
    : measure === "very_big_share" ? row.veryBigShare
    : measure === "big_count" ? row.big
    : measure === "very_big_count" ? row.veryBig
    : row.classes;
  const comparison: BacktestComparisonRow[] = [];
  for (const p of [...published].sort((a, b) => a.year - b.year)) {
    const i = years.indexOf(p.year);
    if (i < 0) continue;
    const isCount = !p.measure.endsWith("_share");
    if (isCount && !classesKnown) continue;
    const drive = value(driveRows[i], p.measure);
    const noDrive = value(noDriveRows[i], p.measure);
    comparison.push({
      year: p.year,
      measure: p.measure,
      published: p.value,
      approx: p.approx ?? false,
      role: i === 0 ? "calibration" : used.has(`${p.year}:${p.measure}`) ? "fit" : "out-of-sample",
      noDrive,
      drive,
      error: drive - p.value,
      errorNoDrive: noDrive - p.value,
      relativeError: p.value !== 0 ? (drive - p.value) / p.value : null,
    });
  }
  return { name: input.name, calibration, baseClasses, classesKnown, drive: { ...fitted, name: input.name }, noDriveRows, driveRows, comparison };
}
