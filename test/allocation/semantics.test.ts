import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { equity } from "../../src/allocation/equity.js";
import { normaliseFactor } from "../../src/allocation/normalise-factor.js";
import type { AllocationRuleInput } from "../../src/allocation/rule-schema.js";

// Worked examples of src/allocation/README.md "Semantics"; every expected number is computed by hand there.
const one = (column: string, normalisation: string, extra: Record<string, unknown> = {}): AllocationRuleInput["groups"] => [
  { id: "g", weight: 1, factors: [{ column, weight: 1, direction: "need", normalisation, ...extra }] },
] as AllocationRuleInput["groups"];

describe("allocation semantics (README worked examples)", () => {
  it("zscore: mean and population sd over counties, not pupil-weighted, through the exact Φ (scipy 0.11033568095992347)", () => {
    const scores = normaliseFactor([1, 2, 3], "need", "zscore");
    // z = ∓√1.5 = ∓1.224744871391589; scipy.stats.norm.cdf(-1.224744871391589) = 0.11033568095992347
    expect(scores[0]).toBeCloseTo(0.11033568095992347, 15);
    expect(scores[1]).toBe(0.5);
    expect(scores[2]).toBeCloseTo(0.8896643190400766, 15);
    // pupils 1, 1, 1000 change nothing: each county counts once
    const units = [1, 2, 3].map((x, i) => ({ countyId: `c${i}`, pupils: [1, 1, 1000][i], need: x }));
    const res = allocate(units, { name: "z", groups: one("need", "zscore") }, { budgetFen: 1_500_000 });
    expect(res.rows.map((r) => r.allocationFen)).toEqual([110_336, 500_000, 889_664]);
  });

  it("minmax: the lowest county gets nothing from the factor", () => {
    const units = [1, 2, 5].map((x, i) => ({ countyId: `c${i}`, pupils: 10, need: x }));
    const res = allocate(units, { name: "m", groups: one("need", "minmax") }, { budgetFen: 1_250_000 });
    expect(res.rows.map((r) => r.allocationFen)).toEqual([0, 250_000, 1_000_000]);
  });

  it("poverty per-capita over poorPopulation multiplies the poor population by the poverty rate", () => {
    const units = [
      { countyId: "A", pupils: 10, poorPopulation: 1000, poorShare: 0.1 },
      { countyId: "B", pupils: 10, poorPopulation: 1000, poorShare: 0.2 },
    ];
    const res = allocate(units, { name: "p", groups: one("poorShare", "per-capita", { population: "poorPopulation" }) }, { budgetFen: 3_000_000 });
    expect(res.rows.map((r) => r.allocationFen)).toEqual([1_000_000, 2_000_000]);
  });

  const three = [
    { countyId: "A", pupils: 100, taskCompletionShare: 0.3 },
    { countyId: "B", pupils: 100, taskCompletionShare: 0.6 },
    { countyId: "C", pupils: 200, taskCompletionShare: 0.9 },
  ];
  const deduction = { kind: "progress" as const, column: "taskCompletionShare", threshold: 0.5, share: 0.1 };

  it("rewards are computed on formula money before deductions, and deducted money joins the reward pool", () => {
    const rule: AllocationRuleInput = {
      name: "r",
      groups: one("pupils", "share"),
      incentives: { rewardPoolShare: 0.1, reward: { column: "taskCompletionShare", threshold: 0.8, basis: "formula" }, deductions: [deduction] },
    };
    const res = allocate(three, rule, { budgetFen: 10_000 });
    // pool 1,000; formula 2,250 / 2,250 / 4,500; A loses 225; C (the only one ≥ 0.8) gets 1,000 + 225
    expect(res.rows.map((r) => [r.formulaFen, r.deductionFen, r.rewardFen, r.allocationFen])).toEqual([
      [2250, 225, 0, 2025],
      [2250, 0, 0, 2250],
      [4500, 0, 1225, 5725],
    ]);
  });

  it("without a reward, deducted money goes to the counties not deducted, in proportion to their formula money", () => {
    const res = allocate(three, { name: "d", groups: one("pupils", "share"), incentives: { deductions: [deduction] } }, { budgetFen: 10_000 });
    // A 2,500 − 250; B 2,500 + 250 × 1/3; C 5,000 + 250 × 2/3 → 2,250 / 2,583.33 / 5,166.67
    expect(res.rows.map((r) => r.allocationFen)).toEqual([2250, 2583, 5167]);
  });

  it("a floor overrides a deduction: the county is lifted back to its floor, paid by scaling the free counties", () => {
    const rule: AllocationRuleInput = { name: "f", groups: one("pupils", "share"), incentives: { deductions: [deduction] }, bounds: { floor: { perCountyWanYuan: 2400 } } };
    const res = allocate(three, rule, { budgetFen: 10_000 * 1e6 });
    // before the floor: 2,250 / 2,583.33 / 5,166.67 万元; A lifted to 2,400; B and C × 7,600/7,750
    expect(res.rows.map((r) => r.allocationFen)).toEqual([2_400_000_000, 2_533_333_333, 5_066_666_667]);
    expect(res.rows[0].deductionFen).toBe(250_000_000);
    expect(res.rows[0].boundAdjustmentFen).toBe(150_000_000);
    expect(res.rows[0].binding).toBe("floor");
  });
});

describe("equity with zero denominators", () => {
  it("equity returns NaN, as its JSDoc says, for ratios to a zero mean, median or 5th percentile (not +Infinity)", () => {
    const zero = equity([0, 0, 0]);
    expect([zero.gini, zero.coefficientOfVariation, zero.mcLooneIndex, zero.verstegenIndex, zero.federalRangeRatio]).toEqual([NaN, NaN, NaN, NaN, NaN]);
    const lowZero = equity([0, 0, 0, 1]);
    expect(lowZero.p05).toBe(0);
    expect(lowZero.federalRangeRatio).toBeNaN();
    expect(lowZero.mcLooneIndex).toBeNaN(); // median 0
    expect(lowZero.gini).toBeCloseTo(0.75, 12); // the mean is not 0: a real Gini, (n−1)/n for one holder
  });
});
