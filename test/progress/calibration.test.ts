import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { backTest, METHOD_BACK_TEST_ORIGINS, type BackTestPoint, type BackTestResult } from "../../src/progress/back-test.js";
import { calibratePaths, forecastCalibration } from "../../src/progress/forecast-calibration.js";
import { pitUniformity, regularizedGammaQ } from "../../src/progress/pit-uniformity.js";
import { createRandom } from "../../src/shared/random.js";
import { provinceBackTest } from "../../src/progress/province-back-test.js";
import { COMMON_PACE_SD, COMMON_SHOCK_MONTHS, PROVINCE_CHECK } from "../../src/report/progress-section.js";

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

// The method back-test of the report (src/report/progress-section.ts): five origins, seed 2014, 200 draws;
// completion with all four methods and the 70 % dates, the other indicators with the pooled model and the naive baselines.
const INDICATORS = ["start_rate", "completion_rate", "equipment_rate", "funds_rate"] as const;
const runs = new Map<string, BackTestResult>();
beforeAll(async () => {
  const data = await loadBundledData();
  for (const indicator of INDICATORS) {
    const full = indicator === "completion_rate";
    runs.set(indicator, backTest(data.synthetic.progress, {
      indicator, origins: METHOD_BACK_TEST_ORIGINS, random: createRandom(2014), draws: 200,
      methods: full ? undefined : ["pooled", "last-value", "linear-trend"], scoreDates: full, keepPoints: true,
    }));
  }
}, 240_000);
const row = (bt: BackTestResult, method: string, band: string) => bt.probabilistic.find((p) => p.method === method && p.band === band)!;
// Tolerance for a coverage c over n points: the issue's ±3 points, or 2.576 binomial SEs if tighter (99 % two-sided).
const tol = (c: number, n: number, deff = 1) => Math.min(0.03, 2.576 * Math.sqrt((deff * c * (1 - c)) / n));
/**
 * Design effect of a coverage share over county × origin clusters (linearised ratio variance / binomial variance):
 * one county's reports after one origin share its miss, so the binomial SE of a coverage understates its
 * sampling error. Hand formula as in pitUniformity (Rao & Scott 1981); ≥ 1.
 */
function coverageDesignEffect(points: readonly BackTestPoint[], level: number): number {
  const inside = (p: BackTestPoint) => (p.pit >= (1 - level) / 2 && p.pit <= (1 + level) / 2 ? 1 : 0);
  const n = points.length;
  const c = points.reduce((s, p) => s + inside(p), 0) / n;
  const byCluster = new Map<string, { m: number; x: number }>();
  for (const p of points) {
    const k = `${p.origin}|${p.countyId}`;
    const e = byCluster.get(k) ?? { m: 0, x: 0 };
    e.m++;
    e.x += inside(p);
    byCluster.set(k, e);
  }
  const C = byCluster.size;
  let ss = 0;
  for (const e of byCluster.values()) ss += (e.x - c * e.m) ** 2;
  return Math.max(1, ((C / (C - 1)) * ss) / (n * n) / ((c * (1 - c)) / n));
}
/**
 * Cells known to miss the 2.576-SE criterion while inside ±3 points, always on the wide (conservative) side.
 * Completion 0–6 months at 95 %: 0.962–0.969 over seeds 1, 2, 3 and 2014 — each origin is calibrated on the
 * others, whose short-horizon misses differ by origin (a province-wide shock), so the borrowed tails are a
 * mixture and a little too wide.
 */
const KNOWN_WIDE = new Set(["completion_rate 0–6 0.95"]);
const bandOf = (h: number) => (h <= 6 + 1e-9 ? "0–6" : h <= 12 + 1e-9 ? "6–12" : "12–24");

describe.each(INDICATORS)("backTest calibration (synthetic province, %s, 5 origins)", (indicator) => {
  it("the raw model's bands fail: PIT uniformity rejected even after the clustering correction (p < 1e-3)", () => {
    const bt = runs.get(indicator)!;
    expect(row(bt, "pooled", "all").n).toBe(5698);
    expect(bt.pit!.raw.clusteredPValue).toBeLessThan(1e-3);
  });

  it("cross-fitted calibrated coverage within min(3 points, 2.576 SE) of 50/80/95 % overall and in each horizon band (SE: binomial × county-cluster design effect)", () => {
    const bt = runs.get(indicator)!;
    expect(bt.crossFit).toBe("leave-one-origin-out");
    for (const band of ["0–6", "6–12", "12–24", "all"]) {
      const r = row(bt, "pooled-calibrated", band);
      expect(r.n).toBe(row(bt, "pooled", band).n);
      const pts = bt.points!.filter((p) => band === "all" || bandOf(p.horizon) === band);
      expect(pts.length).toBe(r.n);
      ([[0.5, r.coverage50!], [0.8, r.coverage80!], [0.95, r.coverage95!]] as const).forEach(([nominal, c]) => {
        const deff = coverageDesignEffect(pts, nominal);
        const what = `${indicator} ${band} at ${nominal}: ${c} (design effect ${deff.toFixed(2)})`;
        expect(Math.abs(c - nominal), what).toBeLessThanOrEqual(0.03);
        if (KNOWN_WIDE.has(`${indicator} ${band} ${nominal}`)) expect(c, what).toBeGreaterThan(nominal);
        else expect(Math.abs(c - nominal), what).toBeLessThanOrEqual(tol(nominal, r.n, deff));
      });
    }
  });

  it("the calibrated PIT passes the chi-square test of uniformity (10 bins, Rao–Scott corrected for county × origin clusters, p > 0.01)", () => {
    const bt = runs.get(indicator)!;
    expect(bt.pit!.calibrated.n).toBe(5698);
    expect(bt.pit!.calibrated.designEffect).toBeGreaterThan(1);
    expect(bt.pit!.calibrated.clusteredPValue, JSON.stringify(bt.pit!.calibrated.counts)).toBeGreaterThan(0.01);
  });

  it("calibration costs little sharpness: CRPS of the calibrated model below the naive baselines' MAE", () => {
    const bt = runs.get(indicator)!;
    const cal = row(bt, "pooled-calibrated", "all");
    expect(cal.crpsPp).toBeLessThan(row(bt, "pooled", "all").crpsPp + 0.15);
    expect(cal.crpsPp).toBeLessThan(row(bt, "linear-trend", "all").crpsPp);
    expect(row(bt, "last-value", "all").crpsPp).toBeCloseTo(row(bt, "last-value", "all").maePp, 12);
    expect(row(bt, "last-value", "all").coverage80).toBeNull();
    expect(bt.calibration!.n).toBe(5698);
    expect(bt.calibration!.bands.map((b) => b.label)).toEqual(["0–6", "6–12", "12–24"]);
  });
});

// The province-wide shock (jointDraws: a fixed delay, SD a = 3 months, and a pace, SD b = 0.10 months of delay per
// month ahead) against the province roll-up of later reports, at 6 / 12 / 18 / 24 months after each of the five
// origins (20 points, 4 per origin: the points of one origin share its miss, so this is a count, not a rate).
// Calibration: completion's, estimated on all five origins (in sample for the county shape; the shock is what is checked).
describe("provinceBackTest (synthetic province, completion, 5 origins)", () => {
  it("the horizon-growing shock widens the province band with the months ahead; counts reported", async () => {
    const data = await loadBundledData();
    const cal = runs.get("completion_rate")!.calibration;
    const run = (b: number) => provinceBackTest(data.synthetic.progress, {
      indicator: "completion_rate", origins: METHOD_BACK_TEST_ORIGINS, random: createRandom(2014), draws: 200,
      commonShockMonths: COMMON_SHOCK_MONTHS, commonPaceSd: b, calibration: cal,
    });
    const fixed = run(0);
    const pace = run(COMMON_PACE_SD);
    expect(pace.points.length).toBe(PROVINCE_CHECK.points);
    // Counts, pinned so the page's sentence (PROVINCE_CHECK) stays true: 18 / 20 / 20 of 20 inside the 50 / 80 / 90 %
    // bands — more than nominal (10 / 16 / 18): the province bands are wide, not narrow, on this panel.
    expect(pace.inside).toEqual([PROVINCE_CHECK.inside50, PROVINCE_CHECK.inside80, PROVINCE_CHECK.inside90]);
    expect(fixed.inside).toEqual([18, 20, 20]);
    // The 2015-06-30 origin's province miss (the README's −11 to −14 points): at 18 months the roll-up of the reports
    // is 55.5 % against a median of 72.9 % — outside the 50 % band, inside the 80 % band.
    const miss = pace.points.find((p) => p.origin === "2015-06-30" && p.date === "2016-12-31")!;
    expect(100 * miss.actual).toBeCloseTo(55.5, 1);
    expect(100 * miss.median).toBeCloseTo(72.9, 1);
    expect(miss.inside).toEqual([false, true, true]);
    // 80 % band widths summed over the five origins, at the first (6–8 months) and the last (24–26 months) date
    const width = (r: typeof pace, long: boolean) => r.points.filter((p) => (long ? p.horizon > 23 : p.horizon < 9)).reduce((s, p) => s + p.band80[1] - p.band80[0], 0);
    // measured: first dates 166.0 → 162.6 points (the pace adds 0.06 month of delay SD at 6 months: noise), last dates 73.5 → 89.0 points
    expect(width(pace, true) - width(fixed, true)).toBeGreaterThan(width(pace, false) - width(fixed, false));
  });
});
