import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitPanel, type CountyCurveFit } from "../../src/progress/fit-panel.js";
import { forecastCurve } from "../../src/progress/forecast-curve.js";
import { forecastPanel } from "../../src/progress/forecast-panel.js";
import { crossingSummary, targetProbability } from "../../src/progress/target-probability.js";
import { createRandom } from "../../src/shared/random.js";
import { toyPanel } from "./panel-fixtures.js";

const table = toyPanel({ counties: 12, short: [{ id: "SHORT", reports: 6, k: 0.3, t0: 26 }] });
const panel = fitPanel(table, { indicator: "completion_rate", asOf: "2016-06-30" });
const cappedPanel = fitPanel(table, { indicator: "completion_rate", asOf: "2016-06-30", estimateCap: true });

/** An arbitrary county fit: a panel county with perturbed parameters, covariance scale, noise and last report. */
const fitArb = fc
  .record({
    county: fc.integer({ min: 0, max: panel.counties.length - 1 }),
    capped: fc.boolean(),
    shift: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
    covScale: fc.double({ min: 0, max: 50, noNaN: true }),
    sigma: fc.double({ min: 0, max: 0.2, noNaN: true }),
    lastY: fc.double({ min: 0, max: 1.3, noNaN: true }),
  })
  .map(({ county, capped, shift, covScale, sigma, lastY }): CountyCurveFit => {
    const base = (capped ? cappedPanel : panel).counties[county];
    const y = base.y.slice();
    y[y.length - 1] = lastY;
    return {
      ...base,
      phi: base.phi.map((v, j) => Math.min(base.upper[j], Math.max(base.lower[j], v + shift[j] * (base.names[j] === "t0" ? 10 : 0.5)))),
      covariance: base.covariance.map((row) => row.map((v) => v * covScale)),
      sigma,
      y,
    };
  });

describe("forecastCurve", () => {
  it("forecastCurve(fit) gives bands within [0, max(ceiling, last report)] that never fall (property)", () => {
    fc.assert(
      fc.property(fitArb, fc.integer({ min: 0, max: 1e6 }), (fit, seed) => {
        const f = forecastCurve(fit, { random: createRandom(seed), draws: 50 });
        const capMax = fit.names.includes("cap") ? Math.exp(fit.upper[fit.names.indexOf("cap")]) : fit.fixedCap;
        const top = Math.max(capMax, fit.y[fit.y.length - 1]);
        for (const band of [...f.bands, f.mean]) {
          for (let i = 0; i < band.length; i++) {
            expect(band[i]).toBeGreaterThanOrEqual(0);
            expect(band[i]).toBeLessThanOrEqual(top + 1e-12);
            if (i > 0) expect(band[i]).toBeGreaterThanOrEqual(band[i - 1] - 1e-12);
          }
        }
        // quantile bands are ordered
        for (let k = 1; k < f.bands.length; k++) f.bands[k].forEach((v, i) => expect(v).toBeGreaterThanOrEqual(f.bands[k - 1][i] - 1e-12));
      }),
      { numRuns: 60, seed: 20140901 },
    );
  });

  it("forecastCurve(fit) gives probabilities in [0, 1] that never fall as the deadline moves later (property)", () => {
    fc.assert(
      fc.property(fitArb, fc.integer({ min: 0, max: 1e6 }), fc.array(fc.double({ min: 20, max: 80, noNaN: true }), { minLength: 2, maxLength: 8 }), (fit, seed, deadlines) => {
        const f = forecastCurve(fit, { random: createRandom(seed), draws: 50 });
        for (const target of [0.7, 1]) {
          const ps = deadlines.slice().sort((a, b) => a - b).map((d) => targetProbability(f, target, d));
          ps.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
            if (i > 0) expect(p).toBeGreaterThanOrEqual(ps[i - 1]);
          });
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("forecastCurve(fit, { random }) is reproducible from the seed", () => {
    const a = forecastCurve(panel.counties[0], { random: createRandom(5), draws: 100 });
    const b = forecastCurve(panel.counties[0], { random: createRandom(5), draws: 100 });
    expect(a).toEqual(b);
  });

  it("forecastCurve(fit) starts at the last report and reports an observed crossing with probability 1", () => {
    const fit = panel.counties[0];
    const f = forecastCurve(fit, { random: createRandom(1), draws: 100, targets: [0.05, 0.7] });
    expect(f.t[0]).toBe(fit.t[fit.t.length - 1]);
    expect(f.median[0]).toBe(fit.y[fit.y.length - 1]);
    expect(f.crossings[0].observedT).not.toBeNull();
    expect(targetProbability(f, 0.05, fit.t[fit.t.length - 1])).toBe(1);
    const s = crossingSummary(f, 0.7);
    expect(s.alreadyReached).toBe(false);
    expect(s.shareNever).toBeGreaterThanOrEqual(0);
    expect(s.shareNever).toBeLessThanOrEqual(1);
    expect(() => targetProbability(f, 0.5, "2017-12-31")).toThrow("targetProbability requires a target the forecast simulated (0.05, 0.7), got 0.5");
  });

  it("forecastCurve rejects a missing random stream and bad draws", () => {
    expect(() => forecastCurve(panel.counties[0], {} as never)).toThrow("forecastCurve requires options.random, a seeded Random (createRandom(seed))");
    expect(() => forecastCurve(panel.counties[0], { random: createRandom(1), draws: 3 })).toThrow("forecastCurve requires draws to be an integer in 10–100000, got 3");
  });
});

describe("forecastPanel", () => {
  it("forecastPanel(panel) rolls county paths up with the weights and starts from the reported province rate", () => {
    const weights = Object.fromEntries(panel.counties.map((c, i) => [c.countyId, i + 1]));
    const f = forecastPanel(panel, { random: createRandom(3), draws: 100, weights });
    expect(f.counties).toHaveLength(panel.counties.length);
    const total = panel.counties.reduce((a, _, i) => a + i + 1, 0);
    expect(f.weights[panel.counties[0].countyId]).toBeCloseTo(1 / total, 12);
    // the province starts at the weighted mean of the counties' values at the origin
    const h = f.province.history;
    expect(f.province.median[0]).toBeCloseTo(h.y[h.y.length - 1], 12);
    // every county at the origin: weighted mean of last reports (all counties report at the origin here except SHORT)
    const atOrigin = panel.counties.filter((c) => c.dates[c.dates.length - 1] === panel.origin);
    expect(atOrigin.length).toBe(panel.counties.length - 1);
    for (let i = 1; i < f.province.median.length; i++) expect(f.province.median[i]).toBeGreaterThanOrEqual(f.province.median[i - 1] - 1e-12);
    const p1 = targetProbability(f.province, 0.7, "2016-12-31");
    const p2 = targetProbability(f.province, 0.7, "2018-12-31");
    expect(p1).toBeLessThanOrEqual(p2);
    expect(p2).toBe(1);
  });

  it("forecastPanel requires a weight for every county", () => {
    expect(() => forecastPanel(panel, { random: createRandom(1), weights: {} })).toThrow(/forecastPanel requires a weight for county C00/);
  });
});

describe("forecastPanel with a common shock", () => {
  it("forecastPanel(panel, { commonShockMonths }) widens the province band and leaves it unchanged at 0", async () => {
    const { loadBundledData } = await import("../../src/data/load-bundled-data.js");
    const data = await loadBundledData();
    const panel = fitPanel(data.synthetic.progress, { indicator: "completion_rate", asOf: "2016-04-30" });
    const width = (shock: number | undefined) => {
      const f = forecastPanel(panel, { random: createRandom(9), draws: 200, ...(shock === undefined ? {} : { commonShockMonths: shock }) });
      const g = f.province.t.findIndex((t) => t >= 46); // about October 2017
      // Default level 0.8: lower and upper are the 10% and 90% quantiles.
      return f.province.upper[g] - f.province.lower[g];
    };
    const none = width(undefined);
    expect(width(0)).toBe(none);
    const shocked = width(3);
    // County noise averages away over 109 counties; a shared 3-month delay does not.
    expect(shocked).toBeGreaterThan(3 * none);
    expect(shocked).toBeGreaterThan(0.05);
  });
});
