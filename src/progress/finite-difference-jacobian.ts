// Numerical Jacobian for `nls` when the caller gives no analytic one. Internal to src/progress.

/** ε^(1/3): balances truncation error O(h²) against rounding error O(ε/h) for central differences. */
const CENTRAL_STEP = Math.cbrt(Number.EPSILON);

/**
 * Fill the n×p column-major Jacobian ∂f(xᵢ; θ)/∂θⱼ, multiplied by √wᵢ, by central differences.
 *
 * The step is relative to the parameter's size (hⱼ = ε^(1/3)·max(|θⱼ|, typicalⱼ)) because NIST-style
 * problems mix parameters of order 1e-4 and 1e5, and is rounded so that θⱼ ± hⱼ is exactly
 * representable (the classic trick from Dennis & Schnabel §5.4). Where θⱼ + hⱼ or θⱼ − hⱼ would leave
 * the box [lower, upper], a second-order one-sided formula looks only inside it, since models are
 * often undefined outside their bounds (a negative Weibull scale, say).
 *
 * @param f model f(x, θ); θ is a scratch array that f must not keep
 * @param x predictor values, length n
 * @param theta current parameters, length p; temporarily perturbed and restored
 * @param sw √weights, length n (0 skips an observation)
 * @param typical positive typical magnitudes per parameter, used when θⱼ = 0
 * @param lower lower bounds (−Infinity when free)
 * @param upper upper bounds (+Infinity when free)
 * @param out receives the n×p Jacobian, column-major
 * @returns the number of model evaluations spent
 * @example
 * // f = θ0·x at x = [1, 2]: column 0 is [1, 2] to about 1e-10
 */
export function finiteDifferenceJacobian(
  f: (x: number, p: readonly number[]) => number,
  x: ArrayLike<number>,
  theta: number[],
  sw: Float64Array,
  typical: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  out: Float64Array,
): number {
  const n = x.length;
  const p = theta.length;
  let evaluations = 0;
  for (let j = 0; j < p; j++) {
    const tj = theta[j];
    const scale = Math.max(Math.abs(tj), typical[j]);
    const hRaw = CENTRAL_STEP * scale;
    const col = j * n;
    const canUp = tj + 2 * hRaw <= upper[j];
    const canDown = tj - 2 * hRaw >= lower[j];
    if ((canUp && canDown) || (!canUp && !canDown)) {
      // Central difference (also the fallback when the box is narrower than the step).
      const up = tj + hRaw;
      const down = tj - hRaw;
      const span = up - down;
      theta[j] = up;
      for (let i = 0; i < n; i++) out[col + i] = sw[i] === 0 ? 0 : f(x[i], theta);
      theta[j] = down;
      for (let i = 0; i < n; i++) {
        if (sw[i] !== 0) out[col + i] = (sw[i] * (out[col + i] - f(x[i], theta))) / span;
      }
      evaluations += 2;
    } else {
      // One-sided, second order: f'(θ) ≈ (−3f(θ) + 4f(θ+h) − f(θ+2h)) / 2h, with h signed into the box.
      const sign = canUp ? 1 : -1;
      const h1 = tj + sign * hRaw - tj;
      const h2 = tj + 2 * h1;
      theta[j] = tj;
      for (let i = 0; i < n; i++) out[col + i] = sw[i] === 0 ? 0 : -3 * f(x[i], theta);
      theta[j] = tj + h1;
      for (let i = 0; i < n; i++) if (sw[i] !== 0) out[col + i] += 4 * f(x[i], theta);
      theta[j] = h2;
      for (let i = 0; i < n; i++) {
        if (sw[i] !== 0) out[col + i] = (sw[i] * (out[col + i] - f(x[i], theta))) / (2 * h1);
      }
      evaluations += 3;
    }
    theta[j] = tj;
  }
  return evaluations;
}
