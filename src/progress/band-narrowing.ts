import { monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import { curveEvaluator, curveParameterSpace, naturalParams } from "./curve-parameter-space.js";
import { countyCurveFit } from "./fit-panel.js";
import { fitPenalisedCurve, type CurvePrior } from "./fit-penalised-curve.js";
import { forecastCurve, type CurveForecast } from "./forecast-curve.js";
import { quantileOfSorted } from "./simulate-curve-paths.js";
import { targetProbability } from "./target-probability.js";

/** Options of `bandNarrowing`; `prior` and `random` are required. */
export interface BandNarrowingOptions {
  /** prior on (log k, t0) of a logistic with ceiling 1, e.g. `referenceClassPrior(...)` */
  prior: CurvePrior;
  /** seeded stream (createRandom(seed)) */
  random: Random;
  /** date whose forecast value is tracked, ISO; default "2017-12-31" (the 双超70% deadline) */
  deadline?: string;
  /** report noise SD (share), > 0, e.g. a panel's `hyper.sigma`; default 0.02 */
  sigma?: number;
  /** predictive draws per refit, 10–100000; default 400 */
  draws?: number;
  /** central band, in (0, 1); default 0.8 (10 %–90 %) */
  level?: number;
  /** target share whose probability by the deadline is reported, in (0, 1]; default 0.7 */
  target?: number;
  /**
   * the county's forecast from all its reports as the page shows it elsewhere (`forecastPanel(...)`
   * county, with the deadline among its times and the target simulated): the last step takes its
   * deadline band and probability, so the county has one forecast on the page, not two
   */
  final?: CurveForecast;
}

/** The deadline forecast after the first `reports` reports (0 = the prior alone). */
export interface BandNarrowingStep {
  reports: number;
  /** date of the last report used (null for the prior alone) */
  lastDate: string | null;
  lastValue: number | null;
  median: number;
  lower: number;
  upper: number;
  /** upper − lower, share */
  width: number;
  /** probability of reaching the target by the deadline */
  probability: number;
  /** posterior mode of the curve */
  params: Record<string, number>;
  /** "final" when the step is the page's forecast of the county (`options.final`), else "reference-prior" */
  source?: "reference-prior" | "final";
}

/** Result of `bandNarrowing`: one step per number of reports. Plain data. */
export interface BandNarrowing {
  id: string;
  name: string;
  deadline: string;
  level: number;
  target: number;
  steps: BandNarrowingStep[];
}

/**
 * How a county's forecast band for a deadline narrows as its reports arrive.
 *
 * With no report the county's curve is the prior (for a new county, the reference class of real
 * regions, `referenceClassPrior`); each report then pulls the curve toward the county's own path. This
 * refits the county with its first 1, 2, 3, … reports dated before the deadline (penalised least
 * squares toward the prior, as in `fitPanel`), forecasts its reported rate at the deadline each time
 * (`forecastCurve`, cumulative paths) and keeps the median, the central band and the probability of
 * reaching the target. Step 0 is the prior alone (curve draws plus report noise, no history).
 * The noise SD is held fixed so that the band narrows only through what the reports teach.
 *
 * @param series one county's reports: dates (ISO, ascending) and shares (0–1); id and name for labels
 * @param options prior and random (required), deadline, noise SD, draws, band level, target
 * @returns one step per number of reports, 0 to the number of reports before the deadline
 * @throws {RangeError} for unequal or unsorted series and invalid options
 * @example
 * const b = bandNarrowing(county, { prior: referenceClassPrior(rows, { indicator: "completion_rate" }), random: createRandom(1) });
 * b.steps.map((s) => s.width) // ≈ [0.25, 0.25, 0.25, 0.27, 0.27, 0.24, 0.18, …, 0.05]: the prior's width until reports leave zero, then narrowing
 * @see Gelman et al. (2013), Bayesian Data Analysis, §2.1 (posterior as a compromise of prior and data)
 */
export function bandNarrowing(
  series: { id?: string; name?: string; city?: string; dates: readonly string[]; y: readonly number[] },
  options: BandNarrowingOptions,
): BandNarrowing {
  const deadline = options.deadline ?? "2017-12-31";
  const deadlineT = monthsSinceStart(deadline);
  const sigma = options.sigma ?? 0.02;
  const draws = options.draws ?? 400;
  const level = options.level ?? 0.8;
  const target = options.target ?? 0.7;
  const { prior, random } = options;
  if (series.dates.length !== series.y.length) throw new RangeError(`bandNarrowing requires as many dates as values, got ${series.dates.length} and ${series.y.length}`);
  if (!prior || prior.mean.length !== 2 || prior.sd.length !== 2) throw new RangeError("bandNarrowing requires a prior on the 2 parameters k, t0 of a logistic");
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`bandNarrowing requires sigma to be a finite share > 0, got ${sigma}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bandNarrowing requires level in (0, 1), got ${level}`);
  if (!(target > 0 && target <= 1)) throw new RangeError(`bandNarrowing requires target in (0, 1], got ${target}`);
  const t = series.dates.map((d) => monthsSinceStart(d));
  t.forEach((v, i) => {
    if (i > 0 && !(v > t[i - 1])) throw new RangeError(`bandNarrowing requires ascending dates, dates[${i}] is ${series.dates[i]}`);
  });
  const space = curveParameterSpace("logistic", false, 1);
  const id = series.id ?? "county";
  const name = series.name ?? id;
  const qLo = (1 - level) / 2;
  const qHi = (1 + level) / 2;

  const steps: BandNarrowingStep[] = [priorStep(space, prior, deadlineT, sigma, draws, random.fork(), qLo, qHi, target)];
  const usable = t.filter((v) => v < deadlineT).length;
  let start: number[] | undefined;
  for (let n = 1; n <= usable; n++) {
    const tn = t.slice(0, n);
    const yn = series.y.slice(0, n);
    const f = fitPenalisedCurve(tn, yn, space, { prior, sigma2: sigma * sigma, start });
    start = f.phi;
    const fit = countyCurveFit(space, "logistic", f, { countyId: id, countyName: name, city: series.city ?? "", dates: series.dates.slice(0, n), t: tn, y: yn }, {
      sigma,
      ownPhi: f.phi,
      shrinkage: {},
    });
    const useFinal = n === usable && options.final !== undefined;
    const fc = useFinal ? options.final! : forecastCurve(fit, { random: random.fork(), draws, horizon: deadlineT, step: 1000, times: [deadlineT], level, targets: [target] });
    const g = useFinal ? fc.t.findIndex((x) => Math.abs(x - deadlineT) < 1e-6) : fc.t.length - 1;
    if (g < 0) throw new RangeError(`bandNarrowing requires options.final to include the deadline ${deadline} among its times`);
    if (useFinal && Math.abs(fc.level - level) > 1e-12) throw new RangeError(`bandNarrowing requires options.final at level ${level}, got ${fc.level}`);
    steps.push({
      reports: n,
      lastDate: series.dates[n - 1],
      lastValue: series.y[n - 1],
      median: fc.median[g],
      lower: fc.lower[g],
      upper: fc.upper[g],
      width: fc.upper[g] - fc.lower[g],
      probability: targetProbability(fc, target, deadline),
      params: fit.params,
      source: useFinal ? "final" : "reference-prior",
    });
  }
  return { id, name, deadline, level, target, steps };
}

/** Step 0: the prior predictive at the deadline (curve from the prior plus report noise, within [0, 1]). */
function priorStep(
  space: ReturnType<typeof curveParameterSpace>,
  prior: CurvePrior,
  deadlineT: number,
  sigma: number,
  draws: number,
  random: Random,
  qLo: number,
  qHi: number,
  target: number,
): BandNarrowingStep {
  const evaluator = curveEvaluator(space);
  const values = new Float64Array(draws);
  const phi = [0, 0];
  let hits = 0;
  for (let d = 0; d < draws; d++) {
    for (let j = 0; j < 2; j++) phi[j] = Math.min(space.upper[j], Math.max(space.lower[j], prior.mean[j] + prior.sd[j] * random.normal()));
    const v = Math.min(1, Math.max(0, evaluator.value(deadlineT, phi) + sigma * random.normal()));
    values[d] = v;
    if (v >= target - 0.005) hits++;
  }
  values.sort();
  const lower = quantileOfSorted(values, qLo);
  const upper = quantileOfSorted(values, qHi);
  return {
    reports: 0,
    lastDate: null,
    lastValue: null,
    median: quantileOfSorted(values, 0.5),
    lower,
    upper,
    width: upper - lower,
    probability: hits / draws,
    params: naturalParams(space, prior.mean),
    source: "reference-prior",
  };
}
