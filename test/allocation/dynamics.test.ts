import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { allocationEquity } from "../../src/allocation/allocation-equity.js";
import { compareRules } from "../../src/allocation/compare-rules.js";
import { leverageEquityFrontier } from "../../src/allocation/leverage-equity-frontier.js";
import { marginalMatchRate, matchingResponse } from "../../src/allocation/matching-response.js";
import { parseRule } from "../../src/allocation/parse-rule.js";
import { simulateAllocation } from "../../src/allocation/simulate-allocation.js";
import { validateRule } from "../../src/allocation/validate-rule.js";
import { createRandom } from "../../src/shared/random.js";

const rulesDir = fileURLToPath(new URL("../../datasets/rules/", import.meta.url));
const readRule = (file: string) => parseRule(readFileSync(rulesDir + file, "utf8"), file);

function counties(n: number, seed: number) {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const capacity = 1_500 + r.uniform() * 20_000;
    const committed = 200 + r.uniform() * 4_000;
    return {
      countyId: `C${i}`,
      pupils: Math.round(5_000 + r.uniform() * 100_000),
      poorPopulation: Math.round(r.uniform() * 100_000),
      poorShare: r.uniform() * 0.4,
      fiscalCapacityPerCapitaYuan: capacity,
      fundingGapWanYuan: r.uniform() * 40_000,
      matchingCommittedWanYuan: committed,
      // richer counties deliver more of what they commit, as in the seeds (河南: 22 counties put in 0)
      matchingDeliveredWanYuan: r.uniform() < 0.15 ? 0 : committed * Math.min(1, 0.2 + capacity / 25_000),
      taskCompletionShare: r.uniform() * 0.5,
      idleBalanceWanYuan: 0,
      lastYearAllocationWanYuan: r.uniform() * 300,
    };
  });
}

describe("matchingResponse", () => {
  it("matchingResponse doc example: (1 + 1)^0.5 = 1.414 times delivered, capped at commitment, zero stays zero", () => {
    const out = Array.from(matchingResponse([50, 0, 80], [100, 100, 80], 1, 0.5));
    expect(out[0]).toBeCloseTo(70.71067811865476, 12);
    expect(out.slice(1)).toEqual([0, 80]);
  });

  it("marginalMatchRate doc example: an uncapped 1:1 matching ratio is a rate of 1", () => {
    const rule = validateRule({
      name: "r",
      groups: [{ id: "g", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
      matching: { kind: "matching-ratio", ratio: 1, capRatio: 1, column: "m" },
    });
    expect(marginalMatchRate(rule, 1e9, 100)).toBe(1);
  });
});

describe("allocationEquity", () => {
  it("allocationEquity doc example: 100 and 300 fen over one pupil each average 2 元", () => {
    expect(allocationEquity([100, 300], [{ countyId: "a", pupils: 1 }, { countyId: "b", pupils: 1 }]).mean).toBe(2);
  });
});

describe("compareRules and leverageEquityFrontier", () => {
  const units = counties(120, 7);
  const budgetFen = 50_000_000_000; // 5 亿元

  it("compareRules(units, [need-only, matching-heavy]) shows matching-heavy less equal and less fiscally neutral", () => {
    const [need, heavy] = compareRules(units, [readRule("need-only.json"), readRule("matching-heavy.json")], { budgetFen, elasticity: 0.3 });
    expect(need.ruleName).toBe("need-only");
    expect(heavy.equity.fiscalCapacityCorrelation!).toBeGreaterThan(need.equity.fiscalCapacityCorrelation!);
    expect(heavy.leverage).toBeGreaterThan(need.leverage);
    expect(need.allocationFen.reduce((s, x) => s + x, 0)).toBe(budgetFen);
  });

  it("leverageEquityFrontier: leverage rises and fiscal neutrality worsens as the matching weight goes 0 → 0.5", () => {
    const points = leverageEquityFrontier(units, readRule("need-only.json"), { budgetFen, steps: 5, elasticity: 0.3 });
    expect(points.map((p) => p.matchingWeight)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    for (let k = 1; k < points.length; k++) {
      expect(points[k].leverage).toBeGreaterThanOrEqual(points[k - 1].leverage);
      expect(points[k].fiscalCapacityCorrelation!).toBeGreaterThan(points[k - 1].fiscalCapacityCorrelation!);
    }
  });
});

describe("simulateAllocation", () => {
  const units = counties(60, 11);
  const rule = readRule("hebei-progress.json");
  const years = [2014, 2015, 2016, 2017, 2018];
  const budgetsFen = [2e10, 2.2e10, 2.4e10, 2.4e10, 2.2e10];

  it("simulateAllocation(units, rule, seed) repeats exactly with the same seed and conserves each year's budget in every draw's mean", () => {
    const a = simulateAllocation(units, rule, { years, budgetsFen, draws: 200, random: createRandom(2014) });
    const b = simulateAllocation(units, rule, { years, budgetsFen, draws: 200, random: createRandom(2014) });
    expect(a.allocationFen[4].median).toEqual(b.allocationFen[4].median);
    a.allocationFen.forEach((y, t) => expect(y.mean.reduce((s, x) => s + x, 0)).toBeCloseTo(budgetsFen[t], -1));
    for (const y of a.allocationFen) for (let i = 0; i < units.length; i++) expect(y.lower[i]).toBeLessThanOrEqual(y.upper[i]);
    // completion rises year by year
    for (let t = 1; t < years.length; t++) expect(a.completionShare[t].mean).toBeGreaterThan(a.completionShare[t - 1].mean);
  });

  it("simulateAllocation's first year with zero uncertainty equals allocate's exact amounts", () => {
    const sim = simulateAllocation(units, rule, {
      years: [2014],
      budgetsFen: [2e10],
      draws: 3,
      random: createRandom(1),
      elasticity: { mean: 0, sd: 0 },
    });
    const exact = allocate(units, rule, { budgetFen: 2e10 }).exactFen;
    // County draws are stored as float32 (relative precision 6e-8) to keep 10,000 × 3,000 samples in memory.
    for (let i = 0; i < units.length; i++) expect(Math.abs(sim.allocationFen[0].median[i] - exact[i])).toBeLessThanOrEqual(exact[i] * 1e-7);
    for (let i = 0; i < units.length; i++) expect(sim.allocationFen[0].mean[i]).toBeCloseTo(exact[i], 3);
  });
});
