import { monthsSinceStart } from "../shared/dates.js";
import type { Random } from "../shared/random.js";
import { curveEvaluator } from "./curve-parameter-space.js";
import { calibratePaths, CEILING_MARGIN } from "./forecast-calibration.js";
import { crossingTimes, forecastGrid, resolveForecastOptions, summarisePaths, type CurveForecast, type ForecastOptions, type TargetCrossing } from "./forecast-curve.js";
import type { CountyCurveFit, PanelFit } from "./fit-panel.js";
import { crossingTime, fitSpace, observedCrossing, simulateCurvePaths, type CommonShock } from "./simulate-curve-paths.js";

/** Options of `forecastPanel`: those of `forecastCurve` plus roll-up weights. */
export interface ForecastPanelOptions extends ForecastOptions {
  /** weight per county id (planned floor area or plan funds, see `countyWeights`); default equal weights */
  weights?: Readonly<Record<string, number>>;
  /**
   * draws shared with the forecasts of other indicators of the same panel (`jointDraws`): the
   * province-wide delay of each draw and each county's latent normals, so that joint targets
   * (completion and equipment ≥ 70 %) keep their dependence; replaces `commonShockMonths`' own shock
   */
  joint?: JointDraws;
}

/** Draws shared by the forecasts of several indicators of one panel (`jointDraws`). Plain data. */
export interface JointDraws {
  draws: number;
  /** province-wide delay in months per draw, or null for none */
  shift: Float64Array | null;
  /**
   * province-wide pace per draw: months of delay per month after the forecast origin (a province whose clock runs
   * at 1 − pace), or null/absent for none; with `shift` the delay h months ahead has SD √(a² + (b·h)²)
   */
  pace?: Float64Array | null;
  /** standard normals per county id, 3 per draw (one per curve parameter) */
  county: Record<string, Float64Array>;
  /** weight ρ of the shared normals in each county's parameter draws, 0–1 */
  rho: number;
}

/** Result of `forecastPanel`. */
export interface PanelForecast {
  indicator: string;
  /** forecast origin (latest report date in the panel) */
  origin: string;
  counties: CurveForecast[];
  /** the weighted roll-up of the county paths (id "province") */
  province: CurveForecast;
  /** normalised weights used for the roll-up, summing to 1 */
  weights: Record<string, number>;
}

/**
 * Forecast every county of a fitted panel and roll the paths up to the province.
 *
 * Each county is forecast as in `forecastCurve` (its own seeded sub-stream, so adding a county does
 * not change the others). The province path of each draw is the weighted mean of the county paths
 * of that draw on a common grid from the panel's origin — weights are planned floor area or plan
 * funds — so the province bands and its 70 % / 100 % dates carry the county uncertainty through.
 * County deviations are simulated independently; a shock common to all counties (a province-wide
 * delay, and with `joint.pace` a province-wide pace that makes the delay grow with the months ahead)
 * comes from `commonShockMonths` or `joint`; without one, province bands are only the county noise averaged.
 * The province history is the weighted mean of the counties' reports on each report date, a county
 * without a report that day counting with its value interpolated between its reports (its last
 * value after its last report, its fitted curve before its first).
 *
 * @param panel a panel fit from `fitPanel`
 * @param options forecast options (seeded random required) and roll-up weights
 * @returns one forecast per county and the province roll-up
 * @throws {RangeError} for invalid options or a county without a weight (when weights are given)
 * @example
 * const fc = forecastPanel(panel, { random: createRandom(7), weights: countyWeights(data.synthetic.counties) });
 * crossingSummary(fc.province, 0.7).medianDate // the month the province passes 70 %
 */
export function forecastPanel(panel: PanelFit, options: ForecastPanelOptions): PanelForecast {
  const o = resolveForecastOptions(options, "forecastPanel");
  const weights = normaliseWeights(panel.counties, options.weights);
  const grid = forecastGrid(panel.originT, o.horizon, o.step, o.times);
  const G = grid.length;
  const provinceSum = Array.from({ length: G }, () => new Float64Array(o.draws));
  const thresholds = o.targets.map((target) => target - o.tolerance);
  const history = rollUpHistory(panel, weights);
  const counties: CurveForecast[] = [];
  // One delay per draw shared by all counties; drawn from its own stream only when asked, so that
  // forecasts without a shock keep exactly the draws they had.
  let shift: Float64Array | CommonShock | undefined;
  if (options.joint) {
    if (options.joint.draws !== o.draws) throw new RangeError(`forecastPanel requires joint draws for ${o.draws} draws, got ${options.joint.draws}`);
    const pace = options.joint.pace ?? null;
    shift = pace ? { shift: options.joint.shift, pace, from: panel.originT } : (options.joint.shift ?? undefined);
  } else if (o.commonShockMonths > 0) {
    const shock = o.random.fork();
    shift = new Float64Array(o.draws);
    for (let d = 0; d < o.draws; d++) shift[d] = o.commonShockMonths * shock.normal();
  }

  // Calibrated paths stop at the plan or the highest report in the panel, whichever is higher: over-delivery
  // as large as any county has reported stays possible, a forecast far beyond anything reported does not.
  let ceiling = 1;
  for (const fit of panel.counties) for (const y of fit.y) if (y > ceiling) ceiling = y;
  for (const fit of panel.counties) {
    const w = weights[fit.countyId];
    const tLast = fit.t[fit.t.length - 1];
    // The county's grid: its last report, then the common grid (and any requested times).
    const countyGrid = forecastGrid(tLast, o.horizon, o.step, [...o.times, ...grid]);
    // index of each common grid point in the county grid (all common points ≥ origin ≥ tLast)
    const map = grid.map((g) => countyGrid.findIndex((x) => Math.abs(x - g) < 1e-9));
    const C = countyGrid.length;
    const columns = Array.from({ length: C }, () => new Float64Array(o.draws));
    const observed = thresholds.map((th) => observedCrossing(fit.t, fit.y, th));
    const latentZ = options.joint?.county[fit.countyId];
    simulateCurvePaths(fit, countyGrid, o.random.fork(), o.draws, o.calibration ? false : o.noise, (d, path) => {
      for (let g = 0; g < C; g++) columns[g][d] = path[g];
    }, shift, latentZ ? { z: latentZ, rho: options.joint!.rho } : undefined);
    if (o.calibration) calibratePaths(countyGrid, columns, fit.y[fit.y.length - 1], o.calibration, CEILING_MARGIN * ceiling);
    for (let g = 0; g < G; g++) {
      const col = columns[map[g]];
      const sum = provinceSum[g];
      for (let d = 0; d < o.draws; d++) sum[d] += w * col[d];
    }
    const times = crossingTimes(countyGrid, columns, thresholds, observed);
    const crossings: TargetCrossing[] = o.targets.map((target, k) => ({ target, observedT: observed[k] ?? null, byDraw: times[k].slice(), times: times[k].sort((a, b) => a - b) }));
    counties.push(
      summarisePaths(
        { id: fit.countyId, name: fit.countyName, city: fit.city, history: { dates: fit.dates.slice(), t: fit.t.slice(), y: fit.y.slice() } },
        countyGrid,
        columns,
        o,
        crossings,
      ),
    );
    counties[counties.length - 1].indicator = panel.indicator;
  }

  // The province starts from its reported (rolled-up) value at the origin.
  const originValue = history.y.length ? history.y[history.y.length - 1] : 0;
  provinceSum[0].fill(originValue);
  const pObserved = thresholds.map((th) => observedCrossing(history.t, history.y, th));
  const pTimes = o.targets.map(() => new Array<number>(o.draws));
  const path = new Float64Array(G);
  for (let d = 0; d < o.draws; d++) {
    for (let g = 0; g < G; g++) path[g] = provinceSum[g][d];
    thresholds.forEach((th, k) => (pTimes[k][d] = pObserved[k] !== undefined ? pObserved[k]! : crossingTime(grid, path, th)));
  }
  const province = summarisePaths(
    { id: "province", name: "province", city: "", history },
    grid,
    provinceSum,
    o,
    o.targets.map((target, k) => ({ target, observedT: pObserved[k] ?? null, byDraw: pTimes[k].slice(), times: pTimes[k].sort((a, b) => a - b) })),
  );
  province.indicator = panel.indicator;
  return { indicator: panel.indicator, origin: panel.origin, counties, province, weights };
}

function normaliseWeights(counties: readonly CountyCurveFit[], given: Readonly<Record<string, number>> | undefined): Record<string, number> {
  const raw: Record<string, number> = {};
  for (const c of counties) {
    const w = given ? given[c.countyId] : 1;
    if (w === undefined) throw new RangeError(`forecastPanel requires a weight for county ${c.countyId}`);
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`forecastPanel requires finite weights ≥ 0, county ${c.countyId} has ${w}`);
    raw[c.countyId] = w;
  }
  const total = Object.values(raw).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError("forecastPanel requires weights with a positive sum");
  for (const k of Object.keys(raw)) raw[k] /= total;
  return raw;
}

/**
 * The province's reported rate on each report date of a panel: the weighted mean of the counties,
 * a county that did not report that day counting with its interpolated value (its last value after
 * its last report, its fitted curve before its first report).
 *
 * @param panel a panel fit from `fitPanel`
 * @param weights normalised or raw weights per county id; default equal
 * @returns report dates, months and province rates
 * @example
 * rollUpHistory(panel, countyWeights(data.synthetic.counties)).y.at(-1) // the province rate at the origin
 */
export function rollUpHistory(panel: PanelFit, weights?: Readonly<Record<string, number>>): { dates: string[]; t: number[]; y: number[] } {
  const dates = [...new Set(panel.counties.flatMap((c) => c.dates))].sort();
  const t = dates.map((d) => monthsSinceStart(d));
  const y = new Array<number>(dates.length).fill(0);
  let total = 0;
  for (const c of panel.counties) {
    const w = weights ? (weights[c.countyId] ?? 0) : 1;
    total += w;
    if (w === 0) continue;
    const evaluator = curveEvaluator(fitSpace(c));
    let j = 0;
    t.forEach((ti, i) => {
      while (j < c.t.length && c.t[j] < ti - 1e-9) j++;
      let v: number;
      if (j < c.t.length && Math.abs(c.t[j] - ti) < 1e-9) v = c.y[j];
      else if (j === 0) v = Math.min(c.y[0], Math.max(0, evaluator.value(ti, c.phi)));
      else if (j >= c.t.length) v = c.y[c.y.length - 1];
      else v = c.y[j - 1] + ((ti - c.t[j - 1]) / (c.t[j] - c.t[j - 1])) * (c.y[j] - c.y[j - 1]);
      y[i] += w * v;
    });
  }
  return { dates, t, y: y.map((v) => (total > 0 ? v / total : NaN)) };
}


/**
 * Draws to share between the forecasts of several indicators of one panel: a province-wide delay per
 * draw (SD `commonShockMonths`), optionally a province-wide pace per draw (SD `commonPaceSd` months of delay per
 * month ahead, so the shared delay h months ahead has SD √(a² + (b·h)²)), and per county three standard normals per draw, mixed into each
 * indicator's parameter draws with weight ρ. Pass the result as `joint` to `forecastPanel` for each
 * indicator; draw d then means the same province-wide year and the same county fortunes everywhere.
 *
 * @param countyIds the panel's counties
 * @param options seeded random, draws, shock SD in months (0–60), ρ in [0, 1)
 * @returns plain data for `forecastPanel(..., { joint })`
 * @throws {RangeError} for ρ outside [0, 1) or an invalid shock SD
 * @example
 * const joint = jointDraws(panel.counties.map((c) => c.countyId), { random: createRandom(1), draws: 400, commonShockMonths: 3, rho: 0.6 });
 */
export function jointDraws(
  countyIds: readonly string[],
  options: { random: Random; draws: number; commonShockMonths?: number; commonPaceSd?: number; rho: number },
): JointDraws {
  const { random, draws, rho } = options;
  const sd = options.commonShockMonths ?? 0;
  const paceSd = options.commonPaceSd ?? 0;
  if (!(rho >= 0 && rho < 1)) throw new RangeError(`jointDraws requires rho in [0, 1), got ${rho}`);
  if (!(sd >= 0 && sd <= 60)) throw new RangeError(`jointDraws requires commonShockMonths in 0–60, got ${sd}`);
  if (!(paceSd >= 0 && paceSd <= 0.5)) throw new RangeError(`jointDraws requires commonPaceSd in 0–0.5 months per month, got ${paceSd}`);
  let shift: Float64Array | null = null;
  if (sd > 0) {
    shift = new Float64Array(draws);
    for (let d = 0; d < draws; d++) shift[d] = sd * random.normal();
  }
  // Drawn after the county normals, so runs without a pace keep exactly the draws they had.
  let pace: Float64Array | null = null;
  const county: Record<string, Float64Array> = {};
  for (const id of [...countyIds].sort()) {
    const z = new Float64Array(draws * 3);
    for (let i = 0; i < z.length; i++) z[i] = random.normal();
    county[id] = z;
  }
  if (paceSd > 0) {
    pace = new Float64Array(draws);
    for (let d = 0; d < draws; d++) pace[d] = paceSd * random.normal();
  }
  return { draws, shift, pace, county, rho };
}

/**
 * How much the curves of one county's indicators move together: the mean, over pairs of panels and
 * shared curve parameters, of the between-county correlation of the fitted parameters (e.g. a county
 * late to complete is late to equip), kept in [0, 0.95]. Used as ρ in `jointDraws`.
 *
 * @param panels panel fits of several indicators over the same counties
 * @returns ρ in [0, 0.95] (0 with fewer than 2 panels or 3 common counties)
 * @example
 * indicatorCorrelation([completionPanel, equipmentPanel]) // e.g. 0.6
 */
export function indicatorCorrelation(panels: readonly PanelFit[]): number {
  const rs: number[] = [];
  for (let a = 0; a < panels.length; a++) {
    for (let b = a + 1; b < panels.length; b++) {
      const pb = new Map(panels[b].counties.map((c) => [c.countyId, c]));
      for (const [j, name] of panels[a].counties[0]?.names.entries() ?? []) {
        const k = panels[b].counties[0]?.names.indexOf(name) ?? -1;
        if (k < 0) continue;
        const pairs = panels[a].counties.filter((c) => pb.has(c.countyId)).map((c) => [c.phi[j], pb.get(c.countyId)!.phi[k]] as const);
        if (pairs.length < 3) continue;
        const mx = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
        const my = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
        let sxy = 0, sxx = 0, syy = 0;
        for (const [x, y] of pairs) {
          sxy += (x - mx) * (y - my);
          sxx += (x - mx) ** 2;
          syy += (y - my) ** 2;
        }
        if (sxx > 0 && syy > 0) rs.push(sxy / Math.sqrt(sxx * syy));
      }
    }
  }
  if (rs.length === 0) return 0;
  return Math.min(0.95, Math.max(0, rs.reduce((s, r) => s + r, 0) / rs.length));
}
