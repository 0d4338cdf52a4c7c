import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { DataValidationError } from "../shared/errors.js";
import { DEFAULT_PANEL_STORE, openPanelStore } from "./open-panel-store.js";

const REQUIRED = ["county_id", "as_of", "start_rate", "completion_rate"];
const OPTIONAL = ["county_name", "city", "equipment_rate", "funds_rate", "synthetic"];
const ORDER = ["county_id", "county_name", "city", "as_of", "start_rate", "completion_rate", "equipment_rate", "funds_rate", "synthetic"];

/**
 * The current 双月报 panel from the store, as the same arquero table `loadTable(file, "progress")` returns: one row
 * per county and report date (its latest imported version), columns county_id, as_of, start_rate, completion_rate
 * and those optional columns (county_name, city, equipment_rate, funds_rate, synthetic) that hold any value.
 * Rows are ordered by county and date.
 *
 * @param file the store (default `.gaibo/panel.duckdb`)
 * @param options.asOf keep reports dated on or before this ISO date (later reports are left out, as a scenario's asOf does)
 * @param options.importId the panel as it stood after this import (earlier state, for reproducing a past report)
 * @returns the panel table
 * @throws DataValidationError when the store is missing or holds no report up to asOf
 * @example
 * const panel = await loadPanelFromStore(".gaibo/panel.duckdb", { asOf: "2016-12-31" });
 */
export async function loadPanelFromStore(file: string = DEFAULT_PANEL_STORE, options: { asOf?: string; importId?: number } = {}): Promise<ColumnTable> {
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    throw new DataValidationError([{ severity: "error", column: "asOf", message: `"${options.asOf}" is not an ISO date (YYYY-MM-DD)`, messageZh: `"${options.asOf}" 不是日期（请写成 YYYY-MM-DD）` }]);
  }
  const store = await openPanelStore(file, { readOnly: true });
  try {
    const where: string[] = ["import_id IN (SELECT import_id FROM imports)"];
    const params: (string | number)[] = [];
    if (options.importId !== undefined) {
      params.push(options.importId);
      where.push(`import_id <= $${params.length}`);
    }
    const latest = `SELECT * EXCLUDE (version_rank) FROM (
        SELECT *, row_number() OVER (PARTITION BY county_id, as_of ORDER BY import_id DESC) AS version_rank
          FROM report_versions WHERE ${where.join(" AND ")}
      ) WHERE version_rank = 1`;
    const cut: string[] = [];
    if (options.asOf !== undefined) {
      params.push(options.asOf);
      cut.push(`as_of <= $${params.length}`);
    }
    const r = await store.connection.runAndReadAll(
      `SELECT ${ORDER.join(", ")} FROM (${latest}) ${cut.length ? `WHERE ${cut.join(" AND ")}` : ""} ORDER BY county_id, as_of`,
      params,
    );
    const columns: Record<string, unknown[]> = {};
    const names = r.columnNames();
    names.forEach((n) => (columns[n] = []));
    for (const row of r.getRowsJS()) row.forEach((v, i) => columns[names[i]].push(v === undefined ? null : v));
    if ((columns.county_id ?? []).length === 0) {
      throw new DataValidationError([
        {
          severity: "error",
          file,
          message: options.asOf ? `holds no 双月报 report dated on or before ${options.asOf}` : "holds no 双月报 report; import some with gaibo import",
          messageZh: options.asOf ? `库中没有截至 ${options.asOf} 或更早的双月报` : "库中没有双月报；请先用 gaibo import 导入",
        },
      ]);
    }
    const kept: Record<string, unknown[]> = {};
    for (const n of ORDER) {
      if (REQUIRED.includes(n) || (OPTIONAL.includes(n) && columns[n].some((v) => v !== null))) kept[n] = columns[n];
    }
    return aq.table(kept);
  } finally {
    store.close();
  }
}
