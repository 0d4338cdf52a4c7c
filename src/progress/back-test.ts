import type { ColumnTable } from "arquero";
import { monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import { fitPanelSeries, type FitPanelOptions } from "./fit-panel.js";
import { forecastCurve } from "./forecast-curve.js";
import { lastValueForecast, linearTrendCrossing, linearTrendForecast } from "./naive-forecasts.js";
import { panelSeries, type CountySeries } from "./panel-series.js";
import { calibratePaths, CEILING_MARGIN, drawLocationScale, forecastCalibration, type CalibrationResidual, type ForecastCalibration } from "./forecast-calibration.js";
import { pitUniformity, type PitUniformity } from "./pit-uniformity.js";
import { observedCrossing, quantileOfSorted, simulateCurvePaths } from "./simulate-curve-paths.js";

/**
 * Origins of the method back-test on a full panel: every half year from mid-2015 to mid-2017, each followed by
 * 24 months of reports. Five origins, not three: leave-one-origin-out calibration of an origin needs other
 * origins with counties at the same levels, and with three (2016-06 … 2017-06) the low levels of funds and
 * equipment were seen almost only at the origin left out (equipment 0–6 months 0.45 / 0.77 / 0.92, funds' PIT
 * rejected); with five every indicator is within ±3 points everywhere.
 */
export const METHOD_BACK_TEST_ORIGINS = ["2015-06-30", "2015-12-31", "2016-06-30", "2016-12-31", "2017-06-30"] as const;

/** Horizon bands (upper edges, months) the probabilistic scores are reported in: the 0–6, 6–12, 12–24. */
const SCORE_BANDS = [6, 12, 24] as const;

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
  /** score only reports dated on or before this ISO date (a back-test run on a report date sees nothing later); default all */
  scoreUntil?: string;
  /** keep every scored point of the calibrated pooled forecast with its draws (for independent checks); default false */
  keepPoints?: boolean;
  /** score the predicted 70 % dates (a forecast to 2019 per county and origin: the slow part); default true */
  scoreDates?: boolean;
}

/** Probabilistic scores of one forecaster in one horizon band (`BackTestResult.probabilistic`). */
export interface ProbabilisticScore {
  /** "pooled" and "unpooled": the model's raw draws; "pooled-calibrated": cross-fitted recalibration; naive methods: point forecasts */
  method: BackTestMethod | "pooled-calibrated";
  /** "0–6", "6–12", "12–24" months after the origin, or "all" */
  band: string;
  n: number;
  /** mean absolute error of the median, percentage points */
  maePp: number;
  /** mean CRPS (sample-based), percentage points; equals the MAE for a point forecast */
  crpsPp: number;
  /**
   * shares of later reports inside the central 50 %, 80 %, 95 % intervals (null for point forecasts), counted
   * on the randomised PIT: inside when (1 − level)/2 ≤ PIT ≤ (1 + level)/2. For a continuous forecast this is
   * the closed interval between the type-7 quantiles; where the forecast has an atom (a county at its plan
   * stays there, a stalled county reports the same figure) a closed interval holds the whole atom and covers
   * more than its level even when the forecast is exact, and the randomised count does not.
   */
  coverage50: number | null;
  coverage80: number | null;
  coverage95: number | null;
  /** shares inside the closed intervals between the type-7 quantiles (what the drawn band holds; ≥ the level where there are atoms) */
  closedCoverage50: number | null;
  closedCoverage80: number | null;
  closedCoverage95: number | null;
}

/** One scored point of the calibrated pooled forecast (`keepPoints`). */
export interface BackTestPoint {
  origin: string;
  countyId: string;
  date: string;
  /** months after the county's last report at the origin */
  horizon: number;
  /** the later report */
  y: number;
  /** calibrated predictive draws (sorted) */
  draws: number[];
  /** randomised PIT of the report under the draws */
  pit: number;
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
  /** coverage at 50/80/95 %, CRPS and MAE by horizon band (pooled method only for the calibrated rows); empty without "pooled" */
  probabilistic: ProbabilisticScore[];
  /** PIT uniformity of the raw and the cross-fitted calibrated pooled forecasts (null without "pooled") */
  pit: { raw: PitUniformity; calibrated: PitUniformity } | null;
  /** how the calibrated rows were kept out of sample */
  crossFit: string;
  /** the calibration estimated on all origins: what a forecast made after this back-test uses */
  calibration: ForecastCalibration | null;
  /** scored points of the calibrated pooled forecast (keepPoints only) */
  points?: BackTestPoint[];
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
  // Probabilistic scores by calibration band; "pooled-calibrated" is filled in the second pass.
  type PAcc = { n: number; abs: number; crps: number; c: [number, number, number]; closed: [number, number, number]; point: boolean };
  const pacc = new Map<string, PAcc>();
  const scoreBand = (h: number) => {
    const i = SCORE_BANDS.findIndex((to) => h <= to + 1e-9);
    return i < 0 ? SCORE_BANDS.length - 1 : i;
  };
  const bandLabel = (h: number) => `${scoreBand(h) === 0 ? 0 : SCORE_BANDS[scoreBand(h) - 1]}–${SCORE_BANDS[scoreBand(h)]}`;
  const addP = (method: ProbabilisticScore["method"], h: number, s: ColumnScore) => {
    for (const key of [`${method}|${bandLabel(h)}`, `${method}|all`]) {
      const a = pacc.get(key) ?? { n: 0, abs: 0, crps: 0, c: [0, 0, 0], closed: [0, 0, 0], point: s.inside === null };
      a.n++;
      a.abs += s.absError;
      a.crps += s.crps;
      if (s.inside) s.inside.forEach((v, k) => (a.c[k] += v ? 1 : 0));
      if (s.closed) s.closed.forEach((v, k) => (a.closed[k] += v ? 1 : 0));
      pacc.set(key, a);
    }
  };
  const rawPit: number[] = [];
  const rawCluster: string[] = [];
  const tieRandom = o.random.fork();
  type Stored = { fold: number; origin: string; countyId: string; grid: number[]; columns: Float64Array[]; lastY: number; future: { t: number; y: number; date: string }[] };
  const stored: Stored[] = [];
  /** Per origin: the plan or the highest report any county had made by then (the ceiling of a panel forecast). */
  const ceilingAt = new Map<string, number>();
  const residuals: (CalibrationResidual & { fold: number })[] = [];
  const scoreUntil = o.scoreUntil ? monthsSinceStart(o.scoreUntil) : Infinity;
  const end = monthsSinceStart("2019-12-31");

  o.origins.forEach((origin, originIndex) => {
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
      const future = s.t
        .map((t, j) => ({ t, y: s.y[j], date: s.dates[j] }))
        .filter((p) => p.t > tOrigin + 1e-9 && p.t <= tOrigin + o.maxHorizon + 1e-9 && p.t <= scoreUntil + 1e-9);
      const times = future.map((p) => p.t);
      const actualCross = observedCrossing(s.t, s.y, threshold);
      const scoreDate = tr.y[tr.y.length - 1] < threshold && actualCross !== undefined && actualCross > tOrigin;
      for (const method of o.methods) {
        if (method === "pooled" || method === "unpooled") {
          const fit = fits.get(method)!.counties[i];
          const countyRandom = o.random.fork();
          const fc = !o.scoreDates ? undefined : forecastCurve(fit, {
            random: countyRandom,
            draws: o.draws,
            horizon: end,
            times,
            level: o.level,
            targets: [o.target],
          });
          if (fc) {
            future.forEach((p) => {
              const g = fc.t.findIndex((x) => Math.abs(x - p.t) < 1e-9);
              add(method, binLabel(p.t - tOrigin), fc.median[g], p.y, p.y >= fc.lower[g] - 1e-12 && p.y <= fc.upper[g] + 1e-12);
            });
            if (scoreDate) addDate(method, quantileOfSorted(fc.crossings[0].times, 0.5), actualCross!);
          }
          if (future.length === 0) continue;
          // Raw predictive draws (curve parameters + report noise) at the report dates, for the probabilistic scores.
          const tLast = tr.t[tr.t.length - 1];
          const grid = [tLast, ...times];
          const raw = simulateColumns(fit, grid, countyRandom.fork(), o.draws, true);
          if (!fc) {
            future.forEach((p, j) => {
              const col = Float64Array.from(raw[j + 1]).sort();
              add(method, binLabel(p.t - tOrigin), quantileOfSorted(col, 0.5), p.y, p.y >= quantileOfSorted(col, (1 - o.level) / 2) - 1e-12 && p.y <= quantileOfSorted(col, (1 + o.level) / 2) + 1e-12);
            });
          }
          future.forEach((p, j) => {
            const sc = scoreColumn(raw[j + 1], p.y, tieRandom.uniform());
            addP(method, p.t - tLast, sc);
            if (method === "pooled") {
              rawPit.push(sc.pit);
              rawCluster.push(`${origin}|${s.countyId}`);
            }
          });
          if (method === "pooled") {
            // The curve draws without noise are what the calibration rescales (see calibratePaths).
            const smooth = simulateColumns(fit, grid, countyRandom.fork(), o.draws, false);
            const fold = o.origins.length >= 2 ? originIndex : ci % 2;
            future.forEach((p, j) => {
              const sorted = Float64Array.from(smooth[j + 1]).sort();
              const { median, scale } = drawLocationScale(sorted);
              residuals.push({ fold, horizon: p.t - tLast, residual: (p.y - median) / scale, level: tr.y[tr.y.length - 1], increment: p.y - tr.y[tr.y.length - 1], fromPlan: p.y - Math.max(1, tr.y[tr.y.length - 1]) });
            });
            stored.push({ fold, origin, countyId: s.countyId, grid, columns: smooth, lastY: tr.y[tr.y.length - 1], future });
            ceilingAt.set(origin, Math.max(ceilingAt.get(origin) ?? 1, ...tr.y));
          }
        } else if (method === "last-value") {
          const pred = lastValueForecast(tr.y, times);
          future.forEach((p, j) => add(method, binLabel(p.t - tOrigin), pred[j], p.y, null));
          future.forEach((p, j) => addP(method, p.t - tr.t[tr.t.length - 1], pointScore(pred[j], p.y)));
          if (scoreDate) addDate(method, Infinity, actualCross!);
        } else {
          const pred = linearTrendForecast(tr.t, tr.y, times, o.trendReports);
          future.forEach((p, j) => add(method, binLabel(p.t - tOrigin), pred[j], p.y, null));
          future.forEach((p, j) => addP(method, p.t - tr.t[tr.t.length - 1], pointScore(pred[j], p.y)));
          const cross = linearTrendCrossing(tr.t, tr.y, threshold, o.trendReports);
          if (scoreDate) addDate(method, cross <= end ? cross : Infinity, actualCross!);
        }
      }
    });
  });

  // Second pass: each fold's paths recalibrated with residuals from the other folds only (cross-fitting),
  // so the calibrated scores are out of sample.
  const calPit: number[] = [];
  const calCluster: string[] = [];
  const points: BackTestPoint[] = [];
  const folds = [...new Set(stored.map((x) => x.fold))];
  for (const fold of folds) {
    const others = residuals.filter((r) => r.fold !== fold);
    if (others.length === 0) continue;
    const cal = forecastCalibration(others);
    for (const x of stored.filter((e) => e.fold === fold)) {
      const columns = x.columns.map((c) => Float64Array.from(c));
      // The same ceiling as a panel forecast's (the plan or the highest report at the origin), so the scores describe the bands drawn.
      calibratePaths(x.grid, columns, x.lastY, cal, CEILING_MARGIN * (ceilingAt.get(x.origin) ?? Infinity));
      x.future.forEach((p, j) => {
        const sorted = columns[j + 1].sort();
        const sc = scoreColumn(sorted, p.y, tieRandom.uniform());
        addP("pooled-calibrated", p.t - x.grid[0], sc);
        calPit.push(sc.pit);
        calCluster.push(`${x.origin}|${x.countyId}`);
        if (o.keepPoints) points.push({ origin: x.origin, countyId: x.countyId, date: p.date, horizon: p.t - x.grid[0], y: p.y, draws: Array.from(sorted), pit: sc.pit });
      });
    }
  }
  const probabilistic: ProbabilisticScore[] = [];
  for (const method of [...o.methods.flatMap((m) => (m === "pooled" ? (["pooled", "pooled-calibrated"] as const) : [m]))]) {
    for (const band of [...SCORE_BANDS.map((_, b) => `${b === 0 ? 0 : SCORE_BANDS[b - 1]}–${SCORE_BANDS[b]}`), "all"]) {
      const a = pacc.get(`${method}|${band}`);
      if (!a) continue;
      const cov = (k: number) => (a.point ? null : a.c[k] / a.n);
      const closed = (k: number) => (a.point ? null : a.closed[k] / a.n);
      probabilistic.push({ method, band, n: a.n, maePp: (100 * a.abs) / a.n, crpsPp: (100 * a.crps) / a.n, coverage50: cov(0), coverage80: cov(1), coverage95: cov(2), closedCoverage50: closed(0), closedCoverage80: closed(1), closedCoverage95: closed(2) });
    }
  }
  const crossFit = o.origins.length >= 2 ? "leave-one-origin-out" : "county halves";

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
  return {
    indicator: options.indicator,
    origins: [...o.origins],
    level: o.level,
    target: o.target,
    scores,
    dateScores,
    probabilistic,
    pit: rawPit.length && calPit.length ? { raw: pitUniformity(rawPit, 10, rawCluster), calibrated: pitUniformity(calPit, 10, calCluster) } : null,
    crossFit,
    calibration: residuals.length ? forecastCalibration(residuals, o.origins) : null,
    ...(o.keepPoints ? { points } : {}),
  };
}

/** Scores of one report under one column of predictive draws. */
interface ColumnScore {
  absError: number;
  crps: number;
  /** randomised PIT inside the central 50, 80, 95 %; null for a point forecast */
  inside: [boolean, boolean, boolean] | null;
  /** report inside the closed central 50, 80, 95 % intervals (type-7 quantiles); null for a point forecast */
  closed: [boolean, boolean, boolean] | null;
  pit: number;
}

/** Draws per grid time (columns[g][d]) of a county's predictive paths. */
function simulateColumns(fit: Parameters<typeof simulateCurvePaths>[0], grid: number[], random: Random, draws: number, noise: boolean): Float64Array[] {
  const columns = grid.map(() => new Float64Array(draws));
  simulateCurvePaths(fit, grid, random, draws, noise, (d, path) => {
    for (let g = 0; g < grid.length; g++) columns[g][d] = path[g];
  });
  return columns;
}

/**
 * Score a report y under predictive draws: absolute error of the median, sample CRPS
 * E|X − y| − ½E|X − X′| (Gneiting & Raftery 2007, eq. 21), central-interval coverage (type-7
 * quantiles) and the randomised PIT, (#{X < y} + u·(#{X = y} + 1)) / (D + 1): the rank of y among
 * the D draws, spread uniformly over its slot, so a calibrated forecaster's PIT is uniform on (0, 1).
 */
function scoreColumn(column: Float64Array, y: number, u: number): ColumnScore {
  const x = Float64Array.from(column).sort();
  const D = x.length;
  let absSum = 0;
  let pairSum = 0;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < D; i++) {
    absSum += Math.abs(x[i] - y);
    pairSum += (2 * (i + 1) - D - 1) * x[i];
    if (x[i] < y) below++;
    else if (x[i] === y) equal++;
  }
  const crps = absSum / D - pairSum / (D * D);
  const closed = [0.5, 0.8, 0.95].map((lv) => y >= quantileOfSorted(x, (1 - lv) / 2) - 1e-12 && y <= quantileOfSorted(x, (1 + lv) / 2) + 1e-12) as [boolean, boolean, boolean];
  const pit = (below + u * (equal + 1)) / (D + 1);
  const inside = [0.5, 0.8, 0.95].map((lv) => pit >= (1 - lv) / 2 && pit <= (1 + lv) / 2) as [boolean, boolean, boolean];
  return { absError: Math.abs(quantileOfSorted(x, 0.5) - y), crps, inside, closed, pit };
}

/** A point forecast's scores: its CRPS is its absolute error. */
function pointScore(pred: number, y: number): ColumnScore {
  return { absError: Math.abs(pred - y), crps: Math.abs(pred - y), inside: null, closed: null, pit: NaN };
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
  if (o.scoreUntil !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.scoreUntil)) throw new RangeError(`backTest requires scoreUntil to be an ISO date, got ${o.scoreUntil}`);
  return { origins: [...o.origins].sort(), random: o.random, draws, level, maxHorizon, horizonBins, trendReports, target, methods, scoreUntil: o.scoreUntil, keepPoints: o.keepPoints ?? false, scoreDates: o.scoreDates ?? true };
}
