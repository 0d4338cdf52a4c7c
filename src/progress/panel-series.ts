import type { ColumnTable } from "arquero";
import { monthsSinceStart } from "../shared/dates.js";

/** One county's reported series of one indicator, sorted by date. */
export interface CountySeries {
  countyId: string;
  countyName: string;
  city: string;
  /** report dates, ISO, strictly increasing */
  dates: string[];
  /** the same dates as months since programme start (2014-01-01) */
  t: number[];
  /** reported shares (0–1, may exceed 1 for over-delivery) */
  y: number[];
}

/** Column names of a 双月报 panel; defaults are the bundled synthetic `progress.csv` columns. */
export interface PanelColumns {
  /** rate column to model, e.g. "completion_rate" or "start_rate" */
  indicator: string;
  /** default "county_id" */
  countyColumn?: string;
  /** default "as_of" (ISO dates) */
  dateColumn?: string;
  /** default "county_name" (optional in the table) */
  nameColumn?: string;
  /** default "city" (optional in the table) */
  cityColumn?: string;
}

/**
 * Split a long 双月报 table (county × report date) into one sorted series per county.
 *
 * Rows with a missing or non-numeric rate are skipped (a county that did not report); rows dated
 * after `asOf` are dropped, which is how a back-test hides the future.
 *
 * @param table arquero table with county, date and indicator columns
 * @param options column names and an optional cut-off date `asOf` (ISO, inclusive)
 * @returns series in order of first appearance of each county
 * @throws {RangeError} when a column is missing, a date is not ISO, or a county reports twice on a date
 * @example
 * panelSeries(aq.table({ county_id: ["A", "A"], as_of: ["2015-02-28", "2014-12-31"], start_rate: [0.2, 0.1] }), { indicator: "start_rate" })
 * // [{ countyId: "A", dates: ["2014-12-31", "2015-02-28"], y: [0.1, 0.2], … }]
 */
export function panelSeries(table: ColumnTable, options: PanelColumns & { asOf?: string }): CountySeries[] {
  const countyColumn = options.countyColumn ?? "county_id";
  const dateColumn = options.dateColumn ?? "as_of";
  const nameColumn = options.nameColumn ?? "county_name";
  const cityColumn = options.cityColumn ?? "city";
  const names = new Set(table.columnNames());
  for (const col of [countyColumn, dateColumn, options.indicator]) {
    if (!names.has(col)) throw new RangeError(`panelSeries requires column ${col}, the table has ${[...names].join(", ")}`);
  }
  const ids = table.array(countyColumn) as ArrayLike<unknown>;
  const dates = table.array(dateColumn) as ArrayLike<unknown>;
  const values = table.array(options.indicator) as ArrayLike<unknown>;
  const countyNames = names.has(nameColumn) ? (table.array(nameColumn) as ArrayLike<unknown>) : undefined;
  const cities = names.has(cityColumn) ? (table.array(cityColumn) as ArrayLike<unknown>) : undefined;
  const asOf = options.asOf;
  const byCounty = new Map<string, { name: string; city: string; rows: [string, number][] }>();
  for (let i = 0; i < ids.length; i++) {
    const id = String(ids[i]);
    const raw = dates[i];
    const date = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`panelSeries requires ISO dates in ${dateColumn}, row ${i + 1} has ${date}`);
    let entry = byCounty.get(id);
    if (!entry) {
      entry = { name: countyNames ? String(countyNames[i] ?? id) : id, city: cities ? String(cities[i] ?? "") : "", rows: [] };
      byCounty.set(id, entry);
    }
    const v = values[i];
    if (v === null || v === undefined || v === "" || typeof v === "boolean") continue;
    const y = Number(v);
    if (!Number.isFinite(y)) continue;
    if (asOf !== undefined && date > asOf) continue;
    entry.rows.push([date, y]);
  }
  const out: CountySeries[] = [];
  for (const [countyId, { name, city, rows }] of byCounty) {
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 1; i < rows.length; i++) {
      if (rows[i][0] === rows[i - 1][0]) throw new RangeError(`panelSeries requires one report per county and date, county ${countyId} reports twice on ${rows[i][0]}`);
    }
    out.push({
      countyId,
      countyName: name,
      city,
      dates: rows.map((r) => r[0]),
      t: rows.map((r) => monthsSinceStart(r[0])),
      y: rows.map((r) => r[1]),
    });
  }
  return out;
}
