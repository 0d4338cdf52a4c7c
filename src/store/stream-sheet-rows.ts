import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { DataValidationError, cannotReadMessage, type DataIssue } from "../shared/errors.js";
import { excelCellValue } from "../data/read-excel.js";
import { sniffDelimiter } from "../data/sniff-delimiter.js";
import { detectTextEncoding } from "./detect-text-encoding.js";
import { splitCsvRecords } from "./split-csv-records.js";

/** A row as written in the file: its spreadsheet row (or CSV line) number and its cells. */
export interface SheetRow {
  row: number;
  cells: unknown[];
}

/** Where a streamed file's rows come from: its display name and, for a workbook, the sheet. */
export interface StreamedSheet {
  file: string;
  sheet?: string;
  /** The rows in file order, header and title rows included; blank rows left out. */
  rows: AsyncIterable<SheetRow>;
}

const bad = (file: string, message: string, messageZh: string, extra: Partial<DataIssue> = {}): DataValidationError =>
  new DataValidationError([{ severity: "error", file, message, messageZh, ...extra }]);

/**
 * Stream the rows of a CSV (UTF-8, GB18030/GBK or UTF-16, detected) or an .xlsx sheet without holding the file in
 * memory: a national school-level panel of millions of rows must not need gigabytes. The caller finds the header.
 *
 * @param file path to a .csv/.txt or .xlsx file
 * @param options.sheet Excel sheet name (the first sheet by default)
 * @throws DataValidationError when the file cannot be opened, its type or encoding is unknown, or the sheet is missing
 */
export async function streamSheetRows(file: string, options: { sheet?: string } = {}): Promise<StreamedSheet> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  let head: Uint8Array;
  let size: number;
  try {
    const fh = await open(file, "r");
    try {
      size = (await fh.stat()).size;
      const buf = Buffer.alloc(Math.min(65536, size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new DataValidationError([{ severity: "error", file: name, ...cannotReadMessage(err) }]);
  }
  if (ext === ".csv" || ext === ".txt") {
    const enc = detectTextEncoding(head, head.length >= size);
    if (!enc) {
      throw bad(
        name,
        "is neither UTF-8, GB18030/GBK nor UTF-16 text; save it from Excel as “CSV UTF-8”",
        "既不是 UTF-8，也不是 GB18030/GBK 或 UTF-16 文本；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
      );
    }
    return { file: name, rows: csvRows(file, name, enc) };
  }
  if (ext === ".xlsx") {
    if (!(head[0] === 0x50 && head[1] === 0x4b)) {
      throw bad(name, "is not an .xlsx workbook (not a zip file); save it from Excel as .xlsx", "不是 .xlsx 工作簿（不是 zip 格式）；请在 Excel 中另存为 .xlsx");
    }
    return xlsxRows(file, name, options.sheet);
  }
  throw bad(name, `has extension ${ext || "(none)"}; use .csv or .xlsx`, `扩展名为 ${ext || "（无）"}；请使用 .csv 或 .xlsx 文件`);
}

async function* csvRows(file: string, name: string, enc: string): AsyncGenerator<SheetRow> {
  let split: ReturnType<typeof splitCsvRecords> | undefined;
  const stream = createReadStream(file).pipe(iconv.decodeStream(enc));
  const isBlank = (f: string[]) => f.every((c) => c.trim() === "");
  for await (const chunk of stream as AsyncIterable<string>) {
    // Offices save with commas, semicolons or tabs ("Unicode 文本"): the first piece tells which.
    split ??= splitCsvRecords(sniffDelimiter(chunk));
    for (const r of split.push(chunk)) if (!isBlank(r.fields)) yield { row: r.line, cells: r.fields };
  }
  if (!split) return;
  const { records, openQuoteLine } = split.end();
  if (openQuoteLine !== undefined) throw bad(name, 'a quoted field is never closed (missing ")', "有一个带引号的字段没有结束（缺少 \"）", { row: openQuoteLine });
  for (const r of records) if (!isBlank(r.fields)) yield { row: r.line, cells: r.fields };
}

async function xlsxRows(file: string, name: string, sheetName?: string): Promise<StreamedSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  const sheets = reader[Symbol.asyncIterator]();
  const seen: string[] = [];
  let chosen: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const ws = next.value as ExcelJS.stream.xlsx.WorksheetReader & { name: string };
      seen.push(ws.name);
      if (!sheetName || ws.name === sheetName) {
        chosen = ws;
        break;
      }
      // Sheets before the chosen one must still be read through.
      for await (const _ of ws) void _;
    }
  } catch (err) {
    throw bad(name, `is not a readable .xlsx workbook (${(err as Error).message})`, `不是可以读取的 .xlsx 工作簿（${(err as Error).message}）`);
  }
  if (!chosen) {
    throw bad(
      name,
      sheetName ? `has no sheet ${sheetName}; sheets: ${seen.join(", ") || "none"}` : "has no sheet",
      sheetName ? `没有名为 ${sheetName} 的工作表；现有工作表：${seen.join("、") || "无"}` : "没有任何工作表",
    );
  }
  const ws = chosen as ExcelJS.stream.xlsx.WorksheetReader & { name: string };
  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      for await (const row of ws) {
        // As the whole-workbook reader sees a cell: cached formula results, percent formats as "34.37%", errors named.
        const values: unknown[] = [];
        (row as ExcelJS.Row).eachCell({ includeEmpty: true }, (cell, col) => {
          values[col - 1] = excelCellValue(cell.value, cell.numFmt);
        });
        for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = "";
        if (values.every((c) => c === "" || c === null)) continue;
        yield { row: (row as ExcelJS.Row).number, cells: values };
      }
    } catch (err) {
      if (err instanceof DataValidationError) throw err;
      throw bad(name, `is not a readable .xlsx workbook (${(err as Error).message})`, `不是可以读取的 .xlsx 工作簿（${(err as Error).message}）`, { sheet: ws.name });
    }
    // Let exceljs finish the zip so its temporary files are removed.
    for (;;) {
      const next = await sheets.next().catch(() => ({ done: true }));
      if (next.done) break;
      for await (const _ of (next as { value: ExcelJS.stream.xlsx.WorksheetReader }).value) void _;
    }
  }
  return { file: name, sheet: ws.name, rows: rows() };
}
