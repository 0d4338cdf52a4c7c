import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import ExcelJS from "exceljs";

// Text a spreadsheet would run as a formula (OWASP, CSV injection): = + - @ and a leading tab or carriage return.
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain number written as text ("-5", "+1.5e3") is read back by Excel as that number, never as a formula: kept as is.
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * One CSV field: text that would start a formula in Excel is neutralised as OWASP's CSV-injection guidance says —
 * a single quote in front and the field quoted (`=1+1` → `"'=1+1"`), so Excel shows the text instead of running it;
 * numbers stay numbers (-5 → -5), and so does text that is a plain number ("-5" → -5, which Excel reads as the same
 * number). Other fields are quoted only when they hold a comma, a quote or a line break (as arquero writes them).
 *
 * @param value a cell
 * @returns the field as written in the CSV
 * @example
 * csvField("=HYPERLINK(\"http://x\")"); // "\"'=HYPERLINK(\"\"http://x\"\")\""
 * csvField(-5); // "-5"
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().replace(/T00:00(:00)?(\.000)?Z$/, "");
  const text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Format a table as CSV text (UTF-8 with BOM, so Excel opens Chinese headers correctly). Text cells (and column
 * names) that Excel would run as formulas are neutralised: see `csvField`.
 *
 * @param table any arquero table
 */
export function tableToCsv(table: ColumnTable): string {
  const names = table.columnNames();
  const columns = names.map((n) => table.array(n) as ArrayLike<unknown>);
  const lines = [names.map(csvField).join(",")];
  const n = table.numRows();
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => csvField(c[i])).join(","));
  return "\ufeff" + lines.join("\n") + "\n\n";
}

/**
 * Write a table as an .xlsx workbook with one sheet (planning offices exchange Excel files).
 * Numbers stay numbers; ISO dates stay text so they round-trip without time zones.
 *
 * @param table any arquero table
 * @param sheetName name of the sheet
 * @returns the workbook's bytes
 */
export async function tableToXlsx(table: ColumnTable, sheetName = "data"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  // A fixed creation date keeps generated workbooks byte-stable across runs.
  wb.created = new Date(Date.UTC(2014, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(sheetName);
  const names = table.columnNames();
  ws.addRow(names);
  ws.getRow(1).font = { bold: true };
  // Cells go in as plain values: exceljs writes a string as text, never as a formula, whatever it starts with; an
  // object (which exceljs could read as { formula }) is written as its text.
  const cell = (v: unknown) => (v === null || v === undefined ? null : typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v);
  for (const row of table.objects() as Record<string, unknown>[]) ws.addRow(names.map((n) => cell(row[n])));
  names.forEach((n, i) => {
    ws.getColumn(i + 1).width = Math.min(40, Math.max(10, n.length + 2));
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/**
 * Convert an arquero table to a danfojs DataFrame, for users who think in pandas. danfojs stores
 * numbers as float32: use it to look, never for money arithmetic.
 *
 * @param table any arquero table
 * @returns a danfojs-node DataFrame (danfojs is loaded on first use: it takes about a second)
 */
export async function toDanfo(table: ColumnTable): Promise<import("danfojs-node").DataFrame> {
  const dfd = await import("danfojs-node");
  const columns: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) columns[name] = table.array(name) as unknown[];
  return new dfd.DataFrame(columns as never);
}

/**
 * Convert a danfojs DataFrame back to an arquero table, column by column.
 *
 * @param df a danfojs DataFrame
 */
export function fromDanfo(df: import("danfojs-node").DataFrame): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const name of df.columns) columns[name] = [...(df.column(name).values as unknown[])];
  return aq.table(columns);
}
