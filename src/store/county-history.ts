import { DataValidationError } from "../shared/errors.js";
import { DEFAULT_PANEL_STORE, openPanelStore } from "./open-panel-store.js";

/** One version of one county's report for one date, as imported. */
export interface ReportVersion {
  asOf: string;
  importId: number;
  importedAt: string;
  sourceFile: string;
  sourceRow: number | null;
  countyName: string | null;
  startRate: number | null;
  completionRate: number | null;
  equipmentRate: number | null;
  fundsRate: number | null;
  /** True for the version the panel uses now (the latest import of this county and date). */
  current: boolean;
}

/**
 * Every version of a county's 双月报 in the store, by report date and then by import: what was reported, when it
 * was imported and from which file and row, and which version is current. A revision shows as two versions of the
 * same date.
 *
 * @param countyId county code as imported (e.g. "410102")
 * @param options.db the store file (default `.gaibo/panel.duckdb`)
 * @returns versions ordered by report date, then import
 * @throws DataValidationError when the store is missing or holds no report of that county (listing close codes)
 */
export async function countyHistory(countyId: string, options: { db?: string } = {}): Promise<ReportVersion[]> {
  const store = await openPanelStore(options.db ?? DEFAULT_PANEL_STORE, { readOnly: true });
  try {
    const id = countyId.trim();
    const r = await store.connection.runAndReadAll(
      `SELECT v.as_of, v.import_id, i.imported_at, v.source_file, v.source_row, v.county_name,
              v.start_rate, v.completion_rate, v.equipment_rate, v.funds_rate,
              v.import_id = max(v.import_id) OVER (PARTITION BY v.as_of) AS current
         FROM report_versions v JOIN imports i USING (import_id)
        WHERE v.county_id = $1 ORDER BY v.as_of, v.import_id`,
      [id],
    );
    const rows = r.getRowObjectsJS();
    if (rows.length === 0) {
      const near = await store.connection.runAndReadAll(
        "SELECT DISTINCT county_id FROM report_versions ORDER BY levenshtein(county_id, $1), county_id LIMIT 5",
        [id],
      );
      const codes = near.getRows().map((x) => String(x[0]));
      throw new DataValidationError([
        {
          severity: "error",
          file: store.path,
          column: "county_id",
          message: `holds no report of county ${id}${codes.length ? `; close codes in the store: ${codes.join(", ")}` : "; the store is empty"}`,
          messageZh: `库中没有县 ${id} 的报告${codes.length ? `；库中相近的代码：${codes.join("、")}` : "；库为空"}`,
        },
      ]);
    }
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((o) => ({
      asOf: String(o.as_of),
      importId: Number(o.import_id),
      importedAt: String(o.imported_at),
      sourceFile: String(o.source_file),
      sourceRow: num(o.source_row),
      countyName: o.county_name === null ? null : String(o.county_name),
      startRate: num(o.start_rate),
      completionRate: num(o.completion_rate),
      equipmentRate: num(o.equipment_rate),
      fundsRate: num(o.funds_rate),
      current: Boolean(o.current),
    }));
  } finally {
    store.close();
  }
}
