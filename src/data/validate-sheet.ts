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
  const at = (row: number | undefined, column: string | undefined, message: string, severity: DataIssue["severity"] = "error") =>
    issues.push({ severity, file, sheet, row, column, message });

  const seen = new Map<string, number>();
  raw.header.forEach((h, i) => {
    if (h === "") return;
    const k = norm(h);
    if (seen.has(k)) at(1, h, `the header repeats column ${h} (also column ${seen.get(k)! + 1})`);
    else seen.set(k, i);
  });

  const positions = new Map<string, number>();
  for (const spec of schema.columns) {
    const idx = matchHeader(raw.header, spec);
    if (idx >= 0) positions.set(spec.name, idx);
    else if (!spec.optional) {
      const also = spec.aliases?.length ? ` (or ${spec.aliases[0]})` : "";
      at(1, spec.name, `required column ${spec.name}${also} is missing (found: ${raw.header.filter(Boolean).join(", ")})`);
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
        at(row, header, c.message);
        columns[spec.name].push(null);
        continue;
      }
      const v = c.value;
      if (v === null && spec.required) at(row, header, "is empty but required");
      if (typeof v === "number") {
        if (spec.minimum !== undefined && v < spec.minimum) {
          at(row, header, spec.minimum === 0 ? `${v} is negative` : `${v} is below the minimum ${spec.minimum}`);
        } else if (spec.maximum !== undefined && v > spec.maximum) at(row, header, `${v} is above the maximum ${spec.maximum}`);
        else if (spec.warnAbove !== undefined && v > spec.warnAbove) {
          at(row, header, `${v} is above ${spec.warnAbove} (over-delivery?); accepted`, "warning");
        }
      }
      if (typeof v === "string" && spec.enum && !spec.enum.includes(v)) {
        at(row, header, `"${v}" is not one of ${spec.enum.join(", ")}`);
      }
      columns[spec.name].push(v);
    }
    for (const { h, i } of extra) columns[h].push(cells[i] === "" ? null : cells[i]);
  }

  const rowNumbers = raw.rows.map((r) => r.row);
  checkKeys(schema, columns, rowNumbers, raw, at);
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length) throw new DataValidationError(issues, `${file}: ${errors.length} problem(s) against ${schema.title}`);
  return { table: aq.table(columns), warnings: issues, rowNumbers };
}

function checkKeys(
  schema: TableSchema,
  columns: Record<string, unknown[]>,
  rowNumbers: number[],
  raw: RawSheet,
  at: (row: number | undefined, column: string | undefined, message: string) => void,
): void {
  const n = rowNumbers.length;
  const keyOf = (cols: readonly string[], i: number) => cols.map((c) => String(columns[c]?.[i] ?? "")).join(" | ");
  if (schema.primaryKey?.every((c) => columns[c])) {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = keyOf(schema.primaryKey, i);
      const prev = first.get(k);
      if (prev !== undefined) {
        at(rowNumbers[i], schema.primaryKey.join("+"), `duplicates row ${prev} (${schema.primaryKey.join(", ")} = ${k})`);
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
        const header = raw.header.find((h) => norm(h) === norm(ord.by)) ?? ord.by;
        at(rowNumbers[i], header, `${String(v)} comes after ${prev.value} (row ${prev.row}) for ${g}: dates out of order`);
      }
      if (!prev || String(v) >= prev.value) last.set(g, { value: String(v), row: rowNumbers[i] });
    }
  }
}
