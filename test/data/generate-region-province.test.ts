import { readFile } from "node:fs/promises";
import path from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/parse-csv.js";
import { validateSheet } from "../../src/data/validate-sheet.js";
import { COUNTIES_SCHEMA, PROGRESS_SCHEMA } from "../../src/data/schemas.js";
import { generateRegionProvince } from "../../src/data/synthetic/generate-region-province.js";
import { POINT_TOLERANCE, REGION_PROFILES } from "../../src/data/synthetic/region-profiles.js";
import { regionProvinceFiles } from "../../src/data/synthetic/region-province-files.js";

const root = path.resolve(import.meta.dirname, "../../datasets");
type Row = Record<string, unknown>;

async function rows(file: string, schema = COUNTIES_SCHEMA): Promise<Row[]> {
  const { table } = validateSheet(parseCsv(await readFile(path.join(root, file), "utf8"), file), schema);
  return table.objects() as Row[];
}
async function csvRows(file: string): Promise<Record<string, string>[]> {
  // Plain text cells (no type guessing), the BOM our CSVs start with removed.
  const text = (await readFile(path.join(root, file), "utf8")).replace(/^\uFEFF/, "");
  return (aq.fromCSV(text, { autoType: false }).objects() as Record<string, string>[]).filter((r) => Object.values(r).some((v) => v));
}

/**
 * Independent roll-up, written here without the library's rollUpProgress: for each county the last
 * report on or before the date (0 before its first), weighted by floor area (start, completion),
 * equipment money (equipment) or total plan (funds).
 */
function handRollUp(counties: Row[], progress: Row[], indicator: string, date: string, city?: string): number {
  const weight = (c: Row) =>
    indicator === "equipment_rate"
      ? Number(c.plan_equipment_wan_yuan)
      : indicator === "funds_rate"
        ? Number(c.plan_buildings_wan_yuan) + Number(c.plan_equipment_wan_yuan)
        : Number(c.planned_floor_area_m2);
  const byCounty = new Map<unknown, Row[]>();
  for (const p of progress) if (String(p.as_of) <= date) byCounty.set(p.county_id, [...(byCounty.get(p.county_id) ?? []), p]);
  let num = 0;
  let den = 0;
  for (const c of counties.filter((x) => city === undefined || x.city === city)) {
    const reports = byCounty.get(c.county_id) ?? [];
    const last = reports.length ? Number(reports[reports.length - 1][indicator]) : 0;
    num += weight(c) * last;
    den += weight(c);
  }
  return num / den;
}

describe("generateRegionProvince", () => {
  // Published figures checked by hand against the source tables (value, row):
  //   山东 2015-06-30 start 34.37%, completion 17.77% — seeds/progress_rates.csv rows 2–3 (seed 001);
  //   山东 2017-02-28 completion 87.18%, equipment 97.19%, 15 cities (德州 94.30 … 东营 66.71; 枣庄 122.70 … 菏泽 89.16) — real/progress_observations.csv SD-briefing;
  //   新疆 2017-04-30 completion 36%, equipment 18%; 2017-08-31 73%, 87%; funds 80.79% on 2017-10-11 — seeds/progress_rates.csv (seed 002);
  //   云南 2017-10-31 start 94.79%, completion 73.59%, equipment 95.80%, 16 州市 start (德宏 100 … 怒江 87.74) — real/progress_observations.csv YN-2017-10;
  //   全国 2018-12-31 completion 98.34%, equipment 99.70% — CN-MOE; 2015-10-31 23.48%, 26.45% DERIVED — real/progress_quantities.csv.
  it("every region profile's points are the published figures in seeds/ and real/", async () => {
    const seeds = await csvRows("seeds/progress_rates.csv");
    const real = await csvRows("real/progress_observations.csv");
    const published = (region: string, indicator: string, asOf: string) =>
      [...seeds, ...real].filter((r) => r.region === region && r.indicator === indicator && r.as_of === asOf && (r.qualifier ?? "exact") === "exact").map((r) => Number(r.value_share));
    let checked = 0;
    for (const p of Object.values(REGION_PROFILES)) {
      for (const pt of p.points) {
        if (pt.source.includes("DERIVED")) continue;
        expect(published(pt.city ?? p.region, pt.indicator, pt.asOf), `${p.id} ${pt.city ?? ""} ${pt.indicator} ${pt.asOf}`).toContain(pt.value);
        checked++;
      }
    }
    expect(checked).toBe(4 + 30 + 5 + 21 + 2);
  });

  for (const id of ["shandong", "xinjiang", "yunnan", "national"]) {
    it(`datasets/synthetic/${id}: the counties' roll-up reproduces every published point within ±1 pp (recomputed by hand)`, async () => {
      const profile = REGION_PROFILES[id];
      const counties = await rows(`synthetic/${id}/counties.csv`);
      const progress = await rows(`synthetic/${id}/progress.csv`, PROGRESS_SCHEMA);
      // The national view is written as its provinces (the generated counties folded into them).
      expect(counties).toHaveLength(profile.unitLevel === "province" ? profile.cityNames.length : profile.counties);
      expect(counties.every((c) => c.synthetic === true) && progress.every((r) => r.synthetic === true)).toBe(true);
      const sum = (col: string) => counties.reduce((a, c) => a + Number(c[col]), 0);
      for (const [k, v] of Object.entries(profile.sourcesWanYuan)) expect(sum(`plan_${k}_wan_yuan`), k).toBe(v);
      expect(sum("plan_equipment_wan_yuan")).toBe(profile.equipmentWanYuan);
      if (profile.publishedTotalWanYuan) expect(sum("plan_buildings_wan_yuan") + sum("plan_equipment_wan_yuan")).toBe(profile.publishedTotalWanYuan);
      for (const pt of profile.points) {
        if (pt.reportOnly) continue;
        const got = handRollUp(counties, progress, pt.indicator, pt.asOf, pt.city);
        expect(Math.abs(got - pt.value), `${pt.city ?? profile.region} ${pt.indicator} ${pt.asOf}: ${got}`).toBeLessThanOrEqual(POINT_TOLERANCE);
      }
      const stored = await csvRows(`synthetic/${id}/published_points.csv`);
      expect(stored).toHaveLength(profile.points.length);
      expect(stored.filter((r) => r.calibration_target === "true").every((r) => Math.abs(Number(r.difference_pp)) <= 1)).toBe(true);
    }, 60_000);
  }

  it("Shandong's 15 cities keep their published order: the roll-up ranks them as the briefing does", async () => {
    const counties = await rows("synthetic/shandong/counties.csv");
    const progress = await rows("synthetic/shandong/progress.csv", PROGRESS_SCHEMA);
    const cities = REGION_PROFILES.shandong.points.filter((p) => p.city && p.indicator === "completion_rate");
    const rolled = cities.map((p) => handRollUp(counties, progress, "completion_rate", p.asOf, p.city));
    // Published ranks 1..15 are in descending order; ties within the tolerance may swap, nothing more.
    for (let i = 1; i < rolled.length; i++) expect(rolled[i]).toBeLessThanOrEqual(rolled[i - 1] + 2 * POINT_TOLERANCE);
  });

  it("generateRegionProvince(xinjiang) writes exactly the stored files (deterministic from the seed; regenerate with npm run generate)", async () => {
    const files = regionProvinceFiles(generateRegionProvince(REGION_PROFILES.xinjiang));
    for (const f of files) expect(await readFile(path.join(root, "synthetic/xinjiang", f.path), "utf8"), f.path).toBe(f.content);
    // A steep published rise (completion 36% → 73% in four months) is matched by a faster, more synchronised province.
    const again = generateRegionProvince(REGION_PROFILES.xinjiang);
    expect(again.options.timing!.speed.completion_rate).toBeGreaterThan(1.5);
    expect(again.checks.every((c) => c.within)).toBe(true);
  }, 120_000);
});
