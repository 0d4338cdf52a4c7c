/** 全面改薄 began in 2014; programme time `t` counts months from 2014-01-01 (t = 12 at the end of 2014). */
export const PROGRAMME_START = "2014-01-01";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_MONTH = 365.2425 / 12;

function parseIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/**
 * Months since the programme start (fractional: days / 30.44), the time axis of every progress curve.
 *
 * @param iso date as YYYY-MM-DD
 * @example monthsSinceStart("2017-12-31") // ≈ 48
 */
export function monthsSinceStart(iso: string, start = PROGRAMME_START): number {
  return (parseIso(iso) - parseIso(start)) / MS_PER_DAY / DAYS_PER_MONTH;
}

/**
 * The date a programme month falls on, inverse of monthsSinceStart (rounded to the day).
 *
 * @param months months since the programme start
 * @example dateFromMonths(48) // "2017-12-31" (approximately, to the day)
 */
export function dateFromMonths(months: number, start = PROGRAMME_START): string {
  return new Date(parseIso(start) + Math.round(months * DAYS_PER_MONTH) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Last day of a month as ISO. */
export function endOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * The 双月报 report dates: data as of the end of each even month (reports are filed by the 5th of the
 * following odd month), from `from` to `to` inclusive.
 *
 * @example bimonthlyReportDates("2014-10-01", "2015-02-28") // ["2014-10-31", "2014-12-31", "2015-02-28"]
 */
export function bimonthlyReportDates(from: string, to: string): string[] {
  const a = parseIso(from);
  const b = parseIso(to);
  const out: string[] = [];
  const d = new Date(a);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() + 1;
  if (m % 2 === 1) m++;
  for (;;) {
    if (m > 12) {
      m -= 12;
      y++;
    }
    const iso = endOfMonth(y, m);
    if (parseIso(iso) > b) break;
    if (parseIso(iso) >= a) out.push(iso);
    m += 2;
  }
  return out;
}

/** An ISO date string when y-m-d is a real calendar day, otherwise undefined. */
export function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** True for a real calendar day written YYYY-MM-DD (2017-02-29 and 2017-13-01 are not). */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined;
}
