import { describe, expect, it } from "vitest";
import { calibrateClassSize } from "../../src/class-size/calibrate-class-size.js";
import { URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { projectBigClasses, type BigClassProjectionInput } from "../../src/class-size/project-big-classes.js";
import type { UrbanizationScenario } from "../../src/class-size/urbanization-scenario.js";

const years = Array.from({ length: 10 }, (_, i) => 2015 + i);
const flat = (v: number): number[] => new Array<number>(years.length).fill(v);
const NONE: UrbanizationScenario = {
  kind: "flow-rates", name: "none", ruralToTownRate: 0, ruralToUrbanRate: 0, townToUrbanRate: 0, migrantSchoolingShare: 0.5,
};
// Seed example: Shandong's urban and town 56+ shares (seed 001), default spread.
const shandong = {
  primary: {
    urban: calibrateClassSize({ standardSize: 45, bigShare: 0.5129 }),
    town: calibrateClassSize({ standardSize: 45, bigShare: 0.463 }),
  },
  junior: {
    urban: calibrateClassSize({ standardSize: 50, bigShare: 0.4737 }),
    town: calibrateClassSize({ standardSize: 50, bigShare: 0.4479 }),
  },
};
const shares = { urban: 0.3, town: 0.35, rural: 0.35 };

function input(overrides: Partial<BigClassProjectionInput> = {}): BigClassProjectionInput {
  return {
    years,
    pupils: { primary: flat(600_000), junior: flat(300_000) },
    baseAreaShares: { primary: shares, junior: shares },
    urbanization: URBANIZATION_PRESETS.base,
    calibration: shandong,
    ...overrides,
  };
}

describe("projectBigClasses", () => {
  it("projectBigClasses(input) reproduces the calibrated base-year shares", () => {
    const { rows } = projectBigClasses(input());
    const first = rows.find((r) => r.year === 2015 && r.level === "primary" && r.area === "urban")!;
    expect(Math.abs(first.bigShare - 0.5129)).toBeLessThan(1e-3);
  });

  it("projectBigClasses(no urbanization, already enough classrooms) has no big class in any year", () => {
    const roomy = calibrateClassSize({ standardSize: 45, bigShare: 0.1 });
    const { rows, milestones } = projectBigClasses(
      input({ urbanization: NONE, calibration: { primary: { urban: { ...roomy, meanLoad: 20 } } } }),
    );
    expect(rows.every((r) => r.big === 0 && r.veryBig === 0)).toBe(true);
    expect(milestones[0].yearBigGone).toBe(2015);
  });

  it("projectBigClasses(no urbanization, enough classrooms built) removes every big class from the year they open", () => {
    // 2016 adds rooms so that Shandong's urban primary load falls to 20 pupils per classroom.
    const pupils = 600_000 * shares.urban;
    const baseRooms = pupils / shandong.primary.urban.meanLoad;
    const added = flat(0);
    added[1] = pupils / 20 - baseRooms;
    const { rows, milestones } = projectBigClasses(
      input({ urbanization: NONE, calibration: { primary: { urban: shandong.primary.urban } }, classroomsAdded: { primary: { urban: added } } }),
    );
    expect(rows[0].big).toBeGreaterThan(0);
    expect(rows.slice(1).every((r) => r.big === 0)).toBe(true);
    expect(milestones[0]).toEqual({ level: "primary", area: "urban", yearBelowLowShare: 2016, yearBigGone: 2016, yearVeryBigGone: 2016 });
  });

  it("projectBigClasses(faster urbanization, fixed classrooms) gives more urban big classes every later year", () => {
    const urbanBig = (scenario: UrbanizationScenario): number[] =>
      projectBigClasses(input({ urbanization: scenario }))
        .rows.filter((r) => r.level === "primary" && r.area === "urban")
        .map((r) => r.big);
    const slow = urbanBig(URBANIZATION_PRESETS.slow);
    const base = urbanBig(URBANIZATION_PRESETS.base);
    const fast = urbanBig(URBANIZATION_PRESETS.fast);
    expect(slow[0]).toBeCloseTo(fast[0], 9);
    for (let i = 1; i < years.length; i++) {
      expect(base[i]).toBeGreaterThan(slow[i]);
      expect(fast[i]).toBeGreaterThan(base[i]);
    }
  });

  it("projectBigClasses(more classrooms) never has more big classes", () => {
    const big = (perYear: number): number[] =>
      projectBigClasses(input({ classroomsAdded: { primary: { urban: flat(perYear), town: flat(perYear) } } })).rows.map((r) => r.big);
    const few = big(50);
    const many = big(150);
    many.forEach((v, i) => expect(v).toBeLessThanOrEqual(few[i] + 1e-9));
    expect(many[years.length - 1]).toBeLessThan(few[years.length - 1]);
  });

  it("projectBigClasses(input) matches its documented example", () => {
    const r = projectBigClasses({
      years: [2014, 2015],
      pupils: { primary: [100, 100], junior: [0, 0] },
      baseAreaShares: { primary: { urban: 1, town: 0, rural: 0 }, junior: { urban: 1, town: 0, rural: 0 } },
      urbanization: URBANIZATION_PRESETS.base,
      calibration: { primary: { urban: { standardSize: 45, meanLoad: 30, spread: 0.1, maxZ: 3 } } },
    });
    expect(r.rows[0].big).toBe(0);
  });

  it("projectBigClasses(input) requires one classroom entry per year", () => {
    expect(() => projectBigClasses(input({ classroomsAdded: { junior: { town: [1, 2] } } }))).toThrow(
      "projectBigClasses requires classroomsAdded.junior.town with one value per year, got 2 for 10",
    );
  });
});
