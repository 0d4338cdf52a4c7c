import { beforeAll, describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { readUnitColumns } from "../../src/allocation/read-unit-columns.js";
import { unitsColumns } from "../../src/allocation/units-columns.js";
import { SYNTHETIC_UNITS_ASSUMPTIONS, unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import { UNITS_SCHEMA } from "../../src/allocation/units-schema.js";
import { validateSheet } from "../../src/data/validate-sheet.js";
import { parseCsv } from "../../src/data/parse-csv.js";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { DataValidationError } from "../../src/shared/errors.js";
import { createRandom } from "../../src/shared/random.js";
import { readRule } from "./read-rule.js";

let data: BundledData;
beforeAll(async () => {
  data = await loadBundledData();
});

describe("unitsFromSyntheticProvince", () => {
  it("unitsFromSyntheticProvince(counties, progress) gives 109 counties with every unitsColumns column, marked synthetic", () => {
    const u = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(1) });
    expect(u.rows).toHaveLength(109);
    expect(u.provenance).toBe("synthetic");
    for (const c of Object.keys(unitsColumns)) expect(u.table.columnNames()).toContain(c);
    expect(u.table.array("synthetic")).toEqual(new Array(109).fill(true));
    expect([...u.mappedColumns, ...u.derivedColumns].sort()).toEqual(Object.keys(unitsColumns).sort());
    for (const c of u.derivedColumns.filter((c) => c !== "poorPopulation")) expect(SYNTHETIC_UNITS_ASSUMPTIONS[c]).toBeDefined();
    // every number within the column's own range (as readUnitColumns checks it)
    const reqs = Object.entries(unitsColumns)
      .filter(([, c]) => c.kind === "number")
      .map(([column, c]) => ({ column, kind: "number" as const, ...(c.min !== undefined ? { min: c.min } : {}), neededBy: "test" }));
    expect(() => readUnitColumns(u.table, reqs)).not.toThrow();
  });

  it("unitsFromSyntheticProvince(...) maps existing columns unchanged and keeps the 14 counties that committed nothing at zero", () => {
    const u = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(1) });
    const counties = data.synthetic.counties.objects() as Record<string, number | string>[];
    u.rows.forEach((row, i) => {
      expect(row.countyId).toBe(counties[i].county_id);
      expect(row.pupils).toBe(counties[i].pupils);
      expect(row.fiscalCapacityPerCapitaYuan).toBe(counties[i].fiscal_capacity_per_capita_yuan);
      expect(row.matchingDeliveredWanYuan).toBe(counties[i].matching_delivered_wan_yuan);
      expect(row.region).toBe(counties[i].city);
      expect(row.poorPopulation).toBe(Math.round((counties[i].population as number) * (counties[i].poor_share as number)));
    });
    expect(u.rows.filter((r) => r.matchingCommittedWanYuan === 0)).toHaveLength(14);
  });

  it("unitsFromSyntheticProvince(..., { random: createRandom(7) }) is deterministic for a seed and differs for another", () => {
    const a = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(7) });
    const b = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(7) });
    const c = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(8) });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.map((r) => r.perPupilSpendingYuan)).not.toEqual(c.rows.map((r) => r.perPupilSpendingYuan));
  });

  it("unitsFromSyntheticProvince(..., { asOf }) reads task completion from the latest report on or before the date", () => {
    const progress = [
      { county_id: "S001", as_of: "2015-10-31", completion_rate: 0.2, equipment_rate: 0.4, funds_rate: 0.5 },
      { county_id: "S001", as_of: "2015-12-31", completion_rate: 0.3, equipment_rate: 0.5, funds_rate: 0.6 },
      { county_id: "S001", as_of: "2016-02-29", completion_rate: 0.9, equipment_rate: 0.9, funds_rate: 0.9 },
    ];
    const counties = (data.synthetic.counties.objects() as Record<string, unknown>[]).slice(0, 2);
    const u = unitsFromSyntheticProvince(counties, progress, { random: createRandom(1), asOf: "2016-01-31" });
    expect(u.rows[0].taskCompletionShare).toBe(0.4);
    expect(u.rows[1].taskCompletionShare).toBe(0); // no report at all
    const earlier = unitsFromSyntheticProvince(counties, progress, { random: createRandom(1), asOf: "2015-11-15" });
    expect(earlier.rows[0].taskCompletionShare).toBe(0.3);
  });

  it("unitsFromSyntheticProvince(rows with a missing pupils value) throws naming the row and column", () => {
    const counties = (data.synthetic.counties.objects() as Record<string, unknown>[]).slice(0, 3).map((r) => ({ ...r }));
    counties[1].pupils = null;
    expect(() => unitsFromSyntheticProvince(counties, [], { random: createRandom(1) })).toThrow(DataValidationError);
    expect(() => unitsFromSyntheticProvince(counties, [], { random: createRandom(1) })).toThrow(/row 3, column pupils/);
  });

  it("unitsFromSyntheticProvince units run every preset rule and conserve the Henan central fund to the fen", () => {
    const u = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(2015) });
    for (const name of ["central-2015", "need-only", "matching-heavy", "hebei-progress"]) {
      const result = allocate(u.table, readRule(`${name}.json`), { budgetFen: 1_350_400 * 1_000_000 });
      expect(result.rows.reduce((s, r) => s + r.allocationFen, 0)).toBe(1_350_400 * 1_000_000);
    }
  });
});

describe("UNITS_SCHEMA", () => {
  it("UNITS_SCHEMA doc example: fiscal capacity is also accepted as 人均可用财力", () => {
    expect(UNITS_SCHEMA.columns.find((c) => c.name === "fiscalCapacityPerCapitaYuan")?.aliases?.[0]).toBe("人均可用财力");
  });

  it("UNITS_SCHEMA validates the synthetic units written as CSV, and Chinese headers with percentages", () => {
    const u = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(1) });
    const back = validateSheet(parseCsv(tableToCsv(u.table), "units.csv"), UNITS_SCHEMA);
    expect(back.table.numRows()).toBe(109);
    expect(back.table.array("pupils")).toEqual(u.table.array("pupils"));
    const zh = validateSheet(parseCsv("区县代码,义务教育学生数,贫困发生率,年度任务完成率\n410122,5000,12.5%,105%\n", "zh.csv"), UNITS_SCHEMA);
    expect(zh.table.objects()[0]).toEqual({ countyId: "410122", pupils: 5000, poorShare: 0.125, taskCompletionShare: 1.05 });
    expect(zh.warnings).toHaveLength(1);
  });

  it("UNITS_SCHEMA rejects a negative fiscal capacity and a missing pupils column with row and column", () => {
    expect(() => validateSheet(parseCsv("countyId,pupils,fiscalCapacityPerCapitaYuan\nA,10,-5\n", "u.csv"), UNITS_SCHEMA)).toThrow(/row 2, column fiscalCapacityPerCapitaYuan: -5 is negative/);
    expect(() => validateSheet(parseCsv("countyId\nA\n", "u.csv"), UNITS_SCHEMA)).toThrow(/required column pupils/);
  });
});

