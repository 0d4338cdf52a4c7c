import type { ColumnTable } from "arquero";
import { unitLabel } from "../charts/unit-noun.js";
import { scenarioRegion } from "./scenario-region.js";
import { backTestChart, BACK_TEST_METHOD_LABELS } from "../charts/back-test-chart.js";
import { bandNarrowingChart } from "../charts/band-narrowing-chart.js";
import { forecastFanChart, type MarkedObservation } from "../charts/forecast-fan-chart.js";
import { label } from "../charts/labels.js";
import { leagueTableChart } from "../charts/league-table-chart.js";
import { targetProbabilityChart } from "../charts/target-probability-chart.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { placeCell, placeName } from "../charts/place-name.js";
import { calibrationBandIndex, calibrationStratum } from "../progress/forecast-calibration.js";
import { backTest, METHOD_BACK_TEST_ORIGINS, type BackTestResult } from "../progress/back-test.js";
import type { CurveForecast } from "../progress/forecast-curve.js";
import { jointTargetProbability } from "../progress/joint-target-probability.js";
import { supportedProbability } from "../progress/supported-probability.js";
import { bandNarrowing } from "../progress/band-narrowing.js";
import { referenceClassPrior } from "../progress/reference-class-prior.js";
import { referenceObservations } from "../data/published-progress.js";
import { countyWeights } from "../progress/county-weights.js";
import { findLaggards } from "../progress/find-laggards.js";
import { leagueTable } from "../progress/league-table.js";
import { fitPanel, type PanelFit } from "../progress/fit-panel.js";
import { forecastPanel, indicatorCorrelation, jointDraws, type PanelForecast } from "../progress/forecast-panel.js";
import { crossingSummary, targetProbability } from "../progress/target-probability.js";
import type { Lang } from "../shared/i18n.js";
import { createRandom } from "../shared/random.js";
import { dateFromMonths, monthsSinceStart } from "../shared/dates.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import type { SectionBuilder } from "./build-report.js";
import type { ReportSection, ReportTable } from "./render-html.js";

/** Without a scenario: the 双月报 of end October 2016, as the 改薄办 saw it then, and the “双超70%” deadline. */
const DEFAULT_ORIGIN = "2016-10-31";
const DEFAULT_DEADLINE = "2017-12-31";
const DEFAULT_SEED = 20161031;
/**
 * ASSUMPTION: SD in months of a delay shared by all counties (a late budget, a hard winter). Without
 * it the province band holds only county noise, which averages away, and is far too narrow. 3 months
 * is a judgement (the between-county SD of the inflection month is about 5), not an estimate.
 */
export const COMMON_SHOCK_MONTHS = 3;
/**
 * SD b of the province-wide pace (months of delay per month ahead; the shared delay h months ahead has SD
 * √(3² + (b·h)²)). Measured, not assumed: on the method back-test of the synthetic province (completion, five
 * origins 2015-06 … 2017-06, province roll-up of the county draws) the pace that matches each origin's later
 * province figures was −0.20, +0.03, 0.00, +0.01, +0.11; b is their root mean square, 0.10 (a 90 % chi-square
 * interval with five origins: 0.07–0.22). Five origins cannot pin it down; see src/progress/README.md.
 */
export const COMMON_PACE_SD = 0.1;
/**
 * The province-level check of the shock (`provinceBackTest`, completion, the five method origins, 6/12/18/24
 * months after each, seed 2014, 200 draws): points inside the province's 50 / 80 / 90 % band. Pinned by
 * test/progress/calibration.test.ts, so a change of method that moves them fails there.
 */
export const PROVINCE_CHECK = { points: 20, inside50: 18, inside80: 20, inside90: 20 } as const;
/**
 * Origins of the back-test that checks the method and estimates its calibration: fitted on the
 * reports up to each, scored on the next 24 months. The same on every page (it is a property of the
 * method on this panel); a panel without these report dates uses three of its own, spread over the
 * dates with at least four reports before and six months after.
 */
const METHOD_ORIGINS: string[] = [...METHOD_BACK_TEST_ORIGINS];
const METHOD_SEED = 2014;
/** The four 双月报 indicators, in the order the page shows them. */
const INDICATORS = ["completion_rate", "equipment_rate", "start_rate", "funds_rate"] as const;
/** Without a scenario: the national “双超70%” demand. */
const DEFAULT_TARGETS = [
  { indicator: "completion_rate", threshold: 0.7, deadline: DEFAULT_DEADLINE },
  { indicator: "equipment_rate", threshold: 0.7, deadline: DEFAULT_DEADLINE },
];

type Row = Record<string, unknown>;
const rows = (t: ColumnTable | undefined): Row[] => (t ? (t.objects() as Row[]) : []);

const sources = (origin: string, seed: number) => ({
  synthetic: {
    zh: `gaibo 合成省（种子 20140901）双月报，截至 ${origin} 拟合；分层 logistic 曲线，按回测校准，预测抽样种子 ${seed}`,
    en: `gaibo synthetic province (seed 20140901) reports up to ${origin}; pooled logistic curves calibrated on the back-test, forecast seed ${seed}`,
  },
  fan: {
    zh: `gaibo 合成省（种子 20140901）截至 ${origin}；菱形点为种子文件 001/002/004 与各省公开简报`,
    en: `gaibo synthetic province (seed 20140901) to ${origin}; diamonds: seeds 001/002/004 and provincial bulletins`,
  },
});

/** The method back-test of every indicator of one panel: computed once per data, shown on every page. */
const methodRuns = new WeakMap<ColumnTable, Map<string, BackTestResult>>();

function methodOrigins(progress: ColumnTable): string[] {
  const dates = [...new Set(progress.array("as_of") as string[])].map(String).sort();
  if (METHOD_ORIGINS.every((o) => dates.includes(o)) && dates[dates.length - 1] >= addMonths(METHOD_ORIGINS[METHOD_ORIGINS.length - 1], 24)) return METHOD_ORIGINS;
  // A panel cut at its report date (a scenario): every report date with at least three reports before it
  // and one after, the latest six — as many origins as the data allow, so every horizon band has residuals
  // from several origins (measured on the synthetic panel cut at 2016-10-31: every 4 months left the 12–24
  // month band with residuals of one origin only).
  return dates.filter((d, i) => i >= 2 && i < dates.length - 1).slice(-6);
}

/** The back-test of one indicator: all four methods for completion (the table), the pooled model for the others (their calibration). */
function methodBackTest(progress: ColumnTable, indicator: string): BackTestResult | undefined {
  const cached = methodRuns.get(progress)?.get(indicator);
  if (cached) return cached;
  const origins = methodOrigins(progress);
  if (origins.length === 0) return undefined;
  const bt = backTest(progress, {
    indicator,
    origins,
    random: createRandom(METHOD_SEED),
    draws: origins === METHOD_ORIGINS ? 200 : 100,
    // Each county alone needs a second panel fit per origin: completion's method check only. The naive baselines cost nothing.
    methods: indicator === "completion_rate" && origins === METHOD_ORIGINS ? undefined : ["pooled", "last-value", "linear-trend"],
    // The 70 % date scores need a forecast to 2019 per county and origin: only for the method check on the whole panel.
    scoreDates: indicator === "completion_rate" && origins === METHOD_ORIGINS,
  });
  if (!methodRuns.has(progress)) methodRuns.set(progress, new Map());
  methodRuns.get(progress)!.set(indicator, bt);
  return bt;
}

/** The fits and calibrated joint forecasts of every indicator of one panel and scenario: computed once, shown in both languages. */
interface ProgressRun {
  indicators: string[];
  panels: Record<string, PanelFit>;
  forecasts: Record<string, PanelForecast>;
  backTests: Record<string, BackTestResult | undefined>;
  /** weight of the shared normals between one county's indicators */
  rho: number;
  completionPanel: PanelFit;
  completion: PanelForecast;
  start: PanelForecast;
}
const runs = new WeakMap<ColumnTable, Map<string, ProgressRun>>();

/** Target levels whose crossing dates every run simulates, so the page can recount the joint probability at any of them. */
export const PAGE_TARGET_LEVELS = [0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

/**
 * The settings and the run of one scenario's progress section (report date, deadline, draws, seed), the run
 * memoised, so the page's inputs carry the very draws the section shows.
 *
 * @returns undefined when the data have no county reports
 */
export function scenarioProgressRun(data: BundledData, scenario?: Scenario) {
  const progress = data.synthetic.progress;
  const counties = data.synthetic.counties;
  if (!progress || !counties) return undefined;
  const origin = scenario?.data.asOf ?? DEFAULT_ORIGIN;
  const targets = (scenario?.targets ?? DEFAULT_TARGETS).filter((t) => progress.columnNames().includes(t.indicator));
  const completionTarget = targets.find((t) => t.indicator === "completion_rate");
  const deadline = completionTarget?.deadline ?? targets[0]?.deadline ?? DEFAULT_DEADLINE;
  const seed = scenario?.monteCarlo.seed ?? DEFAULT_SEED;
  const draws = scenario?.monteCarlo.draws ?? 400;
  const weights = countyWeights(counties, "planned_floor_area_m2");
  const run = computeRun(progress, weights, origin, [deadline, ...targets.map((t) => t.deadline)], targets.map((t) => t.threshold), seed, draws);
  return { run, origin, deadline, targets, seed, draws, source: sources(origin, seed), observations: (indicator: string) => markedObservations(data, indicator) };
}

function computeRun(progress: ColumnTable, weights: Record<string, number>, origin: string, deadlines: string[], targets: number[], seed: number, draws: number): ProgressRun {
  const key = JSON.stringify([origin, deadlines, targets, seed, draws]);
  const cached = runs.get(progress)?.get(key);
  if (cached) return cached;
  const columns = new Set(progress.columnNames());
  const indicators = INDICATORS.filter((i) => columns.has(i));
  const random = createRandom(seed);
  const panels = Object.fromEntries(indicators.map((i) => [i, fitPanel(progress, { indicator: i, asOf: origin })]));
  const backTests = Object.fromEntries(indicators.map((i) => [i, methodBackTest(progress, i)]));
  const rho = indicatorCorrelation(Object.values(panels));
  // One set of shared draws: draw d is the same province-wide year (delay) and the same county fortunes for every indicator.
  const joint = jointDraws(panels[indicators[0]].counties.map((c) => c.countyId), { random: random.fork(), draws, commonShockMonths: COMMON_SHOCK_MONTHS, commonPaceSd: COMMON_PACE_SD, rho });
  const times = [...new Set(deadlines)].map((d) => monthsSinceStart(d));
  // The page's deadline control counts draws at these levels too (crossing dates use no random numbers, so the
  // other forecasts are unchanged by them).
  const forecastTargets = [...new Set([0.7, 1, ...targets, ...PAGE_TARGET_LEVELS])];
  const forecasts = Object.fromEntries(
    indicators.map((i) => [
      i,
      forecastPanel(panels[i], { random: random.fork(), draws, weights, times, targets: forecastTargets, joint, calibration: backTests[i]?.calibration ?? null }),
    ]),
  );
  const run: ProgressRun = {
    indicators,
    panels,
    forecasts,
    backTests,
    rho,
    completionPanel: panels.completion_rate,
    completion: forecasts.completion_rate,
    start: forecasts.start_rate,
  };
  if (!runs.has(progress)) runs.set(progress, new Map());
  runs.get(progress)!.set(key, run);
  return run;
}

const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** Seed and real province- or city-level figures of an indicator, as marked points. */
function markedObservations(data: BundledData, indicator: string): MarkedObservation[] {
  const seeds = rows(data.seeds.progress_rates)
    .filter((r) => r.indicator === indicator && r.qualifier === "exact" && r.as_of && typeof r.value_share === "number" && (r.value_share as number) <= 1.5)
    .filter((r) => ["新疆维吾尔自治区", "山东省", "三门峡市"].includes(String(r.region)))
    .map((r): MarkedObservation => ({ region: String(r.province === "河南" ? r.region : r.province), as_of: String(r.as_of), value_share: Number(r.value_share), provenance: "seed" }));
  const real = rows(data.real.progress_observations)
    .filter((r) => r.indicator === indicator && r.region_level === "province" && r.as_of && typeof r.value_share === "number")
    .map((r): MarkedObservation => ({ region: String(r.province), as_of: String(r.as_of), value_share: Number(r.value_share), provenance: "real" }));
  return [...seeds, ...real];
}

const years = (range: readonly [number, number]) => `${dateFromMonths(range[0]).slice(0, 4)}–${dateFromMonths(range[1]).slice(0, 4)}`;

/** Longest run of reports (between 5 % and 95 %) that moved less than half a point: a stall. */
function longestStall(y: readonly number[]): number {
  let best = 0;
  let run = 0;
  for (let i = 1; i < y.length; i++) {
    run = y[i] - y[i - 1] < 0.005 && y[i] > 0.05 && y[i] < 0.95 ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A probability as a leader reads it: calibrated, and a bound where the back-test cannot tell (never “100.0%”). */
const prob = (p: number) => supportedProbability(p).text;
const pct0 = (x: number) => `${Math.round(x * 100)}%`;

/** Median and 80 % band of a forecast at a date on its grid. */
function at(fc: CurveForecast, date: string): { median: number; lower: number; upper: number } | undefined {
  const t = monthsSinceStart(date);
  const g = fc.t.findIndex((x) => Math.abs(x - t) < 1e-6);
  if (g < 0) return undefined;
  return { median: fc.median[g], lower: fc.lower[g], upper: fc.upper[g] };
}

/**
 * The progress-curve section of the briefing: where the synthetic province's four 双月报 rates
 * (start, completion, equipment, funds) will be at the deadline, with calibrated uncertainty, the
 * joint probability of the scenario's targets (“双超70%”), who is behind, and how well the method
 * forecasts (back-test with coverage by level and horizon band).
 *
 * Fits the pooled S-curve panel of each indicator on the 双月报 up to the report date, forecasts to
 * end 2019 with joint draws shared by the indicators and recalibrated on the method back-test.
 *
 * @param data bundled datasets
 * @param lang language
 * @param scenario report date, targets, draws and seed
 */
export const progressSections: SectionBuilder = (data: BundledData, lang: Lang, scenario?: Scenario): ReportSection[] => {
  const zh = lang === "zh";
  const progress = data.synthetic.progress;
  const counties = data.synthetic.counties;
  if (!progress || !counties) return [];
  // The scenario fixes the report date, the targets, the draws and the seed.
  const { run, origin: ORIGIN, deadline: DEADLINE, targets, seed: SEED, draws } = scenarioProgressRun(data, scenario)!;
  const { completionPanel, completion, start, forecasts, backTests, indicators } = run;
  const bt = backTests.completion_rate;
  const SOURCE = sources(ORIGIN, SEED);
  const src = SOURCE.synthetic[lang];
  const paren = (count: number, share: number) => (zh ? `${count}（${pct(share)}）` : `${count} (${pct(share)})`);
  // The national view's rows are province-level units: tables and charts that name the units say so.
  const unitLevel = scenarioRegion(data, scenario, lang).unitLevel;
  const lbl = (i: string) => (zh ? label(i, lang) : label(i, lang).toLowerCase());

  // Province fans with the seed and real points.
  const provinceFan = (fc: PanelForecast, indicator: string) =>
    forecastFanChart(fc.province, {
      indicator,
      provenance: "synthetic",
      source: SOURCE.fan[lang],
      lang,
      region: zh ? "合成省" : "Synthetic province",
      target: 0.7,
      deadline: DEADLINE,
      observations: markedObservations(data, indicator),
      id: `progress-fan-province-${indicator.replace("_", "-")}`,
    });

  // Three interesting counties: the least likely to make 70 % completion by the deadline, the
  // longest stall in its reports, and the furthest over its planned floor area (start rate).
  const probs = completion.counties.map((f) => ({ f, p: targetProbability(f, 0.7, DEADLINE) }));
  const laggard = probs.slice().sort((a, b) => a.p - b.p || (a.f.id < b.f.id ? -1 : 1))[0].f;
  const stalled = completion.counties
    .filter((f) => f.id !== laggard.id)
    .map((f) => ({ f, run: longestStall(f.history.y) }))
    .sort((a, b) => b.run - a.run || (a.f.id < b.f.id ? -1 : 1))[0].f;
  const over = start.counties.slice().sort((a, b) => b.history.y[b.history.y.length - 1] - a.history.y[a.history.y.length - 1] || (a.id < b.id ? -1 : 1))[0];
  // Ids name the role, not the county, so the same chart lines up across scenarios in the comparison.
  const countyFan = (f: PanelForecast["counties"][number], indicator: string, role: string, roleId: string) =>
    forecastFanChart(f, { indicator, provenance: "synthetic", source: src, lang, region: zh ? `${f.name}（${role}）` : `${placeName(f.name, lang)} (${role})`, deadline: DEADLINE, id: `progress-fan-${roleId}-${indicator.replace("_", "-")}` });
  const roles = zh ? ["落后县", "停滞县", "超额完成县"] : ["laggard", "stalled", "over-delivering"];

  // Laggards on the Shandong date (start rate under 30 % / 20 %) and at the origin.
  const lag2015 = findLaggards(progress, { indicator: "start_rate", asOf: "2015-06-30" });
  const lagNow = findLaggards(progress, { indicator: "completion_rate", asOf: ORIGIN, forecast: completion, target: 0.7, deadline: DEADLINE });
  const leagueSource = zh ? "gaibo 合成省（种子 20140901）2015-06-30 双月报" : "gaibo synthetic province (seed 20140901), report of 2015-06-30";
  const league = leagueTableChart(leagueTable(progress, { indicator: "start_rate", asOf: "2015-06-30" }), {
    indicator: "start_rate",
    asOf: "2015-06-30",
    provenance: "synthetic",
    source: leagueSource,
    lang,
    worst: 40,
    units: unitLevel,
    id: "progress-league-start-2015-06-30",
  });
  const probChart = targetProbabilityChart(completion.counties, {
    indicator: "completion_rate",
    target: 0.7,
    deadline: DEADLINE,
    provenance: "synthetic",
    source: src,
    lang,
    province: completion.province,
    worst: 40,
    units: unitLevel,
    id: "progress-target-probability-completion",
  });

  // How the laggard's deadline band narrows as its reports arrive, starting from the real regions'
  // reference class; the last step is the laggard's forecast shown in its fan (one forecast per county).
  const refObs = referenceObservations(data);
  const refPoints = refObs.filter((r) => r.indicator === "completion_rate" && (r.region_level === "province" || r.region_level === "city")).length;
  const refPrior = refPoints >= 3 ? referenceClassPrior(refObs, { indicator: "completion_rate" }) : undefined;
  const narrowing = refPrior
    ? bandNarrowing(
      { id: laggard.id, name: laggard.name, city: laggard.city, dates: laggard.history.dates, y: laggard.history.y },
      { prior: refPrior, random: createRandom(SEED + 2), deadline: DEADLINE, sigma: completionPanel.hyper.sigma, draws: 200, final: laggard },
    )
    : undefined;
  const narrowingChart =
    refPrior && narrowing
      ? bandNarrowingChart(narrowing, {
        indicator: "completion_rate",
        provenance: "synthetic",
        source: src,
        priorSource: zh
          ? `${refPrior.points.length} 个省、市级公布竣工率（${refPrior.regions} 个地区，山东、云南、山西、宁夏、新疆等，${years(refPrior.tRange)}）拟合的参照类`
          : `reference class fitted to ${refPrior.points.length} published province/city completion rates (${refPrior.regions} regions, Shandong, Yunnan, Shanxi, Ningxia, Xinjiang and others, ${years(refPrior.tRange)})`,
        lang,
        region: zh ? `${laggard.name}（${roles[0]}）` : `${placeName(laggard.name, lang)} (${roles[0]})`,
        id: "progress-band-narrowing-laggard-completion",
      })
      : undefined;
  const narrowingSentence = (() => {
    if (!refPrior || !narrowing || narrowing.steps.length < 2) return undefined;
    const first = narrowing.steps[0];
    const last = narrowing.steps[narrowing.steps.length - 1];
    const pts = (x: number) => (x * 100).toFixed(0);
    // the widest step on the way (the last step is the pooled forecast, a different model)
    const widest = narrowing.steps.slice(0, -1).reduce((a, b) => (b.width > a.width ? b : a));
    const widens = widest.width > first.width + 0.02;
    return zh
      ? `报告很少的县先借用真实地区的“参照类”：把 ${refPrior.points.length} 个省、市级公布的竣工率按改薄月份拟合一条曲线（拐点约 ${dateFromMonths(refPrior.params.t0).slice(0, 7)}），同月各地区的差距给出先验宽度。以${laggard.name}为例，仅凭先验，${DEADLINE} 竣工率的 ${Math.round(narrowing.level * 100)}% 区间宽 ${pts(first.width)} 个百分点；用上全部 ${last.reports} 期报告后（即上面扇形图的同一预测：中位数 ${pts(last.median)}%）为 ${pts(last.width)} 个百分点${widens ? `（中途一度放宽到 ${pts(widest.width)} 个百分点：该县的慢进度与参照类不符）` : ""}。参照类只有横截面、点数少，且多为进度较快、愿意公布的地区，仅作缺数据时的起点。`
      : `A county with few reports starts from a reference class of real regions: one curve through ${refPrior.points.length} published province and city completion rates by programme month (turning around ${dateFromMonths(refPrior.params.t0).slice(0, 7)}), with the spread between regions at the same month as the prior's width. For ${placeName(laggard.name, lang)}, on the prior alone the ${Math.round(narrowing.level * 100)}% band for completion at ${DEADLINE} is ${pts(first.width)} points wide; with all ${last.reports} reports (the same forecast as its fan above: median ${pts(last.median)}%) it is ${pts(last.width)} points${widens ? ` (on the way it widens to ${pts(widest.width)} points: the county's slow reports contradict the reference class)` : ""}. The reference class is cross-sections only, few points, mostly from faster regions that chose to publish: a starting point when data are missing, not evidence.`;
  })();

  const btOrigins = bt?.origins ?? [];
  const btChart = bt && backTestChart(bt, { provenance: "synthetic", source: zh ? `gaibo 合成省双月报；起点 ${btOrigins.join("、")}` : `gaibo synthetic province; origins ${btOrigins.join(", ")}`, lang, id: "progress-back-test-completion" });

  const crossingRow = (fc: PanelForecast, indicator: string, target: number) => {
    const s = crossingSummary(fc.province, target, [0.1, 0.5, 0.9]);
    const d = (i: number) => s.quantiles[i].date ?? (zh ? "期内未达到" : "not by 2019-12");
    return [label(indicator, lang), `${Math.round(target * 100)}%`, s.alreadyReached ? (zh ? "已达到" : "reached") : d(0), s.alreadyReached ? "—" : d(1), s.alreadyReached ? "—" : d(2), prob(s.shareNever), prob(targetProbability(fc.province, target, DEADLINE))];
  };
  const crossingTable: ReportTable = {
    title: zh ? `全省何时达到 70% 和 100%（截至 ${ORIGIN} 的预测）` : `When will the province pass 70% and 100%? (forecast from ${ORIGIN})`,
    columns: zh ? ["指标", "目标", "10% 分位日期", "中位日期", "90% 分位日期", "2019 年底前未达到的比例", `${DEADLINE} 前达到的概率`] : ["indicator", "target", "10% date", "median date", "90% date", "share not by end 2019", `P(reached by ${DEADLINE})`],
    rows: indicators.flatMap((i) => [crossingRow(forecasts[i], i, 0.7), crossingRow(forecasts[i], i, 1)]),
    note: zh
      ? `“达到 100%”按 99.5% 计（报表取整）；各县按规划校舍面积加权汇总。概率已按回测校准，超出回测能支持的范围时只写“> 95%”或“< 5%”。省级区间包含全省共同的进度冲击：统一延误（标准差 ${COMMON_SHOCK_MONTHS} 个月，假设值）加上全省进度快慢（每往后 1 个月，延误的标准差 ${COMMON_PACE_SD.toFixed(2)} 个月，由回测 5 个起点的全省偏差估计，起点太少，估计很粗），h 个月后延误的标准差为 √(${COMMON_SHOCK_MONTHS}² + (${COMMON_PACE_SD.toFixed(2)}·h)²) 个月，预测越远，省级区间越宽；回测中全省后来的数字落在全省 80% 区间内 ${PROVINCE_CHECK.inside80}/${PROVINCE_CHECK.points} 次、50% 区间内 ${PROVINCE_CHECK.inside50}/${PROVINCE_CHECK.points} 次（5 个起点各 ${PROVINCE_CHECK.points / 5} 个时点；只是计数，不足以检验，但看来区间偏宽而不是偏窄）。`
      : `“100%” counts from 99.5% (reports are rounded); counties weighted by planned floor area. Probabilities are calibrated on the back-test; beyond what it supports they read “> 95%” or “< 5%”. Province bands include a province-wide shock: a shared delay with an ASSUMED SD of ${COMMON_SHOCK_MONTHS} months plus a province-wide pace with a delay SD of ${COMMON_PACE_SD.toFixed(2)} months per month ahead (estimated from the province misses at the back-test's 5 origins, too few to pin it down), so h months ahead the delay SD is √(${COMMON_SHOCK_MONTHS}² + (${COMMON_PACE_SD.toFixed(2)}·h)²) months and bands widen with the horizon; in the back-test the province's later figures fell inside its 80% band ${PROVINCE_CHECK.inside80} of ${PROVINCE_CHECK.points} times and inside its 50% band ${PROVINCE_CHECK.inside50} of ${PROVINCE_CHECK.points} (${PROVINCE_CHECK.points / 5} dates at each of 5 origins: a count, not a test, but it points to bands too wide rather than too narrow).`,
  };

  // The scenario's targets, each and jointly, from the same joint draws.
  const targetEvents = targets.filter((t) => forecasts[t.indicator]).map((t) => ({ ...t, forecast: forecasts[t.indicator].province }));
  const sameDeadline = targetEvents.length >= 2 && targetEvents.every((t) => t.deadline === targetEvents[0].deadline);
  const pJoint = sameDeadline ? jointTargetProbability(targetEvents.map((t) => ({ forecast: t.forecast, target: t.threshold })), targetEvents[0].deadline) : undefined;
  const pProduct = targetEvents.reduce((a, t) => a * targetProbability(t.forecast, t.threshold, t.deadline), 1);
  const targetText = (t: { indicator: string; threshold: number }) => `${label(t.indicator, lang)} ≥ ${pct0(t.threshold)}`;
  // A province median above the plan is the calibration carrying a lag it measured into this forecast; said in words.
  const abovePlan = targetEvents.flatMap((t) => {
    const v = at(t.forecast, t.deadline);
    const cal = backTests[t.indicator]?.calibration;
    if (!v || v.median <= 1 || !cal) return [];
    const h = monthsSinceStart(t.deadline) - monthsSinceStart(ORIGIN);
    const lastMedian = t.forecast.history.y[t.forecast.history.y.length - 1] ?? 0;
    const band = calibrationStratum(cal, lastMedian).bands[calibrationBandIndex(h)];
    return [{ t, v, band, r: band.quantiles[100], origins: cal.origins }];
  });
  const abovePlanText = abovePlan
    .map(({ t, v, band, r, origins }) =>
      zh
        ? `${label(t.indicator, lang)}截止日中位数 ${pct(v.median)} 超过规划：本页回测的起点（${origins[0]} 至 ${origins[origins.length - 1]}）正值全省起步，模型每次都远远落后于随后的冲刺，${band.label} 个月期段标准化残差的中位数为 ${r >= 0 ? "+" : ""}${r.toFixed(1)}（模型中位数之上 ${r.toFixed(1)} 个离散度）。校准把这一落后带进本次预测，再由上限（规划或已报最高值的 1.25 倍）截住。此数应读作“很可能达到规划”，不是对超额幅度的预测。`
        : `${label(t.indicator, lang)}: a median of ${pct(v.median)} at the deadline is above the plan. This page's back-test origins (${origins[0]} to ${origins[origins.length - 1]}) fall in the province's take-off, where the model lagged far behind every push that followed: the median standardised residual at ${band.label} months is ${r >= 0 ? "+" : ""}${r.toFixed(1)} spreads above the model's median. Calibration carries that lag into this forecast, and the ceiling (1.25 × the plan or the highest report) stops it. Read it as “likely to reach the plan”, not as a forecast of over-delivery.`,
    )
    .join(zh ? "" : " ");
  const targetTable: ReportTable | undefined = targetEvents.length
    ? {
      title: zh ? `本情景的目标：各自与同时达到的概率（截至 ${ORIGIN} 的预测）` : `This scenario's targets, each and together (forecast from ${ORIGIN})`,
      columns: zh ? ["目标", "截止日期", "截止日预测中位数", "80% 区间", "达到的概率"] : ["target", "deadline", "median at the deadline", "80% band", "probability"],
      rows: [
        ...targetEvents.map((t) => {
          const v = at(t.forecast, t.deadline);
          return [targetText(t), t.deadline, v ? pct(v.median) : "—", v ? `${pct(v.lower)}–${pct(v.upper)}` : "—", prob(targetProbability(t.forecast, t.threshold, t.deadline))];
        }),
        ...(pJoint !== undefined ? [[zh ? `同时达到（${targetEvents.map(targetText).join(" 且 ")}）` : `all together (${targetEvents.map(targetText).join(" and ")})`, targetEvents[0].deadline, "—", "—", prob(pJoint)]] : []),
      ],
      note: zh
        ? `同时达到的概率来自联合抽样：同一次模拟中各指标共用全省冲击，同一县的各指标曲线相关（相关系数 ρ = ${run.rho.toFixed(2)}，由各县拟合参数在指标间的相关估计），不是各自概率的乘积（乘积为 ${pct(pProduct)}）。${abovePlanText ? abovePlanText : ""}`
        : `The joint probability comes from joint draws: in one simulation all indicators share the province-wide shock, and one county's indicator curves move together (ρ = ${run.rho.toFixed(2)}, the between-county correlation of fitted curve parameters across indicators); it is not the product of the separate probabilities (which is ${pct(pProduct)}).${abovePlanText ? ` ${abovePlanText}` : ""}`,
    }
    : undefined;

  // Back-test tables: errors (MAE, CRPS) by method and horizon; coverage by level and horizon band, raw and calibrated, every indicator.
  const btTable: ReportTable | undefined = bt && {
    title: zh ? "回测：竣工率预测误差（百分点）" : "Back-test: completion forecast error (percentage points)",
    columns: zh
      ? ["方法", "≤6 月", "6–12 月", "12–18 月", "18–24 月", "全部 MAE", "全部 CRPS", "70% 日期误差（天）"]
      : ["method", "≤6 mo", "6–12 mo", "12–18 mo", "18–24 mo", "all, MAE", "all, CRPS", "70% date error (days)"],
    rows: (["pooled", "unpooled", "last-value", "linear-trend"] as const).filter((m) => bt.scores.some((x) => x.method === m)).map((m) => {
      const sc = (h: string) => bt.scores.find((x) => x.method === m && x.horizon === h);
      const d = bt.dateScores.find((x) => x.method === m)!;
      const crps = bt.probabilistic.find((x) => x.method === (m === "pooled" ? "pooled-calibrated" : m) && x.band === "all");
      return [
        BACK_TEST_METHOD_LABELS[m][lang],
        ...["≤6", "6–12", "12–18", "18–24", "all"].map((h) => (sc(h) ? sc(h)!.maePp.toFixed(2) : "—")),
        crps ? crps.crpsPp.toFixed(2) : "—",
        d.n === 0 || !(["last-value", "linear-trend"].includes(m) || bt.dateScores.some((x) => (x.method === "pooled" || x.method === "unpooled") && x.n > 0)) ? "—" : Number.isFinite(d.maeDays) ? `${d.maeDays.toFixed(0)}${d.missed ? (zh ? `（${d.missed} 个未预测到）` : ` (${d.missed} missed)`) : ""}` : zh ? `全部未预测到（${d.missed}）` : `all missed (${d.missed})`,
      ];
    }),
    note: zh
      ? `起点 ${btOrigins.join("、")}：只用起点及以前的报告拟合，与此后 24 个月内的报告比较（共 ${bt.scores.find((x) => x.horizon === "all")?.n ?? 0} 对）。CRPS（连续排序概率评分）衡量整个预测分布，越小越好；分层模型一行为校准后的分布，朴素方法只给一个数，其 CRPS 等于平均绝对误差。${scenario ? `本页只用截至本情景报告日 ${ORIGIN} 的报告，超出报告日的预测期无从比较；笔记本 01 用同样的起点和随机种子（${METHOD_SEED}），但用全部合成报告（至 2019 年），所以其误差（尤其 70% 日期误差）与本表不同。` : `笔记本 01 用相同的起点、随机种子（${METHOD_SEED}）和全部报告，数字与本表一致。`}`
      : `Origins ${btOrigins.join(", ")}: fitted on reports up to the origin, scored on the reports of the next 24 months (${bt.scores.find((x) => x.horizon === "all")?.n ?? 0} pairs). CRPS (continuous ranked probability score) scores the whole forecast distribution, lower is better; the pooled row is the calibrated distribution, the naive methods give one number, whose CRPS is its absolute error. ${scenario ? ` This page sees only the reports up to the scenario's report date ${ORIGIN}, so horizons beyond it cannot be scored; notebook 01 uses the same origins and seed (${METHOD_SEED}) on all synthetic reports (to 2019), so its errors, the 70% date error above all, differ from this table.` : ` Notebook 01 uses the same origins, seed (${METHOD_SEED}) and all reports: its figures match this table.`}`,
  };
  const coverageTable: ReportTable | undefined = bt && {
    title: zh ? "回测：区间覆盖率（名义 50% / 80% / 95%）与 PIT 均匀性检验" : "Back-test: interval coverage (nominal 50% / 80% / 95%) and the PIT uniformity test",
    columns: zh
      ? ["指标", "模型", "0–6 月", "6–12 月", "12–24 月", "全部", "PIT 卡方检验 p 值（按县聚类校正 / 视为独立）", "MAE / CRPS（百分点）", "朴素：沿用最近一期 / 线性外推 MAE"]
      : ["indicator", "model", "0–6 mo", "6–12 mo", "12–24 mo", "all", "PIT chi-square p (clustered by county / as independent)", "MAE / CRPS (points)", "naive: last value / linear trend MAE"],
    rows: indicators.flatMap((i) => {
      const b = backTests[i];
      if (!b || !b.pit) return [];
      const cell = (method: string, band: string) => {
        const r = b.probabilistic.find((x) => x.method === method && x.band === band);
        return r ? `${pct0(r.coverage50!)} / ${pct0(r.coverage80!)} / ${pct0(r.coverage95!)}` : "—";
      };
      const pv = (p: number) => (p < 1e-300 ? "< 1e-300" : p < 0.001 ? p.toExponential(0) : p.toFixed(2));
      return (["pooled", "pooled-calibrated"] as const).map((m) => [
        label(i, lang),
        m === "pooled" ? (zh ? "原始" : "raw") : zh ? "校准后（交叉拟合）" : "calibrated (cross-fitted)",
        ...["0–6", "6–12", "12–24", "all"].map((band) => cell(m, band)),
        ((u) => `${pv(u.clusteredPValue)} / ${pv(u.pValue)}`)(m === "pooled" ? b.pit!.raw : b.pit!.calibrated),
        ((r) => (r ? `${r.maePp.toFixed(2)} / ${r.crpsPp.toFixed(2)}` : "—"))(b.probabilistic.find((x) => x.method === m && x.band === "all")),
        m === "pooled" ? "" : (["last-value", "linear-trend"] as const).map((n) => b.probabilistic.find((x) => x.method === n && x.band === "all")?.maePp.toFixed(2) ?? "—").join(" / "),
      ]);
    }),
    note: zh
      ? `每格为 50% / 80% / 95% 区间实际覆盖的后续报告比例，理想值即名义值（容许 ±3 个百分点）。校准：保留模型每个县的中位数和离散度，分布形状取自回测中同一预测期段、同一起点进度层（<90%、90–99.5%、达到计划、超出计划）的标准化残差，停滞（报告不变）单独计为一个概率点；达到计划的县不用曲线，直接用回测中同类县此后报上来的增量。为免“拿考题校准再考同一题”，每个起点的校准只用其余起点的残差（留一起点交叉拟合）。覆盖率按随机化 PIT 计算：预测分布有概率点（停在计划上、报告不变）时，闭区间会把整个概率点算进去，即使预测完全准确也超过名义值。PIT 为后续报告在预测分布中的分位，校准良好时均匀分布；同一县同一起点的各期误差相关，故 p 值按县×起点聚类做 Rao–Scott 校正（斜线后为视为独立时的 p 值，偏小）；p 小于 0.01 即拒绝均匀。${calibratedList(backTests, indicators, lang)}`
      : `Each cell: the share of later reports inside the 50% / 80% / 95% intervals; ideal is the nominal level (±3 points tolerated). Calibration keeps each county's model median and spread and takes the shape of the distribution from the back-test's standardised residuals in the same horizon band and the same level at the origin (below 90%, 90–99.5%, at the plan, above it), with stalls (an unchanged report) kept as a point mass; counties at their plan skip the curve and take the increments such counties reported in the back-test. So as not to grade the calibration on the answers it was fitted to, each origin is calibrated with the other origins' residuals only (leave-one-origin-out cross-fitting). Coverage is counted on the randomised PIT: where the forecast has a point mass (staying at the plan, an unchanged report) a closed interval holds all of it and covers more than its level even when the forecast is exact. The PIT is the later report's quantile under the forecast, uniform when calibrated; one county's errors after one origin are correlated, so the p-value is Rao–Scott corrected for clustering by county and origin (after the slash: treated as independent, too small); p < 0.01 rejects uniformity. ${calibratedList(backTests, indicators, lang)}`,
  };
  const lagTable: ReportTable = {
    title: zh ? `平均数掩盖的差距：2015-06-30 开工率与截至 ${ORIGIN} 竣工率` : `What the average hides: start rate 2015-06-30 and completion rate ${ORIGIN}`,
    columns: zh ? ["指标与日期", `${unitLabel("{units}", lang, unitLevel)}数`, "最低", "下四分位", "中位数", "上四分位", "最高", "低于 30%", "低于 20%"] : ["indicator and date", unitLabel("{units}", lang, unitLevel), "min", "Q1", "median", "Q3", "max", "below 30%", "below 20%"],
    rows: [
      [`${label("start_rate", lang)} 2015-06-30`, lag2015.spread],
      [`${label("completion_rate", lang)} ${ORIGIN}`, lagNow.spread],
    ].map(([name, s]) => {
      const x = s as typeof lag2015.spread;
      return [name as string, x.n, pct(x.min), pct(x.q25), pct(x.median), pct(x.q75), pct(x.max), paren(x.below[0].count, x.below[0].share), paren(x.below[1].count, x.below[1].share)];
    }),
  };
  const atRisk = lagNow.atRisk;
  const riskTable: ReportTable = {
    title: zh ? `${DEADLINE} 前竣工率达到 70% 的概率低于一半的${unitLabel("{units}", lang, unitLevel)}` : `${unitLabel("{Units}", lang, unitLevel)} with less than even odds of 70% completion by ${DEADLINE}`,
    columns: zh ? [unitLabel("{units}", lang, unitLevel), "市", `截至 ${ORIGIN} 竣工率`, `${DEADLINE} 预测中位数`, "达标概率"] : [unitLabel("{unit}", lang, unitLevel), "city", `completion at ${ORIGIN}`, `median forecast ${DEADLINE}`, "probability"],
    rows: atRisk.slice(0, 15).map((r) => {
      const f = completion.counties.find((c) => c.id === r.countyId)!;
      const v = at(f, DEADLINE);
      return [placeCell(r.countyName, lang), placeCell(r.city, lang), pct(f.history.y[f.history.y.length - 1]), v ? pct(v.median) : "—", prob(r.probability)];
    }),
    note: zh ? `共 ${atRisk.length} 个县；表中列出概率最低的 ${Math.min(15, atRisk.length)} 个。` : `${atRisk.length} counties in all; the ${Math.min(15, atRisk.length)} least likely shown.`,
  };

  const fullPanel = btOrigins.length === METHOD_ORIGINS.length && btOrigins.every((o, i) => o === METHOD_ORIGINS[i]);
  const originSentence = fullPanel
    ? zh
      ? `回测用的是合成省全部报告（起点 ${btOrigins.join("、")}，各看此后 24 个月），是对方法的检验。`
      : `The back-test uses the whole synthetic panel (origins ${btOrigins.join(", ")}, 24 months after each): a check of the method.`
    : zh
      ? `回测只用报告日 ${ORIGIN} 以前的报告：${btOrigins.length} 个起点（${btOrigins[0]} 至 ${btOrigins[btOrigins.length - 1]}），每个起点只与报告日以前的后续报告比较——这是预测者当时能做的检验，长预测期的残差因此较少。`
      : `The back-test uses only the reports up to the report date ${ORIGIN}: ${btOrigins.length} origins (${btOrigins[0]} to ${btOrigins[btOrigins.length - 1]}), each scored on the later reports up to the report date — the check a forecaster could make then, with fewer residuals at long horizons.`;
  const backTestSection: ReportSection | undefined = btChart && btTable
    ? {
      id: "progress-back-test",
      heading: zh ? "六、预测准不准：回测" : "6. How good are the forecasts? A back-test",
      paragraphs: [backTestSentence(bt, zh, label), originSentence],
      charts: [btChart],
      tables: [btTable, ...(coverageTable ? [coverageTable] : [])],
    } : undefined;
  const pDone = targetProbability(completion.province, 0.7, DEADLINE);
  const vDone = at(completion.province, DEADLINE);
  const equipment = forecasts.equipment_rate;
  const vEquip = equipment && at(equipment.province, DEADLINE);
  const pEquip = equipment ? targetProbability(equipment.province, 0.7, DEADLINE) : undefined;
  const double70 = equipment ? jointTargetProbability([{ forecast: completion.province, target: 0.7 }, { forecast: equipment.province, target: 0.7 }], DEADLINE) : undefined;
  const band = (v: { median: number; lower: number; upper: number } | undefined) => (v ? (zh ? `${pct0(v.median)}（${pct0(v.lower)}–${pct0(v.upper)}）` : `${pct0(v.median)} (${pct0(v.lower)}–${pct0(v.upper)})`) : "—");
  const probabilitySentence = zh
    ? `按校准后的模型，全省 ${DEADLINE} 竣工率预测中位数 ${band(vDone)}${vEquip ? `、设备采购完成率 ${band(vEquip)}` : ""}（括号内为 80% 区间）；竣工率达到 70% 的概率 ${prob(pDone)}${pEquip !== undefined ? `，设备 ${prob(pEquip)}，两者同时超过 70%（国家“双超70%”要求）的概率 ${prob(double70!)}` : ""}。${ indicators.map((i) => `${label(i, lang)}中位数 ${band(at(forecasts[i].province, DEADLINE))}`).join("；") }。图中菱形点为真实公布数字（新疆 2017 年 4 月底竣工 36%、8 月底 73%；山东 2015 年 6 月底开工 34.37%、竣工 17.77%；三门峡 2016 年 10 月底开工 86.03%、竣工 60.17%），只作对照，不是合成省的数据。`
    : `On the calibrated model, the province's completion rate at ${DEADLINE} has median ${band(vDone)}${vEquip ? ` and its equipment rate ${band(vEquip)}` : ""} (80% bands in brackets); completion reaches 70% with probability ${prob(pDone)}${pEquip !== undefined ? `, equipment ${prob(pEquip)}, and both together (the national “both above 70%” demand) ${prob(double70!)}` : ""}. ${indicators.map((i) => `${label(i, lang)}: median ${band(at(forecasts[i].province, DEADLINE))}`).join("; ")}. Diamonds are real published figures (Xinjiang completion 36% end April 2017, 73% end August; Shandong start 34.37%, completion 17.77% mid-2015; Sanmenxia start 86.03%, completion 60.17% end October 2016), shown for comparison; they are not synthetic-province data.`;
  return [
    {
      id: "progress-curves",
      heading: zh ? "四、进度曲线与预测" : "4. Progress curves and forecasts",
      paragraphs: [
        zh
          ? `站在 ${ORIGIN}（合成省双月报）看：每个县的${indicators.map((i) => label(i, lang)).join("、")}各拟合一条 S 形（logistic）曲线；报告少或波动大的县向全省的典型曲线“借力”（经验贝叶斯部分合并），再按规划校舍面积加权汇总到全省。预测来自 ${draws} 次联合模拟（各指标共用全省冲击，同一县的各指标相关），并按回测校准，累计进度不会倒退。`
          : `Seen from the ${ORIGIN} report of the synthetic province: each county's ${indicators.map(lbl).join(", ")} each follow an S-shaped (logistic) curve; counties with few or noisy reports borrow strength from the province's typical curve (empirical-Bayes partial pooling), and counties are rolled up by planned floor area. Forecasts come from ${draws} joint simulations (indicators share the province-wide shock; one county's indicators move together), calibrated on the back-test; cumulative rates never fall.`,
        probabilitySentence,
        zh
          ? `合成省 ${ORIGIN} 的分层模型：典型县竣工曲线拐点在 ${dateFromMonths(completionPanel.hyper.typicalParams.t0).slice(0, 7)}，县间标准差 ${completionPanel.hyper.sd[completionPanel.hyper.names.indexOf("t0")].toFixed(1)} 个月；报表波动 σ = ${(completionPanel.hyper.sigma * 100).toFixed(1)} 个百分点。`
          : `Pooled model at ${ORIGIN}: the typical county's completion curve turns at ${dateFromMonths(completionPanel.hyper.typicalParams.t0).slice(0, 7)}, with a between-county SD of ${completionPanel.hyper.sd[completionPanel.hyper.names.indexOf("t0")].toFixed(1)} months; report noise σ = ${(completionPanel.hyper.sigma * 100).toFixed(1)} points.`,
      ],
      charts: indicators.map((i) => provinceFan(forecasts[i], i)),
      headline: [
        ...(double70 !== undefined
          ? [
            {
              id: "p-completion-equipment-70",
              label: zh ? `${DEADLINE} 前“双超70%”（竣工率与设备采购完成率均达 70%）的概率` : `P(“both above 70%”: completion and equipment ≥ 70% by ${DEADLINE})`,
              value: prob(double70),
              numeric: Math.round(supportedProbability(double70).value * 1000) / 10,
              note: zh
                ? `竣工率中位数 ${band(vDone)}，设备 ${band(vEquip)}；报告日 ${ORIGIN}，${draws} 次联合模拟，已校准`
                : `completion median ${band(vDone)}, equipment ${band(vEquip)}; report date ${ORIGIN}, ${draws} joint draws, calibrated`,
              provenance: "synthetic" as const,
            },
          ]
          : []),
        {
          id: "p-completion-70",
          label: unitLabel(zh ? `${DEADLINE} 前{whole}竣工率达 70% 的概率` : `P({wholeAdjective} completion ≥ 70% by ${DEADLINE})`, lang, unitLevel),
          value: prob(pDone),
          numeric: Math.round(supportedProbability(pDone).value * 1000) / 10,
          note: zh ? `报告日 ${ORIGIN}，${draws} 次模拟，已校准` : `report date ${ORIGIN}, ${draws} draws, calibrated`,
          provenance: "synthetic",
        },
        {
          id: "counties-at-risk",
          label: unitLabel(zh ? "达标概率低于一半的{units}" : "{Units} with less than even odds", lang, unitLevel),
          value: `${lagNow.atRisk.length} / ${completion.counties.length}`,
          numeric: lagNow.atRisk.length,
          note: zh ? `竣工率 70%，${DEADLINE}` : `70% completion by ${DEADLINE}`,
          provenance: "synthetic",
        },
      ],
      tables: [...(targetTable ? [targetTable] : []), crossingTable],
    },
    {
      id: "progress-counties",
      heading: zh ? "五、谁落后了" : "5. Who is behind",
      paragraphs: [
        zh
          ? `2015 年 6 月底（山东讲话的时点），合成省 ${lag2015.spread.n} 个县开工率中位数 ${pct(lag2015.spread.median)}，但 ${lag2015.spread.below[0].count} 个县低于 30%、${lag2015.spread.below[1].count} 个县低于 20%，最低仅 ${pct(lag2015.spread.min)}：平均数之下总有落后县。`
          : `At end June 2015 (the date of the Shandong speech) the median synthetic county had started ${pct(lag2015.spread.median)}, yet ${lag2015.spread.below[0].count} counties were under 30% and ${lag2015.spread.below[1].count} under 20%, the lowest at ${pct(lag2015.spread.min)}: laggards sit under every average.`,
        zh
          ? `下面三个县的扇形图：${laggard.name}（${DEADLINE} 前竣工 70% 的概率最低）、${stalled.name}（报告中停滞最久）、${over.name}（开工面积超过规划）。每个县在本页只有一个预测：扇形图、收窄图的最后一步、概率图和表格用的是同一组模拟。`
          : `Fans for three counties: ${placeName(laggard.name, lang)} (least likely to reach 70% completion by ${DEADLINE}), ${placeName(stalled.name, lang)} (longest stall in its reports) and ${placeName(over.name, lang)} (started more than its planned floor area). Each county has one forecast on this page: its fan, the last step of the narrowing chart, the probability chart and the tables use the same draws.`,
        ...(narrowingSentence ? [narrowingSentence] : []),
      ],
      charts: [
        countyFan(laggard, "completion_rate", roles[0], "laggard"),
        ...(narrowingChart ? [narrowingChart] : []),
        countyFan(stalled, "completion_rate", roles[1], "stalled"),
        countyFan(over, "start_rate", roles[2], "over-delivering"),
        probChart,
        league,
      ],
      tables: [lagTable, riskTable],
    },
    ...(backTestSection ? [backTestSection] : []),
  ];
};

/** A calibrated coverage cell more than 3 points off nominal: "miss" when the back-test can tell (also beyond 2.576 binomial SE), else "unchecked". */
interface CoverageMiss { band: string; level: number; coverage: number; n: number; wide: boolean; kind: "miss" | "unchecked" }

/**
 * Cross-fitted calibrated coverage of every level and horizon band within ±3 points of nominal? The cells that are not.
 * A band with few reports (a scenario's page, 12–24 months: about a hundred from one origin) can be 3 points off by
 * chance alone; such a cell is "unchecked", not a miss: the page says the back-test cannot check it, and which way it leans.
 */
function calibrationMisses(bt: BackTestResult): CoverageMiss[] {
  const misses: CoverageMiss[] = [];
  for (const r of bt.probabilistic.filter((x) => x.method === "pooled-calibrated" && x.band !== "all")) {
    ([[0.5, r.coverage50], [0.8, r.coverage80], [0.95, r.coverage95]] as const).forEach(([level, c]) => {
      if (c === null || Math.abs(c - level) <= 0.03) return;
      const chance = 2.576 * Math.sqrt((level * (1 - level)) / r.n);
      misses.push({ band: r.band, level, coverage: c, n: r.n, wide: c > level, kind: Math.abs(c - level) > chance ? "miss" : "unchecked" });
    });
  }
  return misses;
}

/** Which indicators' calibrated bands meet ±3 points everywhere, which miss (and which way), which bands the back-test cannot check: one sentence. */
function calibratedList(backTests: Record<string, BackTestResult | undefined>, indicators: readonly string[], lang: Lang): string {
  const zh = lang === "zh";
  const of = (i: string) => calibrationMisses(backTests[i]!);
  const ok = indicators.filter((i) => backTests[i] && of(i).length === 0);
  const names = (xs: string[]) => xs.map((i) => label(i, lang)).join(zh ? "、" : ", ");
  const describe = (i: string, kind: "miss" | "unchecked") => {
    const ms = of(i).filter((m) => m.kind === kind);
    const bands = [...new Set(ms.map((m) => m.band))];
    return bands.map((b) => {
      const inBand = ms.filter((m) => m.band === b);
      const wide = inBand.every((m) => m.wide) ? (zh ? "偏宽" : "wide") : inBand.every((m) => !m.wide) ? (zh ? "偏窄" : "narrow") : zh ? "形状不对" : "misshapen";
      const cells = inBand.map((m) => `${Math.round(m.level * 100)}%→${Math.round(m.coverage * 100)}%`).join(zh ? "，" : ", ");
      return zh ? `${label(i, lang)} ${b} 个月（${inBand[0].n} 个报告，${cells}，${wide}）` : `${label(i, lang).toLowerCase()} at ${b} months (${inBand[0].n} reports, ${cells}: ${wide})`;
    });
  };
  const missed = indicators.filter((i) => backTests[i]).flatMap((i) => describe(i, "miss"));
  const unchecked = indicators.filter((i) => backTests[i]).flatMap((i) => describe(i, "unchecked"));
  if (zh)
    return `${ok.length ? `校准后各期段都在名义值 ±3 个百分点内：${names(ok)}。` : ""}${missed.length ? `超出 ±3 个百分点且不是偶然：${missed.join("；")}——偏窄的区间与概率应留余地，偏宽的偏保守。` : ""}${unchecked.length ? `回测报告太少、无法检验到 ±3 个百分点的期段：${unchecked.join("；")}；这些期段的区间只能看作近似。` : ""}`;
  return `${ok.length ? `Calibrated within ±3 points in every band: ${names(ok)}. ` : ""}${missed.length ? `More than 3 points off and not by chance: ${missed.join("; ")} — allow a margin on narrow bands and their probabilities; wide ones are conservative. ` : ""}${unchecked.length ? `Too few back-test reports to check to ±3 points: ${unchecked.join("; ")}; read these bands as approximate.` : ""}`;
}

/** The back-test's finding about completion, from its numbers (raw too narrow; calibrated coverage and where it misses). */
function backTestSentence(bt: BackTestResult, zh: boolean, lbl: (code: string, lang: Lang) => string): string {
  const all = (m: string) => bt.probabilistic.find((x) => x.method === m && x.band === "all")!;
  const raw = all("pooled");
  const cal = all("pooled-calibrated");
  const p0 = (x: number | null) => `${Math.round((x ?? NaN) * 100)}%`;
  const misses = calibrationMisses(bt).filter((m) => m.kind === "miss");
  const missText = (lang: Lang) =>
    [...new Set(misses.map((m) => m.band))].map((b) => (lang === "zh" ? `${b} 个月` : `${b} months`)).join(lang === "zh" ? "、" : ", ");
  const allWide = misses.every((m) => m.wide);
  const pv = (p: number) => (p < 1e-300 ? "< 1e-300" : p < 0.001 ? p.toExponential(0) : p.toFixed(2));
  return zh
    ? `回测把时间拨回过去：只用某一日期以前的报告拟合，再与之后报上来的数字比较。分层模型的误差小于“沿用最近一期”和“线性外推”两种朴素做法。模型原始的区间太窄：名义 80% 区间只覆盖 ${p0(raw.coverage80)} 的后续报告，95% 区间只覆盖 ${p0(raw.coverage95)}（PIT 均匀性 p = ${pv(bt.pit!.raw.clusteredPValue)}）。页面上的区间和概率因此都按回测校准；交叉拟合后 50% / 80% / 95% 区间覆盖 ${p0(cal.coverage50)} / ${p0(cal.coverage80)} / ${p0(cal.coverage95)}（PIT p = ${pv(bt.pit!.calibrated.clusteredPValue)}）。${misses.length ? `但${lbl(bt.indicator, "zh")}在 ${missText("zh")} 仍偏离名义值超过 3 个百分点：${allWide ? "区间偏宽（偏保守）" : "这些区间应视为偏窄，概率应留余地"}。` : `${lbl(bt.indicator, "zh")}在回测能检验的各预测期段都在名义值 ±3 个百分点内。`}`
    : `The back-test turns the clock back: fit on the reports up to a date, compare with what was reported afterwards. The pooled model's errors are below the naive “last value” and “linear trend” forecasts. Its own bands are too narrow: the nominal 80% band holds ${p0(raw.coverage80)} of later reports, the 95% band ${p0(raw.coverage95)} (PIT uniformity p = ${pv(bt.pit!.raw.clusteredPValue)}). Every band and probability on this page is therefore calibrated on the back-test; cross-fitted, the 50% / 80% / 95% bands cover ${p0(cal.coverage50)} / ${p0(cal.coverage80)} / ${p0(cal.coverage95)} (PIT p = ${pv(bt.pit!.calibrated.clusteredPValue)}). ${misses.length ? `The ${lbl(bt.indicator, "en").toLowerCase()} still misses nominal by more than 3 points at ${missText("en")}: ${allWide ? "the bands are wide (conservative)." : "read those bands as too narrow and the probabilities with a margin."}` : `The ${lbl(bt.indicator, "en").toLowerCase()} is within ±3 points of nominal in every horizon band the back-test can check.`}`;
}
