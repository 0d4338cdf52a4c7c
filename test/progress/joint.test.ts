import { describe, expect, it } from "vitest";
import type { CurveForecast } from "../../src/progress/forecast-curve.js";
import { jointDraws } from "../../src/progress/forecast-panel.js";
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
