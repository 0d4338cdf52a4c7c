import { stat } from "node:fs/promises";
import path from "node:path";
import type { DuckDBAppender } from "@duckdb/node-api";
import type { ColumnTable } from "arquero";
import { loadTable } from "../data/load-table.js";
import { PROGRESS_SCHEMA } from "../data/schemas.js";
import { validateSheet } from "../data/validate-sheet.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import { DEFAULT_PANEL_STORE, openPanelStore } from "./open-panel-store.js";
import { streamSheetRows, type SheetRow } from "./stream-sheet-rows.js";

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
const HEADER_SEARCH_ROWS = 30;
const COLUMNS = ["county_id", "county_name", "city", "as_of", "start_rate", "completion_rate", "equipment_rate", "funds_rate", "synthetic"] as const;

/**
 * Add 双月报 files (CSV or .xlsx; one period or many; one county or a whole province) to the panel store in one
 * transaction: every row of every file, or — on any error in any file — nothing, with every problem named by file,
 * row and column. A county's report for a date already in the store becomes its new current version; the earlier
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
  const store = await openPanelStore(options.db ?? DEFAULT_PANEL_STORE, { create: true });
  const con = store.connection;
  const importedAt = options.now ?? new Date().toISOString();
  const issues: DataIssue[] = [];
  const errorCount = () => issues.filter((i) => i.severity === "error").length;
  try {
    await con.run("BEGIN TRANSACTION");
    const next = await con.runAndReadAll("SELECT coalesce(max(import_id), 0) + 1 FROM imports");
    const importId = Number(next.getRows()[0][0]);
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
        fileRows += n;
        total += n;
        options.onProgress?.(name, fileRows);
      };
      try {
        const limit = options.streamAboveBytes ?? (path.extname(file).toLowerCase() === ".xlsx" ? STREAM_ABOVE_BYTES.xlsx : STREAM_ABOVE_BYTES.csv);
        if (size >= 0 && size <= limit) {
          let whole: Awaited<ReturnType<typeof loadTable>> | undefined;
          try {
            whole = await loadTable(file, PROGRESS_SCHEMA, options.sheet ? { sheet: options.sheet } : {});
          } catch (err) {
            // A header below title rows ("2016年10月全面改薄双月报") reads as missing columns: the streamed reader looks further down.
            const headerOnly = err instanceof DataValidationError && err.issues.every((i) => i.severity !== "error" || (i.row === 1 && /required column/.test(i.message)));
            if (!headerOnly) throw err;
          }
          if (whole) {
            issues.push(...whole.warnings);
            append(whole.table, whole.rowNumbers);
          } else await streamFile(file, options, issues, append);
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
    if (errorCount() > 0) {
      await con.run("ROLLBACK");
      throw new DataValidationError(issues, `${errorCount()} problem(s); nothing was imported`);
    }
    const revised = await con.runAndReadAll(
      `SELECT count(*) FROM report_versions n WHERE n.import_id = ${importId}
         AND EXISTS (SELECT 1 FROM report_versions o WHERE o.import_id < ${importId} AND o.county_id = n.county_id AND o.as_of = n.as_of)`,
    );
    await con.run("INSERT INTO imports VALUES ($1, $2, $3, $4)", [importId, importedAt, JSON.stringify(files.map((f) => path.resolve(f))), total]);
    await con.run("COMMIT");
    return { importId, importedAt, rows: total, revised: Number(revised.getRows()[0][0]), files: perFile, warnings: issues.filter((i) => i.severity === "warning") };
  } catch (err) {
    await con.run("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
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

/** A header row: it names the county code and the report date (title and 填报单位 rows above it are passed over). */
function isProgressHeader(cells: unknown[]): boolean {
  const names = new Set(cells.map((c) => String(c ?? "").trim().toLowerCase().replace(/\s+/g, "_")));
  const has = (col: string) => {
    const spec = PROGRESS_SCHEMA.columns.find((c) => c.name === col)!;
    return [spec.name, ...(spec.aliases ?? [])].some((n) => names.has(n.toLowerCase().replace(/\s+/g, "_")));
  };
  return has("county_id") && has("as_of");
}

/** Read a large file in batches, validating each batch as `validateSheet` validates a whole sheet. */
async function streamFile(
  file: string,
  options: ImportOptions,
  issues: DataIssue[],
  append: (table: ColumnTable, rowNumbers: number[]) => void,
): Promise<void> {
  const sheet = await streamSheetRows(file, options.sheet ? { sheet: options.sheet } : {});
  const batchRows = options.batchRows ?? 20_000;
  let header: string[] | undefined;
  const before: SheetRow[] = [];
  let batch: SheetRow[] = [];
  const errors = () => issues.filter((i) => i.severity === "error").length;
  const flush = () => {
    if (!header || batch.length === 0) return;
    try {
      const v = validateSheet({ file: sheet.file, sheet: sheet.sheet, header, rows: batch }, PROGRESS_SCHEMA);
      issues.push(...v.warnings.slice(0, Math.max(0, 50 - issues.length)));
      if (errors() === 0) append(v.table, v.rowNumbers);
    } catch (err) {
      if (!(err instanceof DataValidationError)) throw err;
      issues.push(...err.issues.filter((i) => i.severity === "error"));
    }
    batch = [];
  };
  for await (const r of sheet.rows) {
    if (!header) {
      if (isProgressHeader(r.cells)) {
        header = r.cells.map((c) => String(c ?? "").trim());
        while (header.length && header[header.length - 1] === "") header.pop();
        if (before.length > 0) {
          issues.push({
            severity: "warning",
            file: sheet.file,
            sheet: sheet.sheet,
            row: r.row,
            message: `row ${r.row} taken as the header; ${before.length} row(s) above it (titles) left out`,
            messageZh: `第 ${r.row} 行作为表头；其上 ${before.length} 行（标题等）未读入`,
          });
        }
        continue;
      }
      before.push(r);
      if (before.length >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    const width = header.length;
    // CSV rows keep their field count; a short or long row is a malformed line, not a shifted reading.
    if (sheet.sheet === undefined && r.cells.length !== width) {
      issues.push({
        severity: "error",
        file: sheet.file,
        row: r.row,
        message: `has ${r.cells.length} fields but the header has ${width}`,
        messageZh: `有 ${r.cells.length} 个字段，但表头有 ${width} 列`,
      });
      if (errors() >= MAX_ERRORS) break;
      continue;
    }
    batch.push({ row: r.row, cells: sheet.sheet === undefined ? r.cells : Array.from({ length: width }, (_, i) => r.cells[i] ?? "") });
    if (batch.length >= batchRows) {
      flush();
      if (errors() >= MAX_ERRORS) break;
    }
  }
  if (!header) {
    const first = before[0];
    throw new DataValidationError([
      {
        severity: "error",
        file: sheet.file,
        sheet: sheet.sheet,
        row: first?.row,
        message: first
          ? `no header row naming the county code (county_id/县区代码) and the report date (as_of/截至日期) in the first ${before.length} rows`
          : "the file is empty (no header row)",
        messageZh: first ? `前 ${before.length} 行中没有写明县区代码（county_id）和截至日期（as_of）的表头行` : "文件为空（没有表头行）",
      },
    ]);
  }
  flush();
}

/** The same county and report date twice within one import (in one file or across files) is an error. */
async function duplicateIssues(con: import("@duckdb/node-api").DuckDBConnection, importId: number): Promise<DataIssue[]> {
  const r = await con.runAndReadAll(
    `SELECT county_id, as_of, list(source_file || ' ' || source_row ORDER BY source_file, source_row) AS at
       FROM report_versions WHERE import_id = ${importId}
       GROUP BY county_id, as_of HAVING count(*) > 1 ORDER BY county_id, as_of LIMIT 50`,
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
