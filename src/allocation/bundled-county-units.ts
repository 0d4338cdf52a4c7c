import type { ColumnTable } from "arquero";
import { createRandom } from "../shared/random.js";
import { unitsFromSyntheticProvince, type SyntheticUnits } from "./units-from-synthetic-province.js";

/** Seed of the simulated unit columns of the bundled province; change it and every derived column changes. */
export const BUNDLED_UNITS_SEED = 20150101;
/** Progress date for task completion: allocations from the box are made with end-2015 progress. */
export const BUNDLED_UNITS_AS_OF = "2015-12-31";
/**
 * The budget used from the box when neither the rule nor the command gives one, in 万元: the central 改薄 fund of
 * the Henan five-year plan (seed 001: 中央薄改计划专项资金135.04亿元), which the synthetic province reproduces.
 */
export const BUNDLED_BUDGET_WAN_YUAN = 1_350_400;

/**
 * The county-units table of the bundled (synthetic) province, the file `gaibo allocate` runs on when no `--units`
 * is given: every column any preset county rule reads, the simulated ones drawn from a fixed seed and every row
 * marked `synthetic`.
 *
 * @param counties the bundled synthetic counties (datasets/synthetic/counties.csv)
 * @param progress the bundled 双月报 panel (datasets/synthetic/progress.csv)
 * @returns the units, their provenance ("synthetic") and which columns were simulated
 * @example bundledCountyUnits(data.synthetic.counties, data.synthetic.progress).rows.length // 109
 * @see unitsFromSyntheticProvince, SYNTHETIC_UNITS_ASSUMPTIONS
 */
export function bundledCountyUnits(counties: ColumnTable, progress: ColumnTable): SyntheticUnits {
  return unitsFromSyntheticProvince(counties, progress, { random: createRandom(BUNDLED_UNITS_SEED), asOf: BUNDLED_UNITS_AS_OF });
}
