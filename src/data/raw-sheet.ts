/**
 * Cells as read from a CSV file or an Excel sheet, before any type checking. `row` is the number a
 * user sees in a spreadsheet or text editor (the header is row 1), so errors can point at it.
 */
export interface RawSheet {
  file: string;
  sheet?: string;
  header: string[];
  rows: { row: number; cells: unknown[] }[];
}
