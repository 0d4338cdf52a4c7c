import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { akaikeWeights } from "../../src/progress/akaike-weights.js";
import { curveModelNames, curveModels, type CurveModelName } from "../../src/progress/curve-models.js";
import { curveStartValues } from "../../src/progress/curve-start-values.js";
import { fitCurve } from "../../src/progress/fit-curve.js";
import { predictCurve } from "../../src/progress/predict-curve.js";
import { createRandom } from "../../src/shared/random.js";
import { months, rAic, scipyFits, seriesA, seriesB } from "./fixtures/fit-curve-reference.js";

/** Relative agreement to `digits` significant digits. */
function expectDigits(actual: number, expected: number, digits: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
}

function expectMatchesScipy(
  fit: ReturnType<typeof fitCurve>,
  names: string[],
  reference: { params: number[]; se: number[]; rss: number },
): void {
  expect(fit.converged).toBe(true);
  names.forEach((name, j) => {
    expectDigits(fit.params[name], reference.params[j], 6);
    expectDigits(fit.se[name], reference.se[j], 4);
  });
  expectDigits(fit.rss, reference.rss, 8);
}

describe("fitCurve against scipy.optimize.curve_fit", () => {
  it("fitCurve(t, y) matches scipy on a noisy logistic completion series with the ceiling fixed at 1", () => {
    const fit = fitCurve(months, seriesA);
    expect(fit.model).toBe("logistic");
    expect(fit.params.cap).toBe(1);
    expect(Object.keys(fit.se)).toEqual(["k", "t0"]);
    expectMatchesScipy(fit, ["k", "t0"], scipyFits.A_logistic_cap1);
  });

  it("fitCurve(t, y, { estimateCap: true }) matches scipy with the ceiling estimated", () => {
    expectMatchesScipy(fitCurve(months, seriesA, { estimateCap: true }), ["cap", "k", "t0"], scipyFits.A_logistic_capfree);
  });

  it("fitCurve(t, y, { model }) matches scipy for the Gompertz, Richards and Weibull curves", () => {
    expectMatchesScipy(fitCurve(months, seriesA, { model: "gompertz" }), ["k", "t0"], scipyFits.A_gompertz_cap1);
    expectMatchesScipy(fitCurve(months, seriesA, { model: "richards" }), ["k", "t0", "nu"], scipyFits.A_richards_cap1);
    expectMatchesScipy(fitCurve(months, seriesA, { model: "weibull" }), ["k", "lambda"], scipyFits.A_weibull_cap1);
  });

  it("fitCurve(t, y, { estimateCap: true }) matches scipy on an over-delivering series", () => {
    const opts = { estimateCap: true } as const;
    expectMatchesScipy(fitCurve(months, seriesB, { ...opts, model: "gompertz" }), ["cap", "k", "t0"], scipyFits.B_gompertz_capfree);
    expectMatchesScipy(fitCurve(months, seriesB, { ...opts, model: "logistic" }), ["cap", "k", "t0"], scipyFits.B_logistic_capfree);
    expectMatchesScipy(fitCurve(months, seriesB, { ...opts, model: "weibull" }), ["cap", "k", "lambda"], scipyFits.B_weibull_capfree);
  });

  it("fitCurve(t, y) reports the AICc that R's AIC(nls) implies", () => {
    // AICc = AIC + 2K(K+1)/(n−K−1) with K = parameters + 1 (σ²) and n = 20.
    expectDigits(fitCurve(months, seriesA).aicc, rAic.A_logistic_cap1 + (2 * 3 * 4) / 16, 9);
    const b = fitCurve(months, seriesB, { model: "gompertz", estimateCap: true });
    expectDigits(b.aicc, rAic.B_gompertz_capfree + (2 * 4 * 5) / 15, 9);
  });
});

describe("fitCurve", () => {
  it("fitCurve(t, y, { model: 'auto' }) picks the Gompertz curve for Gompertz data and returns Akaike weights", () => {
    const fit = fitCurve(months, seriesB, { model: "auto", estimateCap: true });
    expect(fit.model).toBe("gompertz");
    expect(fit.candidates?.map((c) => c.model)).toEqual(["logistic", "gompertz", "richards", "weibull"]);
    const weights = fit.weights!;
    expect(Object.values(weights).reduce((a, b) => a + (b ?? 0), 0)).toBeCloseTo(1, 12);
    expect(weights.gompertz).toBeGreaterThan(0.5);
    // Richards stops on the bound of its shape parameter (it has collapsed to its Gompertz limit, a
    // duplicate of the Gompertz candidate): flagged, not converged, weight 0. The others' weights are the
    // Akaike weights of their AICc values.
    const richards = fit.candidates!.find((c) => c.model === "richards")!;
    expect(richards.atBound.length).toBeGreaterThan(0);
    expect(richards.converged).toBe(false);
    expect(weights.richards).toBe(0);
    const kept = fit.candidates!.filter((c) => c.converged);
    expect(kept.map((c) => weights[c.model])).toEqual(akaikeWeights(kept.map((c) => c.aicc)));
    // Callers can average the candidates' forecasts with the weights.
    const averaged = fit.candidates!.reduce((acc, c) => acc + weights[c.model]! * predictCurve(c.model, c.params, [48])[0], 0);
    expect(averaged).toBeGreaterThan(1.1);
    expect(averaged).toBeLessThan(1.25);
  });

  it("fitCurve(t, y) returns plain data that survives JSON and predicts like predictCurve", () => {
    const fit = fitCurve(months, seriesA, { model: "auto" });
    const copy = JSON.parse(JSON.stringify(fit));
    expect(copy.params).toEqual(fit.params);
    expect(copy.candidates).toEqual(fit.candidates);
    expect("predict" in copy).toBe(false);
    const t = [0, 12, 24, 60];
    expect(fit.predict(t)).toEqual(predictCurve(copy.model, copy.params, t));
  });

  it("fitCurve(t, y) returns a finite fit for degenerate series: all zero, all equal, above the ceiling, three points", () => {
    const t = [2, 4, 6, 8, 10, 12];
    const cases: Array<[number[], number[]]> = [
      [t, [0, 0, 0, 0, 0, 0]],
      [t, [0.4, 0.4, 0.4, 0.4, 0.4, 0.4]],
      [t, [1.1, 1.2, 1.3, 1.3, 1.3, 1.3]],
      [t, [0.9, 0.7, 0.5, 0.3, 0.2, 0.1]],
      [[1, 2, 3], [0.1, 0.5, 0.9]],
    ];
    for (const [tt, y] of cases) {
      for (const model of curveModelNames) {
        if (tt.length <= curveModels[model].params.length - 1) continue;
        const fit = fitCurve(tt, y, { model });
        for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
        expect(Number.isNaN(fit.rss)).toBe(false);
        for (const v of fit.predict(tt)) expect(v >= 0 && v <= fit.params.cap).toBe(true);
      }
    }
  });

  it("fitCurve(t, y) validates its inputs with messages naming the problem", () => {
    expect(() => fitCurve([1, 2], [0.1, 0.2])).toThrow("fitCurve requires at least 3 observations, got 2");
    expect(() => fitCurve([1, 2, 3], [0.1, 0.2])).toThrow("fitCurve requires t and y of equal length, got 3 and 2");
    expect(() => fitCurve([1, 2, Infinity], [0.1, 0.2, 0.3])).toThrow("fitCurve requires finite t values, t[2] is Infinity");
    expect(() => fitCurve([1, 2, 3], [0.1, NaN, 0.3])).toThrow("fitCurve requires finite y values, y[1] is NaN");
    expect(() => fitCurve([1, 3, 3], [0.1, 0.2, 0.3])).toThrow("fitCurve requires t to be strictly increasing, t[2] = 3 follows t[1] = 3");
    expect(() => fitCurve([1, 2, 3], [0.1, 0.2, 0.3], { cap: 0 })).toThrow("fitCurve requires cap to be a finite share > 0, got 0");
    expect(() => fitCurve([1, 2, 3], [0.1, 0.2, 0.3], { model: "richards" })).toThrow(
      "fitCurve requires more observations than parameters: richards has 3, got 3 observations",
    );
    expect(() => fitCurve([1, 2, 3, 4], [0.1, 0.2, 0.3, 0.4], { capBounds: [2, 1] })).toThrow(/capBounds/);
    // @ts-expect-error an unknown model name is a runtime error too
    expect(() => fitCurve([1, 2, 3], [0.1, 0.2, 0.3], { model: "linear" })).toThrow(/got linear/);
  });

  it("fitCurve(t, y, { weights }) down-weights an outlier", () => {
    const y = seriesA.slice();
    y[10] = 0.2;
    const plain = fitCurve(months, y);
    const w = months.map((_, i) => (i === 10 ? 1e-6 : 1));
    const weighted = fitCurve(months, y, { weights: w });
    expect(Math.abs(weighted.params.t0 - scipyFits.A_logistic_cap1.params[1])).toBeLessThan(
      Math.abs(plain.params.t0 - scipyFits.A_logistic_cap1.params[1]),
    );
  });
});

describe("fitCurve properties", () => {
  it("fitCurve(t, y) recovers the parameters of exact logistic data", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.08, max: 1, noNaN: true }), fc.double({ min: 8, max: 32, noNaN: true }), (k, t0) => {
        const y = predictCurve("logistic", { cap: 1, k, t0 }, months);
        const fit = fitCurve(months, y);
        expect(fit.converged).toBe(true);
        expect(Math.abs(fit.params.k - k)).toBeLessThan(1e-6 * k);
        expect(Math.abs(fit.params.t0 - t0)).toBeLessThan(1e-6 * t0);
      }),
      { seed: 2014, numRuns: 60 },
    );
  });

  it("fitCurve(t, y, { model }) recovers Gompertz and Weibull parameters from lightly noisy data", () => {
    const random = createRandom(2019);
    for (let r = 0; r < 20; r++) {
      const k = 0.1 + 0.2 * random.uniform();
      const t0 = 10 + 15 * random.uniform();
      const y = predictCurve("gompertz", { cap: 1, k, t0 }, months).map((v) => v + 0.002 * random.normal());
      const fit = fitCurve(months, y, { model: "gompertz" });
      expect(Math.abs(fit.params.k - k)).toBeLessThan(6 * fit.se.k + 1e-9);
      expect(Math.abs(fit.params.t0 - t0)).toBeLessThan(6 * fit.se.t0 + 1e-9);
      const shape = 1.5 + 2 * random.uniform();
      const lambda = 12 + 15 * random.uniform();
      const yw = predictCurve("weibull", { cap: 1, k: shape, lambda }, months).map((v) => v + 0.002 * random.normal());
      const fitW = fitCurve(months, yw, { model: "weibull" });
      expect(Math.abs(fitW.params.k - shape)).toBeLessThan(6 * fitW.se.k);
      expect(Math.abs(fitW.params.lambda - lambda)).toBeLessThan(6 * fitW.se.lambda);
    }
  });

  it("predictCurve(model, params, t) stays within [0, cap] for every model and any month", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...curveModelNames),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 1e-4, max: 20, noNaN: true }),
        fc.double({ min: -100, max: 200, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (model: CurveModelName, cap, k, loc, nu, t) => {
          const params = model === "weibull" ? { cap, k, lambda: Math.abs(loc) + 1e-3 } : { cap, k, t0: loc, nu };
          for (const v of predictCurve(model, params, t)) expect(v >= 0 && v <= cap).toBe(true);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it("curveModels[model].gradient(t, p) agrees with central differences of value", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...curveModelNames),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 5, max: 30, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        (model: CurveModelName, cap, k, loc, nu, t) => {
          const spec = curveModels[model];
          const p = model === "weibull" ? [cap, 1 + 3 * k, loc] : model === "richards" ? [cap, k, loc, nu] : [cap, k, loc];
          const g = spec.gradient(t, p, new Array<number>(p.length).fill(0));
          p.forEach((pj, j) => {
            const h = 1e-6 * Math.max(1, Math.abs(pj));
            const up = p.slice();
            const down = p.slice();
            up[j] = pj + h;
            down[j] = pj - h;
            const numeric = (spec.value(t, up) - spec.value(t, down)) / (2 * h);
            expect(Math.abs(g[j] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
          });
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe("curveStartValues and akaikeWeights", () => {
  it("curveStartValues(model, t, y) linearises an exact logistic series to its parameters", () => {
    const s = curveStartValues("logistic", [12, 24, 36], [0.1, 0.5, 0.9]);
    expect(s.cap).toBe(1);
    expect(s.t0).toBeCloseTo(24, 12);
    expect(s.k).toBeCloseTo(Math.log(9) / 12, 12);
  });

  it("curveStartValues(model, t, y) is finite for one point, two points, all zeros and values above the cap", () => {
    const inputs: Array<[number[], number[]]> = [
      [[6], [0.3]],
      [[6, 12], [0.3, 0.3]],
      [[2, 4, 6], [0, 0, 0]],
      [[2, 4, 6], [1.5, 1.6, 1.7]],
      [[-2, 0, 2], [0, 0.1, 0.2]],
    ];
    for (const [t, y] of inputs) {
      for (const model of curveModelNames) {
        for (const v of Object.values(curveStartValues(model, t, y))) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it("akaikeWeights(criteria) matches the textbook formula and ignores unusable candidates", () => {
    expect(akaikeWeights([100, 102])).toEqual([1 / (1 + Math.exp(-1)), Math.exp(-1) / (1 + Math.exp(-1))]);
    expect(akaikeWeights([5, Infinity])).toEqual([1, 0]);
    expect(akaikeWeights([Infinity])).toEqual([0]);
    expect(() => akaikeWeights([NaN])).toThrow(/criteria\[0\] is NaN/);
  });
});

describe("fitCurve honest flags", () => {
  const t = Array.from({ length: 13 }, (_, i) => 2 + 2 * i);

  it("fitCurve(t, flat y) flags a fit stopped on a parameter bound: converged false, atBound names t0, a warning", () => {
    const fit = fitCurve(t, t.map(() => 0.3));
    expect(fit.atBound).toEqual(["t0"]);
    expect(fit.converged).toBe(false);
    // the box's upper edge for t0 is tmax + 10 × span = 26 + 240
    expect(fit.params.t0).toBeCloseTo(266, 9);
    expect(fit.warnings[0]).toContain("stopped on a parameter bound (t0)");
  });

  it("fitCurve(t, y above a fixed cap of 1) warns and offers the cap estimated, which recovers a true ceiling of 1.18 (k 0.225)", () => {
    // exact logistic data with cap 1.18, k 0.225, t0 14: reports pass 100 % from month 18 on
    const y = predictCurve("logistic", { cap: 1.18, k: 0.225, t0: 14 }, t);
    const fit = fitCurve(t, y);
    expect(fit.warnings.some((w) => w.includes("above the fixed ceiling 1 (over-delivery)"))).toBe(true);
    expect(fit.params.k).toBeGreaterThan(0.29); // the fixed ceiling bends k upward (0.2955)
    expect(fit.capEstimated!.params.cap).toBeCloseTo(1.18, 6);
    expect(fit.capEstimated!.params.k).toBeCloseTo(0.225, 6);
    expect(fit.capEstimated!.converged).toBe(true);
    // within the plan: no warning, no alternative
    const inPlan = fitCurve(t, predictCurve("logistic", { cap: 1, k: 0.3, t0: 14 }, t));
    expect(inPlan.warnings).toEqual([]);
    expect(inPlan.capEstimated).toBeUndefined();
  });
});
