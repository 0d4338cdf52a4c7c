import { curveStartValues } from "./curve-start-values.js";
import { curveEvaluator, transformedParams, type CurveParameterSpace } from "./curve-parameter-space.js";
import { nls } from "./nls.js";
import { invertSymmetric } from "./small-matrix.js";

/** A normal prior on the transformed parameters: the province distribution a county is shrunk toward. */
export interface CurvePrior {
  /** prior means on the transformed scale (log for positive parameters, months for t0) */
  mean: readonly number[];
  /** prior standard deviations on the same scale, > 0 */
  sd: readonly number[];
}

/** Result of one county's (penalised) curve fit, on the transformed parameter scale. */
export interface PenalisedCurveFit {
  phi: number[];
  /** posterior (pooled) or sampling (unpooled) covariance of phi */
  covariance: number[][];
  /** residual sum of squares of the data alone (pseudo-observations excluded) */
  rss: number;
  n: number;
  converged: boolean;
  message: string;
  atBound: boolean[];
}

/**
 * Fit one S-curve on the transformed scale, optionally penalised toward a normal prior.
 *
 * The penalty is written as extra pseudo-observations appended to the data: for parameter j a row
 * whose "model value" is φⱼ itself, whose "observation" is the prior mean μⱼ and whose weight is
 * σ²/τⱼ². Least squares on the augmented rows then minimises
 * Σᵢ (yᵢ − f(tᵢ; φ))² + σ² Σⱼ (φⱼ − μⱼ)²/τⱼ², which is σ² times minus twice the log posterior of a
 * normal likelihood with noise variance σ² and prior N(μ, diag τ²): the fit is the posterior mode
 * and the ordinary `nls` engine does all the work. The returned covariance is the Laplace
 * approximation σ²(JᵀJ + σ² diag(1/τ²))⁻¹ of the posterior covariance.
 * Internal to the panel fit.
 */
export function fitPenalisedCurve(
  t: readonly number[],
  y: readonly number[],
  space: CurveParameterSpace,
  options: { prior?: CurvePrior; sigma2?: number; start?: readonly number[]; maxIterations?: number } = {},
): PenalisedCurveFit {
  const n = t.length;
  const p = space.names.length;
  const evaluator = curveEvaluator(space);
  const { prior } = options;
  let start = options.start ? options.start.slice() : undefined;
  if (!start) {
    let ymax = 0;
    for (const v of y) ymax = Math.max(ymax, v);
    const capStart = space.estimateCap ? Math.min(2, Math.max(1, 1.02 * ymax)) : space.fixedCap;
    start = transformedParams(space, curveStartValues(space.model, t, y, capStart));
  }
  start = start.map((v, j) => Math.min(space.upper[j], Math.max(space.lower[j], v)));

  const rows = prior ? n + p : n;
  const x = new Array<number>(rows);
  const yy = new Array<number>(rows);
  const w = new Array<number>(rows);
  for (let i = 0; i < n; i++) {
    x[i] = i;
    yy[i] = y[i];
    w[i] = 1;
  }
  const sigma2 = options.sigma2 ?? 1;
  if (prior) {
    for (let j = 0; j < p; j++) {
      x[n + j] = n + j;
      yy[n + j] = prior.mean[j];
      w[n + j] = sigma2 / (prior.sd[j] * prior.sd[j]);
    }
  }
  const f = (i: number, phi: readonly number[]) => (i < n ? evaluator.value(t[i], phi) : phi[i - n]);
  const jacobian = (i: number, phi: readonly number[], out: number[]) => {
    if (i < n) return evaluator.gradient(t[i], phi, out);
    out.fill(0);
    out[i - n] = 1;
    return out;
  };
  const result = nls(f, x, yy, start, {
    jacobian,
    lower: space.lower,
    upper: space.upper,
    weights: prior ? w : undefined,
    maxIterations: options.maxIterations ?? 200,
  });
  const phi = result.params;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - evaluator.value(t[i], phi)) ** 2;

  let covariance = result.covariance;
  if (prior) {
    // Laplace approximation: information of the data at the mode plus the prior precision.
    const info = Array.from({ length: p }, (_, a) =>
      Array.from({ length: p }, (_, b) => (a === b ? 1 / (prior.sd[a] * prior.sd[a]) : 0)),
    );
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      evaluator.gradient(t[i], phi, g);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) info[a][b] += (g[a] * g[b]) / sigma2;
    }
    covariance = invertSymmetric(info);
  }
  return { phi, covariance, rss, n, converged: result.converged, message: result.message, atBound: result.atBound };
}
