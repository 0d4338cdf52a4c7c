import { qrFactor } from "./qr-least-squares.js";

/** Scratch buffers, pooled by shape because typed-array allocation dominates small fits. */
interface Scratch {
  rows: number;
  p: number;
  colScale: Float64Array;
  a: Float64Array;
  rdiag: Float64Array;
  beta: Float64Array;
  b: Float64Array;
  v: Float64Array;
  sv: Float64Array;
  nullWeight: Float64Array;
}

const scratchPool: Scratch[] = [];

function acquireScratch(rows: number, p: number): Scratch {
  for (let i = scratchPool.length - 1; i >= 0; i--) {
    const sc = scratchPool[i];
    if (sc.rows === rows && sc.p === p) {
      scratchPool.splice(i, 1);
      return sc;
    }
  }
  return {
    rows,
    p,
    colScale: new Float64Array(p),
    a: new Float64Array(rows * p),
    rdiag: new Float64Array(p),
    beta: new Float64Array(p),
    b: new Float64Array(p * p),
    v: new Float64Array(p * p),
    sv: new Float64Array(p),
    nullWeight: new Float64Array(p),
  };
}

function releaseScratch(sc: Scratch): void {
  if (scratchPool.length >= 8) scratchPool.shift();
  scratchPool.push(sc);
}

/** Covariance of least-squares estimates and what could not be estimated. */
export interface LeastSquaresCovariance {
  /** p×p covariance s²(JᵀJ)⁻¹; rows and columns of unidentified parameters are Infinity */
  covariance: number[][];
  /** standard errors √diag(covariance); Infinity for unidentified parameters */
  se: number[];
  /** numerical rank of J after column equilibration */
  rank: number;
  /** true where a parameter lies (partly) in the null space of J, so the data cannot determine it */
  unidentified: boolean[];
}

/**
 * Covariance matrix s²(JᵀJ)⁻¹ of least-squares estimates, robust to bad scaling and rank deficiency.
 *
 * J's columns are first scaled to unit length (so a parameter measured in 万元 and one in months are
 * judged alike), then reduced by QR to a p×p triangle whose singular values come from one-sided
 * Jacobi rotations, which keep full relative accuracy even for tiny singular values. Directions with
 * singular value below max(n, p)·ε·σ_max (scipy's `curve_fit` threshold, by default) count as unidentified: the
 * affected parameters get Infinity rather than the huge, meaningless numbers a plain inverse returns.
 *
 * @param jacobian n×p column-major Jacobian (already multiplied by √weights), not modified
 * @param n observations (rows)
 * @param p parameters (columns), ≥ 1
 * @param sigma2 residual variance s² = RSS/(n − p), ≥ 0
 * @param rankTolerance singular values below rankTolerance·σ_max count as zero; default max(n, p)·ε.
 *   Pass about 1e-9 for a finite-difference Jacobian, whose columns carry ~ε^(2/3) relative error.
 * @returns covariance, standard errors, numerical rank and the unidentified flags
 * @throws never for finite input; non-finite Jacobian entries propagate to Infinity standard errors
 * @example
 * // y = a + b·x at x = 0, 1: J = [[1, 0], [1, 1]] column-major [1, 1, 0, 1]
 * leastSquaresCovariance(new Float64Array([1, 1, 0, 1]), 2, 2, 1).se // [1, 1.4142135623730951]
 * @see Demmel & Veselić (1992), Jacobi's method is more accurate than QR, SIAM J. Matrix Anal. Appl. 13(4)
 */
export function leastSquaresCovariance(
  jacobian: Float64Array,
  n: number,
  p: number,
  sigma2: number,
  rankTolerance: number = Math.max(n, p) * Number.EPSILON,
): LeastSquaresCovariance {
  const rows = Math.max(n, p);
  const sc = acquireScratch(rows, p);
  try {
    const { colScale, a } = sc;
    // n < p: the zero rows left in `a` pad the triangle to square; the lost rank shows as zero singular values.
    a.fill(0);
    let finite = true;
    for (let j = 0; j < p; j++) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += jacobian[j * n + i] * jacobian[j * n + i];
      const c = Math.sqrt(ss);
      if (!Number.isFinite(c)) finite = false;
      colScale[j] = c > 0 && Number.isFinite(c) ? c : 1;
      for (let i = 0; i < n; i++) a[j * rows + i] = jacobian[j * n + i] / colScale[j];
    }
    if (!finite) {
      const inf = Array.from({ length: p }, () => new Array<number>(p).fill(Infinity));
      return { covariance: inf, se: new Array<number>(p).fill(Infinity), rank: 0, unidentified: new Array<boolean>(p).fill(true) };
    }
    return finishCovariance(sc, sigma2, rankTolerance);
  } finally {
    releaseScratch(sc);
  }
}

function finishCovariance(sc: Scratch, sigma2: number, rankTolerance: number): LeastSquaresCovariance {
  const { a, rows, p, colScale, rdiag, beta, b, v, sv, nullWeight } = sc;
  qrFactor(a, rows, p, rdiag, beta);
  // b: the p×p triangle R, column-major; v accumulates the right singular vectors.
  b.fill(0);
  v.fill(0);
  for (let j = 0; j < p; j++) {
    v[j * p + j] = 1;
    b[j * p + j] = rdiag[j];
    for (let i = 0; i < j; i++) b[j * p + i] = a[j * rows + i];
  }
  const eps = Number.EPSILON;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        let alpha = 0;
        let bet = 0;
        let gamma = 0;
        for (let k = 0; k < p; k++) {
          const bi = b[i * p + k];
          const bj = b[j * p + k];
          alpha += bi * bi;
          bet += bj * bj;
          gamma += bi * bj;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * bet)) continue;
        rotated = true;
        const zeta = (bet - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < p; k++) {
          const bi = b[i * p + k];
          const bj = b[j * p + k];
          b[i * p + k] = c * bi - s * bj;
          b[j * p + k] = s * bi + c * bj;
          const vi = v[i * p + k];
          const vj = v[j * p + k];
          v[i * p + k] = c * vi - s * vj;
          v[j * p + k] = s * vi + c * vj;
        }
      }
    }
    if (!rotated) break;
  }
  let smax = 0;
  for (let k = 0; k < p; k++) {
    let ss = 0;
    for (let i = 0; i < p; i++) ss += b[k * p + i] * b[k * p + i];
    sv[k] = Math.sqrt(ss);
    if (sv[k] > smax) smax = sv[k];
  }
  const threshold = smax * rankTolerance;
  let rank = 0;
  nullWeight.fill(0);
  for (let k = 0; k < p; k++) {
    if (sv[k] > threshold) rank++;
    else for (let j = 0; j < p; j++) nullWeight[j] += v[k * p + j] * v[k * p + j];
  }
  const unidentified = Array.from(nullWeight, (w) => w > 1e-8);
  const covariance: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row = new Array<number>(p);
    for (let j = 0; j < p; j++) {
      if (unidentified[i] || unidentified[j]) {
        row[j] = Infinity;
        continue;
      }
      let acc = 0;
      for (let k = 0; k < p; k++) {
        if (sv[k] > threshold) acc += (v[k * p + i] * v[k * p + j]) / (sv[k] * sv[k]);
      }
      row[j] = (sigma2 * acc) / (colScale[i] * colScale[j]);
    }
    covariance.push(row);
  }
  const se = covariance.map((row, j) => Math.sqrt(Math.max(row[j], 0)));
  return { covariance, se, rank, unidentified };
}
