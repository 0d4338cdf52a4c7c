import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { DataValidationError } from "../shared/errors.js";

/** Where `gaibo import` keeps the panel when no `--db` is given, relative to the working folder. */
export const DEFAULT_PANEL_STORE = path.join(".gaibo", "panel.duckdb");

/**
 * Every version of every 双月报 row ever imported (a re-import adds a version, never overwrites one), the imports
 * themselves, and the current panel as a view: for each county and report date, the row of the latest import.
 * An import's rows count only once its row is in `imports`: that one insert is the import's commit (rows of an
 * import that never got there, e.g. after a crash, are invisible and removed by the next import).
 * Dates are ISO text (YYYY-MM-DD) as everywhere else in gaibo; rates are shares 0–1.
 */
const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT OR IGNORE INTO store_info VALUES ('format', 'gaibo panel store 1');
CREATE TABLE IF NOT EXISTS imports (
  import_id INTEGER PRIMARY KEY,
  imported_at VARCHAR NOT NULL,
  files VARCHAR NOT NULL,
  row_count BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS report_versions (
  import_id INTEGER NOT NULL,
  source_file VARCHAR NOT NULL,
  source_row INTEGER,
  county_id VARCHAR NOT NULL,
  county_name VARCHAR,
  city VARCHAR,
  as_of VARCHAR NOT NULL,
  start_rate DOUBLE,
  completion_rate DOUBLE,
  equipment_rate DOUBLE,
  funds_rate DOUBLE,
  synthetic BOOLEAN
);
CREATE OR REPLACE VIEW panel AS
  SELECT * EXCLUDE (version_rank) FROM (
    SELECT *, row_number() OVER (PARTITION BY county_id, as_of ORDER BY import_id DESC) AS version_rank
      FROM report_versions WHERE import_id IN (SELECT import_id FROM imports)
  ) WHERE version_rank = 1;
`;

/** An open panel store: a DuckDB connection and how to close it. */
export interface PanelStore {
  path: string;
  connection: DuckDBConnection;
  close(): void;
}

/**
 * Open (or, with `create`, create) the panel store, a DuckDB file. DuckDB is told to stay within a memory limit and
 * to spill to disk beyond it, so importing millions of rows keeps the process's memory bounded.
 *
 * @param file path of the .duckdb file
 * @param options.create create the file (and its folder) when missing; otherwise a missing store is an error
 * @param options.memoryLimit DuckDB's memory limit (default "512MB")
 * @param options.readOnly open for reading only: several readers (a report, a notebook, gaibo history) may then share it
 * @throws DataValidationError when the store is missing, locked by another gaibo, or not a gaibo store
 */
export async function openPanelStore(file: string, options: { create?: boolean; memoryLimit?: string; readOnly?: boolean } = {}): Promise<PanelStore> {
  const shown = file;
  const exists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists && !options.create) {
    throw new DataValidationError([
      {
        severity: "error",
        file: shown,
        message: "no panel store here; import 双月报 files first with gaibo import <files…> (or give --db)",
        messageZh: "这里没有面板库；请先用 gaibo import <文件…> 导入双月报（或用 --db 指定库文件）",
      },
    ]);
  }
  if (!exists) {
    try {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    } catch (err) {
      throw storeError(shown, err);
    }
  }
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  try {
    const readOnly = options.readOnly === true && exists;
    instance = await DuckDBInstance.create(file, {
      memory_limit: options.memoryLimit ?? "512MB",
      threads: "2",
      preserve_insertion_order: "false",
      ...(readOnly ? { access_mode: "READ_ONLY" } : {}),
    });
    connection = await instance.connect();
  } catch (err) {
    throw storeError(shown, err);
  }
  try {
    const tables = await connection.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
    const names = tables.getRows().map((r) => String(r[0]));
    if ((names.length > 0 || options.readOnly) && !names.includes("report_versions")) {
      throw new DataValidationError([
        {
          severity: "error",
          file: shown,
          message: `is a DuckDB file but not a gaibo panel store (tables: ${names.join(", ")}); give another --db`,
          messageZh: `是 DuckDB 文件，但不是 gaibo 面板库（其中的表：${names.join("、")}）；请用 --db 指定另一个文件`,
        },
      ]);
    }
    if (!options.readOnly) await connection.run(SCHEMA_SQL);
  } catch (err) {
    connection.closeSync();
    instance.closeSync();
    throw err instanceof DataValidationError ? err : storeError(shown, err);
  }
  return {
    path: file,
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** DuckDB's and the file system's errors in a clerk's words: locked, not a database, no permission. */
function storeError(file: string, err: unknown): DataValidationError {
  const text = String((err as Error)?.message ?? err);
  const code = (err as NodeJS.ErrnoException)?.code;
  let message = `cannot be opened as a panel store (${text.split("\n")[0]})`;
  let messageZh = `无法作为面板库打开（${text.split("\n")[0]}）`;
  if (/lock/i.test(text)) {
    message = "is in use by another program (another gaibo import or a notebook?); close it and try again";
    messageZh = "正被另一个程序使用（另一个 gaibo import 或笔记本？）；请关闭后重试";
  } else if (/not a valid DuckDB database|Unable to read|invalid|magic/i.test(text)) {
    message = "is not a DuckDB database; give another --db";
    messageZh = "不是 DuckDB 数据库文件；请用 --db 指定另一个文件";
  } else if (code === "EACCES" || code === "EPERM" || /permission/i.test(text)) {
    message = "cannot be written (no permission); give another --db";
    messageZh = "没有写入权限；请用 --db 指定另一个位置";
  }
  return new DataValidationError([{ severity: "error", file, message, messageZh }]);
}
