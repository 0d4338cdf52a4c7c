// The @example lines of the src/progress doc comments, checked so the documentation cannot drift.
import { describe, expect, it } from "vitest";
import { akaikeWeights } from "../../src/progress/akaike-weights.js";
import { curveModels } from "../../src/progress/curve-models.js";
import { curveStartValues } from "../../src/progress/curve-start-values.js";
import { fitCurve } from "../../src/progress/fit-curve.js";
import { leastSquaresCovariance } from "../../src/progress/least-squares-covariance.js";
import { nls } from "../../src/progress/nls.js";
import { predictCurve } from "../../src/progress/predict-curve.js";
import { qrApplyTranspose, qrFactor, qrSolveDamped } from "../../src/progress/qr-least-squares.js";

describe("doc examples in src/progress", () => {
  it("nls(f, x, y, start) reproduces the BoxBOD example of its doc comment", () => {
    const r = nls((x, p) => p[0] * (1 - Math.exp(-p[1] * x)), [1, 2, 3, 5, 7, 10], [109, 149, 149, 191, 213, 224], [100, 0.75]);
    expect(r.params[0]).toBeCloseTo(213.8094, 4);
    expect(r.params[1]).toBeCloseTo(0.5472375, 7);
  });

  it("fitCurve(t, y) reproduces the example of its doc comment", () => {
    const fit = fitCurve([2, 4, 6, 8, 10, 12], [0.05, 0.12, 0.27, 0.5, 0.73, 0.88]);
    expect(fit.params.cap).toBe(1);
    expect(fit.params.k).toBeCloseTo(0.497, 3);
    expect(fit.params.t0).toBeCloseTo(8.0, 1);
    expect(fit.predict([8])[0]).toBeCloseTo(0.5, 2);
  });

  it("curveModels, predictCurve, curveStartValues and akaikeWeights reproduce their doc examples", () => {
    expect(curveModels.logistic.value(24, [1, 0.2, 24])).toBe(0.5);
    expect(curveModels.logistic.params).toEqual(["cap", "k", "t0"]);
    expect(predictCurve("logistic", { cap: 1, k: 0.2, t0: 24 }, [24])).toEqual([0.5]);
    const s = curveStartValues("logistic", [12, 24, 36], [0.1, 0.5, 0.9]);
    expect(s.k).toBeCloseTo(0.1831, 4);
    expect(s.t0).toBeCloseTo(24, 10);
    expect(akaikeWeights([100, 102])).toEqual([0.7310585786300049, 0.2689414213699951]);
  });

  it("leastSquaresCovariance and the QR helpers reproduce their doc examples", () => {
    expect(leastSquaresCovariance(new Float64Array([1, 1, 0, 1]), 2, 2, 1).se.map((v) => +v.toFixed(12))).toEqual([1, 1.414213562373]);
    const a = new Float64Array([3, 4]);
    const rdiag = new Float64Array(1);
    const beta = new Float64Array(1);
    qrFactor(a, 2, 1, rdiag, beta);
    expect(rdiag[0]).toBe(-5);
    const b = new Float64Array([3, 4]);
    qrApplyTranspose(a, 2, 1, beta, b);
    expect(b[0]).toBeCloseTo(-5, 14);
    expect(b[1]).toBeCloseTo(0, 14);
    const out = new Float64Array(1);
    const solve = (d: number) => {
      qrSolveDamped(new Float64Array([0]), 1, 1, new Float64Array([2]), new Float64Array([4]), new Float64Array([d]), out, new Float64Array(1), new Float64Array(3));
      return out[0];
    };
    expect(solve(0)).toBe(2);
    expect(solve(2)).toBeCloseTo(1, 14);
  });
});
