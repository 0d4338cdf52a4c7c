import { dateFromMonths, monthsSinceStart } from "../shared/dates.js";
import type { CurveForecast, TargetCrossing } from "./forecast-curve.js";
import { quantileOfSorted } from "./simulate-curve-paths.js";

function crossingOf(forecast: CurveForecast, target: number, who: string): TargetCrossing {
  const c = forecast.crossings.find((x) => Math.abs(x.target - target) < 1e-12);
  if (!c) {
    throw new RangeError(`${who} requires a target the forecast simulated (${forecast.crossings.map((x) => x.target).join(", ")}), got ${target}`);
  }
  return c;
}

/**
 * Probability that a rate reaches a target by a deadline, from a forecast's simulated paths.
 *
 * The share of predictive draws whose rate has reached the target (within the forecast's
 * tolerance) on or before the deadline; 1 if the reports already show it. Because simulated paths
 * never fall, the probability never decreases as the deadline moves later. Deadlines after the
 * forecast horizon are treated as the horizon.
 *
 * @param forecast a forecast from `forecastCurve` or `forecastPanel`
 * @param target a target share the forecast simulated (default targets 0.7 and 1)
 * @param deadline ISO date or months since programme start
 * @returns probability, 0–1
 * @throws {RangeError} for a target that was not simulated or a non-finite deadline
 * @example
 * targetProbability(forecast, 0.7, "2017-12-31") // e.g. 0.83: completion ≥ 70 % by end 2017 in 83 % of draws
 */
export function targetProbability(forecast: CurveForecast, target: number, deadline: string | number): number {
  const c = crossingOf(forecast, target, "targetProbability");
  const t = typeof deadline === "string" ? monthsSinceStart(deadline) : deadline;
  if (!Number.isFinite(t)) throw new RangeError(`targetProbability requires a finite deadline, got ${String(deadline)}`);
  if (c.observedT !== null && c.observedT <= t) return 1;
  // times are ascending: count those ≤ t by binary search.
  let lo = 0;
  let hi = c.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.times[mid] <= t + 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return c.times.length ? lo / c.times.length : 0;
}

/** Distribution of the date a target is reached (`crossingSummary`). */
export interface CrossingSummary {
  target: number;
  /** true when the reports already show the target reached */
  alreadyReached: boolean;
  /** quantiles of the crossing date; date null where that quantile is "not by the horizon" */
  quantiles: { p: number; t: number; date: string | null }[];
  /** share of draws that do not reach the target by the forecast horizon, 0–1 */
  shareNever: number;
  /** median date, or null when more than half the draws never reach it */
  medianDate: string | null;
}

/**
 * When will a rate reach a target? Quantiles of the simulated crossing date and the share of draws
 * that never get there by the horizon.
 *
 * @param forecast a forecast from `forecastCurve` or `forecastPanel`
 * @param target a simulated target share (e.g. 0.7)
 * @param probabilities quantile levels, each in [0, 1]; default [0.1, 0.5, 0.9]
 * @returns quantiles (months and ISO date), share never reached, median date
 * @throws {RangeError} for a target that was not simulated or probabilities outside [0, 1]
 * @example
 * crossingSummary(forecast, 0.7).medianDate // e.g. "2017-03-02"
 */
export function crossingSummary(forecast: CurveForecast, target: number, probabilities: readonly number[] = [0.1, 0.5, 0.9]): CrossingSummary {
  const c = crossingOf(forecast, target, "crossingSummary");
  probabilities.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`crossingSummary requires probabilities in [0, 1], probabilities[${i}] is ${p}`);
  });
  const never = c.times.filter((x) => !Number.isFinite(x)).length;
  const quantiles = probabilities.map((p) => {
    const t = quantileOfSorted(c.times, p);
    return { p, t, date: Number.isFinite(t) ? dateFromMonths(t) : null };
  });
  const med = quantileOfSorted(c.times, 0.5);
  return {
    target,
    alreadyReached: c.observedT !== null,
    quantiles,
    shareNever: c.times.length ? never / c.times.length : 1,
    medianDate: Number.isFinite(med) ? dateFromMonths(med) : null,
  };
}
