import { standardNormalCdf } from "./standard-normal-cdf.js";

/** Lower end of the tabulated range of Φ; below it Φ is taken as 0 (Φ(−9) ≈ 1e-19). */
export const TABLE_MIN = -9;
/** Upper end of the tabulated range; above it Φ is taken as 1. */
export const TABLE_MAX = 9;
/** Table points per unit of z: linear interpolation error ≤ h²/8·max|φ′| ≈ 2.9e-8. */
export const TABLE_STEPS_PER_UNIT = 1024;

let cached: Float64Array | undefined;

/**
 * Φ tabulated on [−9, 9] in steps of 1/1024, built once per process (18 433 values, 147 kB, fits in cache).
 * The Monte Carlo simulation interpolates in it instead of evaluating exp per class-size cell.
 */
export function normalCdfTable(): Float64Array {
  if (cached === undefined) {
    const n = (TABLE_MAX - TABLE_MIN) * TABLE_STEPS_PER_UNIT + 1;
    const t = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) t[i] = standardNormalCdf(TABLE_MIN + i / TABLE_STEPS_PER_UNIT);
    t[n] = 1; // guard for interpolation at the upper end
    cached = t;
  }
  return cached;
}
