import type { DataIssue } from "../shared/errors.js";

/** One row of cells as read, with the row number a user sees (Excel's row, or the text file's line). */
export interface GridRow {
  row: number;
  cells: unknown[];
}

/**
 * Cells as read from a CSV file or an Excel sheet, before any type checking. `row` is the number a
 * user sees in a spreadsheet or text editor (title rows above the header count), so errors can point at it.
 */
export interface RawSheet {
  file: string;
  sheet?: string;
  header: string[];
  rows: GridRow[];
  /** Row number of the header (the last one of a two-row header); 1 when the file starts with it. */
  headerRow?: number;
  /** What the reader decided on the user's behalf (header row taken, rows skipped, encoding guessed). */
  warnings?: DataIssue[];
  /** Text of the rows above the header (titles such as "2016年10月全面改薄双月报", 填报单位 lines), in order. */
  preamble?: string[];
  /** Encoding a text file was decoded with, e.g. "GB18030". */
  encoding?: string;
  /** Field separator of a text file. */
  delimiter?: string;
}
