// Shared helpers for the dataset tests: read a bundled CSV as strings, read its datapackage.json and
// check rows against the field constraints there. Kept tiny on purpose; the package loader in src/data
// does the full validation, these tests check the curated files themselves.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as aq from "arquero";

export const DATASETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "datasets");

export type Row = Record<string, string>;

export interface Field {
  name: string;
  type: string;
  description?: string;
  unit?: string;
  constraints?: { required?: boolean; minimum?: number; maximum?: number; enum?: string[] };
}

export interface Resource {
  name: string;
  path: string;
  title?: string;
  description?: string;
  provenance?: string;
  sources?: unknown[];
  schema: { fields: Field[]; primaryKey?: string[] };
}

export interface Package {
  name: string;
  title?: string;
  resources: Resource[];
}

/** Read a CSV with every cell as a string (no date or number guessing), empty cells as "". */
export function readRows(file: string): Row[] {
  const text = fs.readFileSync(file, "utf8");
  const table = aq.fromCSV(text, { autoType: false });
  return (table.objects() as Record<string, unknown>[]).map((o) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(o)) row[k] = v === null || v === undefined ? "" : String(v);
    return row;
  });
}

/** The header line of a CSV, as column names. */
export function readHeader(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return aq.fromCSV(text, { autoType: false }).columnNames();
}

export function readPackage(folder: string): Package {
  return JSON.parse(fs.readFileSync(path.join(DATASETS, folder, "datapackage.json"), "utf8")) as Package;
}

export function readResource(folder: string, name: string): Row[] {
  const pkg = readPackage(folder);
  const res = pkg.resources.find((r) => r.name === name);
  if (!res) throw new Error(`readResource: ${folder} has no resource ${name}`);
  return readRows(path.join(DATASETS, folder, res.path));
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Every problem of one file against its fields, as "file row N column: message". */
export function validateRows(file: string, rows: Row[], fields: Field[]): string[] {
  const problems: string[] = [];
  rows.forEach((row, i) => {
    for (const f of fields) {
      const v = row[f.name] ?? "";
      const where = `${file} row ${i + 2} ${f.name}`;
      if (v === "") {
        if (f.constraints?.required) problems.push(`${where}: required but empty`);
        continue;
      }
      if (f.type === "number" || f.type === "integer") {
        const x = Number(v);
        if (!Number.isFinite(x) || !/^-?\d+(\.\d+)?$/.test(v)) problems.push(`${where}: ${v} is not a plain decimal number`);
        else if (f.type === "integer" && !Number.isInteger(x)) problems.push(`${where}: ${v} is not an integer`);
        if (f.constraints?.minimum !== undefined && x < f.constraints.minimum) problems.push(`${where}: ${v} below ${f.constraints.minimum}`);
        if (f.constraints?.maximum !== undefined && x > f.constraints.maximum) problems.push(`${where}: ${v} above ${f.constraints.maximum}`);
      } else if (f.type === "date") {
        if (!isIsoDate(v)) problems.push(`${where}: ${v} is not an ISO date`);
      } else if (f.type === "boolean") {
        if (v !== "true" && v !== "false") problems.push(`${where}: ${v} is not true/false`);
      }
      if (f.constraints?.enum && !f.constraints.enum.includes(v)) problems.push(`${where}: ${v} not in ${f.constraints.enum.join("|")}`);
    }
  });
  return problems;
}

export function num(row: Row, col: string): number {
  const v = row[col];
  if (v === undefined || v === "") throw new Error(`num: ${col} is empty`);
  return Number(v);
}

/** The single row matching all given column values; throws when there are none or several. */
export function one(rows: Row[], match: Row): Row {
  const hits = rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  if (hits.length !== 1) throw new Error(`one: ${JSON.stringify(match)} matched ${hits.length} rows`);
  return hits[0];
}

/** Ranks agree with values: within the table, a better rank never has a lower value. Returns violations. */
export function rankViolations(rows: Row[], valueCol: string, rankCol = "rank"): string[] {
  const ranked = rows.filter((r) => r[rankCol] !== "" && r[valueCol] !== "");
  const out: string[] = [];
  for (const a of ranked)
    for (const b of ranked)
      if (Number(a[rankCol]) < Number(b[rankCol]) && Number(a[valueCol]) < Number(b[valueCol]))
        out.push(`${a.region} rank ${a[rankCol]} (${a[valueCol]}) below ${b.region} rank ${b[rankCol]} (${b[valueCol]})`);
  return out;
}
