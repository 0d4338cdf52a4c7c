import { PLAUSIBILITY } from "./plausibility.js";

/** One column where a totals row disagrees with the rows it totals. */
export interface TotalMismatch {
  column: string;
  /** "sum": an amount or count whose total differs from the sum; "range": a rate outside the rows' min–max. */
  check: "sum" | "range";
  total: number;
  /** The sum of the rows (check "sum") or their [min, max] (check "range"). */
  expected: number | [number, number];
}

/**
 * Compare a totals row (合计) with the rows it totals. Amounts and counts must equal the sum of the rows
 * within PLAUSIBILITY.totalTolerance (cells are rounded for display). A rate's total is a weighted mean
 * whose weights the file does not give, so it cannot be checked by a sum: it is checked only to lie
 * within the rows' minimum and maximum.
 *
 * @param total the totals row's values by column (null where the cell is empty)
 * @param rows the detail rows' values by column
 * @param rates columns holding rates (shares), checked by range instead of sum
 * @returns the columns that disagree (empty when the total checks out)
 * @example checkTotalRow({ pupils: 30 }, { pupils: [10, 15] }, new Set()) // [{ column: "pupils", check: "sum", total: 30, expected: 25 }]
 */
export function checkTotalRow(
  total: Record<string, number | null | undefined>,
  rows: Record<string, readonly (number | null | undefined)[]>,
  rates: ReadonlySet<string>,
): TotalMismatch[] {
  const out: TotalMismatch[] = [];
  for (const [column, t] of Object.entries(total)) {
    if (typeof t !== "number" || !Number.isFinite(t)) continue;
    const values = (rows[column] ?? []).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (values.length === 0) continue;
    if (rates.has(column)) {
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      const eps = 1e-9 + 0.0005; // rates are shown to 0.1 point at most
      if (t < lo - eps || t > hi + eps) out.push({ column, check: "range", total: t, expected: [lo, hi] });
    } else {
      const sum = values.reduce((a, b) => a + b, 0);
      const slack = Math.max(PLAUSIBILITY.totalTolerance.relative * Math.abs(sum), PLAUSIBILITY.totalTolerance.absolute);
      if (Math.abs(t - sum) > slack) out.push({ column, check: "sum", total: t, expected: Number(sum.toPrecision(12)) });
    }
  }
  return out;
}
