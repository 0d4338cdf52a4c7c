import { beforeAll, describe, expect, it } from "vitest";
import { calibrateMatchingElasticity, type MatchingCalibration } from "../../src/allocation/calibrate-matching-elasticity.js";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { DataValidationError } from "../../src/shared/errors.js";
import { createRandom } from "../../src/shared/random.js";

/*
 * Targets come from the seeds: 22 of Henan's 109 counties put in nothing (seed 001, speech 1), Shandong's city money
 * was 3.5% of funds in by June 2015 (seed 001, speech 2), and Henan's county money is 62.69 of 267.91亿 = 23.4% of the
 * plan (seed 001). The checks below are posterior-predictive: a fresh province simulated at each kept parameter draw
 * must cover each target with its 90% interval.
 */
let data: BundledData;
let fit: MatchingCalibration;
beforeAll(async () => {
  data = await loadBundledData();
  fit = calibrateMatchingElasticity(data.synthetic.counties, { random: createRandom(1) });
});

describe("calibrateMatchingElasticity", () => {
  it("calibrateMatchingElasticity(synthetic counties) reproduces 22 zero-input counties, 3.5% city and 23.4% county money", () => {
    const { zeroCounties, cityShare, countyShare } = fit.predicted;
    expect(zeroCounties.lower).toBeLessThanOrEqual(22);
    expect(zeroCounties.upper).toBeGreaterThanOrEqual(22);
    expect(Math.abs(zeroCounties.median - 22)).toBeLessThanOrEqual(6);
    expect(cityShare.lower).toBeLessThan(0.035);
    expect(cityShare.upper).toBeGreaterThan(0.035);
    expect(countyShare.lower).toBeLessThan(0.234);
    expect(countyShare.upper).toBeGreaterThan(0.234);
    expect(Math.abs(countyShare.median - 0.234)).toBeLessThan(0.04);
    expect(fit.counties).toBe(109);
    expect(fit.cities).toBe(18);
  });

  it("calibrateMatchingElasticity says honestly that one match rate cannot pin ε: its interval is about the prior's", () => {
    // ε enters only through κ·(1+m)^ε at one m, so the posterior of ε spans nearly the whole U(0, 1.2) prior...
    expect(fit.elasticityPriorWidthRatio).toBeGreaterThan(0.8);
    expect(fit.elasticity.lower).toBeGreaterThanOrEqual(0);
    expect(fit.elasticity.upper).toBeLessThanOrEqual(1.2);
    // ...while the levels are pinned: the county threshold and willingness intervals are narrow against their priors.
    expect(fit.threshold.upper - fit.threshold.lower).toBeLessThan(0.5 * 0.4);
    expect(Math.log(fit.countyLevel.upper / fit.countyLevel.lower)).toBeLessThan(0.3 * Math.log(3 / 0.02));
    expect(fit.elasticityNormal.sd).toBeGreaterThan(0.25);
  });

  it("calibrateMatchingElasticity with a narrow prior keeps ε inside it and is repeatable for a seed", () => {
    const a = calibrateMatchingElasticity(data.synthetic.counties, { random: createRandom(5), draws: 2_000, acceptShare: 0.05, elasticityPrior: [0.2, 0.4] });
    const b = calibrateMatchingElasticity(data.synthetic.counties, { random: createRandom(5), draws: 2_000, acceptShare: 0.05, elasticityPrior: [0.2, 0.4] });
    expect(a.elasticity).toEqual(b.elasticity);
    expect(a.elasticity.lower).toBeGreaterThanOrEqual(0.2);
    expect(a.elasticity.upper).toBeLessThanOrEqual(0.4);
    expect(a.accepted.elasticity).toHaveLength(100);
  });

  it("calibrateMatchingElasticity rejects bad options and bad county values with row and column", () => {
    expect(() => calibrateMatchingElasticity(data.synthetic.counties, { random: createRandom(1), draws: 10 })).toThrow(/at least 100 whole draws/);
    expect(() => calibrateMatchingElasticity(data.synthetic.counties, { random: createRandom(1), matchRate: -1 })).toThrow(/non-negative match rate/);
    const rows = (data.synthetic.counties.objects() as Record<string, unknown>[]).slice(0, 3).map((r) => ({ ...r }));
    rows[2].fiscal_capacity_per_capita_yuan = 0;
    expect(() => calibrateMatchingElasticity(rows, { random: createRandom(1), draws: 100 })).toThrow(DataValidationError);
    expect(() => calibrateMatchingElasticity(rows, { random: createRandom(1), draws: 100 })).toThrow(/row 4, column fiscal_capacity_per_capita_yuan: must be a positive number/);
  });
});
