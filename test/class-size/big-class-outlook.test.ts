import { describe, expect, it } from "vitest";
import { bigClassOutlook } from "../../src/class-size/big-class-outlook.js";
import type { EnrolmentCell } from "../../src/class-size/calibrate-enrolment-cell.js";
import { calibrateEnrolmentCell } from "../../src/class-size/calibrate-enrolment-cell.js";
import { compareCountySpread, countySpreadCounts } from "../../src/class-size/compare-county-spread.js";
import { DEFAULT_CONSTRUCTION_STANDARDS } from "../../src/class-size/construction-standards.js";
import { plannedClassroomsFromFloorArea } from "../../src/class-size/planned-classrooms-from-floor-area.js";
import { TWO_CHILD_BIRTHS, URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { createRandom } from "../../src/shared/random.js";

const cell = (unit: string, level: "primary" | "junior", area: "urban" | "town" | "rural", pupils: number, classes: number, big: number, veryBig: number): EnrolmentCell =>
  ({ unit, level, area, pupils, classes, classrooms: classes, big, veryBig });
const cells: EnrolmentCell[] = ["A", "B", "C"].flatMap((u, k) => [
  cell(u, "primary", "urban", 9000 + 1000 * k, 180, 60 + 10 * k, 20),
  cell(u, "primary", "town", 12000, 250, 70, 15 + k),
  cell(u, "primary", "rural", 20000, 600, 10, 0),
  cell(u, "junior", "urban", 5000, 95, 40, 12),
  cell(u, "junior", "town", 6000, 120, 45, 10),
  cell(u, "junior", "rural", 8000, 200, 5, 1),
]);
const input = {
  cells,
  baseYear: 2015,
  lastYear: 2026,
  births: TWO_CHILD_BIRTHS,
  urbanization: URBANIZATION_PRESETS.base,
  plannedClassrooms: [{ unit: "A", classrooms: 60 }, { unit: "B", classrooms: 30 }, { unit: "C", classrooms: 0 }],
  targetYear: 2018,
  compareTargetYears: [2016, 2018, 2020, 2024],
  cellYear: 2017,
};

describe("bigClassOutlook", () => {
  const o = bigClassOutlook({ ...input, monteCarlo: { draws: 120, random: createRandom(7) } });

  it("bigClassOutlook(input) reproduces the base-year 56+ and 66+ shares of every cell it was calibrated to", () => {
    const one = bigClassOutlook({ ...input, cells: cells.filter((c) => c.unit === "A") });
    for (const c of cells.filter((x) => x.unit === "A" && x.big > 0 && x.big < x.classes)) {
      const r = one.rows.find((x) => x.year === 2015 && x.level === c.level && x.area === c.area);
      if (!r) continue; // rural cells are not in the urban/town rows
      expect(r.bigShare).toBeCloseTo(c.big / c.classes, 9);
      if (c.veryBig > 0) expect(r.veryBigShare).toBeCloseTo(c.veryBig / c.classes, 9);
    }
  });

  it("bigClassOutlook(input) adds up: urban+town = urban + town and all = primary + junior, every year", () => {
    for (const year of o.years) {
      const at = (level: string, area: string) => o.rows.find((r) => r.year === year && r.level === level && r.area === area)!;
      for (const key of ["pupils", "classes", "big", "veryBig"] as const) {
        expect(at("all", "urban+town")[key]).toBeCloseTo(at("all", "urban")[key] + at("all", "town")[key], 6);
        expect(at("all", "urban")[key]).toBeCloseTo(at("primary", "urban")[key] + at("junior", "urban")[key], 6);
      }
      expect(at("all", "urban+town").veryBig).toBeLessThanOrEqual(at("all", "urban+town").big);
    }
  });

  it("bigClassOutlook(input) builds stock + increment = new classrooms and charges them at the standards", () => {
    const t = o.plan.totals;
    expect(t.stockClassrooms + t.incrementClassrooms).toBeCloseTo(t.newClassrooms, 9);
    expect(t.costWanYuan).toBeCloseTo((t.floorAreaM2 * 2000) / 1e4, 6);
    const byTarget = o.costByTargetYear.map((c) => c.newClassrooms);
    // Later targets include more of the increment: what is built by then never falls.
    for (let i = 1; i < byTarget.length; i++) expect(byTarget[i]).toBeGreaterThanOrEqual(byTarget[i - 1] - 1e-9);
    const at2018 = o.costByTargetYear.find((c) => c.targetYear === 2018)!;
    expect(at2018.stockClassrooms).toBeCloseTo(t.stockClassrooms, 9); // the whole stock is digested by the target year
  });

  it("bigClassOutlook(input) counts planned classrooms cumulatively in the gap and keeps Monte Carlo intervals ordered", () => {
    const last = o.gap[o.gap.length - 1];
    expect(last.plannedClassrooms).toBeCloseTo(90, 9);
    expect(last.gap).toBeCloseTo(last.neededClassrooms - 90, 9);
    const series = o.draws!.series.filter((s) => s.level === "all" && s.area === "urban+town");
    for (const s of series) expect(s.big[0]).toBeLessThanOrEqual(s.big[2]);
    expect(o.cellsAt).toHaveLength(18);
  });

  it("bigClassOutlook(input) with faster urbanization never gives urban and town schools fewer pupils", () => {
    const slow = bigClassOutlook({ ...input, urbanization: URBANIZATION_PRESETS.slow, calibration: o.calibration });
    const fast = bigClassOutlook({ ...input, urbanization: URBANIZATION_PRESETS.fast, calibration: o.calibration });
    const ut = (x: typeof o, year: number) => x.rows.find((r) => r.year === year && r.level === "all" && r.area === "urban+town")!;
    for (const year of o.years.slice(1)) expect(ut(fast, year).pupils).toBeGreaterThan(ut(slow, year).pupils);
    expect(() => bigClassOutlook({ ...input, targetYear: 2040 })).toThrow("bigClassOutlook requires targetYear after 2015 and at most 2026, got 2040");
  });
});

describe("calibrateEnrolmentCell, plannedClassroomsFromFloorArea, countySpreadCounts", () => {
  it("calibrateEnrolmentCell(cell) fits both shares when it can and falls back to the 56+ share or the load", () => {
    expect(calibrateEnrolmentCell({ unit: "S001", level: "primary", area: "urban", pupils: 2941, classes: 54, classrooms: 52, big: 25, veryBig: 10 }).method).toBe("shares");
    expect(calibrateEnrolmentCell(cell("X", "primary", "town", 9000, 200, 20, 0)).method).toBe("big-share");
    const load = calibrateEnrolmentCell(cell("X", "primary", "rural", 6000, 200, 0, 0));
    expect(load.method).toBe("load");
    expect(load.meanLoad).toBe(30);
    expect(() => calibrateEnrolmentCell(cell("X", "junior", "town", 100, 2, 3, 0))).toThrow("calibrateEnrolmentCell requires counts ≥ 0 with veryBig ≤ big ≤ classes, in X junior town");
  });

  it("plannedClassroomsFromFloorArea(plans, cells, standards) matches its documented example", () => {
    const [p] = plannedClassroomsFromFloorArea([{ unit: "A", floorAreaM2: 24_216.7 }], [cell("A", "primary", "urban", 100, 2, 0, 0)], DEFAULT_CONSTRUCTION_STANDARDS);
    expect(p.classrooms).toBeCloseTo(100, 3);
  });

  it("countySpreadCounts(cells) and compareCountySpread(cells, observed) count counties and fit one load factor", () => {
    expect(countySpreadCounts([{ unit: "A", pupils: 3000, classrooms: 100, standardSize: 45, spread: 0.25 }]).bigBelow).toBe(1);
    const many = Array.from({ length: 40 }, (_, i) => ({ unit: `U${i}`, pupils: 3000 + 60 * i, classrooms: 100, standardSize: 45, spread: 0.25 }));
    const c = compareCountySpread(many, { counties: 80, bigBelow: 20, noVeryBig: 10, veryBigBelow: 40 }, "bigBelow");
    expect(c.model.bigBelow).toBe(10); // a quarter of the 40 counties, as a quarter of the 80 observed
    expect(c.rows.find((r) => r.count === "bigBelow")!.difference).toBeCloseTo(0, 12);
  });

  it("countySpreadCounts(cells, f, t, σ) spreads counties apart in their own order; compareCountySpread recovers σ from a second count", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ unit: `U${i}`, pupils: 4000 + 40 * i, classrooms: 100, standardSize: 45, spread: 0.2 }));
    const flat = countySpreadCounts(many, 1);
    const wide = countySpreadCounts(many, 1, {}, 0.5);
    const shareOf = (r: typeof flat, unit: string) => r.shares.find((x) => x.unit === unit)!.bigShare;
    expect(shareOf(wide, "U39")).toBeGreaterThan(shareOf(flat, "U39")); // the most crowded county gets more crowded
    expect(shareOf(wide, "U0")).toBeLessThan(shareOf(flat, "U0")); // the least crowded one less
    expect(countySpreadCounts(many, 1, {}, 0).shares).toEqual(flat.shares);
    // "Observed" counts made by the model itself at σ = 0.4: both fitted counts are met and σ comes back.
    const truth = countySpreadCounts(many, 1.05, {}, 0.4);
    const observed = { counties: truth.counties, bigBelow: truth.bigBelow, noVeryBig: truth.noVeryBig, veryBigBelow: truth.veryBigBelow };
    const fit = compareCountySpread(many, observed, "veryBigBelow", {}, { fitTo: "bigBelow", mechanism: "spread" });
    expect(fit.rows.filter((r) => r.fitted).map((r) => r.count)).toEqual(["bigBelow", "veryBigBelow"]);
    for (const r of fit.rows.filter((x) => x.fitted)) expect(Math.abs(r.difference)).toBeLessThanOrEqual(1 / 40 + 1e-12);
    expect(fit.heterogeneity).toBeGreaterThan(0.2);
    expect(fit.heterogeneity).toBeLessThan(0.6);
    expect(() => compareCountySpread(many, observed, "bigBelow", {}, { fitTo: "bigBelow", mechanism: "cap" })).toThrow(/two different counts/);
    expect(() => countySpreadCounts(many, 1, {}, -1)).toThrow(/heterogeneity ≥ 0/);
  });

  it("countySpreadCounts(cells, f, t, 0, q) caps classes at 65 in a share q of counties, spread evenly over the load order", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ unit: `U${i}`, pupils: 5000 + 40 * i, classrooms: 100, standardSize: 45, spread: 0.2 }));
    const free = countySpreadCounts(many, 1);
    const capped = countySpreadCounts(many, 1, {}, 0, 0.25);
    expect(free.noVeryBig).toBe(0);
    expect(capped.noVeryBig).toBe(10); // a quarter of the 40 counties
    const cappedUnits = capped.shares.filter((x) => x.veryBig === 0).map((x) => Number(x.unit.slice(1)));
    expect(cappedUnits).toEqual([3, 7, 11, 15, 19, 23, 27, 31, 35, 39]); // every fourth in load order
    // the cap moves 66+ classes below 66, not below 56: the 56+ shares do not change
    expect(capped.shares.map((x) => x.bigShare)).toEqual(free.shares.map((x) => x.bigShare));
    const truth = countySpreadCounts(many, 1.1, {}, 0, 0.3);
    const observed = { counties: 40, bigBelow: truth.bigBelow, noVeryBig: truth.noVeryBig, veryBigBelow: truth.veryBigBelow };
    const fit = compareCountySpread(many, observed, "veryBigBelow", {}, { fitTo: "noVeryBig", mechanism: "cap" });
    expect(fit.cappedShare).toBeCloseTo(0.3, 12);
    expect(fit.rows.map((r) => r.difference)).toEqual([0, 0, 0]);
    expect(() => countySpreadCounts(many, 1, {}, 0, 1.5)).toThrow(/cappedShare from 0 to 1/);
  });
});
