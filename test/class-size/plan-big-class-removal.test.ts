import { describe, expect, it } from "vitest";
import { DEFAULT_CONSTRUCTION_STANDARDS } from "../../src/class-size/construction-standards.js";
import { planBigClassRemoval } from "../../src/class-size/plan-big-class-removal.js";
import type { ClassSizeParams } from "../../src/class-size/types.js";

const params: ClassSizeParams = { standardSize: 45, meanLoad: 45, spread: 0.25, maxZ: 3 };

describe("planBigClassRemoval", () => {
  it("planBigClassRemoval(input) needs, by the target year, the targeted gap that scipy integrates", () => {
    // Pupils grow 10% by 2016 in an area with 1000 effective classrooms (45 000 pupils ÷ meanLoad 45).
    // Reference: /usr/bin/python3 + scipy 1.10.1: E[(1.1·x − 55)⁺]/55 over the truncated lognormal (mean 45,
    // σ 0.25, cut at 3σ), by scipy.integrate.quad = 0.05202051277980634 classrooms per existing classroom.
    const plan = planBigClassRemoval({
      years: [2014, 2015, 2016],
      targetYear: 2016,
      pupils: { primary: { urban: [45_000, 45_000, 49_500] } },
      calibration: { primary: { urban: params } },
    });
    const last = plan.rows[plan.rows.length - 1];
    expect(last.cumulativeClassrooms).toBeCloseTo(1000 * 0.05202051277980634, 6);
    expect(plan.totals.newClassrooms).toBeCloseTo(1000 * 0.05202051277980634, 6);
  });

  it("planBigClassRemoval(input) digests the stock in equal parts up to the target year and builds the increment when it arises", () => {
    const plan = planBigClassRemoval({
      years: [2014, 2015, 2016, 2017, 2018],
      targetYear: 2017,
      pupils: { primary: { urban: [45_000, 45_000, 45_000, 47_000, 46_000] } },
      calibration: { primary: { urban: params } },
    });
    const stock = plan.rows.map((r) => r.stockClassrooms);
    expect(stock[0]).toBeCloseTo(stock[1], 9);
    expect(stock[1]).toBeCloseTo(stock[2], 9);
    expect(stock[3]).toBe(0);
    const inc = plan.rows.map((r) => r.incrementClassrooms);
    expect(inc[0]).toBe(0);
    expect(inc[1]).toBe(0);
    expect(inc[2]).toBeGreaterThan(0); // 2017: pupils +4.4%
    expect(inc[3]).toBe(0); // 2018: pupils fall, rooms already built stay
    expect(plan.totals.stockClassrooms + plan.totals.incrementClassrooms).toBeCloseTo(plan.totals.newClassrooms, 9);
  });

  it("planBigClassRemoval(input) turns classrooms into floor area, teachers and 万元 with the documented standards", () => {
    const plan = planBigClassRemoval({
      years: [2014, 2015],
      targetYear: 2015,
      pupils: { junior: { town: [50_000, 50_000] } },
      calibration: { junior: { town: { ...params, standardSize: 50, meanLoad: 50 } } },
    });
    const r = plan.rows[0];
    expect(r.newClassrooms).toBeGreaterThan(0);
    expect(r.floorAreaM2).toBeCloseTo(r.newClassrooms * (7972 / 24), 9);
    expect(r.teachers).toBeCloseTo(r.newClassrooms * (50 / 13.5), 9);
    expect(r.costWanYuan).toBeCloseTo((r.floorAreaM2 * 2000) / 1e4, 9);
    const perPupil = planBigClassRemoval({
      years: [2014, 2015],
      targetYear: 2015,
      pupils: { junior: { town: [50_000, 50_000] } },
      calibration: { junior: { town: { ...params, standardSize: 50, meanLoad: 50 } } },
      areaBasis: "per-pupil",
    });
    expect(perPupil.rows[0].floorAreaM2).toBeCloseTo(r.newClassrooms * 50 * DEFAULT_CONSTRUCTION_STANDARDS.floorAreaPerPupilM2.junior, 9);
  });

  it("planBigClassRemoval(input) matches its documented example", () => {
    const plan = planBigClassRemoval({
      years: [2014, 2015],
      targetYear: 2015,
      pupils: { primary: { urban: [30_000, 30_000] } },
      calibration: { primary: { urban: { standardSize: 45, meanLoad: 30, spread: 0.1, maxZ: 3 } } },
    });
    expect(plan.totals.newClassrooms).toBe(0);
  });

  it("planBigClassRemoval(input) requires a target year after the base year", () => {
    expect(() =>
      planBigClassRemoval({ years: [2014, 2015], targetYear: 2014, pupils: {}, calibration: {} }),
    ).toThrow("planBigClassRemoval requires targetYear after 2014 and within the years, got 2014");
  });
});
