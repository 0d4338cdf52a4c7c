import { stat } from "node:fs/promises";
import path from "node:path";
import type { DuckDBAppender } from "@duckdb/node-api";
import type { ColumnTable } from "arquero";
import { loadTable } from "../data/load-table.js";
import { PROGRESS_SCHEMA } from "../data/schemas.js";
import { validateSheet } from "../data/validate-sheet.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import { DEFAULT_PANEL_STORE, openPanelStore } from "./open-panel-store.js";
import { detectPercentPoints } from "../data/detect-percent-points.js";
import { HEADER_SCAN_ROWS } from "../data/find-header-row.js";
import { headerKey, splitHeaderUnit } from "../data/normalize-cell-text.js";
import type { GridRow, RawSheet } from "../data/raw-sheet.js";
import { isBlankRow, isFooterRow, sheetFromGrid } from "../data/sheet-from-grid.js";
import { streamSheetRows } from "./stream-sheet-rows.js";

/** What one import did, file by file. */
export interface ImportSummary {
  importId: number;
  importedAt: string;
  /** Rows added over all files. */
  rows: number;
  /** Rows that replaced an earlier version of the same county and report date (the earlier one is kept). */
  revised: number;
  files: { file: string; rows: number; firstDate: string | null; lastDate: string | null; counties: number }[];
  warnings: DataIssue[];
}

/** Options of `importToStore`. */
export interface ImportOptions {
  /** The store file (default `.gaibo/panel.duckdb`). */
  db?: string;
  /** Excel sheet to read in every workbook (first sheet by default). */
  sheet?: string;
  /** Files up to this size are read whole by `loadTable` (every office-file repair it knows); larger ones are streamed. */
  streamAboveBytes?: number;
  /** Rows validated and appended at a time when streaming. */
  batchRows?: number;
  /** The import's time stamp (ISO); now by default. Tests fix it. */
  now?: string;
  /** Called now and then with the rows read so far, for a progress line. */
  onProgress?: (file: string, rows: number) => void;
}

// A large file must not be read whole: loadTable needs ~17× a CSV's size (and far more for a zipped workbook).
// Below these sizes (about 200,000 CSV rows, 50,000 workbook rows) it is the better reader.
const STREAM_ABOVE_BYTES = { csv: 16 * 1024 * 1024, xlsx: 2 * 1024 * 1024 };
const MAX_ERRORS = 200;
const COLUMNS = ["county_id", "county_name", "city", "as_of", "start_rate", "completion_rate", "equipment_rate", "funds_rate", "synthetic"] as const;

/**
 * Add 双月报 files (CSV or .xlsx; one period or many; one county or a whole province) to the panel store as one
 * import: every row of every file, or — on any error in any file — nothing, with every problem named by file,
 * row and column. (The rows are appended in chunks under a new import number and become visible together when
 * the import's own row is written, which keeps memory bounded where one DuckDB transaction would not.) A county's report for a date already in the store becomes its new current version; the earlier
 * version stays (see `countyHistory`). Large files are streamed (bounded memory at any size).
 *
 * @param files paths of .csv or .xlsx 双月报 files
 * @param options store path, sheet, streaming threshold
 * @returns what was imported
 * @throws DataValidationError naming file, row and column of every problem; the store is then unchanged
 */
export async function importToStore(files: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  if (files.length === 0) {
    throw new DataValidationError([{ severity: "error", message: "no files to import", messageZh: "没有要导入的文件" }]);
  }
  // A low limit: DuckDB spills to disk beyond it, and the whole process must stay well under 1 GB at any size.
  const store = await openPanelStore(options.db ?? DEFAULT_PANEL_STORE, { create: true, memoryLimit: "256MB" });
  const con = store.connection;
  const importedAt = options.now ?? new Date().toISOString();
  const issues: DataIssue[] = [];
  const errorCount = () => issues.filter((i) => i.severity === "error").length;
  let importId = 0;
  let committed = false;
  try {
    // Rows of an import that never committed (a crash) are invisible; clear them before numbering this one.
    await con.run("DELETE FROM report_versions WHERE import_id NOT IN (SELECT import_id FROM imports)");
    const next = await con.runAndReadAll("SELECT coalesce(max(import_id), 0) + 1 FROM imports");
    importId = Number(next.getRows()[0][0]);
    // Rows are appended in committed chunks under this import's number, invisible until the imports row below is
    // written: one DuckDB transaction around millions of appended rows would hold them all in memory.
    const appender = await con.createAppender("report_versions");
    const perFile: ImportSummary["files"] = [];
    let total = 0;
    for (const file of files) {
      if (errorCount() >= MAX_ERRORS) break;
      const name = path.basename(file);
      const size = await stat(file).then(
        (s) => s.size,
        () => -1,
      );
      let fileRows = 0;
      const counties = new Set<string>();
      let firstDate: string | null = null;
      let lastDate: string | null = null;
      const append = (table: ColumnTable, rowNumbers: number[]) => {
        const cols = COLUMNS.map((c) => (table.columnNames().includes(c) ? (table.array(c) as unknown[]) : null));
        const n = table.numRows();
        for (let i = 0; i < n; i++) {
          appendRow(appender, importId, name, rowNumbers[i], cols.map((c) => (c ? c[i] : null)));
          const id = String(cols[0]![i]);
          const d = String(cols[3]![i]);
          if (counties.size < 1_000_000) counties.add(id);
          if (firstDate === null || d < firstDate) firstDate = d;
          if (lastDate === null || d > lastDate) lastDate = d;
        }
        appender.flushSync();
        fileRows += n;
        total += n;
        options.onProgress?.(name, fileRows);
      };
      try {
        const limit = options.streamAboveBytes ?? (path.extname(file).toLowerCase() === ".xlsx" ? STREAM_ABOVE_BYTES.xlsx : STREAM_ABOVE_BYTES.csv);
        if (size >= 0 && size <= limit) {
          const whole = await loadTable(file, PROGRESS_SCHEMA, options.sheet ? { sheet: options.sheet } : {});
          issues.push(...whole.warnings);
          append(whole.table, whole.rowNumbers);
        } else {
          await streamFile(file, options, issues, append);
        }
      } catch (err) {
        if (!(err instanceof DataValidationError)) throw err;
        issues.push(...err.issues.map((i) => ({ ...i, file: i.file ?? name })));
      }
      perFile.push({ file: name, rows: fileRows, firstDate, lastDate, counties: counties.size });
    }
    appender.flushSync();
    appender.closeSync();
    if (errorCount() === 0) issues.push(...(await duplicateIssues(con, importId)));
    if (errorCount() > 0) throw new DataValidationError(issues, `${errorCount()} problem(s); nothing was imported`);
    const revised = await con.runAndReadAll(
      `SELECT count(*) FROM report_versions n WHERE n.import_id = ${importId}
         AND EXISTS (SELECT 1 FROM report_versions o WHERE o.import_id < ${importId} AND o.county_id = n.county_id AND o.as_of = n.as_of)`,
    );
    // The commit: one row, written or not.
    await con.run("INSERT INTO imports VALUES ($1, $2, $3, $4)", [importId, importedAt, JSON.stringify(files.map((f) => path.resolve(f))), total]);
    committed = true;
    return { importId, importedAt, rows: total, revised: Number(revised.getRows()[0][0]), files: perFile, warnings: issues.filter((i) => i.severity === "warning") };
  } finally {
    if (!committed && importId > 0) await con.run(`DELETE FROM report_versions WHERE import_id = ${importId}`).catch(() => undefined);
    store.close();
  }
}

function appendRow(appender: DuckDBAppender, importId: number, file: string, row: number, values: unknown[]): void {
  appender.appendInteger(importId);
  appender.appendVarchar(file);
  appender.appendInteger(row);
  values.forEach((v, i) => {
    if (v === null || v === undefined) appender.appendNull();
    else if (COLUMNS[i] === "synthetic") appender.appendBoolean(Boolean(v));
    else if (typeof v === "number") appender.appendDouble(v);
    else appender.appendVarchar(String(v));
  });
  appender.endRow();
}

/** Read a large file in batches: the first rows find the header as the whole-file reader does, then each batch is validated as `validateSheet` validates a sheet. */
async function streamFile(
  file: string,
  options: ImportOptions,
  issues: DataIssue[],
  append: (table: ColumnTable, rowNumbers: number[]) => void,
): Promise<void> {
  const sheet = await streamSheetRows(file, options.sheet ? { sheet: options.sheet } : {});
  const where = { file: sheet.file, ...(sheet.sheet ? { sheet: sheet.sheet } : {}) };
  const text = sheet.sheet === undefined;
  const batchRows = options.batchRows ?? 20_000;
  const errors = () => issues.filter((i) => i.severity === "error").length;
  let head: RawSheet | undefined;
  let batch: GridRow[] = [];
  let first = true;
  const flush = () => {
    if (!head || batch.length === 0) return;
    try {
      const v = validateSheet({ ...head, rows: batch, warnings: first ? head.warnings : undefined }, PROGRESS_SCHEMA);
      // Over-delivery warnings can number in the millions: a sample is shown.
      issues.push(...v.warnings.slice(0, Math.max(0, 50 - issues.length)));
      if (errors() === 0) append(v.table, v.rowNumbers);
    } catch (err) {
      if (!(err instanceof DataValidationError)) throw err;
      issues.push(...err.issues.filter((i) => i.severity === "error"));
    }
    first = false;
    batch = [];
  };
  const start: GridRow[] = [];
  const begin = () => {
    // The header among the first rows, exactly as for a small file (title, 填报单位, unit and 栏次 rows skipped).
    const found = sheetFromGrid(start, where, { schemas: [PROGRESS_SCHEMA], strictWidth: text });
    head = { ...found, header: pinPoints(found) };
    batch = found.rows;
  };
  for await (const r of sheet.rows) {
    if (!head) {
      start.push(r);
      if (start.length >= HEADER_SCAN_ROWS + batchRows) begin();
      continue;
    }
    if (isBlankRow(r.cells)) continue;
    if (isFooterRow(r.cells)) {
      issues.push({ severity: "warning", ...where, row: r.row, message: `row ${r.row} is a signature or note line, not data; skipped`, messageZh: `第 ${r.row} 行是签名或备注行，不是数据，已跳过` });
      continue;
    }
    const width = head.header.length;
    if (text && r.cells.length !== width && !(r.cells.length > width && r.cells.slice(width).every((c) => String(c).trim() === ""))) {
      // A short or long line is malformed, not a shifted reading.
      issues.push({ severity: "error", ...where, row: r.row, message: `has ${r.cells.length} fields but the header has ${width}`, messageZh: `有 ${r.cells.length} 个字段，但表头有 ${width} 列` });
      if (errors() >= MAX_ERRORS) break;
      continue;
    }
    batch.push({ row: r.row, cells: Array.from({ length: Math.max(width, r.cells.length) }, (_, i) => r.cells[i] ?? "") });
    if (batch.length >= batchRows) {
      flush();
      if (errors() >= MAX_ERRORS) break;
    }
  }
  if (!head) begin();
  flush();
}

/**
 * A rate column whose first rows are plainly percentage points (34.37) is marked as such in the header, so every
 * later batch reads it the same way: early reports of a points column are small numbers (0.5 for 0.5%) that a
 * batch on its own would take for shares (50%).
 */
function pinPoints(raw: RawSheet): string[] {
  const header = [...raw.header];
  for (const spec of PROGRESS_SCHEMA.columns.filter((c) => c.unit?.startsWith("share"))) {
    const names = new Set([spec.name, ...(spec.aliases ?? [])].map(headerKey));
    const idx = header.findIndex((h) => h !== "" && (names.has(headerKey(h)) || names.has(headerKey(splitHeaderUnit(h).name))));
    if (idx < 0) continue;
    const p = detectPercentPoints(header[idx], raw.rows.map((r) => r.cells[idx]));
    if (p.points && p.reason === "values") header[idx] = `${splitHeaderUnit(header[idx]).name}(%)`;
  }
  return header;
}

/** The same county and report date twice within one import (in one file or across files) is an error. */
async function duplicateIssues(con: import("@duckdb/node-api").DuckDBConnection, importId: number): Promise<DataIssue[]> {
  const r = await con.runAndReadAll(
    // Keys first (a count spills to disk; a list aggregate over millions of rows would not), then their places.
    `WITH dup AS (
       SELECT county_id, as_of FROM report_versions WHERE import_id = ${importId}
        GROUP BY county_id, as_of HAVING count(*) > 1 ORDER BY county_id, as_of LIMIT 50)
     SELECT v.county_id, v.as_of, list(v.source_file || ' ' || v.source_row ORDER BY v.source_file, v.source_row) AS at
       FROM report_versions v JOIN dup USING (county_id, as_of) WHERE v.import_id = ${importId}
      GROUP BY v.county_id, v.as_of ORDER BY v.county_id, v.as_of`,
  );
  return r.getRowObjectsJS().map((o) => {
    const at = (o.at as string[]).map((s) => {
      const cut = s.lastIndexOf(" ");
      return { file: s.slice(0, cut), row: Number(s.slice(cut + 1)) };
    });
    const where = at.map((a) => `${a.file} row ${a.row}`).join(", ");
    const whereZh = at.map((a) => `${a.file} 第 ${a.row} 行`).join("、");
    return {
      severity: "error" as const,
      file: at[1].file,
      row: at[1].row,
      column: "county_id+as_of",
      message: `county ${String(o.county_id)} on ${String(o.as_of)} appears more than once in this import (${where}); keep one`,
      messageZh: `县 ${String(o.county_id)} 截至 ${String(o.as_of)} 的报告在本次导入中出现多次（${whereZh}）；请只保留一行`,
    };
  });
}
