import { parseDateValue } from "./parse-date-value.js";

// A report date inside a title, sheet or file name: 2016年10月, 2016年10月31日, 2016-10, 2016.10.31, 201610.
const IN_TEXT = /(20\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[-._](\d{1,2})(?:[-._](\d{1,2}))?(?!\d)|(0[1-9]|1[0-2])(?!\d))/g;

/**
 * The one report date a 双月报 names in its title, sheet name or file name ("2016年10月全面改薄双月报" →
 * 2016-10-31, month-only dates as the month's end), for files with no date column. Texts are tried in
 * order; the first that names exactly one date gives it.
 *
 * @param texts title rows, then the sheet name, then the file name
 * @returns the ISO date and the text it came from, or undefined when none names exactly one date
 * @example dateFromTitle(["2016年10月全面改薄双月报"]) // { value: "2016-10-31", from: "2016年10月全面改薄双月报" }
 */
export function dateFromTitle(texts: readonly (string | undefined)[]): { value: string; from: string } | undefined {
  for (const t of texts) {
    if (!t) continue;
    const found = new Set<string>();
    for (const m of t.matchAll(IN_TEXT)) {
      const [y, mo, d] = [m[1], m[2] ?? m[4] ?? m[6], m[3] ?? m[5]];
      const p = parseDateValue(d ? `${y}-${mo}-${d}` : `${y}-${mo}`);
      if (p.ok) found.add(p.value);
    }
    if (found.size === 1) return { value: [...found][0], from: t };
  }
  return undefined;
}
