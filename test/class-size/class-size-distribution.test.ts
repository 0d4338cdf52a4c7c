import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classSizeDistribution } from "../../src/class-size/class-size-distribution.js";
import { standardNormalCdf } from "../../src/class-size/standard-normal-cdf.js";

describe("standardNormalCdf", () => {
  it("standardNormalCdf(x) agrees with scipy to 1e-14 in the body and 1e-7 relative in the far tail", () => {
    // Reference: /usr/bin/python3, scipy 1.10.1, repr(scipy.stats.norm.cdf(x)).
    const reference: [number, number][] = [
      [-6, 9.865876450376946e-10],
      [-3, 0.0013498980316300933],
      [-1, 0.15865525393145707],
      [0.5, 0.6914624612740131],
      [2.5, 0.9937903346742238],
    ];
    for (const [x, p] of reference) expect(Math.abs(standardNormalCdf(x) - p)).toBeLessThan(1e-14 + 1e-7 * p);
    // scipy: norm.cdf(-10) = 7.61985302416047e-24
    expect(standardNormalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 7);
  });

  it("standardNormalCdf(x) matches its documented example", () => {
    expect(standardNormalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
  });
});

describe("classSizeDistribution", () => {
  it("classSizeDistribution(pupils, rooms, shape) agrees with scipy numerical integration of the truncated lognormal", () => {
    // Reference: /usr/bin/python3 with scipy 1.10.1: μ is found by brentq so that
    // ∫ x f(x) dx over the lognormal truncated at e^{μ+3σ} equals the mean load; then
    // classesPerRoom = ∫ min(x/s, 1) f, bigPerRoom = ∫_{55.5}^{U} f, veryBigPerRoom = ∫_{65.5}^{U} f (scipy.integrate.quad).
    // This uses no closed form, so it checks the Φ formulas independently.
    const cases = [
      { m: 45, sigma: 0.25, s: 45, classesPerRoom: 0.9011240232266635, big: 0.16807267009466736, veryBig: 0.05133370927316222 },
      { m: 57.2, sigma: 0.25, s: 45, classesPerRoom: 0.9750295337870127, big: 0.5002098352068042, veryBig: 0.2534743742839553 },
      { m: 30, sigma: 0.4, s: 50, classesPerRoom: 0.5865489428999822, big: 0.040550279049814036, veryBig: 0.0146932431905695 },
    ];
    for (const c of cases) {
      const rooms = 1000;
      const d = classSizeDistribution(c.m * rooms, rooms, { standardSize: c.s, spread: c.sigma });
      expect(d.classes / rooms).toBeCloseTo(c.classesPerRoom, 8);
      expect(d.big / rooms).toBeCloseTo(c.big, 8);
      expect(d.veryBig / rooms).toBeCloseTo(c.veryBig, 8);
    }
  });

  it("classSizeDistribution(pupils, rooms, shape) matches its documented example and adds up across bands", () => {
    const d = classSizeDistribution(45_000, 1_000, { standardSize: 45, spread: 0.25 });
    expect(d.bigShare).toBeCloseTo(0.18651447055295223, 8); // scipy value above, 0.16807… / 0.90112…
    expect(d.standardOrSmaller + d.aboveStandard + d.big56to65 + d.veryBig).toBeCloseTo(d.classes, 9);
    expect(d.big).toBeCloseTo(d.big56to65 + d.veryBig, 9);
    expect(d.classes).toBeLessThanOrEqual(d.classrooms);
  });

  it("classSizeDistribution(pupils, enough rooms, shape) has no big class once the most crowded school fits", () => {
    // Truncated at 3 log-sd: the most crowded school's load is m·e^{3σ − σ²/2}·Φ(3)/Φ(3 − σ); with σ 0.25 and
    // m 20 it is about 41.5 < 55.5.
    const d = classSizeDistribution(20_000, 1_000, { standardSize: 45, spread: 0.25 });
    expect(d.big).toBe(0);
    expect(d.veryBig).toBe(0);
    expect(d.aboveStandard).toBe(0);
  });

  it("classSizeDistribution(pupils, more rooms, shape) never has a higher big-class share or more pupils in big classes", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1_000, max: 1e6, noNaN: true }),
        fc.double({ min: 10, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.constantFrom(45, 50),
        (pupils, rooms, extra, spread, standardSize) => {
          const a = classSizeDistribution(pupils, rooms, { standardSize, spread });
          const b = classSizeDistribution(pupils, rooms + extra, { standardSize, spread });
          expect(b.bigShare).toBeLessThanOrEqual(a.bigShare + 1e-12);
          expect(b.veryBigShare).toBeLessThanOrEqual(a.veryBigShare + 1e-12);
          expect(b.pupilsInBig).toBeLessThanOrEqual(a.pupilsInBig * (1 + 1e-12) + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("classSizeDistribution(pupils, more rooms, shape) never has more big classes while the mean load is below 55.5", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 55.5, noNaN: true }),
        fc.double({ min: 10, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.constantFrom(45, 50),
        (load, rooms, extraShare, spread, standardSize) => {
          const pupils = load * rooms;
          const a = classSizeDistribution(pupils, rooms, { standardSize, spread });
          const b = classSizeDistribution(pupils, rooms * (1 + extraShare), { standardSize, spread });
          expect(b.big).toBeLessThanOrEqual(a.big * (1 + 1e-12) + 1e-9);
          expect(b.veryBig).toBeLessThanOrEqual(a.veryBig * (1 + 1e-12) + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("classSizeDistribution(pupils, 0, shape) requires classrooms when there are pupils", () => {
    expect(() => classSizeDistribution(10, 0, { standardSize: 45, spread: 0.25 })).toThrow(
      "classSizeDistribution requires classrooms > 0 when pupils > 0",
    );
    expect(() => classSizeDistribution(10, 1, { standardSize: 45, spread: 3 })).toThrow(
      "classSizeDistribution requires spread between 0.01 and 1.5, got 3",
    );
  });
});
