import type { Random } from "../shared/random.js";
import { curveEvaluator, type CurveParameterSpace } from "./curve-parameter-space.js";
import type { CountyCurveFit } from "./fit-panel.js";
import { choleskyLower } from "./small-matrix.js";

/** The parameter space a county fit was made in (rebuilt from its plain-data fields). */
export function fitSpace(fit: CountyCurveFit): CurveParameterSpace {
  return {
    model: fit.model,
    names: fit.names,
    logScale: fit.logScale,
    lower: fit.lower,
    upper: fit.upper,
    fixedCap: fit.fixedCap,
    estimateCap: fit.names.includes("cap"),
  };
}

/**
 * Simulate predictive paths of a county's reported rate on a time grid. Internal engine of
 * `forecastCurve` and `forecastPanel`.
 *
 * Each draw takes curve parameters from N(φ̂, Σ) (clamped into the fitting box), evaluates the
 * curve on the grid, adds report noise N(0, σ²) at each grid point, keeps the value within
 * [0, the draw's ceiling], and takes the running maximum starting from the last report — reported
 * rates are cumulative, so a path never falls below what was already reported or below its own past.
 * `grid[0]` must be the time of the last report; the path there is the reported value.
 *
 * @param onPath called once per draw with the path (a reused buffer: copy what you keep) and its ceiling
 * @param timeShift optional delay shared with other counties (a province-wide shock): a delay in months per draw, or
 *   `{ shift, pace, from }` — the delay of draw d at time t is shift[d] + pace[d]·max(0, t − from) (a province whose
 *   clock runs slow or fast: its delay grows with the months ahead); the curve is read at t − delay
 * @param latent optional standard normals shared with the same county's other indicators (z[d·3 + j] for parameter j of draw d)
 *   and their weight ρ: the parameter normal is ρ·z + √(1 − ρ²)·own, so indicators of one county move together
 */
export function simulateCurvePaths(
  fit: CountyCurveFit,
  grid: readonly number[],
  random: Random,
  draws: number,
  noise: boolean,
  onPath: (draw: number, path: Float64Array, cap: number) => void,
  timeShift?: Float64Array | CommonShock,
  latent?: { z: Float64Array; rho: number },
): void {
  const space = fitSpace(fit);
  const p = space.names.length;
  const evaluator = curveEvaluator(space);
  const chol = choleskyLower(fit.covariance, 1);
  const capIndex = space.names.indexOf("cap");
  const phi = new Array<number>(p);
  const z = new Array<number>(p);
  const path = new Float64Array(grid.length);
  const lastY = fit.y[fit.y.length - 1];
  const sigma = noise ? fit.sigma : 0;
  for (let d = 0; d < draws; d++) {
    for (let j = 0; j < p; j++) z[j] = random.normal();
    if (latent) for (let j = 0; j < p; j++) z[j] = latent.rho * latent.z[d * 3 + Math.min(j, 2)] + Math.sqrt(1 - latent.rho * latent.rho) * z[j];
    for (let j = 0; j < p; j++) {
      let v = fit.phi[j];
      for (let k = 0; k <= j; k++) v += chol[j][k] * z[k];
      phi[j] = Math.min(space.upper[j], Math.max(space.lower[j], v));
    }
    const cap = capIndex >= 0 ? Math.exp(phi[capIndex]) : space.fixedCap;
    let running = lastY;
    path[0] = lastY;
    for (let g = 1; g < grid.length; g++) {
      let v = evaluator.value(grid[g] - delayAt(timeShift, d, grid[g]), phi);
      if (sigma > 0) v += sigma * random.normal();
      v = Math.min(cap, Math.max(0, v));
      if (v > running) running = v;
      path[g] = running;
    }
    onPath(d, path, cap);
  }
}

/** A province-wide delay per draw: a fixed part (months) and a pace part (months of delay per month after `from`). */
export interface CommonShock {
  shift: Float64Array | null;
  pace: Float64Array | null;
  /** the forecast origin, months since programme start: the pace delay starts there */
  from: number;
}

function delayAt(shock: Float64Array | CommonShock | undefined, d: number, t: number): number {
  if (!shock) return 0;
  if (shock instanceof Float64Array) return shock[d];
  return (shock.shift ? shock.shift[d] : 0) + (shock.pace ? shock.pace[d] * Math.max(0, t - shock.from) : 0);
}

/** Type-7 (linear interpolation) quantile of an ascending sorted array. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return h - lo < 0.5 ? a : b;
  return a + (h - lo) * (b - a);
}

/**
 * First time a path reaches `threshold`, interpolated linearly between grid points; Infinity if never.
 * `path[0]` is assumed below the threshold (already-reached targets are handled from the history).
 */
export function crossingTime(grid: readonly number[], path: ArrayLike<number>, threshold: number): number {
  for (let g = 1; g < grid.length; g++) {
    if (path[g] >= threshold) {
      const a = path[g - 1];
      const b = path[g];
      const f = b > a ? (threshold - a) / (b - a) : 1;
      return grid[g - 1] + Math.min(1, Math.max(0, f)) * (grid[g] - grid[g - 1]);
    }
  }
  return Infinity;
}

/** When a reported series first reached `threshold` (interpolated between reports), or undefined. */
export function observedCrossing(t: readonly number[], y: readonly number[], threshold: number): number | undefined {
  for (let i = 0; i < y.length; i++) {
    if (y[i] >= threshold) {
      if (i === 0) return t[0];
      const f = y[i] > y[i - 1] ? (threshold - y[i - 1]) / (y[i] - y[i - 1]) : 1;
      return t[i - 1] + Math.min(1, Math.max(0, f)) * (t[i] - t[i - 1]);
    }
  }
  return undefined;
}
