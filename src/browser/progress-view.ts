import { forecastFanChart, type MarkedObservation } from "../charts/forecast-fan-chart.js";
import { targetProbabilityChart } from "../charts/target-probability-chart.js";
import { targetProbability } from "../progress/target-probability.js";
import type { Chart } from "../charts/figure.js";
import { unitLabel, type UnitLevel } from "../charts/unit-noun.js";
import { label } from "../charts/labels.js";
import type { CurveForecast } from "../progress/forecast-curve.js";
import { supportedProbability } from "../progress/supported-probability.js";
import { monthsSinceStart } from "../shared/dates.js";
import type { Bilingual, Lang } from "../shared/i18n.js";

/** Days per month of `monthsSinceStart` (a mean Gregorian month): carried crossing days are months × this. */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** Quantiles of the county fans the page carries: the 80 % band, the 50 % band and the median. */
export const COUNTY_FAN_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

/** One forecast as the page carries it: the bands by date of the common grid, and the history it continues. */
export interface CompactFan {
  /** per quantile of `quantiles`, the value per grid date (shares; county fans in thousandths, see `scale`) */
  bands: number[][];
  history: { dates: string[]; y: number[] };
}

/**
 * What the page needs to recount the scenario's targets at another deadline or level and to draw any county's
 * fans: each indicator's province crossing dates draw by draw (the draws the section's forecasts come from, joint
 * across indicators), the province fans, and every county's fan per indicator. Plain JSON, no language.
 */
export interface ProgressInputs {
  origin: string;
  /** what the rows are (absent: counties; the national view's are province-level units), for the redrawn labels */
  unitLevel?: UnitLevel;
  /** the scenario's deadline and level (the page's defaults) */
  deadline: string;
  level: number;
  /** last forecast date: a deadline after it cannot be counted */
  horizon: string;
  draws: number;
  /** target levels with crossing dates */
  levels: number[];
  /**
   * indicator → per level: the month the history already reached it (or null), and the day each draw reaches it
   * (whole days since the programme start, rounded up; null: not by the horizon), in draw order. Draw d of every
   * indicator is the same simulated future. For a date deadline of day D, a crossing at month c counts in
   * `jointTargetProbability` (c ≤ D / DAYS_PER_MONTH + 1e-9) exactly when its rounded-up day is ≤ D.
   */
  crossings: Record<string, { observedT: (number | null)[]; byDay: (number | null)[][] }>;
  /** the common forecast grid (dates) */
  dates: string[];
  quantiles: number[];
  /** province fans by indicator (full precision) */
  province: Record<string, CompactFan>;
  /** county id → indicator → fan in thousandths (integers), history from the page's report series */
  counties: Record<string, Record<string, number[][]>>;
  /** published seed and real points drawn on the province fans */
  observations: Record<string, MarkedObservation[]>;
  source: Bilingual;
  fanSource: Bilingual;
  /**
   * Each county's completion crossings at `level` (70 %): whole days since the programme start, rounded up, sorted
   * and delta-encoded, and how many draws never reach it; enough to recount any date deadline exactly.
   */
  countyCrossings?: { level: number; counties: { id: string; name: string; city: string; days: number[]; never: number }[] };
}

/** A deadline and target level chosen in the page. */
export interface DeadlineSettings {
  /** ISO date, after the report date and not after the horizon */
  deadline: string;
  /** target share, one of the levels carried */
  level: number;
}

/** Indicators of the national “双超70%” demand, in the order of the card. */
export const JOINT_INDICATORS = ["completion_rate", "equipment_rate"] as const;

function levelIndex(inputs: ProgressInputs, level: number): number {
  const k = inputs.levels.findIndex((l) => Math.abs(l - level) < 1e-9);
  if (k < 0) throw new RangeError(`deadlineProbability requires a level of ${inputs.levels.join(", ")}, got ${level}`);
  return k;
}

/**
 * The probability that every indicator reaches the level by the deadline, counted draw by draw exactly as
 * `jointTargetProbability` counts them (a draw counts when the history already shows the level reached by the
 * deadline, or its simulated crossing is on or before it); with one indicator, `targetProbability`.
 *
 * @throws RangeError for a level not carried, an indicator without crossings or a deadline that is not a date
 * @example deadlineProbability(inputs, ["completion_rate", "equipment_rate"], { deadline: "2017-12-31", level: 0.7 }) // the “双超70%” card
 */
export function deadlineProbability(inputs: ProgressInputs, indicators: readonly string[], settings: DeadlineSettings): number {
  const t = monthsSinceStart(settings.deadline);
  if (!Number.isFinite(t)) throw new RangeError(`deadlineProbability requires an ISO date deadline, got ${settings.deadline}`);
  const day = Math.round(t * DAYS_PER_MONTH);
  const k = levelIndex(inputs, settings.level);
  const cs = indicators.map((i) => {
    const c = inputs.crossings[i];
    if (!c) throw new RangeError(`deadlineProbability requires crossings of ${i}`);
    return { observed: c.observedT[k], byDay: c.byDay[k] };
  });
  let hits = 0;
  for (let d = 0; d < inputs.draws; d++) {
    if (cs.every((c) => (c.observed !== null && c.observed <= t) || (c.byDay[d] !== null && c.byDay[d]! <= day))) hits++;
  }
  return inputs.draws ? hits / inputs.draws : 0;
}

/** A carried fan as a CurveForecast the chart builders take. */
export function fanForecast(inputs: ProgressInputs, fan: CompactFan, id: string, name: string, scale = 1): CurveForecast {
  const q = (p: number) => fan.bands[inputs.quantiles.findIndex((x) => Math.abs(x - p) < 1e-12)].map((v) => v / scale);
  const bands = inputs.quantiles.map((p) => q(p));
  return {
    id,
    name,
    city: "",
    t: inputs.dates.map((d) => monthsSinceStart(d)),
    dates: inputs.dates,
    quantiles: inputs.quantiles,
    bands,
    median: q(0.5),
    lower: q(0.1),
    upper: q(0.9),
    level: 0.8,
    mean: q(0.5),
    crossings: [],
    draws: inputs.draws,
    history: { dates: fan.history.dates, t: fan.history.dates.map((d) => monthsSinceStart(d)), y: fan.history.y },
  };
}

/** The median and 80 % band of a fan at a date, linear between grid dates; undefined outside the grid. */
export function fanAt(fc: CurveForecast, date: string): { median: number; lower: number; upper: number } | undefined {
  const t = monthsSinceStart(date);
  const g = fc.t.findIndex((x) => x >= t - 1e-9);
  if (g < 0) return undefined;
  if (Math.abs(fc.t[g] - t) < 1e-9) return { median: fc.median[g], lower: fc.lower[g], upper: fc.upper[g] };
  if (g === 0) return undefined;
  const w = (t - fc.t[g - 1]) / (fc.t[g] - fc.t[g - 1]);
  const lerp = (a: number[]) => a[g - 1] + w * (a[g] - a[g - 1]);
  return { median: lerp(fc.median), lower: lerp(fc.lower), upper: lerp(fc.upper) };
}

const pct0 = (x: number) => `${Math.round(x * 100)}%`;

/** The recount at a deadline and level: the joint and single probabilities, the headline cards and the province fans. */
export interface DeadlineView {
  joint: number | undefined;
  single: Record<string, number>;
  headline: { id: string; label: string; value: string; numeric: number; note: string }[];
  charts: Chart[];
}

/**
 * Recount the scenario's targets at another deadline and level from the draws the page carries, and redraw the
 * province fans with that deadline and target line. The cards keep the section's ids (`p-completion-equipment-70`,
 * `p-completion-70`) so the page swaps them; probabilities are shown as `supportedProbability` states them.
 *
 * @throws RangeError as `deadlineProbability`, or for a deadline before the report date or after the horizon
 */
export function deadlineView(inputs: ProgressInputs, settings: DeadlineSettings, lang: Lang): DeadlineView {
  if (!(settings.deadline > inputs.origin && settings.deadline <= inputs.horizon)) {
    throw new RangeError(`deadlineView requires a deadline after ${inputs.origin} and not after ${inputs.horizon}, got ${settings.deadline}`);
  }
  const zh = lang === "zh";
  const { deadline, level } = settings;
  const has = (i: string) => !!inputs.crossings[i];
  const joint = JOINT_INDICATORS.every(has) ? deadlineProbability(inputs, JOINT_INDICATORS, settings) : undefined;
  const single = Object.fromEntries(Object.keys(inputs.crossings).map((i) => [i, deadlineProbability(inputs, [i], settings)]));
  const fans = Object.fromEntries(Object.entries(inputs.province).map(([i, f]) => [i, fanForecast(inputs, f, "province", "province")]));
  const band = (i: string) => {
    const v = fans[i] && fanAt(fans[i], deadline);
    return v ? (zh ? `${pct0(v.median)}（${pct0(v.lower)}–${pct0(v.upper)}）` : `${pct0(v.median)} (${pct0(v.lower)}–${pct0(v.upper)})`) : "—";
  };
  const L = pct0(level);
  const card = (p: number) => {
    const s = supportedProbability(p);
    return { value: s.text, numeric: Math.round(s.value * 1000) / 10 };
  };
  const recount = zh ? `；页面按所选截止日期与目标重新计数 ${inputs.draws} 次联合模拟` : `; recounted in the page from the ${inputs.draws} joint draws for this deadline and level`;
  const headline: DeadlineView["headline"] = [];
  if (joint !== undefined) {
    headline.push({
      id: "p-completion-equipment-70",
      label: zh
        ? level === 0.7 ? `${deadline} 前“双超70%”（竣工率与设备采购完成率均达 70%）的概率` : `${deadline} 前竣工率与设备采购完成率均达 ${L} 的概率`
        : level === 0.7 ? `P(“both above 70%”: completion and equipment ≥ 70% by ${deadline})` : `P(completion and equipment both ≥ ${L} by ${deadline})`,
      ...card(joint),
      note: zh ? `竣工率中位数 ${band("completion_rate")}，设备 ${band("equipment_rate")}；报告日 ${inputs.origin}${recount}` : `completion median ${band("completion_rate")}, equipment ${band("equipment_rate")}; report date ${inputs.origin}${recount}`,
    });
  }
  if (single.completion_rate !== undefined) {
    headline.push({
      id: "p-completion-70",
      label: unitLabel(zh ? `${deadline} 前{whole}竣工率达 ${L} 的概率` : `P({wholeAdjective} completion ≥ ${L} by ${deadline})`, lang, inputs.unitLevel),
      ...card(single.completion_rate),
      note: zh ? `报告日 ${inputs.origin}${recount}` : `report date ${inputs.origin}${recount}`,
    });
  }
  // The counties: at the level they are carried for (70 %), the at-risk card and the probability chart follow too.
  const cc = inputs.countyCrossings;
  let probabilityChart: Chart | undefined;
  if (cc && Math.abs(cc.level - level) < 1e-9 && inputs.crossings.completion_rate) {
    const counties = countyCompletionForecasts(inputs);
    const province = provinceCrossingForecast(inputs, "completion_rate", level);
    const atRisk = counties.filter((f) => targetProbability(f, level, deadline) < 0.5).length;
    headline.push({
      id: "counties-at-risk",
      label: unitLabel(zh ? "达标概率低于一半的{units}" : "{Units} with less than even odds", lang, inputs.unitLevel),
      value: `${atRisk} / ${counties.length}`,
      numeric: atRisk,
      note: zh ? `竣工率 ${L}，${deadline}` : `${L} completion by ${deadline}`,
    });
    probabilityChart = targetProbabilityChart(counties, {
      indicator: "completion_rate",
      target: level,
      deadline,
      provenance: "synthetic",
      source: inputs.source[lang],
      lang,
      province,
      worst: 40,
      id: "progress-target-probability-completion",
      units: inputs.unitLevel,
    });
  }
  const charts = Object.entries(fans).map(([i, fc]) =>
    forecastFanChart(fc, {
      indicator: i,
      provenance: "synthetic",
      source: inputs.fanSource[lang],
      lang,
      region: zh ? "合成省" : "Synthetic province",
      target: level,
      deadline,
      observations: inputs.observations[i] ?? [],
      id: `progress-fan-province-${i.replace("_", "-")}`,
    }),
  );
  if (probabilityChart) charts.push(probabilityChart);
  return { joint, single, headline, charts };
}

/** The carried county crossings as forecasts `targetProbability` reads (sorted crossing months, nothing else). */
export function countyCompletionForecasts(inputs: ProgressInputs): CurveForecast[] {
  const cc = inputs.countyCrossings;
  if (!cc) return [];
  // Decoded once per inputs: every recount reads the same crossings.
  const cached = decoded.get(cc);
  if (cached) return cached;
  const out = cc.counties.map((c) => {
    let day = 0;
    const times = c.days.map((d) => (day += d) / DAYS_PER_MONTH);
    for (let k = 0; k < c.never; k++) times.push(Infinity);
    return { ...emptyForecast(inputs), id: c.id, name: c.name, city: c.city, crossings: [{ target: cc.level, observedT: null, times }] };
  });
  decoded.set(cc, out);
  return out;
}
const decoded = new WeakMap<object, CurveForecast[]>();

function provinceCrossingForecast(inputs: ProgressInputs, indicator: string, level: number): CurveForecast {
  const k = levelIndex(inputs, level);
  const c = inputs.crossings[indicator];
  const byDraw = c.byDay[k].map((x) => (x === null ? Infinity : x / DAYS_PER_MONTH));
  return { ...emptyForecast(inputs), id: "province", name: "province", crossings: [{ target: level, observedT: c.observedT[k], byDraw, times: [...byDraw].sort((a, b) => a - b) }] };
}

function emptyForecast(inputs: ProgressInputs): CurveForecast {
  return { id: "", name: "", city: "", t: [], dates: [], quantiles: [], bands: [], median: [], lower: [], upper: [], level: 0.8, mean: [], crossings: [], draws: inputs.draws, history: { dates: [], t: [], y: [] } };
}

/** One county's fan per indicator, its median and 80 % band at the deadline, and its rank by that median. */
export interface CountyForecasts {
  charts: Chart[];
  atDeadline: { indicator: string; median: number; lower: number; upper: number; rank: number; of: number }[];
}

/**
 * A county's forecast fan for every indicator the page carries (the same draws as the province's), with its median
 * at the deadline and its rank among the counties by that median (1 = furthest on).
 *
 * @param history the county's reports up to the report date, per indicator (dates and shares)
 * @returns undefined when the page carries no forecasts for the county
 */
export function countyForecasts(
  inputs: ProgressInputs,
  countyId: string,
  countyName: string,
  history: Record<string, { dates: string[]; y: number[] }>,
  settings: DeadlineSettings,
  lang: Lang,
): CountyForecasts | undefined {
  const own = inputs.counties[countyId];
  if (!own) return undefined;
  const indicators = Object.keys(own);
  const charts: Chart[] = [];
  const atDeadline: CountyForecasts["atDeadline"] = [];
  for (const i of indicators) {
    const fc = fanForecast(inputs, { bands: own[i], history: history[i] ?? { dates: [], y: [] } }, countyId, countyName, 1000);
    charts.push(
      forecastFanChart(fc, {
        indicator: i,
        provenance: "synthetic",
        source: inputs.source[lang],
        lang,
        region: countyName,
        target: settings.level,
        deadline: settings.deadline,
        id: `county-fan-${i.replace("_", "-")}`,
      }),
    );
    const v = fanAt(fc, settings.deadline);
    if (!v) continue;
    const medians = Object.entries(inputs.counties).map(([id, c]) => (c[i] ? fanAt(fanForecast(inputs, { bands: c[i], history: { dates: [], y: [] } }, id, id, 1000), settings.deadline)?.median : undefined)).filter((x): x is number => x !== undefined);
    atDeadline.push({ indicator: i, ...v, rank: 1 + medians.filter((m) => m > v.median).length, of: medians.length });
  }
  return { charts, atDeadline };
}

/** An indicator's label for sentences. */
export const indicatorName = (i: string, lang: Lang) => (lang === "zh" ? label(i, lang) : label(i, lang).toLowerCase());
