import type { ColumnTable } from "arquero";
import type { PanelForecast } from "./forecast-panel.js";
import { leagueTable, type LeagueRow, type LeagueTableOptions } from "./league-table.js";
import { spreadSummary, type SpreadSummary } from "./spread-summary.js";
import { targetProbability } from "./target-probability.js";

/** Options of `findLaggards`. */
export interface FindLaggardsOptions extends LeagueTableOptions {
  /** rates to flag counties strictly below, shares; default [0.3, 0.2] (开工率 under 30 % / 20 %) */
  thresholds?: readonly number[];
  /** a panel forecast to flag counties unlikely to meet the deadline */
  forecast?: PanelForecast;
  /** target share of the deadline test; default 0.7 */
  target?: number;
  /** deadline, ISO; default "2017-12-31" (the national “双超70%” demand) */
  deadline?: string;
  /** counties whose probability of meeting the target is below this are at risk, 0–1; default 0.5 */
  minProbability?: number;
}

/** A county unlikely to meet the deadline. */
export interface AtRiskCounty {
  countyId: string;
  countyName: string;
  city: string;
  /** probability of reaching the target by the deadline, 0–1 */
  probability: number;
}

/** Result of `findLaggards`. */
export interface Laggards {
  asOf: string;
  /** the spread the province average hides */
  spread: SpreadSummary;
  /** per threshold, the counties strictly below it, worst first */
  byThreshold: { threshold: number; counties: LeagueRow[] }[];
  /** counties whose forecast probability of meeting the target by the deadline is below minProbability, lowest first */
  atRisk: AtRiskCounty[];
  target: number;
  deadline: string;
}

/**
 * Who is behind? Counties below rate thresholds on a date, and counties unlikely to meet a deadline.
 *
 * Reads each county's latest report on or before `asOf` (as `leagueTable`), lists those strictly
 * below each threshold (by default the 30 % and 20 % start-rate lines of the bulletins) with the
 * spread of all counties, and — given a panel forecast — the counties whose probability of reaching
 * the target by the deadline is below `minProbability`.
 *
 * @param table 双月报 panel (county × report date)
 * @param options indicator, date, thresholds, optional forecast with target, deadline and probability cut
 * @returns spread summary, counties below each threshold, counties at risk
 * @throws {RangeError} for invalid options or data (see `leagueTable`, `targetProbability`)
 * @example
 * findLaggards(data.synthetic.progress, { indicator: "start_rate", asOf: "2015-06-30" }).byThreshold[0].counties.length
 */
export function findLaggards(table: ColumnTable, options: FindLaggardsOptions): Laggards {
  const thresholds = [...(options.thresholds ?? [0.3, 0.2])];
  thresholds.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`findLaggards requires finite thresholds, thresholds[${i}] is ${v}`);
  });
  const minProbability = options.minProbability ?? 0.5;
  if (!(minProbability >= 0 && minProbability <= 1)) throw new RangeError(`findLaggards requires minProbability in 0–1, got ${minProbability}`);
  const target = options.target ?? 0.7;
  const deadline = options.deadline ?? "2017-12-31";
  const rows = leagueTable(table, options);
  const atRisk: AtRiskCounty[] = options.forecast
    ? options.forecast.counties
        .map((f) => ({ countyId: f.id, countyName: f.name, city: f.city, probability: targetProbability(f, target, deadline) }))
        .filter((r) => r.probability < minProbability)
        .sort((a, b) => a.probability - b.probability || (a.countyId < b.countyId ? -1 : 1))
    : [];
  return {
    asOf: options.asOf,
    spread: spreadSummary(rows.map((r) => r.value), thresholds),
    byThreshold: thresholds.map((threshold) => ({ threshold, counties: rows.filter((r) => r.value < threshold).reverse() })),
    atRisk,
    target,
    deadline,
  };
}
