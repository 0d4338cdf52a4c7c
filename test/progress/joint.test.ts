import { describe, expect, it } from "vitest";
import type { CurveForecast } from "../../src/progress/forecast-curve.js";
import { jointDraws } from "../../src/progress/forecast-panel.js";
import { curveEvaluator } from "../../src/progress/curve-parameter-space.js";
import { fitPanel } from "../../src/progress/fit-panel.js";
import { fitSpace, simulateCurvePaths } from "../../src/progress/simulate-curve-paths.js";
import { toyPanel } from "./panel-fixtures.js";
import { jointTargetProbability } from "../../src/progress/joint-target-probability.js";
import { supportedProbability } from "../../src/progress/supported-probability.js";
import { createRandom } from "../../src/shared/random.js";

const fc = (byDraw: number[], observedT: number | null = null) =>
  ({ crossings: [{ target: 0.7, observedT, byDraw, times: byDraw.slice().sort((a, b) => a - b) }] }) as unknown as CurveForecast;

describe("jointTargetProbability", () => {
  it("jointTargetProbability(events, t) counts draws meeting every target, not the product of marginals (hand: 2 of 4)", () => {
    const a = fc([10, 20, 30, 40]);
    const b = fc([12, 22, 50, Infinity]);
    // by t = 30: a met in draws 0–2 (3/4), b met in draws 0–1 (2/4); jointly draws 0, 1 → 0.5, product 0.375
    expect(jointTargetProbability([{ forecast: a, target: 0.7 }, { forecast: b, target: 0.7 }], 30)).toBe(0.5);
    // a target already reached in the history counts in every draw
    expect(jointTargetProbability([{ forecast: fc([99, 99, 99, 99], 5), target: 0.7 }, { forecast: b, target: 0.7 }], 30)).toBe(0.5);
    expect(() => jointTargetProbability([{ forecast: a, target: 0.8 }], 30)).toThrow("jointTargetProbability requires targets the forecasts simulated, events[0] has 0.8");
  });

  it("jointDraws(ids, options) is reproducible from its seed and shares one shock per draw", () => {
    const j1 = jointDraws(["b", "a"], { random: createRandom(3), draws: 50, commonShockMonths: 3, rho: 0.5 });
    const j2 = jointDraws(["a", "b"], { random: createRandom(3), draws: 50, commonShockMonths: 3, rho: 0.5 });
    expect(Array.from(j1.shift!)).toEqual(Array.from(j2.shift!));
    expect(Array.from(j1.county.a)).toEqual(Array.from(j2.county.a));
    expect(j1.county.a.length).toBe(150);
    expect(() => jointDraws(["a"], { random: createRandom(3), draws: 50, rho: 1 })).toThrow("jointDraws requires rho in [0, 1), got 1");
  });

  it("jointDraws(..., { commonPaceSd }) adds a pace per draw with that SD and leaves the other draws as they were", () => {
    const plain = jointDraws(["a", "b"], { random: createRandom(3), draws: 4000, commonShockMonths: 3, rho: 0.5 });
    const paced = jointDraws(["a", "b"], { random: createRandom(3), draws: 4000, commonShockMonths: 3, commonPaceSd: 0.1, rho: 0.5 });
    expect(plain.pace).toBeNull();
    expect(Array.from(paced.shift!)).toEqual(Array.from(plain.shift!));
    expect(Array.from(paced.county.b)).toEqual(Array.from(plain.county.b));
    // sample SD of 4000 normals × 0.1: standard error 0.1/√8000 ≈ 0.0011, so within 0.004 (3.5 SE)
    const p = Array.from(paced.pace!);
    const m = p.reduce((s, v) => s + v, 0) / p.length;
    expect(Math.sqrt(p.reduce((s, v) => s + (v - m) ** 2, 0) / (p.length - 1))).toBeCloseTo(0.1, 2);
    expect(() => jointDraws(["a"], { random: createRandom(3), draws: 5, commonPaceSd: 0.6, rho: 0 })).toThrow("jointDraws requires commonPaceSd in 0–0.5 months per month, got 0.6");
  });

  it("simulateCurvePaths with { shift, pace, from } reads the curve at t − (shift + pace·(t − from)) (hand: 2 + 0.1·20 = 4 months late at t = from + 20)", () => {
    const fit = { ...fitPanel(toyPanel({ counties: 3, seed: 2 }), { indicator: "completion_rate", asOf: "2016-06-30" }).counties[0] };
    fit.covariance = fit.covariance.map((r) => r.map(() => 0));
    const from = fit.t[fit.t.length - 1];
    const grid = [from, from + 10, from + 20];
    const curve = curveEvaluator(fitSpace(fit));
    const paths: number[][] = [];
    simulateCurvePaths(fit, grid, createRandom(1), 2, false, (_, path) => paths.push(Array.from(path)), {
      shift: Float64Array.from([2, 0]), pace: Float64Array.from([0.1, 0]), from,
    });
    const at = (t: number) => Math.min(fit.fixedCap, Math.max(fit.y[fit.y.length - 1], curve.value(t, fit.phi)));
    expect(paths[0][2]).toBeCloseTo(at(from + 20 - 4), 12);
    expect(paths[0][1]).toBeCloseTo(at(from + 10 - 3), 12);
    expect(paths[1][2]).toBeCloseTo(at(from + 20), 12);
    expect(paths[1][2] - paths[0][2]).toBeGreaterThan(0.01); // mid-curve: the delay shows
  });
});

describe("supportedProbability", () => {
  it("supportedProbability(p) shows the back-test's bound near 0 and 1, never 100%", () => {
    expect(supportedProbability(1).text).toBe("> 95%");
    expect(supportedProbability(0.999).text).toBe("> 95%");
    expect(supportedProbability(0.95).text).toBe("95%");
    expect(supportedProbability(0.634).text).toBe("63%");
    expect(supportedProbability(0.01).text).toBe("< 5%");
    expect(supportedProbability(0).value).toBe(0.05);
  });
});
