import { monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import { curveEvaluator, curveParameterSpace, naturalParams } from "./curve-parameter-space.js";
import { countyCurveFit } from "./fit-panel.js";
import { fitPenalisedCurve, type CurvePrior } from "./fit-penalised-curve.js";
import { forecastCurve } from "./forecast-curve.js";
import { quantileOfSorted } from "./simulate-curve-paths.js";
import { targetProbability } from "./target-probability.js";

/** A region's published figures of one indicator. */
export interface RegionSeries {
  region: string;
  indicator: string;
  /** ISO dates, any order */
  dates: readonly string[];
  /** shares, 0–1 (above 1 for over-delivery) */
  y: readonly number[];
}

/** Options of `forecastRegion`; `prior`, `random` and `asOf` are required. */
export interface ForecastRegionOptions {
  /** prior on (log k, t0) of a logistic with ceiling 1: the reference class without this region (`referenceClassPrior(leaveRegionOut(...))`) */
  prior: CurvePrior;
  random: Random;
  /** forecast origin, ISO: only figures dated on or before it are used */
  asOf: string;
  /** dates to forecast, ISO, after `asOf`; default the end of each year after asOf up to 2019 */
  at?: readonly string[];
  /** target share, > 0; with `deadline`, the probability of reaching it by then */
  target?: number;
  deadline?: string;
  /** predictive draws, 10–100000; default 4000 */
  draws?: number;
  /** central band, in (0, 1); default 0.8 (p10–p90) */
  level?: number;
  /** SD of a published figure around the region's curve (share), > 0; default 0.03 (denominators and dates of published figures vary) */
  sigma?: number;
}

/** One forecast row: the band of the region's rate at a date. */
export interface RegionForecastRow {
  date: string;
  p10: number;
  median: number;
  p90: number;
  /** probability of reaching the target by this date (the deadline row only) */
  probability?: number;
}

/** Result of `forecastRegion`. Plain data. */
export interface RegionForecast {
  region: string;
  indicator: string;
  asOf: string;
  /** figures used (dated on or before asOf) */
  used: { date: string; value: number }[];
  rows: RegionForecastRow[];
  target: number | null;
  deadline: string | null;
  /** probability of reaching the target by the deadline, or null without a target */
  probability: number | null;
  /** the curve at the posterior mode, { cap, k, t0 } */
  params: Record<string, number>;
  level: number;
}

/**
 * Forecast a province or city from its few published figures — two or three numbers and no county
 * panel — by pulling a logistic curve between them and a reference class of other real regions.
 *
 * The curve (ceiling 1, growth rate k, inflection month t0) is the posterior mode of the figures
 * dated up to `asOf` under the reference-class prior, as `bandNarrowing` does for a county; with no
 * figure the forecast is the prior alone. The band is the spread of simulated paths (curve
 * uncertainty plus the scatter of published figures), kept cumulative. The prior should leave the
 * region out (`leaveRegionOut`), so checking the forecast against the region's later figures is out
 * of sample.
 *
 * @param series the region's published figures of one indicator
 * @param options prior, seeded random and as-of date (required); forecast dates, target and deadline, draws, band, noise SD
 * @returns p10, median and p90 at each date, and the target probability at the deadline
 * @throws {RangeError} for unequal series, invalid dates, forecast dates not after asOf, or invalid options
 * @example
 * const prior = referenceClassPrior(leaveRegionOut(rows, "新疆"), { indicator: "completion_rate" });
 * forecastRegion({ region: "新疆", indicator: "completion_rate", dates: ["2017-04-30"], y: [0.36] }, { prior, random: createRandom(1), asOf: "2017-04-30", at: ["2017-08-31"] }).rows[0].median
 */
export function forecastRegion(series: RegionSeries, options: ForecastRegionOptions): RegionForecast {
  const { prior, random, asOf } = options;
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (series.dates.length !== series.y.length) throw new RangeError(`forecastRegion requires as many dates as values, got ${series.dates.length} and ${series.y.length}`);
  if (!prior || prior.mean.length !== 2 || prior.sd.length !== 2) throw new RangeError("forecastRegion requires a prior on the 2 parameters k, t0 of a logistic");
  if (typeof random?.normal !== "function") throw new RangeError("forecastRegion requires options.random, a seeded Random (createRandom(seed))");
  if (!iso.test(asOf ?? "")) throw new RangeError(`forecastRegion requires asOf as an ISO date, got ${asOf}`);
  const draws = options.draws ?? 4000;
  const level = options.level ?? 0.8;
  const sigma = options.sigma ?? 0.03;
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`forecastRegion requires sigma to be a finite share > 0, got ${sigma}`);
  const at = options.at?.length ? [...options.at] : yearEnds(asOf);
  at.forEach((d, i) => {
    if (!iso.test(d) || !(d > asOf)) throw new RangeError(`forecastRegion requires forecast dates after asOf ${asOf}, at[${i}] is ${d}`);
  });
  const target = options.target ?? null;
  const deadline = options.deadline ?? null;
  if (target !== null && !(target > 0 && Number.isFinite(target))) throw new RangeError(`forecastRegion requires target to be a finite share > 0, got ${target}`);
  if ((target === null) !== (deadline === null)) throw new RangeError("forecastRegion requires target and deadline together");
  if (deadline !== null && (!iso.test(deadline) || !(deadline > asOf))) throw new RangeError(`forecastRegion requires a deadline after asOf ${asOf}, got ${deadline}`);

  const used = series.dates
    .map((d, i) => ({ date: d, value: series.y[i] }))
    .filter((p) => p.date <= asOf && Number.isFinite(p.value))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  used.forEach((p, i) => {
    if (!iso.test(p.date)) throw new RangeError(`forecastRegion requires ISO dates, dates[${i}] is ${p.date}`);
    if (i > 0 && p.date === used[i - 1].date) throw new RangeError(`forecastRegion requires one figure per date, ${p.date} has two`);
  });
  const dates = [...new Set([...at, ...(deadline ? [deadline] : [])])].sort();
  const times = dates.map((d) => monthsSinceStart(d));
  const space = curveParameterSpace("logistic", false, 1);
  const rows: RegionForecastRow[] = [];
  let probability: number | null = null;
  let params: Record<string, number>;

  if (used.length === 0) {
    // The prior alone: curve draws plus the scatter of a published figure.
    const evaluator = curveEvaluator(space);
    const cols = times.map(() => new Float64Array(draws));
    const phi = [0, 0];
    for (let d = 0; d < draws; d++) {
      for (let j = 0; j < 2; j++) phi[j] = Math.min(space.upper[j], Math.max(space.lower[j], prior.mean[j] + prior.sd[j] * random.normal()));
      let running = 0;
      times.forEach((t, g) => {
        running = Math.max(running, Math.min(1, Math.max(0, evaluator.value(t, phi) + sigma * random.normal())));
        cols[g][d] = running;
      });
    }
    dates.forEach((date, g) => {
      const s = cols[g].sort();
      const row: RegionForecastRow = { date, p10: quantileOfSorted(s, (1 - level) / 2), median: quantileOfSorted(s, 0.5), p90: quantileOfSorted(s, (1 + level) / 2) };
      if (date === deadline) row.probability = probability = s.filter((v) => v >= target! - 0.005).length / draws;
      rows.push(row);
    });
    params = naturalParams(space, [...prior.mean]);
  } else {
    const t = used.map((p) => monthsSinceStart(p.date));
    const y = used.map((p) => p.value);
    const f = fitPenalisedCurve(t, y, space, { prior, sigma2: sigma * sigma });
    const fit = countyCurveFit(space, "logistic", f, { countyId: series.region, countyName: series.region, city: "", dates: used.map((p) => p.date), t, y }, { sigma, ownPhi: f.phi, shrinkage: {} });
    const fc = forecastCurve(fit, { random, draws, horizon: Math.max(...times), step: 1000, times, level, targets: target !== null ? [target] : [0.7] });
    dates.forEach((date, g) => {
      const i = fc.t.findIndex((x) => Math.abs(x - times[g]) < 1e-6);
      const row: RegionForecastRow = { date, p10: fc.lower[i], median: fc.median[i], p90: fc.upper[i] };
      if (date === deadline) row.probability = probability = targetProbability(fc, target!, deadline);
      rows.push(row);
    });
    params = fit.params;
  }
  return { region: series.region, indicator: series.indicator, asOf, used, rows, target, deadline, probability, params, level };
}

/** End of each year after `asOf`, up to 2019 (the programme's last year); at least the end of asOf's next year. */
function yearEnds(asOf: string): string[] {
  const first = Number(asOf.slice(0, 4));
  const out: string[] = [];
  for (let y = first; y <= Math.max(2019, first + 1); y++) if (`${y}-12-31` > asOf) out.push(`${y}-12-31`);
  return out;
}
