import { beforeAll, describe, expect, it } from "vitest";
import {
  monteCarloAllocation,
  monteCarloDraws,
  monteCarloHistogramRanges,
  monteCarloPlan,
  monteCarloSummarise,
  MONTE_CARLO_BLOCK,
} from "../../src/allocation/monte-carlo-allocation.js";
import { unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import type { CountyUnitRow } from "../../src/allocation/units-columns.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { createRandom } from "../../src/shared/random.js";
import { readRule } from "./read-rule.js";

let units: CountyUnitRow[];
const budgetFen = 1_350_400 * 1_000_000;

beforeAll(async () => {
  const data = await loadBundledData();
  units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(11) }).rows;
});

describe("monteCarloPlan / monteCarloDraws / monteCarloSummarise (blocks for worker threads)", () => {
  it("any split of the blocks (as over worker threads, in any order) gives the same result as monteCarloAllocation", () => {
    for (const name of ["matching-heavy", "need-only", "hebei-progress"]) {
      const rule = readRule(`${name}.json`);
      const options = { draws: 5 * MONTE_CARLO_BLOCK + 17, budgetFen };
      const whole = monteCarloAllocation(units, rule, { ...options, random: createRandom(4) });
      const plan = monteCarloPlan(units, rule, { ...options, random: createRandom(4) });
      expect(plan.blocks).toBe(6);
      // the plan crosses thread boundaries by structured clone
      const cloned = structuredClone(plan);
      const pilot = monteCarloDraws(cloned, 0, plan.pilotBlocks);
      const ranges = monteCarloHistogramRanges(cloned, pilot);
      const parts = [monteCarloDraws(cloned, 4, 6, ranges), monteCarloDraws(plan, 1, 2, ranges), monteCarloDraws(cloned, 2, 4, ranges)];
      const split = monteCarloSummarise(plan, pilot, ranges, parts);
      for (const key of ["gini", "mcLooneIndex", "fiscalCapacityCorrelation", "leverage", "matchingDeliveredWanYuan", "deductedFen"] as const) {
        expect(split[key].lower).toBe(whole[key].lower);
        expect(split[key].median).toBe(whole[key].median);
        expect(split[key].upper).toBe(whole[key].upper);
        expect(split[key].mean).toBeCloseTo(whole[key].mean, 12);
      }
      expect(Array.from(split.allocationFen.median)).toEqual(Array.from(whole.allocationFen.median));
      expect(Array.from(split.allocationFen.upper)).toEqual(Array.from(whole.allocationFen.upper));
      split.allocationFen.mean.forEach((v, i) => expect(Math.abs(v - whole.allocationFen.mean[i])).toBeLessThanOrEqual(1e-12 * v + 1e-6));
      expect(Array.from(split.central.allocationFen)).toEqual(Array.from(whole.central.allocationFen));
    }
  });

  it("monteCarloSummarise refuses parts that leave a gap or overlap", () => {
    const rule = readRule("need-only.json");
    const plan = monteCarloPlan(units, rule, { draws: 3 * MONTE_CARLO_BLOCK, budgetFen, random: createRandom(1) });
    const pilot = monteCarloDraws(plan, 0, 1);
    const ranges = monteCarloHistogramRanges(plan, pilot);
    expect(() => monteCarloSummarise(plan, pilot, ranges, [monteCarloDraws(plan, 2, 3, ranges)])).toThrow(/cover every draw once/);
    const all = monteCarloDraws(plan, 1, 3, ranges);
    expect(() => monteCarloSummarise(plan, pilot, ranges, [all, monteCarloDraws(plan, 2, 3, ranges)])).toThrow(/cover every draw once/);
  });
});
