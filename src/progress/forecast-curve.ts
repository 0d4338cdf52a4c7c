import { dateFromMonths, monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import type { CountyCurveFit } from "./fit-panel.js";
import { calibratePaths, type ForecastCalibration } from "./forecast-calibration.js";
import { crossingTime, observedCrossing, quantileOfSorted, simulateCurvePaths } from "./simulate-curve-paths.js";

/** Options of `forecastCurve` and `forecastPanel`; only `random` is required. */
export interface ForecastOptions {
  /** seeded stream (createRandom(seed)); the same seed gives the same bands */
  random: Random;
  /** predictive draws, 10–100000; default 400 */
  draws?: number;
  /** last forecast date, ISO or months since programme start; default "2019-12-31" (programme end) */
  horizon?: string | number;
  /** months between forecast points, > 0; default 2 (the 双月报 interval) */
  step?: number;
  /** extra forecast times (months since programme start), e.g. deadlines or report dates */
  times?: readonly number[];
  /** probabilities of the stored bands, each in (0, 1); default [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] */
  quantiles?: readonly number[];
  /** central band shown as lower/upper, in (0, 1); default 0.8 (10 %–90 %) */
  level?: number;
  /** rates whose crossing dates are simulated, shares > 0; default [0.7, 1] */
  targets?: readonly number[];
  /** a target counts as reached within this margin (reports are rounded), 0–0.05; default 0.005 */
  tolerance?: number;
  /** add report-to-report noise to the paths (predicting reports, not the smooth curve); default true */
  noise?: boolean;
  /**
   * SD in months of a delay (or advance) shared by every county in a draw — a province-wide shock
   * such as a late budget or a hard winter; used by `forecastPanel` only; default 0 (counties independent)
   */
  commonShockMonths?: number;
  /**
   * recalibrate the paths with what a rolling-origin back-test showed (`backTest(...).calibration`):
   * the curve draws (without report noise) keep their ranks and take the back-test's residual
   * distribution by horizon band, so bands and probabilities are calibrated; default none (raw model)
   */
  calibration?: ForecastCalibration | null;
}

/** Simulated dates at which a rate reaches a target. */
export interface TargetCrossing {
  target: number;
  /** months at which the history already reached it (interpolated between reports), or null */
  observedT: number | null;
  /** one crossing time per draw, ascending, in months; Infinity = not reached by the horizon */
  times: number[];
  /** the same crossing times in draw order (draw d of one county, indicator and province belong together), for joint events */
  byDraw?: number[];
}

/** A predictive forecast: bands per time, crossing dates per target. Plain data. */
export interface CurveForecast {
  /** county id, or "province" for a roll-up */
  id: string;
  name: string;
  city: string;
  indicator?: string;
  /** forecast times (months since programme start); t[0] is the last report (the origin) */
  t: number[];
  dates: string[];
  /** probability levels of `bands` */
  quantiles: number[];
  /** bands[k][i]: the quantiles[k] quantile of the reported rate at t[i] */
  bands: number[][];
  median: number[];
  lower: number[];
  upper: number[];
  /** level of the lower–upper band */
  level: number;
  mean: number[];
  crossings: TargetCrossing[];
  draws: number;
  /** the history the forecast continues */
  history: { dates: string[]; t: number[]; y: number[] };
}

const DEFAULT_QUANTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

/**
 * Forecast one county's reported rate with uncertainty bands and target dates.
 *
 * Draws curve parameters from the county's posterior (`fitPanel`), adds report noise, and keeps
 * every simulated path cumulative (never below the last report nor its own past) and within
 * [0, ceiling]. The bands are quantiles of these paths, so they lie within [0, ceiling] and never
 * fall over time. For each target (70 %, 100 % by default) the date each draw first reaches it is
 * stored, giving the distribution of the date, the share of draws that never reach it by the
 * horizon (`crossingSummary`) and the probability of meeting a deadline (`targetProbability`).
 *
 * @param fit a county fit from `fitPanel(...).counties`
 * @param options seeded random (required), draws, horizon, grid step, quantiles, targets
 * @returns bands on a grid from the last report to the horizon, crossing times per target
 * @throws {RangeError} for invalid options (each names the field and its range)
 * @example
 * const f = forecastCurve(panel.counties[0], { random: createRandom(1), draws: 400 });
 * f.median.at(-1) // ≈ 1 (the county is finished by 2019-12-31)
 * targetProbability(f, 0.7, "2017-12-31") // in [0, 1]
 * @see Gelman et al. (2013), Bayesian Data Analysis, §6.3 (posterior predictive simulation)
 */
export function forecastCurve(fit: CountyCurveFit, options: ForecastOptions): CurveForecast {
  const o = resolveForecastOptions(options, "forecastCurve");
  const from = fit.t[fit.t.length - 1];
  const grid = forecastGrid(from, o.horizon, o.step, o.times);
  const G = grid.length;
  const columns = Array.from({ length: G }, () => new Float64Array(o.draws));
  const thresholds = o.targets.map((target) => target - o.tolerance);
  const observed = thresholds.map((th) => observedCrossing(fit.t, fit.y, th));
  simulateCurvePaths(fit, grid, o.random, o.draws, o.calibration ? false : o.noise, (d, path) => {
    for (let g = 0; g < G; g++) columns[g][d] = path[g];
  });
  if (o.calibration) calibratePaths(grid, columns, fit.y[fit.y.length - 1], o.calibration);
  const times = crossingTimes(grid, columns, thresholds, observed);
  return summarisePaths(
    { id: fit.countyId, name: fit.countyName, city: fit.city, history: { dates: fit.dates.slice(), t: fit.t.slice(), y: fit.y.slice() } },
    grid,
    columns,
    o,
    o.targets.map((target, k) => ({ target, observedT: observed[k] ?? null, byDraw: times[k].slice(), times: times[k].sort((a, b) => a - b) })),
  );
}

/** Resolved, validated forecast options. */
export interface ResolvedForecastOptions {
  random: Random;
  draws: number;
  horizon: number;
  step: number;
  times: readonly number[];
  quantiles: number[];
  level: number;
  targets: number[];
  tolerance: number;
  noise: boolean;
  commonShockMonths: number;
  calibration: ForecastCalibration | null;
}

/**
 * Crossing time of each threshold in each draw (columns[g][d]): the observed crossing when the history
 * already shows it, else the path's first crossing (`crossingTime`), Infinity if never.
 */
export function crossingTimes(grid: readonly number[], columns: readonly Float64Array[], thresholds: readonly number[], observed: readonly (number | undefined)[]): number[][] {
  const D = columns.length ? columns[0].length : 0;
  const path = new Float64Array(grid.length);
  const times = thresholds.map(() => new Array<number>(D));
  for (let d = 0; d < D; d++) {
    for (let g = 0; g < grid.length; g++) path[g] = columns[g][d];
    thresholds.forEach((th, k) => (times[k][d] = observed[k] !== undefined ? observed[k]! : crossingTime(grid, path, th)));
  }
  return times;
}

/** Validate forecast options; `who` names the calling function in messages. */
export function resolveForecastOptions(o: ForecastOptions, who: string): ResolvedForecastOptions {
  if (!o || typeof o.random?.normal !== "function") throw new RangeError(`${who} requires options.random, a seeded Random (createRandom(seed))`);
  const draws = o.draws ?? 400;
  if (!Number.isInteger(draws) || draws < 10 || draws > 100_000) throw new RangeError(`${who} requires draws to be an integer in 10–100000, got ${draws}`);
  const horizon = typeof o.horizon === "string" ? monthsSinceStart(o.horizon) : (o.horizon ?? monthsSinceStart("2019-12-31"));
  if (!Number.isFinite(horizon)) throw new RangeError(`${who} requires a finite horizon, got ${String(o.horizon)}`);
  const step = o.step ?? 2;
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`${who} requires step to be a finite number of months > 0, got ${step}`);
  const quantiles = [...(o.quantiles ?? DEFAULT_QUANTILES)];
  const level = o.level ?? 0.8;
  if (!(level > 0 && level < 1)) throw new RangeError(`${who} requires level in (0, 1), got ${level}`);
  for (const q of [0.5, (1 - level) / 2, (1 + level) / 2]) if (!quantiles.some((x) => Math.abs(x - q) < 1e-12)) quantiles.push(q);
  quantiles.sort((a, b) => a - b);
  quantiles.forEach((q, i) => {
    if (!(q > 0 && q < 1)) throw new RangeError(`${who} requires quantiles in (0, 1), quantiles[${i}] is ${q}`);
  });
  const targets = [...(o.targets ?? [0.7, 1])];
  targets.forEach((v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${who} requires targets to be finite shares > 0, targets[${i}] is ${v}`);
  });
  const tolerance = o.tolerance ?? 0.005;
  if (!(tolerance >= 0 && tolerance <= 0.05)) throw new RangeError(`${who} requires tolerance in 0–0.05, got ${tolerance}`);
  const times = o.times ?? [];
  times.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`${who} requires finite times, times[${i}] is ${v}`);
  });
  const commonShockMonths = o.commonShockMonths ?? 0;
  if (!(commonShockMonths >= 0 && commonShockMonths <= 60)) throw new RangeError(`${who} requires commonShockMonths in 0–60, got ${commonShockMonths}`);
  if (o.calibration && (o.calibration.method !== "scaled-residual-quantiles" || !Array.isArray(o.calibration.strata))) throw new RangeError(`${who} requires calibration from backTest(...).calibration or forecastCalibration`);
  return { random: o.random, draws, horizon, step, times, quantiles, level, targets, tolerance, noise: o.noise ?? true, commonShockMonths, calibration: o.calibration ?? null };
}

/**
 * Grid from `from` every `step` months to the horizon, plus extra times inside (from, horizon]; a
 * regular point closer than half a month to an extra time gives way to it (no near-duplicate reports).
 */
export function forecastGrid(from: number, horizon: number, step: number, extra: readonly number[] = []): number[] {
  const extras = extra.filter((x) => x > from + 1e-9 && x <= Math.max(horizon, from) + 1e-9);
  const near = (x: number) => extras.some((e) => Math.abs(e - x) < 0.5);
  const pts = [from];
  for (let k = 1; from + k * step < horizon - 1e-9; k++) if (!near(from + k * step)) pts.push(from + k * step);
  if (horizon > from && !near(horizon)) pts.push(horizon);
  pts.push(...extras);
  pts.sort((a, b) => a - b);
  return pts.filter((x, i) => i === 0 || x - pts[i - 1] > 1e-9);
}

/** Quantile bands and means from per-time columns of draws (sorted in place). */
export function summarisePaths(
  head: { id: string; name: string; city: string; history: CurveForecast["history"] },
  grid: readonly number[],
  columns: Float64Array[],
  o: ResolvedForecastOptions,
  crossings: TargetCrossing[],
): CurveForecast {
  const bands = o.quantiles.map(() => new Array<number>(grid.length));
  const mean = new Array<number>(grid.length);
  columns.forEach((col, g) => {
    let s = 0;
    for (let d = 0; d < col.length; d++) s += col[d];
    mean[g] = s / col.length;
    col.sort();
    o.quantiles.forEach((q, k) => (bands[k][g] = quantileOfSorted(col, q)));
  });
  const at = (q: number) => bands[o.quantiles.findIndex((x) => Math.abs(x - q) < 1e-12)];
  return {
    id: head.id,
    name: head.name,
    city: head.city,
    t: grid.slice(),
    dates: grid.map((m) => dateFromMonths(m)),
    quantiles: o.quantiles.slice(),
    bands,
    median: at(0.5),
    lower: at((1 - o.level) / 2),
    upper: at((1 + o.level) / 2),
    level: o.level,
    mean,
    crossings,
    draws: o.draws,
    history: head.history,
  };
}
