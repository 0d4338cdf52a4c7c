import type { ColumnTable } from "arquero";
import type { PublishedFigure } from "../progress/out-of-sample-check.js";
import type { ReferenceObservation } from "../progress/reference-class-prior.js";
import type { BundledData } from "./load-bundled-data.js";

type Row = Record<string, unknown>;
const rows = (t: ColumnTable | undefined): Row[] => (t ? (t.objects() as Row[]) : []);

/**
 * Province- and city-level published figures of the real and seed progress tables, as reference-class
 * observations (`referenceClassPrior`), with their province so a region's cities can be left out.
 *
 * @param data bundled datasets
 * @returns one observation per row of real/progress_observations and seeds/progress_rates
 */
export function referenceObservations(data: BundledData): (ReferenceObservation & { province: string | null })[] {
  const as = (r: Row, provenance: "real" | "seed") => ({
    region: String(r.region),
    region_level: String(r.region_level),
    province: r.province == null ? null : String(r.province),
    indicator: String(r.indicator),
    as_of: r.as_of ? String(r.as_of) : null,
    value_share: typeof r.value_share === "number" ? r.value_share : null,
    qualifier: r.qualifier == null ? null : String(r.qualifier),
    provenance,
  });
  return [...rows(data.real.progress_observations).map((r) => as(r, "real")), ...rows(data.seeds.progress_rates).map((r) => as(r, "seed"))];
}

const QUANTITY_INDICATOR: Record<string, string> = { school_buildings: "completion_rate", equipment: "equipment_rate" };

/**
 * Every dated rate of the four 双月报 indicators published for a real province, city or the nation:
 * real/progress_observations (official pages and reposts), seeds/progress_rates (exact rows of the
 * seed documents) and the shares derived from national quantities in real/progress_quantities (marked
 * "derived"). Counties are left out (their few figures are league tables at one date).
 *
 * @param data bundled datasets
 * @returns figures with their standing
 */
export function publishedFigures(data: BundledData): PublishedFigure[] {
  const indicators = new Set(["start_rate", "completion_rate", "equipment_rate", "funds_rate"]);
  const levels = new Set(["province", "city", "nation"]);
  const out: PublishedFigure[] = [];
  for (const r of rows(data.real.progress_observations)) {
    if (!indicators.has(String(r.indicator)) || !levels.has(String(r.region_level)) || typeof r.value_share !== "number" || !r.as_of) continue;
    out.push({ region: String(r.region), region_level: String(r.region_level), indicator: String(r.indicator), as_of: String(r.as_of), value_share: r.value_share, standing: String(r.caveat ?? "real") });
  }
  for (const r of rows(data.seeds.progress_rates)) {
    if (!indicators.has(String(r.indicator)) || !levels.has(String(r.region_level)) || typeof r.value_share !== "number" || !r.as_of || r.qualifier !== "exact") continue;
    out.push({ region: String(r.region), region_level: String(r.region_level), indicator: String(r.indicator), as_of: String(r.as_of), value_share: r.value_share, standing: `seed ${String(r.source_file ?? "")}`.trim() });
  }
  for (const r of rows(data.real.progress_quantities)) {
    const indicator = QUANTITY_INDICATOR[String(r.item)];
    if (!indicator || r.stage !== "completed" || typeof r.derived_share !== "number" || !r.as_of || !levels.has(String(r.region_level))) continue;
    out.push({ region: String(r.region), region_level: String(r.region_level), indicator, as_of: String(r.as_of), value_share: r.derived_share, standing: "derived" });
  }
  return out;
}
