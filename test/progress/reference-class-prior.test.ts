import { beforeAll, describe, expect, it } from "vitest";
import { bandNarrowingChart } from "../../src/charts/band-narrowing-chart.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { bandNarrowing } from "../../src/progress/band-narrowing.js";
import { fitPanel } from "../../src/progress/fit-panel.js";
import { referenceClassPrior, type ReferenceObservation } from "../../src/progress/reference-class-prior.js";
import { bimonthlyReportDates, monthsSinceStart } from "../../src/shared/dates.js";
import { createRandom } from "../../src/shared/random.js";
import { toyPanel } from "./panel-fixtures.js";

let observations: ReferenceObservation[] = [];
beforeAll(async () => {
  const data = await loadBundledData();
  const rows = (t: { objects(): object[] } | undefined) => (t ? (t.objects() as Record<string, unknown>[]) : []);
  const as = (r: Record<string, unknown>, provenance: "real" | "seed"): ReferenceObservation => ({
    region: String(r.region),
    region_level: String(r.region_level),
    indicator: String(r.indicator),
    as_of: r.as_of ? String(r.as_of) : null,
    value_share: typeof r.value_share === "number" ? r.value_share : null,
    qualifier: r.qualifier == null ? null : String(r.qualifier),
    provenance,
  });
  observations = [...rows(data.real.progress_observations).map((r) => as(r, "real")), ...rows(data.seeds.progress_rates).map((r) => as(r, "seed"))];
});

const logistic = (t: number, k: number, t0: number) => 1 / (1 + Math.exp(-k * (t - t0)));

describe("referenceClassPrior", () => {
  it("referenceClassPrior(real and seed rows) centres the prior inside the range of the real points", () => {
    const ref = referenceClassPrior(observations, { indicator: "completion_rate" });
    // 27 province/city completion figures from 25 regions, 2015-06 (Shandong seed) to 2017-10 (Yunnan, Ningde).
    expect(ref.points.length).toBe(27);
    expect(ref.regions).toBe(25);
    expect(ref.tRange[0]).toBeCloseTo(17.9, 1);
    expect(ref.tRange[1]).toBeCloseTo(46.0, 1);
    expect(ref.yRange).toEqual([0.1742, 0.943]);
    expect(ref.names).toEqual(["k", "t0"]);
    // Pooled logistic: k ≈ 0.151 per month, inflection ≈ month 29.0 (2016-06).
    expect(ref.params.k).toBeCloseTo(0.151, 3);
    expect(ref.params.t0).toBeCloseTo(28.99, 2);
    expect(ref.params.t0).toBeGreaterThan(ref.tRange[0]);
    expect(ref.params.t0).toBeLessThan(ref.tRange[1]);
    // At the months of the points, the centre curve stays within the points' range of shares.
    for (const p of ref.points) {
      const v = logistic(p.t, ref.params.k, ref.params.t0);
      expect(v).toBeGreaterThan(ref.yRange[0] - 0.05);
      expect(v).toBeLessThan(ref.yRange[1] + 0.05);
    }
    // Spread of implied inflection months 5.70, times the county factor 1.5: SD of t0 8.55 months.
    expect(ref.timingSpread).toBeCloseTo(5.7, 2);
    expect(ref.sd[1]).toBeCloseTo(8.55, 2);
    expect(ref.sd[0]).toBe(0.4);
    expect(ref.points.every((p) => p.provenance === "real" || p.provenance === "seed")).toBe(true);
  });

  it("referenceClassPrior(start_rate rows) gives an earlier inflection than completion", () => {
    const start = referenceClassPrior(observations, { indicator: "start_rate" });
    expect(start.points.length).toBe(22);
    expect(start.params.t0).toBeCloseTo(24.24, 2);
    expect(start.params.t0).toBeLessThan(referenceClassPrior(observations, { indicator: "completion_rate" }).params.t0);
  });

  it("referenceClassPrior rejects too few points and bad options", () => {
    expect(() => referenceClassPrior(observations, { indicator: "no_such_rate" })).toThrow("referenceClassPrior requires at least 3 province- or city-level points of no_such_rate, got 0");
    expect(() => referenceClassPrior(observations, { indicator: "completion_rate", countySpreadFactor: 0.5 })).toThrow("referenceClassPrior requires countySpreadFactor to be finite and ≥ 1, got 0.5");
  });
});

describe("fitPanel with a reference-class prior", () => {
  it("fitPanel(table, { prior: referenceClassPrior(...) }) pulls a county with 2 reports toward the reference class", () => {
    const ref = referenceClassPrior(observations, { indicator: "completion_rate" });
    // S1: a fast county (true t0 = 22) with only its first two reports, 3.6 % and 7.2 %.
    const table = toyPanel({ short: [{ id: "S1", reports: 2, k: 0.25, t0: 22 }] });
    const own = fitPanel(table, { indicator: "completion_rate", pooling: "none" }).counties.find((c) => c.countyId === "S1")!;
    const panel = fitPanel(table, { indicator: "completion_rate", prior: ref });
    const pulled = panel.counties.find((c) => c.countyId === "S1")!;
    expect(panel.hyper.method).toBe("fixed prior (not estimated from the counties)");
    expect(panel.hyper.mean).toEqual(ref.mean);
    expect(own.params.t0).toBeCloseTo(19.16, 1);
    expect(pulled.params.t0).toBeCloseTo(26.23, 1);
    // Between its own fit and the reference class, much nearer the reference class (2.8 vs 9.8 months).
    expect(pulled.params.t0).toBeGreaterThan(own.params.t0);
    expect(pulled.params.t0).toBeLessThan(ref.params.t0);
    expect(Math.abs(pulled.params.t0 - ref.params.t0)).toBeLessThan(Math.abs(own.params.t0 - ref.params.t0) / 3);
    // A county with 30 reports barely moves: its own data dominate.
    const full = panel.counties.find((c) => c.countyId === "C00")!;
    const provinceFull = fitPanel(table, { indicator: "completion_rate" }).counties.find((c) => c.countyId === "C00")!;
    expect(Math.abs(full.params.t0 - provinceFull.params.t0)).toBeLessThan(0.1);
  });

  it("fitPanel rejects a prior with the wrong parameters", () => {
    const table = toyPanel();
    expect(() => fitPanel(table, { indicator: "completion_rate", prior: { mean: [0], sd: [1] } })).toThrow("fitPanel requires prior.mean and prior.sd for the parameters k, t0");
    expect(() => fitPanel(table, { indicator: "completion_rate", prior: { mean: [0, 30], sd: [1, 0] } })).toThrow("fitPanel requires prior.sd to be finite and > 0, prior.sd[1] is 0");
    expect(() => fitPanel(table, { indicator: "completion_rate", pooling: "none", prior: { mean: [0, 30], sd: [1, 5] } })).toThrow("fitPanel requires pooling partial when a prior is given");
  });
});

describe("bandNarrowing", () => {
  // A synthetic county (not real data): logistic k = 0.16, t0 = 33, reports every two months 2014-10…2017-10.
  const dates = bimonthlyReportDates("2014-10-01", "2017-10-31");
  const y = dates.map((d) => Math.round(logistic(monthsSinceStart(d), 0.16, 33) * 1e4) / 1e4);

  it("bandNarrowing(county, { prior }) narrows the deadline band as reports are added", () => {
    const ref = referenceClassPrior(observations, { indicator: "completion_rate" });
    const b = bandNarrowing({ id: "X", name: "合成县", dates, y }, { prior: ref, random: createRandom(5) });
    const w = b.steps.map((s) => s.width);
    // Measured with seed 5, 400 draws: width of the 10–90 % band of completion at 2017-12-31
    // 0.254 (prior only), 0.246, 0.253, 0.272, 0.270, 0.241, 0.182, 0.145, 0.121, 0.094, …, 0.054 (19 reports).
    expect(w[0]).toBeCloseTo(0.254, 2);
    expect(w[6]).toBeCloseTo(0.182, 2);
    expect(w[19]).toBeCloseTo(0.054, 2);
    // With 1–2 reports (both under 2 %) the forecast is the reference class's: medians within 2 points of the prior's 0.935.
    expect(b.steps[0].median).toBeCloseTo(0.935, 2);
    for (const s of b.steps.slice(1, 3)) expect(Math.abs(s.median - b.steps[0].median)).toBeLessThan(0.02);
    // With all reports the median settles near the county's own curve (0.916 on the noise-free logistic).
    expect(b.steps[19].median).toBeCloseTo(0.914, 2);
    expect(b.steps.length).toBe(dates.length + 1);
    // Weakly monotone: never more than 3 points wider than any earlier step.
    w.forEach((v, n) => w.slice(0, n).forEach((u) => expect(v).toBeLessThan(u + 0.03)));
    expect(w[w.length - 1]).toBeLessThan(w[0] / 4);
  });

  it("bandNarrowingChart(narrowing) marks the county synthetic and the prior real in the footnote", () => {
    const ref = referenceClassPrior(observations, { indicator: "completion_rate" });
    const b = bandNarrowing({ id: "X", name: "合成县", dates: dates.slice(0, 4), y: y.slice(0, 4) }, { prior: ref, random: createRandom(5), draws: 100 });
    const chart = bandNarrowingChart(b, { indicator: "completion_rate", provenance: "synthetic", source: "toy", priorSource: "27 points", lang: "en" });
    expect(chart.provenance).toBe("synthetic");
    expect(chart.source).toBe("toy; prior: 27 points (real published figures)");
    expect(chart.rows.map((r) => r.reports)).toEqual([0, 1, 2, 3, 4]);
    expect(chart.id).toBe("band-narrowing-X-completion-rate");
  });
});
