// The WebAssembly passes of the Monte Carlo kernel against plain JavaScript recomputations of what each pass
// documents, on random counties (padding included), and the embedded binary against a fresh compile of its source.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PassArena } from "../../src/allocation/monte-carlo-passes.js";
import { createRandom } from "../../src/shared/random.js";

const n = 1001; // not a multiple of 4: the padding must stay out of every result
const nPad = 1004;
const H = 16;
const B = 64;

function setUp(seed: number) {
  const r = createRandom(seed);
  const arena = new PassArena(PassArena.bytesFor([...Array(23).fill(nPad * 8), B * 8, B * 8, nPad * 4, nPad * 4, nPad * 4, n * H * 4, n * H]));
  const f = (make: (i: number) => number) => {
    const a = arena.f64(n, nPad);
    for (let i = 0; i < n; i++) a[i] = make(i);
    return a;
  };
  const g = [f(() => r.uniform()), f(() => r.uniform()), f(() => r.uniform()), f(() => r.uniform())];
  const observed = f((i) => (i % 7 === 0 ? 0 : 100 * r.uniform()));
  const committed = f((i) => observed[i] * (0.8 + 0.6 * r.uniform()));
  const lower = f(() => 40 * r.uniform());
  const upperCap = f((i) => (i % 5 === 0 ? lower[i] + 10 : 1e6));
  const delivered = f(() => 0);
  const noise = f(() => 0);
  const amounts = f(() => 0);
  const pupils = f((i) => (i % 11 === 0 ? 0 : 1000 + 5000 * r.uniform()));
  const invPupilsYuan = f((i) => (pupils[i] > 0 ? 1 / (pupils[i] * 100) : 0));
  const capacity = f(() => 3000 * r.uniform());
  const sums = f(() => 0);
  const histLo = f(() => 10);
  const histScale = f(() => H / 130);
  const hist = arena.u32(n * H);
  const recent = arena.u8(n * H);
  const binW = arena.f64(B);
  const binWX = arena.f64(B);
  const binOf = arena.i32(nPad).fill(-1).subarray(0, n);
  const into = arena.i32(n, nPad);
  const cellOf = arena.i32(nPad);
  const preReward = f(() => 0);
  const rewardBasis = f(() => 0);
  const dedShare = f((i) => (i % 4 === 0 ? 0.1 : i % 9 === 0 ? 1.5 : 0));
  const dedFixed = f((i) => (i % 6 === 0 ? 5 * r.uniform() : 0));
  const qualifies = f((i) => (i % 3 === 1 ? 1 : 0));
  arena.passes.setArrays(
    ...[...g, observed, committed, lower, upperCap, delivered, noise, amounts, pupils, invPupilsYuan, capacity, sums, histLo, histScale].map((a) => a.byteOffset),
    hist.byteOffset,
    recent.byteOffset,
    binW.byteOffset,
    binWX.byteOffset,
    binOf.byteOffset,
    cellOf.byteOffset,
    preReward.byteOffset,
    rewardBasis.byteOffset,
    dedShare.byteOffset,
    dedFixed.byteOffset,
    qualifies.byteOffset,
  );
  for (let j = 0; j < 16; j++) arena.noiseState[j] = r.int(0x100000000) | 0;
  return { arena, passes: arena.passes, g, observed, committed, lower, upperCap, delivered, noise, amounts, pupils, invPupilsYuan, capacity, sums, histLo, histScale, hist, recent, binW, binWX, binOf, into, preReward, rewardBasis, dedShare, dedFixed, qualifies };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe("Monte Carlo WebAssembly passes", () => {
  it("deliverAndPlace: uniform noise on [1 − δ, 1 + δ], the documented delivery, and the floor/free/ceiling sums", () => {
    const s = setUp(1);
    const delta = 0.2;
    const factor = 1.15;
    const [a, c] = [0.9, 0.3];
    const w = [0.5, 0.2, 0.2, 0.1];
    for (const groups of [1, 4]) {
      const D = s.passes.deliverAndPlace(nPad, groups, delta, factor, a, c, w[0], w[1], w[2], w[3]);
      let total = 0;
      let freeScore = 0;
      let freeDelivered = 0;
      let fixed = 0;
      const u: number[] = [];
      for (let i = 0; i < n; i++) {
        const e = s.noise[i];
        expect(e).toBeGreaterThanOrEqual(1 - delta);
        expect(e).toBeLessThan(1 + delta);
        u.push((e - (1 - delta)) / (2 * delta));
        const d = s.observed[i] * e;
        const o = Math.min(Math.max(s.committed[i], d), d * factor);
        expect(s.delivered[i]).toBe(o);
        total += o;
        const b = groups === 1 ? w[0] * s.g[0][i] : w.reduce((t, wg, k) => t + wg * s.g[k][i], 0);
        const v = a * b + c * o;
        if (v >= s.lower[i] && v <= s.upperCap[i]) {
          freeScore += b;
          freeDelivered += o;
        } else fixed += Math.min(s.upperCap[i], Math.max(s.lower[i], v));
      }
      expect(rel(D, total)).toBeLessThan(1e-13);
      expect(rel(s.arena.results[0], freeScore)).toBeLessThan(1e-12);
      expect(rel(s.arena.results[1], freeDelivered)).toBeLessThan(1e-12);
      expect(rel(s.arena.results[2], fixed)).toBeLessThan(1e-12);
      // Uniform: mean 1/2 (s.e. 0.009) and each quarter holds about a quarter of the draws (s.e. 0.014).
      expect(Math.abs(u.reduce((t, x) => t + x, 0) / n - 0.5)).toBeLessThan(0.04);
      for (let q = 0; q < 4; q++) expect(Math.abs(u.filter((x) => x >= q / 4 && x < (q + 1) / 4).length / n - 0.25)).toBeLessThan(0.06);
    }
    // Without noise the factor is exactly 1.
    s.passes.deliverAndPlace(nPad, 1, 0, factor, a, c, 1, 0, 0, 0);
    for (let i = 0; i < n; i++) expect(s.noise[i]).toBe(1);
  });

  it("fusedAmounts: clamp(Σ q_g A_g + qm·delivered, floor, ceiling) and their total; padding stays zero", () => {
    const s = setUp(2);
    s.passes.deliverAndPlace(nPad, 4, 0.2, 1.1, 1, 1, 1, 1, 1, 1);
    const q = [30, 10, 5, 2];
    const total = s.passes.fusedAmounts(nPad, 4, q[0], q[1], q[2], q[3], 0.4);
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const p = q.reduce((t, qg, k) => t + qg * s.g[k][i], 0) + 0.4 * s.delivered[i];
      const x = Math.min(s.upperCap[i], Math.max(s.lower[i], p));
      expect(rel(s.amounts[i], x)).toBeLessThan(1e-14);
      expected += x;
    }
    expect(rel(total, expected)).toBeLessThan(1e-13);
    expect(Array.from(new Float64Array(s.amounts.buffer, s.amounts.byteOffset + n * 8, nPad - n))).toEqual([0, 0, 0]);
  });

  it("formulaPass and rewardAmounts: deductions capped at the formula money, every reward basis, the reward and the clamp", () => {
    const s = setUp(5);
    s.passes.deliverAndPlace(nPad, 4, 0.2, 1.1, 1, 1, 1, 1, 1, 1);
    const q = [30, 10, 5, 2];
    for (const groups of [1, 4]) {
      for (const mode of [0, 1, 2, 3]) {
        const deducted = s.passes.formulaPass(nPad, groups, q[0], q[1], q[2], q[3], 0.4, mode);
        let expectedDeducted = 0;
        let basisTotal = 0;
        let wrong = 0;
        for (let i = 0; i < n; i++) {
          const f = (groups === 1 ? q[0] * s.g[0][i] : q.reduce((t, qg, k) => t + qg * s.g[k][i], 0)) + 0.4 * s.delivered[i];
          const ded = Math.min(f, f * s.dedShare[i] + s.dedFixed[i]);
          expectedDeducted += ded;
          const qual = s.qualifies[i] === 1;
          const basis = mode === 0 ? (ded === 0 ? f : 0) : !qual ? 0 : mode === 1 ? f : mode === 2 ? s.pupils[i] : 1;
          basisTotal += basis;
          if (rel(s.preReward[i], f - ded) > 1e-13 && Math.abs(f - ded) > 1e-12) wrong++;
          if (rel(s.rewardBasis[i], basis) > 1e-13 && basis !== 0) wrong++;
          if (basis === 0 && s.rewardBasis[i] !== 0) wrong++;
        }
        expect(wrong).toBe(0);
        expect(rel(deducted, expectedDeducted)).toBeLessThan(1e-12);
        expect(rel(s.arena.results[0], basisTotal)).toBeLessThan(1e-12);
      }
    }
    const total = s.passes.rewardAmounts(nPad, 0.25, 1.3);
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const x = Math.min(s.upperCap[i], Math.max(s.lower[i], 1.3 * (s.preReward[i] + 0.25 * s.rewardBasis[i])));
      expect(rel(s.amounts[i], x)).toBeLessThan(1e-14);
      expected += x;
    }
    expect(rel(total, expected)).toBeLessThan(1e-13);
  });

  it("recordAndBin and flushHistogram: sums, histogram cells, pupil-weighted bins, moments and overflow as documented", () => {
    const s = setUp(3);
    const r = createRandom(9);
    const binScale = (B - 1e-9) / 0.2;
    const expectedHist = new Uint32Array(n * H);
    const expectedSums = new Float64Array(n);
    let wrongBins = 0;
    for (let draw = 0; draw < 300; draw++) {
      for (let i = 0; i < n; i++) s.amounts[i] = 160 * r.uniform(); // some below the histogram range [10, 140), some above
      const overflow = s.passes.recordAndBin(n, nPad, 1, H, B, binScale);
      if (draw === 254) s.passes.flushHistogram(n * H);
      const w = new Float64Array(B);
      const wx = new Float64Array(B);
      let [m1, m2, m3] = [0, 0, 0];
      let over = 0;
      for (let i = 0; i < n; i++) {
        const x = s.amounts[i];
        expectedSums[i] += x;
        const t = Math.min(H - 1, Math.max(0, (x - s.histLo[i]) * s.histScale[i]));
        expectedHist[i * H + Math.trunc(t)]++;
        const p = s.pupils[i];
        const v = x * s.invPupilsYuan[i];
        m1 += p * v;
        m2 += p * v * v;
        m3 += p * v * s.capacity[i];
        if (p > 0) {
          let b = Math.trunc(v * binScale) | 0;
          if (b > B - 1) {
            over = 1;
            b = B - 1;
          }
          if (s.binOf[i] !== b) wrongBins++;
          w[b] += p;
          wx[b] += p * v;
        } else if (s.binOf[i] !== -1) wrongBins++;
      }
      expect(overflow).toBe(over);
      for (let b = 0; b < B; b++) {
        expect(rel(s.binW[b], w[b])).toBeLessThan(1e-12);
        if (wx[b] !== 0) expect(rel(s.binWX[b], wx[b])).toBeLessThan(1e-12);
      }
      expect(rel(s.arena.results[0], m1)).toBeLessThan(1e-12);
      expect(rel(s.arena.results[1], m2)).toBeLessThan(1e-12);
      expect(rel(s.arena.results[2], m3)).toBeLessThan(1e-12);
    }
    expect(wrongBins).toBe(0);
    s.passes.flushHistogram(n * H);
    expect(Array.from(s.hist)).toEqual(Array.from(expectedHist));
    expect(s.recent.every((c) => c === 0)).toBe(true);
    for (let i = 0; i < n; i++) expect(rel(s.sums[i], expectedSums[i])).toBeLessThan(1e-12);
  });

  it("countiesInBin lists exactly the counties of a bin, in order, never the padding", () => {
    const s = setUp(4);
    for (let i = 0; i < n; i++) s.binOf[i] = i % 3 === 0 ? -1 : i % 5;
    for (const bin of [0, 1, 4, 7]) {
      const m = s.passes.countiesInBin(nPad, bin, s.into.byteOffset);
      const expected = [...Array(n).keys()].filter((i) => s.binOf[i] === bin);
      expect(Array.from(s.into.subarray(0, m))).toEqual(expected);
    }
  });

  it("the embedded binary is a fresh compile of src/allocation/wasm/monte-carlo-passes.ts (npm run build:wasm)", async () => {
    // @ts-expect-error: a plain JavaScript build script
    const { generatedModule } = await import("../../scripts/build-wasm.js");
    const committed = readFileSync(new URL("../../src/allocation/monte-carlo-passes-wasm.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generatedModule());
  }, 60_000);
});
