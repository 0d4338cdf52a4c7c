import type { ColumnSpec } from "./table-schema.js";
import { parseDateValue } from "./parse-date-value.js";
import { parseNumberText } from "./parse-number-text.js";

/** Result of reading one cell: its typed value, or why it cannot be read (in English and in Chinese). */
export type Coerced = { ok: true; value: string | number | boolean | null } | { ok: false; message: string; messageZh: string };

/** How a column's cells are read, decided once for the column (see `detectPercentPoints`). */
export interface CoerceOptions {
  /** Plain numbers in this share column are percentage points: 34.37 is read as 0.3437. */
  points?: boolean;
  /** The file separates fields with ";", so a comma in a number may be a decimal comma. */
  commaMayBeDecimal?: boolean;
}

const fail = (message: string, messageZh: string): Coerced => ({ ok: false, message, messageZh });

// Units as a clerk says them; the schemas spell some in English for the data dictionary.
const UNIT_ZH: Record<string, string> = { pupils: "人", persons: "人", classes: "个", schools: "所", rooms: "间", "元/person": "元/人" };

// Excel's error values as they appear in a CSV saved from Excel.
const EXCEL_ERROR_TEXT = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/;

/** No count or amount in these files comes near 10^15 (1e308 or a pasted serial number is a mistake). */
export const MAGNITUDE_LIMIT = 1e15;

function coerceNumber(v: unknown, spec: ColumnSpec, options: CoerceOptions): Coerced {
  let n: number;
  const share = spec.unit?.startsWith("share") ?? false;
  // Points to shares as written: 34.37 → 0.3437, not 0.34369999999999995 (15 significant digits drop the binary noise).
  const fromPoints = (x: number) => Number((x / 100).toPrecision(15));
  if (typeof v === "number") n = share && options.points ? fromPoints(v) : v;
  else if (typeof v === "boolean") return fail(`"${String(v)}" is not a number`, `"${String(v)}" 不是数字`);
  else if (v instanceof Date) {
    // A date-formatted Excel cell arrives as a Date; String(date) would show the user a time zone.
    const shown = Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
    return fail(`${shown} is a date, not a number`, `${shown} 是日期，不是数字`);
  } else {
    const p = parseNumberText(String(v), options);
    if (!p.ok) return p;
    // A ratio (支出增长率 0.06) may be written as 6%: a percentage is only wrong in a column of amounts or counts.
    const dimensionless = share || /^(ratio|比率|比例)$/.test(spec.unit ?? "");
    if (p.percent && !dimensionless) {
      const shown = String(v).trim();
      const unitZh = spec.unit ? `此列的单位是 ${UNIT_ZH[spec.unit] ?? spec.unit}` : "此列填普通数字";
      return fail(`"${shown}" is a percentage but the column is in ${spec.unit ?? "plain numbers"}`, `"${shown}" 是百分数，但${unitZh}，不能填百分数`);
    }
    n = !p.percent && share && options.points ? fromPoints(p.value) : p.value;
  }
  if (!Number.isFinite(n)) return fail(`${n} is not a finite number`, `${n} 不是有限的数值`);
  if (Math.abs(n) >= MAGNITUDE_LIMIT) return fail(`${n} is implausibly large (no value here reaches 10^15)`, `${n} 大得不合常理（此处的数值不会达到 10^15）`);
  if (spec.type === "integer" && !Number.isInteger(n)) return fail(`${n} is not a whole number`, `${n} 不是整数`);
  return { ok: true, value: n };
}

const TRUE = new Set(["true", "1", "yes", "y", "是", "t"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "f"]);

/**
 * Read one cell as the column's type. Empty cells become null; whether null is allowed is the
 * caller's rule (`required`). Excel error values (#DIV/0!) and formulas Excel never calculated are
 * named as such rather than read as empty.
 *
 * @param v the cell as read (text, number, Date, `{ excelError }` or `{ excelFormula }`)
 * @param spec the column it belongs to
 * @param options column-wide reading choices (percentage points, decimal comma)
 */
export function coerceValue(v: unknown, spec: ColumnSpec, options: CoerceOptions = {}): Coerced {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return { ok: true, value: null };
  if (typeof v === "object" && v !== null && "excelError" in v) {
    const code = (v as { excelError: string }).excelError;
    return fail(`holds the Excel error ${code}; fix the formula or type the value`, `是 Excel 错误值 ${code}；请修正公式或填写数值`);
  }
  if (typeof v === "object" && v !== null && "excelFormula" in v) {
    const f = (v as { excelFormula: string }).excelFormula;
    return fail(
      `is a formula (=${f}) without a saved value; open the file in Excel and save it, or paste values`,
      `是没有保存计算结果的公式（=${f}）；请在 Excel 中打开并保存，或选择性粘贴为数值`,
    );
  }
  if (typeof v === "string" && EXCEL_ERROR_TEXT.test(v.trim())) {
    return fail(`holds the Excel error ${v.trim()}; fix the formula or type the value`, `是 Excel 错误值 ${v.trim()}；请修正公式或填写数值`);
  }
  switch (spec.type) {
    case "string":
      return { ok: true, value: v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim() };
    case "number":
    case "integer":
      return coerceNumber(v, spec, options);
    case "date": {
      const d = parseDateValue(v);
      return d.ok ? { ok: true, value: d.value } : d;
    }
    case "boolean": {
      if (typeof v === "boolean") return { ok: true, value: v };
      const s = String(v).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return fail(`"${String(v).trim()}" is not true/false`, `"${String(v).trim()}" 不是是/否值（可填 是、否、true、false）`);
    }
  }
}
