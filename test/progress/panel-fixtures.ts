import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { bimonthlyReportDates, monthsSinceStart } from "../../src/shared/dates.js";
import { createRandom } from "../../src/shared/random.js";

/**
 * A small deterministic panel: `counties` logistic counties (cap 1, k ≈ 0.2, t0 ≈ 30 ± 4 months)
 * reporting every two months 2014-10…2019-08 (30 reports), cumulative with noise sd 0.01, plus the
 * counties listed in `short`, which report only their first `reports` dates.
 */
export function toyPanel(options: { counties?: number; seed?: number; short?: { id: string; reports: number; k: number; t0: number }[] } = {}): ColumnTable {
  const random = createRandom(options.seed ?? 11);
  const dates = bimonthlyReportDates("2014-10-01", "2019-08-31");
  const rows: { county_id: string; county_name: string; city: string; as_of: string; completion_rate: number }[] = [];
  const add = (id: string, city: string, k: number, t0: number, reports: number) => {
    let prev = 0;
    dates.slice(0, reports).forEach((d) => {
      const t = monthsSinceStart(d);
      const v = Math.min(1, Math.max(prev, 1 / (1 + Math.exp(-k * (t - t0))) + 0.01 * random.normal()));
      prev = v;
      rows.push({ county_id: id, county_name: `县${id}`, city, as_of: d, completion_rate: Math.round(v * 1e4) / 1e4 });
    });
  };
  for (let i = 0; i < (options.counties ?? 20); i++) {
    add(`C${String(i).padStart(2, "0")}`, i % 2 ? "甲市" : "乙市", 0.2 * Math.exp(0.15 * random.normal()), 30 + 4 * random.normal(), dates.length);
  }
  for (const s of options.short ?? []) add(s.id, "丙市", s.k, s.t0, s.reports);
  return aq.from(rows);
}
