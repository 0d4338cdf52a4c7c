import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/shared/random.js";

describe("createRandom", () => {
  it("createRandom(seed) repeats the same sequence for the same seed and differs across seeds", () => {
    const a = createRandom(2014);
    const b = createRandom(2014);
    const c = createRandom(2015);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    const sb = Array.from({ length: 5 }, () => b.uniform());
    const sc = Array.from({ length: 5 }, () => c.uniform());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it("createRandom(seed).normal() has mean 0 and variance 1 within sampling error", () => {
    const r = createRandom(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    // 5 standard errors: |mean| < 5/sqrt(n) ≈ 0.011, |var-1| < 5*sqrt(2/n) ≈ 0.016
    expect(Math.abs(mean)).toBeLessThan(0.011);
    expect(Math.abs(variance - 1)).toBeLessThan(0.016);
  });

  it("createRandom(seed).uniform() stays in [0, 1) and int(n) in 0..n-1", () => {
    const r = createRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      const k = r.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
    }
  });
});
