/** Options for `equity`: pupil weights and the county data fiscal neutrality and gap closing need. */
export interface EquityOptions {
  /** Weight per county, normally pupils (≥ 0). Default 1 each (every county counts once). */
  weights?: ArrayLike<number>;
  /** Fiscal capacity per county (e.g. 人均可用财力, 元 per resident, > 0) for fiscal neutrality. */
  fiscalCapacity?: ArrayLike<number>;
  /** Funding gap per county in the money unit of value × weight (e.g. 元 when values are 元 per pupil, weights pupils). */
  fundingGap?: ArrayLike<number>;
}

/** Equity statistics of a per-pupil distribution (Berne & Stiefel 1984), all pupil-weighted unless stated. */
export interface EquityMeasures {
  /** Counties with positive weight. */
  n: number;
  /** Σ weights (pupils). */
  totalWeight: number;
  mean: number;
  median: number;
  /** Unweighted extremes over counties with positive weight. */
  min: number;
  max: number;
  /** max − min. */
  range: number;
  /** 5th and 95th pupil percentiles. */
  p05: number;
  p95: number;
  /** p95 − p05. */
  restrictedRange: number;
  /** (p95 − p05) / p05. 0 = equal; lower is more equal. */
  federalRangeRatio: number;
  /** sd / mean with the population (÷W) variance. */
  coefficientOfVariation: number;
  /** Spending on pupils at or below the median relative to giving them all the median; 1 = equal. */
  mcLooneIndex: number;
  /** Spending on pupils at or above the median relative to the median; 1 = equal, larger = more spread at the top. */
  verstegenIndex: number;
  /** Gini coefficient, 0 = equal, 1 = all to one pupil. */
  gini: number;
  /** Theil T index, 0 = equal. */
  theil: number;
  /** Pupil-weighted Pearson correlation of value with fiscal capacity (negative = money goes to poorer counties). */
  fiscalCapacityCorrelation: number | null;
  /** Slope of ln(value) on ln(capacity), pupil-weighted least squares: % change in value per 1% more capacity. */
  fiscalCapacityElasticity: number | null;
  /** Σ min(value·weight, gap) / Σ gap: the share of the total funding gap the money closes (0–1). */
  gapClosedShare: number | null;
}

/**
 * Equity measures of per-pupil amounts across counties, weighted by pupils, as used in school-finance equity work.
 *
 * A planning office can read each number directly: the range and the restricted (5th–95th percentile) range say
 * how far apart the best- and worst-funded pupils are; the McLoone index says how close the bottom half gets to
 * the median; the fiscal-neutrality numbers say whether money still follows local wealth.
 *
 * With weights w_i (pupils), W = Σ w, values x_i, mean μ = Σ w x / W:
 * - percentile Q(p) = the smallest x whose cumulative pupil share reaches p (the inverse of the pupil-weighted
 *   empirical distribution, R's quantile type 1 on pupil-expanded data); median M = Q(0.5)
 * - range = max − min; restricted range = Q(0.95) − Q(0.05); federal range ratio = (Q(0.95) − Q(0.05)) / Q(0.05)
 * - coefficient of variation = √(Σ w (x − μ)² / W) / μ
 * - McLoone = Σ_{x ≤ M} w x / (M · Σ_{x ≤ M} w); Verstegen = Σ_{x ≥ M} w x / (M · Σ_{x ≥ M} w)
 * - Gini = Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ) (computed in O(n log n) after sorting)
 * - Theil T = Σ (w/W)(x/μ) ln(x/μ), with 0·ln 0 = 0
 * - fiscal neutrality: weighted Pearson correlation of x and capacity c; elasticity = weighted least-squares slope
 *   of ln x on ln c over counties with x > 0 and c > 0
 * - gap closed = Σ min(x·w, g) / Σ g
 * Ratios to a zero mean, median or 5th percentile, and a correlation or elasticity without spread, are NaN (never ±Infinity).
 *
 * @param values per-pupil amounts per county (finite, ≥ 0; e.g. 元 per pupil)
 * @param options pupil weights, fiscal capacity, funding gap (each the same length as values)
 * @returns the measures; fiscal and gap measures are null when their inputs are not given
 * @throws RangeError `equity requires at least one county with positive weight`, on mismatched lengths, on negative
 *   or non-finite inputs
 * @example equity([1, 2, 3, 4], { weights: [1, 1, 1, 1] }).gini // 0.25
 * @see Berne, R. & Stiefel, L. (1984) The Measurement of Equity in School Finance. Johns Hopkins University Press;
 *   Verstegen (1996) on the Verstegen index; US Dept. of Education federal range ratio (Impact Aid)
 */
export function equity(values: ArrayLike<number>, options: EquityOptions = {}): EquityMeasures {
  const n0 = values.length;
  const weights = options.weights;
  check("values", values, n0, false);
  if (weights) check("weights", weights, n0, false);
  if (options.fiscalCapacity) check("fiscalCapacity", options.fiscalCapacity, n0, true);
  if (options.fundingGap) check("fundingGap", options.fundingGap, n0, false);

  // Counties with zero pupils carry no weight anywhere (also not in min/max).
  const idx: number[] = [];
  for (let i = 0; i < n0; i++) if ((weights ? weights[i] : 1) > 0) idx.push(i);
  if (idx.length === 0) throw new RangeError("equity requires at least one county with positive weight");
  idx.sort((a, b) => values[a] - values[b] || a - b);
  const x = Float64Array.from(idx, (i) => values[i]);
  const w = Float64Array.from(idx, (i) => (weights ? weights[i] : 1));
  const n = x.length;

  let W = 0;
  let sumWX = 0;
  for (let k = 0; k < n; k++) {
    W += w[k];
    sumWX += w[k] * x[k];
  }
  const mean = sumWX / W;
  const quantile = (p: number): number => {
    const target = p * W;
    let cum = 0;
    for (let k = 0; k < n; k++) {
      cum += w[k];
      // A relative tolerance so that p·W landing on a cumulative total is not missed by float noise.
      if (cum >= target * (1 - 1e-12)) return x[k];
    }
    return x[n - 1];
  };
  const median = quantile(0.5);
  const p05 = quantile(0.05);
  const p95 = quantile(0.95);

  let ss = 0;
  let belowW = 0;
  let belowWX = 0;
  let aboveW = 0;
  let aboveWX = 0;
  let theil = 0;
  let pairSum = 0; // Σ_i w_i (x_i C_{i−1} − S_{i−1}) = half of Σ_i Σ_j w_i w_j |x_i − x_j|
  let cumW = 0;
  let cumWX = 0;
  for (let k = 0; k < n; k++) {
    ss += w[k] * (x[k] - mean) ** 2;
    if (x[k] <= median) {
      belowW += w[k];
      belowWX += w[k] * x[k];
    }
    if (x[k] >= median) {
      aboveW += w[k];
      aboveWX += w[k] * x[k];
    }
    if (x[k] > 0) theil += (w[k] / W) * (x[k] / mean) * Math.log(x[k] / mean);
    pairSum += w[k] * (x[k] * cumW - cumWX);
    cumW += w[k];
    cumWX += w[k] * x[k];
  }

  return {
    n,
    totalWeight: W,
    mean,
    median,
    min: x[0],
    max: x[n - 1],
    range: x[n - 1] - x[0],
    p05,
    p95,
    restrictedRange: p95 - p05,
    federalRangeRatio: ratio(p95 - p05, p05),
    coefficientOfVariation: ratio(Math.sqrt(ss / W), mean),
    mcLooneIndex: ratio(belowWX, median * belowW),
    verstegenIndex: ratio(aboveWX, median * aboveW),
    gini: ratio(pairSum, W * W * mean),
    theil: mean > 0 ? theil : NaN,
    ...fiscalNeutrality(idx, values, w, options.fiscalCapacity),
    gapClosedShare: options.fundingGap ? gapClosed(values, weights, options.fundingGap) : null,
  };
}

/** a / b, NaN when b is 0: a ratio to a zero mean, median or 5th percentile has no meaning (not +Infinity). */
function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

function check(name: string, a: ArrayLike<number>, n: number, positive: boolean): void {
  if (a.length !== n) throw new RangeError(`equity requires ${name} of the same length as values, got ${a.length} and ${n}`);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (!Number.isFinite(v) || v < 0 || (positive && v === 0)) {
      throw new RangeError(`equity requires ${positive ? "positive" : "non-negative"} finite ${name}, got ${v} at index ${i}`);
    }
  }
}

function fiscalNeutrality(idx: number[], values: ArrayLike<number>, w: Float64Array, capacity?: ArrayLike<number>) {
  if (!capacity) return { fiscalCapacityCorrelation: null, fiscalCapacityElasticity: null };
  return {
    fiscalCapacityCorrelation: weightedCorrelation(
      idx.map((i) => values[i]),
      idx.map((i) => capacity[i]),
      w,
    ),
    fiscalCapacityElasticity: (() => {
      const keep = idx.map((i, k) => [i, k] as const).filter(([i]) => values[i] > 0 && capacity[i] > 0);
      if (keep.length < 2) return NaN;
      return weightedSlope(
        keep.map(([i]) => Math.log(capacity[i])),
        keep.map(([i]) => Math.log(values[i])),
        keep.map(([, k]) => w[k]),
      );
    })(),
  };
}

/** Weighted centred second moments of x and y (the sums behind correlation and slope). */
function weightedMoments(x: number[], y: number[], w: ArrayLike<number>): { sxx: number; sxy: number; syy: number } {
  let W = 0;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < x.length; k++) {
    W += w[k];
    mx += w[k] * x[k];
    my += w[k] * y[k];
  }
  mx /= W;
  my /= W;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < x.length; k++) {
    sxy += w[k] * (x[k] - mx) * (y[k] - my);
    sxx += w[k] * (x[k] - mx) ** 2;
    syy += w[k] * (y[k] - my) ** 2;
  }
  return { sxx, sxy, syy };
}

function weightedCorrelation(x: number[], y: number[], w: ArrayLike<number>): number {
  const { sxx, sxy, syy } = weightedMoments(x, y, w);
  return ratio(sxy, Math.sqrt(sxx * syy));
}

/** Weighted least-squares slope of y on x. */
function weightedSlope(x: number[], y: number[], w: number[]): number {
  const { sxx, sxy } = weightedMoments(x, y, w);
  return ratio(sxy, sxx);
}

function gapClosed(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, gap: ArrayLike<number>): number {
  let closed = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const money = values[i] * (weights ? weights[i] : 1);
    closed += Math.min(money, gap[i]);
    total += gap[i];
  }
  return total > 0 ? closed / total : NaN;
}
