import { describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { backTest, type BackTestResult } from "../../src/progress/back-test.js";
import { lastValueForecast, linearTrendCrossing, linearTrendForecast } from "../../src/progress/naive-forecasts.js";
import { createRandom } from "../../src/shared/random.js";

describe("naive baselines", () => {
  it("lastValueForecast(y, times) carries the last report forward", () => {
    expect(lastValueForecast([0.2, 0.35], [30, 32])).toEqual([0.35, 0.35]);
  });

  it("linearTrendForecast(t, y, times) extrapolates the last 3 reports between the last value and 100 %", () => {
    const f = linearTrendForecast([20, 26, 28, 30], [0.9, 0.3, 0.4, 0.5], [32, 42, 31]);
    expect(f[0]).toBeCloseTo(0.6, 12);
    expect(f[1]).toBe(1);
    expect(f[2]).toBeCloseTo(0.55, 12);
    expect(linearTrendForecast([1, 2, 3], [0.5, 0.4, 0.3], [5])).toEqual([0.3]);
    expect(linearTrendCrossing([26, 28, 30], [0.3, 0.4, 0.5], 0.7)).toBeCloseTo(34, 12);
    expect(linearTrendCrossing([26, 28, 30], [0.5, 0.5, 0.5], 0.7)).toBe(Infinity);
  });
});

describe("backTest", () => {
  const score = (bt: BackTestResult, method: string, horizon = "all") => bt.scores.find((s) => s.method === method && s.horizon === horizon)!;

  it("backTest(synthetic province) shows the pooled model beating both naive baselines and the unpooled fits", async () => {
    const data = await loadBundledData();
    const bt = backTest(data.synthetic.progress, {
      indicator: "completion_rate",
      origins: ["2016-06-30", "2016-12-31", "2017-06-30"],
      random: createRandom(2014),
      draws: 200,
    });
    const pooled = score(bt, "pooled");
    const unpooled = score(bt, "unpooled");
    const last = score(bt, "last-value");
    const trend = score(bt, "linear-trend");
    // Measured on the bundled synthetic province (seed 20140901), completion rate, horizons up to 24 months:
    // MAE pooled 2.43 pp, unpooled 2.75, last value 29.25, linear trend 7.21 (n = 3643 later reports);
    // 80 % band coverage pooled 0.747; 70 %-date error pooled 39 days (0 missed of 215), linear trend 102 days (20 missed).
    expect(pooled.n).toBe(3643);
    expect(pooled.n).toBe(last.n);
    expect(pooled.maePp).toBeGreaterThan(2.2);
    expect(pooled.maePp).toBeLessThan(2.7);
    expect(last.maePp).toBeCloseTo(29.246, 2);
    expect(trend.maePp).toBeCloseTo(7.206, 2);
    expect(pooled.maePp).toBeLessThan(0.95 * unpooled.maePp);
    expect(pooled.maePp).toBeLessThan(0.2 * last.maePp);
    expect(pooled.maePp).toBeLessThan(0.5 * trend.maePp);
    for (const h of ["≤6", "6–12", "12–18", "18–24"]) {
      expect(score(bt, "pooled", h).maePp).toBeLessThan(score(bt, "last-value", h).maePp);
      expect(score(bt, "pooled", h).maePp).toBeLessThan(score(bt, "linear-trend", h).maePp);
    }
    // raw coverage 0.747 (too narrow); calibrated coverage is tested in calibration.test.ts with binomial tolerances
    expect(pooled.coverage).toBeCloseTo(0.747, 2);
    expect(last.coverage).toBeNull();
    const dates = Object.fromEntries(bt.dateScores.map((d) => [d.method, d]));
    expect(dates.pooled.maeDays).toBeLessThan(60);
    expect(dates.pooled.maeDays).toBeLessThan(dates["linear-trend"].maeDays);
    expect(dates["last-value"].missed).toBe(dates["last-value"].n);
  });

  it("backTest requires at least 1 origin", () => {
    expect(() => backTest(undefined as never, { indicator: "x", origins: [], random: createRandom(1) })).toThrow("backTest requires at least 1 origin");
  });
});
