/**
 * Naive baseline: the last reported value carried forward (a 改薄办 reading "no change").
 *
 * @param y reported shares, oldest first, at least 1
 * @param times forecast times (months), any
 * @returns the last value at every time
 * @throws {RangeError} for an empty series
 * @example
 * lastValueForecast([0.2, 0.35], [30, 32]) // [0.35, 0.35]
 */
export function lastValueForecast(y: readonly number[], times: readonly number[]): number[] {
  if (y.length === 0) throw new RangeError("lastValueForecast requires at least 1 observation");
  const last = y[y.length - 1];
  return times.map(() => last);
}

/**
 * Naive baseline: a straight line through the last k reports, extrapolated.
 *
 * The least-squares line of the last `k` reports is carried forward, kept between the last report
 * (rates are cumulative) and 100 % or the last report if already above (nobody extrapolates beyond
 * the plan). With fewer than 2 reports it is the last value carried forward.
 *
 * @param t report months, increasing, same length as y
 * @param y reported shares
 * @param times forecast times (months)
 * @param k reports used, ≥ 2; default 3
 * @returns forecasts at `times`
 * @throws {RangeError} for unequal lengths, an empty series or k < 2
 * @example
 * linearTrendForecast([26, 28, 30], [0.3, 0.4, 0.5], [32, 40]) // [0.6, 1]
 */
export function linearTrendForecast(t: readonly number[], y: readonly number[], times: readonly number[], k = 3): number[] {
  if (t.length !== y.length) throw new RangeError(`linearTrendForecast requires t and y of equal length, got ${t.length} and ${y.length}`);
  if (y.length === 0) throw new RangeError("linearTrendForecast requires at least 1 observation");
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`linearTrendForecast requires k to be an integer ≥ 2, got ${k}`);
  const line = trendLine(t, y, k);
  const last = y[y.length - 1];
  const ceiling = Math.max(1, last);
  return times.map((x) => (line ? Math.min(ceiling, Math.max(last, line.a + line.b * x)) : last));
}

/**
 * When the naive straight line through the last k reports reaches a level (months), or Infinity
 * when the line does not rise.
 *
 * @example
 * linearTrendCrossing([26, 28, 30], [0.3, 0.4, 0.5], 0.7) // 34
 */
export function linearTrendCrossing(t: readonly number[], y: readonly number[], level: number, k = 3): number {
  const line = trendLine(t, y, k);
  if (!line || !(line.b > 0)) return Infinity;
  return Math.max(t[t.length - 1], (level - line.a) / line.b);
}

function trendLine(t: readonly number[], y: readonly number[], k: number): { a: number; b: number } | undefined {
  const n = Math.min(k, y.length);
  if (n < 2) return undefined;
  const ts = t.slice(-n);
  const ys = y.slice(-n);
  const tm = ts.reduce((a, b) => a + b, 0) / n;
  const ym = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (ts[i] - tm) ** 2;
    sxy += (ts[i] - tm) * (ys[i] - ym);
  }
  if (!(sxx > 0)) return undefined;
  const b = sxy / sxx;
  return { a: ym - b * tm, b };
}
