import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { nationalExampleUnits, type ProvinceDemography } from "../../src/allocation/national-example-units.js";
import { parseRule } from "../../src/allocation/parse-rule.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";

describe("national illustration", () => {
  it("allocate(provinces, national-2014-illustrative) shares the real 2014 central 310亿 exactly to the fen", async () => {
    const data = await loadBundledData();
    const rows = data.real.demography_provincial.objects() as unknown as ProvinceDemography[];
    const units = nationalExampleUnits(rows);
    const file = path.resolve(import.meta.dirname, "../../datasets/rules/national/national-2014-illustrative.json");
    const rule = parseRule(await readFile(file, "utf8"), "national-2014-illustrative.json");
    const result = allocate(units, rule);
    expect(result.rows).toHaveLength(rows.length);
    expect(result.rows.reduce((s, r) => s + r.allocationFen, 0)).toBe(310 * 1e10); // 310亿元 in fen
    // Hand check of the largest unit's share: 0.5·rural + 0.3·population + 0.2·births shares.
    const share = (col: "ruralPopulation" | "population" | "births", id: string) =>
      (units.find((u) => u.countyId === id)![col] as number) / units.reduce((s, u) => s + (u[col] as number), 0);
    const top = result.rows.slice().sort((a, b) => b.allocationFen - a.allocationFen)[0];
    const expected = (0.5 * share("ruralPopulation", top.countyId) + 0.3 * share("population", top.countyId) + 0.2 * share("births", top.countyId)) * 310e10;
    expect(Math.abs(top.allocationFen - expected)).toBeLessThanOrEqual(1);
  });

  it("nationalExampleUnits(rows) derives rural population and births from the published rates", () => {
    const [u] = nationalExampleUnits([{ province: "云南", population_persons: 47_418_000, urbanisation_share: 0.4333, birth_rate_per_mille: 12.88 }]);
    expect(u).toEqual({ countyId: "云南", countyName: "云南", population: 47_418_000, pupils: 47_418_000, ruralPopulation: 26_871_781, births: 610_744 });
    expect(() => nationalExampleUnits([{ province: "x", population_persons: -1, urbanisation_share: 0.5, birth_rate_per_mille: 10 }])).toThrow(/row 0 \(x\)/);
  });
});
