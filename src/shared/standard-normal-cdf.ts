/**
 * Standard normal cumulative distribution Φ(x) to about 1e-15 absolute accuracy.
 *
 * The one normal CDF of the package: the class-size model (tail probabilities of a lognormal, Φ of a
 * log-distance) and the allocation's z-score normalisation both call it, so a county's money never depends on
 * which approximation a module happened to carry. Hart's (1968) algorithm 5666 in the double-precision form given
 * by West (2005): accurate in the far tail (where 1 − Φ would lose digits) and one `exp`. Checked against
 * scipy.stats.norm.cdf to 1e-15 absolute in test/shared/standard-normal-cdf.test.ts; in the lower tail the relative
 * error is below 1e-10 down to z = −7.07 and about 1e-8 beyond (Φ(−8) ≈ 6.2e-16), which no share or money feels.
 *
 * @param x standard score, any finite number (±Infinity give 0 and 1)
 * @returns P(Z ≤ x) for Z ~ N(0, 1), 0–1
 * @throws {RangeError} standardNormalCdf requires a number, when x is NaN
 * @example standardNormalCdf(1.959963984540054) // 0.975
 * @see G. West, "Better approximations to cumulative normal functions", Wilmott Magazine 2005
 */
export function standardNormalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError("standardNormalCdf requires a number, got NaN");
  const z = Math.abs(x);
  let lower: number;
  if (z > 37) {
    lower = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      lower = (e * n) / d;
    } else {
      // Continued fraction for the far tail.
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      lower = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - lower : lower;
}
