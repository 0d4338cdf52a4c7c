import { probit } from "simple-statistics";
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
 * Count the counties below the big-class thresholds, with every county's loads scaled by `loadFactor` and, with
 * `heterogeneity` σ > 0, spread apart: the county ranked r of n by its pupils per classroom has its loads multiplied
 * by exp(σ·z_r), z_r the normal score Φ⁻¹((r − 3/8)/(n + 1/4)) — crowded counties more crowded, the others less,
 * in the model's own order. With `cappedShare` q > 0, a share q of the counties (spread evenly over that order)
 * hold every class at 65: their would-be 66+ classes stay classes of 56 or more but none is 66+.
 *
 * @param cells cells of all counties (any number per county)
 * @param loadFactor multiplies every cell's pupils per classroom, > 0 (1: as given)
 * @param thresholds 56+ and 66+ share thresholds, 0–1
 * @param heterogeneity σ ≥ 0 of the county spread (0: as given)
 * @param cappedShare share of counties holding classes at 65, 0–1 (default 0)
 * @returns counts over the counties and each county's shares
 * @throws {RangeError} countySpreadCounts requires loadFactor > 0 and classrooms > 0 where pupils > 0
 * @example countySpreadCounts([{ unit: "A", pupils: 3000, classrooms: 100, standardSize: 45, spread: 0.25 }]).bigBelow // 1
 * @see 新华社 2017-08 广西消除大班额专项规划: 16 of 111 counties under 5%, 40 with no 66+, 63 under 2%
 */
export function countySpreadCounts(
  cells: readonly CountyCell[],
  loadFactor = 1,
  thresholds: CountySpreadThresholds = {},
  heterogeneity = 0,
  cappedShare = 0,
): CountySpreadCounts & { shares: { unit: string; bigShare: number; veryBigShare: number; veryBig: number }[] } {
  if (!(loadFactor > 0) || !Number.isFinite(loadFactor)) throw new RangeError(`countySpreadCounts requires loadFactor > 0, got ${loadFactor}`);
  if (!(heterogeneity >= 0) || !Number.isFinite(heterogeneity)) throw new RangeError(`countySpreadCounts requires heterogeneity ≥ 0, got ${heterogeneity}`);
  if (!(cappedShare >= 0 && cappedShare <= 1)) throw new RangeError(`countySpreadCounts requires cappedShare from 0 to 1, got ${cappedShare}`);
  const { factorOf, rankOf } = countyFactors(cells, heterogeneity);
  const n = rankOf.size;
  // Evenly over the ranks: county r is capped when the running count ⌊(r+1)q⌋ steps up.
  const capped = (unit: string) => Math.floor((rankOf.get(unit)! + 1) * cappedShare + 1e-9) > Math.floor(rankOf.get(unit)! * cappedShare + 1e-9);
  const bigBelow = thresholds.bigBelow ?? 0.05;
  const veryBigBelow = thresholds.veryBigBelow ?? 0.02;
  const noneBelow = thresholds.noneBelow ?? 0.5;
  const byUnit = new Map<string, { classes: number; big: number; veryBig: number }>();
  for (const c of cells) {
    const t = byUnit.get(c.unit) ?? { classes: 0, big: 0, veryBig: 0 };
    byUnit.set(c.unit, t);
    if (!(c.pupils > 0)) continue;
    if (!(c.classrooms > 0)) throw new RangeError(`countySpreadCounts requires classrooms > 0 where pupils > 0, in ${c.unit}`);
    const r = crowdingRates((loadFactor * factorOf.get(c.unit)! * c.pupils) / c.classrooms, validateShape(c, "countySpreadCounts"));
    t.classes += c.classrooms * r.classesPerRoom;
    t.big += c.classrooms * r.bigPerRoom;
    t.veryBig += c.classrooms * r.veryBigPerRoom;
  }
  const shares = [...byUnit].map(([unit, t]) => {
    const veryBig = n > 0 && capped(unit) ? 0 : t.veryBig;
    return { unit, bigShare: t.classes > 0 ? t.big / t.classes : 0, veryBigShare: t.classes > 0 ? veryBig / t.classes : 0, veryBig };
  });
  return {
    counties: shares.length,
    bigBelow: shares.filter((s) => s.bigShare < bigBelow).length,
    noVeryBig: shares.filter((s) => s.veryBig < noneBelow).length,
    veryBigBelow: shares.filter((s) => s.veryBigShare < veryBigBelow).length,
    shares,
  };
}

/** Each county's rank by pupils per classroom (ties keep the cells' order) and its multiplier exp(σ·z) from it. */
function countyFactors(cells: readonly CountyCell[], sigma: number): { factorOf: Map<string, number>; rankOf: Map<string, number> } {
  const load = new Map<string, { pupils: number; classrooms: number }>();
  for (const c of cells) {
    const t = load.get(c.unit) ?? { pupils: 0, classrooms: 0 };
    t.pupils += c.pupils;
    t.classrooms += c.classrooms;
    load.set(c.unit, t);
  }
  const ratio = (t: { pupils: number; classrooms: number }) => (t.classrooms > 0 ? t.pupils / t.classrooms : 0);
  const order = [...load].sort((a, b) => ratio(a[1]) - ratio(b[1]));
  const n = order.length;
  return {
    factorOf: new Map(order.map(([unit], r) => [unit, sigma === 0 ? 1 : Math.exp(sigma * probit((r + 1 - 0.375) / (n + 0.25)))])),
    rankOf: new Map(order.map(([unit], r) => [unit, r])),
  };
}

/** A second fitted parameter: counties spread apart (σ), or a share of counties holding classes at 65. */
export interface CountySpreadSecondFit {
  fitTo: keyof Omit<CountySpreadCounts, "counties">;
  mechanism: "spread" | "cap";
}

/** Result of compareCountySpread. */
export interface CountySpreadComparison {
  /** Province-wide load factor fitted so that the model matches the `fitTo` count. */
  loadFactor: number;
  fitTo: keyof Omit<CountySpreadCounts, "counties">;
  /** σ of the county spread (see countySpreadCounts): fitted to the second count with mechanism "spread", else 0. */
  heterogeneity: number;
  /** Share of counties holding classes at 65 (see countySpreadCounts): fitted with mechanism "cap", else 0. */
  cappedShare: number;
  /** The second count and what was fitted to it, if any. */
  second?: CountySpreadSecondFit;
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
 * the other counts test whether the model's heterogeneity is right. With `second`, a second count fixes either how
 * much further apart the counties are (mechanism "spread": σ) or the share of counties that hold classes at 65
 * ("cap": q), and only the third count is a test.
 *
 * @param cells cells of the model counties in the year compared
 * @param observed published counts (e.g. 广西 2017: 111 counties, 16, 40, 63)
 * @param fitTo which count fixes the load factor (default veryBigBelow)
 * @param thresholds the published thresholds
 * @param second a second count and the mechanism fitted to it (omit: one load factor only)
 * @returns the factor, σ and q, both count sets and the share differences
 * @throws {RangeError} compareCountySpread requires observed counties ≥ 1 and the errors of countySpreadCounts
 * @example compareCountySpread(cells, { counties: 111, bigBelow: 16, noVeryBig: 40, veryBigBelow: 63 }).rows[0].difference
 * @see countySpreadCounts
 */
export function compareCountySpread(
  cells: readonly CountyCell[],
  observed: CountySpreadCounts,
  fitTo: CountySpreadComparison["fitTo"] = "veryBigBelow",
  thresholds: CountySpreadThresholds = {},
  second?: CountySpreadSecondFit,
): CountySpreadComparison {
  if (!(observed.counties >= 1)) throw new RangeError(`compareCountySpread requires observed counties ≥ 1, got ${observed.counties}`);
  if (second?.fitTo === fitTo) throw new RangeError(`compareCountySpread needs two different counts to fit the load factor and the second parameter, got ${fitTo} twice`);
  const share = (key: CountySpreadComparison["fitTo"], f: number, sigma: number, q = 0) => {
    const c = countySpreadCounts(cells, f, thresholds, sigma, q);
    return c[key] / c.counties;
  };
  const target = observed[fitTo] / observed.counties;
  const factorFor = (sigma: number, q: number) => {
    // Counts fall as loads rise: bisection on log factor for the factor where the share crosses the target.
    let lo = Math.log(0.2);
    let hi = Math.log(5);
    for (let i = 0; i < 40; i++) {
      const mid = 0.5 * (lo + hi);
      if (share(fitTo, Math.exp(mid), sigma, q) > target) lo = mid;
      else hi = mid;
    }
    // Of the two ends of the step, keep the one nearer the target.
    const fLo = Math.exp(lo);
    const fHi = Math.exp(hi);
    return Math.abs(share(fitTo, fLo, sigma, q) - target) <= Math.abs(share(fitTo, fHi, sigma, q) - target) ? fLo : fHi;
  };
  // The second parameter: σ on a 0.05 grid from 0 to 2, or q on a 0.02 grid from 0 to 1 (each with its own load
  // factor), whose second count comes nearest the observed one; the smallest value on ties.
  let heterogeneity = 0;
  let cappedShare = 0;
  let loadFactor = factorFor(0, 0);
  if (second !== undefined) {
    const goal = observed[second.fitTo] / observed.counties;
    let bestGap = Math.abs(share(second.fitTo, loadFactor, 0, 0) - goal);
    const spread = second.mechanism === "spread";
    for (let k = 1; k <= (spread ? 40 : 50); k++) {
      const sigma = spread ? k * 0.05 : 0;
      const q = spread ? 0 : k * 0.02;
      const f = factorFor(sigma, q);
      const gap = Math.abs(share(second.fitTo, f, sigma, q) - goal);
      if (gap < bestGap - 1e-12) {
        bestGap = gap;
        heterogeneity = sigma;
        cappedShare = q;
        loadFactor = f;
      }
    }
  }
  const model = countySpreadCounts(cells, loadFactor, thresholds, heterogeneity, cappedShare);
  const keys = ["bigBelow", "noVeryBig", "veryBigBelow"] as const;
  return {
    loadFactor,
    fitTo,
    heterogeneity,
    cappedShare,
    ...(second !== undefined ? { second } : {}),
    observed,
    model: { counties: model.counties, bigBelow: model.bigBelow, noVeryBig: model.noVeryBig, veryBigBelow: model.veryBigBelow },
    rows: keys.map((count) => {
      const observedShare = observed[count] / observed.counties;
      const modelShare = model[count] / model.counties;
      return { count, observedShare, modelShare, difference: modelShare - observedShare, fitted: count === fitTo || count === second?.fitTo };
    }),
  };
}
