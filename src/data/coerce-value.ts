import type { ColumnSpec } from "./table-schema.js";
import { isoDate } from "../shared/dates.js";

/** Result of reading one cell: its typed value, or why it cannot be read (in English and in Chinese). */
export type Coerced = { ok: true; value: string | number | boolean | null } | { ok: false; message: string; messageZh: string };

const fail = (message: string, messageZh: string): Coerced => ({ ok: false, message, messageZh });

// Units as a clerk says them; the schemas spell some in English for the data dictionary.
const UNIT_ZH: Record<string, string> = { pupils: "人", persons: "人", classes: "个", schools: "所", rooms: "间", "元/person": "元/人" };

// Dates as planning offices write them: 2015-06-30, 2015/6/30, 2015.6.30, 2015年6月30日.
const DATE_PATTERN = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
// Excel stores days since 1899-12-30 (the 1900 leap-year bug is absorbed by that epoch).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function coerceDate(v: unknown): Coerced {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail("is not a valid date", "不是有效日期");
    return { ok: true, value: v.toISOString().slice(0, 10) };
  }
  if (typeof v === "number") {
    if (v > 20000 && v < 80000) {
      return { ok: true, value: new Date(EXCEL_EPOCH_MS + Math.round(v) * 86400000).toISOString().slice(0, 10) };
    }
    return fail(`${v} is not a date (write YYYY-MM-DD)`, `${v} 不是日期（请写成 YYYY-MM-DD）`);
  }
  const s = String(v).trim();
  const m = DATE_PATTERN.exec(s);
  const iso = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  return iso ? { ok: true, value: iso } : fail(`"${s}" is not a date (write YYYY-MM-DD)`, `"${s}" 不是日期（请写成 YYYY-MM-DD）`);
}

function coerceNumber(v: unknown, spec: ColumnSpec): Coerced {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "boolean") return fail(`"${String(v)}" is not a number`, `"${String(v)}" 不是数字`);
  else if (v instanceof Date) {
    // A date-formatted Excel cell arrives as a Date; String(date) would show the user a time zone.
    const shown = Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
    return fail(`${shown} is a date, not a number`, `${shown} 是日期，不是数字`);
  }
  else {
    let s = String(v).trim().replace(/[,，\s]/g, "");
    let scale = 1;
    if (s.endsWith("%") || s.endsWith("％")) {
      if (!spec.unit?.startsWith("share")) {
        const shown = String(v).trim();
        const unitZh = spec.unit ? `此列的单位是 ${UNIT_ZH[spec.unit] ?? spec.unit}` : "此列填普通数字";
        return fail(`"${shown}" is a percentage but the column is in ${spec.unit ?? "plain numbers"}`, `"${shown}" 是百分数，但${unitZh}，不能填百分数`);
      }
      s = s.slice(0, -1);
      scale = 0.01;
    }
    // Number("") is 0 and Number("0x10") is 16: accept plain decimal notation only.
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return fail(`"${String(v).trim()}" is not a number`, `"${String(v).trim()}" 不是数字`);
    n = Number(s) * scale;
  }
  if (!Number.isFinite(n)) return fail(`${n} is not a finite number`, `${n} 不是有限的数值`);
  if (spec.type === "integer" && !Number.isInteger(n)) return fail(`${n} is not a whole number`, `${n} 不是整数`);
  return { ok: true, value: n };
}

const TRUE = new Set(["true", "1", "yes", "y", "是", "t"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "f"]);

/**
 * Read one cell as the column's type. Empty cells become null; whether null is allowed is the
 * caller's rule (`required`).
 */
export function coerceValue(v: unknown, spec: ColumnSpec): Coerced {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return { ok: true, value: null };
  if (typeof v === "object" && v !== null && "excelError" in v) {
    const code = (v as { excelError: string }).excelError;
    return fail(`holds the Excel error ${code}`, `是 Excel 错误值 ${code}`);
  }
  switch (spec.type) {
    case "string":
      return { ok: true, value: v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim() };
    case "number":
    case "integer":
      return coerceNumber(v, spec);
    case "date":
      return coerceDate(v);
    case "boolean": {
      if (typeof v === "boolean") return { ok: true, value: v };
      const s = String(v).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return fail(`"${String(v).trim()}" is not true/false`, `"${String(v).trim()}" 不是是/否值（可填 是、否、true、false）`);
    }
  }
}
