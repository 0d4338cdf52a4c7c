import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { apportion } from "../../src/shared/apportion.js";

describe("apportion", () => {
  it("apportion(10, [1, 1, 1]) gives [4, 3, 3] (ties to the earlier unit)", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });

  it("apportion(total, weights) gives nothing to zero weights and always adds up to the total", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1000, noNaN: true })), { minLength: 1, maxLength: 40 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = apportion(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => {
          expect(Number.isInteger(p)).toBe(true);
          if (weights[i] === 0) expect(p).toBe(0);
          expect(Math.abs(p - (weights[i] / sum) * total)).toBeLessThan(1);
        });
      }),
    );
  });

  it("apportion(total, weights) rejects negative totals and all-zero weights", () => {
    expect(() => apportion(-1, [1])).toThrow(/non-negative integer total/);
    expect(() => apportion(5, [0, 0])).toThrow(/at least one positive weight/);
  });
});
