import ExcelJS from "exceljs";
import { DataValidationError } from "../shared/errors.js";

/** A cell as a user sees it: text, number, boolean or empty. */
export type SheetCell = string | number | boolean | null;

function plain(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("result" in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  return null;
}

/**
 * Every cell of one sheet of an .xlsx workbook as rows of plain values (row 1 first, blank rows kept), for sheets
 * that are not one table, such as the 规则 sheet of a rule workbook.
 *
 * @param data the .xlsx file's bytes
 * @param file file name for messages
 * @param sheetName the sheet to read
 * @returns rows of cells
 * @throws DataValidationError when the bytes are not a workbook or the sheet is missing
 */
export async function readSheetCells(data: Uint8Array, file: string, sheetName: string): Promise<SheetCell[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new DataValidationError([
      { severity: "error", file, message: `is not a readable .xlsx workbook (${(err as Error).message})`, messageZh: `不是可以读取的 .xlsx 工作簿（${(err as Error).message}）` },
    ]);
  }
  const ws = wb.getWorksheet(sheetName);
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name);
    throw new DataValidationError([
      { severity: "error", file, message: `has no sheet ${sheetName}; sheets: ${names.join(", ") || "none"}`, messageZh: `没有名为 ${sheetName} 的工作表；现有工作表：${names.join("、") || "无"}` },
    ]);
  }
  const rows: SheetCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    while (rows.length < n - 1) rows.push([]);
    rows.push(Array.from((row.values as ExcelJS.CellValue[]).slice(1), plain));
  });
  return rows;
}

/**
 * The sheet names of an .xlsx workbook, in order (empty when the bytes are not a workbook), so a command can pick
 * a known sheet (the template's 县级因素表) before handing the file to a loader.
 *
 * @param data the .xlsx file's bytes
 */
export async function workbookSheetNames(data: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return [];
  }
  return wb.worksheets.map((w) => w.name);
}
