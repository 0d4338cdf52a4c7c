import type { ColumnTable } from "arquero";
import { unitLabel } from "../charts/unit-noun.js";
import { scenarioRegion } from "./scenario-region.js";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { allocate, type AllocationResult } from "../allocation/allocate.js";
import { allocateFailureZh } from "../allocation/allocate-failure-zh.js";
import { calibrateMatchingElasticity } from "../allocation/calibrate-matching-elasticity.js";
import { compareRules } from "../allocation/compare-rules.js";
import { monteCarloAllocation } from "../allocation/monte-carlo-allocation.js";
import { leverageEquityFrontier } from "../allocation/leverage-equity-frontier.js";
import { searchRuleWeights } from "../allocation/search-rule-weights.js";
import { memo, tablesKey } from "./report-memo.js";
import { parseRule } from "../allocation/parse-rule.js";
import { nationalExampleUnits, type ProvinceDemography } from "../allocation/national-example-units.js";
import type { AllocationRule } from "../allocation/rule-schema.js";
import { FEN_PER_WAN_YUAN } from "../allocation/units-columns.js";
import { unitsFromSyntheticProvince, type SyntheticUnits } from "../allocation/units-from-synthetic-province.js";
import { allocationByCountyChart } from "../charts/allocation-by-county-chart.js";
import { allocationWaterfallChart } from "../charts/allocation-waterfall-chart.js";
import { equityTable } from "../charts/equity-table.js";
import { leverageEquityFrontierChart } from "../charts/leverage-equity-frontier-chart.js";
import { weightSearchChart } from "../charts/weight-search-chart.js";
import { allocationWinnersLosersChart } from "../charts/allocation-winners-losers-chart.js";
import { allocationProvisionsChart } from "../charts/allocation-provisions-chart.js";
import { compareWithBaseline } from "../allocation/compare-with-baseline.js";
import { provisionEffects } from "../allocation/provision-effects.js";
import { lorenzCurvesChart } from "../charts/lorenz-curves-chart.js";
import { matchingSplitsChart, type FundSplit } from "../charts/matching-splits-chart.js";
import { monteCarloIntervalChart } from "../charts/monte-carlo-interval-chart.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { createRandom } from "../shared/random.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import type { SectionBuilder } from "./build-report.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import type { ReportSection, ReportTable } from "./render-html.js";
import { formatMoneyWanYuan } from "../shared/format-number.js";
import { placeCell } from "../charts/place-name.js";

type Row = Record<string, unknown>;
const rowsOf = (t: ColumnTable | undefined): Row[] => (t ? (t.objects() as Row[]) : []);

/** Seed of the derived (synthetic) unit columns used in the briefing; change it and every number below changes. */
export const ALLOCATION_SECTION_SEED = 20150101;
/** Progress date for task completion: the allocation is made with end-2015 progress. */
export const ALLOCATION_SECTION_AS_OF = "2015-12-31";
/** The preset rules compared in the briefing, in display order. */
export const ALLOCATION_PRESETS = ["central-2015", "need-only", "matching-heavy", "hebei-progress"] as const;
/** Price elasticity of local matching used for the frontier and the comparison (central value of the literature prior). */
export const FRONTIER_ELASTICITY = 0.3;
/** Monte Carlo draws for the interval chart in the briefing. */
export const BRIEFING_DRAWS = 2_000;

/** What a scenario says about allocation: its rule, the rules it is compared with, and the budget in 万元. */
export interface AllocationSettings {
  rule: string;
  compareWith: readonly string[];
  budgetWanYuan: number;
}

/** Without a scenario: central-2015 against the other three county presets, with the Henan plan's central fund. */
export const DEFAULT_ALLOCATION_SETTINGS: AllocationSettings = {
  rule: ALLOCATION_PRESETS[0],
  compareWith: ALLOCATION_PRESETS.slice(1),
  budgetWanYuan: 1_350_400,
};

/**
 * Everything the sections compute, as opposed to say: it depends on the synthetic counties and progress, the real
 * Gansu totals, the scenario's rules and budget and fixed seeds, so both languages of a scenario share one computation.
 */
function allocationFigures(data: BundledData, settings: AllocationSettings) {
  const owner = tablesKey([data.synthetic.counties, data.synthetic.progress, data.real.provincial_totals]);
  return memo(owner, `allocation-figures ${JSON.stringify(settings)}`, () => computeFigures(data, settings));
}

function computeFigures(data: BundledData, settings: AllocationSettings) {
  const units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, {
    random: createRandom(ALLOCATION_SECTION_SEED),
    asOf: ALLOCATION_SECTION_AS_OF,
  });
  const names = [settings.rule, ...settings.compareWith.filter((n) => n !== settings.rule)];
  const rules = names.map(readPreset);
  const budgetFen = Math.round(settings.budgetWanYuan * FEN_PER_WAN_YUAN);
  const results = rules.map((r) => allocate(units.table, r, { budgetFen }));
  const comparisons = compareRules(units.table, rules, { budgetFen, elasticity: FRONTIER_ELASTICITY });
  const needOnly = readPreset("need-only");
  const matchingHeavy = readPreset("matching-heavy");
  const frontier = leverageEquityFrontier(units.table, needOnly, { budgetFen, elasticity: FRONTIER_ELASTICITY, maxWeight: 0.5, steps: 10 });
  // The planning office's question made explicit: on the scenario's rule, how much weight can delivered
  // matching take while per-pupil equity stays within 0.03 of today's Gini and money does not favour richer counties?
  const centralNow = comparisons.find((c) => c.ruleName === results[0].ruleName)!;
  const giniCap = centralNow.equity.gini + 0.03;
  const firstGroup = rules[0].groups[0].id;
  const search = searchRuleWeights(units.table, rules[0], {
    budgetFen,
    elasticity: FRONTIER_ELASTICITY,
    searchMatching: true,
    objective: { outcome: "leverage", goal: "maximise" },
    constraints: [
      { outcome: "gini", max: giniCap },
      { outcome: "fiscalCapacityCorrelation", max: 0 },
    ],
    weightBounds: rules[0].groups.length > 1 ? { [firstGroup]: { min: 0.3 } } : {},
  });
  // Behaviour: calibrate the matching response to the seeds, then carry its uncertainty into a Monte Carlo.
  const cal = memo(tablesKey([data.synthetic.counties]), "allocation-calibration", () =>
    calibrateMatchingElasticity(data.synthetic.counties, { random: createRandom(ALLOCATION_SECTION_SEED), draws: 10_000, acceptShare: 0.03 }),
  );
  const mc = monteCarloAllocation(units.table, matchingHeavy, { draws: BRIEFING_DRAWS, random: createRandom(ALLOCATION_SECTION_SEED + 1), budgetFen, elasticity: cal.elasticityNormal });
  const pair = [needOnly, matchingHeavy].map((r) => allocate(units.table, r, { budgetFen }));
  const facts = matchingFacts(data, units, pair);
  // Winners and losers: the scenario's rule against the first rule it is compared with.
  const capacity = units.rows.map((r) => r.fiscalCapacityPerCapitaYuan ?? NaN);
  const baseline =
    results.length > 1
      ? compareWithBaseline(results[0].rows, results[1].rows.map((r) => r.allocationFen), { city: units.rows.map((r) => r.region ?? ""), fiscalCapacity: capacity })
      : null;
  const provisions = rules
    .map((r) => ({ ruleName: r.name, effects: provisionEffects(units.table, r, budgetFen, { fiscalCapacity: capacity, poorShare: units.rows.map((u) => u.poorShare ?? NaN) }) }))
    .filter((p) => p.effects.rows.length > 2);
  return { units, rules, results, comparisons, frontier, centralNow, giniCap, search, cal, mc, facts, budgetFen, mcRule: matchingHeavy, baseline, provisions };
}

/** One line per preset rule for the section's text; a user's rule is called what it is. */
const PRESET_BLURBS: Record<string, Bilingual> = {
  "central-2015": { zh: "中央因素法的 4 类 10 个子因素，结构有出处，权重全部为假设", en: "the central factor method's 4 groups and 10 sub-factors; the structure is sourced, every weight is an assumption" },
  "need-only": { zh: "只看需求，每县保底 200 万元", en: "need only, with a 200万元 floor per county" },
  "matching-heavy": { zh: "40% 按地方配套到位额分配", en: "40% follows delivered local matching" },
  "hebei-progress": { zh: "按需求分配，进度慢的县扣减、结余资金扣减、进度快的县奖励", en: "need, with deductions for slow progress and idle balances and a reward for fast counties" },
};

const SOURCE: Record<string, Bilingual> = {
  synthetic: {
    zh: "gaibo 合成省（模拟县，派生列种子 20150101）；预算 = 河南规划中央薄改专项 135.04 亿元（种子文件 001）",
    en: "gaibo synthetic province (simulated counties, derived columns seed 20150101); budget = Henan plan central 改薄 fund 135.04亿 (seed 001)",
  },
  real: {
    zh: "甘肃省、天水市、平凉市公开报道（datasets/real/provincial_totals.csv，官方数字的转载）",
    en: "Gansu, Tianshui and Pingliang published figures (datasets/real/provincial_totals.csv; official figures, unofficial copies)",
  },
};

/**
 * The budget the briefing allocates, in 万元: the central 改薄 fund of the Henan five-year plan (seed 001: 中央薄改计划
 * 专项资金135.04亿元). The synthetic province reproduces that plan to the 万元, and its matching columns are
 * five-year plan amounts too, so leverage compares like with like. The 2014 national total of 310亿元 is one year for
 * all provinces; scaling it to one province would need a provincial share that is not published for the synthetic one.
 */
export const ALLOCATION_BUDGET_WAN_YUAN = 1_350_400;

/**
 * The allocation sections of the briefing: the four preset rules run on the synthetic province with the Henan central
 * fund, side by side (who gets what, Lorenz curves, equity table), why two counties got what they got (waterfalls),
 * and the matching question: the real Gansu splits, the seeds' zero-input counties and the leverage–equity frontier.
 *
 * @param data bundled datasets (synthetic counties and progress, seeds, real provincial totals)
 * @param lang language
 * @returns two report sections, "allocation" and "matching"
 */
export const allocationSections: SectionBuilder = (data: BundledData, lang: Lang, scenario?: Scenario): ReportSection[] => {
  const zh = lang === "zh";
  const settings: AllocationSettings = scenario?.allocation
    ? { rule: scenario.allocation.rule, compareWith: scenario.allocation.compareWith, budgetWanYuan: scenario.allocation.budgetWanYuan }
    : DEFAULT_ALLOCATION_SETTINGS;
  let figures: ReturnType<typeof computeFigures>;
  try {
    figures = allocationFigures(data, settings);
  } catch (err) {
    if (err instanceof RangeError) return infeasibleSections(settings, err, lang);
    throw err;
  }
  const { units, rules, results, comparisons, frontier, centralNow, giniCap, search, cal, mc, facts, budgetFen, mcRule, baseline, provisions } = figures;
  // The Henan plan explains the budget only on Henan's own province; elsewhere it is simply the scenario's figure.
  const henanBudget = budgetFen === ALLOCATION_BUDGET_WAN_YUAN * FEN_PER_WAN_YUAN && (scenario?.region ?? "henan") === "henan";
  const budgetYi = (budgetFen / 1e10).toLocaleString("en-US", { maximumFractionDigits: 6 });
  const source = henanBudget
    ? SOURCE.synthetic[lang]
    : zh
      ? `gaibo 合成省（模拟县，派生列种子 ${ALLOCATION_SECTION_SEED}）；预算 = 情景设定 ${budgetYi} 亿元`
      : `gaibo synthetic province (simulated counties, derived columns seed ${ALLOCATION_SECTION_SEED}); budget = ${formatMoneyWanYuan(budgetFen / FEN_PER_WAN_YUAN, "en")} set by the scenario`;
  // The national view allocates to province-level units: every axis, note and column names them so.
  const unitLevel = scenarioRegion(data, scenario, lang).unitLevel;
  const unitZh = unitLevel === "province" ? "省级单位" : "区县";
  const synthetic = { provenance: "synthetic" as const, source, lang, units: unitLevel };
  const central = results[0];

  const byCounty = allocationByCountyChart(central.rows, { ...synthetic, ruleName: central.ruleName, perPupil: true, assumedWeights: true, id: "synthetic-allocation-by-county" });
  // The curves come from the same run as the equity table and the text (counties' matching responding with
  // elasticity FRONTIER_ELASTICITY), so the legend's Gini is the table's.
  const pupilsOf = central.rows.map((r) => r.pupils);
  const lorenz = lorenzCurvesChart(
    comparisons.map((c) => ({ ruleName: c.ruleName, perPupilYuan: Array.from(c.allocationFen, (f, i) => (pupilsOf[i] > 0 ? f / 100 / pupilsOf[i] : 0)), pupils: pupilsOf })),
    { ...synthetic, id: "synthetic-allocation-lorenz" },
  );
  const perPupil = (r: AllocationResult["rows"][number]) => r.allocationPerPupilYuan ?? 0;
  const sortedByPerPupil = [...central.rows].sort((a, b) => perPupil(b) - perPupil(a));
  const picks = [sortedByPerPupil[0], sortedByPerPupil[sortedByPerPupil.length - 1]];
  const waterfalls = picks.map((row, k) =>
    allocationWaterfallChart(row, central.factors, { ...synthetic, ruleName: central.ruleName, assumedWeights: true, id: `synthetic-allocation-waterfall-${k + 1}` }),
  );

  const frontierChart = leverageEquityFrontierChart(frontier, { ...synthetic, elasticity: FRONTIER_ELASTICITY, id: "synthetic-leverage-equity-frontier" });
  const splits = matchingSplitsChart(gansuSplits(data, lang), { provenance: "real", source: SOURCE.real[lang], lang, id: "real-matching-splits" });

  const dimensionName = (d: string) => (zh ? (d === "matching" ? "配套到位额" : (rules[0].groups.find((g) => g.id === d)?.label ?? d)) : d);
  const searchChart = weightSearchChart(search, {
    ...synthetic,
    assumedWeights: true,
    objective: "leverage",
    x: "gini",
    limits: { max: giniCap },
    dimensionLabels: Object.fromEntries(search.dimensions.map((d) => [d, dimensionName(d)])),
    id: "synthetic-weight-search",
  });
  const weightList = (w: readonly number[]) => search.dimensions.map((d, i) => `${dimensionName(d)} ${w[i].toFixed(2)}`).join(zh ? "、" : ", ");

  const nameOf = new Map(units.rows.map((r) => [r.countyId as string, r.countyName ?? String(r.countyId)]));
  const mcChart = monteCarloIntervalChart(
    mc.countyIds.map((id, i) => ({
      countyId: id,
      countyName: nameOf.get(id) ?? id,
      lower: mc.allocationFen.lower[i] / FEN_PER_WAN_YUAN,
      median: mc.allocationFen.median[i] / FEN_PER_WAN_YUAN,
      upper: mc.allocationFen.upper[i] / FEN_PER_WAN_YUAN,
      central: mc.central.allocationFen[i] / FEN_PER_WAN_YUAN,
    })),
    { ...synthetic, ruleName: mcRule.name, draws: BRIEFING_DRAWS, level: 0.9, id: "synthetic-allocation-monte-carlo" },
  );
  const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;
  const calibrationTable = {
    title: zh
      ? `配套行为校准（ABC，合成省 ${units.rows.length} 县、${new Set(units.rows.map((r) => r.region)).size} 市）`
      : `Calibration of matching behaviour (ABC on the synthetic province, ${units.rows.length} counties, ${new Set(units.rows.map((r) => r.region)).size} cities)`,
    columns: zh ? ["量", "目标（种子）", "后验预测中位数", "90% 区间"] : ["quantity", "target (seeds)", "posterior predictive median", "90% interval"],
    rows: [
      [zh ? "县级投入为 0 的县数" : "counties putting in nothing", "22", cal.predicted.zeroCounties.median.toFixed(0), `${cal.predicted.zeroCounties.lower.toFixed(0)}–${cal.predicted.zeroCounties.upper.toFixed(0)}`],
      [zh ? "市级资金占投入比例" : "city money, share of funds in", "3.5%", pct(cal.predicted.cityShare.median), `${pct(cal.predicted.cityShare.lower)}–${pct(cal.predicted.cityShare.upper)}`],
      [zh ? "县级资金占投入比例" : "county money, share of funds in", "23.4%", pct(cal.predicted.countyShare.median), `${pct(cal.predicted.countyShare.lower)}–${pct(cal.predicted.countyShare.upper)}`],
      [zh ? "配套价格弹性 ε（先验 U(0, 1.2)）" : "matching price elasticity ε (prior U(0, 1.2))", "—", cal.elasticity.median.toFixed(2), `${cal.elasticity.lower.toFixed(2)}–${cal.elasticity.upper.toFixed(2)}`],
    ],
    note: zh
      ? `同一配套率下 ε 只以 κ·(1+m)^ε 的形式出现，种子数字只能确定县、市的配套意愿水平和门槛，不能单独确定 ε：ε 的后验区间宽度为先验的 ${pct(cal.elasticityPriorWidthRatio, 0)}。蒙特卡洛按 ε ~ N(${cal.elasticityNormal.mean.toFixed(2)}, ${cal.elasticityNormal.sd.toFixed(2)}) 抽样。`
      : `At one match rate ε enters only as κ·(1+m)^ε, so the seeds pin the counties' and cities' willingness and threshold but not ε itself: its posterior interval is ${pct(cal.elasticityPriorWidthRatio, 0)} as wide as the prior's. The Monte Carlo draws ε ~ N(${cal.elasticityNormal.mean.toFixed(2)}, ${cal.elasticityNormal.sd.toFixed(2)}).`,
  };

  // The page recomputes this table by its id when the allocation controls change.
  const table = {
    ...equityTable(comparisons, {
      lang,
      assumedWeightsNote: true,
      title: zh
        ? `各分配规则的公平性与撬动（生均分配额按学生数加权；配套弹性 ${FRONTIER_ELASTICITY}）`
        : `Equity and leverage of each rule (allocation per pupil, pupil-weighted; matching elasticity ${FRONTIER_ELASTICITY})`,
    }),
    id: "allocation-equity",
  };
  const fmt = (x: number, d = 0) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const gini = (name: string) => comparisons.find((c) => c.ruleName === name)!.equity.gini;
  const first = frontier[0];
  const last = frontier[frontier.length - 1];

  const national = nationalExampleTable(data, lang);
  const winnersLosers = baseline
    ? allocationWinnersLosersChart(baseline, { ...synthetic, ruleName: rules[0].name, baselineName: rules[1].name, assumedWeights: true, id: "synthetic-allocation-winners-losers" })
    : null;
  const provisionsChart = provisions.length ? allocationProvisionsChart(provisions, { ...synthetic, id: "synthetic-allocation-provisions" }) : null;
  const money = (fen: number) => (fen / FEN_PER_WAN_YUAN).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const perPupilText = (r: AllocationResult["rows"][number]) => (r.allocationPerPupilYuan === null ? "—" : r.allocationPerPupilYuan.toFixed(0));
  const countyTable: ReportTable = {
    title: zh ? `各${unitLabel("{units}", lang, unitLevel)}分配额：${rules.map((r) => r.name).join("、")}（万元、元/生）` : `Allocation by ${unitLabel("{unit}", lang, unitLevel)}: ${rules.map((r) => r.name).join(", ")} (万元, yuan per pupil)`,
    columns: [
      zh ? unitZh : unitLabel("{unit}", lang, unitLevel),
      zh ? "所属市" : "city",
      zh ? "学生数" : "pupils",
      ...rules.flatMap((r) => (zh ? [`${r.name}（万元）`, `${r.name}（元/生）`] : [`${r.name} (万元)`, `${r.name} (yuan/pupil)`])),
    ],
    rows: results[0].rows.map((row, i) => [
      row.countyName,
      units.rows[i].region ?? "",
      row.pupils.toLocaleString("en-US"),
      ...results.flatMap((res) => [money(res.rows[i].allocationFen), perPupilText(res.rows[i])]),
    ]),
    note: zh
      ? `合成省 ${units.rows.length} 个模拟县，每列合计 ${budgetYi} 亿元（到分守恒）；完整账目（各因素贡献、扣减、奖励、约束）用 gaibo allocate --rule <规则> 输出为 Excel。`
      : `${units.rows.length} simulated counties; each column adds up to ${formatMoneyWanYuan(budgetFen / FEN_PER_WAN_YUAN, lang)} (${budgetYi}亿元) to the fen. The full ledger (factor contributions, deductions, rewards, bounds) comes from gaibo allocate --rule <rule> as Excel.`,
  };
  return [
    {
      id: "allocation",
      heading: zh ? "四、钱怎么分：分配规则比较" : "4. How the money is shared: allocation rules compared",
      paragraphs: [
        zh
          ? henanBudget
            ? `分配对象：合成省 ${units.rows.length} 个模拟县；分配总额取河南五年规划中的中央薄改专项资金 135.04 亿元（种子文件 001）。合成省的各县规划资金合计与河南规划一致，配套资金列也是五年规划口径，所以撬动比可以直接比较。2014 年中央下达的 310 亿元是全国一年的总额，按省分摊需要该省份额，而合成省没有这个数，因此不用它。`
            : `分配对象：合成省 ${units.rows.length} 个模拟县；分配总额 ${budgetYi} 亿元，由本情景设定（allocation.budgetWanYuan = ${budgetFen / FEN_PER_WAN_YUAN} 万元）。`
          : henanBudget
            ? `Who gets money: the ${units.rows.length} simulated counties of the synthetic province; what is shared: the central 改薄 fund of Henan's five-year plan, 13.504 bn yuan (135.04亿元, seed 001). The synthetic province reproduces that plan, and its matching columns are five-year plan amounts too, so leverage compares like with like. The 2014 central total of 31 bn yuan (310亿元) is one year for the whole country; scaling it to one province would need that province's share, which the synthetic province does not have.`
            : `Who gets money: the ${units.rows.length} simulated counties of the synthetic province; what is shared: ${formatMoneyWanYuan(budgetFen / FEN_PER_WAN_YUAN, lang)} (${budgetYi}亿元), set by this scenario (allocation.budgetWanYuan = ${budgetFen / FEN_PER_WAN_YUAN} 万元).`,
        zh
          ? `本情景的规则 ${rules[0].name}，与 ${rules.slice(1).map((r) => r.name).join("、") || "（无）"} 比较：${rules.map((r) => `${r.name}（${PRESET_BLURBS[r.name]?.zh ?? "用户规则"}）`).join("；")}。生均分配额的基尼系数分别为 ${rules.map((r) => `${r.name} ${gini(r.name).toFixed(3)}`).join("、")}。`
          : `This scenario's rule ${rules[0].name}, compared with ${rules.slice(1).map((r) => r.name).join(", ") || "(none)"}: ${rules.map((r) => `${r.name} (${PRESET_BLURBS[r.name]?.en ?? "user rule"})`).join("; ")}. Gini of allocation per pupil: ${rules.map((r) => `${r.name} ${gini(r.name).toFixed(3)}`).join(", ")}.`,
        zh
          ? `县级数据中，学生数、人均财力、贫困比例和配套资金来自合成省；生均支出、规划质量等其余因素按固定种子模拟生成，均为合成数据。下面两张瀑布图解释了生均分配额最高和最低的两个县（${picks.map((p) => p.countyName).join("、")}）各因素贡献了多少。`
          : `Pupils, fiscal capacity, poverty and matching come from the synthetic province; per-pupil spending, plan quality and the other factors are simulated from a fixed seed. All of it is synthetic. The two waterfalls below explain the counties with the highest and lowest amount per pupil (${picks.map((p) => p.countyName).join(", ")}) factor by factor.`,
        ...(baseline
          ? [
              zh
                ? `赢家与输家：与 ${rules[1].name} 相比，${rules[0].name} 使 ${baseline.gainers} 个县增加、${baseline.losers} 个县减少；按人均财力四分位（Q1 最弱）：${baseline.byFiscalCapacityQuartile.map((g) => `${g.group} 增 ${g.gainers} 减 ${g.losers}`).join("，")}。各县的数额见下方“各县分配额”表。`
                : `Winners and losers: against ${rules[1].name}, ${rules[0].name} gives ${baseline.gainers} counties more and ${baseline.losers} less; by fiscal-capacity quartile (Q1 lowest): ${baseline.byFiscalCapacityQuartile.map((g) => `${g.group} +${g.gainers} −${g.losers}`).join(", ")}. Every county's amount is in the table "Allocation by county" below.`,
            ]
          : []),
        ...(provisions.length
          ? [
              zh
                ? `各条款的作用：把规则的每个条款（${provisions.map((p) => `${p.ruleName}：${p.effects.rows.filter((r) => r.id !== "all" && r.id !== "interaction").map((r) => r.labelZh).join("、")}`).join("；")}）去掉后重算，比较钱在人均财力四分位之间怎么移动；单个条款之和加上交互项等于全部条款的作用（到分）。`
                : `What each provision does: each rule is re-run without each provision (${provisions.map((p) => `${p.ruleName}: ${p.effects.rows.filter((r) => r.id !== "all" && r.id !== "interaction").map((r) => r.labelEn).join(", ")}`).join("; ")}), and the chart shows how the money moves between fiscal-capacity quartiles; single provisions plus their interaction equal all of them together, to the fen.`,
            ]
          : []),
      ],
      charts: [byCounty, lorenz, ...waterfalls, ...(winnersLosers ? [winnersLosers] : []), ...(provisionsChart ? [provisionsChart] : [])],
      headline: [
        {
          id: "allocation-gini",
          label: zh ? `生均分配基尼系数（${central.ruleName}）` : `Gini of allocation per pupil (${central.ruleName})`,
          value: gini(central.ruleName).toFixed(3),
          numeric: gini(central.ruleName),
          note: zh ? `分配总额 ${budgetYi} 亿元；权重为假设` : `${formatMoneyWanYuan(budgetFen / FEN_PER_WAN_YUAN, lang)} allocated; weights assumed`,
          provenance: "synthetic",
        },
      ],
      tables: [table, countyTable, ...(national ? [national] : [])],
    },
    {
      id: "matching",
      heading: zh ? "五、地方配套：撬动多少、代价多大" : "5. Local matching: how much it draws in, and at what cost",
      paragraphs: [
        zh
          ? "2014 年全国会议提出“地方特别是省本级财政资金的落实情况将作为中央财政资金分配的重要因素”（种子文件 000）。实际情况是：河南规划中有 22 个县（市）投入资金为“0”，地市级只占 1.38 亿元；山东截至 2015 年 6 月底市级资金仅占已投入资金的 3.5%（种子文件 001）。"
          : "The 2014 national conference said that “local, especially provincial, funds delivered will be an important factor in allocating central money” (seed 000). In practice 22 of Henan's 109 counties put in nothing and cities only 0.138 bn yuan (1.38亿元); in Shandong city money was just 3.5% of funds in by June 2015 (seed 001).",
        zh
          ? `公开数字（真实数据）：甘肃 2010–2013 年薄改计划中，市县两级配套只占 ${fmt(facts.gansuLocalShare * 100, 1)}%；全面改薄期间天水市市县两级落实配套 8.4 亿元，占项目总投资的 26.96%，平凉市市县两级约占 ${fmt(facts.pingliangLocalShare * 100, 1)}%。配套比例的上升主要来自配套要求，而不只是价格激励。`
          : `Published figures (real data): in Gansu's 2010–2013 薄改 programme city and county money was only ${fmt(facts.gansuLocalShare * 100, 1)}% of the total; under 全面改薄 Tianshui's cities and counties secured 0.84 bn yuan (8.4亿元), 26.96% of project investment, and Pingliang's about ${fmt(facts.pingliangLocalShare * 100, 1)}%. The rise comes mostly from matching requirements, not only from price incentives.`,
        zh
          ? `在合成省中，${facts.zeroCommitted} 个县没有承诺任何配套。${facts.zeroCommitted > 0 ? `与 need-only 相比，matching-heavy 使这些县的分配额合计${facts.zeroCountyChange < 0 ? "减少" : "增加"} ${fmt(Math.abs(facts.zeroCountyChange) * 100, 1)}%。` : ""}下方权衡曲线把 need-only 规则中按配套分配的权重从 0 提高到 0.5（配套弹性取 ${FRONTIER_ELASTICITY}）：撬动比从 ${first.leverage.toFixed(3)} 升到 ${last.leverage.toFixed(3)}，基尼系数从 ${first.gini.toFixed(3)} 变为 ${last.gini.toFixed(3)}，与人均财力的相关从 ${(first.fiscalCapacityCorrelation ?? NaN).toFixed(2)} 变为 ${(last.fiscalCapacityCorrelation ?? NaN).toFixed(2)}。换来的地方资金，代价是钱流向有能力配套的较富县。`
          : `In the synthetic province ${facts.zeroCommitted} counties committed no matching at all. ${facts.zeroCommitted > 0 ? `Compared with need-only, matching-heavy ${facts.zeroCountyChange < 0 ? "cuts" : "raises"} their combined allocation by ${fmt(Math.abs(facts.zeroCountyChange) * 100, 1)}%. ` : ""}The frontier below raises the matching weight in the need-only rule from 0 to 0.5 (matching elasticity ${FRONTIER_ELASTICITY}): leverage goes from ${first.leverage.toFixed(3)} to ${last.leverage.toFixed(3)}, the Gini from ${first.gini.toFixed(3)} to ${last.gini.toFixed(3)}, and the correlation with fiscal capacity from ${(first.fiscalCapacityCorrelation ?? NaN).toFixed(2)} to ${(last.fiscalCapacityCorrelation ?? NaN).toFixed(2)}. The extra local money is paid for by moving central money toward richer counties that can match.`,
        zh
          ? `把问题写成目标和约束，让程序搜索权重（在 ${rules[0].name} 结构上加“配套到位额”权重；每组权重都做一次精确到分的完整分配，共 ${search.trace.length} 组）：在生均基尼系数不超过 ${giniCap.toFixed(3)}（现行 ${centralNow.equity.gini.toFixed(3)} + 0.03）、与人均财力的相关不大于 0${rules[0].groups.length > 1 ? `、${dimensionName(rules[0].groups[0].id)}权重不低于 0.3` : ""} 的条件下，撬动最多的权重是 ${weightList(search.best.weights)}：撬动比 ${search.baseline.objective.toFixed(3)} → ${search.best.objective.toFixed(3)}，基尼系数 ${(search.baseline.outcomes.gini ?? NaN).toFixed(3)} → ${(search.best.outcomes.gini ?? NaN).toFixed(3)}${search.best.feasible ? "" : "（没有一组权重能满足全部约束，此为最接近者）"}。权重本身是假设，县是合成县：结论是方法，不是推荐值。`
          : `Written as an objective and constraints, the weights can be searched (the ${rules[0].name} structure plus a weight on delivered matching; each weighting allocated in full to the fen, ${search.trace.length} in all): with the per-pupil Gini at most ${giniCap.toFixed(3)} (today's ${centralNow.equity.gini.toFixed(3)} + 0.03), no positive correlation with fiscal capacity${rules[0].groups.length > 1 ? ` and at least 0.3 on ${rules[0].groups[0].id}` : ""}, the weighting that draws in most local money is ${weightList(search.best.weights)}: leverage ${search.baseline.objective.toFixed(3)} → ${search.best.objective.toFixed(3)}, Gini ${(search.baseline.outcomes.gini ?? NaN).toFixed(3)} → ${(search.best.outcomes.gini ?? NaN).toFixed(3)}${search.best.feasible ? "" : " (no weighting meets every constraint; this is the closest)"}. The weights are assumptions and the counties synthetic: the result shows the method, not a recommended rule.`,
        zh
          ? `配套行为校准：用近似贝叶斯计算（ABC）让合成省重现种子文件中的三个数字——22 个县投入为 0、市级资金占 3.5%、县级资金占 23.4%（河南规划 62.69/267.91 亿元）。结论是：这些数字确定了县、市愿意配套的水平（以及“太少就不配套”的门槛），但在单一配套率下无法单独确定配套对价格的弹性 ε；ε 的区间基本就是先验区间（${cal.elasticity.lower.toFixed(2)}–${cal.elasticity.upper.toFixed(2)}）。把这一不确定性（连同因素权重 ±10%、各县到位率 ±20%）带入 matching-heavy 规则的 ${BRIEFING_DRAWS.toLocaleString("en-US")} 次蒙特卡洛：生均基尼系数 90% 区间 ${mc.gini.lower.toFixed(3)}–${mc.gini.upper.toFixed(3)}，撬动比 ${mc.leverage.lower.toFixed(3)}–${mc.leverage.upper.toFixed(3)}。`
          : `Calibrating behaviour: approximate Bayesian computation (ABC) makes the synthetic province reproduce three seed figures — 22 counties putting in nothing, city money 3.5% and county money 23.4% of funds (Henan plan, 62.69 of 267.91亿). These figures pin how willing counties and cities are to match (and the threshold below which they put in nothing), but at a single match rate they cannot pin the price elasticity ε: its interval is essentially the prior's (${cal.elasticity.lower.toFixed(2)}–${cal.elasticity.upper.toFixed(2)}). Carrying that uncertainty (with factor weights ±10% and each county's delivery ±20%) through ${BRIEFING_DRAWS.toLocaleString("en-US")} Monte Carlo draws of matching-heavy: per-pupil Gini 90% interval ${mc.gini.lower.toFixed(3)}–${mc.gini.upper.toFixed(3)}, leverage ${mc.leverage.lower.toFixed(3)}–${mc.leverage.upper.toFixed(3)}.`,
      ],
      charts: [splits, frontierChart, searchChart, mcChart],
      tables: [calibrationTable],
    },
  ];
};

/**
 * The sections when the scenario's budget cannot be shared by one of the rules the sections run (floors or a
 * hold-harmless above the budget): say so, with the rule's own reason, instead of a blank or a different budget.
 */
function infeasibleSections(settings: AllocationSettings, err: RangeError, lang: Lang): ReportSection[] {
  const zh = lang === "zh";
  const yi = (settings.budgetWanYuan / 1e4).toLocaleString("en-US", { maximumFractionDigits: 6 });
  const names = [settings.rule, ...settings.compareWith, "need-only", "matching-heavy"].filter((n, i, all) => all.indexOf(n) === i);
  const reason = zh ? allocateFailureZh(err.message) : err.message;
  const text = zh
    ? `本情景的分配预算为 ${yi} 亿元（allocation.budgetWanYuan = ${settings.budgetWanYuan} 万元）。按此预算，本节运行的规则（${names.join("、")}）中至少有一个无法分配：${reason}。请调高预算或去掉该规则的保底条款；本节不改用其他预算。`
    : `This scenario's allocation budget is ${yi}亿元 (allocation.budgetWanYuan = ${settings.budgetWanYuan} 万元). At this budget at least one of the rules this section runs (${names.join(", ")}) cannot allocate: ${reason}. Raise the budget or drop that rule's floors; this section does not substitute another budget.`;
  return [
    { id: "allocation", heading: zh ? "四、钱怎么分：分配规则比较" : "4. How the money is shared: allocation rules compared", paragraphs: [text], charts: [] },
    { id: "matching", heading: zh ? "五、地方配套：撬动多少、代价多大" : "5. Local matching: how much it draws in, and at what cost", paragraphs: [text], charts: [] },
  ];
}

/** A preset in datasets/rules by name, or a rule file (.json) by path. */
function readPreset(name: string): AllocationRule {
  const preset = path.join(DATASET_PATHS.rules(), `${name}.json`);
  const file = existsSync(preset) ? preset : name;
  return parseRule(readFileSync(file, "utf8").replace(/^\ufeff/, ""), path.basename(file));
}

/** The real Gansu splits (甘肃 薄改 2010–2013, 天水 2014–2016, 平凉 2014–2018) from real/provincial_totals.csv. */
function gansuSplits(data: BundledData, lang: Lang): FundSplit[] {
  const all = rowsOf(data.real.provincial_totals).filter((r) => r.province === "甘肃");
  const out: FundSplit[] = [];
  const pick = (region: string, fund: string, measure: string, group: Bilingual) => {
    for (const r of all.filter((x) => x.region === region && x.fund === fund && x.measure === measure && x.fund_source !== "all_levels")) {
      out.push({
        group: group[lang],
        level: String(r.fund_source),
        amountYiYuan: typeof r.amount_yi_yuan === "number" && r.share == null ? r.amount_yi_yuan : null,
        share: typeof r.share === "number" ? r.share : null,
      });
    }
  };
  pick("甘肃省", "bogai_2010_2013", "allocated", { zh: "甘肃 薄改计划 2010–2013", en: "Gansu 薄改 2010–2013" });
  pick("天水市", "gaibo", "secured", { zh: "天水市 全面改薄 2014–2016", en: "Tianshui 全面改薄 2014–2016" });
  pick("平凉市", "gaibo", "invested", { zh: "平凉市 全面改薄 2014–2018", en: "Pingliang 全面改薄 2014–2018" });
  return out;
}

function matchingFacts(data: BundledData, units: SyntheticUnits, results: AllocationResult[]) {
  const gansu = rowsOf(data.real.provincial_totals).filter((r) => r.province === "甘肃");
  const amount = (region: string, fund: string, source: string) =>
    Number(gansu.find((r) => r.region === region && r.fund === fund && r.fund_source === source && typeof r.amount_yi_yuan === "number")?.amount_yi_yuan ?? NaN);
  const gansuTotal = amount("甘肃省", "bogai_2010_2013", "central") + amount("甘肃省", "bogai_2010_2013", "provincial") + amount("甘肃省", "bogai_2010_2013", "city_and_county");
  const pl = ["central", "provincial", "city", "county"].map((s) => amount("平凉市", "gaibo", s));
  const zeroIds = new Set(units.rows.filter((r) => r.matchingCommittedWanYuan === 0).map((r) => r.countyId));
  const sumFor = (name: string) => {
    const res = results.find((r) => r.ruleName === name)!;
    return res.rows.filter((r) => zeroIds.has(r.countyId)).reduce((s, r) => s + r.allocationFen, 0);
  };
  return {
    gansuLocalShare: amount("甘肃省", "bogai_2010_2013", "city_and_county") / gansuTotal,
    pingliangLocalShare: (pl[2] + pl[3]) / pl.reduce((s, x) => s + x, 0),
    zeroCommitted: zeroIds.size,
    zeroCountyChange: sumFor("matching-heavy") / sumFor("need-only") - 1,
  };
}

/**
 * The national illustration: the real 2014 central total (310亿元) shared among the provinces with
 * curated 2015 population figures by the basic factor group only (weights assumed). Shows the method
 * at the scale it was used; it is not the real 2014 provincial split, which was not published.
 */
function nationalExampleTable(data: BundledData, lang: Lang): ReportTable | undefined {
  const demo = data.real.demography_provincial;
  if (!demo) return undefined;
  const zh = lang === "zh";
  const result = allocate(nationalExampleUnits(demo.objects() as unknown as ProvinceDemography[]), readPreset("national/national-2014-illustrative"));
  const totalFen = result.rows.reduce((s, r) => s + r.allocationFen, 0);
  const sorted = result.rows.slice().sort((a, b) => b.allocationFen - a.allocationFen);
  const shown = [...sorted.slice(0, 6), ...sorted.slice(-3)];
  const yi = (fen: number) => (fen / 1e10).toFixed(2);
  return {
    title: zh ? `全国示例：2014 年中央 310 亿元按基础因素分到 ${result.rows.length} 个省（权重为假设）` : `National illustration: the 2014 central 31 bn yuan (310亿元) shared among ${result.rows.length} provinces by the basic factors (weights assumed)`,
    columns: zh ? ["省份", "分配（亿元）", "人均（元）"] : ["province", "allocation (bn yuan)", "per resident (yuan)"],
    rows: shown.map((r) => [placeCell(r.countyName, lang), zh ? yi(r.allocationFen) : (r.allocationFen / 1e11).toFixed(3), (r.allocationPerPupilYuan ?? 0).toFixed(2)]),
    note: zh
      ? `合计 ${yi(totalFen)} 亿元（精确到分）。人口、城镇化率、出生率为真实数据（中国统计年鉴2016 表2-8，${result.rows.length} 个省）；规则只用乡村人口、常住人口、出生人口近似基础因素，权重 0.5/0.3/0.2 为假设；不是 2014 年真实的分省结果（未公布）。表中列出最多的 6 个省和最少的 3 个省。`
      : `Total ${formatMoneyWanYuan(totalFen / 1e6, lang)} (exact to the fen). Population, urbanisation and birth rates are real (China Statistical Yearbook 2016, table 2-8, ${result.rows.length} provinces); the rule approximates the basic factors by rural population, population and births with ASSUMED weights 0.5/0.3/0.2; this is not the real 2014 provincial split (unpublished). The 6 largest and 3 smallest shown.`,
  };
}
