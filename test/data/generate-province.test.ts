import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSyntheticProvince } from "../../src/data/synthetic/generate-province.js";
import { syntheticProvinceFiles } from "../../src/data/synthetic/synthetic-province-files.js";
import { HENAN_PLAN } from "../../src/data/synthetic/henan-plan.js";
import { validateSheet } from "../../src/data/validate-sheet.js";
import { parseCsv } from "../../src/data/parse-csv.js";
import { COUNTIES_SCHEMA, ENROLMENT_SCHEMA, PROGRESS_SCHEMA } from "../../src/data/schemas.js";

const province = generateSyntheticProvince();
const sum = (xs: unknown[]) => (xs as number[]).reduce((a, b) => a + b, 0);
const col = (name: string) => province.counties.array(name) as number[];

describe("generateSyntheticProvince", () => {
  it("generateSyntheticProvince() reproduces every Henan fund source to the 万元", () => {
    expect(province.counties.numRows()).toBe(109);
    expect(sum(col("plan_central_gaibo_wan_yuan"))).toBe(1_350_400); // 135.04亿
    expect(sum(col("plan_central_other_wan_yuan"))).toBe(247_900); // 24.79亿
    expect(sum(col("plan_provincial_wan_yuan"))).toBe(424_000); // 42.4亿
    expect(sum(col("plan_city_wan_yuan"))).toBe(13_800); // 1.38亿
    expect(sum(col("plan_county_wan_yuan"))).toBe(626_900); // 62.69亿
    expect(sum(col("plan_other_wan_yuan"))).toBe(16_200); // 1.62亿
    expect(sum(col("plan_equipment_wan_yuan"))).toBe(544_300); // 54.43亿
  });

  it("generateSyntheticProvince() matches the stated totals within the source's rounding (0.02亿)", () => {
    const central = sum(col("plan_central_gaibo_wan_yuan")) + sum(col("plan_central_other_wan_yuan"));
    const local = sum(col("plan_provincial_wan_yuan")) + sum(col("plan_city_wan_yuan")) + sum(col("plan_county_wan_yuan"));
    const total = sum(col("plan_buildings_wan_yuan")) + sum(col("plan_equipment_wan_yuan"));
    expect(Math.abs(central - 1_598_200)).toBeLessThanOrEqual(100); // 159.82亿 stated, parts give 159.83
    expect(local).toBe(1_064_700); // 106.47亿
    expect(Math.abs(total - HENAN_PLAN.totalWanYuan)).toBeLessThanOrEqual(100); // 267.91亿 stated
    expect(Math.abs(sum(col("plan_buildings_wan_yuan")) - HENAN_PLAN.buildingsWanYuan)).toBeLessThanOrEqual(200); // 213.47亿
  });

  it("generateSyntheticProvince() has exactly 22 counties with zero county input, and every county's sources add to buildings + equipment", () => {
    expect(col("plan_county_wan_yuan").filter((x) => x === 0)).toHaveLength(22);
    const rows = province.counties.objects() as Record<string, number>[];
    for (const r of rows) {
      const sources =
        r.plan_central_gaibo_wan_yuan + r.plan_central_other_wan_yuan + r.plan_provincial_wan_yuan + r.plan_city_wan_yuan + r.plan_county_wan_yuan + r.plan_other_wan_yuan;
      expect(r.plan_buildings_wan_yuan + r.plan_equipment_wan_yuan).toBe(sources);
      expect(r.plan_equipment_wan_yuan).toBeGreaterThan(0);
      expect(r.matching_delivered_wan_yuan).toBeLessThanOrEqual(Math.round(r.matching_committed_wan_yuan * 1.1));
    }
  });

  it("generateSyntheticProvince() gives bi-monthly cumulative series with over-delivery, stalls and gaps", () => {
    const rows = province.progress.objects() as { county_id: string; as_of: string; start_rate: number; completion_rate: number }[];
    const byCounty = new Map<string, typeof rows>();
    for (const r of rows) byCounty.set(r.county_id, [...(byCounty.get(r.county_id) ?? []), r]);
    expect(byCounty.size).toBe(109);
    let over = 0;
    let stalled = 0;
    let gappy = 0;
    for (const series of byCounty.values()) {
      for (let i = 1; i < series.length; i++) {
        expect(series[i].as_of > series[i - 1].as_of).toBe(true);
        expect(series[i].start_rate).toBeGreaterThanOrEqual(series[i - 1].start_rate);
      }
      if (series.some((r) => r.start_rate > 1)) over++;
      if (series.length < 32) gappy++;
      const mid = series.filter((r) => r.start_rate > 0.2 && r.start_rate < 0.8);
      if (mid.some((r, i) => i > 0 && r.start_rate === mid[i - 1].start_rate)) stalled++;
    }
    expect(over).toBeGreaterThanOrEqual(3);
    expect(stalled).toBeGreaterThanOrEqual(5);
    expect(gappy).toBeGreaterThanOrEqual(10);
    expect(rows.every((r) => r.completion_rate <= Math.max(r.start_rate, 1) + 1e-12)).toBe(true);
  });

  it("generateSyntheticProvince(seed) is deterministic and a different seed gives a different province", () => {
    expect(generateSyntheticProvince().progress.objects()).toEqual(province.progress.objects());
    expect(generateSyntheticProvince({ seed: 1 }).counties.array("pupils")).not.toEqual(col("pupils"));
  });

  it("datasets/synthetic holds exactly what the generator writes (regenerate with npm run generate, never edit by hand)", async () => {
    const dir = path.resolve(import.meta.dirname, "../../datasets/synthetic");
    for (const f of syntheticProvinceFiles(province)) {
      const committed = await readFile(path.join(dir, f.path), "utf8");
      expect(committed, f.path).toBe(f.content);
    }
  });

  it("datasets/synthetic files pass their own schemas and every row is marked synthetic", async () => {
    const dir = path.resolve(import.meta.dirname, "../../datasets/synthetic");
    for (const [file, schema] of [
      ["counties.csv", COUNTIES_SCHEMA],
      ["progress.csv", PROGRESS_SCHEMA],
      ["enrolment.csv", ENROLMENT_SCHEMA],
    ] as const) {
      const { table } = validateSheet(parseCsv(await readFile(path.join(dir, file), "utf8"), file), schema);
      expect((table.array("synthetic") as boolean[]).every((x) => x === true), file).toBe(true);
    }
  });
});
