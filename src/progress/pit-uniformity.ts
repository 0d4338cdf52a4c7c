/** Result of `pitUniformity`. */
export interface PitUniformity {
  /** PIT values tested */
  n: number;
  /** count per equal-width bin of [0, 1] */
  counts: number[];
  /** Pearson chi-square statistic against equal counts */
  chiSquare: number;
  /** degrees of freedom, bins − 1 */
  df: number;
  /** upper-tail p-value of the chi-square statistic (values treated as independent) */
  pValue: number;
  /** mean design effect of the bin shares over the clusters (1 without clusters): how much clustering inflates their variance */
  designEffect: number;
  /** p-value of the Rao–Scott first-order corrected statistic chiSquare / designEffect (= pValue without clusters) */
  clusteredPValue: number;
}

/**
 * Is a forecaster's probability integral transform (PIT) uniform? Pearson's chi-square test of
 * equal counts in `bins` equal bins of [0, 1].
 *
 * A calibrated predictive distribution puts the later report at a uniformly distributed quantile
 * of itself: a U-shaped histogram means the bands are too narrow (reports fall in the tails), a
 * hump means too wide, a slope means bias. The p-value treats the PIT values as independent;
 * forecasts of one county at several horizons are not, so a small p-value is stronger evidence
 * than a large one.
 *
 * With `clusters` (one id per value: the back-test's county and origin) the statistic is also divided by the
 * mean design effect of the bin shares (Rao & Scott 1981, first-order correction): successive reports of one
 * county under one forecast share its miss, so the independent-values p-value is too small.
 *
 * @param pit PIT values, each in [0, 1]
 * @param bins number of equal bins, 2–100; default 10
 * @param clusters optional cluster id per value (same length as pit)
 * @returns bin counts, chi-square statistic, degrees of freedom and p-value
 * @throws {RangeError} for fewer than 1 value, values outside [0, 1] or an invalid bin count
 * @example
 * pitUniformity([0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]).pValue // 1
 * @see Gneiting, Balabdaoui & Raftery (2007), Probabilistic forecasts, calibration and sharpness, JRSS-B 69(2)
 */
export function pitUniformity(pit: ArrayLike<number>, bins = 10, clusters?: ArrayLike<string>): PitUniformity {
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new RangeError(`pitUniformity requires bins to be an integer in 2–100, got ${bins}`);
  const n = pit.length;
  if (n < 1) throw new RangeError("pitUniformity requires at least 1 value");
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const u = pit[i];
    if (!(u >= 0 && u <= 1)) throw new RangeError(`pitUniformity requires values in [0, 1], pit[${i}] is ${u}`);
    counts[Math.min(bins - 1, Math.floor(u * bins))]++;
  }
  const e = n / bins;
  const chiSquare = counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
  const df = bins - 1;
  const pValue = regularizedGammaQ(df / 2, chiSquare / 2);
  if (!clusters) return { n, counts, chiSquare, df, pValue, designEffect: 1, clusteredPValue: pValue };
  if (clusters.length !== n) throw new RangeError(`pitUniformity requires one cluster per value, got ${clusters.length} for ${n}`);
  // Per cluster: its size and its count in each bin.
  const byCluster = new Map<string, { m: number; x: number[] }>();
  for (let i = 0; i < n; i++) {
    const c = byCluster.get(clusters[i]) ?? { m: 0, x: new Array<number>(bins).fill(0) };
    c.m++;
    c.x[Math.min(bins - 1, Math.floor(pit[i] * bins))]++;
    byCluster.set(clusters[i], c);
  }
  const C = byCluster.size;
  let deffSum = 0;
  let used = 0;
  for (let k = 0; k < bins; k++) {
    const p = counts[k] / n;
    if (p <= 0 || p >= 1 || C < 2) continue;
    // Linearised variance of the ratio estimator Σx/Σm over clusters, against the binomial p(1 − p)/n.
    let ss = 0;
    for (const c of byCluster.values()) ss += (c.x[k] - p * c.m) ** 2;
    deffSum += ((C / (C - 1)) * ss) / (n * n) / ((p * (1 - p)) / n);
    used++;
  }
  const designEffect = used ? Math.max(1, deffSum / used) : 1;
  return { n, counts, chiSquare, df, pValue, designEffect, clusteredPValue: regularizedGammaQ(df / 2, chiSquare / designEffect / 2) };
}

/**
 * Upper regularized incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): series below a + 1, Lentz's continued
 * fraction above (Numerical Recipes §6.2). Written by hand because simple-statistics has only a
 * chi-square table at fixed levels, and a p-value needs the function itself.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 1000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lnPre) * h;
}

/** ln Γ(z) for z > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-14). */
function logGamma(z: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const x = z - 1;
  let a = g[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
