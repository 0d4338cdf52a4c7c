import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { backTest, type BackTestResult } from "../../src/progress/back-test.js";
import { calibratePaths, forecastCalibration } from "../../src/progress/forecast-calibration.js";
import { pitUniformity, regularizedGammaQ } from "../../src/progress/pit-uniformity.js";
import { createRandom } from "../../src/shared/random.js";

describe("pitUniformity", () => {
  it("regularizedGammaQ(df/2, x/2) is the chi-square upper tail of scipy", () => {
    // scipy 1.10: stats.chi2.sf(15.3, 9), stats.chi2.sf(150, 9), stats.chi2.sf(3.1, 9)
    expect(regularizedGammaQ(4.5, 15.3 / 2)).toBeCloseTo(0.08301828623864689, 12);
    expect(regularizedGammaQ(4.5, 150 / 2) / 8.819629954805395e-28).toBeCloseTo(1, 8);
    expect(regularizedGammaQ(4.5, 3.1 / 2)).toBeCloseTo(0.9601978505188749, 12);
  });

  it("pitUniformity(pit) counts bins and tests them (hand: counts 5 of 10 in the top bin)", () => {
    const even = pitUniformity([0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]);
    expect(even.chiSquare).toBe(0);
    expect(even.pValue).toBe(1);
    const top = pitUniformity([0.91, 0.92, 0.93, 0.94, 0.95, 0.1, 0.3, 0.5, 0.7, 1]);
    // expected 1 per bin; 10 bins: top bin 6 (1 included), 4 bins with 1, 5 empty → (25 + 5·1)/1 = 30
    expect(top.counts[9]).toBe(6);
    expect(top.chiSquare).toBeCloseTo(30, 12);
    expect(() => pitUniformity([1.2])).toThrow("pitUniformity requires values in [0, 1], pit[0] is 1.2");
  });
});

describe("calibratePaths", () => {
  it("calibratePaths keeps ranks, stays at or above the last report and keeps paths cumulative", () => {
    const cal = forecastCalibration(Array.from({ length: 400 }, (_, i) => ({ horizon: 1 + (i % 20), residual: -3 + (6 * i) / 399 })));
    const r = createRandom(5);
    const grid = [0, 2, 4, 6];
    const columns = grid.map((_, g) => Float64Array.from({ length: 50 }, () => (g === 0 ? 0.3 : 0.3 + 0.05 * g + 0.02 * r.normal())));
    const before = Float64Array.from(columns[2]);
    calibratePaths(grid, columns, 0.3, cal);
    for (let d = 0; d < 50; d++) {
      for (let g = 1; g < 4; g++) expect(columns[g][d]).toBeGreaterThanOrEqual(Math.max(0.3, columns[g - 1][d]));
    }
    // the lowest raw draw at g = 2 is still among the lowest after recalibration (before the running max)
    const lowest = before.indexOf(Math.min(...before));
    expect(columns[2][lowest]).toBeLessThanOrEqual(Array.from(columns[2]).sort((a, b) => a - b)[10]);
  });
});

describe("calibratePaths with a ceiling", () => {
  it("calibratePaths(grid, columns, lastY, cal, 1.02) keeps every draw at or below the ceiling, and the ceiling only cuts the top", () => {
    // Residuals far above the median (a model that lagged badly in its back-test) push raw draws past the plan.
    const cal = forecastCalibration(Array.from({ length: 400 }, (_, i) => ({ horizon: 1 + (i % 20), residual: 2 + (6 * i) / 399 })));
    const grid = [0, 6];
    const make = () => grid.map((_, g) => Float64Array.from({ length: 100 }, (_, d) => (g === 0 ? 0.36 : 0.5 + 0.2 * (d / 99))));
    const free = make();
    calibratePaths(grid, free, 0.36, cal);
    expect(Math.max(...free[1])).toBeGreaterThan(1.05); // without a ceiling: beyond anything reported
    const capped = make();
    calibratePaths(grid, capped, 0.36, cal, 1.02);
    expect(Math.max(...capped[1])).toBe(1.02);
    // below the ceiling the draws are the uncapped ones
    for (let d = 0; d < 100; d++) expect(capped[1][d]).toBe(Math.min(1.02, free[1][d]));
  });
});

describe("backTest calibration (synthetic province, completion rate)", () => {
  let bt: BackTestResult;
  beforeAll(async () => {
    const data = await loadBundledData();
    bt = backTest(data.synthetic.progress, { indicator: "completion_rate", origins: ["2016-06-30", "2016-12-31", "2017-06-30"], random: createRandom(2014), draws: 200 });
  }, 60_000);
  const row = (method: string, band: string) => bt.probabilistic.find((p) => p.method === method && p.band === band)!;
  // Tolerance for a coverage c over n points: the issue's ±3 points, or 2.576 binomial SEs if tighter (99 % two-sided).
  const tol = (c: number, n: number) => Math.min(0.03, 2.576 * Math.sqrt((c * (1 - c)) / n));

  it("backTest(...).probabilistic shows the raw model's bands too narrow (coverage below nominal by more than 3 SE at 80 % and 95 %)", () => {
    // Measured 2026-12-06, 3 origins × 110 counties, 200 draws: raw 0.504 / 0.744 / 0.855 at 50 / 80 / 95 %.
    const all = row("pooled", "all");
    expect(all.n).toBe(3643);
    expect(all.coverage80!).toBeLessThan(0.8 - 3 * Math.sqrt(0.16 / all.n));
    expect(all.coverage95!).toBeLessThan(0.95 - 3 * Math.sqrt(0.0475 / all.n));
    expect(all.coverage80!).toBeCloseTo(0.744, 2);
    expect(all.coverage95!).toBeCloseTo(0.855, 2);
    expect(bt.pit!.raw.pValue).toBeLessThan(1e-20);
  });

  it("backTest(...) cross-fitted calibrated bands cover within ±3 points (and 2.576 binomial SE) of 50/80/95 % overall and in each horizon band", () => {
    // Independent check (scripts/check-calibration.py, numpy type-7 quantiles over the exported draws,
    // scripts/export-back-test-points.js): 0–6 n 687: 0.491 / 0.795 / 0.943; 6–12 n 1108: 0.487 / 0.790 / 0.946;
    // 12–24 n 1848: 0.490 / 0.786 / 0.942; all n 3643: 0.489 / 0.789 / 0.943; CRPS 1.91 pp, MAE 2.47 pp.
    expect(bt.crossFit).toBe("leave-one-origin-out");
    for (const band of ["0–6", "6–12", "12–24", "all"]) {
      const r = row("pooled-calibrated", band);
      expect(r.n).toBe(row("pooled", band).n);
      ([[0.5, r.coverage50!], [0.8, r.coverage80!], [0.95, r.coverage95!]] as const).forEach(([nominal, c]) => {
        expect(Math.abs(c - nominal), `${band} at ${nominal}: ${c}`).toBeLessThanOrEqual(tol(nominal, r.n));
      });
    }
    expect(row("pooled-calibrated", "all").coverage80).toBeCloseTo(0.789, 2);
    expect(row("pooled-calibrated", "all").crpsPp).toBeCloseTo(1.91, 1);
  });

  it("backTest(...).pit: the calibrated PIT passes the chi-square test of uniformity (10 bins)", () => {
    // scipy.stats.chisquare over the mid-rank PIT of the exported draws: chi2 4.96, p 0.84; KS p 0.79
    expect(bt.pit!.calibrated.n).toBe(3643);
    expect(bt.pit!.calibrated.pValue).toBeGreaterThan(0.05);
  });

  it("backTest(...).probabilistic: calibration costs little sharpness — CRPS of the calibrated model well below the naive baselines'", () => {
    const cal = row("pooled-calibrated", "all");
    expect(cal.crpsPp).toBeLessThan(row("pooled", "all").crpsPp + 0.1);
    expect(cal.crpsPp).toBeLessThan(0.5 * row("linear-trend", "all").crpsPp);
    expect(row("last-value", "all").crpsPp).toBeCloseTo(row("last-value", "all").maePp, 12);
    expect(row("last-value", "all").coverage80).toBeNull();
    expect(bt.calibration!.n).toBe(3643);
    expect(bt.calibration!.bands.map((b) => b.label)).toEqual(["0–6", "6–12", "12–24"]);
  });
});
