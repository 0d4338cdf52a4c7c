import { normalizeCellText } from "./normalize-cell-text.js";

/** A number read from text, or why not (in English and Chinese). `percent` is true for "34.37%" (value 0.3437). */
export type ParsedNumber = { ok: true; value: number; percent: boolean } | { ok: false; message: string; messageZh: string };

const SIMPLE = /^-?\d{1,15}(\.\d{1,15})?$/;
const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
// Thousands groups as Excel writes them: 1,234 and 12,345,678.9 — never 0,1173 or 12,34.
const GROUPED = /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;

/**
 * Read a number as offices write it: full-width digits and signs (３４．３７％), thousands separators
 * (1,234 and 1，234), spaces inside, a trailing % (34.37% → 0.3437). A comma that cannot be a thousands
 * separator ("0,1173", a decimal comma) is an error rather than a guess, and so is any comma in a
 * semicolon-separated file, where it may be a decimal comma.
 *
 * @param text the cell's text
 * @param options.commaMayBeDecimal the file uses ";" between fields, so "1,234" may mean 1.234
 * @example parseNumberText("３４．３７％") // { ok: true, value: 0.3437, percent: true }
 */
export function parseNumberText(text: string, options: { commaMayBeDecimal?: boolean } = {}): ParsedNumber {
  // Most cells of a large file are plain decimals: read them without normalising.
  if (SIMPLE.test(text)) return { ok: true, value: Number(text), percent: false };
  const shown = text.trim();
  let s = normalizeCellText(text).replace(/\s+/g, "");
  const percent = s.endsWith("%");
  if (percent) s = s.slice(0, -1);
  if (s.includes(",")) {
    if (options.commaMayBeDecimal || !GROUPED.test(s)) {
      const alt = s.replace(",", ".");
      return {
        ok: false,
        message: `"${shown}" has a comma that may be a decimal comma or a misplaced thousands separator; write ${alt} or ${s.replace(/,/g, "")}`,
        messageZh: `"${shown}" 中的逗号既可能是小数点也可能是千分位，无法确定；请写成 ${alt} 或 ${s.replace(/,/g, "")}`,
      };
    }
    s = s.replace(/,/g, "");
  }
  // Number("") is 0 and Number("0x10") is 16: accept plain decimal notation only.
  if (!PLAIN.test(s)) return { ok: false, message: `"${shown}" is not a number`, messageZh: `"${shown}" 不是数字` };
  const n = Number(s);
  // 34.37 / 100 is 0.34369999999999995 in binary; 15 significant digits give back the 0.3437 that was written.
  return { ok: true, value: percent ? Number((n / 100).toPrecision(15)) : n, percent };
}
