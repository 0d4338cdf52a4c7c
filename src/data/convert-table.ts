import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import ExcelJS from "exceljs";

/**
 * Format a table as CSV text (UTF-8 with BOM, so Excel opens Chinese headers correctly).
 *
 * @param table any arquero table
 */
export function tableToCsv(table: ColumnTable): string {
  return "\ufeff" + table.toCSV() + "\n";
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
  for (const row of table.objects() as Record<string, unknown>[]) ws.addRow(names.map((n) => row[n] ?? null));
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
