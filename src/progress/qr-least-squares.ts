// Householder QR and the damped (Levenberg–Marquardt) triangular solve behind `nls`.
// Internal to src/progress: not part of the public API. Matrices are column-major Float64Arrays
// (column j of an n×m matrix lives at a[j*n .. j*n+n-1]) so a column sweep is a contiguous read.

/**
 * Factor the n×m column-major matrix `a` in place as A = QR with Householder reflections.
 *
 * Afterwards the strict upper triangle of `a` holds R above the diagonal, `rdiag` its diagonal, and
 * the lower part plus the diagonal hold the reflection vectors v_k (with `beta[k]` = 2 / vᵀv), which
 * `qrApplyTranspose` replays. QR is used rather than the normal equations because JᵀJ squares the
 * condition number, and on NIST problems such as MGH10 (cond(J) ≈ 1e9 unscaled) that loses every digit.
 *
 * @param a n×m column-major matrix (n ≥ m), overwritten
 * @param n rows
 * @param m columns
 * @param rdiag length ≥ m; receives the diagonal of R
 * @param beta length ≥ m; receives the reflection scale factors (0 for a zero column)
 * @returns nothing; results are written into `a`, `rdiag` and `beta`
 * @example
 * const a = new Float64Array([3, 4]); // one column (3, 4)ᵀ
 * qrFactor(a, 2, 1, new Float64Array(1), new Float64Array(1)); // rdiag[0] = -5
 */
export function qrFactor(a: Float64Array, n: number, m: number, rdiag: Float64Array, beta: Float64Array): void {
  for (let k = 0; k < m; k++) {
    const ck = k * n;
    // Scale by the largest entry so the sum of squares neither overflows nor underflows.
    let amax = 0;
    for (let i = k; i < n; i++) {
      const v = Math.abs(a[ck + i]);
      if (v > amax) amax = v;
    }
    if (amax === 0) {
      rdiag[k] = 0;
      beta[k] = 0;
      continue;
    }
    let ss = 0;
    for (let i = k; i < n; i++) {
      const v = a[ck + i] / amax;
      ss += v * v;
    }
    const norm = amax * Math.sqrt(ss);
    // Choose the sign that avoids cancellation in v0 = x0 - alpha.
    const alpha = a[ck + k] > 0 ? -norm : norm;
    a[ck + k] -= alpha;
    let vtv = 0;
    for (let i = k; i < n; i++) vtv += a[ck + i] * a[ck + i];
    const b = 2 / vtv;
    beta[k] = b;
    rdiag[k] = alpha;
    for (let j = k + 1; j < m; j++) {
      const cj = j * n;
      let s = 0;
      for (let i = k; i < n; i++) s += a[ck + i] * a[cj + i];
      s *= b;
      for (let i = k; i < n; i++) a[cj + i] -= s * a[ck + i];
    }
  }
}

/**
 * Overwrite the length-n vector `b` with Qᵀb, replaying the reflections stored by `qrFactor`.
 *
 * @param a the factored matrix from `qrFactor`
 * @param n rows
 * @param m columns
 * @param beta reflection scale factors from `qrFactor`
 * @param b length-n vector, overwritten with Qᵀb (its first m entries are the coordinates in range(A))
 * @returns nothing
 * @example
 * // after qrFactor(a, 2, 1, rdiag, beta) with a = (3, 4)ᵀ: b = (3, 4) becomes (-5, 0)
 */
export function qrApplyTranspose(a: Float64Array, n: number, m: number, beta: Float64Array, b: Float64Array): void {
  for (let k = 0; k < m; k++) {
    const bk = beta[k];
    if (bk === 0) continue;
    const ck = k * n;
    let s = 0;
    for (let i = k; i < n; i++) s += a[ck + i] * b[i];
    s *= bk;
    for (let i = k; i < n; i++) b[i] -= s * a[ck + i];
  }
}

/**
 * Solve min ‖Rδ − z‖² + ‖d∘δ‖² for δ, given the m×m triangle R from `qrFactor`.
 *
 * The diagonal rows d are folded into R with Givens rotations (MINPACK's qrsolv), so each trial
 * damping λ costs O(m³) work on the small triangle instead of a fresh O(nm²) factorisation of J.
 * A zero pivot (possible only when d_k = 0 and R is singular) gives δ_k = 0: the minimum-change
 * choice along a direction the data do not determine.
 *
 * @param a the factored matrix from `qrFactor` (R above the diagonal)
 * @param n rows of the factored matrix (its column stride)
 * @param m size of R
 * @param rdiag diagonal of R
 * @param z right-hand side, length ≥ m (not modified)
 * @param d damping diagonal, length ≥ m, entries ≥ 0 (√λ·D in Levenberg–Marquardt)
 * @param out receives δ, length ≥ m
 * @param s scratch of length ≥ m·m
 * @param t scratch of length ≥ 2m
 * @returns nothing; δ is written into `out`
 * @example
 * // R = [2], z = [4], d = [0] gives δ = [2]; d = [2] gives δ = [1] (ridge halves the step)
 */
export function qrSolveDamped(
  a: Float64Array,
  n: number,
  m: number,
  rdiag: Float64Array,
  z: Float64Array,
  d: Float64Array,
  out: Float64Array,
  s: Float64Array,
  t: Float64Array,
): void {
  // s is m×m row-major upper triangle: s[k*m + i] = S(k, i), i ≥ k.
  for (let k = 0; k < m; k++) {
    s[k * m + k] = rdiag[k];
    for (let i = k + 1; i < m; i++) s[k * m + i] = a[i * n + k];
    out[k] = z[k];
  }
  // t[0..m-1] is the row being eliminated; t[m] its right-hand side (starts at 0).
  for (let j = 0; j < m; j++) {
    const dj = d[j];
    if (dj === 0) continue;
    for (let i = 0; i < m; i++) t[i] = 0;
    t[j] = dj;
    let extra = 0;
    for (let k = j; k < m; k++) {
      const tk = t[k];
      if (tk === 0) continue;
      const skk = s[k * m + k];
      let c: number;
      let sn: number;
      if (Math.abs(skk) < Math.abs(tk)) {
        const cot = skk / tk;
        sn = 1 / Math.sqrt(1 + cot * cot);
        c = sn * cot;
      } else {
        const tan = tk / skk;
        c = 1 / Math.sqrt(1 + tan * tan);
        sn = c * tan;
      }
      s[k * m + k] = c * skk + sn * tk;
      const zk = out[k];
      out[k] = c * zk + sn * extra;
      extra = -sn * zk + c * extra;
      for (let i = k + 1; i < m; i++) {
        const ski = s[k * m + i];
        const ti = t[i];
        s[k * m + i] = c * ski + sn * ti;
        t[i] = -sn * ski + c * ti;
      }
    }
  }
  for (let k = m - 1; k >= 0; k--) {
    const skk = s[k * m + k];
    if (skk === 0) {
      out[k] = 0;
      continue;
    }
    let acc = out[k];
    for (let i = k + 1; i < m; i++) acc -= s[k * m + i] * out[i];
    out[k] = acc / skk;
  }
}

/** Scratch buffers for `lmParameter`, allocated once per solver run. */
export interface LmParameterWork {
  /** m·m, the damped triangle from `qrSolveDamped` */
  s: Float64Array;
  /** 2m + 1, Givens row for `qrSolveDamped` */
  t: Float64Array;
  /** m, general vector */
  w: Float64Array;
}

/**
 * Find the Levenberg–Marquardt parameter λ whose step δ(λ) = argmin ‖Rδ − z‖² + λ‖Dδ‖² has
 * ‖Dδ‖ within 10 % of the trust radius Δ (or λ = 0 if the Gauss–Newton step already fits).
 *
 * This is Moré's safeguarded Newton iteration on φ(λ) = ‖Dδ(λ)‖ − Δ (MINPACK `lmpar`), which
 * controls the step length directly instead of guessing λ; that is what lets the solver crawl along
 * the narrow curved valley of NIST MGH10 from its first start without being thrown into regions
 * where the model overflows.
 *
 * @param a the factored Jacobian from `qrFactor` (R above the diagonal)
 * @param n rows of the factored matrix
 * @param m size of R
 * @param rdiag diagonal of R
 * @param z Q₁ᵀr, length ≥ m
 * @param d scaling diagonal D, length ≥ m, entries > 0
 * @param delta trust radius Δ > 0
 * @param lambda initial guess for λ ≥ 0 (the previous iteration's value)
 * @param out receives δ, length ≥ m
 * @param damp scratch of length ≥ m (receives √λ·D)
 * @param work scratch buffers
 * @returns the λ used for `out`
 * @example
 * // R = [1], z = [10], D = [1], Δ = 1: the Gauss–Newton step 10 is too long, λ ≈ 9 gives δ ≈ 1
 * @see Moré (1978), The Levenberg–Marquardt algorithm: implementation and theory, LNM 630, pp. 105–116
 */
export function lmParameter(
  a: Float64Array,
  n: number,
  m: number,
  rdiag: Float64Array,
  z: Float64Array,
  d: Float64Array,
  delta: number,
  lambda: number,
  out: Float64Array,
  damp: Float64Array,
  work: LmParameterWork,
): number {
  const { s, t, w } = work;
  const dwarf = Number.MIN_VALUE * 1e10;
  let rmax = 0;
  for (let k = 0; k < m; k++) rmax = Math.max(rmax, Math.abs(rdiag[k]));
  let singular = rmax === 0;
  for (let k = 0; k < m; k++) if (Math.abs(rdiag[k]) <= rmax * 1e-14) singular = true;
  // Gauss–Newton step (λ = 0); zero pivots give zero components.
  damp.fill(0, 0, m);
  qrSolveDamped(a, n, m, rdiag, z, damp, out, s, t);
  let dxnorm = scaledNorm(out, d, m);
  let fp = dxnorm - delta;
  if (fp <= 0.1 * delta) return 0;
  // Lower bound from the Newton step at λ = 0 (only valid when R is nonsingular).
  let parl = 0;
  if (!singular) {
    for (let k = 0; k < m; k++) w[k] = (d[k] * (d[k] * out[k])) / dxnorm;
    const temp = forwardSolveNorm2(a, n, m, rdiag, w, true, s);
    parl = fp / delta / temp;
  }
  // Upper bound: ‖D⁻¹Rᵀz‖ / Δ.
  let gnorm2 = 0;
  for (let k = 0; k < m; k++) {
    let acc = rdiag[k] * z[k];
    for (let i = 0; i < k; i++) acc += a[k * n + i] * z[i];
    gnorm2 += (acc / d[k]) ** 2;
  }
  const gnorm = Math.sqrt(gnorm2);
  let paru = gnorm / delta;
  if (paru === 0) paru = dwarf / Math.min(delta, 0.1);
  let par = Math.min(Math.max(lambda, parl), paru);
  if (par === 0) par = gnorm / dxnorm;
  for (let iter = 1; iter <= 10; iter++) {
    if (par === 0) par = Math.max(dwarf, 0.001 * paru);
    const sq = Math.sqrt(par);
    for (let k = 0; k < m; k++) damp[k] = sq * d[k];
    qrSolveDamped(a, n, m, rdiag, z, damp, out, s, t);
    dxnorm = scaledNorm(out, d, m);
    const previous = fp;
    fp = dxnorm - delta;
    if (Math.abs(fp) <= 0.1 * delta || (parl === 0 && fp <= previous && previous < 0) || iter === 10) break;
    for (let k = 0; k < m; k++) w[k] = (d[k] * (d[k] * out[k])) / dxnorm;
    const temp = forwardSolveNorm2(a, n, m, rdiag, w, false, s);
    const parc = fp / delta / temp;
    if (fp > 0) parl = Math.max(parl, par);
    if (fp < 0) paru = Math.min(paru, par);
    par = Math.max(parl, par + parc);
  }
  return par;
}

function scaledNorm(v: Float64Array, d: Float64Array, m: number): number {
  let ss = 0;
  for (let k = 0; k < m; k++) ss += (d[k] * v[k]) ** 2;
  return Math.sqrt(ss);
}

/**
 * ‖T⁻ᵀw‖² for the upper triangle T (R itself when `useR`, else the damped triangle in `s`),
 * overwriting w with T⁻ᵀw.
 */
function forwardSolveNorm2(
  a: Float64Array,
  n: number,
  m: number,
  rdiag: Float64Array,
  w: Float64Array,
  useR: boolean,
  s: Float64Array,
): number {
  let ss = 0;
  for (let k = 0; k < m; k++) {
    let acc = w[k];
    for (let i = 0; i < k; i++) acc -= (useR ? a[k * n + i] : s[i * m + k]) * w[i];
    const diagK = useR ? rdiag[k] : s[k * m + k];
    w[k] = diagK === 0 ? 0 : acc / diagK;
    ss += w[k] * w[k];
  }
  return ss > 0 ? ss : Number.MIN_VALUE;
}
