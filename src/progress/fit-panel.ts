import type { ColumnTable } from "arquero";
import { dateFromMonths } from "../shared/dates.js";
import { curveModels, type CurveModelName } from "./curve-models.js";
import { curveEvaluator, curveParameterSpace, naturalParams, type CurveParameterSpace } from "./curve-parameter-space.js";
import { empiricalBayesShrinkage } from "./empirical-bayes-shrinkage.js";
import { fitPenalisedCurve, type CurvePrior, type PenalisedCurveFit } from "./fit-penalised-curve.js";
import { panelSeries, type CountySeries, type PanelColumns } from "./panel-series.js";

/** Options of `fitPanel`; only `indicator` is required. */
export interface FitPanelOptions extends PanelColumns {
  /** curve model for every county; default "logistic" */
  model?: CurveModelName;
  /**
   * estimate each county's ceiling (over-delivery, shortfall) instead of fixing it at `cap`; default
   * false: on the synthetic province the back-test favours the plan as ceiling (completion MAE 3.2 vs
   * 4.0 points), reports above 100 % being carried by the cumulative floor of the forecasts
   */
  estimateCap?: boolean;
  /** ceiling when not estimated, share > 0; default 1 */
  cap?: number;
  /** [lower, upper] of an estimated ceiling; default [0.5, 2] */
  capBounds?: readonly [number, number];
  /** "partial" (default): shrink toward the province; "none": each county on its own (vague prior only) */
  pooling?: "partial" | "none";
  /** EM refinements of the province mean and spread after the moment estimate, 0–20; default 2 */
  iterations?: number;
  /** use only reports dated on or before this ISO date (back-tests); default all */
  asOf?: string;
  /** prior degrees of freedom pulling each county's noise variance toward the province's, ≥ 0; default 4 */
  varianceDf?: number;
  /**
   * hyperprior on the province's typical ceiling (estimated cap only): the plan (share 1) with a
   * standard deviation on the log scale; default { mean: 1, sd: 0.02 }. It matters only early on, when
   * no county is near its plateau and the data cannot tell a ceiling of 0.9 from 1.1.
   */
  capPrior?: { mean: number; sd: number };
  /**
   * discount the information of autocorrelated reports by (1 − ρ)/(1 + ρ), ρ the pooled lag-1
   * autocorrelation of residuals (AR(1) effective sample size); default true
   */
  autocorrelationCorrection?: boolean;
  /**
   * what each county is shrunk toward (pooling "partial" only): "province" (default) estimates the
   * province distribution from the counties (moments, then EM); a fixed normal prior `{ mean, sd }` on
   * the pooling scale, in the order of the model's free parameters (["k", "t0"] for a logistic with a
   * fixed ceiling; `names`, when given, must match), skips that estimation, e.g.
   * `referenceClassPrior(...)` for a reference class of real regions
   */
  prior?: "province" | { mean: readonly number[]; sd: readonly number[]; names?: readonly string[] };
}

/** One county's fitted curve: data, estimates on both scales, uncertainty and how much it was pooled. */
export interface CountyCurveFit {
  countyId: string;
  countyName: string;
  city: string;
  model: CurveModelName;
  /** natural parameters (always with `cap`), usable with `predictCurve` */
  params: Record<string, number>;
  /** free parameters on the pooling scale (log for positive parameters), see `names` */
  phi: number[];
  names: string[];
  logScale: boolean[];
  /** posterior covariance of phi (Laplace approximation) */
  covariance: number[][];
  /** box of phi used in fitting and in forecast draws */
  lower: number[];
  upper: number[];
  /** fixed ceiling when the cap is not estimated */
  fixedCap: number;
  /** report-to-report noise standard deviation (share), shrunk toward the province value */
  sigma: number;
  /** the county's data */
  dates: string[];
  t: number[];
  y: number[];
  n: number;
  /** the county's own fit (vague prior only), on the natural scale, for comparison */
  ownParams: Record<string, number>;
  /** Bⱼ = posterior variance / province variance per parameter, 0–1: 1 = all province, 0 = all own data */
  shrinkage: Record<string, number>;
  converged: boolean;
  message: string;
}

/**
 * The record of one county's fit in `space`: natural and pooling-scale parameters, covariance, box and data, the
 * shape `forecastCurve` and the charts read (from the panel fit, or from a single county's fit to its first reports).
 *
 * @param space the parameter space fitted in, @param model its model name, @param fit the penalised fit
 * @param county identity and data (kept as given; pass copies), @param extra noise SD, own fit's phi, shrinkage
 * @returns the fit record
 */
export function countyCurveFit(
  space: CurveParameterSpace,
  model: CurveModelName,
  fit: PenalisedCurveFit,
  county: { countyId: string; countyName: string; city: string; dates: string[]; t: number[]; y: number[] },
  extra: { sigma: number; ownPhi: readonly number[]; shrinkage: Record<string, number> },
): CountyCurveFit {
  return {
    ...county,
    model,
    params: naturalParams(space, fit.phi),
    phi: fit.phi,
    names: space.names.slice(),
    logScale: space.logScale.slice(),
    covariance: fit.covariance,
    lower: space.lower.slice(),
    upper: space.upper.slice(),
    fixedCap: space.fixedCap,
    sigma: extra.sigma,
    n: county.y.length,
    ownParams: naturalParams(space, extra.ownPhi),
    shrinkage: extra.shrinkage,
    converged: fit.converged,
    message: fit.message,
  };
}

/** Province distribution of county curve parameters (the shrinkage target). */
export interface PanelHyperparameters {
  names: string[];
  logScale: boolean[];
  /** means on the pooling scale */
  mean: number[];
  /** between-county standard deviations on the pooling scale */
  sd: number[];
  /** the typical county's curve: natural parameters at the means */
  typicalParams: Record<string, number>;
  /** province report noise standard deviation (pooled residual SD) */
  sigma: number;
  /** pooled lag-1 autocorrelation ρ of the counties' own-fit residuals (0–0.9); data information is scaled by (1 − ρ)/(1 + ρ) */
  autocorrelation: number;
  /** how μ and τ were obtained: moments then EM, or a fallback when too few counties could be fitted alone */
  method: string;
  /** counties used in the moment estimate */
  countiesInMoments: number;
}

/** Result of `fitPanel`: plain data. */
export interface PanelFit {
  indicator: string;
  model: CurveModelName;
  pooling: "partial" | "none";
  /** latest report date in the data used (the forecast origin) */
  origin: string;
  /** origin in months since programme start */
  originT: number;
  hyper: PanelHyperparameters;
  counties: CountyCurveFit[];
  /** counties in the table with no usable report (not fitted) */
  skipped: string[];
}

/** Vague prior standard deviations on the pooling scale, for "none" and the first, unpooled pass. */
const VAGUE_SD: Record<string, number> = { cap: 0.7, k: 3, t0: 120, nu: 3, lambda: 3 };
const VAGUE_MEAN = (name: string): number => ({ cap: 0, k: Math.log(0.2), t0: 36, nu: 0, lambda: Math.log(36) })[name] ?? 0;
/** Floors of the between-county SD, so a prior never pins a parameter exactly. */
const TAU_FLOOR: Record<string, number> = { cap: 0.05, k: 0.05, t0: 1, nu: 0.05, lambda: 0.05 };
/** Fallback province spread when fewer than 3 counties can be fitted on their own. */
const FALLBACK_SD: Record<string, number> = { cap: 0.15, k: 0.5, t0: 12, nu: 1, lambda: 0.5 };

/**
 * Fit S-curves to every county of a 双月报 panel, with partial pooling toward the province.
 *
 * A county with four reports cannot pin down its own S-curve; a county with thirty can. Partial
 * pooling lets each county borrow exactly as much from the province as its data lack. The method
 * is a normal hierarchical model fitted by empirical Bayes:
 *
 * 1. every county is fitted on its own (logistic by default, ceiling the plan or estimated), with parameters on
 *    a scale where they are roughly normal across counties (log rate, log ceiling, inflection month);
 * 2. the province mean μ and between-county spread τ of each parameter are estimated by the method
 *    of moments (DerSimonian–Laird, `empiricalBayesShrinkage`) from the counties whose own fit is
 *    well determined (converged, inside the bounds, at least p + 2 reports);
 * 3. every county is refitted by penalised least squares toward N(μ, τ²) — the prior enters as
 *    pseudo-observations weighted σ²/τ², so the fit is the posterior mode (`nls` does the work);
 * 4. μ and τ² are updated by EM (mean of the posterior modes; mean squared deviation plus posterior
 *    variance) and step 3 repeats (`iterations` times).
 *
 * Each county keeps its posterior covariance (Laplace approximation) for forecasts, and the
 * shrinkage factor Bⱼ = posterior variance / τⱼ² per parameter: near 1 the county follows the
 * province, near 0 its own reports. Noise variances are pooled too: a county's σ² is its residual
 * variance shrunk toward the province value with `varianceDf` prior degrees of freedom.
 * Caveats: reported rates are cumulative (running maxima), so residuals are autocorrelated and
 * posterior variances are optimistic; the back-test (`backTest`) measures the resulting coverage.
 *
 * @param table arquero table, one row per county and report date (as the bundled `progress.csv`)
 * @param options indicator column (required), model, ceiling handling, pooling, EM iterations, cut-off date
 * @returns province hyperparameters and one fit per county with data
 * @throws {RangeError} for a missing column, bad dates, duplicate reports, no usable reports or invalid options
 * @example
 * const panel = fitPanel(data.synthetic.progress, { indicator: "completion_rate" });
 * panel.counties.length // 109
 * panel.hyper.typicalParams // ≈ { cap: 1, k: 0.18, t0: 34.5 }
 * @see Gelman et al. (2013), Bayesian Data Analysis, 3rd ed., ch. 5 (hierarchical models)
 * @see DerSimonian & Laird (1986), Controlled Clinical Trials 7(3); Dempster, Laird & Rubin (1977), JRSS B 39(1)
 */
export function fitPanel(table: ColumnTable, options: FitPanelOptions): PanelFit {
  validateOptions(options);
  const series = panelSeries(table, options);
  return fitPanelSeries(series, options);
}

/** `fitPanel` on series already split by county (used by back-tests to avoid re-reading the table). */
export function fitPanelSeries(all: readonly CountySeries[], options: FitPanelOptions): PanelFit {
  validateOptions(options);
  const model = options.model ?? "logistic";
  const pooling = options.pooling ?? "partial";
  const space = curveParameterSpace(model, options.estimateCap ?? false, options.cap ?? 1, options.capBounds ?? [0.5, 2]);
  const p = space.names.length;
  const series = all.filter((s) => s.y.length > 0);
  const skipped = all.filter((s) => s.y.length === 0).map((s) => s.countyId);
  if (series.length === 0) throw new RangeError(`fitPanel requires at least 1 county with a report of ${options.indicator}`);

  // Pass 1: each county alone, under a vague prior that only keeps unidentified fits finite.
  const vague: CurvePrior = { mean: space.names.map(VAGUE_MEAN), sd: space.names.map((n) => VAGUE_SD[n]) };
  const own = series.map((s) => fitPenalisedCurve(s.t, s.y, space, { prior: vague, sigma2: 1e-4 }));

  // Noise: pooled residual variance, then each county's shrunk toward it.
  let rssSum = 0;
  let dfSum = 0;
  own.forEach((f, i) => {
    const df = series[i].y.length - p;
    if (df > 0) {
      rssSum += f.rss;
      dfSum += df;
    }
  });
  const sigma2Pool = dfSum > 0 && rssSum > 0 ? rssSum / dfSum : 1e-4;
  const nu0 = options.varianceDf ?? 4;
  const noise2 = own.map((f, i) => {
    const df = Math.max(0, series[i].y.length - p);
    return df + nu0 > 0 ? (f.rss * (df > 0 ? 1 : 0) + nu0 * sigma2Pool) / (df + nu0) : sigma2Pool;
  });
  // Cumulative reports give autocorrelated residuals: n reports carry the information of about
  // n(1 − ρ)/(1 + ρ) independent ones (AR(1)), so the data's weight against the prior is scaled down.
  const rho = options.autocorrelationCorrection === false ? 0 : residualAutocorrelation(series, own, space);
  const inflation = (1 + rho) / (1 - rho);
  const sigma2 = noise2.map((v) => v * inflation);

  let hyper: { mean: number[]; sd: number[]; method: string; used: number };
  let fits: PenalisedCurveFit[];
  if (pooling === "none") {
    hyper = { mean: vague.mean.slice(), sd: vague.sd.slice(), method: "no pooling: vague prior only", used: 0 };
    // Refit with each county's own noise level so the vague prior weighs as intended.
    fits = series.map((s, i) => fitPenalisedCurve(s.t, s.y, space, { prior: vague, sigma2: sigma2[i], start: own[i].phi }));
  } else if (options.prior !== undefined && options.prior !== "province") {
    const fixed = options.prior;
    if (fixed.mean.length !== p || fixed.sd.length !== p || (fixed.names && fixed.names.join() !== space.names.join())) {
      throw new RangeError(`fitPanel requires prior.mean and prior.sd for the parameters ${space.names.join(", ")}, got ${(fixed.names ?? []).join(", ") || `${fixed.mean.length} means`}`);
    }
    hyper = { mean: fixed.mean.slice(), sd: fixed.sd.slice(), method: "fixed prior (not estimated from the counties)", used: 0 };
    fits = fitAll(series, space, hyper, sigma2, own);
  } else {
    const capPrior = options.capPrior ?? { mean: 1, sd: 0.02 };
    const meanPrior: MeanPrior = (name) => (name === "cap" ? { mean: Math.log(capPrior.mean), sd: capPrior.sd } : undefined);
    hyper = momentHyperparameters(space, series, own, meanPrior);
    const iterations = options.iterations ?? 2;
    fits = fitAll(series, space, hyper, sigma2, own);
    for (let it = 0; it < iterations; it++) {
      hyper = emUpdate(space, fits, hyper, it + 1, meanPrior);
      fits = fitAll(series, space, hyper, sigma2, fits);
    }
  }

  let originT = -Infinity;
  let origin = "";
  for (const s of series) {
    const last = s.t.length - 1;
    if (s.t[last] > originT) {
      originT = s.t[last];
      origin = s.dates[last];
    }
  }
  const counties: CountyCurveFit[] = series.map((s, i) => {
    const f = fits[i];
    const shrinkage: Record<string, number> = {};
    space.names.forEach((name, j) => (shrinkage[name] = Math.min(1, f.covariance[j][j] / (hyper.sd[j] * hyper.sd[j]))));
    return countyCurveFit(space, model, f, { countyId: s.countyId, countyName: s.countyName, city: s.city, dates: s.dates.slice(), t: s.t.slice(), y: s.y.slice() }, {
      sigma: Math.sqrt(noise2[i]),
      ownPhi: own[i].phi,
      shrinkage,
    });
  });
  return {
    indicator: options.indicator,
    model,
    pooling,
    origin: origin || dateFromMonths(originT),
    originT,
    hyper: {
      names: space.names.slice(),
      logScale: space.logScale.slice(),
      mean: hyper.mean,
      sd: hyper.sd,
      typicalParams: naturalParams(space, hyper.mean),
      sigma: Math.sqrt(sigma2Pool),
      autocorrelation: rho,
      method: hyper.method,
      countiesInMoments: hyper.used,
    },
    counties,
    skipped,
  };
}

function fitAll(
  series: readonly CountySeries[],
  space: CurveParameterSpace,
  hyper: { mean: number[]; sd: number[] },
  sigma2: readonly number[],
  previous: readonly PenalisedCurveFit[],
): PenalisedCurveFit[] {
  const prior: CurvePrior = { mean: hyper.mean, sd: hyper.sd };
  return series.map((s, i) => fitPenalisedCurve(s.t, s.y, space, { prior, sigma2: sigma2[i], start: previous[i].phi }));
}

/** Hyperprior N(m0, s0²) on a parameter's province mean (only the ceiling has one: the plan). */
type MeanPrior = (name: string) => { mean: number; sd: number } | undefined;

/** Combine a mean estimate (with its variance) with a normal hyperprior, precision-weighted. */
function anchored(estimate: number, variance: number, prior: { mean: number; sd: number } | undefined): number {
  if (!prior) return estimate;
  const a = 1 / variance;
  const b = 1 / (prior.sd * prior.sd);
  return (a * estimate + b * prior.mean) / (a + b);
}

/** Step 2: DerSimonian–Laird moments per parameter from well-determined own fits (or a fallback). */
function momentHyperparameters(
  space: CurveParameterSpace,
  series: readonly CountySeries[],
  own: readonly PenalisedCurveFit[],
  meanPrior: MeanPrior,
) {
  const p = space.names.length;
  const usable = own.filter(
    (f, i) =>
      series[i].y.length >= p + 2 &&
      f.converged &&
      !f.atBound.some(Boolean) &&
      f.covariance.every((row, j) => Number.isFinite(row[j]) && row[j] > 0),
  );
  if (usable.length >= 3) {
    const mean: number[] = [];
    const sd: number[] = [];
    space.names.forEach((name, j) => {
      const variances = usable.map((f) => f.covariance[j][j]);
      const eb = empiricalBayesShrinkage(
        usable.map((f) => f.phi[j]),
        variances,
      );
      // Variance of the random-effects mean: 1 / Σ 1/(vᵢ + τ²).
      const meanVariance = 1 / variances.reduce((acc, v) => acc + 1 / (v + eb.tau2), 0);
      mean.push(anchored(eb.mean, meanVariance, meanPrior(name)));
      sd.push(Math.max(TAU_FLOOR[name], Math.sqrt(eb.tau2)));
    });
    return { mean, sd, method: "DerSimonian–Laird moments", used: usable.length };
  }
  // Too few counties to estimate a spread: centre on the median own fit with a moderate fixed spread.
  const mean = space.names.map((name, j) => {
    const prior = meanPrior(name);
    return prior ? prior.mean : median(own.map((f) => f.phi[j]));
  });
  return { mean, sd: space.names.map((n) => FALLBACK_SD[n]), method: "fallback: median own fit, fixed spread (fewer than 3 well-determined counties)", used: usable.length };
}

/** Step 4: EM update of μ and τ² from posterior modes and variances (μ of the ceiling anchored to the plan). */
function emUpdate(
  space: CurveParameterSpace,
  fits: readonly PenalisedCurveFit[],
  previous: { sd: number[]; method: string; used: number },
  iteration: number,
  meanPrior: MeanPrior,
) {
  const m = fits.length;
  const mean: number[] = [];
  const sd: number[] = [];
  space.names.forEach((name, j) => {
    let s = 0;
    for (const f of fits) s += f.phi[j];
    const mu = anchored(s / m, (previous.sd[j] * previous.sd[j]) / m, meanPrior(name));
    let v = 0;
    for (const f of fits) v += (f.phi[j] - mu) ** 2 + f.covariance[j][j];
    mean.push(mu);
    sd.push(Math.max(TAU_FLOOR[name], Math.sqrt(v / m)));
  });
  const base = previous.method.replace(/ \(\d+ EM iterations?\)$/, "");
  return { mean, sd, method: `${base} (${iteration} EM iteration${iteration > 1 ? "s" : ""})`, used: previous.used };
}

/** Pooled lag-1 autocorrelation of own-fit residuals (counties with ≥ 4 reports), clipped to [0, 0.9]. */
function residualAutocorrelation(series: readonly CountySeries[], own: readonly PenalisedCurveFit[], space: CurveParameterSpace): number {
  const evaluator = curveEvaluator(space);
  let num = 0;
  let den = 0;
  series.forEach((s, i) => {
    if (s.y.length < 4) return;
    const e = s.t.map((t, j) => s.y[j] - evaluator.value(t, own[i].phi));
    for (let j = 0; j < e.length; j++) {
      den += e[j] * e[j];
      if (j > 0) num += e[j] * e[j - 1];
    }
  });
  const rho = den > 0 ? num / den : 0;
  return Math.min(0.9, Math.max(0, rho));
}

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function validateOptions(o: FitPanelOptions): void {
  if (typeof o.indicator !== "string" || o.indicator === "") throw new RangeError("fitPanel requires an indicator column name");
  const model = o.model ?? "logistic";
  if (!curveModels[model]) throw new RangeError(`fitPanel requires model to be logistic, gompertz, richards or weibull, got ${String(model)}`);
  if (o.pooling !== undefined && o.pooling !== "partial" && o.pooling !== "none") {
    throw new RangeError(`fitPanel requires pooling to be partial or none, got ${String(o.pooling)}`);
  }
  const it = o.iterations ?? 2;
  if (!Number.isInteger(it) || it < 0 || it > 20) throw new RangeError(`fitPanel requires iterations to be an integer in 0–20, got ${it}`);
  if (o.cap !== undefined && (!(o.cap > 0) || !Number.isFinite(o.cap))) throw new RangeError(`fitPanel requires cap to be a finite share > 0, got ${o.cap}`);
  if (o.capBounds) {
    const [lo, hi] = o.capBounds;
    if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) throw new RangeError(`fitPanel requires capBounds [lower, upper] with 0 < lower < upper, got [${lo}, ${hi}]`);
  }
  const df = o.varianceDf ?? 4;
  if (!(df >= 0) || !Number.isFinite(df)) throw new RangeError(`fitPanel requires varianceDf to be finite and ≥ 0, got ${df}`);
  if (o.capPrior && (!(o.capPrior.mean > 0) || !(o.capPrior.sd > 0) || !Number.isFinite(o.capPrior.mean + o.capPrior.sd))) {
    throw new RangeError(`fitPanel requires capPrior with mean > 0 and sd > 0, got mean ${o.capPrior.mean}, sd ${o.capPrior.sd}`);
  }
  if (o.prior !== undefined && o.prior !== "province") {
    const pr = o.prior;
    if (typeof pr !== "object" || !Array.isArray(pr.mean) || !Array.isArray(pr.sd)) throw new RangeError(`fitPanel requires prior to be "province" or { mean, sd }, got ${String(pr)}`);
    if (o.pooling === "none") throw new RangeError("fitPanel requires pooling partial when a prior is given");
    pr.sd.forEach((v, j) => {
      if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`fitPanel requires prior.sd to be finite and > 0, prior.sd[${j}] is ${v}`);
    });
    pr.mean.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`fitPanel requires prior.mean to be finite, prior.mean[${j}] is ${v}`);
    });
  }
  if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw new RangeError(`fitPanel requires asOf as an ISO date, got ${o.asOf}`);
}
