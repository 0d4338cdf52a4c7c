import { beforeAll, describe, expect, it } from "vitest";
import { compareRules } from "../../src/allocation/compare-rules.js";
import type { AllocationRuleInput } from "../../src/allocation/rule-schema.js";
import { searchRuleWeights } from "../../src/allocation/search-rule-weights.js";
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

/** Pupils share (money ∝ pupils: equal per pupil) against funding-gap share. */
const sizeOrGap: AllocationRuleInput = {
  name: "size-or-gap",
  groups: [
    { id: "size", weight: 0.5, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] },
    { id: "gap", weight: 0.5, factors: [{ column: "fundingGapWanYuan", weight: 1, direction: "need", normalisation: "share" }] },
  ],
};

/** Need (funding gap) plus a matching-share weight: one searched trade-off. */
const needPlusMatching: AllocationRuleInput = {
  name: "need-plus-matching",
  groups: [{ id: "need", weight: 0.8, factors: [{ column: "fundingGapWanYuan", weight: 1, direction: "need", normalisation: "share" }] }],
  matching: { kind: "matching-share", weight: 0.2 },
};

const leverageAt = (m: number) =>
  compareRules(units, [{ ...needPlusMatching, groups: [{ ...needPlusMatching.groups[0], weight: 1 - m }], ...(m > 0 ? { matching: { kind: "matching-share", weight: m } } : { matching: undefined }) }], { budgetFen, elasticity: 0.3 })[0];

describe("searchRuleWeights", () => {
  it("finds the known optimum: all weight on pupils makes money equal per pupil (Gini 0 up to fen rounding)", () => {
    const r = searchRuleWeights(units, sizeOrGap, { budgetFen, objective: { outcome: "gini", goal: "minimise" }, gridStep: 0.1 });
    expect(r.dimensions).toEqual(["size", "gap"]);
    expect(r.best.weights).toEqual([1, 0]);
    expect(r.best.objective).toBeLessThan(1e-9);
    expect(r.baseline.objective).toBeGreaterThan(0.05);
    expect(r.rule.groups.map((g) => g.weight)).toEqual([1, 0]);
    expect(r.rule.name).toBe("size-or-gap (searched)");
  });

  it("maximising leverage without constraints puts the most weight allowed on matching; weight bounds hold", () => {
    const r = searchRuleWeights(units, needPlusMatching, { budgetFen, objective: { outcome: "leverage", goal: "maximise" }, weightBounds: { matching: { max: 0.45 } }, gridStep: 0.1 });
    expect(r.dimensions).toEqual(["need", "matching"]);
    expect(r.best.weights[1]).toBeCloseTo(0.45, 12);
    expect(r.trace.every((p) => p.weights[1] <= 0.45 + 1e-12 && Math.abs(p.weights[0] + p.weights[1] - 1) < 1e-12)).toBe(true);
  });

  it("under a Gini cap the optimum agrees with a brute-force scan of the matching weight (step 0.001)", () => {
    // Leverage rises with the matching weight and so does the Gini: the best feasible weight sits where the cap binds.
    const cap = (leverageAt(0).equity.gini + leverageAt(0.5).equity.gini) / 2;
    let bruteBest = -Infinity;
    let bruteWeight = NaN;
    for (let k = 0; k <= 600; k++) {
      const m = k / 1000;
      const c = leverageAt(m);
      if (c.equity.gini <= cap && c.leverage > bruteBest) {
        bruteBest = c.leverage;
        bruteWeight = m;
      }
    }
    expect(bruteWeight).toBeGreaterThan(0.05); // the cap binds inside the scanned range, not at its ends
    expect(bruteWeight).toBeLessThan(0.55);
    const r = searchRuleWeights(units, needPlusMatching, { budgetFen, objective: { outcome: "leverage", goal: "maximise" }, constraints: [{ outcome: "gini", max: cap }], gridStep: 0.05, tolerance: 0.0005 });
    expect(r.best.feasible).toBe(true);
    expect(r.best.outcomes.gini!).toBeLessThanOrEqual(cap);
    expect(Math.abs(r.best.weights[1] - bruteWeight)).toBeLessThanOrEqual(0.001);
    expect(r.best.objective).toBeGreaterThanOrEqual(bruteBest - 1e-3 * Math.abs(bruteBest));
  });

  it("on the 2015 central structure with matching added, the result beats the baseline and meets every constraint", () => {
    const central = readRule("central-2015.json");
    const base = compareRules(units, [central], { budgetFen, elasticity: 0.3 })[0];
    const r = searchRuleWeights(units, central, {
      budgetFen,
      searchMatching: true,
      objective: { outcome: "leverage", goal: "maximise" },
      constraints: [
        { outcome: "gini", max: base.equity.gini + 0.03 },
        { outcome: "fiscalCapacityCorrelation", max: 0 },
      ],
      weightBounds: { basic: { min: 0.3 } },
      gridStep: 0.1,
    });
    expect(r.dimensions).toEqual(["basic", "input", "performance", "management", "matching"]);
    expect(r.best.feasible).toBe(true);
    expect(r.best.outcomes.gini!).toBeLessThanOrEqual(base.equity.gini + 0.03);
    expect(r.best.outcomes.fiscalCapacityCorrelation!).toBeLessThanOrEqual(0);
    expect(r.best.weights[0]).toBeGreaterThanOrEqual(0.3 - 1e-12);
    expect(r.best.objective).toBeGreaterThan(r.baseline.objective);
    // the returned rule reproduces the reported outcome
    const again = compareRules(units, [r.rule], { budgetFen, elasticity: 0.3 })[0];
    expect(again.leverage).toBeCloseTo(r.best.objective, 12);
    // every feasible point evaluated is no better than the result
    expect(r.trace.filter((p) => p.feasible).every((p) => p.objective <= r.best.objective + 1e-12)).toBe(true);
  });

  it("weight bounds hold even when the rule's own weights break them or fall between grid points", () => {
    const opts = { budgetFen, objective: { outcome: "leverage" as const, goal: "maximise" as const }, gridStep: 0.1 };
    // The rule's own matching weight 0.2 scores best on leverage but breaks the cap of 0.1.
    const capped = searchRuleWeights(units, needPlusMatching, { ...opts, weightBounds: { matching: { max: 0.1 } } });
    expect(capped.best.weights[1]).toBeCloseTo(0.1, 12);
    expect(capped.rule.matching).toMatchObject({ weight: capped.best.weights[1] });
    // No point of the 0.1 grid lies in [0.31, 0.34]: the search starts from the rule's weights moved into the bounds.
    const narrow = searchRuleWeights(units, needPlusMatching, { ...opts, weightBounds: { matching: { min: 0.31, max: 0.34 } } });
    expect(narrow.best.weights[1]).toBeCloseTo(0.34, 12);
    expect(narrow.trace.filter((p) => p.stage !== "baseline").every((p) => p.weights[1] >= 0.31 - 1e-12 && p.weights[1] <= 0.34 + 1e-12)).toBe(true);
  });

  it("searchMatching false keeps a matching-share weight and searches the groups over the rest", () => {
    const twoGroups: AllocationRuleInput = {
      name: "two-groups-plus-matching",
      groups: [
        { id: "size", weight: 0.3, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] },
        { id: "gap", weight: 0.3, factors: [{ column: "fundingGapWanYuan", weight: 1, direction: "need", normalisation: "share" }] },
      ],
      matching: { kind: "matching-share", weight: 0.4 },
    };
    const r = searchRuleWeights(units, twoGroups, { budgetFen, objective: { outcome: "gapClosedShare", goal: "maximise" }, searchMatching: false, gridStep: 0.1 });
    expect(r.dimensions).toEqual(["size", "gap"]);
    expect(r.rule.matching).toMatchObject({ kind: "matching-share", weight: 0.4 });
    expect(r.trace.every((p) => Math.abs(p.weights[0] + p.weights[1] - 0.6) < 1e-12)).toBe(true);
    expect(r.best.objective).toBeGreaterThanOrEqual(r.baseline.objective);
  });

  it("impossible constraints give the least-violating weighting with feasible false; bad options are refused plainly", () => {
    const r = searchRuleWeights(units, needPlusMatching, { budgetFen, objective: { outcome: "leverage", goal: "maximise" }, constraints: [{ outcome: "gini", max: 0 }], gridStep: 0.1 });
    expect(r.best.feasible).toBe(false);
    expect(r.trace.every((p) => p.violation >= r.best.violation)).toBe(true);
    const opts = { budgetFen, objective: { outcome: "leverage" as const, goal: "maximise" as const } };
    expect(() => searchRuleWeights(units, needPlusMatching, { ...opts, weightBounds: { need: { min: 0.7 }, matching: { min: 0.5 } } })).toThrow(/no weights summing to 1/);
    expect(() => searchRuleWeights(units, needPlusMatching, { ...opts, weightBounds: { nope: { min: 0.1 } } })).toThrow(/"nope", which is not searched/);
    expect(() => searchRuleWeights(units, needPlusMatching, { ...opts, objective: { outcome: "happiness" as never, goal: "maximise" } })).toThrow(/unknown objective outcome/);
    expect(() => searchRuleWeights(units, needPlusMatching, { ...opts, constraints: [{ outcome: "gini" }] })).toThrow(/needs a min or a max/);
    const bare = units.map(({ fiscalCapacityPerCapitaYuan: _drop, ...rest }) => rest);
    expect(() => searchRuleWeights(bare, needPlusMatching, { ...opts, constraints: [{ outcome: "fiscalCapacityCorrelation", max: 0 }] })).toThrow(/needs fiscalCapacityPerCapitaYuan/);
  });
});
