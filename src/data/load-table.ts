import { readFile } from "node:fs/promises";
import path from "node:path";
import { DataValidationError, cannotReadMessage } from "../shared/errors.js";
import { parseCsv } from "./parse-csv.js";
import type { RawSheet } from "./raw-sheet.js";
import { readExcelSheet } from "./read-excel.js";
import { SCHEMAS, detectKind } from "./schemas.js";
import type { TableSchema } from "./table-schema.js";
import { validateSheet, type ValidatedTable } from "./validate-sheet.js";

/**
 * Read a CSV or .xlsx file into a raw sheet (cells as written), choosing the reader by extension.
 *
 * @param file path to a .csv or .xlsx file
 * @param options.sheet Excel sheet name (first sheet by default)
 * @throws DataValidationError when the file is missing, of an unknown type or malformed
 */
export async function readSheet(file: string, options: { sheet?: string } = {}): Promise<RawSheet> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new DataValidationError([{ severity: "error", file: name, ...cannotReadMessage(err) }]);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return parseCsv(bytes.toString("utf8"), name);
  if (ext === ".xlsx") return readExcelSheet(bytes, name, options.sheet);
  throw new DataValidationError([
    { severity: "error", file: name, message: `has extension ${ext || "(none)"}; use .csv or .xlsx`, messageZh: `扩展名为 ${ext || "（无）"}；请使用 .csv 或 .xlsx 文件` },
  ]);
}

/**
 * Load and validate a CSV or Excel file as a dataset kind into an arquero table.
 *
 * @param file path to a .csv or .xlsx file
 * @param kind a schema, the name of a built-in kind ("progress", "counties"), or omitted to detect it from the header
 * @returns the table, warnings (e.g. rates above 100%) and each row's spreadsheet row number
 * @throws DataValidationError naming file, row and column of every problem
 */
export async function loadTable(
  file: string,
  kind?: TableSchema | string,
  options: { sheet?: string } = {},
): Promise<ValidatedTable & { schema: TableSchema }> {
  const raw = await readSheet(file, options);
  let schema: TableSchema | undefined;
  if (typeof kind === "object") schema = kind;
  else if (typeof kind === "string") {
    schema = SCHEMAS[kind];
    if (!schema) throw new Error(`loadTable: unknown dataset kind ${kind}; known: ${Object.keys(SCHEMAS).join(", ")}`);
  } else schema = detectKind(raw.header);
  if (!schema) {
    throw new DataValidationError([
      {
        severity: "error",
        file: raw.file,
        row: 1,
        message: `header (${raw.header.join(", ")}) matches no known dataset kind (${Object.keys(SCHEMAS).join(", ")})`,
        messageZh: `表头（${raw.header.join("、")}）不符合任何已知的数据类型：${Object.values(SCHEMAS).map((s) => `${s.kind} ${s.titleZh ?? s.title}`).join("、")}`,
      },
    ]);
  }
  return { ...validateSheet(raw, schema), schema };
}
