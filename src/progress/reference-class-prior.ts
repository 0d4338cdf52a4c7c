import { monthsSinceStart } from "../shared/dates.js";
import { curveParameterSpace, naturalParams } from "./curve-parameter-space.js";
import { fitPenalisedCurve, type CurvePrior } from "./fit-penalised-curve.js";

/**
 * One published province- or city-level figure, with the column names of `datasets/real/progress_observations.csv`
 * and `datasets/seeds/progress_rates.csv`, so rows of either file can be passed as they are.
 */
export interface ReferenceObservation {
  region: string;
  /** only "province" and "city" rows are used; counties are what the prior is for */
  region_level: string;
  indicator: string;
  /** ISO date the figure refers to */
  as_of: string | null | undefined;
  /** share complete, 0–1 */
  value_share: number | null | undefined;
  /** seed files only: rows other than "exact" (rounded restatements, bounds) are dropped */
  qualifier?: string | null;
  /** "real" or "seed"; default "real" */
  provenance?: "real" | "seed";
}

/** Options of `referenceClassPrior`. */
export interface ReferenceClassPriorOptions {
  /** indicator to use, e.g. "completion_rate" or "start_rate" */
  indicator: string;
  /**
   * prior SD of the log growth rate, > 0; default 0.4 (rates within a factor of about 2.2 either way,
   * 95 %). Cross-sections cannot measure how fast each region's curve rises, so this is an assumption.
   */
  logRateSd?: number;
  /** multiplier ≥ 1 on the cross-sectional timing spread, for counties being more dispersed than the cities and provinces that average them; default 1.5 */
  countySpreadFactor?: number;
  /** floor of the timing SD in months, > 0; default 3 */
  minTimingSd?: number;
}

/** A reference-class point used by the prior: where one region stood at one programme month. */
export interface ReferencePoint {
  region: string;
  level: string;
  provenance: "real" | "seed";
  asOf: string;
  /** months since 2014-01-01 */
  t: number;
  /** share complete, 0–1 */
  y: number;
  /** inflection month this point implies at the pooled growth rate (null when censored at 0 % or 100 %) */
  impliedT0: number | null;
}

/** Result of `referenceClassPrior`: a `CurvePrior` for a logistic with ceiling 1, plus how it was made. */
export interface ReferenceClassPrior extends CurvePrior {
  indicator: string;
  /** parameter names of `mean`/`sd`: ["k", "t0"] (k on the log scale, t0 in months) */
  names: string[];
  mean: number[];
  sd: number[];
  /** the pooled curve on the natural scale: { cap: 1, k, t0 } */
  params: Record<string, number>;
  /** cross-sectional SD of the implied inflection months, before the county factor and floor */
  timingSpread: number;
  points: ReferencePoint[];
  /** distinct regions among the points */
  regions: number;
  /** [earliest, latest] programme month of the points */
  tRange: [number, number];
  /** [lowest, highest] share among the points */
  yRange: [number, number];
  method: string;
}

const DEFAULTS = { logRateSd: 0.4, countySpreadFactor: 1.5, minTimingSd: 3 };

/**
 * A prior for a county's S-curve from where real provinces and cities stood at the same programme month.
 *
 * A county with one or two 双月报 cannot tell its own curve; instead of the synthetic province's own
 * typical county, this prior borrows from the published figures of real regions (Shandong and its
 * 15 cities, Shanxi, Yunnan and its prefectures, Ningxia, Xinjiang, Xuchang, Ningde, Sanmenxia): a
 * reference class. The method:
 *
 * 1. every province- or city-level figure of the indicator with a date and a share in 0–1 becomes a
 *    point (programme month t, share y); seed rows other than "exact" are dropped (restatements);
 * 2. one logistic with ceiling 1 is fitted by least squares through all points pooled (a weak
 *    N(log 0.2, 3²) × N(36, 120²) prior only keeps it finite), giving the centre (log k, t0);
 * 3. at that growth rate each point implies an inflection month tᵢ − logit(yᵢ)/k: the horizontal
 *    distance between a region and the pooled curve at the same month. Their SD — how far apart
 *    regions stood at the same month, measured in months — times `countySpreadFactor` (counties
 *    scatter more than the cities and provinces that average them), floored at `minTimingSd`, is the
 *    prior SD of t0. Points at 0 % or 100 % are censored and left out of the spread;
 * 4. the SD of log k is an assumption (`logRateSd`): cross-sections do not show how fast a single
 *    region's curve rises.
 *
 * Weaknesses: the points are cross-sections (one date per region, almost never a region's own
 * series), few (about 40 for completion, mostly from three briefings of 2017), of provinces and cities
 * rather than counties, with denominators that differ (Xinjiang counts 2014–2016 tasks only) and from
 * regions that chose to publish (likely the faster ones). The prior's centre is therefore uncertain
 * by some months, and the rate k is barely identified; treat it as a default for counties with
 * almost no reports, not as evidence.
 *
 * @param observations rows of the real and seed progress tables (other levels and indicators are ignored)
 * @param options indicator (required), SD of log k, county spread factor, timing SD floor
 * @returns prior means and SDs on the pooling scale (log k, t0), usable as `fitPanel`'s `prior`
 * @throws {RangeError} when fewer than 3 usable points remain or an option is out of range
 * @example
 * const prior = referenceClassPrior([...realRows, ...seedRows], { indicator: "completion_rate" });
 * prior.params // ≈ { cap: 1, k: 0.151, t0: 29.0 } (27 points, 25 regions; inflection around June 2016)
 * prior.sd // ≈ [0.4, 8.55] (log k, months)
 * @see Kahneman & Tversky (1979), "Intuitive prediction: biases and corrective procedures" (reference-class forecasting); Flyvbjerg (2006), Project Management Journal 37(3)
 */
export function referenceClassPrior(observations: readonly ReferenceObservation[], options: ReferenceClassPriorOptions): ReferenceClassPrior {
  const o = { ...DEFAULTS, ...options };
  if (typeof o.indicator !== "string" || o.indicator === "") throw new RangeError("referenceClassPrior requires an indicator name");
  if (!(o.logRateSd > 0) || !Number.isFinite(o.logRateSd)) throw new RangeError(`referenceClassPrior requires logRateSd to be finite and > 0, got ${o.logRateSd}`);
  if (!(o.countySpreadFactor >= 1) || !Number.isFinite(o.countySpreadFactor)) throw new RangeError(`referenceClassPrior requires countySpreadFactor to be finite and ≥ 1, got ${o.countySpreadFactor}`);
  if (!(o.minTimingSd > 0) || !Number.isFinite(o.minTimingSd)) throw new RangeError(`referenceClassPrior requires minTimingSd to be finite and > 0, got ${o.minTimingSd}`);

  const seen = new Set<string>();
  const base: Omit<ReferencePoint, "impliedT0">[] = [];
  for (const r of observations) {
    if (r.indicator !== o.indicator || (r.region_level !== "province" && r.region_level !== "city")) continue;
    if (r.qualifier != null && r.qualifier !== "" && r.qualifier !== "exact") continue;
    const y = typeof r.value_share === "number" ? r.value_share : NaN;
    if (!(y >= 0 && y <= 1) || typeof r.as_of !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(r.as_of)) continue;
    const key = `${r.region}|${r.as_of}`;
    if (seen.has(key)) continue; // the same figure in both files
    seen.add(key);
    base.push({ region: r.region, level: r.region_level, provenance: r.provenance ?? "real", asOf: r.as_of, t: monthsSinceStart(r.as_of), y });
  }
  if (base.length < 3) throw new RangeError(`referenceClassPrior requires at least 3 province- or city-level points of ${o.indicator}, got ${base.length}`);

  const space = curveParameterSpace("logistic", false, 1);
  const fit = fitPenalisedCurve(
    base.map((p) => p.t),
    base.map((p) => p.y),
    space,
    { prior: { mean: [Math.log(0.2), 36], sd: [3, 120] }, sigma2: 1e-3 },
  );
  const [logK, t0] = fit.phi;
  const k = Math.exp(logK);
  const points: ReferencePoint[] = base.map((p) => ({
    ...p,
    impliedT0: p.y > 0.005 && p.y < 0.995 ? p.t - Math.log(p.y / (1 - p.y)) / k : null,
  }));
  const implied = points.map((p) => p.impliedT0).filter((v): v is number => v !== null);
  const m = implied.reduce((a, b) => a + b, 0) / implied.length;
  const timingSpread = implied.length > 1 ? Math.sqrt(implied.reduce((a, b) => a + (b - m) ** 2, 0) / (implied.length - 1)) : 0;
  const sdT0 = Math.max(o.minTimingSd, o.countySpreadFactor * timingSpread);
  const ts = points.map((p) => p.t);
  const ys = points.map((p) => p.y);
  return {
    indicator: o.indicator,
    names: space.names.slice(),
    mean: [logK, t0],
    sd: [o.logRateSd, sdT0],
    params: naturalParams(space, fit.phi),
    timingSpread,
    points,
    regions: new Set(points.map((p) => p.region)).size,
    tRange: [Math.min(...ts), Math.max(...ts)],
    yRange: [Math.min(...ys), Math.max(...ys)],
    method: `pooled logistic through ${points.length} real/seed points; t0 SD = max(${o.minTimingSd}, ${o.countySpreadFactor} × SD of implied inflection months ${timingSpread.toFixed(1)}); log k SD assumed ${o.logRateSd}`,
  };
}
