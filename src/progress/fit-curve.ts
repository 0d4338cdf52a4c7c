import { akaikeWeights } from "./akaike-weights.js";
import { curveModelNames, curveModels, type CurveModelName } from "./curve-models.js";
import { curveStartValues } from "./curve-start-values.js";
import { nls } from "./nls.js";
import { predictCurve } from "./predict-curve.js";

/** Options of `fitCurve`; every field is optional. */
export interface FitCurveOptions {
  /** curve model, or "auto" to fit all candidates and pick by AICc; default "logistic" */
  model?: CurveModelName | "auto";
  /** candidates for "auto"; default all four models */
  candidates?: readonly CurveModelName[];
  /** ceiling of the curve when it is not estimated, share > 0; default 1 (100 % of target) */
  cap?: number;
  /** estimate the ceiling too, within `capBounds`; default false */
  estimateCap?: boolean;
  /** [lower, upper] for an estimated ceiling; default [0.5, 2] */
  capBounds?: readonly [number, number];
  /** non-negative observation weights (inverse variances), same length as t */
  weights?: readonly number[];
  /** passed to `nls`; default 200 (S-curves converge in a few dozen) */
  maxIterations?: number;
  /**
   * Bates–Watts relative-offset tolerance passed to `nls`, > 0; default 1e-6, i.e. the estimates are
   * within about a millionth of a standard error of the optimum (R's nls stops at 1e-5)
   */
  tolerance?: number;
}

/** A fitted curve as plain data (no functions): what `fitCurve` stores for each candidate. */
export interface CurveFitSummary {
  model: CurveModelName;
  /** named parameters, always including `cap` (fixed or estimated) */
  params: Record<string, number>;
  /** standard errors of the estimated parameters (a fixed cap has none); Infinity if not identified */
  se: Record<string, number>;
  /** residual sum of squares (weighted if weights were given) */
  rss: number;
  /** small-sample Akaike criterion, Infinity when n ≤ parameters + 2 */
  aicc: number;
  /** observations used */
  n: number;
  /** estimated parameters, counting σ² as one more in AICc */
  parameterCount: number;
  /** residual standard deviation √(RSS/(n − parameters)) */
  sigma: number;
  /** the solver converged and no estimate sits on a bound of its box (a fit stopped on a bound is not an optimum) */
  converged: boolean;
  /** `nls` stop reason, plus any bound the estimate sits on */
  message: string;
  /** parameters whose estimate sits on a bound: the data do not identify them, their standard errors mean nothing */
  atBound: string[];
  /** what a user should know about this fit (a bound, data above a fixed ceiling), in English */
  warnings: string[];
  /**
   * when the ceiling was fixed and reports exceed it (over-delivery): the same model with the ceiling
   * estimated, offered beside the requested fit (not chosen for the user)
   */
  capEstimated?: CurveFitSummary;
}

/** Result of `fitCurve`: a `CurveFitSummary` of the chosen model plus evaluation and model weights. */
export interface CurveFit extends CurveFitSummary {
  /** the fitted curve at the given months (same as `predictCurve(model, params, t)`) */
  predict(t: readonly number[]): number[];
  /** Akaike weights per candidate (model: "auto" only), summing to 1 */
  weights?: Partial<Record<CurveModelName, number>>;
  /** every candidate's fit (model: "auto" only), in the order tried */
  candidates?: CurveFitSummary[];
}

const DEFAULT_CAP_BOUNDS: readonly [number, number] = [0.5, 2];

interface ModelFunctions {
  f: (x: number, q: readonly number[]) => number;
  jacobian: (x: number, q: readonly number[], out: number[]) => number[];
}

/**
 * The functions handed to `nls` are created once per model, not once per fit: the solver's call
 * sites then always see the same function and V8 can inline it, which avoids boxing every value
 * (fitting thousands of county series is dominated by exactly these calls). With a fixed ceiling the
 * free parameters are copied behind `cap` in a per-model buffer; `cap` is set just before each fit,
 * which is safe because nls calls nothing but these functions in between.
 */
const fixedCapFunctions = Object.fromEntries(
  curveModelNames.map((name) => {
    const spec = curveModels[name];
    const size = spec.params.length;
    const full = new Array<number>(size).fill(0);
    const grad = new Array<number>(size).fill(0);
    const entry = {
      cap: 1,
      f: (x: number, q: readonly number[]) => {
        full[0] = entry.cap;
        for (let j = 1; j < size; j++) full[j] = q[j - 1];
        return spec.value(x, full);
      },
      jacobian: (x: number, q: readonly number[], out: number[]) => {
        full[0] = entry.cap;
        for (let j = 1; j < size; j++) full[j] = q[j - 1];
        spec.gradient(x, full, grad);
        for (let j = 1; j < size; j++) out[j - 1] = grad[j];
        return out;
      },
    };
    return [name, entry];
  }),
) as Record<CurveModelName, ModelFunctions & { cap: number }>;

const estimatedCapFunctions = Object.fromEntries(
  curveModelNames.map((name) => {
    const spec = curveModels[name];
    return [name, { f: spec.value, jacobian: spec.gradient }];
  }),
) as Record<CurveModelName, ModelFunctions>;

/**
 * Fit an S-curve to one completion series (share of target done by month).
 *
 * Fits a logistic, Gompertz, Richards or Weibull curve by nonlinear least squares, with the ceiling
 * fixed at 100 % of target unless asked to estimate it (programme series over-deliver, so an
 * estimated ceiling may lie in 0.5–2). Starting values come from a linearisation that cannot fail
 * (`curveStartValues`), and parameters are kept in generous bounds — rates positive and below 50
 * per observation interval, inflection within ten spans of the data — so even flat or all-zero series
 * return a finite answer instead of running off to infinity. With `model: "auto"` every candidate is
 * fitted, the lowest AICc wins, and the Akaike weights of all candidates are returned so a forecast
 * can average over models. The result is plain data apart from `predict`.
 *
 * Two fits are flagged rather than passed off as answers: one that stops on a bound of its box (a
 * flat series, say — `converged` is then false, `atBound` names the parameters and `warnings` says
 * why), and one whose reports exceed a fixed ceiling (over-delivery, real in the 双月报): it warns and
 * offers the same model with the ceiling estimated in `capEstimated`.
 *
 * @param t months since programme start, finite, strictly increasing, at least 3
 * @param y completion shares (0–1, may exceed 1 for over-delivery), finite, same length as t
 * @param options model, ceiling handling, weights, iteration limit
 * @returns the fit: model, named params and standard errors, RSS, AICc, n, convergence and predict
 * @throws {RangeError} when lengths differ, values are not finite, t is not strictly increasing,
 *   there are fewer than 3 observations or not more observations than parameters, or options are invalid
 * @example
 * const fit = fitCurve([2, 4, 6, 8, 10, 12], [0.05, 0.12, 0.27, 0.5, 0.73, 0.88]);
 * fit.params // ≈ { cap: 1, k: 0.497, t0: 8.0 }
 * fit.predict([8]) // ≈ [0.5]
 * @see Bates & Watts (1988), Nonlinear Regression Analysis and Its Applications, ch. 3
 */
export function fitCurve(t: readonly number[], y: readonly number[], options: FitCurveOptions = {}): CurveFit {
  validate(t, y, options);
  const requested = options.model ?? "logistic";
  if (requested !== "auto") {
    const summary = fitOne(requested, t, y, options);
    return withPredict(summary);
  }
  const names = options.candidates ?? curveModelNames;
  const estimated = (name: CurveModelName) => curveModels[name].params.length - (options.estimateCap ? 0 : 1);
  const usable = names.filter((name) => t.length > estimated(name));
  const fits = usable.map((name) => fitOne(name, t, y, options));
  // Prefer converged fits; AICc unless it is undefined for all (tiny n), then plain AIC.
  const pool = fits.some((f) => f.converged) ? fits.filter((f) => f.converged) : fits;
  const useAicc = pool.some((f) => Number.isFinite(f.aicc));
  const criterion = (f: CurveFitSummary) => (useAicc ? f.aicc : aic(f));
  const poolWeights = akaikeWeights(pool.map(criterion));
  const weights: Partial<Record<CurveModelName, number>> = {};
  for (const name of names) weights[name] = 0;
  pool.forEach((f, i) => (weights[f.model] = poolWeights[i]));
  let best = pool[0];
  for (const f of pool) if (criterion(f) < criterion(best)) best = f;
  return withPredict({ ...best, weights, candidates: fits });
}

/** Carries `predict` on the prototype, so a fit's own properties are only data (JSON and spreads copy data). */
class CurveFitResult {
  declare model: CurveModelName;
  declare params: Record<string, number>;
  predict(t: readonly number[]): number[] {
    return predictCurve(this.model, this.params, t);
  }
}

function withPredict(summary: Omit<CurveFit, "predict">): CurveFit {
  return Object.assign(new CurveFitResult(), summary) as CurveFit;
}

/** AIC from AICc (used only when AICc is undefined for every candidate). */
function aic(f: CurveFitSummary): number {
  return gaussianMinus2LogLik(f.rss, f.n) + 2 * (f.parameterCount + 1);
}

/** −2 log-likelihood of a Gaussian least-squares fit at the ML variance RSS/n (as R's logLik.nls). */
function gaussianMinus2LogLik(rss: number, n: number, sumLogWeights = 0): number {
  return n * (Math.log(2 * Math.PI) + 1 - Math.log(n) + Math.log(rss)) - sumLogWeights;
}

function validate(t: readonly number[], y: readonly number[], o: FitCurveOptions): void {
  if (t.length !== y.length) throw new RangeError(`fitCurve requires t and y of equal length, got ${t.length} and ${y.length}`);
  if (t.length < 3) throw new RangeError(`fitCurve requires at least 3 observations, got ${t.length}`);
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i])) throw new RangeError(`fitCurve requires finite t values, t[${i}] is ${t[i]}`);
    if (!Number.isFinite(y[i])) throw new RangeError(`fitCurve requires finite y values, y[${i}] is ${y[i]}`);
    if (i > 0 && !(t[i] > t[i - 1])) {
      throw new RangeError(`fitCurve requires t to be strictly increasing, t[${i}] = ${t[i]} follows t[${i - 1}] = ${t[i - 1]}`);
    }
  }
  const model = o.model ?? "logistic";
  if (model !== "auto" && !curveModels[model]) {
    throw new RangeError(`fitCurve requires model to be logistic, gompertz, richards, weibull or auto, got ${String(model)}`);
  }
  for (const name of o.candidates ?? []) {
    if (!curveModels[name]) throw new RangeError(`fitCurve requires known candidate models, got ${String(name)}`);
  }
  if (o.candidates && o.candidates.length === 0) throw new RangeError("fitCurve requires at least 1 candidate model");
  if (o.cap !== undefined && (!(o.cap > 0) || !Number.isFinite(o.cap))) {
    throw new RangeError(`fitCurve requires cap to be a finite share > 0, got ${o.cap}`);
  }
  if (o.capBounds) {
    const [lo, hi] = o.capBounds;
    if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) {
      throw new RangeError(`fitCurve requires capBounds [lower, upper] with 0 < lower < upper < Infinity, got [${lo}, ${hi}]`);
    }
  }
  if (o.weights) {
    if (o.weights.length !== t.length) throw new RangeError(`fitCurve requires weights of length ${t.length}, got ${o.weights.length}`);
    o.weights.forEach((w, i) => {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`fitCurve requires finite non-negative weights, weights[${i}] is ${w}`);
    });
  }
  if (model !== "auto") {
    const p = curveModels[model].params.length - (o.estimateCap ? 0 : 1);
    const positive = o.weights ? o.weights.filter((w) => w > 0).length : t.length;
    if (positive <= p) {
      throw new RangeError(
        `fitCurve requires more observations than parameters: ${model}${o.estimateCap ? " with an estimated cap" : ""} has ${p}, got ${positive} observations`,
      );
    }
  }
}

/** Box for the model's parameters (full vector, cap first): wide enough to be inactive on real series. */
function parameterBounds(model: CurveModelName, t: readonly number[], capBounds: readonly [number, number]) {
  const tmin = t[0];
  const tmax = t[t.length - 1];
  const span = tmax - tmin;
  let minGap = Infinity;
  for (let i = 1; i < t.length; i++) minGap = Math.min(minGap, t[i] - t[i - 1]);
  const kMax = 50 / minGap;
  if (model === "weibull") {
    const tPositive = t.find((v) => v > 0) ?? span;
    return {
      lower: [capBounds[0], 0.05, tPositive * 1e-3],
      upper: [capBounds[1], 50, Math.max(tmax, span) * 100],
    };
  }
  const lower = [capBounds[0], 1e-6 / span, tmin - 10 * span];
  const upper = [capBounds[1], kMax, tmax + 10 * span];
  if (model === "richards") {
    lower.push(0.01);
    upper.push(50);
  }
  return { lower, upper };
}

function fitOne(model: CurveModelName, t: readonly number[], y: readonly number[], o: FitCurveOptions): CurveFitSummary {
  const spec = curveModels[model];
  const names = spec.params;
  const estimateCap = o.estimateCap ?? false;
  const capBounds = o.capBounds ?? DEFAULT_CAP_BOUNDS;
  const fixedCap = o.cap ?? 1;
  let ymax = -Infinity;
  for (const v of y) ymax = Math.max(ymax, v);
  const capStart = estimateCap ? Math.min(capBounds[1], Math.max(capBounds[0], Math.max(fixedCap, 1.02 * ymax))) : fixedCap;
  const named = curveStartValues(model, t, y, capStart);
  const bounds = parameterBounds(model, t, capBounds);
  const offset = estimateCap ? 0 : 1;
  const p = names.length - offset;
  const start: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let j = offset; j < names.length; j++) {
    lower.push(bounds.lower[j]);
    upper.push(bounds.upper[j]);
    start.push(Math.min(bounds.upper[j], Math.max(bounds.lower[j], named[names[j]])));
  }

  const { f, jacobian } = estimateCap ? estimatedCapFunctions[model] : fixedCapFunctions[model];
  fixedCapFunctions[model].cap = fixedCap;
  const result = nls(f, t, y, start, {
    jacobian,
    lower,
    upper,
    weights: o.weights,
    maxIterations: o.maxIterations ?? 200,
    tolerance: o.tolerance ?? 1e-6,
  });

  const params: Record<string, number> = { cap: fixedCap };
  const se: Record<string, number> = {};
  for (let j = 0; j < p; j++) {
    params[names[j + offset]] = result.params[j];
    se[names[j + offset]] = result.se[j];
  }
  const n = o.weights ? o.weights.filter((w) => w > 0).length : t.length;
  const sumLogWeights = o.weights ? o.weights.reduce((acc, w) => (w > 0 ? acc + Math.log(w) : acc), 0) : 0;
  // A perfect fit has RSS = 0 and log(0) = −∞; flooring at rounding level keeps AICc comparable.
  let yScale = 0;
  for (const v of y) yScale = Math.max(yScale, Math.abs(v));
  const rssFloor = n * (Number.EPSILON * Math.max(1, yScale)) ** 2;
  const k = p + 1;
  const aicValue = gaussianMinus2LogLik(Math.max(result.rss, rssFloor), n, sumLogWeights) + 2 * k;
  const aicc = n - k - 1 > 0 ? aicValue + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  const bound = result.atBound.flatMap((b, j) => (b ? [names[j + offset]] : []));
  const message = bound.length ? `${result.message}; at a bound: ${bound.join(", ")}` : result.message;
  const warnings: string[] = [];
  if (bound.length) warnings.push(`${model} fit stopped on a parameter bound (${bound.join(", ")}): the data do not identify the curve; standard errors are not meaningful`);
  let capEstimated: CurveFitSummary | undefined;
  // Over-delivery: reports above a fixed ceiling bend the fitted curve (a steeper k to get closer to them).
  if (!estimateCap && ymax > fixedCap + 0.005) {
    warnings.push(`reports reach ${ymax.toFixed(3)}, above the fixed ceiling ${fixedCap} (over-delivery): the fit is biased; capEstimated holds the fit with the ceiling estimated`);
    if (n > p + 1) capEstimated = fitOne(model, t, y, { ...o, estimateCap: true, capBounds: [capBounds[0], Math.max(capBounds[1], 1.5 * ymax)] });
  }
  return {
    model,
    params,
    se,
    rss: result.rss,
    aicc,
    n,
    parameterCount: p,
    sigma: result.sigma,
    converged: result.converged && bound.length === 0,
    message,
    atBound: bound,
    warnings,
    ...(capEstimated ? { capEstimated } : {}),
  };
}
