import { normalizeCellText } from "./normalize-cell-text.js";

/** A county code read from a cell, or why not. `fromNumber` when Excel stored it as a number (leading zeros may be lost). */
export type ParsedCode = { ok: true; value: string; fromNumber: boolean } | { ok: false; message: string; messageZh: string };

/**
 * Read a county code (6-digit 行政区划代码 such as 410122, or any id such as the synthetic S001) from a
 * cell: full-width characters made half-width, spaces removed, a number written as its digits
 * (410122, not 410122.0). A code Excel saved in scientific notation (4.10122E+11) has lost digits
 * and is an error.
 *
 * @param v the cell as read
 * @example normalizeCountyCode("４１０１２２") // { ok: true, value: "410122", fromNumber: false }
 */
export function normalizeCountyCode(v: unknown): ParsedCode {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) return { ok: false, message: `${v} is not a code (a code is written in digits or letters)`, messageZh: `${v} 不是代码（代码应为数字或字母）` };
    return { ok: true, value: String(v), fromNumber: true };
  }
  const s = normalizeCellText(String(v)).replace(/\s+/g, "");
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s)) {
    return {
      ok: false,
      message: `"${s}" is a code saved in scientific notation, so its digits are lost; format the column as text in Excel and type the codes again`,
      messageZh: `"${s}" 是以科学计数法保存的代码，数字已丢失；请在 Excel 中把此列设为文本格式并重新填写代码`,
    };
  }
  const whole = /^(\d+)\.0+$/.exec(s);
  return { ok: true, value: whole ? whole[1] : s, fromNumber: !!whole };
}

/**
 * Restore leading zeros Excel dropped from codes stored as numbers, where the file itself says how
 * wide its codes are: when every code typed as text is all digits of one width w, a code that came
 * from a number and is all digits but shorter is padded with zeros to w (1 → "001" beside "002").
 * Nothing else is padded: a 6-digit 行政区划代码 never starts with 0, so a 5-digit number among them
 * is not a code that lost a zero, and is left for the caller to report.
 *
 * @param codes the column's codes in row order
 * @returns the codes with zeros restored, and the positions changed
 * @example restoreLeadingZeros([{ value: "001", fromNumber: false }, { value: "2", fromNumber: true }]).codes // ["001", "002"]
 */
export function restoreLeadingZeros(codes: readonly { value: string; fromNumber: boolean }[]): { codes: string[]; padded: number[] } {
  const widths = new Set(codes.filter((c) => !c.fromNumber).map((c) => (/^\d+$/.test(c.value) ? c.value.length : -1)));
  const out = codes.map((c) => c.value);
  const padded: number[] = [];
  if (widths.size !== 1) return { codes: out, padded };
  const [w] = [...widths];
  if (w <= 0) return { codes: out, padded };
  codes.forEach((c, i) => {
    if (c.fromNumber && /^\d+$/.test(c.value) && c.value.length < w) {
      out[i] = c.value.padStart(w, "0");
      padded.push(i);
    }
  });
  return { codes: out, padded };
}

/**
 * Match codes to a reference list (the counties file) where only dropped leading zeros differ: a code
 * absent from the reference whose zero-padded form is exactly one reference code becomes that code.
 *
 * @param codes codes to align (e.g. the progress file's)
 * @param reference the codes they must match (e.g. the counties file's)
 * @returns a map from each changed code to its reference code
 * @example alignCodesToReference(["1", "S001"], ["001", "S001"]) // Map { "1" => "001" }
 */
export function alignCodesToReference(codes: Iterable<string>, reference: Iterable<string>): Map<string, string> {
  const ref = new Set(reference);
  const byStripped = new Map<string, string[]>();
  for (const r of ref) if (/^\d+$/.test(r)) byStripped.set(r.replace(/^0+(?=\d)/, ""), [...(byStripped.get(r.replace(/^0+(?=\d)/, "")) ?? []), r]);
  const changes = new Map<string, string>();
  for (const c of codes) {
    if (ref.has(c) || !/^\d+$/.test(c)) continue;
    const hits = byStripped.get(c.replace(/^0+(?=\d)/, ""));
    if (hits?.length === 1) changes.set(c, hits[0]);
  }
  return changes;
}
