import type { TableSchema } from "./table-schema.js";
import { headerKey, normalizeCellText, splitHeaderUnit } from "./normalize-cell-text.js";

/** Where the header of a sheet stands and what it says, column by column. */
export interface HeaderFound {
  /** Index (into the rows given) of the header's first row. */
  index: number;
  /** 1, or 2 for a two-row header (a merged group label above the column names, or a unit row). */
  height: 1 | 2;
  /** One name per column, the user's words on one line ("开工率(%)"; "校舍建设/开工率" for two rows). */
  header: string[];
  /** How many columns matched a known name (0 when no row did: the first row was taken). */
  score: number;
}

/** How far down a header may stand: title, 填报单位, 单位 and blank lines rarely take more than a dozen rows. */
export const HEADER_SCAN_ROWS = 15;

// Cells of a unit row under the header: 万元, 人, %, 所, (m²)…, or 栏次 labels 甲 乙 丙 and column numbers.
const UNIT_TOKEN = /^[(\[]?(%|‰|万元|元|亿元|千元|人|个|所|间|平方米|m2|m²|㎡|台|套|册|张|元\/人|元\/生|万平方米|天|月|年)[)\]]?$/i;

// A header cell on one line: line breaks inside a cell dropped, other runs of space made one.
const text = (v: unknown) => (v === null || v === undefined || v instanceof Date || typeof v === "object" ? "" : normalizeCellText(String(v)).replace(/\s*[\r\n]+\s*/g, "").replace(/\s+/g, " "));

/** Whether a cell is a unit ("万元", "(%)") as written in a unit row under a header. */
export function isUnitCell(v: unknown): boolean {
  return UNIT_TOKEN.test(text(v));
}

/**
 * A header with the unit of a unit row under it: "开工率" and "%" make "开工率(%)"; a header that already
 * says its unit in brackets is kept.
 */
export function withUnit(header: string, unitCell: unknown): string {
  const unit = text(unitCell).replace(/^[(\[]|[)\]]$/g, "");
  if (header === "" || unit === "") return header || unit;
  return /[)\]]$/.test(header) ? header : `${header}(${unit})`;
}

/** The column-name keys of the given dataset kinds, one set per kind. */
function keysOf(schemas: readonly TableSchema[]): Set<string>[] {
  return schemas.map((s) => new Set(s.columns.flatMap((c) => [c.name, ...(c.aliases ?? [])]).map(headerKey)));
}

/** Whether a header text names a column of a kind: as written, or without its bracketed unit. */
const matches = (keys: Set<string>, h: string) => h !== "" && (keys.has(headerKey(h)) || keys.has(headerKey(splitHeaderUnit(h).name)));

function score(header: string[], keys: Set<string>[]): number {
  let best = 0;
  for (const k of keys) best = Math.max(best, new Set(header.filter((h) => matches(k, h)).map(headerKey)).size);
  return best;
}

/** A number or a date as a cell holds it (header cells are names and units, not values). */
function looksLikeValue(v: unknown): boolean {
  if (typeof v === "number" || v instanceof Date) return true;
  const t = text(v);
  return /^[-+]?\d[\d,]*(\.\d+)?%?$/.test(t) && !/^\d{1,2}$/.test(t) ? true : /^\d{4}[-/.年]\d{1,2}/.test(t);
}

/** Whether a text recurs in the same column within the rows after the next (data repeats; a header name stands once, or twice when merged down over a two-row header). */
function recursBelow(rows: readonly (readonly unknown[])[], i: number, c: number, t: string, look = 12): boolean {
  if (t === "") return false;
  for (let j = i + 2; j < Math.min(rows.length, i + 2 + look); j++) if (text(rows[j][c]) === t) return true;
  return false;
}

/** Combine a group row and the row under it into one name per column (merged cells are blank to the right in CSV). */
function combine(parent: readonly unknown[], child: readonly unknown[], keys: Set<string>[]): string[] {
  const width = Math.max(parent.length, child.length);
  const out: string[] = [];
  let group = "";
  for (let c = 0; c < width; c++) {
    const p = text(parent[c]);
    const k = text(child[c]);
    if (p !== "") group = p;
    else if (k === "") group = "";
    const g = p !== "" ? p : group;
    if (k === "" || k === g) out.push(g);
    else if (isUnitCell(k)) out.push(withUnit(g, k));
    else if (g === "" || keys.some((s) => matches(s, k))) out.push(k);
    else if (keys.some((s) => matches(s, g + k))) out.push(g + k);
    else out.push(`${g}/${k}`);
  }
  return out;
}

/**
 * Find the header among the first rows of a sheet: the row (or pair of rows, for a merged group label
 * above the column names or a unit row below them) whose cells name the most columns of a known
 * dataset kind. Title rows ("2016年10月全面改薄双月报"), 填报单位 lines and blank rows above it score
 * nothing. When no row names any known column, the first row is the header, as in a plain CSV.
 *
 * @param rows the sheet's non-blank rows in order (cells as read)
 * @param schemas dataset kinds whose column names and aliases identify a header
 * @param scan how many rows to look at
 * @returns where the header is and one name per column (line breaks and full-width brackets folded)
 * @example findHeaderRow([["2016年10月全面改薄双月报"], ["县区代码", "截至日期", "开工率"]], [PROGRESS_SCHEMA]).index // 1
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], schemas: readonly TableSchema[], scan = HEADER_SCAN_ROWS): HeaderFound {
  const keys = keysOf(schemas);
  const asNames = (cells: readonly unknown[]) => cells.map(text);
  let best: HeaderFound = { index: 0, height: 1, header: asNames(rows[0] ?? []), score: 0 };
  const n = Math.min(rows.length, scan);
  const singles = rows.slice(0, n + 1).map((r) => asNames(r));
  // In a long table the values of a column can be column names ("completion_rate" under 指标): a cell whose
  // text recurs in the same column below is data, not a header, so it does not count towards the score.
  const scored = rows.slice(0, n + 1).map((r, i) => r.map((v, c) => (recursBelow(rows, i, c, text(v)) ? "" : v)));
  const singleScores = scored.map((r) => score(asNames(r), keys));
  for (let i = 0; i < n; i++) {
    if (singleScores[i] > best.score) best = { index: i, height: 1, header: singles[i], score: singleScores[i] };
    if (i + 1 < rows.length) {
      const pair = combine(rows[i], rows[i + 1], keys);
      const s2 = score(combine(scored[i], scored[i + 1], keys), keys);
      // Two rows are one header when together they name more columns than either alone (a group label above
      // column names), or when both name columns and together lose none (cells merged down over both rows).
      const [a, b] = [singleScores[i], singleScores[i + 1] ?? 0];
      // A row holding numbers or dates is data, never the second row of a header.
      const dataBelow = rows[i + 1].some(looksLikeValue);
      const better = !dataBelow && s2 > a && s2 > b && s2 > best.score;
      const merged = !dataBelow && a > 0 && b > 0 && s2 >= a && s2 >= b && s2 >= best.score;
      if (better || merged) best = { index: i, height: 2, header: pair, score: s2 };
    }
  }
  const header = [...best.header];
  while (header.length && header[header.length - 1] === "") header.pop();
  return { ...best, header };
}
