import type { ColumnTable } from "arquero";
import { panelSeries, type PanelColumns } from "./panel-series.js";

/** One county's row in a league table. */
export interface LeagueRow {
  countyId: string;
  countyName: string;
  city: string;
  /** rate in its latest report on or before the date, share */
  value: number;
  /** date of that report (older than the league date when the county missed reports) */
  reportDate: string;
  /** 1 = highest rate in the province; ties share a rank (1, 2, 2, 4) */
  provinceRank: number;
  provinceCount: number;
  /** rank within the county's city (地市) */
  cityRank: number;
  cityCount: number;
}

/** Options of `leagueTable`. */
export interface LeagueTableOptions extends PanelColumns {
  /** league date, ISO: each county's latest report on or before it counts */
  asOf: string;
}

/**
 * League table of counties on a date: each county's latest rate, its rank in the province and in
 * its city, sorted from the best to the worst.
 *
 * The 改薄办's bulletins rank provinces and cities this way (“位居全省第二”); a county that missed the
 * report of the day counts with its previous report, whose date is shown.
 *
 * @param table 双月报 panel (county × report date)
 * @param options indicator column and league date
 * @returns rows sorted by rate, highest first (ties by county id); counties with no report by then are left out
 * @throws {RangeError} for a missing column or an invalid date
 * @example
 * leagueTable(data.synthetic.progress, { indicator: "start_rate", asOf: "2015-06-30" })[0].provinceRank // 1
 */
export function leagueTable(table: ColumnTable, options: LeagueTableOptions): LeagueRow[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new RangeError(`leagueTable requires asOf as an ISO date, got ${options.asOf}`);
  const series = panelSeries(table, options).filter((s) => s.y.length > 0);
  const rows = series.map((s) => ({
    countyId: s.countyId,
    countyName: s.countyName,
    city: s.city,
    value: s.y[s.y.length - 1],
    reportDate: s.dates[s.dates.length - 1],
    provinceRank: 0,
    provinceCount: series.length,
    cityRank: 0,
    cityCount: 0,
  }));
  rows.sort((a, b) => b.value - a.value || (a.countyId < b.countyId ? -1 : 1));
  competitionRanks(rows).forEach((k, i) => (rows[i].provinceRank = k));
  const byCity = new Map<string, LeagueRow[]>();
  for (const r of rows) byCity.set(r.city, [...(byCity.get(r.city) ?? []), r]);
  for (const list of byCity.values()) {
    competitionRanks(list).forEach((k, i) => {
      list[i].cityRank = k;
      list[i].cityCount = list.length;
    });
  }
  return rows;
}

/** Standard competition ranks (1, 2, 2, 4) of rows sorted by value, highest first. */
function competitionRanks(sorted: readonly LeagueRow[]): number[] {
  const ranks: number[] = [];
  sorted.forEach((r, i) => ranks.push(i > 0 && sorted[i - 1].value === r.value ? ranks[i - 1] : i + 1));
  return ranks;
}
