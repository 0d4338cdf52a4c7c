import { headerSaysPercent } from "./normalize-cell-text.js";
import { parseNumberText } from "./parse-number-text.js";

/** Whether a share column's plain numbers are percentage points, and why. */
export interface PointsReading {
  points: boolean;
  /** "header": the header says % or 百分比; "values": the numbers are plainly points. */
  reason?: "header" | "values";
  /** Plain numbers seen (percent strings such as "34.37%" are unambiguous and not counted). */
  plain: number;
  /** Of those, how many exceed POINTS_THRESHOLD. */
  above: number;
  /** The largest plain number (a header saying % over values all ≤ 1 deserves a second look). */
  max: number;
}

/** A share above 1.5 (150%) is rare over-delivery; a column where most values exceed it is written in points. */
export const POINTS_THRESHOLD = 1.5;

/**
 * Decide whether a rate column (shares 0–1 in the schema) holds percentage points (34.37 for 34.37%):
 * yes when its header says so (开工率(%), 开工率（％）, 百分比), or when more than half of its non-zero
 * plain numbers exceed 1.5 (a column half in points and half in shares is mixed: its large values are errors) — a share column has such values only where a county over-delivers by half
 * again. Cells written with % ("34.37%", Excel percent formats) are exact either way and not counted.
 * The caller states the choice in a warning naming the column; a points column never reads 34.37 as 3437%.
 *
 * @param header the column's header as the user wrote it
 * @param cells the column's cells as read (the whole file, or the first chunk of a streamed one)
 * @example detectPercentPoints("开工率", [34.37, "52.1", 0]).points // true
 */
export function detectPercentPoints(header: string, cells: readonly unknown[]): PointsReading {
  let plain = 0;
  let nonZero = 0;
  let above = 0;
  let max = -Infinity;
  for (const c of cells) {
    let x: number | undefined;
    if (typeof c === "number") x = c;
    else if (typeof c === "string" && c.trim() !== "") {
      const p = parseNumberText(c);
      if (p.ok && !p.percent) x = p.value;
    }
    if (x === undefined || !Number.isFinite(x)) continue;
    plain++;
    if (x !== 0) nonZero++;
    if (x > POINTS_THRESHOLD) above++;
    max = Math.max(max, x);
  }
  if (headerSaysPercent(header)) return { points: true, reason: "header", plain, above, max };
  if (nonZero > 0 && above * 2 > nonZero) return { points: true, reason: "values", plain, above, max };
  return { points: false, plain, above, max };
}
