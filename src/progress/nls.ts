import { createRandom, type Random } from "../shared/random.js";
import { finiteDifferenceJacobian } from "./finite-difference-jacobian.js";
import { leastSquaresCovariance } from "./least-squares-covariance.js";
import { lmParameter, qrApplyTranspose, qrFactor, qrSolveDamped } from "./qr-least-squares.js";

/** A model f(x; θ). `p` is a scratch array reused between calls: read it, never keep it. */
export type NlsModel = (x: number, p: readonly number[]) => number;

/**
 * Analytic gradient ∂f(x; θ)/∂θ. It may fill and return `out` (length p, reused between calls, so no
 * allocation per observation) or return a fresh array.
 */
export type NlsJacobian = (x: number, p: readonly number[], out: number[]) => ArrayLike<number>;

/** Options of `nls`; every field is optional. */
export interface NlsOptions {
  /** analytic gradient of f with respect to the parameters; default: central finite differences */
  jacobian?: NlsJacobian;
  /** lower bounds per parameter (−Infinity for none); the start must lie inside */
  lower?: readonly number[];
  /** upper bounds per parameter (+Infinity for none) */
  upper?: readonly number[];
  /** non-negative observation weights (inverse variances); minimises Σ wᵢ(yᵢ − f)²; default all 1 */
  weights?: readonly number[];
  /** maximum Jacobian evaluations (outer iterations) per start, ≥ 1; default 1000 */
  maxIterations?: number;
  /** Bates–Watts relative-offset tolerance, > 0; default 1e-9 (R's nls uses 1e-5) */
  tolerance?: number;
  /** relative step tolerance: stop when every |δⱼ| ≤ tol·(|θⱼ| + tol); default 1e-12 */
  stepTolerance?: number;
  /** first trust radius as a multiple of ‖Dθ₀‖ (MINPACK's `factor`), > 0; default 100 */
  stepBound?: number;
  /**
   * Transtrum–Sethna geodesic acceleration: true = always, false = never, "fallback" (default) =
   * only to retry a start whose plain run failed (it rescues NIST BoxBOD from start 1, where plain
   * Levenberg–Marquardt, MINPACK included, strands on the b₂ → ∞ plateau)
   */
  geodesic?: boolean | "fallback";
  /** extra random starts to try when the first run fails to converge, ≥ 0; default 0 */
  multiStart?: number;
  /** "failure" (default): extra starts only after a failed run; "always": try them all, keep the lowest RSS */
  multiStartWhen?: "failure" | "always";
  /** seeded stream for the extra starts; default createRandom(0) so results stay reproducible */
  random?: Random;
}

/** Result of `nls`: plain, JSON-serialisable data. */
export interface NlsResult {
  /** estimates θ̂ */
  params: number[];
  /** standard errors √diag(s²(JᵀJ)⁻¹); Infinity where the data cannot determine a parameter */
  se: number[];
  /** residual sum of squares Σ wᵢ(yᵢ − f(xᵢ; θ̂))² */
  rss: number;
  /** true when a convergence criterion was met (not merely the iteration limit) */
  converged: boolean;
  /** outer iterations (Jacobian evaluations) of the run that produced `params` */
  iterations: number;
  /** model evaluations over the whole call, all starts, counted per observation sweep */
  evaluations: number;
  /** why the iteration stopped, in words */
  message: string;
  /** s²(JᵀJ)⁻¹ at θ̂ */
  covariance: number[][];
  /** residual degrees of freedom n − p, with n the observations of positive weight */
  df: number;
  /** residual standard deviation s = √(RSS/df) */
  sigma: number;
  /** numerical rank of J at θ̂ (p when every parameter is identified) */
  rank: number;
  /** true where the estimate sits on its lower or upper bound */
  atBound: boolean[];
  /** Bates–Watts relative offset at θ̂ (0 means exactly stationary) */
  relativeOffset: number;
  /** number of starts tried (1 + extra random starts actually run) */
  starts: number;
}

const EPS = Number.EPSILON;
/** Transtrum's acceptance ratio for the geodesic correction: 2‖Da‖/‖Dv‖ ≤ 0.75. */
const GEODESIC_ALPHA = 0.75;
const GEODESIC_H = 0.1;
/** Relative singular-value cut for rank with finite-difference Jacobians (NIST's worst scaled case is 2e-5). */
const FD_RANK_TOLERANCE = 1e-9;
/** Relative offset accepted when rounding, not the algorithm, stops progress (R's nls default). */
const PRECISION_LIMIT_OFFSET = 1e-5;
/** Consecutive steps with gains below rounding after which a run counts as stalled. */
const MAX_ROUNDING_STEPS = 20;

/**
 * Every buffer one solver call needs. Allocating ~25 typed arrays per call costs more than the
 * iterations themselves on small S-curve fits, so workspaces are pooled by shape and reused; a call
 * takes one from the pool and returns it when done, which keeps nested or re-entrant calls safe.
 */
interface Workspace {
  n: number;
  p: number;
  sw: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  typical: Float64Array;
  theta: number[];
  trial: number[];
  gradOut: number[];
  fw: Float64Array;
  r: Float64Array;
  fwTrial: Float64Array;
  rTrial: Float64Array;
  qtr: Float64Array;
  work: Float64Array;
  jac: Float64Array;
  a: Float64Array;
  rdiag: Float64Array;
  beta: Float64Array;
  diag: Float64Array;
  damp: Float64Array;
  step: Float64Array;
  accel: Float64Array;
  rhs: Float64Array;
  fullStep: Float64Array;
  dFree: Float64Array;
  free: Int32Array;
  lmWork: { s: Float64Array; t: Float64Array; w: Float64Array };
}

const workspacePool: Workspace[] = [];
const POOL_SIZE = 8;

function acquireWorkspace(n: number, p: number): Workspace {
  for (let i = workspacePool.length - 1; i >= 0; i--) {
    const ws = workspacePool[i];
    if (ws.n === n && ws.p === p) {
      workspacePool.splice(i, 1);
      return ws;
    }
  }
  const vn = () => new Float64Array(n);
  const vp = () => new Float64Array(p);
  const zeros = () => new Array<number>(p).fill(0);
  return {
    n,
    p,
    sw: vn(),
    lower: vp(),
    upper: vp(),
    typical: vp(),
    theta: zeros(),
    trial: zeros(),
    gradOut: zeros(),
    fw: vn(),
    r: vn(),
    fwTrial: vn(),
    rTrial: vn(),
    qtr: vn(),
    work: vn(),
    jac: new Float64Array(n * p),
    a: new Float64Array(n * p),
    rdiag: vp(),
    beta: vp(),
    diag: vp(),
    damp: vp(),
    step: vp(),
    accel: vp(),
    rhs: vp(),
    fullStep: vp(),
    dFree: vp(),
    free: new Int32Array(p),
    lmWork: { s: new Float64Array(p * p), t: new Float64Array(2 * p + 1), w: vp() },
  };
}

function releaseWorkspace(ws: Workspace): void {
  if (workspacePool.length >= POOL_SIZE) workspacePool.shift();
  workspacePool.push(ws);
}

/**
 * Nonlinear least squares: the θ minimising Σ wᵢ (yᵢ − f(xᵢ; θ))², with standard errors.
 *
 * The workhorse behind every progress curve in gaibo. It is a Levenberg–Marquardt solver with
 * Marquardt's diagonal scaling (so results do not depend on the units of each parameter), QR-based
 * steps (never the normal equations), optional geodesic acceleration, box bounds by projection with
 * an active set, and optional seeded multi-start. Convergence is judged by the Bates–Watts relative
 * offset — how far the residual vector still leans into the model's tangent plane compared with its
 * statistical noise — which is scale-free and the same criterion R's `nls` uses. It reproduces the
 * NIST StRD certified values of the hard problems (MGH09, MGH10, Thurber, Eckerle4, Rat43, BoxBOD,
 * Bennett5) from NIST's first start. Standard errors are the usual s²(JᵀJ)⁻¹ with s² = RSS/(n − p),
 * as in R's `nls` and scipy's `curve_fit`; with bounds they are computed from the full Jacobian,
 * which is right for estimates inside the box and only indicative for those flagged `atBound`.
 *
 * @param f model f(x; θ) returning a finite number for the start parameters
 * @param x predictor values (any units), finite, length n
 * @param y responses, finite, length n; n must exceed the number of parameters
 * @param start starting parameters θ₀, finite, inside the bounds
 * @param options analytic Jacobian, bounds, weights, tolerances, geodesic acceleration, multi-start
 * @returns estimates, standard errors, covariance, RSS, df, σ and convergence diagnostics
 * @throws {RangeError} when inputs have unequal lengths, non-finite values, too few observations,
 *   invalid options, or when f is not finite at the start parameters
 * @example
 * const r = nls((x, p) => p[0] * (1 - Math.exp(-p[1] * x)), [1, 2, 3, 5, 7, 10], [109, 149, 149, 191, 213, 224], [100, 0.75]);
 * r.params // ≈ [213.8094, 0.5472375] (NIST BoxBOD certified values)
 * @see Moré (1978), The Levenberg–Marquardt algorithm: implementation and theory, LNM 630
 * @see Bates & Watts (1981), A relative offset orthogonality convergence criterion, Technometrics 23(2)
 * @see Transtrum & Sethna (2012), Improvements to the Levenberg–Marquardt algorithm, arXiv:1201.5885
 */
export function nls(
  f: NlsModel,
  x: readonly number[],
  y: readonly number[],
  start: readonly number[],
  options: NlsOptions = {},
): NlsResult {
  const ws = acquireWorkspace(x.length, start.length);
  try {
    const problem = validate(f, x, y, start, options, ws);
    const multiStart = options.multiStart ?? 0;
    const when = options.multiStartWhen ?? "failure";
    let best = solveFrom(problem, start);
    let evaluations = best.evaluations;
    let starts = 1;
    if (multiStart > 0 && (when === "always" || !best.converged)) {
      const random = options.random ?? createRandom(0);
      for (let s = 0; s < multiStart; s++) {
        const candidate = solveFrom(problem, randomStart(start, problem, random));
        evaluations += candidate.evaluations;
        starts++;
        if (isBetter(candidate, best)) best = candidate;
        if (when === "failure" && best.converged) break;
      }
    }
    return finish(problem, best, evaluations, starts);
  } finally {
    releaseWorkspace(ws);
  }
}

interface Problem {
  f: NlsModel;
  jacobian: NlsJacobian | undefined;
  x: readonly number[];
  y: readonly number[];
  n: number;
  p: number;
  nPositive: number;
  sw: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  typical: Float64Array;
  maxIterations: number;
  tolerance: number;
  stepTolerance: number;
  stepBound: number;
  geodesic: boolean | "fallback";
  ws: Workspace;
}

interface Run {
  theta: number[];
  rss: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  message: string;
  /** √w-scaled Jacobian at theta, column-major, or undefined if it could not be evaluated */
  jac: Float64Array | undefined;
  offset: number;
}

/** One start: a plain run, then (by default) a geodesic-accelerated retry if it failed. */
function solveFrom(problem: Problem, start: readonly number[]): Run {
  const mode = problem.geodesic;
  const first = runLevenbergMarquardt(problem, start, mode === true);
  if (first.converged || mode !== "fallback") return first;
  const second = runLevenbergMarquardt(problem, start, true);
  const best = isBetter(second, first) ? second : first;
  return {
    ...best,
    evaluations: first.evaluations + second.evaluations,
    message: best === second ? `${second.message} (geodesic retry after: ${first.message})` : first.message,
  };
}

function isBetter(candidate: Run, best: Run): boolean {
  if (candidate.converged !== best.converged) return candidate.converged;
  return candidate.rss < best.rss;
}

function validate(
  f: NlsModel,
  x: readonly number[],
  y: readonly number[],
  start: readonly number[],
  o: NlsOptions,
  ws: Workspace,
): Problem {
  if (typeof f !== "function") throw new RangeError("nls requires f to be a function");
  if (x.length !== y.length) throw new RangeError(`nls requires x and y of equal length, got ${x.length} and ${y.length}`);
  const n = x.length;
  const p = start.length;
  if (p < 1) throw new RangeError("nls requires at least 1 start parameter");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`nls requires finite x values, x[${i}] is ${x[i]}`);
    if (!Number.isFinite(y[i])) throw new RangeError(`nls requires finite y values, y[${i}] is ${y[i]}`);
  }
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(start[j])) throw new RangeError(`nls requires finite start values, start[${j}] is ${start[j]}`);
  }
  const sw = ws.sw;
  let nPositive = 0;
  for (let i = 0; i < n; i++) {
    const w = o.weights ? o.weights[i] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`nls requires finite non-negative weights, weights[${i}] is ${w}`);
    sw[i] = Math.sqrt(w);
    if (w > 0) nPositive++;
  }
  if (o.weights && o.weights.length !== n) {
    throw new RangeError(`nls requires weights of length ${n}, got ${o.weights.length}`);
  }
  if (nPositive <= p) {
    throw new RangeError(`nls requires more observations (of positive weight) than parameters, got ${nPositive} for ${p}`);
  }
  const lower = ws.lower.fill(-Infinity);
  const upper = ws.upper.fill(Infinity);
  for (const [name, bound, target] of [["lower", o.lower, lower], ["upper", o.upper, upper]] as const) {
    if (!bound) continue;
    if (bound.length !== p) throw new RangeError(`nls requires ${name} of length ${p}, got ${bound.length}`);
    for (let j = 0; j < p; j++) {
      if (Number.isNaN(bound[j])) throw new RangeError(`nls requires ${name}[${j}] to be a number or ±Infinity`);
      target[j] = bound[j];
    }
  }
  for (let j = 0; j < p; j++) {
    if (!(lower[j] < upper[j])) throw new RangeError(`nls requires lower[${j}] < upper[${j}], got ${lower[j]} and ${upper[j]}`);
    if (start[j] < lower[j] || start[j] > upper[j]) {
      throw new RangeError(`nls requires start[${j}] = ${start[j]} within [${lower[j]}, ${upper[j]}]`);
    }
  }
  const typical = ws.typical;
  for (let j = 0; j < p; j++) typical[j] = Math.abs(start[j]) > 0 ? Math.abs(start[j]) * 1e-3 : 1e-3;
  const positiveOr = (v: number | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`nls requires ${name} > 0, got ${v}`);
    return v;
  };
  const maxIterations = o.maxIterations ?? 1000;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`nls requires maxIterations to be an integer >= 1, got ${maxIterations}`);
  }
  const multiStart = o.multiStart ?? 0;
  if (!Number.isInteger(multiStart) || multiStart < 0) {
    throw new RangeError(`nls requires multiStart to be an integer >= 0, got ${multiStart}`);
  }
  return {
    f,
    jacobian: o.jacobian,
    x,
    y,
    n,
    p,
    nPositive,
    sw,
    lower,
    upper,
    typical,
    maxIterations,
    tolerance: positiveOr(o.tolerance, 1e-9, "tolerance"),
    stepTolerance: positiveOr(o.stepTolerance, 1e-12, "stepTolerance"),
    stepBound: positiveOr(o.stepBound, 100, "stepBound"),
    geodesic: o.geodesic ?? "fallback",
    ws,
  };
}

/** A start spread over about a decade around the given one (or uniform in a finite box). */
function randomStart(start: readonly number[], problem: Problem, random: Random): number[] {
  return start.map((s, j) => {
    const lo = problem.lower[j];
    const hi = problem.upper[j];
    let v: number;
    if (Number.isFinite(lo) && Number.isFinite(hi)) v = lo + (hi - lo) * random.uniform();
    else if (s !== 0) v = s * Math.pow(10, 2 * random.uniform() - 1);
    else v = random.normal();
    return Math.min(hi, Math.max(lo, v));
  });
}

/** Evaluate √w·f into fw and return Σ w(y − f)², or NaN if any used value is not finite. */
function evaluate(problem: Problem, theta: number[], fw: Float64Array, r: Float64Array): number {
  const { f, x, y, sw, n } = problem;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const s = sw[i];
    if (s === 0) {
      fw[i] = 0;
      r[i] = 0;
      continue;
    }
    const v = f(x[i], theta);
    const ri = s * (y[i] - v);
    fw[i] = s * v;
    r[i] = ri;
    rss += ri * ri;
  }
  return Number.isFinite(rss) ? rss : NaN;
}

/** Fill the √w-scaled Jacobian; returns model evaluations spent (analytic gradients count as one sweep). */
function jacobianAt(problem: Problem, theta: number[], jac: Float64Array, gradOut: number[]): number {
  const { n, p, sw, x } = problem;
  const jf = problem.jacobian;
  if (!jf) {
    return finiteDifferenceJacobian(problem.f, x, theta, sw, problem.typical, problem.lower, problem.upper, jac);
  }
  for (let i = 0; i < n; i++) {
    const s = sw[i];
    if (s === 0) {
      for (let j = 0; j < p; j++) jac[j * n + i] = 0;
      continue;
    }
    const g = jf(x[i], theta, gradOut);
    for (let j = 0; j < p; j++) jac[j * n + i] = s * g[j];
  }
  return 1;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

function runLevenbergMarquardt(problem: Problem, start: readonly number[], geodesic: boolean): Run {
  const { n, p, lower, upper, sw } = problem;
  // Every buffer comes from the pooled workspace; the loop below only reads and writes them.
  const { trial, gradOut, fw, r, fwTrial, rTrial, jac, a, rdiag, beta, qtr, work, diag, damp, step, accel, rhs } = problem.ws;
  const { fullStep, free, dFree, lmWork } = problem.ws;
  const theta = problem.ws.theta;
  for (let j = 0; j < p; j++) theta[j] = start[j];
  let rss = evaluate(problem, theta, fw, r);
  let evaluations = 1;
  if (Number.isNaN(rss)) {
    for (let i = 0; i < n; i++) {
      if (sw[i] !== 0 && !Number.isFinite(fw[i])) {
        throw new RangeError(`nls found a non-finite model value at observation ${i} (x = ${problem.x[i]}) for the start parameters`);
      }
    }
    throw new RangeError("nls found a non-finite residual sum of squares at the start parameters");
  }
  evaluations += jacobianAt(problem, theta, jac, gradOut);

  // The noise floor of RSS: below it, y − f is rounding and no step can be judged.
  let yScale = 0;
  for (let i = 0; i < n; i++) yScale = Math.max(yScale, sw[i] * Math.abs(problem.y[i]));
  const rssFloor = problem.nPositive * (64 * EPS * yScale) ** 2;

  let lambda = 0;
  let delta = 0;
  let iterations = 0;
  let converged = false;
  let message = `stopped after ${problem.maxIterations} iterations without meeting a convergence criterion`;
  let offset = Infinity;
  let diagInit = false;
  let roundingSteps = 0;

  while (iterations < problem.maxIterations) {
    iterations++;
    if (!allFinite(jac)) {
      message = `the Jacobian is not finite at iteration ${iterations}`;
      return { theta: theta.slice(), rss, converged: false, iterations, evaluations, message, jac: undefined, offset };
    }
    // Marquardt scaling: D = running maximum of column norms (Moré 1978), so the damping is
    // invariant to rescaling any one parameter and never shrinks into an oscillation.
    for (let j = 0; j < p; j++) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += jac[j * n + i] * jac[j * n + i];
      const c = Math.sqrt(ss);
      diag[j] = diagInit ? Math.max(diag[j], c) : c > 0 ? c : 1;
    }
    diagInit = true;

    // Active set: a parameter on its bound whose descent direction points outwards is held fixed.
    let m = 0;
    for (let j = 0; j < p; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) g += jac[j * n + i] * r[i];
      const heldLow = theta[j] <= lower[j] && g < 0;
      const heldHigh = theta[j] >= upper[j] && g > 0;
      if (!heldLow && !heldHigh) free[m++] = j;
    }
    for (let k = 0; k < m; k++) {
      const j = free[k];
      for (let i = 0; i < n; i++) a[k * n + i] = jac[j * n + i];
    }
    qrFactor(a, n, m, rdiag, beta);
    for (let i = 0; i < n; i++) qtr[i] = r[i];
    qrApplyTranspose(a, n, m, beta, qtr);
    let projected = 0;
    for (let k = 0; k < m; k++) projected += qtr[k] * qtr[k];
    const dfResidual = problem.nPositive - m;
    const orthogonal = Math.max(rss - projected, 0);
    offset = m === 0 ? 0 : Math.sqrt(projected / m) / Math.sqrt(orthogonal / Math.max(dfResidual, 1));
    if (!Number.isFinite(offset)) offset = projected === 0 ? 0 : Infinity;

    if (rss <= rssFloor) {
      converged = true;
      message = "converged: residuals are zero to rounding (exact fit)";
      break;
    }
    if (offset <= problem.tolerance) {
      converged = true;
      message = `converged: relative offset ${offset.toExponential(2)} <= tolerance ${problem.tolerance}`;
      break;
    }
    if (m === 0) {
      converged = true;
      message = "converged: every parameter is held at a bound";
      break;
    }

    // Trust region on the scaled step ‖Dδ‖ ≤ Δ (Moré 1978): shrink Δ until a step lowers the RSS.
    let xnorm = 0;
    for (let k = 0; k < m; k++) {
      const j = free[k];
      dFree[k] = diag[j];
      xnorm += (diag[j] * theta[j]) ** 2;
    }
    xnorm = Math.sqrt(xnorm);
    if (delta === 0) delta = xnorm > 0 ? problem.stepBound * xnorm : problem.stepBound;
    let accepted = false;
    let stepConverged = false;
    let stalled = false;
    while (!accepted) {
      lambda = lmParameter(a, n, m, rdiag, qtr, dFree, delta, lambda, step, damp, lmWork);
      let geodesicRejected = false;
      if (geodesic) {
        // Second directional derivative of f along the step, by one extra model sweep.
        for (let j = 0; j < p; j++) trial[j] = theta[j];
        for (let k = 0; k < m; k++) trial[free[k]] = theta[free[k]] + GEODESIC_H * step[k];
        evaluate(problem, trial, fwTrial, rTrial);
        evaluations++;
        let ok = true;
        for (let i = 0; i < n; i++) {
          let jv = 0;
          for (let k = 0; k < m; k++) jv += jac[free[k] * n + i] * step[k];
          const v = (2 / GEODESIC_H) * ((fwTrial[i] - fw[i]) / GEODESIC_H - jv);
          if (!Number.isFinite(v)) ok = false;
          work[i] = -v;
        }
        if (ok) {
          qrApplyTranspose(a, n, m, beta, work);
          for (let k = 0; k < m; k++) rhs[k] = work[k];
          qrSolveDamped(a, n, m, rdiag, rhs, damp, accel, lmWork.s, lmWork.t);
          let na = 0;
          let nv = 0;
          for (let k = 0; k < m; k++) {
            na += (dFree[k] * accel[k]) ** 2;
            nv += (dFree[k] * step[k]) ** 2;
          }
          if (2 * Math.sqrt(na) <= GEODESIC_ALPHA * Math.sqrt(nv)) {
            for (let k = 0; k < m; k++) step[k] += 0.5 * accel[k];
          } else {
            geodesicRejected = true;
          }
        }
      }

      // Project onto the box, and keep the step actually taken for the predicted reduction.
      for (let j = 0; j < p; j++) trial[j] = theta[j];
      let maxRel = 0;
      let pnorm = 0;
      for (let k = 0; k < m; k++) {
        const j = free[k];
        const v = Math.min(upper[j], Math.max(lower[j], theta[j] + step[k]));
        trial[j] = v;
        fullStep[k] = v - theta[j];
        pnorm += (dFree[k] * fullStep[k]) ** 2;
        const rel = Math.abs(fullStep[k]) / (Math.abs(theta[j]) + problem.stepTolerance);
        if (rel > maxRel) maxRel = rel;
      }
      pnorm = Math.sqrt(pnorm);
      if (iterations === 1) delta = Math.min(delta, pnorm);
      // Predicted reduction of the linear model: ‖Q₁ᵀr‖² − ‖Q₁ᵀr − Rδ‖².
      let pred = 0;
      let jp2 = 0;
      for (let k = 0; k < m; k++) {
        let rk = rdiag[k] * fullStep[k];
        for (let l = k + 1; l < m; l++) rk += a[l * n + k] * fullStep[l];
        pred += rk * (2 * qtr[k] - rk);
        jp2 += rk * rk;
      }
      let rssTrial = NaN;
      if (!geodesicRejected) {
        rssTrial = evaluate(problem, trial, fwTrial, rTrial);
        evaluations++;
      }
      const actred = Number.isNaN(rssTrial) ? -1 : 1 - rssTrial / rss;
      const prered = pred / rss;
      const ratio = prered > 0 ? actred / prered : 0;
      if (ratio <= 0.25) {
        const dirder = -(jp2 + lambda * pnorm * pnorm) / rss;
        let temp = actred >= 0 ? 0.5 : (0.5 * dirder) / (dirder + 0.5 * actred);
        if (Number.isNaN(rssTrial) || rssTrial >= 100 * rss || !(temp >= 0.1)) temp = 0.1;
        delta = temp * Math.min(delta, pnorm / 0.1);
        lambda /= temp;
      } else if (lambda === 0 || ratio >= 0.75) {
        delta = pnorm / 0.5;
        lambda *= 0.5;
      }
      // Near the optimum the predicted gain drops below what RSS can resolve (≈ ε·RSS); such a
      // step is still the best estimate of the minimiser, so take it unless RSS visibly rises.
      const roundingLevel = 8 * EPS * rss;
      const unmeasurable = pred <= roundingLevel && rssTrial <= rss + roundingLevel;
      if ((ratio >= 1e-4 && rssTrial < rss) || unmeasurable) {
        roundingSteps = unmeasurable ? roundingSteps + 1 : 0;
        accepted = true;
        // Tiny steps alone can come from a collapsed trust region; require near-stationarity too.
        stepConverged = maxRel <= problem.stepTolerance && offset <= PRECISION_LIMIT_OFFSET;
        for (let j = 0; j < p; j++) theta[j] = trial[j];
        fw.set(fwTrial);
        r.set(rTrial);
        rss = rssTrial;
      } else if (delta <= EPS * xnorm || !(delta > 0)) {
        stalled = true;
        break;
      }
    }
    if (stalled) {
      converged = offset <= PRECISION_LIMIT_OFFSET;
      message = converged
        ? `converged at the limit of machine precision (relative offset ${offset.toExponential(2)})`
        : `no step reduces the RSS although the relative offset is ${offset.toExponential(2)}: stalled away from a minimum`;
      break;
    }
    evaluations += jacobianAt(problem, theta, jac, gradOut);
    if (roundingSteps >= 3 && offset <= PRECISION_LIMIT_OFFSET) {
      converged = true;
      message = `converged at the limit of machine precision (relative offset ${offset.toExponential(2)})`;
      break;
    }
    if (roundingSteps >= MAX_ROUNDING_STEPS) {
      // Creeping across a plateau in gains too small to measure: give up rather than spend maxIterations.
      message = `stalled on a plateau: ${MAX_ROUNDING_STEPS} steps without a measurable RSS reduction (relative offset ${offset.toExponential(2)})`;
      break;
    }
    if (stepConverged) {
      converged = true;
      message = `converged: relative step below stepTolerance ${problem.stepTolerance}`;
      break;
    }
  }
  // Copies: the workspace is reused by the next start while this run may remain the best.
  return { theta: theta.slice(), rss, converged, iterations, evaluations, message, jac: allFinite(jac) ? jac.slice() : undefined, offset };
}

function finish(problem: Problem, run: Run, evaluations: number, starts: number): NlsResult {
  const { p, lower, upper } = problem;
  const df = problem.nPositive - p;
  const s2 = run.rss / df;
  const atBound = run.theta.map((v, j) => v <= lower[j] || v >= upper[j]);
  let covariance: number[][];
  let se: number[];
  let rank: number;
  let message = run.message;
  if (run.jac) {
    // A finite-difference Jacobian is accurate to about ε^(2/3), so only gaps wider than that mean rank loss.
    const rankTolerance = problem.jacobian ? Math.max(problem.n, p) * EPS : FD_RANK_TOLERANCE;
    const cov = leastSquaresCovariance(run.jac, problem.n, p, s2, rankTolerance);
    covariance = cov.covariance;
    se = cov.se;
    rank = cov.rank;
    if (rank < p) {
      const which = cov.unidentified.flatMap((u, j) => (u ? [j] : []));
      message += `; the Jacobian has rank ${rank} < ${p}, parameters ${which.join(", ")} are not identified (standard error Infinity)`;
    }
  } else {
    covariance = Array.from({ length: p }, () => new Array<number>(p).fill(Infinity));
    se = new Array<number>(p).fill(Infinity);
    rank = 0;
    message += "; standard errors unavailable (Infinity)";
  }
  return {
    params: run.theta.slice(),
    se,
    rss: run.rss,
    converged: run.converged,
    iterations: run.iterations,
    evaluations,
    message,
    covariance,
    df,
    sigma: Math.sqrt(s2),
    rank,
    atBound,
    relativeOffset: run.offset,
    starts,
  };
}
