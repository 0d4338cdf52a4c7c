import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { normalisations, type AllocationRuleInput } from "../../src/allocation/rule-schema.js";

/** Columns that are always positive in the generated units, so any normalisation and direction is valid on them. */
const positiveColumns = [
  "pupils",
  "poorPopulation",
  "poorShare",
  "fiscalCapacityPerCapitaYuan",
  "perPupilSpendingYuan",
  "fundingGapWanYuan",
  "taskCompletionShare",
  "planQualityScore",
  "supervisionScore",
] as const;

const countyArb = fc.record({
  pupils: fc.integer({ min: 1, max: 400_000 }),
  poorPopulation: fc.integer({ min: 1, max: 300_000 }),
  poorShare: fc.double({ min: 0.001, max: 0.6, noNaN: true }),
  fiscalCapacityPerCapitaYuan: fc.double({ min: 300, max: 50_000, noNaN: true }),
  perPupilSpendingYuan: fc.double({ min: 2_000, max: 40_000, noNaN: true }),
  spendingGrowthRate: fc.double({ min: -0.3, max: 0.5, noNaN: true }),
  fundingGapWanYuan: fc.double({ min: 0.01, max: 200_000, noNaN: true }),
  taskCompletionShare: fc.double({ min: 0.01, max: 1.2, noNaN: true }),
  planQualityScore: fc.double({ min: 1, max: 100, noNaN: true }),
  supervisionScore: fc.double({ min: 1, max: 100, noNaN: true }),
  matchingCommittedWanYuan: fc.double({ min: 0, max: 50_000, noNaN: true }),
  matchingDeliveredWanYuan: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50_000, noNaN: true })),
  lastYearAllocationWanYuan: fc.double({ min: 0, max: 20_000, noNaN: true }),
  idleBalanceWanYuan: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5_000, noNaN: true })),
  regionCoefficient: fc.double({ min: 0.5, max: 2, noNaN: true }),
  region: fc.constantFrom("east", "central", "west"),
});

const unitsArb = fc
  .array(countyArb, { minLength: 1, maxLength: 40 })
  .map((rows) => rows.map((r, i) => ({ countyId: `C${i}`, ...r })));

const factorArb = fc.record({
  column: fc.constantFrom(...positiveColumns, "spendingGrowthRate"),
  weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
  direction: fc.constantFrom("need" as const, "capacity" as const),
  normalisation: fc.constantFrom(...normalisations),
});

/** Weights scaled so they sum to 1 (the last one takes the float remainder). */
function normalise(ws: number[]): number[] {
  const total = ws.reduce((s, w) => s + w, 0);
  const out = ws.map((w) => w / total);
  out[out.length - 1] = 1 - out.slice(0, -1).reduce((s, w) => s + w, 0);
  return out;
}

const ruleArb = fc
  .record({
    groups: fc.array(fc.array(factorArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    groupWeights: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
    matching: fc.oneof(
      fc.constant(undefined),
      fc.record({ kind: fc.constant("matching-share" as const), weight: fc.double({ min: 0.01, max: 0.5, noNaN: true }) }),
      fc.record({ kind: fc.constant("matching-ratio" as const), ratio: fc.double({ min: 0, max: 3, noNaN: true }), capRatio: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant("matching-multiplier" as const), elasticity: fc.double({ min: 0, max: 2, noNaN: true }) }),
    ),
    regional: fc.oneof(
      fc.constant(undefined),
      fc.constant({ kind: "column" as const }),
      fc.constant({ kind: "lookup" as const, multipliers: { west: 1.3, central: 1.1 } }),
    ),
    floorShare: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 0.9, noNaN: true })),
    perPupilFloorYuan: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 5, noNaN: true })),
    ceilingShare: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true })),
    holdHarmless: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true })),
    incentives: fc.oneof(
      fc.constant(undefined),
      fc.record({
        rewardPoolShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
        reward: fc.record({ threshold: fc.double({ min: 0, max: 1.2, noNaN: true }), basis: fc.constantFrom("formula" as const, "pupils" as const, "equal" as const) }),
        deductions: fc.constant([
          { kind: "progress" as const, threshold: 0.5, share: 0.2 },
          { kind: "idle-balance" as const, share: 1 },
        ]),
      }),
    ),
  })
  .map((g) => g);

type RuleDraft = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

/** Build a valid rule from a draft; floors and ceilings are expressed relative to the budget so most are feasible. */
function buildRule(d: RuleDraft, n: number, budgetFen: number): AllocationRuleInput {
  const matchingWeight = d.matching?.kind === "matching-share" ? d.matching.weight : 0;
  const gw = normalise(d.groupWeights.slice(0, d.groups.length)).map((w) => w * (1 - matchingWeight));
  const groups = d.groups.map((factors, gi) => {
    const fw = normalise(factors.map((f) => f.weight));
    return {
      id: `g${gi}`,
      weight: gw[gi],
      factors: factors.map((f, fi) => ({
        id: `f${gi}x${fi}`,
        column: f.column,
        weight: fw[fi],
        direction: f.direction,
        // spendingGrowthRate can be negative: only the order-based normalisations accept it
        normalisation: f.column === "spendingGrowthRate" && (f.normalisation === "share" || f.normalisation === "per-capita") ? ("rank" as const) : f.normalisation,
      })),
    };
  });
  const floorWanYuan = d.floorShare !== undefined ? (d.floorShare * budgetFen) / n / 1e6 : undefined;
  const rule: AllocationRuleInput = { name: "random", groups };
  if (d.matching) rule.matching = d.matching;
  if (d.regional) rule.regional = d.regional;
  const bounds: NonNullable<AllocationRuleInput["bounds"]> = {};
  if (floorWanYuan !== undefined || d.perPupilFloorYuan !== undefined) {
    bounds.floor = {
      ...(floorWanYuan !== undefined ? { perCountyWanYuan: floorWanYuan } : {}),
      ...(d.perPupilFloorYuan !== undefined ? { perPupilYuan: d.perPupilFloorYuan } : {}),
    };
  }
  if (d.ceilingShare !== undefined) bounds.ceiling = { budgetShare: d.ceilingShare };
  if (d.holdHarmless !== undefined) bounds.holdHarmless = { share: d.holdHarmless };
  if (Object.keys(bounds).length) rule.bounds = bounds;
  if (d.incentives) rule.incentives = d.incentives;
  return rule;
}

const budgetArb = fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1_000_000, max: 3_100_000_000_000 }));

describe("allocate properties", () => {
  it("allocate(units, rule) conserves money to the fen and respects floors and ceilings for random rules and units", () => {
    let feasible = 0;
    fc.assert(
      fc.property(unitsArb, ruleArb, budgetArb, (units, draft, budgetFen) => {
        const rule = buildRule(draft, units.length, budgetFen);
        let result;
        try {
          result = allocate(units, rule, { budgetFen });
        } catch (e) {
          // Infeasible bounds must be reported plainly, never as a wrong allocation.
          expect((e as Error).message).toMatch(/^allocate cannot (meet|place)/);
          return;
        }
        feasible++;
        let total = 0;
        for (const r of result.rows) {
          expect(Number.isInteger(r.allocationFen)).toBe(true);
          expect(r.allocationFen).toBeGreaterThanOrEqual(r.lowerBoundFen);
          if (r.upperBoundFen !== null) expect(r.allocationFen).toBeLessThanOrEqual(r.upperBoundFen);
          total += r.allocationFen;
        }
        expect(total).toBe(budgetFen);
      }),
      { numRuns: 400, seed: 2014 },
    );
    expect(feasible).toBeGreaterThan(200);
  });

  /*
   * Monotonicity. Share, per-capita and rank scores only move money between county i and the others in one
   * direction, so "more need → not less money" survives regional coefficients and floors/ceilings (both rescale by
   * a common factor). Min-max and z-score rescale the OTHER counties' scores unevenly when one value moves; combined
   * with a coefficient or a bound, money can shift between other counties with different coefficients and county i
   * can lose a sliver (found by this test: 0.05 fen in 5e10). So min-max and z-score are checked without
   * coefficients and bounds, the others with them.
   */
  const monotone = (withAdjustments: boolean) =>
    fc.property(unitsArb, ruleArb, fc.nat(), fc.double({ min: 1.01, max: 5, noNaN: true }), (units, draft, pick, factor) => {
      const budgetFen = 1_000_000_000_000;
      const base = { ...draft, incentives: undefined };
      const adjusted = withAdjustments ? base : { ...base, regional: undefined, matching: undefined, floorShare: undefined, perPupilFloorYuan: undefined, ceilingShare: undefined, holdHarmless: undefined };
      const rule = buildRule(adjusted, units.length, budgetFen);
      const allFactors = rule.groups.flatMap((g) => g.factors);
      if (withAdjustments) fc.pre(allFactors.every((x) => x.normalisation !== "minmax" && x.normalisation !== "zscore"));
      const i = pick % units.length;
      const f = rule.groups[0].factors[0];
      // "All else equal" includes the column's other uses: skip rules that use it in the opposite direction, and a
      // capacity use of pupils when pupils is also the population of a per-capita factor (a need-like use).
      fc.pre(allFactors.filter((x) => x.column === f.column).every((x) => x.direction === f.direction));
      const asPopulation = allFactors.some((x) => x.normalisation === "per-capita" && (x.population ?? "pupils") === f.column);
      fc.pre(!(asPopulation && f.direction === "capacity"));
      const more = units.map((u) => ({ ...u }));
      const column = f.column as (typeof positiveColumns)[number] | "spendingGrowthRate";
      const v = more[i][column];
      // More need: raise a need column (toward +∞ also for negative growth), lower a capacity column.
      more[i][column] = f.direction === "need" ? (v >= 0 ? v * factor : v / factor) : v >= 0 ? v / factor : v * factor;
      if (column === "pupils") more[i].pupils = Math.max(1, Math.round(more[i].pupils));
      let before;
      let after;
      try {
        before = allocate(units, rule, { budgetFen });
        after = allocate(more, rule, { budgetFen });
      } catch {
        return;
      }
      // Exact amounts: never less (up to float noise, 1e-9 relative); whole fen: at most the 1 fen a rounding flip can cost.
      expect(after.exactFen[i]).toBeGreaterThanOrEqual(before.exactFen[i] * (1 - 1e-9) - 1e-6);
      expect(after.rows[i].allocationFen).toBeGreaterThanOrEqual(Math.floor(before.exactFen[i] * (1 - 1e-9)) - 1);
    });

  it("allocate(units, rule): more need for one county, all else equal, never gives it less money (all normalisations, no coefficients or bounds)", () => {
    fc.assert(monotone(false), { numRuns: 300, seed: 2015 });
  });

  it("allocate(units, rule): more need never gives less money with coefficients, floors and ceilings (share, per-capita, rank)", () => {
    fc.assert(monotone(true), { numRuns: 300, seed: 2016 });
  });
});
