import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOrBridge } from "../../src/class-size/build-or-bridge.js";
import { financingGap, smallestFlatBudget } from "../../src/class-size/financing-gap.js";
import { CLASS_SIZE_COSTS } from "../../src/class-size/presets.js";

const costs = CLASS_SIZE_COSTS;
// Need rises to a peak in 2027 and falls with the births: 0, 40, 100, 120, 90, 60 rooms (2024–2029).
const years = [2024, 2025, 2026, 2027, 2028, 2029];
const need = [0, 40, 100, 120, 90, 60];
const paths = buildOrBridge({ years, need, targetYear: 2026, startYear: 2025, floorAreaPerClassroomM2: 100, teachersPerClass: 2, costs, strandedYears: [2029] });
const path = (p: string) => paths.find((x) => x.path === p)!;
const room = (100 * 2000) / 1e4; // 20万元 a classroom

describe("CLASS_SIZE_COSTS", () => {
  it("equals the data file; the salary is the NBS 2022 education-sector average wage with its page and quote", () => {
    expect(JSON.parse(readFileSync(new URL("../../datasets/scenarios/costs/class-size-costs.json", import.meta.url), "utf8"))).toEqual(costs);
    expect(costs.teacherSalaryWanYuanPerYear).toBe(12.0422);
    expect(costs.teacherSalarySource.quote).toContain("120422");
  });
});

describe("buildOrBridge (hand computation)", () => {
  it("build: ramps to 100 rooms by 2026, ratchets to the 120 peak, and leaves 60 empty in 2029", () => {
    const b = path("build");
    expect(b.rows.map((r) => r.permanent)).toEqual([0, 50, 100, 120, 120, 120]);
    expect(b.rows.map((r) => r.stranded)).toEqual([0, 0, 0, 0, 30, 60]);
    expect(b.built).toBe(120);
    expect(b.stranded).toEqual([{ year: 2029, classrooms: 60, capitalWanYuan: 60 * room }]);
    expect(b.capitalWanYuan).toBeCloseTo(120 * room, 9);
    // Maintenance 2% of the standing stock: (50 + 100 + 120·4) · 20 · 0.02.
    expect(b.maintenanceWanYuan).toBeCloseTo((50 + 100 + 120 * 3) * room * 0.02, 9);
    expect(b.temporaryWanYuan).toBe(0);
  });

  it("bridge: temporary rooms equal to the need, nothing stranded", () => {
    const t = path("bridge");
    expect(t.rows.map((r) => r.temporary)).toEqual([0, 50, 100, 120, 90, 60]);
    expect(t.capitalWanYuan).toBe(0);
    expect(t.temporaryWanYuan).toBeCloseTo((50 + 100 + 120 + 90 + 60) * 3, 9);
    expect(t.stranded[0].classrooms).toBe(0);
  });

  it("mixed: builds the 60 rooms that last to 2029, bridges the peak above them, strands nothing", () => {
    const m = path("mixed");
    expect(m.rows.map((r) => r.permanent)).toEqual([0, 30, 60, 60, 60, 60]);
    expect(m.rows.map((r) => r.temporary)).toEqual([0, 20, 40, 60, 30, 0]);
    expect(m.rows.every((r) => r.stranded === 0)).toBe(true);
  });

  it("teachers follow the classes in use, the same on every path (2 per class at 120422 yuan)", () => {
    for (const p of paths) expect(p.rows.map((r) => r.teachers)).toEqual([0, 100, 200, 240, 180, 120]);
    expect(path("build").salaryWanYuan).toBeCloseTo(840 * 12.0422, 6);
  });

  it("rejects a start after the target and a negative need", () => {
    expect(() => buildOrBridge({ years, need, targetYear: 2025, startYear: 2026, floorAreaPerClassroomM2: 100, teachersPerClass: 2, costs })).toThrow("buildOrBridge requires startYear ≤ targetYear");
    expect(() => buildOrBridge({ years, need: [0, -1, 0, 0, 0, 0], targetYear: 2026, floorAreaPerClassroomM2: 100, teachersPerClass: 2, costs })).toThrow("one need ≥ 0 per year");
  });
});

describe("financingGap and smallestFlatBudget", () => {
  it("financingGap: cost − budget and its running sum", () => {
    expect(financingGap([2025, 2026, 2027], [10, 30, 5], 15).map((r) => [r.gapWanYuan, r.cumulativeGapWanYuan])).toEqual([[-5, -5], [15, 10], [-10, 0]]);
  });

  it("smallestFlatBudget: the p-quantile (type 7) of cost per year to the target over the draws", () => {
    const draws = [[10, 10, 99], [20, 20, 99], [30, 40, 99], [40, 40, 99]];
    // Per year to 2026: 10, 20, 35, 40; the 0.9 quantile: h = 2.7 → 35 + 0.7·5 = 38.5 (R: quantile(c(10,20,35,40), 0.9) = 38.5).
    expect(smallestFlatBudget([2025, 2026, 2027], draws, 2025, 2026, 0.9)).toBeCloseTo(38.5, 12);
    expect(smallestFlatBudget([2025, 2026, 2027], draws, 2025, 2026, 0)).toBe(10);
  });
});
