import { readFile } from "node:fs/promises";
import path from "node:path";
import { DataValidationError, cannotReadMessage, type DataIssue } from "../shared/errors.js";
import { decodeText } from "./decode-text.js";
import { parseCsv } from "./parse-csv.js";
import type { RawSheet } from "./raw-sheet.js";
import { readExcelSheet } from "./read-excel.js";
import { SCHEMAS, detectKind } from "./schemas.js";
import type { TableSchema } from "./table-schema.js";
import { validateSheet, type ValidatedTable } from "./validate-sheet.js";

/** Options of readSheet and loadTable. */
export interface ReadSheetOptions {
  /** Excel sheet name; chosen from the workbook when omitted (see readExcelSheet). */
  sheet?: string;
  /** Kinds whose column names identify the header row (all built-in kinds by default). */
  schemas?: readonly TableSchema[];
}

/**
 * Read a CSV, tab-separated text or .xlsx file into a raw sheet (cells as written), choosing the reader
 * by extension. Text is decoded by `decodeText` (UTF-8 with or without BOM, UTF-16, GB18030) and its
 * separator sniffed; the header is found below any title rows.
 *
 * @param file path to a .csv, .txt, .tsv or .xlsx file
 * @param options.sheet Excel sheet name
 * @throws DataValidationError when the file is missing, of an unknown type or malformed
 */
export async function readSheet(file: string, options: ReadSheetOptions = {}): Promise<RawSheet> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new DataValidationError([{ severity: "error", file: name, ...cannotReadMessage(err) }]);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") {
    const { text, encoding, basis } = decodeText(bytes);
    const sheet = parseCsv(text, name, { schemas: options.schemas });
    const warnings: DataIssue[] = [...(sheet.warnings ?? [])];
    if (basis === "guess") {
      warnings.unshift({
        severity: "warning",
        file: name,
        message: `the encoding is neither UTF-8 nor GB18030; read as ${encoding} (a guess): check the names, or save the file as UTF-8`,
        messageZh: `文件编码既不是 UTF-8 也不是 GB18030，按 ${encoding} 读取（推测）：请核对名称，或另存为 UTF-8`,
      });
    }
    return { ...sheet, encoding, ...(warnings.length ? { warnings } : {}) };
  }
  if (ext === ".xlsx" || ext === ".xlsm") return readExcelSheet(bytes, name, options.sheet, { schemas: options.schemas });
  const hint = ext === ".xls" || ext === ".et" || ext === ".wps" ? "; save it as .xlsx (Excel 2007 or later) or .csv" : "; use .csv or .xlsx";
  const hintZh = ext === ".xls" || ext === ".et" || ext === ".wps" ? "；请另存为 .xlsx（Excel 2007 及以后）或 .csv" : "；请使用 .csv 或 .xlsx 文件";
  throw new DataValidationError([
    { severity: "error", file: name, message: `has extension ${ext || "(none)"}${hint}`, messageZh: `扩展名为 ${ext || "（无）"}${hintZh}` },
  ]);
}

/**
 * Load and validate a CSV or Excel file as a dataset kind into an arquero table.
 *
 * @param file path to a .csv or .xlsx file
 * @param kind a schema, the name of a built-in kind ("progress", "counties"), or omitted to detect it from the header
 * @returns the table, warnings (e.g. rates above 100%, the header row taken, totals rows left out) and each row's spreadsheet row number
 * @throws DataValidationError naming file, row and column of every problem
 */
export async function loadTable(
  file: string,
  kind?: TableSchema | string,
  options: { sheet?: string } = {},
): Promise<ValidatedTable & { schema: TableSchema }> {
  let schema: TableSchema | undefined;
  if (typeof kind === "object") schema = kind;
  else if (typeof kind === "string") {
    schema = SCHEMAS[kind];
    if (!schema) {
      throw new DataValidationError([
        {
          severity: "error",
          file: path.basename(file),
          message: `unknown dataset kind ${kind}; known: ${Object.keys(SCHEMAS).join(", ")}`,
          messageZh: `未知的数据类型 ${kind}；可用：${Object.keys(SCHEMAS).join("、")}`,
        },
      ]);
    }
  }
  const raw = await readSheet(file, { sheet: options.sheet, schemas: schema ? [schema] : undefined });
  schema ??= detectKind(raw.header);
  if (!schema) {
    const enc = raw.encoding && raw.encoding !== "UTF-8" ? ` (read as ${raw.encoding})` : "";
    const encZh = raw.encoding && raw.encoding !== "UTF-8" ? `（文件按 ${raw.encoding} 编码读取）` : "";
    throw new DataValidationError([
      ...(raw.warnings ?? []),
      {
        severity: "error",
        file: raw.file,
        sheet: raw.sheet,
        row: raw.headerRow ?? 1,
        message: `header (${raw.header.join(", ")})${enc} matches no known dataset kind (${Object.keys(SCHEMAS).join(", ")}); name one with --kind`,
        messageZh: `表头（${raw.header.join("、")}）${encZh}不符合任何已知的数据类型：${Object.values(SCHEMAS).map((s) => `${s.kind} ${s.titleZh ?? s.title}`).join("、")}；可用 --kind 指定`,
      },
    ]);
  }
  return { ...validateSheet(raw, schema), schema };
}
