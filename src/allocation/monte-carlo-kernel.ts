// The Monte Carlo kernel of `monteCarloAllocation` (see there): the per-draw logic around the WebAssembly passes
// (monte-carlo-passes.ts) and the TypeScript passes for rules they do not cover, blocks of draws with their own
// seeds, and the merge. Kept apart from the set-up (`monteCarloInputs`, which reads and validates units) so a
// worker thread that only runs blocks loads nothing else.
import { createRandom, type Random } from "../shared/random.js";
import { clampToBudget } from "./clamp-to-budget.js";
import type { MonteCarloAllocation, MonteCarloPlan } from "./monte-carlo-allocation.js";
import type { SimulationInterval } from "./simulate-allocation.js";
import { PassArena, type MonteCarloPasses } from "./monte-carlo-passes.js";
import { FEN_PER_WAN_YUAN } from "./units-columns.js";

const PILOT = 256;

/** Draws per block: each block has its own seeded streams (so results do not depend on how blocks are split). */
export const MONTE_CARLO_BLOCK = PILOT;

/** Per-county histogram ranges set by the pilot block. */
export interface MonteCarloRanges {
  histLo: Float64Array;
  histScale: Float64Array;
  histWidth: Float64Array;
}

/** Outputs of a range of blocks: per-draw outcomes, per-county sums, and the pilot amounts or county histograms. */
export interface MonteCarloPart {
  fromDraw: number;
  toDraw: number;
  gini: Float64Array;
  mcLooneIndex: Float64Array;
  fiscalCapacityCorrelation: Float64Array;
  leverage: Float64Array;
  matchingDeliveredWanYuan: Float64Array;
  deductedFen: Float64Array;
  /** Σ over these draws of each county's amount, fen. */
  sum: Float64Array;
  /** Without ranges: every draw's amounts (draw-major); with ranges: empty. */
  pilot: Float64Array;
  /** With ranges: county histograms (n × H) of these draws; without: empty. */
  hist: Uint32Array;
}

/**
 * Run blocks [fromBlock, toBlock) of a plan (pure; each block reseeded from its own seed and started from the
 * central λ, so any split of the blocks over threads gives the same draws). Without `ranges` the amounts are kept
 * (the pilot); with them they go into county histograms.
 *
 * @param plan from `monteCarloPlan`
 * @param fromBlock first block, @param toBlock one past the last block
 * @param ranges histogram ranges from `monteCarloHistogramRanges` (omit for the pilot)
 * @returns the part, for `monteCarloSummarise`
 * @example monteCarloDraws(plan, 0, 1).pilot.length // min(draws, 256) × counties
 */
export function monteCarloDraws(plan: MonteCarloPlan, fromBlock: number, toBlock: number, ranges?: MonteCarloRanges): MonteCarloPart {
  const { inputs } = plan;
  const { draws, n, G, budgetFen, nominalWeights, matchingWeight, weightLogSd, delta } = inputs;
  const el = inputs.elasticity;
  const fromDraw = Math.min(draws, fromBlock * PILOT);
  const toDraw = Math.min(draws, toBlock * PILOT);
  const count = toDraw - fromDraw;
  const k = new Kernel({ ...inputs, rng: new FastRandom(createRandom(0)) });
  k.binScale = plan.binScale;
  const record = ranges ? RECORD_HISTOGRAM : RECORD_PILOT;
  if (ranges) {
    k.histLo.set(ranges.histLo);
    k.histScale.set(ranges.histScale);
  } else k.pilot = new Float64Array(count * n);
  const part: MonteCarloPart = {
    fromDraw,
    toDraw,
    gini: new Float64Array(count),
    mcLooneIndex: new Float64Array(count),
    fiscalCapacityCorrelation: new Float64Array(count),
    leverage: new Float64Array(count),
    matchingDeliveredWanYuan: new Float64Array(count),
    deductedFen: new Float64Array(count),
    sum: new Float64Array(0),
    pilot: k.pilot,
    hist: new Uint32Array(0),
  };
  const shift = (weightLogSd * weightLogSd) / 2;
  let random = createRandom(0);
  for (let d = fromDraw; d < toDraw; d++) {
    if (d % PILOT === 0 || d === fromDraw) {
      random = createRandom(plan.blockSeeds[Math.floor(d / PILOT)]);
      k.rng.seed(random);
      seedNoise(k, random);
      k.lambda = plan.centralLambda;
    }
    const eps = Math.max(0, el.mean + el.sd * random.normal());
    for (let g = 0; g < G; g++) k.weights[g] = nominalWeights[g] * Math.exp(weightLogSd * random.normal() - shift);
    const mWeight = matchingWeight > 0 ? matchingWeight * Math.exp(weightLogSd * random.normal() - shift) : 0;
    runDraw(k, eps, mWeight, delta > 0);
    const j = d - fromDraw;
    settle(k, record, j * n);
    part.gini[j] = k.gini;
    part.mcLooneIndex[j] = k.mcLooneIndex;
    part.fiscalCapacityCorrelation[j] = k.fiscalCapacityCorrelation;
    part.leverage[j] = (k.D * FEN_PER_WAN_YUAN) / budgetFen;
    part.matchingDeliveredWanYuan[j] = k.D;
    part.deductedFen[j] = k.deducted;
  }
  // Copies: the kernel's arrays are views on its WebAssembly memory (not transferable to another thread).
  part.sum = k.sum.slice();
  if (ranges) {
    flushHistogram(k);
    part.hist = k.hist.slice();
  }
  return part;
}

/**
 * County histogram ranges from the pilot part: each county's pilot range widened by half on each side.
 *
 * @param plan the plan, @param pilot `monteCarloDraws(plan, 0, plan.pilotBlocks)`
 * @returns ranges for `monteCarloDraws` of the other blocks
 * @example monteCarloHistogramRanges(plan, pilot).histLo.length // counties
 */
export function monteCarloHistogramRanges(plan: MonteCarloPlan, pilot: MonteCarloPart): MonteCarloRanges {
  const { n, H } = plan.inputs;
  const draws = pilot.toDraw - pilot.fromDraw;
  const histLo = new Float64Array(n);
  const histWidth = new Float64Array(n);
  const histScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let d = 0; d < draws; d++) {
      const v = pilot.pilot[d * n + i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const pad = Math.max(0.5 * (hi - lo), 1e-6 * Math.abs(hi) + 1);
    histLo[i] = lo - pad;
    histWidth[i] = (hi - lo + 2 * pad) / H;
    histScale[i] = 1 / histWidth[i];
  }
  return { histLo, histScale, histWidth };
}

/**
 * Merge the pilot part and the other parts (any order, together covering every block once) into the result.
 *
 * @param plan the plan, @param pilot the pilot part, @param ranges its ranges, @param parts the other blocks' parts
 * @returns as `monteCarloAllocation`
 * @example monteCarloSummarise(plan, pilot, ranges, parts).gini.median
 */
export function monteCarloSummarise(plan: MonteCarloPlan, pilot: MonteCarloPart, ranges: MonteCarloRanges, parts: readonly MonteCarloPart[]): MonteCarloAllocation {
  const { inputs, central } = plan;
  const { draws, n, H, budgetFen } = inputs;
  const [qLo, qHi] = inputs.interval;
  const all = [pilot, ...parts].sort((a, b) => a.fromDraw - b.fromDraw);
  const covered = all.reduce((s, p) => (s === p.fromDraw ? p.toDraw : NaN), 0);
  if (covered !== draws) throw new RangeError("monteCarloSummarise requires parts that cover every draw once");
  const total = new Float64Array(n);
  for (const p of all) for (let i = 0; i < n; i++) total[i] += p.sum[i];
  const mean = Float64Array.from(total, (s) => s / draws);
  const pilotDraws = pilot.toDraw - pilot.fromDraw;
  const lowerQ = new Float64Array(n);
  const medianQ = new Float64Array(n);
  const upperQ = new Float64Array(n);
  if (draws > pilotDraws) {
    const hist = new Uint32Array(n * H);
    for (const p of parts) for (let j = 0; j < hist.length; j++) hist[j] += p.hist[j];
    for (let d = 0; d < pilotDraws; d++) addToHistogram(hist, pilot.pilot.subarray(d * n, (d + 1) * n), ranges.histLo, ranges.histScale, n, H);
    const { histLo, histWidth } = ranges;
    for (let i = 0; i < n; i++) {
      lowerQ[i] = histogramQuantile(hist, i, H, draws, qLo, histLo[i], histWidth[i]);
      medianQ[i] = histogramQuantile(hist, i, H, draws, 0.5, histLo[i], histWidth[i]);
      upperQ[i] = histogramQuantile(hist, i, H, draws, qHi, histLo[i], histWidth[i]);
    }
  } else {
    const column = new Float64Array(pilotDraws);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < pilotDraws; d++) column[d] = pilot.pilot[d * n + i];
      column.sort();
      lowerQ[i] = quantileSorted(column, qLo);
      medianQ[i] = quantileSorted(column, 0.5);
      upperQ[i] = quantileSorted(column, qHi);
    }
  }
  const summarise = (key: "gini" | "mcLooneIndex" | "fiscalCapacityCorrelation" | "leverage" | "matchingDeliveredWanYuan" | "deductedFen"): SimulationInterval => {
    const a = new Float64Array(draws);
    for (const p of all) a.set(p[key], p.fromDraw);
    let t = 0;
    for (let j = 0; j < draws; j++) t += a[j];
    a.sort();
    return { mean: t / draws, lower: quantileSorted(a, qLo), median: quantileSorted(a, 0.5), upper: quantileSorted(a, qHi) };
  };
  return {
    ruleName: inputs.ruleName,
    draws,
    budgetFen,
    countyIds: inputs.countyIds,
    central,
    allocationFen: { mean, lower: lowerQ, median: medianQ, upper: upperQ },
    gini: summarise("gini"),
    mcLooneIndex: summarise("mcLooneIndex"),
    fiscalCapacityCorrelation: summarise("fiscalCapacityCorrelation"),
    leverage: summarise("leverage"),
    matchingDeliveredWanYuan: summarise("matchingDeliveredWanYuan"),
    deductedFen: summarise("deductedFen"),
  };
}

export const RECORD_NONE = 0;
const RECORD_PILOT = 1;
const RECORD_HISTOGRAM = 2;

/** Everything one draw reads and writes, in typed arrays allocated once; plain fields keep V8's loads monomorphic. */
export class Kernel {
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
  /** Delivery noise factors of the last fused draw (WebAssembly scratch). */
  readonly noise: Float64Array;
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
  pilot: Float64Array = new Float64Array(0);
  /** County histograms (n × H), filled once the pilot has set their ranges. */
  readonly hist: Uint32Array;
  /** Byte histograms of the draws since the last flush into hist (at most 255), and how many draws that is. */
  readonly recent: Uint8Array;
  pendingCounts = 0;
  /** The WebAssembly passes, their memory (every array above except x, basis, money, scratch) and result words. */
  readonly arena: PassArena;
  readonly passes: MonteCarloPasses;
  readonly results: Float64Array;
  /** n rounded up to whole SIMD steps (the padding counties are zeros throughout). */
  readonly nPad: number;
  /** Common scale of the last draw's floors/ceilings search (1 when unbounded); also the next search's start. */
  lambda = 1;
  /** Reward fen per unit of basis in the last draw (0 without a reward pool). */
  rewardRate = 0;
  /** λ came from one Newton step and must be checked against the budget. */
  verify = false;
  /** Bounds are the only adjustment after the formula (no reward pool, no deductions): λ's first step is fused. */
  readonly fastClamp: boolean;
  /**
   * Rules whose bounds (if any) are the only adjustment after the formula (at most four groups, no coefficients, no
   * reward pool or deductions): a draw is two WebAssembly passes, deliverAndPlace (delivery, and the sums that place
   * the budget) and fusedAmounts (in measure), before recording.
   */
  readonly canFuse: boolean;
  /**
   * Rules without coefficients and with at most four groups: delivery, formula money, deductions and the reward basis
   * are WebAssembly passes (the others run the JavaScript passes below).
   */
  readonly wasmFormula: boolean;
  /** Some county has a finite ceiling. */
  readonly ceilings: boolean;
  /**
   * min(ceiling, 2 × budget): finite, so the branch-free clamp works; an amount above the budget fails the budget
   * check anyway (floors are ≥ 0).
   */
  readonly upperCap: Float64Array;
  /** This draw skipped writing k.x and k.basis (measure forms the amounts; the fallback fills k.x). */
  fused = false;
  /** Fen per unit of share of groups 0–3, and per 万元 delivered, for a fused draw. */
  readonly fw: Float64Array;
  kMatch = 0;
  /** Matching coefficients (see matchingCoefficients). */
  alpha = 0;
  beta = 0;
  /**
   * Counties' cap ratios max(committed, observed) / observed, ascending (observed > 0), with prefix sums (length + 1)
   * of the capped amounts and of the observed delivery in that order: `expectedDelivery` without a pass.
   */
  readonly capRatios: Float64Array;
  readonly cappedBelow: Float64Array;
  readonly observedBelow: Float64Array;
  /** Σ pupils, Σ pupils × capacity, Σ pupils × capacity² (the same every draw). */
  readonly sw: number;
  readonly swc: number;
  readonly swcc: number;
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
    const { n, G, B, H } = init;
    // Every array a WebAssembly pass reads or writes lives in the passes' memory, padded to whole SIMD steps.
    const nPad = Math.max(4, Math.ceil(n / 4) * 4);
    const arena = new PassArena(PassArena.bytesFor([...Array(23).fill(nPad * 8), B * 8, B * 8, nPad * 4, nPad * 4, nPad * 4, n * H * 4, n * H]));
    const copy = (a: ArrayLike<number>) => {
      const v = arena.f64(n, nPad);
      v.set(a);
      return v;
    };
    this.arena = arena;
    this.passes = arena.passes;
    this.results = arena.results;
    this.nPad = nPad;
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
    this.dedShare = copy(init.dedShare);
    this.dedFixed = copy(init.dedFixed);
    this.rewardMode = init.rewardMode;
    this.qualifies = init.qualifies;
    this.bounded = init.bounded;
    this.lower = copy(init.lower);
    this.upper = copy(init.upper);
    this.groupShares = init.groupShares;
    this.g0 = copy(init.groupShares[0]);
    this.g1 = G > 1 ? copy(init.groupShares[1]) : arena.f64(n, nPad);
    this.g2 = G > 2 ? copy(init.groupShares[2]) : arena.f64(n, nPad);
    this.g3 = G > 3 ? copy(init.groupShares[3]) : arena.f64(n, nPad);
    this.delivered0 = copy(init.delivered0);
    this.delivered0Total = init.delivered0.reduce((t, v) => t + v, 0);
    this.committed = copy(init.committed);
    this.pupils = copy(init.pupils);
    this.invPupilsYuan = copy(init.invPupilsYuan);
    this.hasCapacity = init.hasCapacity;
    this.capacity = copy(init.capacity);
    this.delta = init.delta;
    this.rng = init.rng;
    this.weights = new Float64Array(G);
    this.delivered = arena.f64(n, nPad);
    this.noise = arena.f64(nPad);
    this.x = arena.f64(n, nPad);
    this.basis = arena.f64(n, nPad);
    this.money = new Float64Array(n);
    this.out = arena.f64(n, nPad);
    // Padding counties are in no bin (countiesInBin scans whole SIMD steps).
    this.binOf = arena.i32(nPad).fill(-1).subarray(0, n);
    this.scratch = arena.i32(n, nPad);
    this.fastClamp = init.bounded && init.rewardPoolFen === 0 && !init.hasDeductions;
    this.wasmFormula = G <= 4 && !init.hasRegional && init.multiplierKind === 0;
    this.canFuse = this.wasmFormula && init.rewardPoolFen === 0 && !init.hasDeductions;
    this.fw = new Float64Array(4);
    this.ceilings = init.upper.some((u) => Number.isFinite(u));
    this.upperCap = copy(Float64Array.from(init.upper, (u) => Math.min(u, 2 * init.budgetFen)));
    let sw = 0;
    let swc = 0;
    let swcc = 0;
    for (let i = 0; i < n; i++) {
      const p = init.pupils[i];
      const c = init.capacity[i];
      sw += p;
      swc += p * c;
      swcc += p * c * c;
    }
    this.sw = sw;
    this.swc = swc;
    this.swcc = swcc;
    this.binW = arena.f64(B);
    this.binWX = arena.f64(B);
    this.sum = arena.f64(n, nPad);
    this.histLo = arena.f64(n, nPad);
    this.histScale = arena.f64(n, nPad);
    this.hist = arena.u32(n * H);
    this.recent = arena.u8(n * H);
    this.passes.setArrays(
      ...[this.g0, this.g1, this.g2, this.g3, this.delivered0, this.committed, this.lower, this.upperCap, this.delivered, this.noise, this.out, this.pupils]
        .concat([this.invPupilsYuan, this.capacity, this.sum, this.histLo, this.histScale])
        .map((a) => a.byteOffset),
      this.hist.byteOffset,
      this.recent.byteOffset,
      this.binW.byteOffset,
      this.binWX.byteOffset,
      this.binOf.byteOffset,
      arena.i32(nPad).byteOffset,
      this.x.byteOffset,
      this.basis.byteOffset,
      this.dedShare.byteOffset,
      this.dedFixed.byteOffset,
      copy(init.qualifies).byteOffset,
    );
    const order = [...this.delivered0.keys()].filter((i) => this.delivered0[i] > 0);
    const ratioOf = (i: number) => Math.max(this.committed[i], this.delivered0[i]) / this.delivered0[i];
    order.sort((a, b) => ratioOf(a) - ratioOf(b));
    this.capRatios = Float64Array.from(order, ratioOf);
    this.cappedBelow = new Float64Array(order.length + 1);
    this.observedBelow = new Float64Array(order.length + 1);
    order.forEach((i, j) => {
      this.cappedBelow[j + 1] = this.cappedBelow[j] + Math.max(this.committed[i], this.delivered0[i]);
      this.observedBelow[j + 1] = this.observedBelow[j] + this.delivered0[i];
    });
  }
}

/**
 * One allocation for ε, the group weights in k.weights and the matching weight; with `noisy`, fresh delivery noise.
 * Follows allocationCore step by step (see `allocate`). Rules without coefficients and with at most four groups
 * (wasmFormula) run WebAssembly passes: deliverAndPlace, then (with deductions or a reward) wasmFormulaPass.
 * Others run the passes below: delivery (only for rules with a matching component; otherwise drawn inside the
 * formula pass), factor money with coefficients, and the formula pass (formula money, deductions, reward basis and,
 * for rules whose bounds are the only adjustment, the totals for the first Newton step of the floors/ceilings
 * search). The reward, the clamp and the equity measures are applied by `measure`. Leaves the pre-clamp amounts in
 * k.x (the reward is added later as k.rewardRate × k.basis), except for a fused draw (k.fused), whose amounts
 * measure() forms from the group shares and delivery.
 */
export function runDraw(k: Kernel, eps: number, mWeight: number, noisy: boolean): void {
  const { n, G, weights, delivered, committed, x, basis, money, delivered0 } = k;
  const formulaBudget = k.budgetFen - k.rewardPoolFen;
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
  k.fused = false;
  let D = 0;
  if (k.wasmFormula) {
    D = deliverAndPlace(k, factor, noisy, groupTotal, mWeight);
    if (!k.fused) wasmFormulaPass(k, D, groupTotal, mWeight);
    return;
  }
  if (deliveryFirst) D = k.rng.deliver(delivered0, committed, noisy ? k.delta : 0, factor, delivered);
  // Matching component: kMatch fen per 万元 delivered; the rest of the formula budget goes by group weight.
  matchingCoefficients(k, D, groupTotal, mWeight);
  const kMatch = k.beta;
  const perWeight = k.alpha;
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
  k.rewardRate = rewardRate(k, deducted, basisTotal);
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

/** Seed the passes' four-lane delivery noise from `random` (16 words; no lane all zero). */
function seedNoise(k: Kernel, random: Random): void {
  const state = k.arena.noiseState;
  for (let j = 0; j < 16; j++) state[j] = random.int(0x100000000) | 0;
  for (let lane = 0; lane < 4; lane++) if ((state[lane] | state[4 + lane] | state[8 + lane] | state[12 + lane]) === 0) state[lane] = 1;
}

/**
 * Matching coefficients of one draw: formula money of county i is α·Σ_g w_g·A_g[i] + β·delivered_i, where α (fen
 * per unit of group weight) and β (fen per 万元 delivered) depend on the total delivery D (the matching step of
 * allocationCore). Writes α to k.alpha and β to k.beta.
 */
function matchingCoefficients(k: Kernel, D: number, groupTotal: number, mWeight: number): void {
  let formulaBudget = k.budgetFen - k.rewardPoolFen;
  let beta = 0;
  if (k.matchingKind === 2) {
    const claims = k.ratio * D * FEN_PER_WAN_YUAN;
    const cap = k.capRatio * formulaBudget;
    beta = k.ratio * FEN_PER_WAN_YUAN * (claims > cap ? cap / claims : 1);
    formulaBudget -= beta * D;
  } else if (k.matchingKind === 1 && D > 0 && mWeight > 0) {
    const pool = (formulaBudget * mWeight) / (groupTotal + mWeight);
    beta = pool / D;
    formulaBudget -= pool;
  }
  k.alpha = formulaBudget / groupTotal;
  k.beta = beta;
}

/**
 * The delivery pass of a rule whose bounds are the only adjustment (canFuse), which also places the budget, in one
 * WebAssembly pass: while drawing each county's delivery it sorts the county into floor, free or ceiling at the
 * amount the draw would give if the total delivery were its expected value (known before the pass:
 * `expectedDelivery`) and the scale were the last draw's λ, and sums the free counties' formula score and delivery
 * and the bound counties' bounds. With the real total those sums give λ exactly when the sorting was right;
 * measure() checks the total against the budget and settle() searches fully when not. Returns D; sets k.fused (with
 * fw, kMatch and λ) when λ is usable, and otherwise leaves the delivery for the general path.
 */
function deliverAndPlace(k: Kernel, factor: number, noisy: boolean, groupTotal: number, mWeight: number): number {
  const { G, weights, results } = k;
  matchingCoefficients(k, expectedDelivery(k, factor), groupTotal, mWeight);
  const w0 = weights[0];
  const w1 = G > 1 ? weights[1] : 0;
  const w2 = G > 2 ? weights[2] : 0;
  const w3 = G > 3 ? weights[3] : 0;
  const D = k.passes.deliverAndPlace(k.nPad, G, noisy ? k.delta : 0, factor, k.lambda * k.alpha, k.lambda * k.beta, w0, w1, w2, w3);
  const freeScore = results[0];
  const freeDelivered = results[1];
  const fixed = results[2];
  matchingCoefficients(k, D, groupTotal, mWeight);
  const slope = k.alpha * freeScore + k.beta * freeDelivered;
  const lambda = slope > 0 ? (k.budgetFen - fixed) / slope : NaN;
  if (k.canFuse && lambda > 0 && Number.isFinite(lambda)) {
    k.fused = true;
    k.fw[0] = w0 * k.alpha;
    k.fw[1] = w1 * k.alpha;
    k.fw[2] = w2 * k.alpha;
    k.fw[3] = w3 * k.alpha;
    k.kMatch = k.beta;
    k.lambda = lambda;
    k.verify = true;
    k.rewardRate = 0;
    k.D = D;
    k.deducted = 0;
  }
  return D;
}

/**
 * Fen of reward per unit of basis: the reward pool (top slice plus this draw's deductions) over the basis total, spread
 * as rewardRate × basis by measure(). With no basis at all the pool goes by amount (basis := x), or equally.
 */
function rewardRate(k: Kernel, deducted: number, basisTotal: number): number {
  const pool = k.rewardPoolFen + deducted;
  if (!(pool > 0)) return 0;
  if (!(basisTotal > 0)) {
    const { n, x, basis } = k;
    let total = 0;
    for (let i = 0; i < n; i++) total += basis[i] = x[i];
    if (!(total > 0)) {
      basis.fill(1);
      total = n;
    }
    return pool / total;
  }
  return pool / basisTotal;
}

/**
 * The rest of a draw for a rule with deductions or a reward pool (wasmFormula, not canFuse), after the delivery:
 * formula money, deductions and the reward basis in one WebAssembly pass, then the reward rate and, with floors or
 * ceilings, the common scale (clampScale). measure() forms the amounts.
 */
function wasmFormulaPass(k: Kernel, D: number, groupTotal: number, mWeight: number): void {
  const { G, weights, x, basis } = k;
  matchingCoefficients(k, D, groupTotal, mWeight);
  const q = (g: number) => (g < G ? weights[g] * k.alpha : 0);
  const deducted = k.passes.formulaPass(k.nPad, G, q(0), q(1), q(2), q(3), k.beta, k.rewardMode);
  k.rewardRate = rewardRate(k, deducted, k.results[0]);
  k.verify = false;
  k.lambda = k.bounded ? clampScale(x, basis, k.rewardRate, k.lower, k.upper, k.budgetFen, k.lambda) : 1;
  k.D = D;
  k.deducted = deducted;
}

/**
 * Σ_i min(max(committed_i, observed_i), factor × observed_i): the total delivery of a draw without delivery noise,
 * from the counties' sorted cap ratios (a binary search instead of a pass over the counties).
 */
function expectedDelivery(k: Kernel, factor: number): number {
  const r = k.capRatios;
  let lo = 0;
  let hi = r.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[mid] <= factor) lo = mid + 1;
    else hi = mid;
  }
  return k.cappedBelow[lo] + factor * (k.delivered0Total - k.observedBelow[lo]);
}

/**
 * Final amounts and equity of one draw: out = clamp(λ·(x + rewardRate·basis), L, U) (or, for a fused draw, x formed
 * from the group shares and delivery), recorded into the pilot or the county histograms, and per-pupil amounts into
 * pupil-weighted bins for the Gini and McLoone index and moments for fiscal neutrality. Bins span [0, 2 × the
 * central run's largest per-pupil amount); a draw that leaves that range (or the central run itself) is binned
 * again over its own range. Returns false, before recording anything, when a one-step λ missed the budget (the
 * caller searches fully).
 */
function measure(k: Kernel, record: number, pilotOffset: number): boolean {
  const { n, x, out, sum, B, H, lower, pilot, basis, results, binW, binWX } = k;
  const ceilings = k.ceilings;
  const upperCap = k.upperCap;
  const lambda = k.lambda;
  const bounded = k.bounded;
  const rewardRate = k.rewardRate;
  const binScale = k.binScale;
  let total = 0;
  const sw = k.sw;
  const swc = k.swc;
  const swcc = k.swcc;
  if (k.fused) {
    // λ folded into the coefficients; the clamp is at the floors and the (capped) ceilings.
    const fw = k.fw;
    total = k.passes.fusedAmounts(k.nPad, k.G, lambda * fw[0], lambda * fw[1], lambda * fw[2], lambda * fw[3], lambda * k.kMatch);
  } else if (k.wasmFormula) {
    total = k.passes.rewardAmounts(k.nPad, rewardRate, bounded ? lambda : 1);
  } else {
    if (rewardRate !== 0) {
      for (let i = 0; i < n; i++) out[i] = x[i] + rewardRate * basis[i];
    } else out.set(x);
    if (bounded) {
      // Branch-free clamp (whether a county sits at its bound is a coin flip for the branch predictor).
      for (let i = 0; i < n; i++) {
        const lo = lower[i];
        let a = out[i] * lambda;
        a = 0.5 * (a + lo + Math.abs(a - lo));
        if (ceilings) {
          const up = upperCap[i];
          a = 0.5 * (a + up - Math.abs(a - up));
        }
        out[i] = a;
        total += a;
      }
    } else for (let i = 0; i < n; i++) total += out[i];
  }
  // The budget check comes before anything is recorded.
  if (k.verify && Math.abs(total - k.budgetFen) > 1e-9 * k.budgetFen) return false;
  if (record === RECORD_PILOT) {
    for (let i = 0; i < n; i++) sum[i] += out[i];
    pilot.set(out, pilotOffset);
  }
  // County histograms (with RECORD_HISTOGRAM), per-pupil bins and the moments, in one pass.
  const overflow = k.passes.recordAndBin(n, k.nPad, record === RECORD_HISTOGRAM ? 1 : 0, H, B, binScale) !== 0 || binScale === 0;
  if (record === RECORD_HISTOGRAM && ++k.pendingCounts === 255) flushHistogram(k);
  const swx = results[0];
  const swxx = results[1];
  const swxc = results[2];
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
  const { scratch, out, invPupilsYuan, pupils } = k;
  const m = k.passes.countiesInBin(k.nPad, bin, scratch.byteOffset);
  for (let r = 1; r < m; r++) {
    const i = scratch[r];
    const v = out[i] * invPupilsYuan[i];
    let j = r;
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

/** Move the byte histograms' counts into the county histograms. */
function flushHistogram(k: Kernel): void {
  if (k.pendingCounts === 0) return;
  k.passes.flushHistogram(k.n * k.H);
  k.pendingCounts = 0;
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

/** measure(), falling back to the full floors/ceilings search when the one-step λ missed the budget. */
export function settle(k: Kernel, record: number, pilotOffset: number): void {
  if (measure(k, record, pilotOffset)) return;
  k.verify = false;
  if (k.fused) {
    // The fused draw skipped the formula pass: form the amounts now (no deductions or reward on this path).
    const { n, x, basis, g0, g1, g2, g3, delivered, fw, kMatch } = k;
    for (let i = 0; i < n; i++) {
      x[i] = (k.G === 1 ? fw[0] * g0[i] : fw[0] * g0[i] + fw[1] * g1[i] + fw[2] * g2[i] + fw[3] * g3[i]) + kMatch * delivered[i];
      basis[i] = 0;
    }
    k.fused = false;
  }
  k.lambda = clampScale(k.x, k.basis, k.rewardRate, k.lower, k.upper, k.budgetFen, k.lambda);
  measure(k, record, pilotOffset);
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
export class FastRandom {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  constructor(random: Random) {
    this.s0 = this.s1 = this.s2 = this.s3 = 0;
    this.seed(random);
  }

  /** Restart from four 32-bit words of `random`. */
  seed(random: Random): void {
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
      // Branch-free max and min (|·| compiles to a mask): the comparisons are data-dependent coin flips, and
      // mispredicted branches cost more than the arithmetic. Exact up to one rounding (values are finite, ≥ 0).
      const cm = committed[k];
      const c = 0.5 * (cm + d + Math.abs(cm - d));
      const v = d * factor;
      const o = 0.5 * (v + c - Math.abs(v - c));
      out[k] = o;
      total += o;
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
