import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { ProgressIndicator, SyntheticProvince } from "./generate-province.js";
import { rollUpWeight } from "./roll-up-progress.js";

type Row = Record<string, unknown>;

/** County columns that add up to the province (money, areas, counts). */
const SUMMED = [
  "plan_central_gaibo_wan_yuan",
  "plan_central_other_wan_yuan",
  "plan_provincial_wan_yuan",
  "plan_city_wan_yuan",
  "plan_county_wan_yuan",
  "plan_other_wan_yuan",
  "plan_buildings_wan_yuan",
  "plan_equipment_wan_yuan",
  "planned_floor_area_m2",
  "pupils",
  "weak_schools",
  "population",
  "matching_committed_wan_yuan",
  "matching_delivered_wan_yuan",
] as const;
/** County columns that are per-person rates: the province's is the population-weighted mean. */
const PER_PERSON = ["fiscal_capacity_per_capita_yuan", "poor_share"] as const;
const ENROLMENT_SUMMED = ["pupils", "classes", "classrooms", "classes_56_plus", "classes_66_plus"] as const;
const INDICATORS: ProgressIndicator[] = ["start_rate", "completion_rate", "equipment_rate", "funds_rate"];

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;


/**
 * Fold a generated nation's counties into its provinces (the `city` column of the national generator),
 * so the national view works on 31 province-level units — the level the central fund is actually
 * allocated to — instead of 2,600 counties (a 5 MB progress file, a slow report, a page over budget).
 * Money, areas, pupils, schools and population add up; fiscal capacity and poverty share are
 * population-weighted means; each province's 双月报 rate on each report date is its counties'
 * plan-weighted roll-up (as rollUpProgress: latest report on or before the date, 0 before the first),
 * so the roll-up of the provinces equals the roll-up of the counties on every date, and the published
 * national points stay reproduced. Enrolment cells add up by province, year, area and level.
 *
 * @param province the generated counties (county_id, city, plan and attribute columns), their reports and enrolment
 * @param idPrefix prefix of the unit codes (P01…P31)
 * @example aggregateToProvinces(generateSyntheticProvince(nationalOptions)).counties.numRows() // 31
 */
export function aggregateToProvinces(province: SyntheticProvince, idPrefix = "P"): SyntheticProvince {
  const counties = province.counties.objects() as Row[];
  const names = [...new Set(counties.map((c) => String(c.city)))];
  const idOf = new Map(names.map((n, i) => [n, `${idPrefix}${String(i + 1).padStart(2, "0")}`]));
  const provinceOf = new Map(counties.map((c) => [String(c.county_id), String(c.city)]));

  const units: Row[] = names.map((name) => {
    const own = counties.filter((c) => c.city === name);
    const row: Row = { county_id: idOf.get(name), county_name: name, city: name };
    for (const col of SUMMED) row[col] = own.reduce((a, c) => a + Number(c[col]), 0);
    const pop = row.population as number;
    row.fiscal_capacity_per_capita_yuan = Math.round(own.reduce((a, c) => a + Number(c.fiscal_capacity_per_capita_yuan) * Number(c.population), 0) / pop);
    row.poor_share = round(own.reduce((a, c) => a + Number(c.poor_share) * Number(c.population), 0) / pop, 4);
    row.synthetic = true;
    return row;
  });
  const columns = province.counties.columnNames();
  const unitTable = aq.table(Object.fromEntries(columns.map((k) => [k, units.map((u) => u[k])])));
  for (const k of [...SUMMED, ...PER_PERSON]) if (!columns.includes(k)) throw new Error(`aggregateToProvinces: column ${k} missing`);

  // Progress: carry each county's latest report forward over the union of report dates.
  const reports = province.progress.objects() as Row[];
  const dates = [...new Set(reports.map((r) => String(r.as_of)))].sort();
  const byCounty = new Map<string, Row[]>();
  for (const r of reports) {
    const id = String(r.county_id);
    if (!byCounty.has(id)) byCounty.set(id, []);
    byCounty.get(id)!.push(r);
  }
  for (const list of byCounty.values()) list.sort((a, b) => String(a.as_of).localeCompare(String(b.as_of)));
  const cursor = new Map<string, number>([...byCounty.keys()].map((k) => [k, -1]));
  const out: Record<string, unknown[]> = { county_id: [], county_name: [], city: [], as_of: [], start_rate: [], completion_rate: [], equipment_rate: [], funds_rate: [], synthetic: [] };
  for (const date of dates) {
    const num = new Map<string, Record<ProgressIndicator, number>>(names.map((n) => [n, { start_rate: 0, completion_rate: 0, equipment_rate: 0, funds_rate: 0 }]));
    const den = new Map<string, Record<ProgressIndicator, number>>(names.map((n) => [n, { start_rate: 0, completion_rate: 0, equipment_rate: 0, funds_rate: 0 }]));
    for (const c of counties) {
      const id = String(c.county_id);
      const list = byCounty.get(id) ?? [];
      let k = cursor.get(id) ?? -1;
      while (k + 1 < list.length && String(list[k + 1].as_of) <= date) k++;
      cursor.set(id, k);
      const p = provinceOf.get(id)!;
      for (const ind of INDICATORS) {
        const w = rollUpWeight(c, ind);
        num.get(p)![ind] += w * (k >= 0 ? Number(list[k][ind]) : 0);
        den.get(p)![ind] += w;
      }
    }
    for (const name of names) {
      out.county_id.push(idOf.get(name));
      out.county_name.push(name);
      out.city.push(name);
      out.as_of.push(date);
      for (const ind of INDICATORS) out[ind].push(den.get(name)![ind] > 0 ? round(num.get(name)![ind] / den.get(name)![ind], 4) : 0);
      out.synthetic.push(true);
    }
  }
  const progressColumns = province.progress.columnNames();
  const progress = aq.table(Object.fromEntries(progressColumns.map((k) => [k, out[k]]))).orderby("county_id", "as_of");

  // Enrolment: cells add up by province, year, area and level.
  const cells = new Map<string, Row>();
  for (const r of province.enrolment.objects() as Row[]) {
    const p = provinceOf.get(String(r.county_id))!;
    const key = `${p}|${r.year}|${r.area}|${r.level}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { county_id: idOf.get(p), year: r.year, area: r.area, level: r.level, synthetic: true };
      for (const col of ENROLMENT_SUMMED) cell[col] = 0;
      cells.set(key, cell);
    }
    for (const col of ENROLMENT_SUMMED) cell[col] = (cell[col] as number) + Number(r[col]);
  }
  const enrolmentColumns = province.enrolment.columnNames();
  const cellRows = [...cells.values()];
  const enrolment: ColumnTable = aq.table(Object.fromEntries(enrolmentColumns.map((k) => [k, cellRows.map((c) => c[k])])));
  return { counties: unitTable, progress, enrolment };
}
