import { describe, expect, it } from "vitest";
import { DEFAULT_CONSTRUCTION_STANDARDS } from "../../src/class-size/construction-standards.js";
import { constructionStandardsFromRows, type StandardRow } from "../../src/class-size/construction-standards-from-rows.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";

describe("constructionStandardsFromRows", () => {
  it("constructionStandardsFromRows(standards.csv) gives 5812/24 and 7972/24 m² per class, classes of 45/50 and the 56/66 bands, with sources", async () => {
    const rows = (await loadBundledData()).real.standards.objects() as unknown as StandardRow[];
    const s = constructionStandardsFromRows(rows);
    expect(s.construction.floorAreaPerClassroomM2).toEqual(DEFAULT_CONSTRUCTION_STANDARDS.floorAreaPerClassroomM2);
    expect(s.construction.floorAreaPerPupilM2).toEqual(DEFAULT_CONSTRUCTION_STANDARDS.floorAreaPerPupilM2);
    expect(s.standardClassSize).toEqual({ primary: 45, junior: 50 });
    expect([s.bigClassSize, s.veryBigClassSize]).toEqual([56, 66]);
    expect(s.sources.floorArea).toMatch(/^https:\/\/haowendang\.cn\//);
    expect(constructionStandardsFromRows(rows, 12).construction.floorAreaPerClassroomM2.junior).toBeCloseTo(4772 / 12, 12);
    expect(() => constructionStandardsFromRows(rows, 36)).toThrow("constructionStandardsFromRows requires a table 4-1(1) building_area row for primary at 36 classes");
  });
});
