import { describe, expect, it } from "vitest";
import { equity } from "../../src/allocation/equity.js";

// Twelve counties: per-pupil allocation (元), pupils, 人均可用财力 (元), funding gap (元). Same data as
// test/allocation/reference/equity.R.
const x = [812.5, 1040, 655, 1290, 980, 1040, 720.25, 1505, 900, 610, 1175, 1040];
const w = [3200, 5400, 1800, 2500, 4100, 2600, 3900, 1200, 6000, 2100, 2800, 3300];
const cap = [2100, 3400, 1500, 6900, 2800, 3900, 1800, 9200, 2600, 1300, 5100, 3000];
const gap = [3.1e6, 4.0e6, 2.2e6, 1.5e6, 5.0e6, 2.0e6, 3.5e6, 0.9e6, 4.8e6, 2.6e6, 2.0e6, 3.9e6];

/*
 * Reference values: R 4.x (`/usr/bin/Rscript test/allocation/reference/equity.R`), computed by expanding each county
 * into one entry per pupil (rep) and using base R quantile(type = 1), mean(), outer() for the all-pairs Gini,
 * cov.wt(method = "ML") for the weighted correlation and lm(weights = pupils) for the log-log elasticity.
 */
const reference = {
  mean: 960.410668380463,
  median: 980,
  min: 610,
  max: 1505,
  range: 895,
  p05: 610,
  p95: 1290,
  restrictedRange: 680,
  federalRangeRatio: 1.11475409836066,
  coefficientOfVariation: 0.209322208456312,
  mcLooneIndex: 0.836008076216268,
  verstegenIndex: 1.12249557357189,
  gini: 0.114958805451191,
  theil: 0.0218497244898883,
  fiscalCapacityCorrelation: 0.935650144578963,
  fiscalCapacityElasticity: 0.452098451500973,
  gapClosedShare: 0.859689436619718,
};

describe("equity", () => {
  it("equity(values, { weights, fiscalCapacity, fundingGap }) agrees with R to 12 significant digits", () => {
    const e = equity(x, { weights: w, fiscalCapacity: cap, fundingGap: gap });
    for (const [key, value] of Object.entries(reference)) {
      const got = e[key as keyof typeof e] as number;
      expect(Math.abs(got - value), key).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
    }
    expect(e.n).toBe(12);
    expect(e.totalWeight).toBe(38900);
  });

  it("equity doc example: Gini of 1, 2, 3, 4 with equal weights is 0.25", () => {
    expect(equity([1, 2, 3, 4], { weights: [1, 1, 1, 1] }).gini).toBeCloseTo(0.25, 15);
  });

  it("equity of equal per-pupil amounts is perfectly equal", () => {
    const e = equity([500, 500, 500], { weights: [10, 2000, 7] });
    expect([e.range, e.restrictedRange, e.federalRangeRatio, e.coefficientOfVariation, e.gini, e.theil]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(e.mcLooneIndex).toBe(1);
    expect(e.verstegenIndex).toBe(1);
  });

  it("equity weights by pupils: a county with zero pupils is ignored and pupil weights move the median", () => {
    const e = equity([100, 200, 999], { weights: [1, 3, 0] });
    expect(e.max).toBe(200);
    expect(e.median).toBe(200);
    expect(e.mean).toBe(175);
  });

  it("equity rejects mismatched lengths, negative values and empty input", () => {
    expect(() => equity([1, 2], { weights: [1] })).toThrow("equity requires weights of the same length as values, got 1 and 2");
    expect(() => equity([1, -2])).toThrow("equity requires non-negative finite values, got -2 at index 1");
    expect(() => equity([])).toThrow("equity requires at least one county with positive weight");
    expect(() => equity([1, 2], { fiscalCapacity: [1, 0] })).toThrow("equity requires positive finite fiscalCapacity");
  });
});
