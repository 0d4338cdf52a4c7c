import ExcelJS from "exceljs";
import type { GridRow, RawSheet } from "./raw-sheet.js";
import type { TableSchema } from "./table-schema.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import { findHeaderRow } from "./find-header-row.js";
import { isBlankRow, sheetFromGrid } from "./sheet-from-grid.js";
import { SCHEMAS } from "./schemas.js";

// A number format shows percentages when it has a % outside quoted text ("0.00%", not "0\"%\"").
const isPercentFormat = (fmt: string | undefined) => !!fmt && /%/.test(fmt.replace(/"[^"]*"|\\./g, ""));

// Percentages as Excel shows them: 0.3437 under "0.00%" is "34.37%"; toPrecision drops float noise.
const asPercentText = (n: number) => `${Number((n * 100).toPrecision(15))}%`;

/**
 * Reduce an exceljs cell to the value a user sees: a formula's saved result, rich text joined, a
 * hyperlink's text, a percent-formatted number as "34.37%" (so 0.3437 is never read as 0.3437
 * points), an Excel error as `{ excelError }` and a formula Excel never calculated as `{ excelFormula }`.
 *
 * @param v the cell's value
 * @param numFmt the cell's number format
 */
export function excelCellValue(v: ExcelJS.CellValue, numFmt?: string): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v;
  if (typeof v === "number") return isPercentFormat(numFmt) && Number.isFinite(v) ? asPercentText(v) : v;
  if (typeof v !== "object") return v;
  if ("formula" in v || "sharedFormula" in v) {
    const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    if (f.result === undefined || f.result === null) return { excelFormula: f.formula ?? f.sharedFormula ?? "" };
    return excelCellValue(f.result as ExcelJS.CellValue, numFmt);
  }
  if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  if ("text" in v) return (v as ExcelJS.CellHyperlinkValue).text;
  if ("error" in v) return { excelError: (v as ExcelJS.CellErrorValue).error };
  return String(v);
}

/** Every row of a worksheet as cells a user sees; merged cells repeat their top-left value, as exceljs gives them. */
function gridOf(ws: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      cells.push(excelCellValue(cell.value, cell.numFmt));
    }
    rows.push({ row: row.number, cells });
  });
  return rows;
}

/**
 * Read one sheet of an .xlsx workbook (planning offices keep the 双月报 in Excel) into a raw sheet.
 * The header is found among the first rows (title and 填报单位 rows are skipped); row numbers are
 * Excel's own. Without a sheet name, a workbook with one sheet of data is read whole; with several,
 * the one whose header names known columns is taken (the others are listed in a warning), and when
 * more than one does, the error lists them and asks for `--sheet`.
 *
 * @param data the .xlsx file's bytes
 * @param file file name used in error messages
 * @param sheetName sheet to read; chosen as above when omitted
 * @param options.schemas kinds whose column names identify the header and the sheet (all built-in kinds by default)
 * @throws DataValidationError when the bytes are not an .xlsx workbook, the sheet is missing or empty, or the choice is ambiguous
 */
export async function readExcelSheet(data: Uint8Array, file: string, sheetName?: string, options: { schemas?: readonly TableSchema[] } = {}): Promise<RawSheet> {
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
  const names = wb.worksheets.map((w) => w.name);
  const listed = names.join(", ") || "none";
  const listedZh = names.join("、") || "无";
  if (sheetName) {
    const ws = wb.getWorksheet(sheetName);
    if (!ws) {
      throw new DataValidationError([
        { severity: "error", file, message: `has no sheet ${sheetName}; sheets: ${listed}`, messageZh: `没有名为 ${sheetName} 的工作表；现有工作表：${listedZh}` },
      ]);
    }
    return sheetFromGrid(gridOf(ws), { file, sheet: ws.name }, options);
  }
  const schemas = options.schemas ?? Object.values(SCHEMAS);
  const withData = wb.worksheets.map((ws) => ({ ws, grid: gridOf(ws) })).filter((s) => s.grid.some((r) => !isBlankRow(r.cells)));
  if (withData.length === 0) {
    const ws = wb.worksheets[0];
    throw new DataValidationError([
      ws
        ? { severity: "error", file, sheet: ws.name, message: "the sheet is empty", messageZh: "工作表为空" }
        : { severity: "error", file, message: "has no sheets", messageZh: "没有任何工作表" },
    ]);
  }
  if (withData.length === 1) return sheetFromGrid(withData[0].grid, { file, sheet: withData[0].ws.name }, options);
  const scored = withData.map((s) => ({ ...s, score: findHeaderRow(s.grid.filter((r) => !isBlankRow(r.cells)).map((r) => r.cells), schemas).score }));
  let fitting = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
  // A notes sheet (说明) that lists column names one per row names a column or two per row; the data sheet
  // names them all in one row. One sheet naming at least twice as many columns as any other is the data.
  if (fitting.length > 1 && fitting[0].score >= 3 && fitting[0].score >= 2 * fitting[1].score) fitting = [fitting[0]];
  if (fitting.length > 1) {
    const these = fitting.map((s) => s.ws.name);
    throw new DataValidationError([
      {
        severity: "error",
        file,
        message: `has ${these.length} sheets of data (${these.join(", ")}); choose one with --sheet <name> (in a scenario file: "${file}#<sheet>")`,
        messageZh: `有 ${these.length} 个数据工作表（${these.join("、")}）；请用 --sheet <工作表名> 选择其中一个（情景文件中写作 "${file}#<工作表名>"）`,
      },
    ]);
  }
  const chosen = fitting[0] ?? scored[0];
  const sheet = sheetFromGrid(chosen.grid, { file, sheet: chosen.ws.name }, options);
  const note: DataIssue = {
    severity: "warning",
    file,
    sheet: chosen.ws.name,
    message: `the workbook has sheets ${listed}; read sheet ${chosen.ws.name} (choose another with --sheet <name>)`,
    messageZh: `工作簿有工作表 ${listedZh}；已读取工作表 ${chosen.ws.name}（可用 --sheet <工作表名> 选择其他工作表）`,
  };
  return { ...sheet, warnings: [note, ...(sheet.warnings ?? [])] };
}
