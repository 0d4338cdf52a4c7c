/** Result of `empiricalBayesShrinkage`. */
export interface EmpiricalBayesShrinkage {
  /** random-effects mean μ̂ = Σ wᵢθ̂ᵢ / Σ wᵢ with wᵢ = 1/(vᵢ + τ̂²) */
  mean: number;
  /** between-unit variance τ̂² (DerSimonian–Laird moment estimate, ≥ 0) */
  tau2: number;
  /** Cochran's Q = Σ (θ̂ᵢ − μ̂_FE)²/vᵢ, the heterogeneity statistic behind τ̂² */
  q: number;
  /** shrinkage factor Bᵢ = vᵢ/(vᵢ + τ̂²), 0–1: the weight of the province mean in unit i's estimate */
  shrinkage: number[];
  /** shrunken estimates (1 − Bᵢ)θ̂ᵢ + Bᵢμ̂ */
  posteriorMean: number[];
  /** posterior variances vᵢτ̂²/(vᵢ + τ̂²) (plug-in, ignoring the uncertainty of μ̂ and τ̂²) */
  posteriorVariance: number[];
}

/**
 * Empirical-Bayes shrinkage of unit estimates toward their common mean (normal–normal model).
 *
 * Each county's estimate θ̂ᵢ (for example the log growth rate of its S-curve) is noisy with known
 * variance vᵢ; the true values vary across the province with variance τ². The method-of-moments
 * (DerSimonian–Laird) estimate of τ² compares the spread of the estimates with the spread their
 * noise alone would produce; each estimate is then pulled toward the province mean by the factor
 * Bᵢ = vᵢ/(vᵢ + τ²): a county with few or noisy reports (large vᵢ) borrows much from the province,
 * a county with a long, clean series (small vᵢ) keeps its own value.
 *
 * @param estimates unit estimates θ̂ᵢ, finite, at least 2
 * @param variances their sampling variances vᵢ, finite and > 0, same length
 * @returns mean, τ², Cochran's Q, shrinkage factors, shrunken estimates and posterior variances
 * @throws {RangeError} for fewer than 2 units, unequal lengths, non-finite values or variances ≤ 0
 * @example
 * const eb = empiricalBayesShrinkage([0.1, 0.3, 0.35, 0.6, 0.2], [0.01, 0.02, 0.04, 0.05, 0.01]);
 * eb.tau2 // ≈ 0.005148
 * eb.shrinkage[0] // ≈ 0.6602
 * @see DerSimonian & Laird (1986), Meta-analysis in clinical trials, Controlled Clinical Trials 7(3)
 * @see Efron & Morris (1975), Data analysis using Stein's estimator and its generalizations, JASA 70(350)
 */
export function empiricalBayesShrinkage(estimates: readonly number[], variances: readonly number[]): EmpiricalBayesShrinkage {
  const m = estimates.length;
  if (variances.length !== m) {
    throw new RangeError(`empiricalBayesShrinkage requires estimates and variances of equal length, got ${m} and ${variances.length}`);
  }
  if (m < 2) throw new RangeError(`empiricalBayesShrinkage requires at least 2 units, got ${m}`);
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(estimates[i])) throw new RangeError(`empiricalBayesShrinkage requires finite estimates, estimates[${i}] is ${estimates[i]}`);
    if (!(variances[i] > 0) || !Number.isFinite(variances[i])) {
      throw new RangeError(`empiricalBayesShrinkage requires finite variances > 0, variances[${i}] is ${variances[i]}`);
    }
  }
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  for (let i = 0; i < m; i++) {
    const w = 1 / variances[i];
    sw += w;
    sw2 += w * w;
    swx += w * estimates[i];
  }
  const fixedMean = swx / sw;
  let q = 0;
  for (let i = 0; i < m; i++) q += (estimates[i] - fixedMean) ** 2 / variances[i];
  const tau2 = Math.max(0, (q - (m - 1)) / (sw - sw2 / sw));
  let rw = 0;
  let rwx = 0;
  for (let i = 0; i < m; i++) {
    const w = 1 / (variances[i] + tau2);
    rw += w;
    rwx += w * estimates[i];
  }
  const mean = rwx / rw;
  const shrinkage = variances.map((v) => v / (v + tau2));
  return {
    mean,
    tau2,
    q,
    shrinkage,
    posteriorMean: estimates.map((e, i) => (1 - shrinkage[i]) * e + shrinkage[i] * mean),
    posteriorVariance: variances.map((v) => (v * tau2) / (v + tau2)),
  };
}
