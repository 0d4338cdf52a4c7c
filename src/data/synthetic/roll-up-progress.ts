import type { ProgressIndicator } from "./generate-province.js";

type Row = Record<string, unknown>;

/** Which plan column weighs a county in the roll-up of each indicator (as the published rates are ratios of sums). */
export const ROLL_UP_WEIGHT: Record<ProgressIndicator, string> = {
  start_rate: "planned_floor_area_m2",
  completion_rate: "planned_floor_area_m2",
  equipment_rate: "plan_equipment_wan_yuan",
  funds_rate: "plan_total",
};

/**
 * The province (or city) rate a 双月报 roll-up would publish on a date: each county's latest report on
 * or before the date (a skipped report carries the previous one forward; a county that has not
 * reported yet counts as 0), weighted by its plan (floor area for start and completion, equipment
 * money for equipment, total plan money for funds), since a published 开工率 is started area over
 * planned area of the whole region.
 *
 * @param counties county rows (county_id, city and the plan columns)
 * @param progress progress rows (county_id, as_of, the rates), in date order within each county
 * @param indicator which rate
 * @param date ISO date of the published figure
 * @param city only the counties of this city, when given
 * @returns the weighted rate (share, may exceed 1 when counties over-deliver)
 * @example rollUpProgress(counties, progress, "completion_rate", "2017-04-30") // 0.36 for the 新疆 province
 */
export function rollUpProgress(counties: readonly Row[], progress: readonly Row[], indicator: ProgressIndicator, date: string, city?: string): number {
  const latest = new Map<string, number>();
  for (const r of progress) if (String(r.as_of) <= date) latest.set(String(r.county_id), Number(r[indicator]));
  let num = 0;
  let den = 0;
  for (const c of counties) {
    if (city !== undefined && c.city !== city) continue;
    const w = rollUpWeight(c, indicator);
    num += w * (latest.get(String(c.county_id)) ?? 0);
    den += w;
  }
  return den > 0 ? num / den : NaN;
}

/** A county's weight in the roll-up of an indicator (its ROLL_UP_WEIGHT column; plan_total = buildings + equipment). */
export function rollUpWeight(c: Row, indicator: ProgressIndicator): number {
  const col = ROLL_UP_WEIGHT[indicator];
  if (col !== "plan_total") return Number(c[col]) || 0;
  return Number(c.plan_buildings_wan_yuan ?? 0) + Number(c.plan_equipment_wan_yuan ?? 0);
}
