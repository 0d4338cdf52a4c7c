import { readFile, stat } from "node:fs/promises";
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

// Reading whole takes about 17× a CSV's size and far more for a zipped workbook; past these the process would die of
// "JavaScript heap out of memory" with no message. The store's importer streams files of any size.
const WHOLE_READ_LIMIT_MB = { text: 150, xlsx: 25 };

/** A file too large to read whole is refused with a message saying what to do instead (gaibo import streams it). */
async function refuseTooLarge(file: string, name: string): Promise<void> {
  const size = (await stat(file)).size;
  const limit = path.extname(file).toLowerCase() === ".xlsx" ? WHOLE_READ_LIMIT_MB.xlsx : WHOLE_READ_LIMIT_MB.text;
  if (size <= limit * 1024 * 1024) return;
  const mb = Math.round(size / 1024 / 1024);
  throw new DataValidationError([
    {
      severity: "error",
      file: name,
      message: `is ${mb} MB, too large to read whole (limit ${limit} MB); import it into the panel store with gaibo import (read in bounded memory) and point the scenario at "store:<path>"`,
      messageZh: `有 ${mb} MB，太大，无法整体读入（上限 ${limit} MB）；请用 gaibo import 导入面板库（流式读取，内存有界），再在情景文件中使用 "store:<库路径>"`,
    },
  ]);
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
    await refuseTooLarge(file, name);
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof DataValidationError) throw err;
    throw new DataValidationError([{ severity: "error", file: name, ...cannotReadMessage(err) }]);
  }
  const ext = path.extname(file).toLowerCase();
  // What the bytes are decides the reader; the extension only names what the user meant (offices rename files:
  // a workbook saved as .xls, a web system's "Excel export" that is tab-separated text).
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const textExt = ext === ".csv" || ext === ".txt" || ext === ".tsv";
  const excelExt = ext === ".xlsx" || ext === ".xlsm" || ext === ".xls" || ext === ".et";
  const renamed = (to: string): DataIssue => ({
    severity: "warning",
    file: name,
    message: `is named ${ext || "(no extension)"} but holds ${to}; read as such`,
    messageZh: `扩展名为 ${ext || "（无）"}，内容却是${to === "an .xlsx workbook" ? " .xlsx 工作簿" : "文本表格"}；已按实际内容读取`,
  });
  if (zip && (excelExt || textExt)) {
    const sheet = await readExcelSheet(bytes, name, options.sheet, { schemas: options.schemas });
    return ext === ".xlsx" || ext === ".xlsm" ? sheet : { ...sheet, warnings: [renamed("an .xlsx workbook"), ...(sheet.warnings ?? [])] };
  }
  if (ole || ext === ".et" || ext === ".wps") {
    throw new DataValidationError([
      {
        severity: "error",
        file: name,
        message: "is an old-format Excel (.xls, 97–2003) or WPS workbook; save it as .xlsx (Excel 2007 or later) or .csv",
        messageZh: "是旧版 Excel（.xls，97–2003）或 WPS 工作簿；请另存为 .xlsx（Excel 2007 及以后）或 .csv",
      },
    ]);
  }
  if (textExt || excelExt) {
    const { text, encoding, basis } = decodeText(bytes);
    if (/^\s*<(!doctype|html|table|\?xml)/i.test(text.slice(0, 200))) {
      throw new DataValidationError([
        {
          severity: "error",
          file: name,
          message: "is a web page (HTML or XML) saved under a spreadsheet name; open it in Excel and save it as .xlsx",
          messageZh: "是以表格文件名保存的网页（HTML 或 XML）；请用 Excel 打开后另存为 .xlsx",
        },
      ]);
    }
    if (excelExt && !(basis === "valid" || basis === "bom")) {
      throw new DataValidationError([
        { severity: "error", file: name, message: "is not a readable .xlsx workbook (not a zip file)", messageZh: "不是可以读取的 .xlsx 工作簿（不是 zip 格式）" },
      ]);
    }
    const sheet = parseCsv(text, name, { schemas: options.schemas });
    const warnings: DataIssue[] = [...(sheet.warnings ?? [])];
    if (excelExt) warnings.unshift(renamed("delimited text"));
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
  throw new DataValidationError([
    { severity: "error", file: name, message: `has extension ${ext || "(none)"}; use .csv or .xlsx`, messageZh: `扩展名为 ${ext || "（无）"}；请使用 .csv 或 .xlsx 文件` },
  ]);
}

/** Where in a file a table was read: its sheet, header row, encoding and separator. */
export interface SheetSource {
  sheet?: string;
  headerRow: number;
  encoding?: string;
  delimiter?: string;
}

/**
 * Load and validate a CSV or Excel file as a dataset kind into an arquero table.
 *
 * @param file path to a .csv or .xlsx file
 * @param kind a schema, the name of a built-in kind ("progress", "counties"), or omitted to detect it from the header
 * @returns the table, warnings (e.g. rates above 100%, the header row taken, totals rows left out), each row's
 *   spreadsheet row number, and where the table was found (sheet, header row, encoding)
 * @throws DataValidationError naming file, row and column of every problem
 */
export async function loadTable(
  file: string,
  kind?: TableSchema | string,
  options: { sheet?: string } = {},
): Promise<ValidatedTable & { schema: TableSchema; source: SheetSource }> {
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
  const source: SheetSource = { headerRow: raw.headerRow ?? 1 };
  if (raw.sheet) source.sheet = raw.sheet;
  if (raw.encoding) source.encoding = raw.encoding;
  if (raw.delimiter) source.delimiter = raw.delimiter;
  return { ...validateSheet(raw, schema), schema, source };
}
