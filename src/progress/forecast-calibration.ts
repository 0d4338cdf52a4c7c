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
 * Lower edges of the strata by the county's last report at the origin (share). The model's miss depends
 * on where the county stands: far from the plan it under-states the spread (stalls, catch-ups), near the plan it
 * over-states it (the county stops at the plan). From `PLATEAU_SHARE` on the curve says nothing and the
 * forecast is the last report plus a measured increment, in three strata: just short of the plan (it
 * closes the gap), exactly at the plan (±0.05 point: the list is done and the county stays — every such
 * county of the synthetic back-test did), above the plan (over-delivery keeps growing). One residual
 * distribution for all levels mixes these and, on the back-test, left equipment at 0.58 / 0.81 / 0.94
 * coverage with a rejected PIT (p ≈ 2e-13).
 */
export const CALIBRATION_LEVELS = [0, 0.9, PLATEAU_SHARE, 1.0005] as const;

/**
 * Fewest residuals a level stratum needs; a smaller one merges into its neighbour (the one below, or above for
 * the lowest). Strata at the plan need fewer: their increments are mostly an atom (stay) plus a short tail, and
 * merging "exactly at the plan" (all stay) with "above it" (all rise) gives both a wrong atom.
 */
export const MIN_STRATUM_RESIDUALS = 60;
export const MIN_PLAN_STRATUM_RESIDUALS = 20;

/** Fewest residuals a horizon band of a stratum needs to stand on its own; fewer and it borrows (see `bandsOf`). */
export const MIN_BAND_RESIDUALS = 40;

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
  /**
   * share of the band's later reports equal to the last report (a stalled county: nothing new reported).
   * A scaled residual cannot reproduce this atom — (last − median)/spread differs from county to county —
   * so it is kept apart: the lowest `stall` of the ranks stay at the last report.
   */
  stall: number;
  /** 201 quantiles (levels 0, 0.005, …, 1) of the normalised residual (report − median) / spread of the reports that moved */
  quantiles: number[];
}

/** The residual distributions of the counties whose last report at the origin lies in [from, to). */
export interface CalibrationStratum {
  /** lowest last report of the stratum (share), inclusive */
  from: number;
  /** highest last report (share), exclusive; Infinity for the top stratum */
  to: number;
  /** "<70%", "70–90%", "90–99.5%", "≥99.5%" (plan reached) */
  label: string;
  /** residuals behind the stratum */
  n: number;
  /**
   * "model": a draw is the model's median + spread × residual quantile; "plan": max(plan, last report) + a
   * quantile of what such counties reported beyond it (share). Counties at or near their plan use the latter: the
   * curve says nothing about them, and what they do — close the last gap to the plan, stay (an exact tie with the
   * last report), over-deliver — is measured directly, atoms included.
   */
  anchor: "model" | "plan";
  /** one residual distribution per horizon band (0–6, 6–12, 12–24 months); shares beyond the plan for "plan" */
  bands: CalibrationBand[];
}

/**
 * Empirical recalibration of the model's predictive paths, estimated on a rolling-origin back-test.
 * Plain data: serialisable, shown in the report, passed to `forecastCurve` / `forecastPanel`.
 */
export interface ForecastCalibration {
  method: "scaled-residual-quantiles";
  /** residual distributions by the county's level at the origin (`CALIBRATION_LEVELS`, small strata merged), ascending */
  strata: CalibrationStratum[];
  /** all residuals pooled, by horizon band (what the report shows as the calibration's width) */
  bands: CalibrationBand[];
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
  /** the county's last report at the origin (share): picks the stratum; default 0 */
  level?: number;
  /** report − last report (share): a stall is an exact 0 */
  increment?: number;
  /** report − max(plan, last report) (share), for the strata at the plan; without it they use the model's residuals */
  fromPlan?: number;
}

const LEVELS = Array.from({ length: 201 }, (_, i) => i / 200);

/**
 * Estimate a forecast calibration from normalised back-test residuals: one residual distribution per
 * stratum of the county's level at the origin (below 70 %, 70–90 %, 90–99.5 %, plan reached) and
 * horizon band (0–6, 6–12, 12–24 months).
 *
 * The model's raw predictive spread comes from the uncertainty of each county's curve
 * parameters; it misses what the curve cannot express (stalls, catch-ups, province-wide delays)
 * and its bands are too narrow, more so at long horizons. The calibrated forecast keeps the model's
 * median and spread as location and scale, and takes the shape and width of the distribution from
 * what the back-test showed: the quantiles of (report − median) / spread in the same stratum and
 * horizon band (a conformal predictive distribution with scaled residuals, Mondrian by stratum).
 * A stratum with fewer than `MIN_STRATUM_RESIDUALS` residuals merges into its neighbour; a band with
 * fewer than `MIN_BAND_RESIDUALS` borrows (see `bandsOf`).
 *
 * @param residuals scored back-test points: horizon (months), normalised residual, level at the origin
 * @param origins back-test origins the residuals came from, ISO dates (recorded, not used)
 * @returns the calibration
 * @throws {RangeError} for no residuals or a non-finite one
 * @example
 * const cal = forecastCalibration(bt.residuals, bt.origins);
 * cal.strata.map((s) => s.label) // level strata with enough residuals
 * @see Vovk, Shen, Manokhin & Xie (2017), Nonparametric predictive distributions based on conformal prediction, PMLR 60
 */
export function forecastCalibration(residuals: readonly CalibrationResidual[], origins: readonly string[] = []): ForecastCalibration {
  if (residuals.length === 0) throw new RangeError("forecastCalibration requires at least 1 residual");
  residuals.forEach((r, i) => {
    if (!Number.isFinite(r.residual) || !Number.isFinite(r.horizon)) throw new RangeError(`forecastCalibration requires finite residuals and horizons, residuals[${i}] is ${r.residual} at ${r.horizon}`);
  });
  const level = (r: CalibrationResidual) => r.level ?? 0;
  // Strata by level, smallest merged into a neighbour until each has enough residuals.
  let edges: number[] = [...CALIBRATION_LEVELS];
  const count = (k: number) => residuals.filter((r) => level(r) >= edges[k] && (k + 1 >= edges.length || level(r) < edges[k + 1])).length;
  for (;;) {
    if (edges.length === 1) break;
    const counts = edges.map((_, k) => count(k));
    const k = counts.findIndex((c, j) => c < (edges[j] >= PLATEAU_SHARE ? MIN_PLAN_STRATUM_RESIDUALS : MIN_STRATUM_RESIDUALS));
    if (k < 0) break;
    edges.splice(k === 0 ? 1 : k, 1);
  }
  // The fallback of a thin band: every stratum on the curve pooled (counties at their plan are another regime).
  const pooled = bandsOf(residuals.filter((r) => level(r) < PLATEAU_SHARE)) ?? bandsOf(residuals)!;
  const strata = edges.map((from, k): CalibrationStratum => {
    const to = k + 1 < edges.length ? edges[k + 1] : Infinity;
    const own = residuals.filter((r) => level(r) >= from && level(r) < to);
    if (from >= PLATEAU_SHARE && own.every((r) => Number.isFinite(r.fromPlan))) {
      // No separate stall share: an exact tie is a 0 beyond the plan (or, short of it, clamped to the last report).
      const inc = own.map((r) => ({ horizon: r.horizon, residual: r.fromPlan! }));
      return { from, to, label: stratumLabel(from, to), n: own.length, anchor: "plan", bands: bandsOf(inc, bandsOf(inc)) ?? [] };
    }
    return { from, to, label: stratumLabel(from, to), n: own.length, anchor: "model", bands: bandsOf(own, pooled) ?? pooled };
  });
  return { method: "scaled-residual-quantiles", strata, bands: pooled, minScale: CALIBRATION_MIN_SCALE, origins: [...origins], n: residuals.length };
}

function stratumLabel(from: number, to: number): string {
  const pc = (x: number) => `${+(100 * x).toFixed(1)}%`;
  if (from <= 0 && to === Infinity) return "all";
  if (from <= 0) return `<${pc(to)}`;
  if (to === Infinity) return `≥${pc(from)}`;
  return `${+(100 * from).toFixed(1)}–${pc(to)}`;
}

/** The stratum of a county whose last report is `lastY`. */
export function calibrationStratum(calibration: ForecastCalibration, lastY: number): CalibrationStratum {
  const s = calibration.strata;
  for (let k = s.length - 1; k > 0; k--) if (lastY >= s[k].from) return s[k];
  return s[0];
}

/**
 * Residual distributions by horizon band. A band with fewer than `MIN_BAND_RESIDUALS` residuals borrows the
 * nearest shorter band of its own residuals (a longer horizon is at least as uncertain), or failing that
 * the same band of `fallback` (all strata pooled), or the nearest longer band.
 */
function bandsOf(residuals: readonly CalibrationResidual[], fallback?: readonly CalibrationBand[]): CalibrationBand[] | undefined {
  if (residuals.length === 0) return undefined;
  const byBand: CalibrationResidual[][] = CALIBRATION_BANDS.map(() => []);
  for (const r of residuals) byBand[calibrationBandIndex(r.horizon)].push(r);
  const enough = (xs: CalibrationResidual[]) => xs.length >= (fallback ? MIN_BAND_RESIDUALS : 1);
  const own = byBand.map((xs) => {
    if (!enough(xs)) return undefined;
    const moved = xs.filter((r) => !stalled(r));
    const stall = 1 - moved.length / xs.length;
    const use = moved.length ? moved : xs;
    return { stall: moved.length ? stall : 0, quantiles: LEVELS.map((q) => quantileOfSorted(Float64Array.from(use, (r) => r.residual).sort(), q)) };
  });
  return CALIBRATION_BANDS.map((to, b): CalibrationBand => {
    const from = b === 0 ? 0 : CALIBRATION_BANDS[b - 1];
    let q = own[b];
    for (let k = b - 1; k >= 0 && !q; k--) q = own[k];
    if (!q && fallback) q = fallback[b];
    for (let k = b + 1; k < own.length && !q; k++) q = own[k];
    return { from, to, label: `${from}–${to}`, n: byBand[b].length, stall: q!.stall, quantiles: q!.quantiles };
  });
}

/** The later report equals the last one (reports carry four decimals; anything closer is the same figure). */
function stalled(r: CalibrationResidual): boolean {
  return r.increment !== undefined && Math.abs(r.increment) < 5e-6;
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
    const stratum = calibrationStratum(calibration, lastY);
    const band = stratum.bands[calibrationBandIndex(grid[g] - grid[0])];
    for (let d = 0; d < D; d++) order[d] = d;
    // ties (draws at the floor) keep the draw order, which is itself random
    order.sort((a, b) => col[a] - col[b] || a - b);
    const top = Math.max(ceiling, lastY);
    const [loc, sc] = stratum.anchor === "plan" ? [Math.max(1, lastY), 1] : [median, scale];
    const stall = band.stall ?? 0;
    for (let r = 0; r < D; r++) {
      const u = (r + 0.5) / D;
      col[order[r]] = u < stall ? lastY : Math.min(top, Math.max(lastY, loc + sc * residualQuantile(band, (u - stall) / (1 - stall))));
    }
  }
  for (let d = 0; d < D; d++) {
    let running = lastY;
    for (let g = 1; g < G; g++) {
      if (columns[g][d] > running) running = columns[g][d];
      columns[g][d] = running;
    }
  }
}
