import { describe, expect, it } from "vitest";
import { standardNormalCdf } from "../../src/shared/standard-normal-cdf.js";
import { standardNormalCdf as classSizeCdf } from "../../src/class-size/standard-normal-cdf.js";

// Reference: scipy 1.17.1, `float(scipy.stats.norm.cdf(z))`, printed with repr (Debian python3).
const SCIPY: [number, number][] = [
  [-8, 6.22096057427174e-16],
  [-5, 2.866515718791933e-7],
  [-3, 0.0013498980316300933],
  [-2.5, 0.006209665325776132],
  [-1.959963984540054, 0.025],
  [-1.224744871391589, 0.11033568095992347],
  [-1, 0.15865525393145707],
  [-0.5, 0.3085375387259869],
  [-0.1, 0.460172162722971],
  [0, 0.5],
  [0.1, 0.539827837277029],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [1.224744871391589, 0.8896643190400766],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [5, 0.9999997133484281],
  [7.5, 0.9999999999999681],
];

describe("standardNormalCdf", () => {
  it.each(SCIPY)("standardNormalCdf(%d) equals scipy.stats.norm.cdf to 1e-15", (z, p) => {
    expect(Math.abs(standardNormalCdf(z) - p)).toBeLessThanOrEqual(1e-15);
    // relative error in the lower tail: 1e-10 down to z = −7.07 (rational part), 1e-8 beyond (5-term continued fraction)
    if (p < 0.01) expect(Math.abs(standardNormalCdf(z) / p - 1)).toBeLessThan(z > -7.07 ? 1e-10 : 1e-8);
  });

  it("standardNormalCdf is the one the class-size model imports (one implementation in the package)", () => {
    expect(classSizeCdf).toBe(standardNormalCdf);
  });

  it("standardNormalCdf is symmetric, monotone on a fine grid, and refuses NaN", () => {
    let previous = 0;
    for (let z = -10; z <= 10; z += 1 / 64) {
      const p = standardNormalCdf(z);
      expect(p).toBeGreaterThanOrEqual(previous);
      expect(Math.abs(p + standardNormalCdf(-z) - 1)).toBeLessThan(2e-16);
      previous = p;
    }
    expect(() => standardNormalCdf(NaN)).toThrow("standardNormalCdf requires a number, got NaN");
  });
});
