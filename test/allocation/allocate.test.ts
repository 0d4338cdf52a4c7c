import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import type { AllocationRuleInput } from "../../src/allocation/rule-schema.js";
import { DataValidationError } from "../../src/shared/errors.js";

/*
 * The hand-made five-county example. Budget 1000 万元 = 1,000,000,000 fen.
 *
 * county | pupils | poorPopulation | fiscalCapacityPerCapitaYuan | matchingDeliveredWanYuan | taskCompletionShare
 *   A    | 10000  | 20000          | 2000                        |   0                      | 0.40
 *   B    | 20000  | 10000          | 4000                        |  50                      | 0.95
 *   C    | 30000  | 30000          | 3000                        | 100                      | 0.70
 *   D    | 15000  |  5000          | 7500                        |  50                      | 0.92
 *   E    | 20000  | 35000          | 2500                        |   0                      | 0.80
 *
 * Rule: reward pool 5% of the budget, shared equally by counties with completion ≥ 0.9; deduct 10% of formula money
 * from counties with completion < 0.5; groups need 0.6 (poorPopulation share 0.5, fiscal capacity per-capita
 * capacity 0.5) and size 0.2 (pupils share 1); matching-share 0.2; floor 120 万元 per county; ceiling 30% of budget.
 *
 * Step 1, reward top slice: 0.05 × 1e9 = 50,000,000. Formula budget F = 950,000,000.
 * Step 3a, matching-share pool 0.2 × F = 190,000,000 by delivered (0, 50, 100, 50, 0)/200:
 *   A 0, B 47,500,000, C 95,000,000, D 47,500,000, E 0.
 * Step 3b, remaining 760,000,000: need group 0.6/0.8 → 570,000,000 (285,000,000 per factor); size 0.2/0.8 → 190,000,000.
 *   poorPopulation (share of 100,000): A 0.20 → 57,000,000; B 0.10 → 28,500,000; C 0.30 → 85,500,000;
 *     D 0.05 → 14,250,000; E 0.35 → 99,750,000.
 *   fiscal capacity, per-capita capacity: score ∝ pupils / capacity = 5, 5, 10, 2, 8 (Σ 30), 9,500,000 per point:
 *     A 47,500,000; B 47,500,000; C 95,000,000; D 19,000,000; E 76,000,000.
 *   pupils (share of 95,000, 2,000 fen per pupil): A 20,000,000; B 40,000,000; C 60,000,000; D 30,000,000; E 40,000,000.
 * Formula money (factors + matching): A 124,500,000; B 163,500,000; C 335,500,000; D 110,750,000; E 215,750,000
 *   (Σ 950,000,000).
 * Step 5, deduction: A (0.40 < 0.5) loses 10% = 12,450,000 → 112,050,000.
 * Step 6, reward pool 50,000,000 + 12,450,000 = 62,450,000, equally to B (0.95) and D (0.92): 31,225,000 each.
 *   Preliminary: A 112,050,000; B 194,725,000; C 335,500,000; D 141,975,000; E 215,750,000 (Σ 1e9).
 * Step 7, bounds: floor 120,000,000 lifts A; ceiling 300,000,000 cuts C. Free counties B, D, E share the rest:
 *   1e9 − 120,000,000 − 300,000,000 = 580,000,000 over their preliminary Σ 552,450,000 → λ = 400/381 ≈ 1.049869.
 *   (A at λ: 117.6M < floor, still lifted; C at λ: 352.2M > ceiling, still cut.)
 *   B = 194,725,000 × 400/381 = 204,435,695.538; D = 141,975,000 × 400/381 = 149,055,118.110;
 *   E = 215,750,000 × 400/381 = 226,509,186.352.
 * Step 8, whole fen: floors sum to 999,999,999; the 1 fen left goes to the largest remainder, B (0.538).
 * Result: A 120,000,000; B 204,435,696; C 300,000,000; D 149,055,118; E 226,509,186 (Σ 1,000,000,000).
 * Cross-checked with exact rational arithmetic (Python fractions.Fraction) for λ and the remainders.
 */
const fiveCounties = [
  { countyId: "A", countyName: "甲县", pupils: 10000, poorPopulation: 20000, fiscalCapacityPerCapitaYuan: 2000, matchingDeliveredWanYuan: 0, taskCompletionShare: 0.4 },
  { countyId: "B", countyName: "乙县", pupils: 20000, poorPopulation: 10000, fiscalCapacityPerCapitaYuan: 4000, matchingDeliveredWanYuan: 50, taskCompletionShare: 0.95 },
  { countyId: "C", countyName: "丙县", pupils: 30000, poorPopulation: 30000, fiscalCapacityPerCapitaYuan: 3000, matchingDeliveredWanYuan: 100, taskCompletionShare: 0.7 },
  { countyId: "D", countyName: "丁县", pupils: 15000, poorPopulation: 5000, fiscalCapacityPerCapitaYuan: 7500, matchingDeliveredWanYuan: 50, taskCompletionShare: 0.92 },
  { countyId: "E", countyName: "戊县", pupils: 20000, poorPopulation: 35000, fiscalCapacityPerCapitaYuan: 2500, matchingDeliveredWanYuan: 0, taskCompletionShare: 0.8 },
];

const fiveRule: AllocationRuleInput = {
  name: "five-county hand example",
  budgetWanYuan: 1000,
  groups: [
    {
      id: "need",
      weight: 0.6,
      factors: [
        { column: "poorPopulation", weight: 0.5, direction: "need", normalisation: "share" },
        { column: "fiscalCapacityPerCapitaYuan", weight: 0.5, direction: "capacity", normalisation: "per-capita" },
      ],
    },
    { id: "size", weight: 0.2, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] },
  ],
  matching: { kind: "matching-share", weight: 0.2 },
  bounds: { floor: { perCountyWanYuan: 120 }, ceiling: { budgetShare: 0.3 } },
  incentives: {
    rewardPoolShare: 0.05,
    reward: { threshold: 0.9, basis: "equal" },
    deductions: [{ kind: "progress", threshold: 0.5, share: 0.1 }],
  },
};

describe("allocate", () => {
  it("allocate(fiveCounties, rule) reproduces the hand computation to the fen", () => {
    const result = allocate(fiveCounties, fiveRule);
    expect(result.rows.map((r) => r.allocationFen)).toEqual([120_000_000, 204_435_696, 300_000_000, 149_055_118, 226_509_186]);
    expect(result.rows.reduce((s, r) => s + r.allocationFen, 0)).toBe(1_000_000_000);
    const [a, b, c, d, e] = result.rows;
    expect(a.contributionsFen).toEqual({ poorPopulation: 57_000_000, fiscalCapacityPerCapitaYuan: 47_500_000, pupils: 20_000_000 });
    expect(a.deductionFen).toBe(12_450_000);
    expect(a.binding).toBe("floor");
    expect(a.boundAdjustmentFen).toBe(7_950_000);
    expect(b.matchingFen).toBe(47_500_000);
    expect(b.rewardFen).toBe(31_225_000);
    expect(d.rewardFen).toBe(31_225_000);
    expect(c.binding).toBe("ceiling");
    expect(c.boundAdjustmentFen).toBe(-35_500_000);
    expect(e.formulaFen).toBe(215_750_000);
    expect(e.binding).toBe("none");
    expect(result.exactFen[1]).toBeCloseTo(204_435_695.538, 2);
    expect(result.rewardPoolFen).toBe(50_000_000);
    expect(result.deductedFen).toBe(12_450_000);
    // Pools are exact float amounts (0.6/0.8 × 0.5 × 760M lands a few 1e-8 fen off); compare to 1e-6 fen.
    result.factors.forEach((f, k) => expect(f.poolFen).toBeCloseTo([285_000_000, 285_000_000, 190_000_000][k], 6));
  });

  it("allocate(rows) ledgers add up to the allocation in every row, exactly", () => {
    const result = allocate(fiveCounties, fiveRule);
    for (const r of result.rows) {
      const sum =
        Object.values(r.contributionsFen).reduce((s, x) => s + x, 0) +
        r.matchingFen +
        r.coefficientAdjustmentFen -
        r.deductionFen +
        r.rewardFen +
        r.boundAdjustmentFen +
        r.roundingFen;
      expect(sum).toBe(r.allocationFen);
    }
    expect(result.rows[1].roundingFen).toBe(0); // B: 163.5M + 31.225M + 9.710696M bound adjustment (rounded) = 204,435,696
  });

  it("allocate(arquero table) gives the same amounts as plain rows and returns a table with contribution columns", () => {
    const fromTable = allocate(aq.from(fiveCounties), fiveRule);
    expect(fromTable.rows.map((r) => r.allocationFen)).toEqual(allocate(fiveCounties, fiveRule).rows.map((r) => r.allocationFen));
    const t = fromTable.table;
    expect(t.numRows()).toBe(5);
    expect(t.columnNames()).toContain("poorPopulationContributionFen");
    expect(t.array("allocationWanYuan")).toEqual([120, 204.435696, 300, 149.055118, 226.509186]);
    expect(t.get("countyName", 0)).toBe("甲县");
  });

  it("allocate doc example: pupils-only rule splits 100 fen 75/25", () => {
    const pupilsRule: AllocationRuleInput = {
      name: "pupils",
      groups: [{ id: "base", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
    };
    const r = allocate([{ countyId: "A", pupils: 3 }, { countyId: "B", pupils: 1 }], pupilsRule, { budgetFen: 100 });
    expect(r.rows.map((x) => x.allocationFen)).toEqual([75, 25]);
  });

  it("allocate with a regional lookup and hold-harmless moves money as written", () => {
    // Two equal counties, 1,000,000 fen. West coefficient 1.5: factor money 500,000 each → weights 1.5 : 1 →
    // 600,000 / 400,000. Hold-harmless 90% of last year's 0.5 万元 = 450,000 fen lifts the east county to 450,000;
    // the west county gets the rest, 550,000.
    const rule: AllocationRuleInput = {
      name: "regional",
      groups: [{ id: "base", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
      regional: { kind: "lookup", multipliers: { west: 1.5 } },
      bounds: { holdHarmless: { share: 0.9 } },
    };
    const units = [
      { countyId: "W", region: "west", pupils: 100, lastYearAllocationWanYuan: 0.5 },
      { countyId: "E", region: "east", pupils: 100, lastYearAllocationWanYuan: 0.5 },
    ];
    const r = allocate(units, rule, { budgetFen: 1_000_000 });
    expect(r.rows.map((x) => x.allocationFen)).toEqual([550_000, 450_000]);
    expect(r.rows.map((x) => x.coefficientAdjustmentFen)).toEqual([100_000, -100_000]);
    expect(r.rows[1].binding).toBe("hold-harmless");
  });

  it("allocate with matching-ratio pays ratio × delivered up to the cap, the rest by formula", () => {
    // Budget 10 万元 = 10,000,000 fen. Ratio 1:1 on delivered 2 and 6 万元 → claims 2e6 + 6e6 = 8e6 > cap 0.5 × 1e7
    // → scaled by 5/8: 1,250,000 and 3,750,000. The remaining 5,000,000 by pupils (1:1): 2,500,000 each.
    const rule: AllocationRuleInput = {
      name: "ratio",
      groups: [{ id: "base", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
      matching: { kind: "matching-ratio", ratio: 1, capRatio: 0.5 },
    };
    const units = [
      { countyId: "X", pupils: 10, matchingDeliveredWanYuan: 2 },
      { countyId: "Y", pupils: 10, matchingDeliveredWanYuan: 6 },
    ];
    const r = allocate(units, rule, { budgetFen: 10_000_000 });
    expect(r.rows.map((x) => x.allocationFen)).toEqual([3_750_000, 6_250_000]);
    expect(r.rows.map((x) => x.matchingFen)).toEqual([1_250_000, 3_750_000]);
  });

  it("allocate with a matching multiplier rewards delivered effort: (1 + e)^1 for e = 1 and e = 0", () => {
    const rule: AllocationRuleInput = {
      name: "multiplier",
      groups: [{ id: "base", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
      matching: { kind: "matching-multiplier", elasticity: 1 },
    };
    const units = [
      { countyId: "X", pupils: 10, matchingCommittedWanYuan: 5, matchingDeliveredWanYuan: 5 },
      { countyId: "Y", pupils: 10, matchingCommittedWanYuan: 5, matchingDeliveredWanYuan: 0 },
    ];
    // weights 2 : 1 → 2/3 and 1/3 of 300 fen
    expect(allocate(units, rule, { budgetFen: 300 }).rows.map((x) => x.allocationFen)).toEqual([200, 100]);
  });

  it("allocate without a reward gives deducted money to the counties not deducted", () => {
    const rule: AllocationRuleInput = {
      name: "idle",
      groups: [{ id: "base", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
      incentives: { deductions: [{ kind: "idle-balance", share: 1 }] },
    };
    // 4,000,000 fen by pupils 1:1 = 2,000,000 each; X holds 0.5 万元 = 500,000 fen idle → deducted, Y gets it.
    const units = [
      { countyId: "X", pupils: 5, idleBalanceWanYuan: 0.5 },
      { countyId: "Y", pupils: 5, idleBalanceWanYuan: 0 },
    ];
    const r = allocate(units, rule, { budgetFen: 4_000_000 });
    expect(r.rows.map((x) => x.allocationFen)).toEqual([1_500_000, 2_500_000]);
    expect(r.rows.map((x) => x.rewardFen)).toEqual([0, 500_000]);
  });

  it("allocate throws `allocate requires a positive budget` without a budget or with zero", () => {
    const rule = { ...fiveRule, budgetWanYuan: undefined };
    expect(() => allocate(fiveCounties, rule)).toThrow(/^allocate requires a positive budget$/);
    expect(() => allocate(fiveCounties, fiveRule, { budgetFen: 0 })).toThrow(/^allocate requires a positive budget$/);
    expect(() => allocate(fiveCounties, fiveRule, { budgetFen: 10.5 })).toThrow("allocate requires a budget in whole fen");
  });

  it("allocate names the numbers when floors exceed the budget or ceilings fall short", () => {
    const floors: AllocationRuleInput = { ...fiveRule, bounds: { floor: { perCountyWanYuan: 300 } } };
    expect(() => allocate(fiveCounties, floors)).toThrow(
      "allocate cannot meet the floors: they sum to 1500000000 fen (1500 万元) but the budget is 1000000000 fen (1000 万元)",
    );
    const ceilings: AllocationRuleInput = { ...fiveRule, bounds: { ceiling: { perCountyWanYuan: 150 } } };
    expect(() => allocate(fiveCounties, ceilings)).toThrow(
      "allocate cannot place the budget under the ceilings: they sum to 750000000 fen (750 万元) but the budget is 1000000000 fen (1000 万元)",
    );
  });

  it("allocate reports missing, NaN and negative columns with row and column", () => {
    const bad = fiveCounties.map((c) => ({ ...c })) as Array<Record<string, unknown>>;
    bad[1].poorPopulation = Number.NaN;
    bad[3].pupils = -5;
    delete bad[0].matchingDeliveredWanYuan;
    for (const b of bad) delete b.fiscalCapacityPerCapitaYuan;
    let error: unknown;
    try {
      allocate(bad, fiveRule);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataValidationError);
    const issues = (error as DataValidationError).issues;
    expect(issues).toContainEqual(expect.objectContaining({ row: 3, column: "poorPopulation", message: "must be a finite number, got NaN" }));
    expect(issues).toContainEqual(expect.objectContaining({ row: 5, column: "pupils" }));
    expect(issues).toContainEqual(expect.objectContaining({ row: 2, column: "matchingDeliveredWanYuan", message: "must be a finite number, got empty" }));
    expect(issues).toContainEqual(expect.objectContaining({ column: "fiscalCapacityPerCapitaYuan", message: expect.stringContaining("is missing") }));
    expect((error as Error).message).toContain("row 5, column pupils: must be at least 0");
  });

  it("allocate rejects a capacity of zero where it divides", () => {
    const bad = fiveCounties.map((c) => ({ ...c }));
    bad[2].fiscalCapacityPerCapitaYuan = 0;
    expect(() => allocate(bad, fiveRule)).toThrow("row 4, column fiscalCapacityPerCapitaYuan: must be above 0");
  });
});
