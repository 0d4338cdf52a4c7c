/** One year of a financing gap. */
export interface FinancingGapRow {
  year: number;
  costWanYuan: number;
  budgetWanYuan: number;
  /** cost − budget (positive: money missing this year). */
  gapWanYuan: number;
  /** Running sum of the gap (positive: money missing so far). */
  cumulativeGapWanYuan: number;
}

/**
 * Year-by-year financing gap of a cost path against a budget path.
 *
 * @param years school years
 * @param costWanYuan cost per year, 万元
 * @param budgetWanYuan budget per year, 万元 (one number: the same every year)
 * @returns one row per year with the gap and its running sum
 * @throws {RangeError} financingGap requires one cost and one budget per year, all finite
 * @example financingGap([2025, 2026], [10, 30], 20).map((r) => r.cumulativeGapWanYuan) // [-10, 0]
 */
export function financingGap(years: readonly number[], costWanYuan: readonly number[], budgetWanYuan: number | readonly number[]): FinancingGapRow[] {
  const budget = typeof budgetWanYuan === "number" ? years.map(() => budgetWanYuan) : budgetWanYuan;
  if (costWanYuan.length !== years.length || budget.length !== years.length || [...costWanYuan, ...budget].some((x) => !Number.isFinite(x))) {
    throw new RangeError(`financingGap requires one finite cost and budget per year (${years.length} years), got ${costWanYuan.length} and ${budget.length}`);
  }
  let cumulative = 0;
  return years.map((year, i) => {
    const gap = costWanYuan[i] - budget[i];
    cumulative += gap;
    return { year, costWanYuan: costWanYuan[i], budgetWanYuan: budget[i], gapWanYuan: gap, cumulativeGapWanYuan: cumulative };
  });
}

/**
 * The smallest flat annual budget that pays for a path up to a target year with a stated probability.
 *
 * A flat budget B from fromYear meets the target in a draw when B × years ≥ the draw's cost from fromYear to
 * targetYear (money can be carried over between years, not borrowed beyond the target). The smallest such B met
 * in a share `probability` of the draws is that quantile of cost ÷ years (type-7 quantile, R's default).
 *
 * @param years school years of the cost rows
 * @param costDraws cost per year for each draw, 万元 (draws × years)
 * @param fromYear first budget year
 * @param targetYear last year the budget must cover
 * @param probability 0–1, e.g. 0.9
 * @returns the budget per year, 万元
 * @throws {RangeError} smallestFlatBudget requires draws, fromYear ≤ targetYear within the years and probability 0–1
 * @example smallestFlatBudget([2025, 2026], [[10, 10], [20, 20], [30, 30]], 2025, 2026, 0.5) // 20
 */
export function smallestFlatBudget(years: readonly number[], costDraws: readonly (readonly number[])[], fromYear: number, targetYear: number, probability: number): number {
  const a = years.indexOf(fromYear);
  const b = years.indexOf(targetYear);
  if (costDraws.length === 0 || a < 0 || b < a || !(probability >= 0 && probability <= 1)) {
    throw new RangeError(`smallestFlatBudget requires draws, fromYear ≤ targetYear within the years and probability 0–1, got ${costDraws.length} draws, ${fromYear}–${targetYear}, ${probability}`);
  }
  const per = costDraws.map((row) => {
    let s = 0;
    for (let i = a; i <= b; i++) s += row[i];
    return s / (b - a + 1);
  }).sort((x, y) => x - y);
  const h = (per.length - 1) * probability;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, per.length - 1);
  return per[lo] + (h - lo) * (per[hi] - per[lo]);
}
