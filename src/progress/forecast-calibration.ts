import { quantileOfSorted } from "./simulate-curve-paths.js";

/** Upper edges (months after the last report) of the horizon bands a calibration is estimated in. */
export const CALIBRATION_BANDS = [6, 12, 24] as const;

/** Smallest spread (share) a forecast's residual is scaled by: half a percentage point, the reports' rounding. */
export const CALIBRATION_MIN_SCALE = 0.005;

/**
 * A county whose last report is at or above this share has reached its plan: what follows is a
 * plateau or over-delivery, not the S-curve, so its residuals form their own distribution.
 */
export const PLATEAU_SHARE = 0.995;

/**
 * How far above the plan or the highest report of a panel a calibrated path may go: over-delivery keeps
 * growing after the report date, so the ceiling sits a quarter above what has been reported.
 */
export const CEILING_MARGIN = 1.25;

/** Normalised back-test residuals of one horizon band. */
export interface CalibrationBand {
  /** horizon band (from, to], months after the last report; the last band also serves longer horizons */
  from: number;
  to: number;
  /** "0–6", "6–12", "12–24" */
  label: string;
  /** residuals behind the band; 0 = none, the band borrows its neighbour's */
  n: number;
  /** 201 quantiles (levels 0, 0.005, …, 1) of the normalised residual (report − median) / spread */
  quantiles: number[];
}

/**
 * Empirical recalibration of the model's predictive paths, estimated on a rolling-origin back-test.
 * Plain data: serialisable, shown in the report, passed to `forecastCurve` / `forecastPanel`.
 */
export interface ForecastCalibration {
  method: "scaled-residual-quantiles";
  /** counties still on their curve (last report below `PLATEAU_SHARE`) */
  bands: CalibrationBand[];
  /** counties at or above their plan at the origin */
  plateauBands: CalibrationBand[];
  minScale: number;
  /** back-test origins the residuals came from (what the calibration has seen) */
  origins: string[];
  /** residuals in all */
  n: number;
}

/** One scored back-test point: horizon and the normalised residual of the later report. */
export interface CalibrationResidual {
  /** months after the county's last report at the origin, > 0 */
  horizon: number;
  /** (report − raw median) / max(raw spread, minScale) */
  residual: number;
  /** the county's last report was at or above `PLATEAU_SHARE` */
  plateau?: boolean;
}

const LEVELS = Array.from({ length: 201 }, (_, i) => i / 200);

/**
 * Estimate a forecast calibration from normalised back-test residuals, one residual distribution
 * per horizon band (0–6, 6–12, 12–24 months).
 *
 * The model's raw predictive spread comes from the uncertainty of each county's curve
 * parameters; it misses what the curve cannot express (stalls, catch-ups, province-wide delays)
 * and its bands are too narrow, more so at long horizons. The calibrated forecast keeps the model's
 * median and spread as location and scale, and takes the shape and width of the distribution from
 * what the back-test showed: the quantiles of (report − median) / spread in the same horizon band
 * (a conformal predictive distribution with scaled residuals). A band without residuals borrows
 * the nearest shorter band (or, failing that, the nearest longer one).
 *
 * @param residuals scored back-test points: horizon (months) and normalised residual
 * @param origins back-test origins the residuals came from, ISO dates (recorded, not used)
 * @returns the calibration
 * @throws {RangeError} for no residuals or a non-finite one
 * @example
 * const cal = forecastCalibration(bt.residuals, bt.origins);
 * cal.bands.map((b) => b.n) // residuals per horizon band
 * @see Vovk, Shen, Manokhin & Xie (2017), Nonparametric predictive distributions based on conformal prediction, PMLR 60
 */
export function forecastCalibration(residuals: readonly CalibrationResidual[], origins: readonly string[] = []): ForecastCalibration {
  if (residuals.length === 0) throw new RangeError("forecastCalibration requires at least 1 residual");
  residuals.forEach((r, i) => {
    if (!Number.isFinite(r.residual) || !Number.isFinite(r.horizon)) throw new RangeError(`forecastCalibration requires finite residuals and horizons, residuals[${i}] is ${r.residual} at ${r.horizon}`);
  });
  const active = bandsOf(residuals.filter((r) => !r.plateau));
  const plateau = bandsOf(residuals.filter((r) => r.plateau));
  // A stratum without residuals borrows the other's (a plateau then gets the curve's spread: wider, not narrower).
  return { method: "scaled-residual-quantiles", bands: active ?? plateau!, plateauBands: plateau ?? active!, minScale: CALIBRATION_MIN_SCALE, origins: [...origins], n: residuals.length };
}

function bandsOf(residuals: readonly CalibrationResidual[]): CalibrationBand[] | undefined {
  if (residuals.length === 0) return undefined;
  const byBand: number[][] = CALIBRATION_BANDS.map(() => []);
  for (const r of residuals) byBand[calibrationBandIndex(r.horizon)].push(r.residual);
  const own = byBand.map((xs) => (xs.length ? LEVELS.map((q) => quantileOfSorted(Float64Array.from(xs).sort(), q)) : undefined));
  return CALIBRATION_BANDS.map((to, b): CalibrationBand => {
    const from = b === 0 ? 0 : CALIBRATION_BANDS[b - 1];
    // Borrow the nearest shorter band first: a longer horizon is at least as uncertain.
    let src = b;
    for (let k = b; k >= 0 && !own[src]; k--) src = k;
    for (let k = b; k < own.length && !own[src]; k++) src = k;
    return { from, to, label: `${from}–${to}`, n: byBand[b].length, quantiles: own[src]! };
  });
}

/** Index of the calibration band of a horizon in months (the last band for longer horizons). */
export function calibrationBandIndex(horizon: number): number {
  const i = CALIBRATION_BANDS.findIndex((to) => horizon <= to + 1e-9);
  return i < 0 ? CALIBRATION_BANDS.length - 1 : i;
}

/** The model's location and scale of one column of draws: median and (q90 − q10)/2.563 (the SD for a normal), floored. */
export function drawLocationScale(sorted: ArrayLike<number>, minScale = CALIBRATION_MIN_SCALE): { median: number; scale: number } {
  const median = quantileOfSorted(sorted, 0.5);
  const scale = Math.max(minScale, (quantileOfSorted(sorted, 0.9) - quantileOfSorted(sorted, 0.1)) / 2.5631);
  return { median, scale };
}

/** Quantile `u` of a band's residual distribution (linear between the 201 stored levels). */
export function residualQuantile(band: CalibrationBand, u: number): number {
  const h = Math.min(1, Math.max(0, u)) * 200;
  const lo = Math.floor(h);
  const hi = Math.min(200, lo + 1);
  return band.quantiles[lo] + (h - lo) * (band.quantiles[hi] - band.quantiles[lo]);
}

/**
 * Recalibrate simulated paths in place: at each future time, each draw keeps its rank among the
 * draws and takes the calibrated value of that rank, median + spread × residual quantile of the
 * horizon band; values stay at or above the last report and paths are made cumulative again
 * (running maximum). Ranks carry the dependence between times, counties (a common shock moves all
 * of one draw's counties together) and indicators, so joint probabilities survive recalibration.
 *
 * @param grid forecast times, months; grid[0] is the last report
 * @param columns draws per grid time (columns[g][d]); columns[0] is the last report
 * @param lastY the last reported value (floor of every path)
 * @param calibration from `forecastCalibration`
 * @param ceiling highest value a path may take (default none); a panel passes the plan or the highest report
 *   any of its counties has made, whichever is higher, so a scaled residual cannot carry a county far beyond
 *   anything reported (Xinjiang 2017 at 36 %: a province median of 144 % and an upper bound of 656 % without it)
 */
export function calibratePaths(grid: readonly number[], columns: Float64Array[], lastY: number, calibration: ForecastCalibration, ceiling = Infinity): void {
  const G = grid.length;
  if (G < 2) return;
  const D = columns[0].length;
  const order = new Uint32Array(D);
  // No ceiling: reports above the plan (over-delivery) are in the residuals, and clamping at 100 % piles
  // probability on exactly 100 % (measured: PIT uniformity then fails, p ≈ 1e-14, completion).
  for (let g = 1; g < G; g++) {
    const col = columns[g];
    const sorted = Float64Array.from(col).sort();
    const { median, scale } = drawLocationScale(sorted, calibration.minScale);
    const band = (lastY >= PLATEAU_SHARE ? calibration.plateauBands : calibration.bands)[calibrationBandIndex(grid[g] - grid[0])];
    for (let d = 0; d < D; d++) order[d] = d;
    // ties (draws at the floor) keep the draw order, which is itself random
    order.sort((a, b) => col[a] - col[b] || a - b);
    const top = Math.max(ceiling, lastY);
    for (let r = 0; r < D; r++) col[order[r]] = Math.min(top, Math.max(lastY, median + scale * residualQuantile(band, (r + 0.5) / D)));
  }
  for (let d = 0; d < D; d++) {
    let running = lastY;
    for (let g = 1; g < G; g++) {
      if (columns[g][d] > running) running = columns[g][d];
      columns[g][d] = running;
    }
  }
}
