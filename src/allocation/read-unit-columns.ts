import * as aq from "arquero";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import { unitsColumns, type CountyUnitRow, type UnitsColumnName } from "./units-columns.js";

/** County units as an arquero table or as plain rows (one object per county). */
export type CountyUnits = aq.ColumnTable | readonly CountyUnitRow[] | readonly Record<string, unknown>[];

/** What a caller needs from one column: numbers with a lower bound, or text labels. */
export interface ColumnRequirement {
  column: string;
  kind: "number" | "text";
  /** Smallest allowed value (inclusive), if any. */
  min?: number;
  /** Values must be strictly above `min` (e.g. a capacity that is divided by). */
  exclusiveMin?: boolean;
  /** Who needs it, shown in the message (e.g. `groups[0].factors[1]`). */
  neededBy: string;
}

// Callers name themselves in English (rule-columns.ts); the phrases a clerk sees most are said in Chinese.
const NEEDED_BY_ZH: Record<string, string> = { "every rule": "所有规则", "every rule (per-pupil results)": "所有规则（用于生均结果）" };
const neededByZh = (neededBy: string) => NEEDED_BY_ZH[neededBy] ?? neededBy;

/** The columns read from a units table, keyed by name; numbers as Float64Array, text as string[]. */
export interface UnitColumns {
  rowCount: number;
  numbers: Map<string, Float64Array>;
  texts: Map<string, string[]>;
}

/**
 * Read and check the columns a computation needs from a table of county units.
 *
 * Collects every problem before throwing, each with its row (1-based as in Excel, header = row 1, so the first
 * county is row 2) and column: a missing column, a value that is not a finite number (NaN, empty, text), or a
 * number below its allowed minimum.
 *
 * @param units arquero table or plain rows, one per county
 * @param requirements the columns to read and their constraints (a column may appear more than once; the strictest
 *   minimum wins)
 * @param source a label for messages, e.g. the file name (optional)
 * @returns the columns as arrays
 * @throws DataValidationError listing every problem with its row and column
 * @example readUnitColumns([{ pupils: 10 }], [{ column: "pupils", kind: "number", min: 0, neededBy: "x" }]).numbers.get("pupils")?.[0] // 10
 * @see ./units-columns.ts for the standard columns
 */
export function readUnitColumns(units: CountyUnits, requirements: readonly ColumnRequirement[], source?: string): UnitColumns {
  const table = units instanceof aq.ColumnTable ? units : null;
  const rows = table ? null : (units as readonly Record<string, unknown>[]);
  const rowCount = table ? table.numRows() : rows!.length;
  // A column is present if any row has it (usually the first does: no scan). Collecting every row's keys instead
  // dominated repeated calls such as a weight search's thousands of allocations.
  const tableColumns = table ? new Set(table.columnNames()) : null;
  const isPresent = (column: string) => (tableColumns ? tableColumns.has(column) : rows!.some((r) => Object.prototype.hasOwnProperty.call(r, column)));
  const issues: DataIssue[] = [];
  const file = source !== undefined ? { file: source } : {};
  const numbers = new Map<string, Float64Array>();
  const texts = new Map<string, string[]>();
  const merged = new Map<string, ColumnRequirement>();
  for (const r of requirements) {
    const prev = merged.get(r.column);
    if (!prev) merged.set(r.column, { ...r });
    else if (r.kind === "number") {
      const stricter = prev.min === undefined || (r.min !== undefined && (r.min > prev.min || (r.min === prev.min && r.exclusiveMin)));
      merged.set(r.column, stricter ? { ...r } : { ...prev, kind: "number" });
    }
  }
  const valueAt = (column: string, i: number): unknown => (table ? table.get(column, i) : rows![i][column]);
  for (const req of merged.values()) {
    if (!isPresent(req.column)) {
      issues.push({
        severity: "error",
        ...file,
        column: req.column,
        message: `column ${req.column} is missing (needed by ${req.neededBy})${req.column in unitsColumns ? `; Chinese header ${unitsColumns[req.column as UnitsColumnName].label}; gaibo template --out 模板.xlsx lists every column and where to find it` : ""}`,
        messageZh: `缺少列 ${req.column}${req.column in unitsColumns ? `（中文表头“${unitsColumns[req.column as UnitsColumnName].label}”）` : ""}（${neededByZh(req.neededBy)} 需要此列）${req.column in unitsColumns ? "；各列的含义和数据来源见 gaibo template --out 模板.xlsx 的“说明”工作表" : ""}`,
      });
      continue;
    }
    if (req.kind === "text") {
      const out: string[] = new Array(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const v = valueAt(req.column, i);
        if (v === undefined || v === null || v === "") {
          issues.push({ severity: "error", ...file, row: i + 2, column: req.column, message: "is empty", messageZh: "为空" });
          out[i] = "";
        } else out[i] = String(v);
      }
      texts.set(req.column, out);
      continue;
    }
    const out = new Float64Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const v = valueAt(req.column, i);
      if (typeof v !== "number" || !Number.isFinite(v)) {
        const empty = v === undefined || v === null || v === "";
        const shown = empty ? "empty" : typeof v === "number" ? String(v) : JSON.stringify(v);
        issues.push({
          severity: "error",
          ...file,
          row: i + 2,
          column: req.column,
          message: `must be a finite number, got ${shown}`,
          messageZh: empty ? "为空，此处必须填数值" : `必须是有限的数值，实际为 ${shown}`,
        });
        continue;
      }
      if (req.min !== undefined && (v < req.min || (req.exclusiveMin && v === req.min))) {
        const bound = req.exclusiveMin ? `above ${req.min}` : `at least ${req.min}`;
        const boundZh = req.exclusiveMin ? `必须大于 ${req.min}` : `不能小于 ${req.min}`;
        issues.push({
          severity: "error",
          ...file,
          row: i + 2,
          column: req.column,
          message: `must be ${bound} (${req.neededBy}), got ${v}`,
          messageZh: `${boundZh}（${neededByZh(req.neededBy)}），实际为 ${v}`,
        });
      }
      out[i] = v;
    }
    numbers.set(req.column, out);
  }
  if (issues.length) throw new DataValidationError(issues, `readUnitColumns found ${issues.length} problem(s) in ${source ?? "the county units"}`);
  return { rowCount, numbers, texts };
}
