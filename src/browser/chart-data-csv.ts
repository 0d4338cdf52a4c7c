/** One cell of a chart's data: what chart builders put in their rows. */
export type CellValue = string | number | boolean | null | undefined;

/** A chart's data as a table: column names in order of first appearance, then one array of cells per row. */
export interface DataTable {
  columns: string[];
  rows: CellValue[][];
}

/**
 * A chart's rows (one object per row) as a table, keeping columns in the order they first appear, with the chart's
 * source and provenance mark added as the last two columns so a copied file still says where its numbers come from.
 *
 * @param rows the chart's rows
 * @param mark provenance mark and source text, added as columns `provenance` and `source` unless the rows have them
 */
export function chartDataTable(rows: readonly Record<string, unknown>[], mark?: { provenance: string; source: string }): DataTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  const extra = mark ? (["provenance", "source"] as const).filter((k) => !seen.has(k)) : [];
  const cell = (v: unknown): CellValue => (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : JSON.stringify(v));
  return {
    columns: [...columns, ...extra],
    rows: rows.map((r) => [...columns.map((c) => cell(r[c])), ...extra.map((k) => mark![k])]),
  };
}

// Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection, OWASP): a leading
// apostrophe makes it text. Numbers are written as numbers, so a negative amount is not touched.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet: a leading ' when it would start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = neutraliseFormula(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A table as CSV text for Excel: a UTF-8 byte-order mark (so Excel opens Chinese text correctly), CRLF line ends,
 * RFC 4180 quoting, and text cells that would start a formula prefixed with '.
 *
 * @example tableCsv({ columns: ["a"], rows: [["=1+1"]] }) // "\uFEFFa\r\n'=1+1\r\n"
 */
export function tableCsv(table: DataTable): string {
  const lines = [table.columns.map(csvCell).join(","), ...table.rows.map((r) => r.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
