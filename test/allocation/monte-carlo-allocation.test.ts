import { beforeAll, describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { allocationEquity } from "../../src/allocation/allocation-equity.js";
import { MONTE_CARLO_BLOCK, monteCarloAllocation, monteCarloDraws, monteCarloInputs, monteCarloPlan } from "../../src/allocation/monte-carlo-allocation.js";
import type { AllocationRuleInput } from "../../src/allocation/rule-schema.js";
import { unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import type { CountyUnitRow } from "../../src/allocation/units-columns.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { createRandom } from "../../src/shared/random.js";
import { readRule } from "./read-rule.js";

let units: CountyUnitRow[];
const budgetFen = 1_350_400 * 1_000_000;
const PRESETS = ["central-2015", "need-only", "matching-heavy", "hebei-progress"];

beforeAll(async () => {
  const data = await loadBundledData();
  units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(11) }).rows;
});

/** A rule with every kind of step: regional coefficient, matching-share, deductions, a reward, a floor and a ceiling. */
const everything: AllocationRuleInput = {
  name: "everything",
  groups: [
    { id: "need", weight: 0.5, factors: [{ column: "fundingGapWanYuan", weight: 1, direction: "need", normalisation: "share" }] },
    { id: "size", weight: 0.3, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] },
  ],
  matching: { kind: "matching-share", weight: 0.2 },
  regional: { kind: "column" },
  bounds: { floor: { perCountyWanYuan: 2_000 }, ceiling: { budgetShare: 0.02 } },
  incentives: {
    rewardPoolShare: 0.03,
    reward: { column: "taskCompletionShare", threshold: 0.5, basis: "pupils" },
    deductions: [{ kind: "progress", threshold: 0.3, share: 0.1 }, { kind: "idle-balance", share: 0.5 }],
  },
};

describe("monteCarloAllocation", () => {
  it("monteCarloAllocation(units, preset).central equals allocate on the responded delivery, for every preset and a rule with every step", () => {
    for (const rule of [...PRESETS.map((p) => readRule(`${p}.json`)), everything]) {
      const mc = monteCarloAllocation(units, rule, { draws: 20, random: createRandom(1), budgetFen });
      const responded = units.map((u, i) => ({ ...u, matchingDeliveredWanYuan: mc.central.deliveredWanYuan[i] }));
      const exact = allocate(responded, rule, { budgetFen }).exactFen;
      exact.forEach((v, i) => expect(Math.abs(mc.central.allocationFen[i] - v)).toBeLessThanOrEqual(1e-9 * v + 1e-3));
      expect(mc.central.allocationFen.reduce((s, x) => s + x, 0)).toBeCloseTo(budgetFen, -1);
      // binned Gini against the exact pupil-weighted Gini of the same amounts
      expect(Math.abs(mc.central.gini - allocationEquity(mc.central.allocationFen, responded).gini)).toBeLessThan(2e-4);
      expect(mc.central.mcLooneIndex).toBeCloseTo(allocationEquity(mc.central.allocationFen, responded).mcLooneIndex, 9);
    }
  });

  it("monteCarloAllocation with no uncertainty repeats the central allocation in every draw", () => {
    const mc = monteCarloAllocation(units, readRule("matching-heavy.json"), {
      draws: 300,
      random: createRandom(2),
      budgetFen,
      elasticity: { mean: 0.4, sd: 0 },
      weightLogSd: 0,
      deliveryNoise: 0,
    });
    // draws bin over a fixed range, the central run over its own: the Gini differs only by binning (~1e-5)
    expect(Math.abs(mc.gini.lower - mc.central.gini)).toBeLessThan(1e-4);
    expect(mc.gini.upper).toBeCloseTo(mc.gini.lower, 12);
    expect(mc.mcLooneIndex.median).toBeCloseTo(mc.central.mcLooneIndex, 9);
    expect(mc.leverage.median).toBeCloseTo(mc.central.leverage, 12);
    mc.allocationFen.mean.forEach((v, i) => expect(v).toBeCloseTo(mc.central.allocationFen[i], 0));
  });

  it("monteCarloAllocation conserves the budget in every draw, is repeatable for a seed and brackets each county", () => {
    const opts = { draws: 1_000, random: createRandom(3), budgetFen };
    const a = monteCarloAllocation(units, everything, opts);
    const b = monteCarloAllocation(units, everything, { ...opts, random: createRandom(3) });
    expect(a.gini).toEqual(b.gini);
    expect(Array.from(a.allocationFen.median)).toEqual(Array.from(b.allocationFen.median));
    expect(a.allocationFen.mean.reduce((s, x) => s + x, 0) / budgetFen).toBeCloseTo(1, 9);
    for (let i = 0; i < units.length; i++) {
      expect(a.allocationFen.lower[i]).toBeLessThanOrEqual(a.allocationFen.median[i] + 1e-6);
      expect(a.allocationFen.median[i]).toBeLessThanOrEqual(a.allocationFen.upper[i] + 1e-6);
      expect(a.allocationFen.lower[i]).toBeGreaterThanOrEqual(2_000 * 1e6 - 1); // floor holds in every draw
    }
    expect(a.gini.lower).toBeLessThan(a.gini.upper);
  });

  it("monteCarloAllocation under wild uncertainty still places the budget within floors and ceilings in every draw on the WebAssembly paths", () => {
    // Weights × lognormal(1), delivery ± 100%, ε 2 ± 2: the floor/free/ceiling guess of the delivery pass is often
    // wrong, so draws also take the exact search; every draw (the pilot block keeps them all) must still sum to the
    // budget and meet each county's bounds.
    const bounds = { floor: { perCountyWanYuan: 2_000 }, ceiling: { budgetShare: 0.03 } };
    const heavy = readRule("matching-heavy.json") as AllocationRuleInput;
    const hebei = readRule("hebei-progress.json") as AllocationRuleInput;
    const floor = 2_000 * 1e6;
    const ceiling = 0.03 * budgetFen;
    for (const rule of [{ ...heavy, bounds: { ...heavy.bounds, ...bounds } }, { ...hebei, bounds }]) {
      const options = { draws: MONTE_CARLO_BLOCK, random: createRandom(12), budgetFen, weightLogSd: 1, deliveryNoise: 1, elasticity: { mean: 2, sd: 2 } };
      const { pilot } = monteCarloDraws(monteCarloPlan(units, rule, options), 0, 1);
      const n = units.length;
      let worstBudget = 0;
      let belowFloor = 0;
      let aboveCeiling = 0;
      for (let d = 0; d < MONTE_CARLO_BLOCK; d++) {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const x = pilot[d * n + i];
          sum += x;
          if (x < floor - 0.01) belowFloor++;
          if (x > ceiling + 0.01) aboveCeiling++;
        }
        worstBudget = Math.max(worstBudget, Math.abs(sum / budgetFen - 1));
      }
      expect(worstBudget).toBeLessThan(1e-9);
      expect(belowFloor).toBe(0);
      expect(aboveCeiling).toBe(0);
      const mc = monteCarloAllocation(units, rule, options);
      // with one group and no matching term, hebei-progress's allocation does not depend on the uncertain inputs
      if (rule.matching) expect(mc.gini.upper - mc.gini.lower).toBeGreaterThan(0.01);
    }
  });

  it("monteCarloAllocation county intervals from streaming histograms agree with exact quantiles of an independent run", () => {
    // 256 draws or fewer are sorted exactly; more go through the 32-bin histograms. Two seeds, two methods.
    const rule = readRule("matching-heavy.json");
    const exact = monteCarloAllocation(units, rule, { draws: 256, random: createRandom(5), budgetFen });
    const streamed = monteCarloAllocation(units, rule, { draws: 4_000, random: createRandom(6), budgetFen });
    let worst = 0;
    for (let i = 0; i < units.length; i++) {
      const width = exact.allocationFen.upper[i] - exact.allocationFen.lower[i];
      if (width <= 0) continue;
      worst = Math.max(worst, Math.abs(streamed.allocationFen.median[i] - exact.allocationFen.median[i]) / width);
      worst = Math.max(worst, Math.abs(streamed.allocationFen.upper[i] - exact.allocationFen.upper[i]) / width);
    }
    expect(worst).toBeLessThan(0.25); // 256 exact draws carry about ±10% of the width in sampling error themselves
  });

  it("monteCarloAllocation with a matching rule spreads leverage by the elasticity; need-only leverage moves only with delivery noise", () => {
    const heavy = monteCarloAllocation(units, readRule("matching-heavy.json"), { draws: 2_000, random: createRandom(7), budgetFen, elasticity: { mean: 0.6, sd: 0.34 } });
    const need = monteCarloAllocation(units, readRule("need-only.json"), { draws: 2_000, random: createRandom(7), budgetFen, elasticity: { mean: 0.6, sd: 0.34 } });
    expect(heavy.leverage.median).toBeGreaterThan(need.leverage.median);
    expect(heavy.leverage.upper - heavy.leverage.lower).toBeGreaterThan(need.leverage.upper - need.leverage.lower);
    expect(heavy.fiscalCapacityCorrelation.median).toBeGreaterThan(need.fiscalCapacityCorrelation.median);
  });

  it("monteCarloAllocation refuses factors on the matching columns and bad options", () => {
    const onMatching: AllocationRuleInput = {
      name: "m",
      groups: [{ id: "g", weight: 1, factors: [{ column: "matchingDeliveredWanYuan", weight: 1, direction: "need", normalisation: "share" }] }],
    };
    expect(() => monteCarloAllocation(units, onMatching, { draws: 10, random: createRandom(1), budgetFen })).toThrow(/use simulateAllocation/);
    expect(() => monteCarloAllocation(units, everything, { draws: 0, random: createRandom(1), budgetFen })).toThrow(/whole number of draws/);
    expect(() => monteCarloAllocation(units, everything, { draws: 10, random: createRandom(1) })).toThrow(/positive whole-fen budget/);
    expect(() => monteCarloAllocation(units, everything, { draws: 10, random: createRandom(1), budgetFen, deliveryNoise: 2 })).toThrow(/deliveryNoise from 0 to 1/);
  });

  it("monteCarloInputs doc example: need-only has one factor group and its shares sum to 1", () => {
    const inputs = monteCarloInputs(units, readRule("need-only.json"), { draws: 10, budgetFen: 1e12 });
    expect(inputs.groupShares.length).toBe(1);
    expect(inputs.groupShares[0].reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(inputs.bounded).toBe(true);
  });
});
