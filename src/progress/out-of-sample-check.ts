import type { Random } from "../shared/random.js";
import { forecastRegion } from "./forecast-region.js";
import { leaveRegionOut, regionKey } from "./leave-region-out.js";
import { referenceClassPrior, type ReferenceObservation } from "./reference-class-prior.js";

/** A published figure of a real region, with where it comes from. */
export interface PublishedFigure {
  region: string;
  region_level: string;
  indicator: string;
  as_of: string;
  value_share: number;
  /** standing of the figure: "official page", "official figure, unofficial copy", "derived", "seed" … */
  standing: string;
}

/** One later figure beside the forecast made from the region's earliest figure. */
export interface OutOfSampleRow {
  region: string;
  region_level: string;
  indicator: string;
  /** the forecast origin: the region's earliest figure of the indicator */
  fromDate: string;
  fromValue: number;
  fromStanding: string;
  date: string;
  actual: number;
  actualStanding: string;
  p10: number;
  median: number;
  p90: number;
  /** median − actual, percentage points */
  errorPp: number;
  /** the later figure lies within p10–p90 */
  inside80: boolean;
  /** reference-class points behind the prior (the region left out) */
  priorPoints: number;
}

/**
 * The model beside reality, out of sample: for every real region with published figures of an
 * indicator at two or more dates, forecast from the earliest figure alone (`forecastRegion`, with
 * the reference class leaving the region out) and set each later figure beside the forecast: the
 * error in percentage points and whether it fell inside the 80 % band.
 *
 * The reference class still holds other regions' figures dated after the origin: the prior knows
 * how fast the programme went elsewhere, which a forecaster at the origin did not. The check is out
 * of sample for the region, not for the time.
 *
 * @param figures published figures (province, city or nation), shares 0–1.5
 * @param reference rows for the reference class (real and seed progress tables)
 * @param random seeded stream
 * @returns one row per later figure, ordered by region, indicator and date
 * @example
 * outOfSampleCheck(figures, reference, createRandom(1)).map((r) => [r.region, r.date, r.errorPp, r.inside80])
 */
export function outOfSampleCheck(figures: readonly PublishedFigure[], reference: readonly (ReferenceObservation & { province?: string | null })[], random: Random): OutOfSampleRow[] {
  const groups = new Map<string, PublishedFigure[]>();
  for (const f of figures) {
    if (!(f.value_share >= 0 && f.value_share <= 1.5) || !/^\d{4}-\d{2}-\d{2}$/.test(f.as_of)) continue;
    const key = `${regionKey(f.region)}|${f.indicator}`;
    const g = groups.get(key) ?? [];
    if (!g.some((x) => x.as_of === f.as_of)) g.push(f);
    groups.set(key, g);
  }
  const out: OutOfSampleRow[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!.sort((a, b) => (a.as_of < b.as_of ? -1 : 1));
    if (g.length < 2) continue;
    const first = g[0];
    const ref = leaveRegionOut(reference, first.region);
    let prior: ReturnType<typeof referenceClassPrior>;
    try {
      prior = referenceClassPrior(ref, { indicator: first.indicator });
    } catch {
      continue; // fewer than 3 reference points of this indicator once the region is out
    }
    const fc = forecastRegion(
      { region: first.region, indicator: first.indicator, dates: [first.as_of], y: [first.value_share] },
      { prior, random: random.fork(), asOf: first.as_of, at: g.slice(1).map((x) => x.as_of) },
    );
    g.slice(1).forEach((later) => {
      const r = fc.rows.find((x) => x.date === later.as_of)!;
      out.push({
        region: first.region,
        region_level: first.region_level,
        indicator: first.indicator,
        fromDate: first.as_of,
        fromValue: first.value_share,
        fromStanding: first.standing,
        date: later.as_of,
        actual: later.value_share,
        actualStanding: later.standing,
        p10: r.p10,
        median: r.median,
        p90: r.p90,
        errorPp: 100 * (r.median - later.value_share),
        inside80: later.value_share >= r.p10 - 1e-9 && later.value_share <= r.p90 + 1e-9,
        priorPoints: prior.points.length,
      });
    });
  }
  return out;
}
