import type { ColumnTable } from "arquero";
import { backTestChart, BACK_TEST_METHOD_LABELS } from "../charts/back-test-chart.js";
import { bandNarrowingChart } from "../charts/band-narrowing-chart.js";
import { forecastFanChart, type MarkedObservation } from "../charts/forecast-fan-chart.js";
import { label } from "../charts/labels.js";
import { leagueTableChart } from "../charts/league-table-chart.js";
import { targetProbabilityChart } from "../charts/target-probability-chart.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { backTest } from "../progress/back-test.js";
import { bandNarrowing } from "../progress/band-narrowing.js";
import { referenceClassPrior, type ReferenceObservation } from "../progress/reference-class-prior.js";
import { countyWeights } from "../progress/county-weights.js";
import { findLaggards } from "../progress/find-laggards.js";
import { leagueTable } from "../progress/league-table.js";
import { fitPanel, type PanelFit } from "../progress/fit-panel.js";
import { forecastPanel, type PanelForecast } from "../progress/forecast-panel.js";
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
const COMMON_SHOCK_MONTHS = 3;
/** Candidate back-test origins; those at least six months before the report date are used. */
const BACK_TEST_CANDIDATES = ["2015-12-31", "2016-04-30", "2016-06-30", "2016-12-31", "2017-06-30"];

type Row = Record<string, unknown>;
const rows = (t: ColumnTable | undefined): Row[] => (t ? (t.objects() as Row[]) : []);

const sources = (origin: string, seed: number) => ({
  synthetic: {
    zh: `gaibo 合成省（种子 20140901）双月报，截至 ${origin} 拟合；分层 logistic 曲线，预测抽样种子 ${seed}`,
    en: `gaibo synthetic province (seed 20140901) reports up to ${origin}; pooled logistic curves, forecast seed ${seed}`,
  },
  fan: {
    zh: `gaibo 合成省（种子 20140901）截至 ${origin}；菱形点为种子文件 001/002/004 与各省公开简报`,
    en: `gaibo synthetic province (seed 20140901) to ${origin}; diamonds: seeds 001/002/004 and provincial bulletins`,
  },
});

/** The fits, forecasts and back-test of one panel and scenario: computed once, shown in both languages. */
interface ProgressRun {
  completionPanel: PanelFit;
  completion: PanelForecast;
  start: PanelForecast;
  bt?: ReturnType<typeof backTest>;
}
const runs = new WeakMap<ColumnTable, Map<string, ProgressRun>>();

function computeRun(progress: ColumnTable, weights: Record<string, number>, origin: string, deadline: string, seed: number, draws: number, origins: string[]): ProgressRun {
  const key = JSON.stringify([origin, deadline, seed, draws, origins]);
  const cached = runs.get(progress)?.get(key);
  if (cached) return cached;
  const random = createRandom(seed);
  const fit = (indicator: string): PanelFit => fitPanel(progress, { indicator, asOf: origin });
  const forecast = (panel: PanelFit): PanelForecast =>
    forecastPanel(panel, { random: random.fork(), draws, weights, times: [monthsSinceStart(deadline)], commonShockMonths: COMMON_SHOCK_MONTHS });
  const completionPanel = fit("completion_rate");
  const run: ProgressRun = {
    completionPanel,
    completion: forecast(completionPanel),
    start: forecast(fit("start_rate")),
    // Fewer draws than the forecasts: the back-test refits one panel per origin.
    bt: origins.length ? backTest(progress, { indicator: "completion_rate", origins, random: createRandom(seed + 1), draws: 100 }) : undefined,
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

/** Province- and city-level real and seed figures, as reference-class observations. */
function referenceObservations(data: BundledData): ReferenceObservation[] {
  const as = (r: Row, provenance: "real" | "seed"): ReferenceObservation => ({
    region: String(r.region),
    region_level: String(r.region_level),
    indicator: String(r.indicator),
    as_of: r.as_of ? String(r.as_of) : null,
    value_share: typeof r.value_share === "number" ? r.value_share : null,
    qualifier: r.qualifier == null ? null : String(r.qualifier),
    provenance,
  });
  return [...rows(data.real.progress_observations).map((r) => as(r, "real")), ...rows(data.seeds.progress_rates).map((r) => as(r, "seed"))];
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

/**
 * The progress-curve section of the briefing: where the synthetic province's start and completion
 * rates will be at the deadline, with uncertainty, who is behind, and how well the method forecasts.
 *
 * Fits the pooled S-curve panel on the 双月报 up to end October 2016, forecasts to end 2019 with 400
 * draws, and back-tests completion forecasts from three origins against naive baselines.
 *
 * @param data bundled datasets
 * @param lang language
 */
export const progressSections: SectionBuilder = (data: BundledData, lang: Lang, scenario?: Scenario): ReportSection[] => {
  const zh = lang === "zh";
  const progress = data.synthetic.progress;
  const counties = data.synthetic.counties;
  if (!progress || !counties) return [];
  // The scenario fixes the report date, the completion deadline, the draws and the seed.
  const ORIGIN = scenario?.data.asOf ?? DEFAULT_ORIGIN;
  const target = scenario?.targets.find((t) => t.indicator === "completion_rate");
  const DEADLINE = target?.deadline ?? DEFAULT_DEADLINE;
  const SEED = scenario?.monteCarlo.seed ?? DEFAULT_SEED;
  const draws = scenario?.monteCarlo.draws ?? 400;
  // Only what was known on the report date: origins at least six months earlier, the latest three.
  const BACK_TEST_ORIGINS = BACK_TEST_CANDIDATES.filter((o) => o <= addMonths(ORIGIN, -6)).slice(-3);
  const weights = countyWeights(counties, "planned_floor_area_m2");
  const { completionPanel, completion, start, bt } = computeRun(progress, weights, ORIGIN, DEADLINE, SEED, draws, BACK_TEST_ORIGINS);
  const SOURCE = sources(ORIGIN, SEED);
  const src = SOURCE.synthetic[lang];
  const paren = (count: number, share: number) => (zh ? `${count}（${pct(share)}）` : `${count} (${pct(share)})`);

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
    forecastFanChart(f, { indicator, provenance: "synthetic", source: src, lang, region: zh ? `${f.name}（${role}）` : `${f.name} (${role})`, deadline: DEADLINE, id: `progress-fan-${roleId}-${indicator.replace("_", "-")}` });
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
    id: "progress-target-probability-completion",
  });

  // How the laggard's deadline band narrows as its reports arrive, starting from the real regions' reference class.
  const refObs = referenceObservations(data);
  const refPoints = refObs.filter((r) => r.indicator === "completion_rate" && (r.region_level === "province" || r.region_level === "city")).length;
  const refPrior = refPoints >= 3 ? referenceClassPrior(refObs, { indicator: "completion_rate" }) : undefined;
  const narrowing = refPrior
    ? bandNarrowing({ id: laggard.id, name: laggard.name, city: laggard.city, dates: laggard.history.dates, y: laggard.history.y }, { prior: refPrior, random: createRandom(SEED + 2), deadline: DEADLINE, sigma: completionPanel.hyper.sigma, draws: 200 })
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
        region: zh ? `${laggard.name}（${roles[0]}）` : `${laggard.name} (${roles[0]})`,
        id: "progress-band-narrowing-laggard-completion",
      })
      : undefined;
  const narrowingSentence = (() => {
    if (!refPrior || !narrowing || narrowing.steps.length < 2) return undefined;
    const first = narrowing.steps[0];
    const last = narrowing.steps[narrowing.steps.length - 1];
    const pts = (x: number) => (x * 100).toFixed(0);
    const widest = narrowing.steps.reduce((a, b) => (b.width > a.width ? b : a));
    const widens = widest.width > first.width + 0.02;
    return zh
      ? `报告很少的县先借用真实地区的“参照类”：把 ${refPrior.points.length} 个省、市级公布的竣工率按改薄月份拟合一条曲线（拐点约 ${dateFromMonths(refPrior.params.t0).slice(0, 7)}），同月各地区的差距给出先验宽度。以${laggard.name}为例，仅凭先验，${DEADLINE} 竣工率的 ${Math.round(narrowing.level * 100)}% 区间宽 ${pts(first.width)} 个百分点；用上全部 ${last.reports} 期报告后为 ${pts(last.width)} 个百分点${widens ? `（中途一度放宽到 ${pts(widest.width)} 个百分点：该县的慢进度与参照类不符，预测中位数从 ${pts(first.median)}% 降到 ${pts(last.median)}%）` : ""}。参照类只有横截面、点数少，且多为进度较快、愿意公布的地区，仅作缺数据时的起点。`
      : `A county with few reports starts from a reference class of real regions: one curve through ${refPrior.points.length} published province and city completion rates by programme month (turning around ${dateFromMonths(refPrior.params.t0).slice(0, 7)}), with the spread between regions at the same month as the prior's width. For ${laggard.name}, on the prior alone the ${Math.round(narrowing.level * 100)}% band for completion at ${DEADLINE} is ${pts(first.width)} points wide; with all ${last.reports} reports it is ${pts(last.width)} points${widens ? ` (on the way it widens to ${pts(widest.width)} points: the county's slow reports contradict the reference class, and the median falls from ${pts(first.median)}% to ${pts(last.median)}%)` : ""}. The reference class is cross-sections only, few points, mostly from faster regions that chose to publish: a starting point when data are missing, not evidence.`;
  })();

  const btChart = bt && backTestChart(bt, { provenance: "synthetic", source: zh ? `gaibo 合成省双月报；起点 ${BACK_TEST_ORIGINS.join("、")}` : `gaibo synthetic province; origins ${BACK_TEST_ORIGINS.join(", ")}`, lang, id: "progress-back-test-completion" });

  const crossingRow = (fc: PanelForecast, indicator: string, target: number) => {
    const s = crossingSummary(fc.province, target, [0.1, 0.5, 0.9]);
    const d = (i: number) => s.quantiles[i].date ?? (zh ? "期内未达到" : "not by 2019-12");
    return [label(indicator, lang), `${Math.round(target * 100)}%`, s.alreadyReached ? (zh ? "已达到" : "reached") : d(0), s.alreadyReached ? "—" : d(1), s.alreadyReached ? "—" : d(2), pct(s.shareNever), pct(targetProbability(fc.province, target, DEADLINE))];
  };
  const crossingTable: ReportTable = {
    title: zh ? `全省何时达到 70% 和 100%（截至 ${ORIGIN} 的预测）` : `When will the province pass 70% and 100%? (forecast from ${ORIGIN})`,
    columns: zh ? ["指标", "目标", "10% 分位日期", "中位日期", "90% 分位日期", "2019 年底前未达到的比例", `${DEADLINE} 前达到的概率`] : ["indicator", "target", "10% date", "median date", "90% date", "share not by end 2019", `P(reached by ${DEADLINE})`],
    rows: [crossingRow(start, "start_rate", 0.7), crossingRow(start, "start_rate", 1), crossingRow(completion, "completion_rate", 0.7), crossingRow(completion, "completion_rate", 1)],
    note: zh
      ? `“达到 100%”按 99.5% 计（报表取整）；各县按规划校舍面积加权汇总。省级区间包含全省共同的进度冲击（如统一延误），其标准差 ${COMMON_SHOCK_MONTHS} 个月为假设值，不是估计值。`
      : `“100%” counts from 99.5% (reports are rounded); counties weighted by planned floor area. Province bands include a delay shared by all counties (a province-wide shock) with an ASSUMED SD of ${COMMON_SHOCK_MONTHS} months, not an estimate.`,
  };
  const btTable: ReportTable | undefined = bt && {
    title: zh ? "回测：竣工率预测误差（百分点）与区间覆盖率" : "Back-test: completion forecast error (percentage points) and interval coverage",
    columns: zh ? ["方法", "≤6 月", "6–12 月", "12–18 月", "18–24 月", "全部", "80% 区间覆盖率", "70% 日期误差（天）"] : ["method", "≤6 mo", "6–12 mo", "12–18 mo", "18–24 mo", "all", "80% band coverage", "70% date error (days)"],
    rows: (["pooled", "unpooled", "last-value", "linear-trend"] as const).map((m) => {
      const s = (h: string) => bt.scores.find((x) => x.method === m && x.horizon === h);
      const d = bt.dateScores.find((x) => x.method === m)!;
      const all = s("all");
      return [
        BACK_TEST_METHOD_LABELS[m][lang],
        ...["≤6", "6–12", "12–18", "18–24", "all"].map((h) => (s(h) ? s(h)!.maePp.toFixed(2) : "—")),
        all?.coverage != null ? pct(all.coverage) : "—",
        Number.isFinite(d.maeDays) ? `${d.maeDays.toFixed(0)}${d.missed ? (zh ? `（${d.missed} 个未预测到）` : ` (${d.missed} missed)`) : ""}` : zh ? `全部未预测到（${d.missed}）` : `all missed (${d.missed})`,
      ];
    }),
    note: zh
      ? `起点 ${BACK_TEST_ORIGINS.join("、")}：只用起点及以前的报告拟合，与此后 24 个月内的报告比较（共 ${bt.scores.find((x) => x.horizon === "all")?.n ?? 0} 对）。`
      : `Origins ${BACK_TEST_ORIGINS.join(", ")}: fitted on reports up to the origin, scored on the reports of the next 24 months (${bt.scores.find((x) => x.horizon === "all")?.n ?? 0} pairs).`,
  };
  const lagTable: ReportTable = {
    title: zh ? "平均数掩盖的差距：2015-06-30 开工率与截至 2016-10-31 竣工率" : "What the average hides: start rate 2015-06-30 and completion rate 2016-10-31",
    columns: zh ? ["指标与日期", "县数", "最低", "下四分位", "中位数", "上四分位", "最高", "低于 30%", "低于 20%"] : ["indicator and date", "counties", "min", "Q1", "median", "Q3", "max", "below 30%", "below 20%"],
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
    title: zh ? `${DEADLINE} 前竣工率达到 70% 的概率低于一半的县` : `Counties with less than even odds of 70% completion by ${DEADLINE}`,
    columns: zh ? ["县", "市", `截至 ${ORIGIN} 竣工率`, "达标概率"] : ["county", "city", `completion at ${ORIGIN}`, "probability"],
    rows: atRisk.slice(0, 15).map((r) => {
      const f = completion.counties.find((c) => c.id === r.countyId)!;
      return [r.countyName, r.city, pct(f.history.y[f.history.y.length - 1]), pct(r.probability)];
    }),
    note: zh ? `共 ${atRisk.length} 个县；表中列出概率最低的 ${Math.min(15, atRisk.length)} 个。` : `${atRisk.length} counties in all; the ${Math.min(15, atRisk.length)} least likely shown.`,
  };

  const backTestSection: ReportSection | undefined = btChart && btTable
    ? {
      id: "progress-back-test",
      heading: zh ? "六、预测准不准：回测" : "6. How good are the forecasts? A back-test",
      paragraphs: [
        zh
          ? "回测把时间拨回过去：只用某一日期以前的报告拟合，再与之后真正报上来的数字比较。分层模型的误差远小于“沿用最近一期”和“线性外推”两种朴素做法，也小于各县单独拟合；80% 区间的实际覆盖率略低于 80%（累计报表的相关误差与停滞使区间偏窄），解读时应留有余地。"
          : "The back-test turns the clock back: fit on the reports up to a date, compare with what was reported afterwards. The pooled model's errors are far below the naive “last value” and “linear trend” forecasts and below fitting each county alone; its 80% bands cover somewhat under 80% of later reports (correlated cumulative reports and stalls make them narrow), so read them with some margin.",
      ],
      charts: [btChart],
      tables: [btTable],
    } : undefined;
  const pStart = targetProbability(start.province, 0.7, DEADLINE);
  const pDone = targetProbability(completion.province, 0.7, DEADLINE);
  return [
    {
      id: "progress-curves",
      heading: zh ? "四、进度曲线与预测" : "4. Progress curves and forecasts",
      paragraphs: [
        zh
          ? `站在 ${ORIGIN}（合成省双月报）看：每个县的开工率、竣工率拟合一条 S 形（logistic）曲线；报告少或波动大的县向全省的典型曲线“借力”（经验贝叶斯部分合并），再按规划校舍面积加权汇总到全省。预测区间来自参数不确定性与报表波动的 ${draws} 次模拟，且累计进度不会倒退。`
          : `Seen from the ${ORIGIN} report of the synthetic province: each county's start and completion rates follow an S-shaped (logistic) curve; counties with few or noisy reports borrow strength from the province's typical curve (empirical-Bayes partial pooling), and counties are rolled up by planned floor area. Bands come from ${draws} simulations of parameter uncertainty and report noise; cumulative rates never fall.`,
        zh
          ? `按模型，全省在 ${DEADLINE} 前开工率达到 70% 的概率为 ${pct(pStart)}，竣工率达到 70% 的概率为 ${pct(pDone)}（国家“双超70%”要求）。图中菱形点为真实公布数字（新疆 2017 年 4 月底竣工 36%、8 月底 73%；山东 2015 年 6 月底开工 34.37%、竣工 17.77%；三门峡 2016 年 10 月底开工 86.03%、竣工 60.17%），只作对照，不是合成省的数据。`
          : `On the model, the province reaches 70% start by ${DEADLINE} with probability ${pct(pStart)} and 70% completion with probability ${pct(pDone)} (the national “both above 70%” demand). Diamonds are real published figures (Xinjiang completion 36% end April 2017, 73% end August; Shandong start 34.37%, completion 17.77% mid-2015; Sanmenxia start 86.03%, completion 60.17% end October 2016), shown for comparison; they are not synthetic-province data.`,
        zh
          ? `合成省 ${ORIGIN} 的分层模型：典型县竣工曲线拐点在 ${dateFromMonths(completionPanel.hyper.typicalParams.t0).slice(0, 7)}，县间标准差 ${completionPanel.hyper.sd[completionPanel.hyper.names.indexOf("t0")].toFixed(1)} 个月；报表波动 σ = ${(completionPanel.hyper.sigma * 100).toFixed(1)} 个百分点。`
          : `Pooled model at ${ORIGIN}: the typical county's completion curve turns at ${dateFromMonths(completionPanel.hyper.typicalParams.t0).slice(0, 7)}, with a between-county SD of ${completionPanel.hyper.sd[completionPanel.hyper.names.indexOf("t0")].toFixed(1)} months; report noise σ = ${(completionPanel.hyper.sigma * 100).toFixed(1)} points.`,
      ],
      charts: [provinceFan(completion, "completion_rate"), provinceFan(start, "start_rate")],
      headline: [
        {
          id: "p-completion-70",
          label: zh ? `${DEADLINE} 前全省竣工率达 70% 的概率` : `P(province completion ≥ 70% by ${DEADLINE})`,
          // Draws cannot show certainty: beyond 99.5% the honest statement is a bound.
          value: pDone >= 0.995 ? "≥ 99.5%" : pDone <= 0.005 ? "≤ 0.5%" : pct(pDone),
          numeric: Math.round(pDone * 1000) / 10,
          note: zh ? `报告日 ${ORIGIN}，${draws} 次模拟` : `report date ${ORIGIN}, ${draws} draws`,
          provenance: "synthetic",
        },
        {
          id: "counties-at-risk",
          label: zh ? "达标概率低于一半的县" : "Counties with less than even odds",
          value: `${lagNow.atRisk.length} / ${completion.counties.length}`,
          numeric: lagNow.atRisk.length,
          note: zh ? `竣工率 70%，${DEADLINE}` : `70% completion by ${DEADLINE}`,
          provenance: "synthetic",
        },
      ],
      tables: [crossingTable],
    },
    {
      id: "progress-counties",
      heading: zh ? "五、谁落后了" : "5. Who is behind",
      paragraphs: [
        zh
          ? `2015 年 6 月底（山东讲话的时点），合成省 ${lag2015.spread.n} 个县开工率中位数 ${pct(lag2015.spread.median)}，但 ${lag2015.spread.below[0].count} 个县低于 30%、${lag2015.spread.below[1].count} 个县低于 20%，最低仅 ${pct(lag2015.spread.min)}：平均数之下总有落后县。`
          : `At end June 2015 (the date of the Shandong speech) the median synthetic county had started ${pct(lag2015.spread.median)}, yet ${lag2015.spread.below[0].count} counties were under 30% and ${lag2015.spread.below[1].count} under 20%, the lowest at ${pct(lag2015.spread.min)}: laggards sit under every average.`,
        zh
          ? `下面三个县的扇形图：${laggard.name}（${DEADLINE} 前竣工 70% 的概率最低）、${stalled.name}（报告中停滞最久）、${over.name}（开工面积超过规划）。`
          : `Fans for three counties: ${laggard.name} (least likely to reach 70% completion by ${DEADLINE}), ${stalled.name} (longest stall in its reports) and ${over.name} (started more than its planned floor area).`,
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

