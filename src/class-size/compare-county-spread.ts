import { crowdingRates } from "./crowding-rates.js";
import { validateShape } from "./validate-shape.js";

/** One level and area of one county: pupils, effective classrooms and its calibrated spread. */
export interface CountyCell {
  unit: string;
  /** Pupils, ≥ 0. */
  pupils: number;
  /** Effective classrooms, > 0 when pupils > 0. */
  classrooms: number;
  standardSize: number;
  spread: number;
  maxZ?: number;
}

/** How many counties sit below published thresholds (the form of 广西's 2017 statement). */
export interface CountySpreadCounts {
  counties: number;
  /** Counties whose 56+ share is below bigBelow (5%). */
  bigBelow: number;
  /** Counties with no 66+ class (fewer than half a class expected). */
  noVeryBig: number;
  /** Counties whose 66+ share is below veryBigBelow (2%). */
  veryBigBelow: number;
}

/** Thresholds of the counts (defaults: 广西 2017, 5% and 2%). */
export interface CountySpreadThresholds {
  bigBelow?: number;
  veryBigBelow?: number;
  /** 66+ classes under which a county has none (default 0.5). */
  noneBelow?: number;
}

/**
 * Count the counties below the big-class thresholds, with every county's loads scaled by `loadFactor`.
 *
 * @param cells cells of all counties (any number per county)
 * @param loadFactor multiplies every cell's pupils per classroom, > 0 (1: as given)
 * @param thresholds 56+ and 66+ share thresholds, 0–1
 * @returns counts over the counties and each county's shares
 * @throws {RangeError} countySpreadCounts requires loadFactor > 0 and classrooms > 0 where pupils > 0
 * @example countySpreadCounts([{ unit: "A", pupils: 3000, classrooms: 100, standardSize: 45, spread: 0.25 }]).bigBelow // 1
 * @see 新华社 2017-08 广西消除大班额专项规划: 16 of 111 counties under 5%, 40 with no 66+, 63 under 2%
 */
export function countySpreadCounts(
  cells: readonly CountyCell[],
  loadFactor = 1,
  thresholds: CountySpreadThresholds = {},
): CountySpreadCounts & { shares: { unit: string; bigShare: number; veryBigShare: number; veryBig: number }[] } {
  if (!(loadFactor > 0) || !Number.isFinite(loadFactor)) throw new RangeError(`countySpreadCounts requires loadFactor > 0, got ${loadFactor}`);
  const bigBelow = thresholds.bigBelow ?? 0.05;
  const veryBigBelow = thresholds.veryBigBelow ?? 0.02;
  const noneBelow = thresholds.noneBelow ?? 0.5;
  const byUnit = new Map<string, { classes: number; big: number; veryBig: number }>();
  for (const c of cells) {
    const t = byUnit.get(c.unit) ?? { classes: 0, big: 0, veryBig: 0 };
    byUnit.set(c.unit, t);
    if (!(c.pupils > 0)) continue;
    if (!(c.classrooms > 0)) throw new RangeError(`countySpreadCounts requires classrooms > 0 where pupils > 0, in ${c.unit}`);
    const r = crowdingRates((loadFactor * c.pupils) / c.classrooms, validateShape(c, "countySpreadCounts"));
    t.classes += c.classrooms * r.classesPerRoom;
    t.big += c.classrooms * r.bigPerRoom;
    t.veryBig += c.classrooms * r.veryBigPerRoom;
  }
  const shares = [...byUnit].map(([unit, t]) => ({
    unit,
    bigShare: t.classes > 0 ? t.big / t.classes : 0,
    veryBigShare: t.classes > 0 ? t.veryBig / t.classes : 0,
    veryBig: t.veryBig,
  }));
  return {
    counties: shares.length,
    bigBelow: shares.filter((s) => s.bigShare < bigBelow).length,
    noVeryBig: shares.filter((s) => s.veryBig < noneBelow).length,
    veryBigBelow: shares.filter((s) => s.veryBigShare < veryBigBelow).length,
    shares,
  };
}

/** Result of compareCountySpread. */
export interface CountySpreadComparison {
  /** Province-wide load factor fitted so that the model matches the `fitTo` count. */
  loadFactor: number;
  fitTo: keyof Omit<CountySpreadCounts, "counties">;
  observed: CountySpreadCounts;
  /** Model counts at the fitted factor, over the model's own counties. */
  model: CountySpreadCounts;
  /** Per count: observed share of counties, model share, and model − observed (share points). */
  rows: { count: keyof Omit<CountySpreadCounts, "counties">; observedShare: number; modelShare: number; difference: number; fitted: boolean }[];
}

/**
 * Compare the spread of big classes across model counties with a published county distribution.
 *
 * The model counties differ in crowding by calibration; one province-wide load factor is fitted so that one
 * published count is matched (as a share of counties, since the model's counties need not be as many), and
 * the other counts test whether the model's heterogeneity is right.
 *
 * @param cells cells of the model counties in the year compared
 * @param observed published counts (e.g. 广西 2017: 111 counties, 16, 40, 63)
 * @param fitTo which count fixes the load factor (default veryBigBelow)
 * @param thresholds the published thresholds
 * @returns the factor, both count sets and the share differences
 * @throws {RangeError} compareCountySpread requires observed counties ≥ 1 and the errors of countySpreadCounts
 * @example compareCountySpread(cells, { counties: 111, bigBelow: 16, noVeryBig: 40, veryBigBelow: 63 }).rows[0].difference
 * @see countySpreadCounts
 */
export function compareCountySpread(
  cells: readonly CountyCell[],
  observed: CountySpreadCounts,
  fitTo: CountySpreadComparison["fitTo"] = "veryBigBelow",
  thresholds: CountySpreadThresholds = {},
): CountySpreadComparison {
  if (!(observed.counties >= 1)) throw new RangeError(`compareCountySpread requires observed counties ≥ 1, got ${observed.counties}`);
  const target = observed[fitTo] / observed.counties;
  const shareAt = (f: number) => {
    const c = countySpreadCounts(cells, f, thresholds);
    return c[fitTo] / c.counties;
  };
  // Counts fall as loads rise: bisection on log factor for the factor where the share crosses the target.
  let lo = Math.log(0.2);
  let hi = Math.log(5);
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (shareAt(Math.exp(mid)) > target) lo = mid;
    else hi = mid;
  }
  // Of the two ends of the step, keep the one nearer the target.
  const fLo = Math.exp(lo);
  const fHi = Math.exp(hi);
  const loadFactor = Math.abs(shareAt(fLo) - target) <= Math.abs(shareAt(fHi) - target) ? fLo : fHi;
  const model = countySpreadCounts(cells, loadFactor, thresholds);
  const keys = ["bigBelow", "noVeryBig", "veryBigBelow"] as const;
  return {
    loadFactor,
    fitTo,
    observed,
    model: { counties: model.counties, bigBelow: model.bigBelow, noVeryBig: model.noVeryBig, veryBigBelow: model.veryBigBelow },
    rows: keys.map((count) => {
      const observedShare = observed[count] / observed.counties;
      const modelShare = model[count] / model.counties;
      return { count, observedShare, modelShare, difference: modelShare - observedShare, fitted: count === fitTo };
    }),
  };
}
