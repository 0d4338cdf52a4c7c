// AssemblyScript, compiled to WebAssembly with 128-bit SIMD by `npm run build:wasm` (scripts/build-wasm.js); not
// part of the TypeScript build. The per-county passes of the Monte Carlo kernel (monte-carlo-kernel.ts) that stream
// over the counties: two counties per f64x2 lane pair, four noise draws per i32x4 step. V8 compiles these to
// packed SSE/AVX arithmetic with no per-element checks, which plain JavaScript cannot reach (a typed-array access
// costs several instructions of checks there); the scattering passes (histograms, bins) are scalar.
//
// Memory: the kernel lays out every per-county array in this module's memory (each padded with zeros to a multiple
// of 4 counties, 16-byte aligned) and tells the module where they are with `setArrays`; results other than the
// return value go to the scratch words at SCRATCH.

/** Byte address of eight f64 result words and of the noise generator's state (4 × i32x4). */
const SCRATCH: usize = 1024;
const NOISE_STATE: usize = 1088;

let g0: usize = 0;
let g1: usize = 0;
let g2: usize = 0;
let g3: usize = 0;
let observed: usize = 0;
let committed: usize = 0;
let lower: usize = 0;
let upperCap: usize = 0;
let delivered: usize = 0;
let noise: usize = 0;
let amounts: usize = 0;
let pupils: usize = 0;
let invPupilsYuan: usize = 0;
let capacity: usize = 0;
let sums: usize = 0;
let histLo: usize = 0;
let histScale: usize = 0;
let hist: usize = 0;
let recent: usize = 0;
let binW: usize = 0;
let binWX: usize = 0;
let binOf: usize = 0;
let cellOf: usize = 0;
let preReward: usize = 0;
let rewardBasis: usize = 0;
let dedShare: usize = 0;
let dedFixed: usize = 0;
let qualifies: usize = 0;

/**
 * Where the kernel's arrays live (byte addresses; f64 arrays except hist (u32, n × H), recent (u8, n × H) and binOf
 * (i32)).
 */
export function setArrays(
  g0_: usize, g1_: usize, g2_: usize, g3_: usize, observed_: usize, committed_: usize, lower_: usize, upperCap_: usize,
  delivered_: usize, noise_: usize, amounts_: usize, pupils_: usize, invPupilsYuan_: usize, capacity_: usize, sums_: usize, histLo_: usize, histScale_: usize,
  hist_: usize, recent_: usize, binW_: usize, binWX_: usize, binOf_: usize, cellOf_: usize,
  preReward_: usize, rewardBasis_: usize, dedShare_: usize, dedFixed_: usize, qualifies_: usize,
): void {
  g0 = g0_;
  g1 = g1_;
  g2 = g2_;
  g3 = g3_;
  observed = observed_;
  committed = committed_;
  lower = lower_;
  upperCap = upperCap_;
  delivered = delivered_;
  noise = noise_;
  amounts = amounts_;
  pupils = pupils_;
  invPupilsYuan = invPupilsYuan_;
  capacity = capacity_;
  sums = sums_;
  histLo = histLo_;
  histScale = histScale_;
  hist = hist_;
  recent = recent_;
  binW = binW_;
  binWX = binWX_;
  binOf = binOf_;
  cellOf = cellOf_;
  preReward = preReward_;
  rewardBasis = rewardBasis_;
  dedShare = dedShare_;
  dedFixed = dedFixed_;
  qualifies = qualifies_;
}

// @ts-ignore: decorator
@inline
function groupScore(groups: i32, a0: usize, a1: usize, a2: usize, a3: usize, off: usize, w0: v128, w1: v128, w2: v128, w3: v128): v128 {
  // One group (a common rule shape) reads one array instead of four.
  if (groups == 1) return f64x2.mul(w0, v128.load(a0 + off));
  return f64x2.add(
    f64x2.add(f64x2.mul(w0, v128.load(a0 + off)), f64x2.mul(w1, v128.load(a1 + off))),
    f64x2.add(f64x2.mul(w2, v128.load(a2 + off)), f64x2.mul(w3, v128.load(a3 + off))),
  );
}

/** Fill noise[0, nPad) with 1 + δ(2u − 1), u uniform from four interleaved xoshiro128** streams (state at NOISE_STATE). */
function fillNoise(nPad: i32, delta: f64): void {
  const into = noise;
  // u = result / 2³² + 1/2 read as a signed word s gives 1 + δ·s / 2³¹ (signed conversion is one instruction).
  const vDelta = f64x2.splat(delta * 4.656612873077393e-10);
  const one = f64x2.splat(1);
  let s0 = v128.load(NOISE_STATE);
  let s1 = v128.load(NOISE_STATE, 16);
  let s2 = v128.load(NOISE_STATE, 32);
  let s3 = v128.load(NOISE_STATE, 48);
  for (let i: i32 = 0; i < nPad; i += 4) {
    // result = rotl(s1·5, 7)·9 (×5 and ×9 as shifts and adds), then the state update.
    const m5 = i32x4.add(i32x4.shl(s1, 2), s1);
    const r = v128.or(i32x4.shl(m5, 7), i32x4.shr_u(m5, 25));
    const result = i32x4.add(i32x4.shl(r, 3), r);
    const t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    const off = (<usize>i) << 3;
    v128.store(into + off, f64x2.add(one, f64x2.mul(vDelta, f64x2.convert_low_i32x4_s(result))));
    v128.store(into + off, f64x2.add(one, f64x2.mul(vDelta, f64x2.convert_low_i32x4_s(v128.shuffle<i32>(result, result, 2, 3, 0, 1)))), 16);
  }
  v128.store(NOISE_STATE, s0);
  v128.store(NOISE_STATE, s1, 16);
  v128.store(NOISE_STATE, s2, 32);
  v128.store(NOISE_STATE, s3, 48);
}

/** Both lanes of an f64x2 accumulator added. */
// @ts-ignore: decorator
@inline
function laneSum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** p clamped to [floor, ceiling] of the two counties at byte offset off (pmax/pmin: no NaN handling needed). */
// @ts-ignore: decorator
@inline
function clampToBounds(floors: usize, ceilings: usize, off: usize, p: v128): v128 {
  return f64x2.pmin(v128.load(ceilings + off), f64x2.pmax(v128.load(floors + off), p));
}

/**
 * Delivery of one draw, and the floors/ceilings sorting that places the budget (see deliverAndPlace in
 * monte-carlo-kernel.ts): delivered_i = min(max(committed_i, d_i), factor·d_i) with d_i = observed_i·(1 + δ(2u − 1));
 * the guessed amount v_i = a·Σ_g w_g A_g[i] + c·delivered_i sorts the county into floor, free or ceiling. Returns
 * Σ delivered; SCRATCH gets Σ_free Σ_g w_g A_g[i], Σ_free delivered_i and Σ_bound bound_i.
 */
export function deliverAndPlace(nPad: i32, groups: i32, delta: f64, factor: f64, a: f64, c: f64, w0: f64, w1: f64, w2: f64, w3: f64): f64 {
  fillNoise(nPad, delta);
  // One group (a common rule shape) gets its own loop: one score array read instead of four, fewer live registers.
  return groups == 1 ? place(1, nPad, factor, a, c, w0, w1, w2, w3) : place(4, nPad, factor, a, c, w0, w1, w2, w3);
}

// @ts-ignore: decorator
@inline
function place(groups: i32, nPad: i32, factor: f64, a: f64, c: f64, w0_: f64, w1_: f64, w2_: f64, w3_: f64): f64 {
  const obs = observed;
  const com = committed;
  const del = delivered;
  const nz = noise;
  const lo_ = lower;
  const cap = upperCap;
  const a0 = g0;
  const a1 = g1;
  const a2 = g2;
  const a3 = g3;
  const w0 = f64x2.splat(w0_);
  const w1 = f64x2.splat(w1_);
  const w2 = f64x2.splat(w2_);
  const w3 = f64x2.splat(w3_);
  const va = f64x2.splat(a);
  const vc = f64x2.splat(c);
  const vf = f64x2.splat(factor);
  let total = f64x2.splat(0);
  let freeWeight = f64x2.splat(0);
  let freeDelivered = f64x2.splat(0);
  let fixed = f64x2.splat(0);
  for (let i: i32 = 0; i < nPad; i += 2) {
    const off = (<usize>i) << 3;
    const d = f64x2.mul(v128.load(obs + off), v128.load(nz + off));
    const o = f64x2.pmin(f64x2.pmax(v128.load(com + off), d), f64x2.mul(d, vf));
    v128.store(del + off, o);
    total = f64x2.add(total, o);
    const b = groupScore(groups, a0, a1, a2, a3, off, w0, w1, w2, w3);
    const v = f64x2.add(f64x2.mul(va, b), f64x2.mul(vc, o));
    const lo = v128.load(lo_ + off);
    // Free between the floor and the ceiling; upperCap = min(ceiling, 2 × budget) serves as the ceiling (an amount
    // above twice the budget misses the budget check anyway).
    const capped = v128.load(cap + off);
    const free = v128.and(f64x2.ge(v, lo), f64x2.le(v, capped));
    freeWeight = f64x2.add(freeWeight, v128.and(free, b));
    freeDelivered = f64x2.add(freeDelivered, v128.and(free, o));
    fixed = f64x2.add(fixed, v128.andnot(f64x2.pmin(capped, f64x2.pmax(lo, v)), free));
  }
  store<f64>(SCRATCH, laneSum(freeWeight));
  store<f64>(SCRATCH, laneSum(freeDelivered), 8);
  store<f64>(SCRATCH, laneSum(fixed), 16);
  return laneSum(total);
}

/**
 * Final amounts of a fused draw: amount_i = clamp(Σ_g q_g A_g[i] + qm·delivered_i, lower_i, upperCap_i) (λ already
 * folded into q and qm). Returns Σ amounts.
 */
export function fusedAmounts(nPad: i32, groups: i32, q0: f64, q1: f64, q2: f64, q3: f64, qm: f64): f64 {
  const w0 = f64x2.splat(q0);
  const w1 = f64x2.splat(q1);
  const w2 = f64x2.splat(q2);
  const w3 = f64x2.splat(q3);
  const vm = f64x2.splat(qm);
  const a0 = g0;
  const a1 = g1;
  const a2 = g2;
  const a3 = g3;
  const del = delivered;
  const cap = upperCap;
  const lo = lower;
  const am = amounts;
  let total = f64x2.splat(0);
  for (let i: i32 = 0; i < nPad; i += 2) {
    const off = (<usize>i) << 3;
    const p = f64x2.add(groupScore(groups, a0, a1, a2, a3, off, w0, w1, w2, w3), f64x2.mul(vm, v128.load(del + off)));
    const a = clampToBounds(lo, cap, off, p);
    v128.store(am + off, a);
    total = f64x2.add(total, a);
  }
  return laneSum(total);
}

/**
 * The formula pass of a rule with deductions or a reward pool: formula money f_i = Σ_g q_g A_g[i] + qm·delivered_i,
 * deduction min(f_i, f_i·dedShare_i + dedFixed_i), preReward_i = f_i − deduction, and the reward basis (mode 0: f_i
 * where nothing was deducted; 1: f_i where the county qualifies; 2: its pupils where it qualifies; 3: 1 where it
 * qualifies; qualifies is 0 or 1). Returns Σ deductions; SCRATCH gets Σ basis.
 */
export function formulaPass(nPad: i32, groups: i32, q0: f64, q1: f64, q2: f64, q3: f64, qm: f64, mode: i32): f64 {
  return groups == 1 ? formulaLoop(1, nPad, q0, q1, q2, q3, qm, mode) : formulaLoop(4, nPad, q0, q1, q2, q3, qm, mode);
}

// @ts-ignore: decorator
@inline
function formulaLoop(groups: i32, nPad: i32, q0: f64, q1: f64, q2: f64, q3: f64, qm: f64, mode: i32): f64 {
  const w0 = f64x2.splat(q0);
  const w1 = f64x2.splat(q1);
  const w2 = f64x2.splat(q2);
  const w3 = f64x2.splat(q3);
  const vm = f64x2.splat(qm);
  const zero = f64x2.splat(0);
  const a0 = g0;
  const a1 = g1;
  const a2 = g2;
  const a3 = g3;
  const del = delivered;
  const ds = dedShare;
  const df = dedFixed;
  const qu = qualifies;
  const pu = pupils;
  const pr = preReward;
  const rb = rewardBasis;
  let deducted = f64x2.splat(0);
  let basisTotal = f64x2.splat(0);
  for (let i: i32 = 0; i < nPad; i += 2) {
    const off = (<usize>i) << 3;
    const f = f64x2.add(groupScore(groups, a0, a1, a2, a3, off, w0, w1, w2, w3), f64x2.mul(vm, v128.load(del + off)));
    const ded = f64x2.pmin(f, f64x2.add(f64x2.mul(f, v128.load(ds + off)), v128.load(df + off)));
    deducted = f64x2.add(deducted, ded);
    v128.store(pr + off, f64x2.sub(f, ded));
    const q = v128.load(qu + off);
    const basis =
      mode == 0 ? v128.and(f64x2.eq(ded, zero), f) : mode == 1 ? f64x2.mul(f, q) : mode == 2 ? f64x2.mul(v128.load(pu + off), q) : q;
    v128.store(rb + off, basis);
    basisTotal = f64x2.add(basisTotal, basis);
  }
  store<f64>(SCRATCH, laneSum(basisTotal));
  return laneSum(deducted);
}

/** Final amounts after the reward: amount_i = clamp(λ·(preReward_i + rate·basis_i), lower_i, upperCap_i). Returns Σ amounts. */
export function rewardAmounts(nPad: i32, rate: f64, lambda: f64): f64 {
  const vr = f64x2.splat(rate);
  const vl = f64x2.splat(lambda);
  const pr = preReward;
  const rb = rewardBasis;
  const lo = lower;
  const cap = upperCap;
  const am = amounts;
  let total = f64x2.splat(0);
  for (let i: i32 = 0; i < nPad; i += 2) {
    const off = (<usize>i) << 3;
    const p = f64x2.mul(vl, f64x2.add(v128.load(pr + off), f64x2.mul(vr, v128.load(rb + off))));
    const a = clampToBounds(lo, cap, off, p);
    v128.store(am + off, a);
    total = f64x2.add(total, a);
  }
  return laneSum(total);
}

/**
 * Record one draw's amounts and bin its per-pupil amounts: with `histograms`, Σ amounts per county and the county
 * histograms (H bins from histLo at histScale bins per fen, clamped to the end bins); always the pupil-weighted bins
 * of per-pupil amounts (bin = ⌊v·binScale⌋; binOf_i = −1 without pupils) and the moments Σ p·v, Σ p·v², Σ p·v·capacity
 * into SCRATCH. Returns 1 when some county's bin is ≥ B (the caller bins over the draw's own range), else 0.
 * A SIMD pass computes every index and sum; the scattered additions follow in short scalar loops.
 */
export function recordAndBin(n: i32, nPad: i32, histograms: i32, H: i32, B: i32, binScale: f64): i32 {
  const am = amounts;
  const pu = pupils;
  const ip = invPupilsYuan;
  const ca = capacity;
  const bo = binOf;
  const sm = sums;
  const hl = histLo;
  const hs = histScale;
  const co = cellOf;
  const vScale = f64x2.splat(binScale);
  const zero = f64x2.splat(0);
  const top = f64x2.splat(<f64>(H - 1));
  const last = i32x4.splat(B - 1);
  const none = i32x4.splat(-1);
  let swx = f64x2.splat(0);
  let swxx = f64x2.splat(0);
  let swxc = f64x2.splat(0);
  let over = i32x4.splat(0);
  const record = histograms != 0;
  for (let i: i32 = 0; i < nPad; i += 2) {
    const off = (<usize>i) << 3;
    const at = (<usize>i) << 2;
    const a = v128.load(am + off);
    if (record) {
      v128.store(sm + off, f64x2.add(v128.load(sm + off), a));
      const t = f64x2.pmin(top, f64x2.pmax(zero, f64x2.mul(f64x2.sub(a, v128.load(hl + off)), v128.load(hs + off))));
      const rowStart = i32x4.replace_lane(i32x4.splat(i * H), 1, (i + 1) * H);
      v128.store64_lane(co + at, i32x4.add(rowStart, i32x4.trunc_sat_f64x2_s_zero(t)), 0);
    }
    const p = v128.load(pu + off);
    const v = f64x2.mul(a, v128.load(ip + off));
    const pv = f64x2.mul(p, v);
    swx = f64x2.add(swx, pv);
    swxx = f64x2.add(swxx, f64x2.mul(pv, v));
    swxc = f64x2.add(swxc, f64x2.mul(pv, v128.load(ca + off)));
    // Lanes 0 and 1 of the i32 vectors: the bin, whether the county has pupils (the f64 mask's low words).
    const raw = i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(v, vScale));
    const hasPupils = v128.shuffle<i32>(f64x2.gt(p, zero), none, 0, 2, 4, 4);
    over = v128.or(over, v128.and(hasPupils, i32x4.gt_s(raw, last)));
    v128.store64_lane(bo + at, v128.bitselect(i32x4.min_s(raw, last), none, hasPupils), 0);
  }
  // Scattered additions: pupil-weighted bins, then the histogram cells.
  const bw = binW;
  const bwx = binWX;
  memory.fill(bw, 0, (<usize>B) << 3);
  memory.fill(bwx, 0, (<usize>B) << 3);
  for (let i: i32 = 0; i < n; i++) {
    const b = load<i32>(bo + ((<usize>i) << 2));
    if (b < 0) continue;
    const off = (<usize>i) << 3;
    const p = load<f64>(pu + off);
    const slot = (<usize>b) << 3;
    store<f64>(bw + slot, load<f64>(bw + slot) + p);
    store<f64>(bwx + slot, load<f64>(bwx + slot) + p * (load<f64>(am + off) * load<f64>(ip + off)));
  }
  if (record) {
    // Counts go to the byte histograms first (a quarter of the cache lines), flushed every 255 draws.
    const hi = recent;
    for (let i: i32 = 0; i < n; i++) {
      const slot = hi + <usize>load<i32>(co + ((<usize>i) << 2));
      store<u8>(slot, load<u8>(slot) + 1);
    }
  }
  store<f64>(SCRATCH, laneSum(swx));
  store<f64>(SCRATCH, laneSum(swxx), 8);
  store<f64>(SCRATCH, laneSum(swxc), 16);
  return v128.any_true(over) ? 1 : 0;
}

/** Add the byte histograms (at most 255 draws since the last flush) into the county histograms and clear them. */
export function flushHistogram(cells: i32): void {
  const from = recent;
  const to = hist;
  for (let j: i32 = 0; j < cells; j++) {
    const slot = to + ((<usize>j) << 2);
    store<u32>(slot, load<u32>(slot) + load<u8>(from + <usize>j));
  }
  memory.fill(from, 0, <usize>cells);
}

/** Write the indices of the counties whose per-pupil bin is `bin` to `into` (i32) and return how many there are. */
export function countiesInBin(nPad: i32, bin: i32, into: usize): i32 {
  const bo = binOf;
  const target = i32x4.splat(bin);
  let m: i32 = 0;
  for (let i: i32 = 0; i < nPad; i += 4) {
    const hits = i32x4.bitmask(i32x4.eq(v128.load(bo + ((<usize>i) << 2)), target));
    if (hits == 0) continue;
    for (let lane: i32 = 0; lane < 4; lane++) {
      if ((hits >> lane) & 1) {
        store<i32>(into + ((<usize>m) << 2), i + lane);
        m++;
      }
    }
  }
  return m;
}
