/**
 * First year from which `values` stay below `threshold` through the last year, or null if the last value
 * is not below it. "Below from then on" is what 消除 means: a dip followed by a rebound does not count.
 */
export function firstYearStayingBelow(years: readonly number[], values: ArrayLike<number>, threshold: number): number | null {
  let first: number | null = null;
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] < threshold) first = years[i];
    else break;
  }
  return first;
}
