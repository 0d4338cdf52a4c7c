import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { empiricalBayesShrinkage } from "../../src/progress/empirical-bayes-shrinkage.js";
import { fitPanel } from "../../src/progress/fit-panel.js";
import { panelSeries } from "../../src/progress/panel-series.js";
import { toyPanel } from "./panel-fixtures.js";

describe("empiricalBayesShrinkage", () => {
  it("empiricalBayesShrinkage(estimates, variances) matches a DerSimonian–Laird computation in numpy", () => {
    // Reference: /usr/bin/python3 with numpy, the textbook formulas:
    //   w = 1/v; fe = Σwθ/Σw; Q = Σw(θ − fe)²; τ² = max(0, (Q − (m − 1)) / (Σw − Σw²/Σw));
    //   μ = Σθ/(v + τ²) / Σ1/(v + τ²); B = v/(v + τ²); posterior = (1 − B)θ + Bμ
    // θ = [0.1, 0.3, 0.35, 0.6, 0.2], v = [0.01, 0.02, 0.04, 0.05, 0.01] gives
    //   Q = 5.108050847457626, τ² = 0.005147637795275587, μ = 0.2374880021481168,
    //   B = [0.6601689408706954, 0.7953033268101762, 0.8859821233921954, 0.906657147956452, 0.6601689408706954]
    //   posterior = [0.19076530876055017, 0.2502840001428467, 0.2503163812360904, 0.27132590592761613, 0.2247484146734806]
    const eb = empiricalBayesShrinkage([0.1, 0.3, 0.35, 0.6, 0.2], [0.01, 0.02, 0.04, 0.05, 0.01]);
    expect(eb.q).toBeCloseTo(5.108050847457626, 12);
    expect(eb.tau2).toBeCloseTo(0.005147637795275587, 14);
    expect(eb.mean).toBeCloseTo(0.2374880021481168, 12);
    [0.6601689408706954, 0.7953033268101762, 0.8859821233921954, 0.906657147956452, 0.6601689408706954].forEach((b, i) =>
      expect(eb.shrinkage[i]).toBeCloseTo(b, 12),
    );
    [0.19076530876055017, 0.2502840001428467, 0.2503163812360904, 0.27132590592761613, 0.2247484146734806].forEach((p, i) =>
      expect(eb.posteriorMean[i]).toBeCloseTo(p, 12),
    );
  });

  it("empiricalBayesShrinkage(estimates, variances) sets τ² = 0 and shrinks fully when the spread is all noise", () => {
    const eb = empiricalBayesShrinkage([1, 1.01, 0.99], [1, 1, 1]);
    expect(eb.tau2).toBe(0);
    expect(eb.shrinkage).toEqual([1, 1, 1]);
    expect(eb.posteriorMean.every((x) => Math.abs(x - 1) < 1e-12)).toBe(true);
  });

  it("empiricalBayesShrinkage rejects non-positive variances", () => {
    expect(() => empiricalBayesShrinkage([1, 2], [1, 0])).toThrow("empiricalBayesShrinkage requires finite variances > 0, variances[1] is 0");
  });
});

describe("panelSeries", () => {
  it("panelSeries(table) sorts by date, skips missing rates and hides reports after asOf", () => {
    const t = aq.table({
      county_id: ["A", "A", "A", "B"],
      as_of: ["2015-02-28", "2014-12-31", "2015-04-30", "2014-12-31"],
      start_rate: [0.2, 0.1, 0.3, null],
    });
    const s = panelSeries(t, { indicator: "start_rate", asOf: "2015-02-28" });
    expect(s.map((x) => x.countyId)).toEqual(["A", "B"]);
    expect(s[0].dates).toEqual(["2014-12-31", "2015-02-28"]);
    expect(s[0].y).toEqual([0.1, 0.2]);
    expect(s[1].y).toEqual([]);
  });

  it("panelSeries rejects a missing column and duplicate reports", () => {
    const t = aq.table({ county_id: ["A", "A"], as_of: ["2015-02-28", "2015-02-28"], start_rate: [0.1, 0.2] });
    expect(() => panelSeries(t, { indicator: "completion_rate" })).toThrow(/panelSeries requires column completion_rate/);
    expect(() => panelSeries(t, { indicator: "start_rate" })).toThrow("panelSeries requires one report per county and date, county A reports twice on 2015-02-28");
  });
});

describe("fitPanel", () => {
  // A county that reported only 4 times (up to mid-2015) and grows unusually fast, among 20 counties with 30 reports.
  const table = toyPanel({ short: [{ id: "SHORT", reports: 4, k: 0.45, t0: 22 }] });
  const panel = fitPanel(table, { indicator: "completion_rate" });
  const short = panel.counties.find((c) => c.countyId === "SHORT")!;
  const long = panel.counties.find((c) => c.countyId === "C03")!;
  const mu = panel.hyper.typicalParams;

  it("fitPanel(table) recovers the province's typical curve", () => {
    expect(panel.counties).toHaveLength(21);
    expect(mu.cap).toBe(1);
    expect(mu.k).toBeGreaterThan(0.17);
    expect(mu.k).toBeLessThan(0.23);
    expect(mu.t0).toBeGreaterThan(27);
    expect(mu.t0).toBeLessThan(33);
    // the 4-report county is in the moment step too (4 ≥ p + 2 with 2 free parameters), with its large variance
    expect(panel.hyper.countiesInMoments).toBe(21);
  });

  it("fitPanel(table) pulls a 4-report county toward the province", () => {
    expect(short.n).toBe(4);
    // Its own fit (vague prior only) sits far out; the pooled fit is much closer to the province mean.
    expect(Math.abs(short.params.t0 - mu.t0)).toBeLessThan(0.6 * Math.abs(short.ownParams.t0 - mu.t0));
    expect(Math.abs(Math.log(short.params.k / mu.k))).toBeLessThan(0.6 * Math.abs(Math.log(short.ownParams.k / mu.k)));
    expect(short.shrinkage.k).toBeGreaterThan(0.5);
    // measured: own k 0.346, t0 24.2 → pooled k 0.222, t0 29.4 (province k 0.206, t0 29.65); B_k 0.59, B_t0 0.37
    expect(short.params.k).toBeGreaterThan(0.2);
    expect(short.params.k).toBeLessThan(0.25);
  });

  it("fitPanel(table) leaves a 30-report county nearly unchanged", () => {
    expect(long.n).toBe(30);
    // measured: own k 0.29861, t0 28.4149 → pooled k 0.29825, t0 28.4151; B_k 0.0033
    expect(Math.abs(long.params.t0 - long.ownParams.t0)).toBeLessThan(0.15);
    expect(Math.abs(long.params.k / long.ownParams.k - 1)).toBeLessThan(0.03);
    expect(long.shrinkage.k).toBeLessThan(0.1);
    expect(long.shrinkage.t0).toBeLessThan(0.05);
  });

  it("fitPanel(table, { pooling: 'none' }) keeps each county's own fit", () => {
    const none = fitPanel(table, { indicator: "completion_rate", pooling: "none" });
    const s = none.counties.find((c) => c.countyId === "SHORT")!;
    expect(Math.abs(s.params.t0 - short.ownParams.t0)).toBeLessThan(0.5);
  });

  it("fitPanel(table, { estimateCap: true }) estimates ceilings near the plan", () => {
    const capped = fitPanel(table, { indicator: "completion_rate", estimateCap: true });
    expect(capped.hyper.typicalParams.cap).toBeGreaterThan(0.97);
    expect(capped.hyper.typicalParams.cap).toBeLessThan(1.03);
  });

  it("fitPanel rejects invalid options with the field and its range", () => {
    expect(() => fitPanel(table, { indicator: "completion_rate", iterations: -1 })).toThrow("fitPanel requires iterations to be an integer in 0–20, got -1");
    expect(() => fitPanel(table, { indicator: "completion_rate", pooling: "full" as never })).toThrow("fitPanel requires pooling to be partial or none, got full");
  });
});
