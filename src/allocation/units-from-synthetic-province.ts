import * as aq from "arquero";
import type { Random } from "../shared/random.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import type { CountyUnitRow, UnitsColumnName } from "./units-columns.js";

/** Tables as arquero tables or plain rows (snake_case columns as in `datasets/synthetic/`). */
type Rows = aq.ColumnTable | readonly Record<string, unknown>[];

/** Options for `unitsFromSyntheticProvince`. */
export interface SyntheticUnitsOptions {
  /** Seeded stream for the derived columns (`createRandom(seed)`); the same stream gives the same units. */
  random: Random;
  /** Date of the progress report that sets `taskCompletionShare` (latest report on or before it), ISO. Default 2015-12-31. */
  asOf?: string;
  /** Programme years the five-year plan spreads over, for "last year" amounts. Default 5 (2014–2018). */
  planYears?: number;
}

/** The allocation units of the synthetic province, with what was mapped and what was invented. */
export interface SyntheticUnits {
  /** One row per county in `unitsColumns` names plus `synthetic: true`. */
  table: aq.ColumnTable;
  rows: CountyUnitRow[];
  /** Always "synthetic": nothing here is real, and charts built on it must say so. */
  provenance: "synthetic";
  /** Columns taken (renamed) from counties.csv / progress.csv. */
  mappedColumns: readonly UnitsColumnName[];
  /** Columns drawn from the seeded stream or derived by an assumed formula (see `SYNTHETIC_UNITS_ASSUMPTIONS`). */
  derivedColumns: readonly UnitsColumnName[];
  /** The progress date used for taskCompletionShare. */
  asOf: string;
}

/** How each derived column is made, in plain words (shown in reports and notebooks next to the numbers). */
export const SYNTHETIC_UNITS_ASSUMPTIONS: Readonly<Record<string, string>> = {
  poorPopulation: "population × poor_share (mapped arithmetic)",
  taskCompletionShare: "mean of completion_rate and equipment_rate in the latest 双月报 on or before asOf (0 when the county had not reported)",
  perPupilSpendingYuan: "6,500 元 × (fiscal capacity / 2,600)^0.6 × lognormal(σ 0.15): richer counties spend more per pupil (ASSUMED)",
  spendingGrowthRate: "N(0.08, 0.05), floored at −0.5 (ASSUMED)",
  provincialFundsLastYearWanYuan: "plan_provincial / plan years × lognormal(σ 0.3) (ASSUMED: provincial money arrives evenly with noise)",
  fundingGapWanYuan: "(plan_buildings + plan_equipment) × lognormal(σ 0.15): the plan is the county's gap to the 底线 standards, with measurement noise (ASSUMED)",
  standardsMetShare: "0.3 + 0.5 × taskCompletionShare + N(0, 0.08), clipped to 0–1 (ASSUMED)",
  planQualityScore: "N(75, 8) clipped to 40–100 (ASSUMED)",
  supervisionScore: "N(78, 7) clipped to 40–100 (ASSUMED)",
  lastYearAllocationWanYuan: "plan_central_gaibo / plan years × lognormal(σ 0.1) (ASSUMED)",
  idleBalanceWanYuan: "last year's allocation × max(0, funds_rate − completion_rate) × 0.5 × lognormal(σ 0.3): money arrived but not yet spent (ASSUMED)",
  regionCoefficient: "1.1 for the fifth of counties with the highest poor_share (贫困县倾斜), else 1 (ASSUMED)",
};

const MAPPED: readonly UnitsColumnName[] = [
  "countyId",
  "countyName",
  "region",
  "pupils",
  "poorShare",
  "fiscalCapacityPerCapitaYuan",
  "matchingCommittedWanYuan",
  "matchingDeliveredWanYuan",
];
const DERIVED: readonly UnitsColumnName[] = [
  "poorPopulation",
  "perPupilSpendingYuan",
  "spendingGrowthRate",
  "provincialFundsLastYearWanYuan",
  "fundingGapWanYuan",
  "taskCompletionShare",
  "standardsMetShare",
  "planQualityScore",
  "supervisionScore",
  "lastYearAllocationWanYuan",
  "idleBalanceWanYuan",
  "regionCoefficient",
];

const NEEDED = [
  "county_id",
  "county_name",
  "city",
  "pupils",
  "population",
  "poor_share",
  "fiscal_capacity_per_capita_yuan",
  "matching_committed_wan_yuan",
  "matching_delivered_wan_yuan",
  "plan_central_gaibo_wan_yuan",
  "plan_provincial_wan_yuan",
  "plan_buildings_wan_yuan",
  "plan_equipment_wan_yuan",
] as const;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Turn the synthetic province (`datasets/synthetic/counties.csv` and `progress.csv`, snake_case) into allocation
 * units (the camelCase `unitsColumns`), so every rule can run on it.
 *
 * Columns the province has are renamed (county_id → countyId, city → region, …). The ones a factor rule reads but
 * the province does not carry (per-pupil spending, growth, last year's provincial money, funding gap, scores, last
 * year's allocation, idle balances, a regional coefficient) are invented from the seeded stream by the formulas in
 * `SYNTHETIC_UNITS_ASSUMPTIONS`, tied to what the province does carry (fiscal capacity, plan funds, progress) so the
 * rules behave plausibly. Task completion comes from the 双月报 panel at `asOf`. Every row keeps `synthetic: true`:
 * these are simulated counties, never evidence about a real one.
 *
 * The draws happen in a fixed order (county by county, column by column), so the same stream gives the same units.
 *
 * @param counties synthetic counties (arquero table or rows with the snake_case columns of counties.csv)
 * @param progress synthetic 双月报 panel (county_id, as_of, completion_rate, equipment_rate, funds_rate)
 * @param options seeded `random`, `asOf` date (ISO, default 2015-12-31), `planYears` (default 5)
 * @returns the units table and rows, and which columns were mapped or derived
 * @throws DataValidationError naming the row and column of a missing or non-numeric input
 * @example unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(1) }).rows.length // 109
 * @see ../../datasets/README.md (synthetic province), unitsColumns
 */
export function unitsFromSyntheticProvince(counties: Rows, progress: Rows, options: SyntheticUnitsOptions): SyntheticUnits {
  const asOf = options.asOf ?? "2015-12-31";
  const planYears = options.planYears ?? 5;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`unitsFromSyntheticProvince requires an ISO date asOf, got ${asOf}`);
  if (!(planYears > 0)) throw new RangeError(`unitsFromSyntheticProvince requires positive planYears, got ${planYears}`);
  const r = options.random;
  const countyRows = toRows(counties);
  const progressRows = toRows(progress);

  const issues: DataIssue[] = [];
  countyRows.forEach((row, i) => {
    for (const c of NEEDED) {
      const v = row[c];
      const textual = c === "county_id" || c === "county_name" || c === "city";
      if (textual ? v === undefined || v === null || v === "" : typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        issues.push({ severity: "error", file: "counties", row: i + 2, column: c, message: textual ? "is empty" : `must be a non-negative number, got ${String(v)}` });
      }
    }
  });
  if (issues.length) throw new DataValidationError(issues, `unitsFromSyntheticProvince found ${issues.length} problem(s) in the synthetic counties`);

  // Latest report on or before asOf per county (the panel is ordered by date within county, but do not rely on it).
  const latest = new Map<string, { asOf: string; completion: number; equipment: number; funds: number }>();
  for (const p of progressRows) {
    const id = String(p.county_id);
    const date = String(p.as_of);
    if (date > asOf) continue;
    const prev = latest.get(id);
    if (prev && prev.asOf >= date) continue;
    const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    const completion = num(p.completion_rate);
    latest.set(id, { asOf: date, completion, equipment: p.equipment_rate == null ? completion : num(p.equipment_rate), funds: num(p.funds_rate) });
  }

  const poorShares = countyRows.map((c) => c.poor_share as number);
  const poorCut = quantile(poorShares, 0.8);
  const lognormal = (sigma: number) => Math.exp(sigma * r.normal() - (sigma * sigma) / 2);

  const rows: CountyUnitRow[] = countyRows.map((c) => {
    const id = String(c.county_id);
    const n = (k: (typeof NEEDED)[number]) => c[k] as number;
    const report = latest.get(id);
    const task = report ? (report.completion + report.equipment) / 2 : 0;
    const lastYear = (n("plan_central_gaibo_wan_yuan") / planYears) * lognormal(0.1);
    const perPupil = 6_500 * Math.pow(n("fiscal_capacity_per_capita_yuan") / 2_600, 0.6) * lognormal(0.15);
    const growth = Math.max(-0.5, 0.08 + 0.05 * r.normal());
    const provincial = (n("plan_provincial_wan_yuan") / planYears) * lognormal(0.3);
    const gap = (n("plan_buildings_wan_yuan") + n("plan_equipment_wan_yuan")) * lognormal(0.15);
    const standards = clip(0.3 + 0.5 * task + 0.08 * r.normal(), 0, 1);
    const planQuality = clip(75 + 8 * r.normal(), 40, 100);
    const supervision = clip(78 + 7 * r.normal(), 40, 100);
    const idle = lastYear * Math.max(0, (report?.funds ?? 0) - (report?.completion ?? 0)) * 0.5 * lognormal(0.3);
    return {
      countyId: id,
      countyName: String(c.county_name),
      region: String(c.city),
      pupils: n("pupils"),
      poorPopulation: Math.round(n("population") * n("poor_share")),
      poorShare: n("poor_share"),
      fiscalCapacityPerCapitaYuan: n("fiscal_capacity_per_capita_yuan"),
      perPupilSpendingYuan: Math.round(perPupil),
      spendingGrowthRate: round(growth, 4),
      provincialFundsLastYearWanYuan: round(provincial, 2),
      fundingGapWanYuan: round(gap, 2),
      taskCompletionShare: round(task, 4),
      standardsMetShare: round(standards, 4),
      planQualityScore: round(planQuality, 1),
      supervisionScore: round(supervision, 1),
      matchingCommittedWanYuan: n("matching_committed_wan_yuan"),
      matchingDeliveredWanYuan: n("matching_delivered_wan_yuan"),
      lastYearAllocationWanYuan: round(lastYear, 2),
      idleBalanceWanYuan: round(idle, 2),
      regionCoefficient: n("poor_share") >= poorCut ? 1.1 : 1,
    };
  });
  const columns: Record<string, unknown[]> = {};
  for (const k of Object.keys(rows[0] ?? {})) columns[k] = rows.map((row) => row[k]);
  columns.synthetic = rows.map(() => true);
  return { table: aq.table(columns), rows, provenance: "synthetic", mappedColumns: MAPPED, derivedColumns: DERIVED, asOf };
}

function toRows(t: Rows): Record<string, unknown>[] {
  return t instanceof aq.ColumnTable ? (t.objects() as Record<string, unknown>[]) : [...t];
}

/** Type-7 quantile of unsorted numbers. */
function quantile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(s.length - 1, lo + 1)] - s[lo]);
}
