import ExcelJS from "exceljs";
import type { RawSheet } from "./raw-sheet.js";
import { DataValidationError } from "../shared/errors.js";

/** Reduce an exceljs cell value (formula, rich text, hyperlink, error) to the value a user sees. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v;
  if (typeof v !== "object") return v;
  if ("result" in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  if ("text" in v) return (v as ExcelJS.CellHyperlinkValue).text;
  if ("error" in v) return { excelError: (v as ExcelJS.CellErrorValue).error };
  return String(v);
}

/**
 * Read one sheet of an .xlsx workbook (planning offices keep the 双月报 in Excel) into a raw sheet.
 * The first non-empty row is the header; row numbers are Excel's own.
 *
 * @param data the .xlsx file's bytes
 * @param file file name used in error messages
 * @param sheetName sheet to read; the first sheet when omitted
 * @throws DataValidationError when the bytes are not an .xlsx workbook or the sheet is missing or empty
 */
export async function readExcelSheet(data: Uint8Array, file: string, sheetName?: string): Promise<RawSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new DataValidationError([
      {
        severity: "error",
        file,
        message: `is not a readable .xlsx workbook (${(err as Error).message})`,
        messageZh: `不是可以读取的 .xlsx 工作簿（${(err as Error).message}）`,
      },
    ]);
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name);
    throw new DataValidationError([
      {
        severity: "error",
        file,
        message: `has no sheet ${sheetName ?? "(any)"}; sheets: ${names.join(", ") || "none"}`,
        messageZh: sheetName ? `没有名为 ${sheetName} 的工作表；现有工作表：${names.join("、") || "无"}` : "没有任何工作表",
      },
    ]);
  }
  let header: string[] | undefined;
  let width = 0;
  const rows: RawSheet["rows"] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    // exceljs row.values is 1-based with a hole at index 0.
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (!header) {
      header = values.map((v) => String(v ?? "").trim());
      while (header.length && header[header.length - 1] === "") header.pop();
      width = header.length;
      return;
    }
    const cells = Array.from({ length: Math.max(width, values.length) }, (_, i) => values[i] ?? "");
    if (cells.every((c) => c === "" || c === null)) return;
    rows.push({ row: row.number, cells });
  });
  if (!header) {
    throw new DataValidationError([{ severity: "error", file, sheet: ws.name, message: "the sheet is empty", messageZh: "工作表为空" }]);
  }
  return { file, sheet: ws.name, header, rows };
}
