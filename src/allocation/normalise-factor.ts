import { standardNormalCdf } from "../shared/standard-normal-cdf.js";
import type { Direction, Normalisation } from "./rule-schema.js";

/**
 * Turn one factor's raw county values into non-negative scores; the factor's pool is then shared in proportion
 * to the scores (county i gets pool × score_i / Σ scores).
 *
 * The normalisation decides what "more" means in money:
 * - `share`: score = x (need) or 1/x (capacity). The classic 因素法 share of the provincial total.
 * - `per-capita`: x is a rate per head (per pupil, per resident); score = population × x (need) or
 *   population × x̄ / x (capacity, the 财力系数 "mean capacity over own capacity"), so money follows heads scaled by
 *   the rate. population defaults to pupils.
 * - `minmax`: z = (x − min)/(max − min); score = z (need) or 1 − z (capacity). The lowest-need county (the
 *   richest, for capacity) gets nothing from this factor, by design; all equal → everyone scores 1.
 * - `zscore`: z = (x − mean)/sd mapped through the standard normal CDF, score = Φ(z) (need) or Φ(−z) (capacity),
 *   so scores stay positive and one outlier cannot take the whole pool. mean and sd are over counties, each county
 *   counting once whatever its pupils (not pupil-weighted), and sd is the population sd (÷ n). Φ is the package's
 *   one exact `standardNormalCdf` (~1e-15). All values equal → every county scores Φ(0) = 0.5.
 * - `rank`: score = rank of x (1 = smallest, ties get the average rank) for need, n + 1 − rank for capacity.
 *
 * Every normalisation gives a county a weakly larger share of its factor when its need rises. `share`,
 * `per-capita` and `rank` only move money between that county and the rest, so the property survives regional
 * coefficients and floors/ceilings. `minmax` and `zscore` also reshuffle the other counties' scores; with a
 * coefficient or a bound that reshuffle can cost the county a sliver (property tests found 0.05 fen in 5e10 fen).
 *
 * @param values raw column values, one per county (finite; positive where a capacity share or per-capita divides)
 * @param direction `need` (more → more money) or `capacity` (more → less money)
 * @param normalisation one of share, per-capita, minmax, zscore, rank
 * @param population heads per county for `per-capita` (non-negative), ignored otherwise
 * @returns scores ≥ 0, one per county
 * @throws RangeError when a capacity share or per-capita capacity meets a value ≤ 0, or population is missing
 * @example Array.from(normaliseFactor([1, 2, 5], "need", "minmax")) // [0, 0.25, 1]
 * @see Ministry of Finance/MOE 2014 factor method (4 类因素、10 个子因素), realdata/allocation/factors.csv
 */
export function normaliseFactor(
  values: ArrayLike<number>,
  direction: Direction,
  normalisation: Normalisation,
  population?: ArrayLike<number>,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const need = direction === "need";
  switch (normalisation) {
    case "share": {
      for (let i = 0; i < n; i++) {
        const x = values[i];
        if (need) out[i] = x;
        else {
          if (!(x > 0)) throw new RangeError(`normaliseFactor requires positive values for a capacity share, got ${x} at index ${i}`);
          out[i] = 1 / x;
        }
      }
      return out;
    }
    case "per-capita": {
      if (!population || population.length !== n) throw new RangeError("normaliseFactor requires a population for per-capita");
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[i] / n;
      for (let i = 0; i < n; i++) {
        const x = values[i];
        if (need) out[i] = population[i] * x;
        else {
          if (!(x > 0)) throw new RangeError(`normaliseFactor requires positive values for a per-capita capacity, got ${x} at index ${i}`);
          out[i] = (population[i] * mean) / x;
        }
      }
      return out;
    }
    case "minmax": {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        if (values[i] < min) min = values[i];
        if (values[i] > max) max = values[i];
      }
      const span = max - min;
      for (let i = 0; i < n; i++) {
        const z = span > 0 ? (values[i] - min) / span : 1;
        out[i] = need || span === 0 ? z : 1 - z;
      }
      return out;
    }
    case "zscore": {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[i] / n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
      const sd = Math.sqrt(ss / n);
      for (let i = 0; i < n; i++) {
        const z = sd > 0 ? (values[i] - mean) / sd : 0;
        out[i] = standardNormalCdf(need ? z : -z);
      }
      return out;
    }
    case "rank": {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
      let k = 0;
      while (k < n) {
        let end = k;
        while (end + 1 < n && values[order[end + 1]] === values[order[k]]) end++;
        const averageRank = (k + end) / 2 + 1;
        for (let j = k; j <= end; j++) out[order[j]] = need ? averageRank : n + 1 - averageRank;
        k = end + 1;
      }
      return out;
    }
  }
}
