import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { DataIssue } from "../shared/errors.js";
import { DataValidationError } from "../shared/errors.js";
import type { RawSheet } from "./raw-sheet.js";
import type { ColumnSpec, TableSchema } from "./table-schema.js";
import { coerceValue } from "./coerce-value.js";

/** A validated table with the warnings found on the way (e.g. rates above 100%). */
export interface ValidatedTable {
  table: ColumnTable;
  warnings: DataIssue[];
  /** The spreadsheet row number of each table row, for messages that come later. */
  rowNumbers: number[];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, "_");

/** Report a problem at a row and column in English and in Chinese. */
type At = (row: number | undefined, column: string | undefined, message: string, messageZh: string, severity?: DataIssue["severity"]) => void;

// A clerk reads shares as percentages: 1.2 is 120%. toPrecision drops float noise (1.2 * 100 = 120.00000000000001).
const percent = (x: number) => `${Number((x * 100).toPrecision(12))}%`;

function matchHeader(header: string[], spec: ColumnSpec): number {
  const names = [spec.name, ...(spec.aliases ?? [])].map(norm);
  return header.findIndex((h) => names.includes(norm(h)));
}

/**
 * Check a raw sheet against a dataset kind and build an arquero table from it. Every problem in the
 * file is collected and reported at once with its file, row and column; nothing is returned when
 * there is any error, so no partial data can travel on.
 *
 * Columns the schema does not know are kept as text (users keep notes beside the numbers).
 *
 * @throws DataValidationError listing every missing column, unreadable cell, out-of-range value,
 *   duplicated key and out-of-order date
 */
export function validateSheet(raw: RawSheet, schema: TableSchema): ValidatedTable {
  const { file, sheet } = raw;
  const issues: DataIssue[] = [];
  const at: At = (row, column, message, messageZh, severity = "error") => issues.push({ severity, file, sheet, row, column, message, messageZh });

  const seen = new Map<string, number>();
  raw.header.forEach((h, i) => {
    if (h === "") return;
    const k = norm(h);
    if (seen.has(k)) at(1, h, `the header repeats column ${h} (also column ${seen.get(k)! + 1})`, `表头中列 ${h} 重复（第 ${seen.get(k)! + 1} 列也是 ${h}）`);
    else seen.set(k, i);
  });

  const positions = new Map<string, number>();
  for (const spec of schema.columns) {
    const idx = matchHeader(raw.header, spec);
    if (idx >= 0) positions.set(spec.name, idx);
    else if (!spec.optional) {
      const also = spec.aliases?.length ? ` (or ${spec.aliases[0]})` : "";
      const alsoZh = spec.aliases?.length ? `（或 ${spec.aliases[0]}）` : "";
      const found = raw.header.filter(Boolean);
      at(
        1,
        spec.name,
        `required column ${spec.name}${also} is missing (found: ${found.join(", ")})`,
        `缺少必填列 ${spec.name}${alsoZh}；文件中的列：${found.join("、") || "（无）"}`,
      );
    }
  }
  if (issues.some((i) => i.severity === "error")) throw new DataValidationError(issues, `${file}: does not match ${schema.title}`);

  const known = new Set(positions.values());
  const extra = raw.header.map((h, i) => ({ h, i })).filter(({ h, i }) => h !== "" && !known.has(i));
  const columns: Record<string, unknown[]> = {};
  for (const spec of schema.columns) if (positions.has(spec.name)) columns[spec.name] = [];
  for (const { h } of extra) columns[h] = [];

  for (const { row, cells } of raw.rows) {
    for (const spec of schema.columns) {
      const idx = positions.get(spec.name);
      if (idx === undefined) continue;
      const header = raw.header[idx];
      const c = coerceValue(cells[idx], spec);
      if (!c.ok) {
        at(row, header, c.message, c.messageZh);
        columns[spec.name].push(null);
        continue;
      }
      const v = c.value;
      if (v === null && spec.required) at(row, header, "is empty but required", "为空，但此列必填");
      if (typeof v === "number") {
        if (spec.minimum !== undefined && v < spec.minimum) {
          if (spec.minimum === 0) at(row, header, `${v} is negative`, `${v} 是负数，不能小于 0`);
          else at(row, header, `${v} is below the minimum ${spec.minimum}`, `${v} 低于最小值 ${spec.minimum}`);
        } else if (spec.maximum !== undefined && v > spec.maximum) at(row, header, `${v} is above the maximum ${spec.maximum}`, `${v} 超过最大值 ${spec.maximum}`);
        else if (spec.warnAbove !== undefined && v > spec.warnAbove) {
          const share = spec.unit?.startsWith("share") ?? false;
          const [shown, bound] = share ? [percent(v), percent(spec.warnAbove)] : [String(v), String(spec.warnAbove)];
          at(row, header, `${v} is above ${spec.warnAbove} (over-delivery?); accepted`, `${shown} 超过 ${bound}（超额完成？），已接受`, "warning");
        }
      }
      if (typeof v === "string" && spec.enum && !spec.enum.includes(v)) {
        at(row, header, `"${v}" is not one of ${spec.enum.join(", ")}`, `"${v}" 不是允许的取值（可填：${spec.enum.join("、")}）`);
      }
      columns[spec.name].push(v);
    }
    for (const { h, i } of extra) columns[h].push(cells[i] === "" ? null : cells[i]);
  }

  const rowNumbers = raw.rows.map((r) => r.row);
  // Key and order problems name the columns as the user's header does (截至日期, not as_of).
  const headerOf = (name: string) => {
    const idx = positions.get(name);
    return idx === undefined ? name : raw.header[idx];
  };
  checkKeys(schema, columns, rowNumbers, headerOf, at);
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length) throw new DataValidationError(issues, `${file}: ${errors.length} problem(s) against ${schema.title}`);
  return { table: aq.table(columns), warnings: issues, rowNumbers };
}

function checkKeys(
  schema: TableSchema,
  columns: Record<string, unknown[]>,
  rowNumbers: number[],
  headerOf: (name: string) => string,
  at: At,
): void {
  const n = rowNumbers.length;
  const keyOf = (cols: readonly string[], i: number) => cols.map((c) => String(columns[c]?.[i] ?? "")).join(" | ");
  if (schema.primaryKey?.every((c) => columns[c])) {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = keyOf(schema.primaryKey, i);
      const prev = first.get(k);
      if (prev !== undefined) {
        const key = schema.primaryKey.map(headerOf);
        at(rowNumbers[i], key.join("+"), `duplicates row ${prev} (${key.join(", ")} = ${k})`, `与第 ${prev} 行重复（${key.join("、")} = ${k}）`);
      } else first.set(k, rowNumbers[i]);
    }
  }
  const ord = schema.ordered;
  if (ord && columns[ord.by] && ord.within.every((c) => columns[c])) {
    const last = new Map<string, { value: string; row: number }>();
    for (let i = 0; i < n; i++) {
      const v = columns[ord.by][i];
      if (v === null || v === undefined) continue;
      const g = keyOf(ord.within, i);
      const prev = last.get(g);
      if (prev && String(v) < prev.value) {
        at(
          rowNumbers[i],
          headerOf(ord.by),
          `${String(v)} comes after ${prev.value} (row ${prev.row}) for ${g}: dates out of order`,
          `${String(v)} 早于第 ${prev.row} 行的 ${prev.value}（${g}）：日期顺序颠倒`,
        );
      }
      if (!prev || String(v) >= prev.value) last.set(g, { value: String(v), row: rowNumbers[i] });
    }
  }
}
