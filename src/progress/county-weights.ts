import type { ColumnTable } from "arquero";

/**
 * Roll-up weights per county from a county table: planned floor area (the denominator of 开工率 and
 * 竣工率) or a plan-funds column.
 *
 * A province's rate is not the mean of its counties' rates: 竣工率 is completed floor area over
 * planned floor area, so each county counts in proportion to its planned area (or, for money-based
 * rates such as 资金到位率, its planned funds).
 *
 * @param table county table (as the bundled `counties.csv`)
 * @param column weight column, values finite and ≥ 0; default "planned_floor_area_m2"
 * @param idColumn county id column; default "county_id"
 * @returns weight per county id (not normalised)
 * @throws {RangeError} for a missing column or a negative or non-finite weight
 * @example
 * countyWeights(data.synthetic.counties).S001 // 67934 (m²)
 */
export function countyWeights(table: ColumnTable, column = "planned_floor_area_m2", idColumn = "county_id"): Record<string, number> {
  const names = table.columnNames();
  for (const c of [column, idColumn]) if (!names.includes(c)) throw new RangeError(`countyWeights requires column ${c}`);
  const ids = table.array(idColumn) as ArrayLike<unknown>;
  const values = table.array(column) as ArrayLike<unknown>;
  const out: Record<string, number> = {};
  for (let i = 0; i < ids.length; i++) {
    const w = Number(values[i]);
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`countyWeights requires finite weights ≥ 0 in ${column}, row ${i + 1} has ${String(values[i])}`);
    out[String(ids[i])] = (out[String(ids[i])] ?? 0) + w;
  }
  return out;
}
