/**
 * Dense helpers for the small (p ≤ 4) symmetric matrices of panel fits: Cholesky factor with a
 * diagonal jitter fallback, and inversion through it. Internal: not part of the public API.
 */

/**
 * Lower-triangular L with L·Lᵀ = A (+ jitter·I when A is only semi-definite). Non-finite entries are
 * replaced by `fallbackVariance` on the diagonal and 0 off it, so a draw never produces NaN.
 */
export function choleskyLower(a: readonly (readonly number[])[], fallbackVariance = 1): number[][] {
  const p = a.length;
  const m = a.map((row, i) =>
    row.map((v, j) => (Number.isFinite(v) ? v : i === j ? fallbackVariance : 0)),
  );
  let scale = 0;
  for (let i = 0; i < p; i++) scale = Math.max(scale, Math.abs(m[i][i]));
  for (let attempt = 0; attempt < 12; attempt++) {
    const jitter = attempt === 0 ? 0 : scale * 1e-12 * 10 ** attempt;
    const l = tryCholesky(m, jitter);
    if (l) return l;
  }
  // Give up on correlations: independent draws with the diagonal variances.
  return m.map((row, i) => row.map((_, j) => (i === j ? Math.sqrt(Math.max(0, m[i][i])) : 0)));
}

function tryCholesky(a: number[][], jitter: number): number[][] | undefined {
  const p = a.length;
  const l = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j] + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i][i] = Math.sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive-definite matrix (through its Cholesky factor). */
export function invertSymmetric(a: readonly (readonly number[])[]): number[][] {
  const p = a.length;
  const l = choleskyLower(a);
  // Solve L·Lᵀ·X = I column by column.
  const inv = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const z = new Array<number>(p);
  for (let c = 0; c < p; c++) {
    for (let i = 0; i < p; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= l[i][k] * z[k];
      z[i] = s / l[i][i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < p; k++) s -= l[k][i] * inv[k][c];
      inv[i][c] = s / l[i][i];
    }
  }
  return inv;
}
