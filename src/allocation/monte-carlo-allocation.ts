import type { Random } from "../shared/random.js";
import { countyBounds } from "./allocation-core.js";
import { clampToBudget } from "./clamp-to-budget.js";
import { normaliseFactor } from "./normalise-factor.js";
import { readUnitColumns, type ColumnRequirement, type CountyUnits } from "./read-unit-columns.js";
import { ruleColumns } from "./rule-columns.js";
import type { AllocationRule, AllocationRuleInput } from "./rule-schema.js";
import type { SimulationInterval } from "./simulate-allocation.js";
import { FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "./units-columns.js";
import { validateRule } from "./validate-rule.js";

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

const PILOT = 256;
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
 * Built for speed (`npm run bench`: 10,000 draws over 3,000 counties, about 3× faster than the same computation
 * vectorised in numpy): factor scores are computed once (their columns do not change), every per-draw array is
 * allocated once and reused, the county noise comes from a fast 32-bit generator (xoshiro128**) seeded from
 * `random` inside the formula pass, a draw takes two or three passes over the counties, floors and ceilings are met
 * by one Newton step for the common scale from the last draw's (checked, with a safeguarded full search when the
 * binding set changed) instead of sorting, the Gini and McLoone index come from 1,024 pupil-weighted bins per draw
 * (between-bin order exact; Gini error about 1e-5; the McLoone index exact from the counties of the median bin), and county intervals from 32-bin streaming histograms whose ranges a
 * 256-draw pilot sets (linear within bins). Only the summary outputs (one number per draw) are sorted.
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
  const inputs = monteCarloInputs(units, rule, options);
  const { draws, n, G, H, budgetFen, nominalWeights, matchingWeight, weightLogSd, delta } = inputs;
  const el = inputs.elasticity;
  const [qLo, qHi] = inputs.interval;
  const k = new Kernel({ ...inputs, rng: new FastRandom(options.random) });

  // ---- Central run: the deterministic part --------------------------------------------------------------------
  k.weights.set(nominalWeights);
  runDraw(k, el.mean, matchingWeight, false);
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

  // ---- Draws ----------------------------------------------------------------------------------------------------
  // Draws bin per-pupil amounts over [0, 2 × the central maximum): one pass instead of two.
  let centralMax = 0;
  for (let i = 0; i < n; i++) if (inputs.pupils[i] > 0) centralMax = Math.max(centralMax, k.out[i] * inputs.invPupilsYuan[i]);
  k.binScale = centralMax > 0 ? (inputs.B - 1e-9) / (2 * centralMax) : 0;
  const outcomes = {
    gini: new Float64Array(draws),
    mcLooneIndex: new Float64Array(draws),
    fiscalCapacityCorrelation: new Float64Array(draws),
    leverage: new Float64Array(draws),
    matchingDeliveredWanYuan: new Float64Array(draws),
    deductedFen: new Float64Array(draws),
  };
  const pilotDraws = Math.min(draws, PILOT);
  k.pilot = new Float64Array(pilotDraws * n);
  if (draws > PILOT) k.hist = new Uint32Array(n * H);
  const shift = (weightLogSd * weightLogSd) / 2;
  for (let d = 0; d < draws; d++) {
    const eps = Math.max(0, el.mean + el.sd * options.random.normal());
    for (let g = 0; g < G; g++) k.weights[g] = nominalWeights[g] * Math.exp(weightLogSd * options.random.normal() - shift);
    const mWeight = matchingWeight > 0 ? matchingWeight * Math.exp(weightLogSd * options.random.normal() - shift) : 0;
    runDraw(k, eps, mWeight, delta > 0);
    settle(k, d < pilotDraws ? RECORD_PILOT : RECORD_HISTOGRAM, d * n);
    outcomes.gini[d] = k.gini;
    outcomes.mcLooneIndex[d] = k.mcLooneIndex;
    outcomes.fiscalCapacityCorrelation[d] = k.fiscalCapacityCorrelation;
    outcomes.leverage[d] = (k.D * FEN_PER_WAN_YUAN) / budgetFen;
    outcomes.matchingDeliveredWanYuan[d] = k.D;
    outcomes.deductedFen[d] = k.deducted;
    if (d === pilotDraws - 1 && draws > PILOT) startHistograms(k, pilotDraws);
  }

  // ---- Summaries ------------------------------------------------------------------------------------------------
  const mean = Float64Array.from(k.sum, (s) => s / draws);
  const { hist, histLo, histWidth, pilot } = k;
  const lowerQ = new Float64Array(n);
  const medianQ = new Float64Array(n);
  const upperQ = new Float64Array(n);
  const column = new Float64Array(pilotDraws);
  for (let i = 0; i < n; i++) {
    if (draws > PILOT) {
      lowerQ[i] = histogramQuantile(hist, i, H, draws, qLo, histLo[i], histWidth[i]);
      medianQ[i] = histogramQuantile(hist, i, H, draws, 0.5, histLo[i], histWidth[i]);
      upperQ[i] = histogramQuantile(hist, i, H, draws, qHi, histLo[i], histWidth[i]);
    } else {
      for (let k = 0; k < pilotDraws; k++) column[k] = pilot[k * n + i];
      column.sort();
      lowerQ[i] = quantileSorted(column, qLo);
      medianQ[i] = quantileSorted(column, 0.5);
      upperQ[i] = quantileSorted(column, qHi);
    }
  }
  const summarise = (a: Float64Array): SimulationInterval => {
    const s = Float64Array.from(a).sort();
    let t = 0;
    for (let k = 0; k < a.length; k++) t += a[k];
    return { mean: t / a.length, lower: quantileSorted(s, qLo), median: quantileSorted(s, 0.5), upper: quantileSorted(s, qHi) };
  };
  return {
    ruleName: inputs.ruleName,
    draws,
    budgetFen,
    countyIds: inputs.countyIds,
    central,
    allocationFen: { mean, lower: lowerQ, median: medianQ, upper: upperQ },
    gini: summarise(outcomes.gini),
    mcLooneIndex: summarise(outcomes.mcLooneIndex),
    fiscalCapacityCorrelation: summarise(outcomes.fiscalCapacityCorrelation),
    leverage: summarise(outcomes.leverage),
    matchingDeliveredWanYuan: summarise(outcomes.matchingDeliveredWanYuan),
    deductedFen: summarise(outcomes.deductedFen),
  };
}

const RECORD_NONE = 0;
const RECORD_PILOT = 1;
const RECORD_HISTOGRAM = 2;

/** Everything one draw reads and writes, in typed arrays allocated once; plain fields keep V8's loads monomorphic. */
class Kernel {
  readonly n: number;
  readonly G: number;
  readonly B: number;
  readonly H: number;
  readonly budgetFen: number;
  readonly rewardPoolFen: number;
  /** 0 none or multiplier, 1 matching-share, 2 matching-ratio. */
  readonly matchingKind: number;
  readonly ratio: number;
  readonly capRatio: number;
  /** 0 none, 1 (1 + e)^elasticity, 2 1 + factor·e. */
  readonly multiplierKind: number;
  readonly multiplierValue: number;
  readonly hasRegional: boolean;
  readonly regional: Float64Array;
  readonly hasDeductions: boolean;
  readonly dedShare: Float64Array;
  readonly dedFixed: Float64Array;
  readonly rewardMode: number;
  readonly qualifies: Uint8Array;
  readonly bounded: boolean;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly g0: Float64Array;
  readonly g1: Float64Array;
  readonly g2: Float64Array;
  readonly g3: Float64Array;
  readonly groupShares: Float64Array[];
  readonly delivered0: Float64Array;
  readonly committed: Float64Array;
  readonly pupils: Float64Array;
  readonly invPupilsYuan: Float64Array;
  readonly hasCapacity: boolean;
  readonly capacity: Float64Array;
  readonly delta: number;
  readonly rng: FastRandom;
  // work
  readonly weights: Float64Array;
  readonly delivered: Float64Array;
  readonly x: Float64Array;
  readonly basis: Float64Array;
  readonly money: Float64Array;
  /** Final amounts of the last draw (after reward and clamp), fen. */
  readonly out: Float64Array;
  /** Equity bin of each county in the last draw (−1 without pupils), and scratch for the median bin's counties. */
  readonly binOf: Int32Array;
  readonly scratch: Int32Array;
  readonly binW: Float64Array;
  readonly binWX: Float64Array;
  readonly sum: Float64Array;
  readonly histLo: Float64Array;
  readonly histScale: Float64Array;
  readonly histWidth: Float64Array;
  pilot: Float64Array = new Float64Array(0);
  /** County histograms (n × H), empty until the pilot has set their ranges. */
  hist: Uint32Array = new Uint32Array(0);
  /** Common scale of the last draw's floors/ceilings search (1 when unbounded); also the next search's start. */
  lambda = 1;
  /** Reward fen per unit of basis in the last draw (0 without a reward pool). */
  rewardRate = 0;
  /** λ came from one Newton step and must be checked against the budget. */
  verify = false;
  /** Bounds are the only adjustment after the formula (no reward pool, no deductions): λ's first step is fused. */
  readonly fastClamp: boolean;
  /** Per-pupil bins per 元 for draws (0 = bin each draw over its own range). */
  binScale = 0;
  /** Σ observed delivered matching, 万元. */
  readonly delivered0Total: number;
  // outputs of the last draw
  D = 0;
  deducted = 0;
  gini = 0;
  mcLooneIndex = 0;
  fiscalCapacityCorrelation = 0;

  constructor(init: {
    n: number; G: number; B: number; H: number; budgetFen: number; rewardPoolFen: number; matchingKind: number; ratio: number; capRatio: number;
    multiplierKind: number; multiplierValue: number; hasRegional: boolean; regional: Float64Array; hasDeductions: boolean; dedShare: Float64Array;
    dedFixed: Float64Array; rewardMode: number; qualifies: Uint8Array; bounded: boolean; lower: Float64Array; upper: Float64Array;
    groupShares: Float64Array[]; delivered0: Float64Array; committed: Float64Array; pupils: Float64Array; invPupilsYuan: Float64Array;
    hasCapacity: boolean; capacity: Float64Array; delta: number; rng: FastRandom;
  }) {
    const { n, G } = init;
    this.n = n;
    this.G = G;
    this.B = init.B;
    this.H = init.H;
    this.budgetFen = init.budgetFen;
    this.rewardPoolFen = init.rewardPoolFen;
    this.matchingKind = init.matchingKind;
    this.ratio = init.ratio;
    this.capRatio = init.capRatio;
    this.multiplierKind = init.multiplierKind;
    this.multiplierValue = init.multiplierValue;
    this.hasRegional = init.hasRegional;
    this.regional = init.regional;
    this.hasDeductions = init.hasDeductions;
    this.dedShare = init.dedShare;
    this.dedFixed = init.dedFixed;
    this.rewardMode = init.rewardMode;
    this.qualifies = init.qualifies;
    this.bounded = init.bounded;
    this.lower = init.lower;
    this.upper = init.upper;
    this.groupShares = init.groupShares;
    const none = new Float64Array(n);
    this.g0 = init.groupShares[0];
    this.g1 = G > 1 ? init.groupShares[1] : none;
    this.g2 = G > 2 ? init.groupShares[2] : none;
    this.g3 = G > 3 ? init.groupShares[3] : none;
    this.delivered0 = init.delivered0;
    this.delivered0Total = init.delivered0.reduce((t, v) => t + v, 0);
    this.committed = init.committed;
    this.pupils = init.pupils;
    this.invPupilsYuan = init.invPupilsYuan;
    this.hasCapacity = init.hasCapacity;
    this.capacity = init.capacity;
    this.delta = init.delta;
    this.rng = init.rng;
    this.weights = new Float64Array(G);
    this.delivered = new Float64Array(n);
    this.x = new Float64Array(n);
    this.basis = new Float64Array(n);
    this.money = new Float64Array(n);
    this.out = new Float64Array(n);
    this.binOf = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.fastClamp = init.bounded && init.rewardPoolFen === 0 && !init.hasDeductions;
    this.binW = new Float64Array(init.B);
    this.binWX = new Float64Array(init.B);
    this.sum = new Float64Array(n);
    this.histLo = new Float64Array(n);
    this.histScale = new Float64Array(n);
    this.histWidth = new Float64Array(n);
  }
}

/**
 * One allocation for ε, the group weights in k.weights and the matching weight; with `noisy`, fresh delivery noise.
 * Follows allocationCore step by step (see `allocate`), fused into as few passes over the counties as the rule
 * allows: delivery (only for rules with a matching component; otherwise drawn inside the formula pass), factor
 * money with coefficients (only with coefficients or more than four groups), and the formula pass (formula money,
 * deductions, reward basis and, for rules whose bounds are the only adjustment, the totals for the first Newton
 * step of the floors/ceilings search). The reward, the clamp and the equity measures are applied by `measure`.
 * Leaves the pre-clamp amounts in k.x (the reward is added later as k.rewardRate × k.basis).
 */
function runDraw(k: Kernel, eps: number, mWeight: number, noisy: boolean): void {
  const { n, G, weights, delivered, committed, x, basis, money, delivered0 } = k;
  let formulaBudget = k.budgetFen - k.rewardPoolFen;
  let groupTotal = 0;
  for (let g = 0; g < G; g++) groupTotal += weights[g];
  // Counties respond to the match rate the rule announces on the observed (noise-free) delivery, not to each
  // other's realised money, so the rate is known before any pass (marginalMatchRate, then matchingResponse).
  const D0 = k.delivered0Total;
  let rate = 0;
  if (k.matchingKind === 1) rate = D0 > 0 ? ((mWeight / (groupTotal + mWeight)) * formulaBudget) / (D0 * FEN_PER_WAN_YUAN) : 0;
  else if (k.matchingKind === 2) {
    const claims = k.ratio * D0 * FEN_PER_WAN_YUAN;
    const cap = k.capRatio * formulaBudget;
    rate = claims > cap && claims > 0 ? (k.ratio * cap) / claims : k.ratio;
  }
  const factor = rate > 0 && eps > 0 ? Math.exp(eps * Math.log1p(rate)) : 1;
  // Delivery pass, needed up front only when delivered money enters the formula.
  const deliveryFirst = k.matchingKind !== 0 || k.multiplierKind !== 0;
  let D = deliveryFirst ? k.rng.deliver(delivered0, committed, noisy ? k.delta : 0, factor, delivered) : 0;
  // Matching component: kMatch fen per 万元 delivered.
  let kMatch = 0;
  if (k.matchingKind === 2) {
    const claims = k.ratio * D * FEN_PER_WAN_YUAN;
    const cap = k.capRatio * formulaBudget;
    kMatch = k.ratio * FEN_PER_WAN_YUAN * (claims > cap ? cap / claims : 1);
    formulaBudget -= kMatch * D;
  } else if (k.matchingKind === 1 && D > 0 && mWeight > 0) {
    const pool = (formulaBudget * mWeight) / (groupTotal + mWeight);
    kMatch = pool / D;
    formulaBudget -= pool;
  }
  const perWeight = formulaBudget / groupTotal;
  const w0 = weights[0] * perWeight;
  const w1 = G > 1 ? weights[1] * perWeight : 0;
  const w2 = G > 2 ? weights[2] * perWeight : 0;
  const w3 = G > 3 ? weights[3] * perWeight : 0;
  const { g0, g1, g2, g3 } = k;
  const hasCoefficient = k.hasRegional || k.multiplierKind !== 0;
  const separate = hasCoefficient || G > 4;
  if (separate) {
    for (let i = 0; i < n; i++) money[i] = w0 * g0[i] + w1 * g1[i] + w2 * g2[i] + w3 * g3[i];
    for (let g = 4; g < G; g++) {
      const wg = weights[g] * perWeight;
      const a = k.groupShares[g];
      for (let i = 0; i < n; i++) money[i] += wg * a[i];
    }
  }
  if (hasCoefficient) {
    // Coefficients rescale factor money, renormalised so the factor total is unchanged.
    let plain = 0;
    let weighted = 0;
    const regional = k.regional;
    const mk = k.multiplierKind;
    const mv = k.multiplierValue;
    for (let i = 0; i < n; i++) {
      let coef = regional[i];
      if (mk !== 0) {
        const e = committed[i] > 0 ? Math.min(1, delivered[i] / committed[i]) : 0;
        coef *= mk === 1 ? Math.pow(1 + e, mv) : 1 + mv * e;
      }
      basis[i] = coef;
      plain += money[i];
      weighted += coef * money[i];
    }
    if (plain > 0 && !(weighted > 0)) throw new RangeError("monteCarloAllocation requires a positive regional or matching coefficient for some county with formula money");
    const scale = plain > 0 ? plain / weighted : 1;
    for (let i = 0; i < n; i++) money[i] *= basis[i] * scale;
  }
  // Formula pass.
  let deducted = 0;
  let basisTotal = 0;
  const { dedShare, dedFixed, qualifies, pupils, lower, upper } = k;
  const hasDeductions = k.hasDeductions;
  const mode = k.rewardMode;
  const fuseDelivery = !deliveryFirst;
  const fuseNoise = fuseDelivery && noisy;
  const delta = k.delta;
  const fastClamp = k.fastClamp;
  const lambda0 = k.lambda;
  let clampTotal = 0;
  let clampSlope = 0;
  const rng = k.rng;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  for (let i = 0; i < n; i++) {
    if (fuseDelivery) {
      let d = delivered0[i];
      if (fuseNoise) {
        // xoshiro128** (as FastRandom.deliver), inlined so the noise costs no extra pass.
        const m5 = Math.imul(s1, 5);
        const result = Math.imul((m5 << 7) | (m5 >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        d *= 1 + delta * (2 * ((result >>> 0) * 2.3283064365386963e-10) - 1);
      }
      delivered[i] = d;
      D += d;
    }
    const f = (separate ? money[i] : G === 1 ? w0 * g0[i] : w0 * g0[i] + w1 * g1[i] + w2 * g2[i] + w3 * g3[i]) + kMatch * delivered[i];
    let ded = 0;
    if (hasDeductions) {
      ded = f * dedShare[i] + dedFixed[i];
      if (ded > f) ded = f;
      deducted += ded;
    }
    const p = f - ded;
    x[i] = p;
    const b = mode === 0 ? (ded === 0 ? f : 0) : qualifies[i] === 0 ? 0 : mode === 1 ? f : mode === 2 ? pupils[i] : 1;
    basis[i] = b;
    basisTotal += b;
    if (fastClamp) {
      const v = lambda0 * p;
      if (v < lower[i]) clampTotal += lower[i];
      else if (v > upper[i]) clampTotal += upper[i];
      else {
        clampTotal += v;
        clampSlope += p;
      }
    }
  }
  if (fuseNoise) {
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    rng.s3 = s3;
  }
  // The reward pool (top slice plus deductions) is spread as rewardRate × basis by measure().
  const pool = k.rewardPoolFen + deducted;
  if (pool > 0 && !(basisTotal > 0)) {
    basisTotal = 0;
    for (let i = 0; i < n; i++) basisTotal += basis[i] = x[i];
    if (!(basisTotal > 0)) {
      basis.fill(1);
      basisTotal = n;
    }
  }
  k.rewardRate = pool > 0 ? pool / basisTotal : 0;
  // Floors and ceilings: one Newton step from the last draw's λ with the totals gathered above (exact when the set
  // of clamped counties did not change; measure() checks the total and falls back to the full search if not).
  k.verify = false;
  if (!k.bounded) k.lambda = 1;
  else if (fastClamp) {
    const gap = k.budgetFen - clampTotal;
    const next = Math.abs(gap) <= 1e-10 * k.budgetFen ? lambda0 : clampSlope > 0 ? lambda0 + gap / clampSlope : NaN;
    if (next > 0 && Number.isFinite(next)) {
      k.lambda = next;
      k.verify = true;
    } else k.lambda = clampScale(x, basis, k.rewardRate, lower, upper, k.budgetFen, lambda0);
  } else k.lambda = clampScale(x, basis, k.rewardRate, lower, upper, k.budgetFen, lambda0);
  k.D = D;
  k.deducted = deducted;
}

/**
 * Final amounts and equity of one draw in one pass: out = clamp(λ·(x + rewardRate·basis), L, U), recorded into the
 * pilot or the county histograms, and per-pupil amounts into pupil-weighted bins for the Gini and McLoone index and
 * moments for fiscal neutrality. Bins span [0, 2 × the central run's largest per-pupil amount); a draw that leaves
 * that range (or the central run itself) is binned again over its own range. Returns false when a one-step λ
 * missed the budget (the caller undoes the record and searches fully).
 */
function measure(k: Kernel, record: number, pilotOffset: number): boolean {
  const { n, x, out, pupils, invPupilsYuan, capacity, sum, binW, binWX, binOf, B, H, lower, upper, histLo, histScale, pilot, basis } = k;
  const lambda = k.lambda;
  const bounded = k.bounded;
  const rewardRate = k.rewardRate;
  const hist = k.hist;
  const binScale = k.binScale;
  binW.fill(0);
  binWX.fill(0);
  let overflow = binScale === 0;
  let total = 0;
  let sw = 0;
  let swx = 0;
  let swxx = 0;
  let swc = 0;
  let swcc = 0;
  let swxc = 0;
  for (let i = 0; i < n; i++) {
    let a = x[i] + rewardRate * basis[i];
    if (bounded) {
      a *= lambda;
      a = a < lower[i] ? lower[i] : a > upper[i] ? upper[i] : a;
    }
    out[i] = a;
    total += a;
    if (record === RECORD_PILOT) {
      sum[i] += a;
      pilot[pilotOffset + i] = a;
    } else if (record === RECORD_HISTOGRAM) {
      sum[i] += a;
      let h = ((a - histLo[i]) * histScale[i]) | 0;
      if (h < 0) h = 0;
      else if (h >= H) h = H - 1;
      hist[i * H + h]++;
    }
    const p = pupils[i];
    const v = a * invPupilsYuan[i];
    if (p > 0 && !overflow) {
      let b = (v * binScale) | 0;
      if (b >= B) {
        overflow = true;
        b = B - 1;
      }
      binW[b] += p;
      binWX[b] += p * v;
      binOf[i] = b;
    } else binOf[i] = -1;
    const pv = p * v;
    sw += p;
    swx += pv;
    swxx += pv * v;
    const c = capacity[i];
    swc += p * c;
    swcc += p * c * c;
    swxc += pv * c;
  }
  if (k.verify && Math.abs(total - k.budgetFen) > 1e-9 * k.budgetFen) return false;
  if (overflow) binOwnRange(k);
  const mean = swx / sw;
  // Gini over bins as point masses at their weighted means (exact ordering between bins); McLoone exactly, from the
  // counties of the bin that holds the median.
  let cw = 0;
  let cwx = 0;
  let pair = 0;
  let medianBin = -1;
  let beforeW = 0;
  let beforeWX = 0;
  const half = 0.5 * sw * (1 - 1e-12);
  for (let b = 0; b < B; b++) {
    const w = binW[b];
    if (w === 0) continue;
    const v = binWX[b] / w;
    pair += w * (v * cw - cwx);
    if (medianBin < 0 && cw + w >= half) {
      medianBin = b;
      beforeW = cw;
      beforeWX = cwx;
    }
    cw += w;
    cwx += binWX[b];
  }
  const { median, belowW, belowWX } = medianInBin(k, medianBin, beforeW, beforeWX, half);
  const vx = swxx / sw - mean * mean;
  const mc = swc / sw;
  const vc = swcc / sw - mc * mc;
  k.gini = pair / (sw * sw * mean);
  k.mcLooneIndex = belowWX / (median * belowW);
  k.fiscalCapacityCorrelation = k.hasCapacity && vx > 0 && vc > 0 ? (swxc / sw - mean * mc) / Math.sqrt(vx * vc) : NaN;
  return true;
}

/**
 * The pupil-weighted median (type 1, as `equity`) and the pupils and money at or below it, from the counties of the
 * bin that holds it, sorted by value (a handful; insertion sort into scratch).
 */
function medianInBin(k: Kernel, bin: number, beforeW: number, beforeWX: number, half: number): { median: number; belowW: number; belowWX: number } {
  const { n, binOf, scratch, out, invPupilsYuan, pupils } = k;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (binOf[i] !== bin) continue;
    const v = out[i] * invPupilsYuan[i];
    let j = m++;
    while (j > 0 && out[scratch[j - 1]] * invPupilsYuan[scratch[j - 1]] > v) {
      scratch[j] = scratch[j - 1];
      j--;
    }
    scratch[j] = i;
  }
  let w = beforeW;
  let wx = beforeWX;
  for (let j = 0; j < m; j++) {
    const i = scratch[j];
    const v = out[i] * invPupilsYuan[i];
    w += pupils[i];
    wx += pupils[i] * v;
    if (w >= half) {
      // Ties with the median count as at or below it.
      while (j + 1 < m && out[scratch[j + 1]] * invPupilsYuan[scratch[j + 1]] === v) {
        j++;
        w += pupils[scratch[j]];
        wx += pupils[scratch[j]] * v;
      }
      return { median: v, belowW: w, belowWX: wx };
    }
  }
  return { median: NaN, belowW: w, belowWX: wx };
}

/** Bin k.out's per-pupil amounts over their own range [min, max] (two passes; the central run and rare outliers). */
function binOwnRange(k: Kernel): void {
  const { n, out, pupils, invPupilsYuan, binW, binWX, binOf, B } = k;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!(pupils[i] > 0)) continue;
    const v = out[i] * invPupilsYuan[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  binW.fill(0);
  binWX.fill(0);
  const span = max - min;
  const scale = span > 0 ? (B - 1e-9) / span : 0;
  for (let i = 0; i < n; i++) {
    const p = pupils[i];
    if (!(p > 0)) {
      binOf[i] = -1;
      continue;
    }
    const v = out[i] * invPupilsYuan[i];
    const b = ((v - min) * scale) | 0;
    binW[b] += p;
    binWX[b] += p * v;
    binOf[i] = b;
  }
}

/** Undo measure()'s record of k.out (after a missed one-step λ). */
function unrecord(k: Kernel, record: number): void {
  const { n, out, sum, hist, histLo, histScale, H } = k;
  if (record === RECORD_NONE) return;
  for (let i = 0; i < n; i++) {
    const a = out[i];
    sum[i] -= a;
    if (record === RECORD_HISTOGRAM) {
      let h = ((a - histLo[i]) * histScale[i]) | 0;
      if (h < 0) h = 0;
      else if (h >= H) h = H - 1;
      hist[i * H + h]--;
    }
  }
}

/** measure(), falling back to the full floors/ceilings search when the one-step λ missed the budget. */
function settle(k: Kernel, record: number, pilotOffset: number): void {
  if (measure(k, record, pilotOffset)) return;
  unrecord(k, record);
  k.verify = false;
  k.lambda = clampScale(k.x, k.basis, k.rewardRate, k.lower, k.upper, k.budgetFen, k.lambda);
  measure(k, record, pilotOffset);
}

/** Histogram ranges from the pilot draws, widened by half their range on each side; the pilot draws go in first. */
function startHistograms(k: Kernel, pilotDraws: number): void {
  const { n, H, pilot, histLo, histWidth, histScale } = k;
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let d = 0; d < pilotDraws; d++) {
      const v = pilot[d * n + i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const pad = Math.max(0.5 * (hi - lo), 1e-6 * Math.abs(hi) + 1);
    histLo[i] = lo - pad;
    histWidth[i] = (hi - lo + 2 * pad) / H;
    histScale[i] = 1 / histWidth[i];
  }
  for (let d = 0; d < pilotDraws; d++) addToHistogram(k.hist, pilot.subarray(d * n, (d + 1) * n), histLo, histScale, n, H);
}

/** Regional coefficients per county, or null (the matching multiplier is applied per draw). */
function regionalCoefficients(rule: AllocationRule, numbers: Map<string, Float64Array>, texts: Map<string, string[]>, n: number): Float64Array | null {
  const reg = rule.regional;
  if (!reg) return null;
  if (reg.kind === "column") return Float64Array.from(numbers.get(reg.column)!);
  const labels = texts.get(reg.column)!;
  return Float64Array.from({ length: n }, (_, i) => reg.multipliers[labels[i]] ?? reg.otherwise);
}

/**
 * The common scale λ that meets floors and ceilings while keeping the total at the budget: Σ clamp(λ·p, L, U) =
 * budget. The total is a non-decreasing piecewise-linear function of λ; Newton steps on it are exact once the set
 * of clamped counties is right (so a start at the previous draw's λ usually needs two evaluations), and a bracket
 * with bisection keeps them safe. p = x + rewardRate·basis is formed on the fly; the caller applies
 * clamp(λ·p, L, U). When no common scale can place the budget (the formula gives nothing to counties that must take
 * the rest) the exact `clampToBudget` values are written into x, basis is zeroed and λ = 1 is returned, which leaves
 * them unchanged.
 */
function clampScale(x: Float64Array, basis: Float64Array, rewardRate: number, lower: Float64Array, upper: Float64Array, budget: number, hint: number): number {
  const n = x.length;
  let lo = 0;
  let hi = Infinity;
  let lambda = hint > 0 && Number.isFinite(hint) ? hint : 1;
  for (let iter = 0; iter < 200; iter++) {
    let total = 0;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const p = x[i] + rewardRate * basis[i];
      const v = lambda * p;
      if (v < lower[i]) total += lower[i];
      else if (v > upper[i]) total += upper[i];
      else {
        total += v;
        slope += p;
      }
    }
    const gap = budget - total;
    if (Math.abs(gap) <= 1e-10 * budget) return lambda;
    if (gap > 0) lo = lambda;
    else hi = lambda;
    let next = slope > 0 ? lambda + gap / slope : NaN;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? 0.5 * (lo + hi) : Math.max(2 * lambda, 1);
    if (next === lambda || next > 1e300) break;
    lambda = next;
  }
  const p = Float64Array.from(x, (v, i) => v + rewardRate * basis[i]);
  x.set(clampToBudget(p, lower, upper, budget).valuesFen);
  basis.fill(0);
  return 1;
}

function addToHistogram(hist: Uint32Array, x: ArrayLike<number>, lo: Float64Array, scale: Float64Array, n: number, H: number): void {
  for (let i = 0; i < n; i++) {
    let b = ((x[i] - lo[i]) * scale[i]) | 0;
    if (b < 0) b = 0;
    else if (b >= H) b = H - 1;
    hist[i * H + b]++;
  }
}

/** Quantile p of county i's histogram, interpolating linearly within the bin that crosses p·draws. */
function histogramQuantile(hist: Uint32Array, i: number, H: number, draws: number, p: number, lo: number, width: number): number {
  const target = p * draws;
  let cum = 0;
  for (let b = 0; b < H; b++) {
    const c = hist[i * H + b];
    if (c > 0 && cum + c >= target) return lo + width * (b + (target - cum) / c);
    cum += c;
  }
  return lo + width * H;
}

function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * A fast uniform generator for bulk noise (xoshiro128**, 32-bit), seeded from the caller's stream so a seed
 * repeats exactly; `deliver` draws one uniform on [0, 1) (32-bit resolution) per county and applies it in the same loop.
 */
class FastRandom {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  constructor(random: Random) {
    this.s0 = random.int(0x100000000) | 0 || 1;
    this.s1 = random.int(0x100000000) | 0;
    this.s2 = random.int(0x100000000) | 0;
    this.s3 = random.int(0x100000000) | 0;
  }

  /**
   * out_k = min(max(c_k, d_k), d_k·factor) with d_k = base_k × (1 + δ(2u − 1)) and fresh uniforms u (no draws when
   * δ = 0): noisy delivery, then `matchingResponse`. Returns Σ out.
   */
  deliver(base: Float64Array, committed: Float64Array, delta: number, factor: number, out: Float64Array): number {
    let total = 0;
    if (delta === 0) {
      for (let k = 0; k < out.length; k++) {
        const d = base[k];
        const c = committed[k] > d ? committed[k] : d;
        const v = d * factor;
        out[k] = v < c ? v : c;
        total += out[k];
      }
      return total;
    }
    let { s0, s1, s2, s3 } = this;
    for (let k = 0; k < out.length; k++) {
      const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      const u = (result >>> 0) * 2.3283064365386963e-10;
      const d = base[k] * (1 + delta * (2 * u - 1));
      const c = committed[k] > d ? committed[k] : d;
      const v = d * factor;
      out[k] = v < c ? v : c;
      total += out[k];
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return total;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
