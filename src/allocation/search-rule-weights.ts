import { compareRules, type RuleComparison } from "./compare-rules.js";
import type { CountyUnits } from "./read-unit-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import { validateRule } from "./validate-rule.js";

/** Outcomes a weight search can aim at or constrain (equity of per-pupil money, and local money drawn in). */
export const SEARCH_OUTCOMES = [
  "gini",
  "theil",
  "coefficientOfVariation",
  "federalRangeRatio",
  "mcLooneIndex",
  "verstegenIndex",
  "fiscalCapacityCorrelation",
  "fiscalCapacityElasticity",
  "gapClosedShare",
  "leverage",
  "matchingDeliveredWanYuan",
] as const;
export type SearchOutcome = (typeof SEARCH_OUTCOMES)[number];

/** What the search is asked to do. */
export interface WeightSearchOptions {
  /** Budget in whole fen. */
  budgetFen: number;
  /** Price elasticity of local matching (≥ 0), as in `compareRules`. Default 0.3. */
  elasticity?: number;
  /** The outcome to maximise or minimise. */
  objective: { outcome: SearchOutcome; goal: "maximise" | "minimise" };
  /** Outcomes that must stay within bounds, e.g. `{ outcome: "gini", max: 0.2 }`. */
  constraints?: ReadonlyArray<{ outcome: SearchOutcome; min?: number; max?: number }>;
  /**
   * Bounds on the weights, by group id and "matching" (the matching-share weight): e.g. no group below 0.05, or
   * matching at most 0.4. The searched weights sum to 1 (or to 1 − m when a matching-share weight m is kept fixed).
   * Default 0 to 1 each. The rule's own weights are a candidate only if they meet the bounds.
   */
  weightBounds?: Readonly<Record<string, { min?: number; max?: number }>>;
  /**
   * Search the matching-share weight too. Default: when the rule has a matching-share entry. A rule without one gets
   * `{ kind: "matching-share" }` added; rules with another kind of matching keep it unchanged (not searched); with
   * false on a matching-share rule its weight stays and the groups share the rest.
   */
  searchMatching?: boolean;
  /** Spacing of the first, exhaustive grid over the weights (coarsened to stay within maxGridPoints). Default 0.05. */
  gridStep?: number;
  /** At most this many grid points. Default 2,000. */
  maxGridPoints?: number;
  /** The local refinement stops when its step falls below this (after at least one round). Default 0.001. */
  tolerance?: number;
}

/** One evaluated weighting. */
export interface WeightSearchPoint {
  /** Weights in the order of `dimensions`, summing to 1. */
  weights: number[];
  outcomes: Record<SearchOutcome, number | null>;
  objective: number;
  feasible: boolean;
  /** Σ over constraints of the relative amount by which each is missed (0 when feasible). */
  violation: number;
  stage: "baseline" | "grid" | "refine";
}

/** Result of `searchRuleWeights`. */
export interface WeightSearchResult {
  /** Group ids, then "matching" when it is searched. */
  dimensions: string[];
  /** The best weighting found: feasible if any evaluated point was, else the one that misses the constraints least. */
  best: WeightSearchPoint;
  /** The rule with the best weights (name suffixed "(searched)"), ready for `allocate` or a rules file. */
  rule: AllocationRuleInput;
  /** The rule's own weights, evaluated the same way. */
  baseline: WeightSearchPoint;
  /** Every evaluated point, in order (the grid, then the refinement), for a chart of the search. */
  trace: WeightSearchPoint[];
}

/**
 * Search a rule's factor-group weights (and the weight on delivered local matching) for the weighting that best
 * serves a stated objective under stated constraints — the planning office's question "how much can we reward local
 * effort before equity suffers?" made explicit: e.g. maximise leverage subject to Gini ≤ 0.2 and fiscal neutrality
 * (correlation with fiscal capacity) ≤ 0.
 *
 * Every weighting is run in full by `compareRules` (allocation to the fen with floors, ceilings, rewards and
 * deductions, the counties' matching response, then the equity measures), so the objective is piecewise and not
 * smooth: the search is derivative-free. First an exhaustive grid over the simplex of weights (spacing `gridStep`,
 * within `weightBounds`), then a pattern search from the best grid point that moves weight between pairs of groups
 * in steps halved down to `tolerance`. Feasible points beat infeasible ones; among infeasible points the one that
 * misses the constraints by least wins, so an impossible set of constraints still returns its closest weighting
 * with `feasible: false`. Deterministic; the result is the best point evaluated, not a proof of a global optimum
 * between grid points.
 *
 * @param units county units with the columns the rule needs (and the matching columns for leverage)
 * @param rule the rule whose weights are searched (factors, bounds and incentives are kept)
 * @param options budget, elasticity, objective, constraints, bounds on weights, grid and tolerance
 * @returns the best point, its rule, the baseline and the trace
 * @throws RangeError on bad options, on weight bounds that no weighting can meet, and when an outcome is not
 *   available for these units (fiscal-capacity or funding-gap columns missing)
 * @example searchRuleWeights(units, matchingHeavy, { budgetFen: 1e12, objective: { outcome: "leverage", goal: "maximise" }, constraints: [{ outcome: "gini", max: 0.3 }] }).best.weights
 * @see leverageEquityFrontier (one weight traced), compareRules
 */
export function searchRuleWeights(units: CountyUnits, rule: AllocationRule | AllocationRuleInput, options: WeightSearchOptions): WeightSearchResult {
  const base = validateRule(rule);
  const { objective } = options;
  const constraints = options.constraints ?? [];
  if (!SEARCH_OUTCOMES.includes(objective.outcome)) throw new RangeError(`searchRuleWeights: unknown objective outcome "${objective.outcome}"; use one of ${SEARCH_OUTCOMES.join(", ")}`);
  if (objective.goal !== "maximise" && objective.goal !== "minimise") throw new RangeError(`searchRuleWeights: objective goal must be "maximise" or "minimise", got "${objective.goal}"`);
  for (const c of constraints) {
    if (!SEARCH_OUTCOMES.includes(c.outcome)) throw new RangeError(`searchRuleWeights: unknown constraint outcome "${c.outcome}"`);
    if (c.min === undefined && c.max === undefined) throw new RangeError(`searchRuleWeights: the constraint on ${c.outcome} needs a min or a max`);
  }
  const gridStep = options.gridStep ?? 0.05;
  const maxGridPoints = options.maxGridPoints ?? 2_000;
  const tolerance = options.tolerance ?? 0.001;
  if (!(gridStep > 0 && gridStep <= 0.5)) throw new RangeError(`searchRuleWeights requires gridStep in (0, 0.5], got ${gridStep}`);
  if (!(tolerance > 0 && tolerance < gridStep)) throw new RangeError(`searchRuleWeights requires tolerance in (0, gridStep), got ${tolerance}`);
  if (!Number.isInteger(maxGridPoints) || maxGridPoints < 1) throw new RangeError(`searchRuleWeights requires a whole maxGridPoints ≥ 1, got ${maxGridPoints}`);

  const searchMatching = options.searchMatching ?? base.matching?.kind === "matching-share";
  if (searchMatching && base.matching && base.matching.kind !== "matching-share") {
    throw new RangeError(`searchRuleWeights can search the matching weight only of a matching-share rule, not ${base.matching.kind}`);
  }
  const dimensions = [...base.groups.map((g) => g.id), ...(searchMatching ? ["matching"] : [])];
  for (const key of Object.keys(options.weightBounds ?? {})) {
    if (!dimensions.includes(key)) throw new RangeError(`searchRuleWeights: weightBounds names "${key}", which is not searched (${dimensions.join(", ")})`);
  }
  const D = dimensions.length;
  const lo = dimensions.map((d) => options.weightBounds?.[d]?.min ?? 0);
  const hi = dimensions.map((d) => options.weightBounds?.[d]?.max ?? 1);
  lo.forEach((l, i) => {
    if (!(l >= 0 && l <= hi[i] && hi[i] <= 1)) throw new RangeError(`searchRuleWeights: bounds on ${dimensions[i]} must satisfy 0 ≤ min ≤ max ≤ 1`);
  });
  // A matching-share weight that is not searched keeps its value; the groups share the rest.
  const total = !searchMatching && base.matching?.kind === "matching-share" ? 1 - base.matching.weight : 1;
  const sumLo = lo.reduce((s, x) => s + x, 0);
  const sumHi = hi.reduce((s, x) => s + x, 0);
  if (sumLo > total + 1e-12 || sumHi < total - 1e-12) throw new RangeError(`searchRuleWeights: no weights summing to ${total} meet the bounds (minimums sum to ${sumLo}, maximums to ${sumHi})`);
  const inBounds = (w: readonly number[]) => w.every((x, i) => x >= lo[i] - 1e-12 && x <= hi[i] + 1e-12);

  const ruleFor = (w: readonly number[], name: string): AllocationRuleInput => {
    const { matching, ...rest } = base;
    const m = searchMatching ? w[D - 1] : 0;
    return {
      ...rest,
      name,
      groups: base.groups.map((g, i) => ({ ...g, weight: w[i] })),
      ...(searchMatching ? (m > 0 ? { matching: { kind: "matching-share" as const, weight: m, column: matching?.kind === "matching-share" ? matching.column : "matchingDeliveredWanYuan" } } : {}) : matching ? { matching } : {}),
    };
  };
  const elasticity = options.elasticity ?? 0.3;
  const sense = objective.goal === "maximise" ? 1 : -1;
  const trace: WeightSearchPoint[] = [];
  const seen = new Map<string, WeightSearchPoint>();
  // Each constraint's shortfall is measured against the size of its outcome (its bound, or the rule's own value when
  // the bound is 0, as for "correlation ≤ 0"), so no constraint swamps the others among infeasible points.
  let scales: number[] | null = null;
  const evaluate = (w: number[], stage: WeightSearchPoint["stage"]): WeightSearchPoint => {
    const key = w.map((x) => x.toFixed(9)).join(",");
    const known = seen.get(key);
    if (known) return known;
    const [c] = compareRules(units, [ruleFor(w, base.name)], { budgetFen: options.budgetFen, elasticity });
    const outcomes = outcomesOf(c);
    const value = outcomes[objective.outcome];
    if (value === null) throw new RangeError(`searchRuleWeights: ${objective.outcome} is not available for these units (it needs ${NEEDS[objective.outcome]})`);
    if (!Number.isFinite(value)) throw new RangeError(`searchRuleWeights: ${objective.outcome} is not a finite number for weights ${w.map((x) => x.toFixed(3)).join(", ")}`);
    if (scales === null) {
      scales = constraints.map((con) => {
        const v = outcomes[con.outcome];
        if (v === null) throw new RangeError(`searchRuleWeights: ${con.outcome} is not available for these units (it needs ${NEEDS[con.outcome]})`);
        return Math.max(Math.abs(con.max ?? con.min ?? 0), Math.abs(v), 1e-9);
      });
    }
    let violation = 0;
    constraints.forEach((con, k) => {
      const v = outcomes[con.outcome]!;
      // A missing value (NaN) misses the constraint outright.
      if (!Number.isFinite(v)) violation += 1;
      else if (con.min !== undefined && v < con.min) violation += (con.min - v) / scales![k];
      else if (con.max !== undefined && v > con.max) violation += (v - con.max) / scales![k];
    });
    const point: WeightSearchPoint = { weights: [...w], outcomes, objective: value, feasible: violation === 0, violation, stage };
    seen.set(key, point);
    trace.push(point);
    return point;
  };
  const better = (a: WeightSearchPoint, b: WeightSearchPoint): boolean => {
    if (a.feasible !== b.feasible) return a.feasible;
    if (a.feasible) return sense * (a.objective - b.objective) > 1e-12 * Math.max(1, Math.abs(b.objective));
    return a.violation < b.violation - 1e-15;
  };

  const baselineWeights = [...base.groups.map((g) => g.weight), ...(searchMatching ? [base.matching?.kind === "matching-share" ? base.matching.weight : 0] : [])];
  const baseline = evaluate(baselineWeights, "baseline");

  // The grid: every composition of N steps over D weights within the bounds (N lowered until the grid fits). The
  // rule's own weights compete only if they meet the bounds; if no grid point does, the search starts from the rule's
  // weights moved into the bounds.
  let N = Math.max(1, Math.round(1 / gridStep));
  while (N > 1 && binomial(N + D - 1, D - 1) > maxGridPoints) N--;
  let best: WeightSearchPoint | null = inBounds(baseline.weights) ? baseline : null;
  for (const k of compositions(N, D)) {
    const w = k.map((x) => (total * x) / N);
    if (!inBounds(w)) continue;
    const p = evaluate(w, "grid");
    if (best === null || better(p, best)) best = p;
  }
  best ??= evaluate(intoBounds(baselineWeights, lo, hi, total), "grid");

  // Pattern search: move h of weight from one group to another while that improves; halve h when nothing does. At
  // least one round runs, whatever the tolerance.
  for (let h = Math.max(total / (2 * N), tolerance); h >= tolerance; ) {
    let move: WeightSearchPoint | null = null;
    for (let i = 0; i < D; i++) {
      for (let j = 0; j < D; j++) {
        if (i === j) continue;
        const w = [...best.weights];
        const step = Math.min(h, w[j] - lo[j], hi[i] - w[i]);
        if (!(step > 1e-12)) continue;
        w[i] += step;
        w[j] -= step;
        const p = evaluate(w, "refine");
        if (better(p, move ?? best)) move = p;
      }
    }
    if (move) best = move;
    else h /= 2;
  }

  return { dimensions, best, rule: ruleFor(best.weights, `${base.name} (searched)`), baseline, trace };
}

/** The weights nearest to w (moving each by one common shift, then clipping) that meet the bounds and sum to total. */
function intoBounds(w: readonly number[], lo: readonly number[], hi: readonly number[], total: number): number[] {
  const at = (shift: number) => w.map((x, i) => Math.min(hi[i], Math.max(lo[i], x + shift)));
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
  // Σ clip(w + shift) rises with shift from Σ lo to Σ hi: bisect for the shift that gives the total.
  let a = -2;
  let b = 2;
  for (let k = 0; k < 200; k++) {
    const mid = (a + b) / 2;
    if (sum(at(mid)) < total) a = mid;
    else b = mid;
  }
  const v = at(b);
  // Put the last rounding on the weight with the most room, so the sum is exact.
  const gap = total - sum(v);
  const i = v.findIndex((x, k) => x + gap >= lo[k] - 1e-15 && x + gap <= hi[k] + 1e-15);
  if (i >= 0) v[i] += gap;
  return v;
}

const NEEDS: Partial<Record<SearchOutcome, string>> = {
  fiscalCapacityCorrelation: "fiscalCapacityPerCapitaYuan",
  fiscalCapacityElasticity: "fiscalCapacityPerCapitaYuan",
  gapClosedShare: "fundingGapWanYuan",
};

function outcomesOf(c: RuleComparison): Record<SearchOutcome, number | null> {
  const e = c.equity;
  return {
    gini: e.gini,
    theil: e.theil,
    coefficientOfVariation: e.coefficientOfVariation,
    federalRangeRatio: e.federalRangeRatio,
    mcLooneIndex: e.mcLooneIndex,
    verstegenIndex: e.verstegenIndex,
    fiscalCapacityCorrelation: e.fiscalCapacityCorrelation,
    fiscalCapacityElasticity: e.fiscalCapacityElasticity,
    gapClosedShare: e.gapClosedShare,
    leverage: c.leverage,
    matchingDeliveredWanYuan: c.matchingDeliveredWanYuan,
  };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Every way to write N as an ordered sum of D non-negative integers. */
function* compositions(N: number, D: number): Generator<number[]> {
  if (D === 1) {
    yield [N];
    return;
  }
  for (let first = N; first >= 0; first--) for (const rest of compositions(N - first, D - 1)) yield [first, ...rest];
}
