// Minus signs NFKC leaves alone: U+2212 (math minus), U+2012–U+2014 dashes typed in place of a minus.
const MINUS = /[\u2212\u2012\u2013\u2014\uFE63]/g;
const ASCII = /^[\x20-\x7e]*$/;
// Zero-width and non-breaking spaces that Excel and web copies leave in cells.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A cell's text as a clerk means it: full-width digits, letters, signs and brackets made half-width
 * (３４．３７％ → 34.37%, （%）→ (%)), other minus signs made "-", invisible characters removed, trimmed.
 * Unicode NFKC does the width folding (the standard compatibility mapping), so no table is kept here.
 *
 * @param s raw cell text
 * @returns the normalised text
 * @example normalizeCellText(" ３４．３７％ ") // "34.37%"
 */
export function normalizeCellText(s: string): string {
  // Plain ASCII needs no folding; most cells of a large file take this path.
  if (ASCII.test(s)) return s.trim();
  return s.normalize("NFKC").replace(INVISIBLE, "").replace(MINUS, "-").replace(/\u00A0/g, " ").trim();
}

/**
 * The key a header cell is matched by: normalised text without line breaks, spaces, underscores or
 * case, so "开工率\n(%)", "开工率（%）" and "开工率(%)" are one name, and "county id" is "county_id".
 *
 * @param s header cell text
 * @example headerKey("县区\n代码") // "县区代码"
 */
export function headerKey(s: string): string {
  return normalizeCellText(s).toLowerCase().replace(/[\s_]+/g, "");
}

// Unit suffixes written in a header's brackets, e.g. 开工率(%), 资金(万元), 学生数（人）.
const SUFFIX = /^(.*?)[(\[]([^()\[\]]*)[)\]]$/;

/**
 * Split a header into its name and the unit written after it in brackets: "开工率（%）" → name
 * "开工率", unit "%". A header without a bracketed suffix has no unit.
 *
 * @param s header cell text
 * @example splitHeaderUnit("开工率（%）") // { name: "开工率", unit: "%" }
 */
export function splitHeaderUnit(s: string): { name: string; unit?: string } {
  const t = normalizeCellText(s).replace(/\s+/g, "");
  const m = SUFFIX.exec(t);
  if (m && m[1] !== "") return { name: m[1], unit: m[2] };
  // 开工率% without brackets.
  if (t.length > 1 && t.endsWith("%")) return { name: t.slice(0, -1), unit: "%" };
  return { name: t };
}

/**
 * Whether a header says its column holds percentage points: a "%" unit, or 百分比/百分点 in the name.
 *
 * @param header header cell text
 * @example headerSaysPercent("开工率(%)") // true
 */
export function headerSaysPercent(header: string): boolean {
  const { name, unit } = splitHeaderUnit(header);
  return (unit !== undefined && /%|百分比|百分点/.test(unit)) || /百分比|百分点|%$/.test(name);
}
