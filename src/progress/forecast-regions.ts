import { forecastRegion, type ForecastRegionOptions, type RegionForecast } from "./forecast-region.js";
import { leaveRegionOut } from "./leave-region-out.js";
import { referenceClassPrior, type ReferenceObservation } from "./reference-class-prior.js";

/** One published figure: region, indicator code, ISO date, share. */
export interface PublishedPoint {
  region: string;
  indicator: string;
  date: string;
  value: number;
}

/** Options of `forecastRegions`: those of `forecastRegion` without the prior, plus the reference class. */
export interface ForecastRegionsOptions extends Pick<ForecastRegionOptions, "random" | "asOf" | "at" | "target" | "deadline" | "draws"> {
  /** reference rows (real and seed progress tables); each region's prior leaves the region out */
  reference: readonly (ReferenceObservation & { province?: string | null })[];
}

/**
 * Forecast every region and indicator of a file of published figures (`forecastRegion` for each,
 * the reference-class prior leaving that region out).
 *
 * @param points published figures (all dates; those after asOf are ignored)
 * @param options reference class, seeded random, as-of date, forecast dates, target and deadline
 * @returns one forecast per region and indicator, in the order they first appear
 * @throws {RangeError} naming the region and indicator when the reference class has fewer than 3 points of the indicator, or for invalid options
 * @example
 * forecastRegions([{ region: "新疆", indicator: "completion_rate", date: "2017-04-30", value: 0.36 }], { reference, random: createRandom(1), asOf: "2017-04-30", target: 0.7, deadline: "2017-12-31" })[0].probability
 */
export function forecastRegions(points: readonly PublishedPoint[], options: ForecastRegionsOptions): RegionForecast[] {
  const groups = new Map<string, PublishedPoint[]>();
  for (const p of points) {
    const key = `${p.region}\u0000${p.indicator}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((g) => {
    const { region, indicator } = g[0];
    let prior: ReturnType<typeof referenceClassPrior>;
    try {
      prior = referenceClassPrior(leaveRegionOut(options.reference, region), { indicator });
    } catch (err) {
      throw new RangeError(`forecastRegions has no reference class for ${region} ${indicator}: ${(err as Error).message}`);
    }
    return forecastRegion(
      { region, indicator, dates: g.map((p) => p.date), y: g.map((p) => p.value) },
      { prior, random: options.random.fork(), asOf: options.asOf, at: options.at, target: options.target, deadline: options.deadline, draws: options.draws },
    );
  });
}

/**
 * The CSV rows of region forecasts: `region, indicator, date, p10, median, p90` (shares 0–1) and,
 * when a target was given, `probability` on the deadline's row (empty elsewhere).
 *
 * @param forecasts from `forecastRegions`
 * @returns header and rows, numbers rounded to 4 decimals
 */
export function regionForecastCsvRows(forecasts: readonly RegionForecast[]): (string | number)[][] {
  const withTarget = forecasts.some((f) => f.target !== null);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const header = ["region", "indicator", "date", "p10", "median", "p90", ...(withTarget ? ["probability"] : [])];
  const rows = forecasts.flatMap((f) =>
    f.rows.map((r) => [f.region, f.indicator, r.date, r4(r.p10), r4(r.median), r4(r.p90), ...(withTarget ? [r.probability !== undefined ? r4(r.probability) : ""] : [])]),
  );
  return [header, ...rows];
}
