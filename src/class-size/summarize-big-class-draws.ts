import { firstYearStayingBelow } from "./first-year-staying-below.js";
import type { BigClassDraws } from "./simulate-big-classes.js";
import { AREAS, LEVELS, type Area, type Level } from "./types.js";

/** A group of cells the summary adds up: one level or both, one area, urban + town, or all. */
export interface DrawGroup {
  level: Level | "all";
  area: Area | "urban+town" | "all";
}

/** Intervals of one group in one year. */
export interface DrawSeriesRow extends DrawGroup {
  year: number;
  /** 56+ classes at each requested quantile. */
  big: number[];
  /** 66+ classes at each requested quantile. */
  veryBig: number[];
  /** 56+ share of all classes at each requested quantile, 0–1. */
  bigShare: number[];
}

/** Distribution over draws of the year a group's 56+ share falls below a threshold for good. */
export interface DrawMilestone extends DrawGroup {
  /** "low": below lowShare (基本消除, default 5%); "zero": below nearZeroShare (default 0.1%). */
  threshold: "low" | "zero";
  /** Threshold as a share, 0–1. */
  share: number;
  /** Year at each requested quantile; null where that quantile is beyond the last year. */
  year: (number | null)[];
  /** Share of draws in which it does not happen within the years, 0–1. */
  shareNever: number;
}

/** Result of summarizeBigClassDraws. */
export interface BigClassDrawSummary {
  quantiles: number[];
  series: DrawSeriesRow[];
  milestones: DrawMilestone[];
}

/** Options of summarizeBigClassDraws. */
export interface SummarizeOptions {
  /** Quantiles to report, each 0–1 (default [0.05, 0.5, 0.95]). */
  quantiles?: number[];
  /** 基本消除 threshold on the 56+ share, 0–1 (default 0.05, the national 2020 target). */
  lowShare?: number;
  /** "Gone" threshold on the 56+ share, 0–1 (default 0.001). */
  nearZeroShare?: number;
}

/** Type-7 quantile (R's default, linear between order statistics) of an ascending array. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b) return a; // also keeps Infinity − Infinity out
  return a + (h - lo) * (b - a);
}

const GROUPS: DrawGroup[] = (["primary", "junior", "all"] as const).flatMap((level) =>
  (["urban", "town", "rural", "urban+town", "all"] as const).map((area) => ({ level, area })),
);

function inGroup(group: DrawGroup, level: Level, area: Area): boolean {
  const levelOk = group.level === "all" || group.level === level;
  const areaOk = group.area === "all" || group.area === area || (group.area === "urban+town" && area !== "rural");
  return levelOk && areaOk;
}

/**
 * Intervals over Monte Carlo draws: big-class counts and shares per year, and the year big classes fall
 * below 5% and to about zero, for each level and area, urban + town together, and everything.
 *
 * @param draws output of simulateBigClasses (possibly several runs' draws concatenated)
 * @param options quantiles (0–1) and the two share thresholds (0–1)
 * @returns series rows per group and year, and milestone-year quantiles per group
 * @throws {RangeError} summarizeBigClassDraws requires quantiles between 0 and 1
 * @example summarizeBigClassDraws(simulateBigClasses(units, scenario, parameters)).milestones[0].year // [2016, 2017, 2019] for instance
 * @see Hyndman & Fan (1996), sample quantile type 7
 */
export function summarizeBigClassDraws(draws: BigClassDraws, options: SummarizeOptions = {}): BigClassDrawSummary {
  const quantiles = options.quantiles ?? [0.05, 0.5, 0.95];
  const lowShare = options.lowShare ?? 0.05;
  const nearZeroShare = options.nearZeroShare ?? 0.001;
  if (quantiles.some((q) => !(q >= 0 && q <= 1))) {
    throw new RangeError(`summarizeBigClassDraws requires quantiles between 0 and 1, got [${quantiles.join(", ")}]`);
  }
  const { years, draws: D } = draws;
  const Y = years.length;
  const series: DrawSeriesRow[] = [];
  const milestones: DrawMilestone[] = [];
  const big = new Float64Array(D * Y);
  const veryBig = new Float64Array(D * Y);
  const classes = new Float64Array(D * Y);
  const column = new Float64Array(D);
  const shareRow = new Float64Array(Y);
  for (const group of GROUPS) {
    big.fill(0);
    veryBig.fill(0);
    classes.fill(0);
    for (let li = 0; li < 2; li++) {
      for (let ai = 0; ai < 3; ai++) {
        if (!inGroup(group, LEVELS[li], AREAS[ai])) continue;
        for (let d = 0; d < D; d++) {
          const src = ((d * 2 + li) * 3 + ai) * Y;
          for (let y = 0; y < Y; y++) {
            big[d * Y + y] += draws.big[src + y];
            veryBig[d * Y + y] += draws.veryBig[src + y];
            classes[d * Y + y] += draws.classes[src + y];
          }
        }
      }
    }
    const at = (values: Float64Array, y: number, transform?: (d: number) => number): number[] => {
      for (let d = 0; d < D; d++) column[d] = transform ? transform(d) : values[d * Y + y];
      column.sort();
      return quantiles.map((q) => quantileSorted(column, q));
    };
    for (let y = 0; y < Y; y++) {
      series.push({
        ...group,
        year: years[y],
        big: at(big, y),
        veryBig: at(veryBig, y),
        bigShare: at(big, y, (d) => (classes[d * Y + y] > 0 ? big[d * Y + y] / classes[d * Y + y] : 0)),
      });
    }
    for (const [threshold, share] of [["low", lowShare], ["zero", nearZeroShare]] as const) {
      let never = 0;
      for (let d = 0; d < D; d++) {
        for (let y = 0; y < Y; y++) shareRow[y] = classes[d * Y + y] > 0 ? big[d * Y + y] / classes[d * Y + y] : 0;
        const year = firstYearStayingBelow(years, shareRow, share);
        if (year === null) never++;
        column[d] = year ?? Infinity;
      }
      column.sort();
      milestones.push({
        ...group,
        threshold,
        share,
        year: quantiles.map((q) => {
          const v = quantileSorted(column, q);
          return Number.isFinite(v) ? v : null;
        }),
        shareNever: never / D,
      });
    }
  }
  return { quantiles: [...quantiles], series, milestones };
}
