import type { ColumnTable } from "arquero";
import { monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import { fitPanelSeries, type FitPanelOptions } from "./fit-panel.js";
import { forecastCurve } from "./forecast-curve.js";
import { lastValueForecast, linearTrendCrossing, linearTrendForecast } from "./naive-forecasts.js";
import { panelSeries, type CountySeries } from "./panel-series.js";
import { observedCrossing, quantileOfSorted } from "./simulate-curve-paths.js";

/** Forecasting methods compared by `backTest`. */
export type BackTestMethod = "pooled" | "unpooled" | "last-value" | "linear-trend";

/** Options of `backTest`: the panel fit's options plus origins, seeded random and scoring choices. */
export interface BackTestOptions extends Omit<FitPanelOptions, "asOf" | "pooling"> {
  /** forecast origins, ISO dates: fit on reports up to each, score the later ones; at least 1 */
  origins: readonly string[];
  /** seeded stream for the predictive draws */
  random: Random;
  /** predictive draws per county and origin, 10–100000; default 200 */
  draws?: number;
  /** central interval whose coverage is scored, in (0, 1); default 0.8 */
  level?: number;
  /** longest horizon scored, months > 0; default 24 */
  maxHorizon?: number;
  /** upper edges of the horizon bins, months, ascending; default [6, 12, 18, 24] */
  horizonBins?: readonly number[];
  /** reports in the naive linear trend, ≥ 2; default 3 */
  trendReports?: number;
  /** level whose crossing date is scored, share; default 0.7 */
  target?: number;
  /** methods to compare; default all four */
  methods?: readonly BackTestMethod[];
}

/** Scores of one method in one horizon bin (or over all horizons: bin "all"). */
export interface BackTestScore {
  method: BackTestMethod;
  /** "≤6", "6–12", …, or "all" */
  horizon: string;
  /** forecast–report pairs scored */
  n: number;
  /** mean absolute error in percentage points */
  maePp: number;
  /** mean error (forecast − report) in percentage points; > 0 = too optimistic */
  biasPp: number;
  /** share of reports inside the central interval (model methods only), 0–1, or null */
  coverage: number | null;
}

/** Scores of the predicted date a county reaches the target. */
export interface BackTestDateScore {
  method: BackTestMethod;
  /** counties (per origin) below the target at the origin that reached it later in the data */
  n: number;
  /** mean absolute error of the predicted date, days, over those with a finite prediction */
  maeDays: number;
  /** predictions that said "not by the horizon" although the county did reach the target */
  missed: number;
}

/** Result of `backTest`. */
export interface BackTestResult {
  indicator: string;
  origins: string[];
  level: number;
  target: number;
  scores: BackTestScore[];
  dateScores: BackTestDateScore[];
}

/**
 * Rolling-origin back-test of panel forecasts against naive baselines.
 *
 * For each origin the panel is refitted on the reports dated up to it (the future is hidden), every
 * county is forecast, and the forecasts are scored against the reports that followed, up to
 * `maxHorizon` months: mean absolute error in percentage points by horizon, the coverage of the
 * central interval (does the 80 % band hold 80 % of later reports?), and the error in days of the
 * predicted date the county reaches the target (70 %). Methods: the partially pooled panel
 * ("pooled", median of the predictive draws), each county on its own ("unpooled"), the last
 * value carried forward and a straight line through the last reports.
 *
 * @param table 双月报 panel (county × report date)
 * @param options indicator, origins, seeded random, draws, interval level, horizons, baselines
 * @returns scores per method and horizon bin, and target-date scores per method
 * @throws {RangeError} for no origins, invalid dates or options, or anything `fitPanel` rejects
 * @example
 * const bt = backTest(data.synthetic.progress, { indicator: "completion_rate", origins: ["2016-06-30"], random: createRandom(3) });
 * bt.scores.find((s) => s.method === "pooled" && s.horizon === "all")?.maePp // a few percentage points
 * @see Tashman (2000), Out-of-sample tests of forecasting accuracy, Int. J. Forecasting 16(4)
 */
export function backTest(table: ColumnTable, options: BackTestOptions): BackTestResult {
  const o = validate(options);
  const full = panelSeries(table, options);
  const bins = o.horizonBins;
  const binLabel = (h: number) => {
    let lo = 0;
    for (const hi of bins) {
      if (h <= hi + 1e-9) return lo === 0 ? `≤${hi}` : `${lo}–${hi}`;
      lo = hi;
    }
    return `>${lo}`;
  };
  const labels = [...bins.map((_, i) => binLabel(bins[i])), "all"];
  type Acc = { n: number; abs: number; err: number; inside: number };
  const acc = new Map<string, Acc>();
  const add = (method: BackTestMethod, bin: string, pred: number, actual: number, inside: boolean | null) => {
    for (const key of [`${method}|${bin}`, `${method}|all`]) {
      const a = acc.get(key) ?? { n: 0, abs: 0, err: 0, inside: 0 };
      a.n++;
      a.abs += Math.abs(pred - actual);
      a.err += pred - actual;
      if (inside) a.inside++;
      acc.set(key, a);
    }
  };
  const dates = new Map<BackTestMethod, { n: number; absDays: number; finite: number; missed: number }>();
  for (const m of o.methods) dates.set(m, { n: 0, absDays: 0, finite: 0, missed: 0 });
  const addDate = (method: BackTestMethod, predicted: number, actual: number) => {
    const d = dates.get(method)!;
    d.n++;
    if (Number.isFinite(predicted)) {
      d.finite++;
      d.absDays += Math.abs(predicted - actual) * (365.2425 / 12);
    } else d.missed++;
  };
  const threshold = o.target - 0.005;
  const end = monthsSinceStart("2019-12-31");

  for (const origin of o.origins) {
    const tOrigin = monthsSinceStart(origin);
    const train: CountySeries[] = full.map((s) => {
      const keep = s.dates.filter((d) => d <= origin).length;
      return { ...s, dates: s.dates.slice(0, keep), t: s.t.slice(0, keep), y: s.y.slice(0, keep) };
    });
    const models = o.methods.filter((m): m is "pooled" | "unpooled" => m === "pooled" || m === "unpooled");
    const fits = new Map(
      models.map((m) => [m, fitPanelSeries(train, { ...options, pooling: m === "pooled" ? "partial" : "none" })] as const),
    );
    const index = new Map(train.filter((s) => s.y.length > 0).map((s, i) => [s.countyId, i]));
    full.forEach((s, ci) => {
      const tr = train[ci];
      const i = index.get(s.countyId);
      if (i === undefined || tr.y.length === 0) return;
      const future = s.t.map((t, j) => ({ t, y: s.y[j] })).filter((p) => p.t > tOrigin + 1e-9 && p.t <= tOrigin + o.maxHorizon + 1e-9);
      const times = future.map((p) => p.t);
      const actualCross = observedCrossing(s.t, s.y, threshold);
      const scoreDate = tr.y[tr.y.length - 1] < threshold && actualCross !== undefined && actualCross > tOrigin;
      for (const method of o.methods) {
        if (method === "pooled" || method === "unpooled") {
          const fit = fits.get(method)!.counties[i];
          const fc = forecastCurve(fit, {
            random: o.random.fork(),
            draws: o.draws,
            horizon: end,
            times,
            level: o.level,
            targets: [o.target],
          });
          future.forEach((p) => {
            const g = fc.t.findIndex((x) => Math.abs(x - p.t) < 1e-9);
            add(method, binLabel(p.t - tOrigin), fc.median[g], p.y, p.y >= fc.lower[g] - 1e-12 && p.y <= fc.upper[g] + 1e-12);
          });
          if (scoreDate) addDate(method, quantileOfSorted(fc.crossings[0].times, 0.5), actualCross!);
        } else if (method === "last-value") {
          const pred = lastValueForecast(tr.y, times);
          future.forEach((p, j) => add(method, binLabel(p.t - tOrigin), pred[j], p.y, null));
          if (scoreDate) addDate(method, Infinity, actualCross!);
        } else {
          const pred = linearTrendForecast(tr.t, tr.y, times, o.trendReports);
          future.forEach((p, j) => add(method, binLabel(p.t - tOrigin), pred[j], p.y, null));
          const cross = linearTrendCrossing(tr.t, tr.y, threshold, o.trendReports);
          if (scoreDate) addDate(method, cross <= end ? cross : Infinity, actualCross!);
        }
      }
    });
  }

  const scores: BackTestScore[] = [];
  for (const method of o.methods) {
    for (const horizon of labels) {
      const a = acc.get(`${method}|${horizon}`);
      if (!a) continue;
      const model = method === "pooled" || method === "unpooled";
      scores.push({ method, horizon, n: a.n, maePp: (100 * a.abs) / a.n, biasPp: (100 * a.err) / a.n, coverage: model ? a.inside / a.n : null });
    }
  }
  const dateScores: BackTestDateScore[] = o.methods.map((method) => {
    const d = dates.get(method)!;
    return { method, n: d.n, maeDays: d.finite ? d.absDays / d.finite : NaN, missed: d.missed };
  });
  return { indicator: options.indicator, origins: [...o.origins], level: o.level, target: o.target, scores, dateScores };
}

function validate(o: BackTestOptions) {
  if (!o.origins || o.origins.length === 0) throw new RangeError("backTest requires at least 1 origin");
  o.origins.forEach((d, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`backTest requires ISO origins, origins[${i}] is ${d}`);
  });
  if (typeof o.random?.normal !== "function") throw new RangeError("backTest requires options.random, a seeded Random (createRandom(seed))");
  const draws = o.draws ?? 200;
  const level = o.level ?? 0.8;
  if (!(level > 0 && level < 1)) throw new RangeError(`backTest requires level in (0, 1), got ${level}`);
  const maxHorizon = o.maxHorizon ?? 24;
  if (!(maxHorizon > 0) || !Number.isFinite(maxHorizon)) throw new RangeError(`backTest requires maxHorizon to be finite months > 0, got ${maxHorizon}`);
  const horizonBins = [...(o.horizonBins ?? [6, 12, 18, 24])];
  horizonBins.forEach((h, i) => {
    if (!(h > 0) || (i > 0 && !(h > horizonBins[i - 1]))) throw new RangeError(`backTest requires ascending positive horizonBins, horizonBins[${i}] is ${h}`);
  });
  const trendReports = o.trendReports ?? 3;
  if (!Number.isInteger(trendReports) || trendReports < 2) throw new RangeError(`backTest requires trendReports to be an integer ≥ 2, got ${trendReports}`);
  const target = o.target ?? 0.7;
  if (!(target > 0) || !Number.isFinite(target)) throw new RangeError(`backTest requires target to be a finite share > 0, got ${target}`);
  const methods = [...(o.methods ?? (["pooled", "unpooled", "last-value", "linear-trend"] as const))];
  for (const m of methods) {
    if (!["pooled", "unpooled", "last-value", "linear-trend"].includes(m)) throw new RangeError(`backTest requires methods among pooled, unpooled, last-value, linear-trend, got ${String(m)}`);
  }
  return { origins: [...o.origins].sort(), random: o.random, draws, level, maxHorizon, horizonBins, trendReports, target, methods };
}
