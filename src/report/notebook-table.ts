import { formatNumber } from "../shared/format-number.js";
import { escapeHtml } from "./render-html.js";

/** How a notebook table prints its numbers. */
export interface NotebookTableOptions {
  /** Caption above the table. */
  title?: string;
  /** Decimals per column (by column name), or one number for all; default: integers as integers, others with 3 decimals. */
  digits?: number | Record<string, number>;
  /** Columns to show, in order (default: the keys of the first row, then any new key of later rows). */
  columns?: string[];
  /** A note under the table (source, settings). */
  note?: string;
}

const STYLE = {
  table: "border-collapse:collapse;font-size:13px;margin:6px 0;font-family:inherit",
  th: "border-bottom:2px solid #999;padding:3px 10px;white-space:nowrap",
  td: "border-bottom:1px solid #e3e3e3;padding:3px 10px;white-space:nowrap",
};

/** A number written as text by a notebook (e.g. `x.toFixed(2)`), right-aligned like a number. */
const NUMERIC_TEXT = /^[-−+]?[\d,]*\.?\d+%?$/;

/**
 * An HTML table of plain rows for a notebook cell, with numbers formatted (thousands separators, fixed
 * decimals, no "-0.00") and right-aligned, text left-aligned; null, undefined and NaN print "—". Replaces
 * `console.table`, whose quoted, wrapped ASCII reads badly in exported HTML. Display it with tslab:
 * `tslab.display.html(notebookTableHtml(rows))`.
 *
 * @param rows one object per row (column name → value)
 * @param options caption, decimals, column order, note
 * @returns an HTML fragment (inline styles, so it looks the same in JupyterLab and in exported HTML)
 * @example notebookTableHtml([{ 县: "合成县001", 概率: 0.1234 }], { digits: { 概率: 2 } }) // "<table …><td …>0.12</td>…"
 */
export function notebookTableHtml(rows: readonly Record<string, unknown>[], options: NotebookTableOptions = {}): string {
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const digitsOf = (col: string, v: number) => {
    const d = options.digits;
    if (typeof d === "number") return d;
    if (d && d[col] !== undefined) return d[col];
    return Number.isInteger(v) ? 0 : 3;
  };
  const cell = (col: string, v: unknown): { text: string; numeric: boolean } => {
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return { text: "—", numeric: true };
    if (typeof v === "number") return { text: formatNumber(v, digitsOf(col, v)), numeric: true };
    if (typeof v === "bigint") return { text: formatNumber(Number(v)), numeric: true };
    if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
    const s = typeof v === "object" ? JSON.stringify(v) : String(v);
    // A text number that rounded to zero ("-0.00") keeps no sign.
    const text = /^-0(\.0+)?%?$/.test(s) ? s.slice(1) : s;
    return { text, numeric: NUMERIC_TEXT.test(text) || text === "—" };
  };
  // A header sits over its column: right for a column of numbers, left otherwise.
  const numericColumn = columns.map((c) => rows.length > 0 && rows.every((r) => cell(c, r[c]).numeric));
  const head = columns.map((c, j) => `<th style="${STYLE.th};text-align:${numericColumn[j] ? "right" : "left"}">${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${columns
          .map((c) => {
            const { text, numeric } = cell(c, r[c]);
            return `<td style="${STYLE.td};text-align:${numeric ? "right" : "left"}">${escapeHtml(text)}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("\n");
  const caption = options.title ? `<caption style="text-align:left;font-weight:600;padding:4px 0">${escapeHtml(options.title)}</caption>` : "";
  const note = options.note ? `<div style="font-size:12px;color:#666">${escapeHtml(options.note)}</div>` : "";
  return `<table style="${STYLE.table}">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}
