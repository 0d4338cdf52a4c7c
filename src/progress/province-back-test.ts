import type { ColumnTable } from "arquero";
import { monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import type { ForecastCalibration } from "./forecast-calibration.js";
import { fitPanel } from "./fit-panel.js";
import { forecastPanel, jointDraws } from "./forecast-panel.js";
import { panelSeries } from "./panel-series.js";

/** One scored province point of `provinceBackTest`: the roll-up of later reports against the province band. */
export interface ProvinceBackTestPoint {
  origin: string;
  date: string;
  /** months after the origin */
  horizon: number;
  /** the province roll-up of the reports on that date (0–1) */
  actual: number;
  median: number;
  /** the central 80 % band */
  band80: [number, number];
  /** inside the central 50 / 80 / 90 % band (closed) */
  inside: [boolean, boolean, boolean];
}

/** Result of `provinceBackTest`: the points and the counts inside each band. */
export interface ProvinceBackTestResult {
  points: ProvinceBackTestPoint[];
  levels: [0.5, 0.8, 0.9];
  /** points inside the 50 / 80 / 90 % band, of `points.length` */
  inside: [number, number, number];
  /** origins with at least one point outside the 80 % band */
  originsMissed80: string[];
}

/**
 * Province-level back-test of the shared shock: at each origin the panel is refitted on the reports up
 * to it and forecast with the province-wide shock (`jointDraws`) and the county calibration, and the
 * province roll-up of the reports at the later `horizons` (months after the origin, on report dates)
 * is compared with the province band. The county back-test cannot check this: its counties are
 * simulated independently, so it says nothing about what all counties miss together. With few
 * origins the points of one origin share its miss; read the result as counts, not as a coverage rate.
 * The roll-up is the unweighted mean of the counties (the province band is computed the same way).
 *
 * @param table 双月报 panel (county × report date)
 * @param options indicator, origins, seeded random, draws, shock (a months, b months per month), calibration, horizons
 * @returns each scored point and the counts inside the 50 / 80 / 90 % bands
 * @throws {RangeError} for an origin with no report after it at a requested horizon, or anything `fitPanel` rejects
 * @example
 * provinceBackTest(progress, { indicator: "completion_rate", origins: ["2015-06-30"], random: createRandom(1), commonShockMonths: 3, commonPaceSd: 0.1, calibration: bt.calibration }).inside
 */
export function provinceBackTest(
  table: ColumnTable,
  options: {
    indicator: string;
    origins: readonly string[];
    random: Random;
    draws?: number;
    commonShockMonths: number;
    commonPaceSd: number;
    calibration: ForecastCalibration | null;
    horizons?: readonly number[];
  },
): ProvinceBackTestResult {
  const draws = options.draws ?? 200;
  const horizons = options.horizons ?? [6, 12, 18, 24];
  const series = panelSeries(table, { indicator: options.indicator });
  const allDates = [...new Set(series.flatMap((s) => s.dates))].sort();
  const points: ProvinceBackTestPoint[] = [];
  for (const origin of options.origins) {
    const tOrigin = monthsSinceStart(origin);
    // the report date nearest each horizon (reports are two-monthly)
    const dates = horizons
      .map((h) => allDates.filter((d) => d > origin).find((d) => monthsSinceStart(d) >= tOrigin + h - 1e-9))
      .filter((d): d is string => d !== undefined);
    if (dates.length === 0) continue;
    const panel = fitPanel(table, { indicator: options.indicator, asOf: origin });
    const joint = jointDraws(panel.counties.map((c) => c.countyId), {
      random: options.random.fork(),
      draws,
      commonShockMonths: options.commonShockMonths,
      commonPaceSd: options.commonPaceSd,
      rho: 0,
    });
    const times = dates.map((d) => monthsSinceStart(d));
    const fc = forecastPanel(panel, { random: options.random.fork(), draws, times, joint, calibration: options.calibration }).province;
    const ids = new Set(panel.counties.map((c) => c.countyId));
    dates.forEach((date, k) => {
      const i = fc.t.findIndex((t) => Math.abs(t - times[k]) < 1e-9);
      const q = (p: number) => fc.bands[fc.quantiles.findIndex((x) => Math.abs(x - p) < 1e-12)][i];
      // the roll-up of what the counties forecast reported on that date (their last report up to it)
      let sum = 0;
      let n = 0;
      for (const s of series) {
        if (!ids.has(s.countyId)) continue;
        const j = s.dates.filter((d) => d <= date).length - 1;
        if (j < 0) continue;
        sum += s.y[j];
        n++;
      }
      const actual = sum / n;
      const inside = ([[0.25, 0.75], [0.1, 0.9], [0.05, 0.95]] as const).map(([lo, hi]) => actual >= q(lo) - 1e-12 && actual <= q(hi) + 1e-12) as [boolean, boolean, boolean];
      points.push({ origin, date, horizon: times[k] - tOrigin, actual, median: fc.median[i], band80: [q(0.1), q(0.9)], inside });
    });
  }
  const count = (k: number) => points.filter((p) => p.inside[k]).length;
  return {
    points,
    levels: [0.5, 0.8, 0.9],
    inside: [count(0), count(1), count(2)],
    originsMissed80: [...new Set(points.filter((p) => !p.inside[1]).map((p) => p.origin))],
  };
}
