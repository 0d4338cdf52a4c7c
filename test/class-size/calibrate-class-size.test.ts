import { describe, expect, it } from "vitest";
import { calibrateClassSize, DEFAULT_SPREAD } from "../../src/class-size/calibrate-class-size.js";
import { classSizeDistribution } from "../../src/class-size/class-size-distribution.js";

// Shandong 2015 survey (seed 001, 山东 speech): big-class (56+) shares of urban and town schools.
const SHANDONG = [
  { level: "primary", area: "urban", standardSize: 45, bigShare: 0.5129, scipyMeanLoad: 57.19555489301574 },
  { level: "primary", area: "town", standardSize: 45, bigShare: 0.463, scipyMeanLoad: 55.376244041898616 },
  { level: "junior", area: "urban", standardSize: 50, bigShare: 0.4737, scipyMeanLoad: 55.263847109207205 },
  { level: "junior", area: "town", standardSize: 50, bigShare: 0.4479, scipyMeanLoad: 54.32951414570049 },
] as const;

describe("calibrateClassSize", () => {
  it("calibrateClassSize(national 2017) reproduces 10.1% big and 2.4% very big classes to 1e-3", () => {
    // 新华社 2018-03-16: 36.8万 classes 56+ = 10.1%, 8.6万 66+ = 2.4% of compulsory classes (national.csv).
    const c = calibrateClassSize({ standardSize: 45, bigShare: 0.101, veryBigShare: 0.024 });
    expect(Math.abs(c.bigShare - 0.101)).toBeLessThan(1e-3);
    expect(Math.abs(c.veryBigShare - 0.024)).toBeLessThan(1e-3);
    // In fact to 1e-9; recomputed through the public distribution as well.
    const d = classSizeDistribution(c.meanLoad * 1e6, 1e6, c);
    expect(d.bigShare).toBeCloseTo(0.101, 9);
    expect(d.veryBigShare).toBeCloseTo(0.024, 9);
    expect(c.solvedFor).toBe("meanLoad+spread");
    // Independent fit: /usr/bin/python3 + scipy 1.10.1, brentq nested over shares computed by quad integration
    // of the truncated lognormal (no closed form): meanLoad 40.663009658847784, spread 0.2508354420510992.
    expect(c.meanLoad).toBeCloseTo(40.663009658847784, 5);
    expect(c.spread).toBeCloseTo(0.2508354420510992, 6);
  });

  it("calibrateClassSize(target) matches its documented example and DEFAULT_SPREAD rounds it", () => {
    expect(calibrateClassSize({ standardSize: 45, bigShare: 0.101, veryBigShare: 0.024 }).spread).toBeCloseTo(0.2508, 4);
    expect(DEFAULT_SPREAD).toBe(0.25);
  });

  it("calibrateClassSize(Shandong shares) reproduces each urban and town share to 1e-3 with the default spread", () => {
    for (const cell of SHANDONG) {
      const c = calibrateClassSize({ standardSize: cell.standardSize, bigShare: cell.bigShare });
      expect(c.solvedFor).toBe("meanLoad");
      expect(c.spread).toBe(DEFAULT_SPREAD);
      expect(Math.abs(c.bigShare - cell.bigShare)).toBeLessThan(1e-3);
      // Independent scipy fit (same script as above, spread fixed at 0.25).
      expect(c.meanLoad).toBeCloseTo(cell.scipyMeanLoad, 3);
    }
  });

  it("calibrateClassSize(target with meanLoad) solves for the spread instead", () => {
    const c = calibrateClassSize({ standardSize: 50, bigShare: 0.2, meanLoad: 45 });
    expect(c.solvedFor).toBe("spread");
    expect(c.meanLoad).toBe(45);
    expect(Math.abs(c.bigShare - 0.2)).toBeLessThan(1e-9);
  });

  it("calibrateClassSize(target) rejects impossible shares with a message naming the field", () => {
    expect(() => calibrateClassSize({ standardSize: 45, bigShare: 1.2 })).toThrow(
      "calibrateClassSize requires bigShare between 0 and 1 (exclusive), got 1.2",
    );
    expect(() => calibrateClassSize({ standardSize: 45, bigShare: 0.1, veryBigShare: 0.2 })).toThrow(
      "calibrateClassSize requires veryBigShare between 0 and bigShare 0.1, got 0.2",
    );
    expect(() => calibrateClassSize({ standardSize: 45, bigShare: 0.1, veryBigShare: 0.0999 })).toThrow(
      /calibrateClassSize cannot reach veryBigShare 0.0999/,
    );
  });
});
