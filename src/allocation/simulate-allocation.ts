import type { Random } from "../shared/random.js";
import { allocationCore } from "./allocation-core.js";
import { marginalMatchRate, matchingResponse } from "./matching-response.js";
import { normaliseFactor } from "./normalise-factor.js";
import { readUnitColumns, type CountyUnits } from "./read-unit-columns.js";
import { ruleColumns } from "./rule-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import { FEN_PER_WAN_YUAN } from "./units-columns.js";
import { validateRule } from "./validate-rule.js";

/** Options for `simulateAllocation`. Every stochastic input is explicit so a scenario with its seed repeats exactly. */
export interface SimulateAllocationOptions {
  /** Years to simulate, e.g. [2014, 2015, 2016, 2017, 2018]. */
  years: readonly number[];
  /** Budget per year in whole fen, same length as years. */
  budgetsFen: readonly number[];
  /** Monte Carlo draws (≥ 1). */
  draws: number;
  /** Seeded stream (`createRandom(seed)`); never Math.random. */
  random: Random;
  /** Price elasticity of local matching, drawn once per draw from N(mean, sd) truncated at 0. Default 0.3 ± 0.15. */
  elasticity?: { mean: number; sd: number };
  /** Share of the remaining work a county completes in a year: median `median`, log-normal county noise `logSd`. Default 0.35, 0.4. */
  progressRate?: { median: number; logSd: number };
  /** Share of a year's money left idle by a county that completes nothing (scaled by 1 − rate). Default 0.3. */
  idleShare?: number;
  /** SimulationInterval quantiles. Default [0.05, 0.95]. */
  interval?: readonly [number, number];
  /** County-level quantiles use at most this many draws (iid, so the first ones are a fair subsample). Default 1000. */
  quantileDraws?: number;
}

/** Summary of one quantity over draws. */
export interface SimulationInterval {
  mean: number;
  lower: number;
  median: number;
  upper: number;
}

/** Result of `simulateAllocation`. */
export interface AllocationSimulation {
  years: number[];
  countyIds: string[];
  draws: number;
  /** Per year: per-county allocation in fen over draws (typed arrays indexed by county). */
  allocationFen: Array<{ mean: Float64Array; lower: Float64Array; median: Float64Array; upper: Float64Array }>;
  /** Per year: total delivered local matching, 万元. */
  matchingDeliveredWanYuan: SimulationInterval[];
  /** Per year: pupil-weighted mean task completion at the end of the year, 0–1. */
  completionShare: SimulationInterval[];
  /** Per year: money deducted from slow or idle counties, fen. */
  deductedFen: SimulationInterval[];
}

/** Columns the simulation rewrites every year; factors on other columns keep their scores. */
const DYNAMIC = new Set(["matchingDeliveredWanYuan", "taskCompletionShare", "idleBalanceWanYuan", "lastYearAllocationWanYuan"]);

/**
 * Simulate a rule over several years (2014–2018) with Monte Carlo uncertainty about how counties respond:
 * how much local matching they deliver, how fast they build, and so which counties the rule rewards or deducts.
 *
 * Each draw takes one matching elasticity ε ~ N(mean, sd)⁺ and, each year:
 * 1. counties respond to the rule's marginal match rate (`matchingResponse`, capped at their commitment);
 * 2. the rule allocates the year's budget with last year's completion, idle balances and allocation as inputs
 *    (rewards, deductions and hold-harmless see the previous year, as 河北's 扣减 and the 通报 cycle did);
 * 3. each county completes a share r_i of its remaining work, r_i = median · exp(logSd · z − logSd²/2) capped at 1;
 * 4. it leaves (1 − r_i) · idleShare of the year's money idle, and its allocation becomes next year's "last year".
 * The allocation step is `allocate`'s arithmetic (floors, ceilings and conservation included) on exact fen;
 * whole-fen rounding is skipped because intervals are far wider than a fen.
 *
 * @param units county units with the rule's columns; `taskCompletionShare`, `idleBalanceWanYuan`,
 *   `lastYearAllocationWanYuan` and matching columns start the state where present (else 0)
 * @param rule the allocation rule
 * @param options years, budgets (fen), draws, seeded random, behavioural parameters
 * @returns per-year per-county intervals and provincial totals
 * @throws RangeError on bad options; as `allocate` for bad units or infeasible bounds
 * @example simulateAllocation(units, rule, { years: [2014, 2015], budgetsFen: [1e10, 1e10], draws: 200, random: createRandom(1) }).allocationFen[1].median
 * @see allocate, matchingResponse
 */
export function simulateAllocation(units: CountyUnits, rule: AllocationRule | AllocationRuleInput, options: SimulateAllocationOptions): AllocationSimulation {
  const r = validateRule(rule);
  const { years, budgetsFen, draws, random } = options;
  if (years.length === 0 || years.length !== budgetsFen.length) {
    throw new RangeError(`simulateAllocation requires one budget per year, got ${budgetsFen.length} budgets for ${years.length} years`);
  }
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`simulateAllocation requires a whole number of draws ≥ 1, got ${draws}`);
  for (const b of budgetsFen) if (!(b > 0) || !Number.isSafeInteger(b)) throw new RangeError("simulateAllocation requires positive whole-fen budgets");
  const elasticity = options.elasticity ?? { mean: 0.3, sd: 0.15 };
  const progress = options.progressRate ?? { median: 0.35, logSd: 0.4 };
  const idleShare = options.idleShare ?? 0.3;
  const [qLo, qHi] = options.interval ?? [0.05, 0.95];
  const kept = Math.min(draws, options.quantileDraws ?? 1000);

  const cols = readUnitColumns(units, [
    ...ruleColumns(r),
    ...["matchingDeliveredWanYuan", "matchingCommittedWanYuan", "taskCompletionShare", "idleBalanceWanYuan", "lastYearAllocationWanYuan"]
      .filter((c) => hasColumn(units, c))
      .map((column) => ({ column, kind: "number" as const, min: 0, neededBy: "simulateAllocation" })),
  ]);
  const n = cols.rowCount;
  const ids = cols.texts.get("countyId")!;
  const pupils = cols.numbers.get("pupils")!;
  const start = (c: string) => cols.numbers.get(c) ?? new Float64Array(n);
  const committed = cols.numbers.get("matchingCommittedWanYuan") ?? start("matchingDeliveredWanYuan");

  // Scores of factors on columns that never change are computed once.
  const scoreCache = new Map<string, Float64Array>();
  for (const g of r.groups) {
    for (const f of g.factors) {
      const population = f.normalisation === "per-capita" ? (f.population ?? "pupils") : undefined;
      if (DYNAMIC.has(f.column) || (population && DYNAMIC.has(population))) continue;
      scoreCache.set(f.id ?? f.column, normaliseFactor(cols.numbers.get(f.column)!, f.direction, f.normalisation, population ? cols.numbers.get(population) : undefined));
    }
  }

  const T = years.length;
  const sums = Array.from({ length: T }, () => new Float64Array(n));
  const samples = Array.from({ length: T }, () => new Float32Array(kept * n));
  const matchingTotals = Array.from({ length: T }, () => new Float64Array(draws));
  const completionMeans = Array.from({ length: T }, () => new Float64Array(draws));
  const deducted = Array.from({ length: T }, () => new Float64Array(draws));
  const totalPupils = pupils.reduce((s, p) => s + p, 0);

  const delivered = new Float64Array(n);
  const completion = new Float64Array(n);
  const idle = new Float64Array(n);
  const lastYear = new Float64Array(n);
  const numbers = new Map(cols.numbers);
  for (let d = 0; d < draws; d++) {
    delivered.set(start("matchingDeliveredWanYuan"));
    completion.set(start("taskCompletionShare"));
    idle.set(start("idleBalanceWanYuan"));
    lastYear.set(start("lastYearAllocationWanYuan"));
    const eps = Math.max(0, elasticity.mean + elasticity.sd * random.normal());
    for (let t = 0; t < T; t++) {
      const deliveredTotal = delivered.reduce((s, x) => s + x, 0);
      const rate = marginalMatchRate(r, budgetsFen[t], deliveredTotal);
      const responded = rate > 0 && eps > 0 ? matchingResponse(delivered, committed, rate, eps) : delivered.slice();
      delivered.set(responded);
      numbers.set("matchingDeliveredWanYuan", delivered);
      numbers.set("taskCompletionShare", completion);
      numbers.set("idleBalanceWanYuan", idle);
      numbers.set("lastYearAllocationWanYuan", lastYear);
      const core = allocationCore(r, numbers, cols.texts, n, budgetsFen[t], ids, scoreCache);
      const x = core.clamped.valuesFen;
      const sum = sums[t];
      const sample = d < kept ? samples[t] : null;
      let completionWeighted = 0;
      let matchingTotal = 0;
      for (let i = 0; i < n; i++) {
        sum[i] += x[i];
        if (sample) sample[i * kept + d] = x[i];
        const ri = Math.min(1, progress.median * Math.exp(progress.logSd * random.normal() - (progress.logSd * progress.logSd) / 2));
        completion[i] = Math.min(1, completion[i] + (1 - Math.min(1, completion[i])) * ri);
        idle[i] = ((1 - ri) * idleShare * x[i]) / FEN_PER_WAN_YUAN;
        lastYear[i] = x[i] / FEN_PER_WAN_YUAN;
        completionWeighted += pupils[i] * completion[i];
        matchingTotal += delivered[i];
      }
      matchingTotals[t][d] = matchingTotal;
      completionMeans[t][d] = totalPupils > 0 ? completionWeighted / totalPupils : 0;
      deducted[t][d] = core.deductedFen;
    }
  }

  const allocationFen = sums.map((sum, t) => {
    const mean = sum.map((s) => s / draws);
    const lower = new Float64Array(n);
    const median = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const slice = samples[t].subarray(i * kept, (i + 1) * kept).slice().sort();
      lower[i] = quantileSorted(slice, qLo);
      median[i] = quantileSorted(slice, 0.5);
      upper[i] = quantileSorted(slice, qHi);
    }
    return { mean, lower, median, upper };
  });
  const summarise = (a: Float64Array): SimulationInterval => {
    const s = a.slice().sort();
    return { mean: a.reduce((x, y) => x + y, 0) / a.length, lower: quantileSorted(s, qLo), median: quantileSorted(s, 0.5), upper: quantileSorted(s, qHi) };
  };
  return {
    years: [...years],
    countyIds: ids,
    draws,
    allocationFen,
    matchingDeliveredWanYuan: matchingTotals.map(summarise),
    completionShare: completionMeans.map(summarise),
    deductedFen: deducted.map(summarise),
  };
}

/** Linear-interpolation quantile (R type 7) of an ascending typed array. */
function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function hasColumn(units: CountyUnits, column: string): boolean {
  if ("columnNames" in units && typeof units.columnNames === "function") return units.columnNames().includes(column);
  const rows = units as readonly Record<string, unknown>[];
  return rows.length > 0 && column in rows[0];
}
