import { createRandom, type Random } from "../shared/random.js";
import { countyBounds } from "./allocation-core.js";
import { normaliseFactor } from "./normalise-factor.js";
import { readUnitColumns, type ColumnRequirement, type CountyUnits } from "./read-unit-columns.js";
import { ruleColumns } from "./rule-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import type { SimulationInterval } from "./simulate-allocation.js";
import { FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "./units-columns.js";
import { validateRule } from "./validate-rule.js";
import { FastRandom, Kernel, MONTE_CARLO_BLOCK, monteCarloDraws, monteCarloHistogramRanges, monteCarloSummarise, RECORD_NONE, runDraw, settle } from "./monte-carlo-kernel.js";

export { MONTE_CARLO_BLOCK, monteCarloDraws, monteCarloHistogramRanges, monteCarloSummarise, type MonteCarloPart, type MonteCarloRanges } from "./monte-carlo-kernel.js";

/** Options for `monteCarloAllocation`. Every uncertain input is explicit, and the seed comes in through `random`. */
export interface MonteCarloAllocationOptions {
  /** Monte Carlo draws (≥ 1). */
  draws: number;
  /** Seeded stream (`createRandom(seed)`); it seeds the kernel's own fast generator too. */
  random: Random;
  /** Whole-fen budget; defaults to the rule's budgetWanYuan. */
  budgetFen?: number;
  /** Price elasticity of local matching, one per draw from N(mean, sd) truncated at 0. Default 0.3 ± 0.15. */
  elasticity?: { mean: number; sd: number };
  /** Log-sd of each group weight's multiplicative noise (then renormalised), the matching-share weight included. Default 0.1. */
  weightLogSd?: number;
  /** Each county delivers its observed matching × (1 + δ(2u − 1)), u uniform, before responding. Default δ = 0.2. */
  deliveryNoise?: number;
  /** Interval quantiles. Default [0.05, 0.95]. */
  interval?: readonly [number, number];
  /** Histogram bins per county for streaming quantiles. Default 32. */
  countyBins?: number;
  /** Bins of per-pupil amounts for each draw's Gini and McLoone. Default 1024. */
  equityBins?: number;
}

/** Equity and leverage of one allocation (a draw, or the central one). */
export interface MonteCarloOutcome {
  gini: number;
  mcLooneIndex: number;
  fiscalCapacityCorrelation: number;
  leverage: number;
  matchingDeliveredWanYuan: number;
  deductedFen: number;
}

/** Result of `monteCarloAllocation`. */
export interface MonteCarloAllocation {
  ruleName: string;
  draws: number;
  budgetFen: number;
  countyIds: string[];
  /** Every uncertain input at its central value (ε = mean, nominal weights, observed delivery): the deterministic part. */
  central: { allocationFen: Float64Array; deliveredWanYuan: Float64Array } & MonteCarloOutcome;
  /** Per county over draws, fen: exact mean; quantiles from per-county streaming histograms (exact when draws ≤ 256). */
  allocationFen: { mean: Float64Array; lower: Float64Array; median: Float64Array; upper: Float64Array };
  gini: SimulationInterval;
  mcLooneIndex: SimulationInterval;
  fiscalCapacityCorrelation: SimulationInterval;
  leverage: SimulationInterval;
  matchingDeliveredWanYuan: SimulationInterval;
  deductedFen: SimulationInterval;
}

const DYNAMIC = new Set(["matchingDeliveredWanYuan", "matchingCommittedWanYuan"]);

/**
 * The static inputs of the Monte Carlo kernel for one rule: factor-group score shares, bounds, deduction and reward
 * arrays, matching columns and the uncertainty settings, all checked. `monteCarloAllocation` runs on them; a peer
 * implementation (the numpy benchmark) can run the same computation from the same numbers.
 *
 * @param units county units with the columns the rule needs
 * @param rule the rule
 * @param options as `monteCarloAllocation` (without the random stream)
 * @returns typed arrays and scalars, one entry per county where per county
 * @throws as `monteCarloAllocation`
 * @example monteCarloInputs(units, needOnly, { draws: 10, budgetFen: 1e12 }).groupShares.length // 1
 * @see monteCarloAllocation
 */
export function monteCarloInputs(units: CountyUnits, rule: AllocationRule | AllocationRuleInput, options: Omit<MonteCarloAllocationOptions, "random">) {
  const r = validateRule(rule);
  const draws = options.draws;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`monteCarloAllocation requires a whole number of draws ≥ 1, got ${draws}`);
  const budgetFen = options.budgetFen ?? (r.budgetWanYuan !== undefined ? Math.round(r.budgetWanYuan * FEN_PER_WAN_YUAN) : NaN);
  if (!(budgetFen > 0) || !Number.isSafeInteger(budgetFen)) throw new RangeError("monteCarloAllocation requires a positive whole-fen budget");
  const el = options.elasticity ?? { mean: 0.3, sd: 0.15 };
  const weightLogSd = options.weightLogSd ?? 0.1;
  const delta = options.deliveryNoise ?? 0.2;
  const [qLo, qHi] = options.interval ?? [0.05, 0.95];
  const H = options.countyBins ?? 32;
  const B = options.equityBins ?? 1024;
  if (!(el.mean >= 0 && el.sd >= 0 && weightLogSd >= 0 && delta >= 0 && delta <= 1)) {
    throw new RangeError("monteCarloAllocation requires elasticity mean and sd ≥ 0, weightLogSd ≥ 0 and deliveryNoise from 0 to 1");
  }
  for (const g of r.groups) {
    for (const f of g.factors) {
      if (DYNAMIC.has(f.column) || (f.population !== undefined && DYNAMIC.has(f.population))) {
        throw new RangeError(`monteCarloAllocation does not support factor ${f.id ?? f.column} on ${f.column}; use simulateAllocation`);
      }
    }
  }
  if (!(r.groups.reduce((s, g) => s + g.weight, 0) > 0)) throw new RangeError("monteCarloAllocation requires some weight on factor groups");

  // ---- Set-up (allocates freely; runs once) -------------------------------------------------------------------
  const m = r.matching;
  const deliveredColumn = m?.kind === "matching-multiplier" ? m.deliveredColumn : (m?.column ?? "matchingDeliveredWanYuan");
  const committedColumn = m?.kind === "matching-multiplier" ? m.committedColumn : "matchingCommittedWanYuan";
  const has = (c: string) => ("columnNames" in units && typeof units.columnNames === "function" ? units.columnNames().includes(c) : (units as readonly Record<string, unknown>[]).some((row) => c in row));
  const extra: ColumnRequirement[] = [];
  for (const c of [deliveredColumn, committedColumn]) if (has(c)) extra.push({ column: c, kind: "number", min: 0, neededBy: "monteCarloAllocation" });
  if (has("fiscalCapacityPerCapitaYuan")) extra.push({ column: "fiscalCapacityPerCapitaYuan", kind: "number", min: 0, neededBy: "monteCarloAllocation" });
  const cols = readUnitColumns(units, [...ruleColumns(r), ...extra]);
  const n = cols.rowCount;
  if (n === 0) throw new RangeError("monteCarloAllocation requires at least one county");
  const ids = cols.texts.get("countyId")!;
  const num = (c: string) => cols.numbers.get(c)!;
  const pupils = num("pupils");
  const zeros = new Float64Array(n);
  const delivered0 = cols.numbers.get(deliveredColumn) ?? zeros;
  const committed = cols.numbers.get(committedColumn) ?? delivered0;
  const capacity = cols.numbers.get("fiscalCapacityPerCapitaYuan") ?? null;

  // Group score shares A_g[i] = Σ_f w_f · score_fi / Σ score_f (equal shares when a factor scores all zero).
  const G = r.groups.length;
  const groupShares = r.groups.map((g) => {
    const a = new Float64Array(n);
    for (const f of g.factors) {
      const scores = normaliseFactor(num(f.column), f.direction, f.normalisation, f.normalisation === "per-capita" ? num(f.population ?? "pupils") : undefined);
      const total = scores.reduce((s, x) => s + x, 0);
      for (let i = 0; i < n; i++) a[i] += f.weight * (total > 0 ? scores[i] / total : 1 / n);
    }
    return a;
  });
  const nominalWeights = Float64Array.from(r.groups, (g) => g.weight);
  const matchingWeight = m?.kind === "matching-share" ? m.weight : 0;
  const regional = regionalCoefficients(r, cols.numbers, cols.texts, n);
  const inc = r.incentives;
  const rewardPoolFen = (inc?.rewardPoolShare ?? 0) * budgetFen;
  const qualifies = new Uint8Array(n);
  if (inc?.reward) {
    const v = num(inc.reward.column);
    for (let i = 0; i < n; i++) qualifies[i] = v[i] >= inc.reward.threshold ? 1 : 0;
  }
  const deductions = (inc?.deductions ?? []).map((d) => {
    const v = num(d.column);
    // progress: a share of formula money where the column is below the threshold; idle-balance: a fixed amount.
    return d.kind === "progress"
      ? { progress: true, share: d.share, flag: Uint8Array.from(v, (x) => (x < d.threshold ? 1 : 0)), fixed: zeros }
      : { progress: false, share: 0, flag: new Uint8Array(n), fixed: Float64Array.from(v, (x) => d.share * x * FEN_PER_WAN_YUAN) };
  });
  const { lower, upper } = countyBounds(r, cols.numbers, pupils, budgetFen, n);
  let sumLower = 0;
  let sumUpper = 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) throw new RangeError(`monteCarloAllocation cannot meet county ${ids[i]}'s floor because its ceiling is lower`);
    sumLower += lower[i];
    sumUpper += upper[i];
  }
  if (sumLower > budgetFen) throw new RangeError(`monteCarloAllocation cannot meet the floors: they sum to ${sumLower} fen but the budget is ${budgetFen} fen`);
  if (sumUpper < budgetFen) throw new RangeError(`monteCarloAllocation cannot place the budget under the ceilings: they sum to ${sumUpper} fen but the budget is ${budgetFen} fen`);
  const bounded = sumLower > 0 || Number.isFinite(sumUpper);
  const invPupilsYuan = Float64Array.from(pupils, (p) => (p > 0 ? 1 / (p * FEN_PER_YUAN) : 0));

  // Deductions combine exactly: min(f, min(f, a) + b) = min(f, a + b) for a, b ≥ 0, so each county needs
  // only its total progress share S_i and its total fixed (idle-balance) amount F_i: deduction = min(f, f·S_i + F_i).
  const dedShare = new Float64Array(n);
  const dedFixed = new Float64Array(n);
  for (const d of deductions) {
    for (let i = 0; i < n; i++) {
      dedShare[i] += d.progress ? d.share * d.flag[i] : 0;
      dedFixed[i] += d.fixed[i];
    }
  }
  const multiplier = m?.kind === "matching-multiplier" ? m : null;
  return {
    ruleName: r.name,
    countyIds: ids,
    draws,
    elasticity: el,
    weightLogSd,
    interval: [qLo, qHi] as const,
    nominalWeights,
    matchingWeight,
    n,
    G,
    B,
    H,
    budgetFen,
    rewardPoolFen,
    matchingKind: m?.kind === "matching-share" ? 1 : m?.kind === "matching-ratio" ? 2 : 0,
    ratio: m?.kind === "matching-ratio" ? m.ratio : 0,
    capRatio: m?.kind === "matching-ratio" ? m.capRatio : 0,
    multiplierKind: !multiplier ? 0 : multiplier.elasticity !== undefined ? 1 : 2,
    multiplierValue: !multiplier ? 0 : (multiplier.elasticity ?? multiplier.factor ?? 0),
    hasRegional: regional !== null,
    regional: regional ?? new Float64Array(n).fill(1),
    hasDeductions: deductions.length > 0,
    dedShare,
    dedFixed,
    rewardMode: !inc?.reward ? 0 : inc.reward.basis === "formula" ? 1 : inc.reward.basis === "pupils" ? 2 : 3,
    qualifies,
    bounded,
    lower,
    upper,
    groupShares,
    delivered0,
    committed,
    pupils,
    invPupilsYuan,
    hasCapacity: capacity !== null,
    capacity: capacity ?? new Float64Array(n),
    delta,
  };
}

/** What `monteCarloInputs` returns. */
export type MonteCarloInputs = ReturnType<typeof monteCarloInputs>;

/**
 * Monte Carlo of one allocation rule under uncertainty about behaviour and judgement: how strongly counties respond
 * to the rule's matching incentive (elasticity ε), what the factor weights should be (each group's weight jittered),
 * and how much local money each county actually delivers. Each draw runs the rule's full arithmetic (as `allocate`:
 * matching pools, factor groups, coefficients, deductions, rewards, floors and ceilings, money conserved) and
 * records the allocation, the Gini and McLoone index of per-pupil amounts, fiscal neutrality and leverage.
 *
 * Counties respond to the match rate the rule announces on the observed delivery (they cannot see each other's
 * realised money), then deliver with noise: delivered = min(max(committed, d), d·(1 + m)^ε), d = observed ×
 * (1 + δ(2u − 1)).
 *
 * Built for speed (`npm run bench -- allocation`: 10,000 draws over 3,000 counties in 0.6–0.8 s on one thread for
 * the county presets, 5–7× faster than the same computation vectorised in numpy): factor scores are computed once
 * (their columns do not change), every per-draw array is allocated once, the passes over the counties are
 * WebAssembly SIMD (src/allocation/wasm/; delivery noise from four interleaved xoshiro128** streams seeded from
 * `random`), floors and ceilings are placed from sums gathered in the delivery pass (checked against the budget,
 * with a safeguarded full search when the guess was wrong) instead of sorting, the Gini and McLoone index come from
 * 1,024 pupil-weighted bins per draw (between-bin order exact; Gini error about 1e-5; the McLoone index exact from
 * the counties of the median bin), and county intervals from 32-bin streaming histograms whose ranges a 256-draw
 * pilot sets (linear within bins). Only the summary outputs (one number per draw) are sorted. The draws run in
 * seeded blocks of 256 that `monteCarloPlan` / `monteCarloDraws` / `monteCarloSummarise` let a caller spread over
 * worker threads with the same result.
 *
 * Factors on the matching columns are not supported here (their scores would change every draw): use
 * `simulateAllocation`, which also runs several years.
 *
 * @param units county units with the columns the rule needs (and matchingCommittedWanYuan to cap the response)
 * @param rule the rule
 * @param options draws, seeded random, budget, uncertainty settings
 * @returns the central (deterministic) allocation and outcomes, county intervals and outcome intervals
 * @throws RangeError on bad options, on factors that read matching columns, and as `allocate` on bad units or bounds
 * @example monteCarloAllocation(units, needOnly, { draws: 10_000, random: createRandom(1), budgetFen: 1e12 }).gini.median
 * @see simulateAllocation (several years), allocate (one exact allocation), equity
 */
export function monteCarloAllocation(units: CountyUnits, rule: AllocationRule | AllocationRuleInput, options: MonteCarloAllocationOptions): MonteCarloAllocation {
  const plan = monteCarloPlan(units, rule, options);
  const pilot = monteCarloDraws(plan, 0, plan.pilotBlocks);
  const ranges = monteCarloHistogramRanges(plan, pilot);
  const rest = plan.blocks > plan.pilotBlocks ? [monteCarloDraws(plan, plan.pilotBlocks, plan.blocks, ranges)] : [];
  return monteCarloSummarise(plan, pilot, ranges, rest);
}

/**
 * Everything a worker needs to run blocks of draws (structured-cloneable: typed arrays, numbers, strings): the
 * static inputs, the central (deterministic) run, the per-pupil bin scale, the central λ (each block's first
 * floors/ceilings search starts from it) and one seed per block of `MONTE_CARLO_BLOCK` draws, taken in order from
 * `options.random`.
 *
 * @param units county units, @param rule the rule, @param options as `monteCarloAllocation`
 * @returns the plan; pass it to `monteCarloDraws` (any thread), then `monteCarloSummarise`
 * @throws as `monteCarloAllocation`
 * @example monteCarloPlan(units, needOnly, { draws: 1000, random: createRandom(1), budgetFen: 1e12 }).blocks // 4
 */
export function monteCarloPlan(units: CountyUnits, rule: AllocationRule | AllocationRuleInput, options: MonteCarloAllocationOptions) {
  const inputs = monteCarloInputs(units, rule, options);
  const { draws, n, budgetFen, nominalWeights, matchingWeight } = inputs;
  const k = new Kernel({ ...inputs, rng: new FastRandom(createRandom(0)) });
  k.weights.set(nominalWeights);
  runDraw(k, inputs.elasticity.mean, matchingWeight, false);
  settle(k, RECORD_NONE, 0);
  const central = {
    allocationFen: Float64Array.from(k.out),
    deliveredWanYuan: Float64Array.from(k.delivered),
    gini: k.gini,
    mcLooneIndex: k.mcLooneIndex,
    fiscalCapacityCorrelation: k.fiscalCapacityCorrelation,
    leverage: (k.D * FEN_PER_WAN_YUAN) / budgetFen,
    matchingDeliveredWanYuan: k.D,
    deductedFen: k.deducted,
  };
  // Draws bin per-pupil amounts over [0, 2 × the central maximum): one pass instead of two.
  let centralMax = 0;
  for (let i = 0; i < n; i++) if (inputs.pupils[i] > 0) centralMax = Math.max(centralMax, k.out[i] * inputs.invPupilsYuan[i]);
  const blocks = Math.ceil(draws / MONTE_CARLO_BLOCK);
  const blockSeeds = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) blockSeeds[b] = options.random.int(0x7fffffff);
  return {
    inputs,
    central,
    binScale: centralMax > 0 ? (inputs.B - 1e-9) / (2 * centralMax) : 0,
    centralLambda: k.lambda,
    blocks,
    pilotBlocks: 1,
    blockSeeds,
  };
}

/** What `monteCarloPlan` returns. */
export type MonteCarloPlan = ReturnType<typeof monteCarloPlan>;

/** Regional coefficients per county, or null (the matching multiplier is applied per draw). */
function regionalCoefficients(rule: AllocationRule, numbers: Map<string, Float64Array>, texts: Map<string, string[]>, n: number): Float64Array | null {
  const reg = rule.regional;
  if (!reg) return null;
  if (reg.kind === "column") return Float64Array.from(numbers.get(reg.column)!);
  const labels = texts.get(reg.column)!;
  return Float64Array.from({ length: n }, (_, i) => reg.multipliers[labels[i]] ?? reg.otherwise);
}
