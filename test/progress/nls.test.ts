import { describe, expect, it } from "vitest";
import { nls } from "../../src/progress/nls.js";
import { createRandom } from "../../src/shared/random.js";
import * as nist from "./fixtures/nist-strd.js";
import { nistModels } from "./nist-models.js";

/** Log relative error: the number of correct significant digits of `estimate` against `certified`. */
function correctDigits(estimate: number, certified: number): number {
  if (estimate === certified) return 15;
  return -Math.log10(Math.abs(estimate - certified) / Math.abs(certified));
}

const problems = [nist.misra1a, nist.thurber, nist.mgh09, nist.mgh10, nist.eckerle4, nist.rat43, nist.boxbod, nist.bennett5];

describe("nls on the NIST StRD nonlinear regression problems", () => {
  for (const problem of problems) {
    const model = nistModels[problem.name];
    for (const startName of ["start1", "start2"] as const) {
      const startLabel = startName === "start1" ? "start 1" : "start 2";
      it(`nls(f, x, y, start) reaches the NIST certified values on ${problem.name} from ${startLabel}`, () => {
        const fit = nls(model.f, problem.x, problem.y, problem[startName], { jacobian: model.jacobian });
        expect(fit.converged).toBe(true);
        fit.params.forEach((v, j) => expect(correctDigits(v, problem.certified[j])).toBeGreaterThanOrEqual(6));
        fit.se.forEach((v, j) => expect(correctDigits(v, problem.certifiedSe[j])).toBeGreaterThanOrEqual(4));
        expect(correctDigits(fit.rss, problem.certifiedRss)).toBeGreaterThanOrEqual(6);
        expect(fit.df).toBe(problem.x.length - problem.start1.length);
      });
    }
    it(`nls(f, x, y, start) without an analytic Jacobian reaches the NIST certified values on ${problem.name} from start 1`, () => {
      const fit = nls(model.f, problem.x, problem.y, problem.start1);
      expect(fit.converged).toBe(true);
      fit.params.forEach((v, j) => expect(correctDigits(v, problem.certified[j])).toBeGreaterThanOrEqual(6));
      fit.se.forEach((v, j) => expect(correctDigits(v, problem.certifiedSe[j])).toBeGreaterThanOrEqual(4));
    });
  }

  it("nls(f, x, y, start, { maxIterations }) reports an unfinished MGH10 run as not converged, with finite values", () => {
    const m = nistModels.MGH10;
    const fit = nls(m.f, nist.mgh10.x, nist.mgh10.y, nist.mgh10.start1, { jacobian: m.jacobian, maxIterations: 5, geodesic: false });
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/stopped after 5 iterations/);
    expect(fit.params.every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(fit.rss)).toBe(false);
  });
});

describe("nls", () => {
  const line = (x: number, p: readonly number[]) => p[0] + p[1] * x;

  it("nls(f, x, y, start) matches ordinary least squares on a straight line", () => {
    // Closed form: slope = Sxy/Sxx, intercept = ȳ − slope·x̄, SE(slope) = s/√Sxx with s² = RSS/(n − 2).
    const x = [0, 1, 2, 3, 4];
    const e = [0.1, -0.2, 0.05, 0.15, -0.1];
    const y = x.map((v, i) => 1 + 2 * v + e[i]);
    const fit = nls(line, x, y, [0, 0]);
    const xbar = 2;
    const ybar = y.reduce((acc, v) => acc + v, 0) / 5;
    const sxx = 10;
    const sxy = x.reduce((acc, v, i) => acc + (v - xbar) * (y[i] - ybar), 0);
    const slope = sxy / sxx;
    const intercept = ybar - slope * xbar;
    expect(fit.params[1]).toBeCloseTo(slope, 9);
    expect(fit.params[0]).toBeCloseTo(intercept, 9);
    const rss = y.reduce((acc, yi, i) => acc + (yi - intercept - slope * x[i]) ** 2, 0);
    expect(fit.rss).toBeCloseTo(rss, 12);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(rss / 3 / sxx), 9);
    expect(fit.sigma).toBeCloseTo(Math.sqrt(rss / 3), 9);
    expect(fit.covariance[0][1]).toBeCloseTo(fit.covariance[1][0], 15);
  });

  it("nls(f, x, y, start, { weights }) equals an unweighted fit with duplicated observations", () => {
    const x = [1, 2, 3, 4, 5];
    const y = [2.1, 3.9, 6.2, 7.8, 10.1];
    const weighted = nls(line, x, y, [0, 1], { weights: [1, 2, 1, 1, 3] });
    const xd = [1, 2, 2, 3, 4, 5, 5, 5];
    const yd = [2.1, 3.9, 3.9, 6.2, 7.8, 10.1, 10.1, 10.1];
    const duplicated = nls(line, xd, yd, [0, 1]);
    // Both runs stop at a relative offset ≤ 1e-9, i.e. within ~1e-9 standard errors of the optimum.
    expect(weighted.params[0]).toBeCloseTo(duplicated.params[0], 8);
    expect(weighted.params[1]).toBeCloseTo(duplicated.params[1], 8);
    expect(weighted.rss).toBeCloseTo(duplicated.rss, 10);
  });

  it("nls(f, x, y, start, { lower, upper }) stops on an active bound and flags it", () => {
    const m = nistModels.Misra1a;
    const fit = nls(m.f, nist.misra1a.x, nist.misra1a.y, [220, 0.0004], { jacobian: m.jacobian, upper: [230, 1] });
    expect(fit.converged).toBe(true);
    expect(fit.params[0]).toBe(230);
    expect(fit.atBound).toEqual([true, false]);
    // With b1 held at 230 the best b2 solves a one-parameter problem: its RSS exceeds the free optimum.
    expect(fit.rss).toBeGreaterThan(nist.misra1a.certifiedRss);
    const oneParameter = nls((x, p) => 230 * (1 - Math.exp(-p[0] * x)), nist.misra1a.x, nist.misra1a.y, [0.0004]);
    expect(fit.params[1]).toBeCloseTo(oneParameter.params[0], 10);
  });

  it("nls(f, x, y, start) reports an unidentifiable parameter with an Infinity standard error, not NaN", () => {
    // p[0] and p[1] enter only as their sum: J has rank 1.
    const x = [0, 1, 2, 3, 4, 5];
    const y = [1.1, 2.9, 5.2, 6.8, 9.1, 11];
    const fit = nls((xi, p) => (p[0] + p[1]) * xi + 1, x, y, [1, 1]);
    expect(fit.rank).toBe(1);
    expect(fit.se).toEqual([Infinity, Infinity]);
    expect(fit.message).toMatch(/not identified/);
    expect(fit.params[0] + fit.params[1]).toBeCloseTo(nls((xi, p) => p[0] * xi + 1, x, y, [2]).params[0], 8);
  });

  it("nls(f, x, y, start) throws a clear error when the model is not finite at the start", () => {
    expect(() => nls((xi, p) => Math.log(p[0] * xi), [-1, 1, 2, 3], [0, 0, 1, 1], [1])).toThrow(
      /nls found a non-finite model value at observation 0/,
    );
  });

  it("nls(f, x, y, start) treats a step into a non-finite region as a failed step and still converges", () => {
    // sqrt(p0 − x) is NaN once p0 < max x: the solver must back off rather than return NaN.
    const x = [0, 1, 2, 3, 4];
    const y = x.map((v) => Math.sqrt(10 - v));
    const fit = nls((xi, p) => Math.sqrt(p[0] - xi), x, y, [50]);
    expect(fit.converged).toBe(true);
    expect(fit.params[0]).toBeCloseTo(10, 8);
  });

  it("nls(f, x, y, start) validates its inputs with messages naming the problem", () => {
    expect(() => nls(line, [1, 2, 3], [1, 2], [0, 1])).toThrow("nls requires x and y of equal length, got 3 and 2");
    expect(() => nls(line, [1, 2, NaN], [1, 2, 3], [0, 1])).toThrow("nls requires finite x values, x[2] is NaN");
    expect(() => nls(line, [1, 2], [1, 2], [0, 1])).toThrow(/more observations \(of positive weight\) than parameters/);
    expect(() => nls(line, [1, 2, 3], [1, 2, 3], [0, 1], { lower: [1, 0] })).toThrow("nls requires start[0] = 0 within [1, Infinity]");
    expect(() => nls(line, [1, 2, 3], [1, 2, 3], [0, 1], { weights: [1, -1, 1] })).toThrow(/weights\[1\] is -1/);
  });

  it("nls(f, x, y, start, { multiStart, random }) recovers from a hopeless start and is reproducible", () => {
    // From b1 = -1000 the Rat43 curve has the wrong sign; random restarts around the start find the optimum.
    const m = nistModels.Rat43;
    const run = () =>
      nls(m.f, nist.rat43.x, nist.rat43.y, [700, 5, 0.75, 1.3], {
        jacobian: m.jacobian,
        maxIterations: 3,
        multiStart: 5,
        random: createRandom(2014),
      });
    const a = run();
    const b = run();
    expect(a).toEqual(b);
    expect(a.starts).toBeGreaterThan(1);
  });
});
