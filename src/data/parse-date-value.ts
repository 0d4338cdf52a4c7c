import { endOfMonth, isoDate } from "../shared/dates.js";
import { normalizeCellText } from "./normalize-cell-text.js";

/** A date read from a cell as ISO `YYYY-MM-DD`, or why not. `monthOnly` when only a month was written (read as its last day). */
export type ParsedDate = { ok: true; value: string; monthOnly: boolean } | { ok: false; message: string; messageZh: string };

// Excel stores days since 1899-12-30 (the 1900 leap-year bug is absorbed by that epoch).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const TIME = String.raw`(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?)?`;
const DAY = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?${TIME}$`);
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月(?:底|末|份)?)?$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;

const ok = (value: string, monthOnly = false): ParsedDate => ({ ok: true, value, monthOnly });
const monthEnd = (y: number, m: number) => (m >= 1 && m <= 12 ? ok(endOfMonth(y, m), true) : undefined);
const day = (y: number, m: number, d: number) => {
  const iso = isoDate(y, m, d);
  return iso ? ok(iso) : undefined;
};

/**
 * Read a report date as offices write it: Excel dates (Date cells and serial numbers), 2015-06-30,
 * 2015/6/30, 2015.6.30, 2015年6月30日, 20150630, date-times (the time is dropped), and month-only
 * dates (2016年10月, 2016-10, 201610) as the month's last day, the 双月报's own convention.
 * A number such as 2016.1 (Excel dropped the zero of 2016.10) is ambiguous and an error.
 *
 * @param v the cell as read
 * @example parseDateValue("2016年10月") // { ok: true, value: "2016-10-31", monthOnly: true }
 */
export function parseDateValue(v: unknown): ParsedDate {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, message: "is not a valid date", messageZh: "不是有效日期" };
    // exceljs converts serials in floating point; a second's rounding keeps 23:59:59.999 on its own day.
    return ok(new Date(Math.round(v.getTime() / 1000) * 1000).toISOString().slice(0, 10));
  }
  if (typeof v === "number") {
    if (v > 20000 && v < 80000) return ok(new Date(EXCEL_EPOCH_MS + Math.floor(v) * 86400000).toISOString().slice(0, 10));
    const r = Number.isInteger(v) ? parseDateValue(String(v)) : undefined;
    if (r?.ok) return r;
    return { ok: false, message: `${v} is not a date (write YYYY-MM-DD)`, messageZh: `${v} 不是日期（请写成 YYYY-MM-DD）` };
  }
  if (typeof v === "string" && ISO.test(v)) {
    // The common case, without normalising: 2016-10-31.
    const r = day(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10)));
    if (r) return r;
  }
  const s = normalizeCellText(String(v));
  let m = DAY.exec(s) ?? COMPACT_DAY.exec(s);
  let r = m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!r && (m = MONTH.exec(s) ?? COMPACT_MONTH.exec(s))) r = monthEnd(Number(m[1]), Number(m[2]));
  if (!r && /^\d{5}(\.\d+)?$/.test(s)) r = parseDateValue(Number(s));
  return r ?? { ok: false, message: `"${s}" is not a date (write YYYY-MM-DD)`, messageZh: `"${s}" 不是日期（请写成 YYYY-MM-DD）` };
}
