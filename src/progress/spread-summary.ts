import { quantileOfSorted } from "./simulate-curve-paths.js";

/** What an average hides: the distribution of county rates and the shares below thresholds. */
export interface SpreadSummary {
  n: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
  /** unweighted mean of the county rates */
  mean: number;
  /** counties strictly below each threshold */
  below: { threshold: number; count: number; share: number }[];
}

/**
 * The spread an average hides: min, quartiles, max and the share of counties below thresholds.
 *
 * “不能只看平均数”: a province at 60 % on average may still have counties under 20 %.
 *
 * @param values county rates (shares); non-finite values are ignored
 * @param thresholds shares to count counties below (strictly); default [0.3, 0.2]
 * @returns n, min, quartiles (type 7, as R's default), max, mean and counts/shares below each threshold
 * @throws {RangeError} when no finite value is given
 * @example
 * spreadSummary([0.1, 0.25, 0.4, 0.8]) // { n: 4, min: 0.1, q25: 0.2125, median: 0.325, q75: 0.5, max: 0.8, mean: 0.3875, below: [{ threshold: 0.3, count: 2, share: 0.5 }, { threshold: 0.2, count: 1, share: 0.25 }] }
 */
export function spreadSummary(values: readonly number[], thresholds: readonly number[] = [0.3, 0.2]): SpreadSummary {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) throw new RangeError("spreadSummary requires at least 1 finite value");
  return {
    n: v.length,
    min: v[0],
    q25: quantileOfSorted(v, 0.25),
    median: quantileOfSorted(v, 0.5),
    q75: quantileOfSorted(v, 0.75),
    max: v[v.length - 1],
    mean: v.reduce((a, b) => a + b, 0) / v.length,
    below: thresholds.map((threshold) => {
      const count = v.filter((x) => x < threshold).length;
      return { threshold, count, share: count / v.length };
    }),
  };
}
