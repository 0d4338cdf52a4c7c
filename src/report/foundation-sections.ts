import type { ColumnTable } from "arquero";
import { bigClassSharesChart, type BigClassShare } from "../charts/big-class-shares-chart.js";
import { countyFundsChart, type CountyFunds } from "../charts/county-funds-chart.js";
import { fundCompositionChart, type FundAmount } from "../charts/fund-composition-chart.js";
import { progressObservationsChart, type ProgressObservation } from "../charts/progress-observations-chart.js";
import { progressSpreadChart, type CountyRate } from "../charts/progress-spread-chart.js";
import { label } from "../charts/labels.js";
import type { BundledData } from "../data/load-bundled-data.js";
import type { Lang } from "../shared/i18n.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import { rollUpProgress } from "../data/synthetic/roll-up-progress.js";
import type { HeadlineItem, ReportSection, ReportTable } from "./render-html.js";
import { scenarioRegion, type ScenarioRegion } from "./scenario-region.js";
import { formatMoneyYi, formatNumber } from "../shared/format-number.js";

type Row = Record<string, unknown>;
const rows = (t: ColumnTable | undefined): Row[] => (t ? (t.objects() as Row[]) : []);

const SEED_SOURCE = {
  henan: { zh: "河南省全面改薄工作讲话（种子文件 001_4cca479e5fb5f4f3.txt）", en: "Henan 全面改薄 speech (seed 001_4cca479e5fb5f4f3.txt)" },
  progress: {
    zh: "种子文件 001（山东）、002（新疆简报第7期）、004（三门峡、中牟）",
    en: "seeds 001 (Shandong), 002 (Xinjiang bulletin no. 7), 004 (Sanmenxia, Zhongmou)",
  },
  bigClass: { zh: "山东省全面改薄会议讲话（种子文件 001_4cca479e5fb5f4f3.txt）", en: "Shandong 全面改薄 meeting speech (seed 001_4cca479e5fb5f4f3.txt)" },
  synthetic: {
    zh: "gaibo 合成省（generateSyntheticProvince，种子 20140901；总量取自河南规划）",
    en: "gaibo synthetic province (generateSyntheticProvince, seed 20140901; totals from the Henan plan)",
  },
};

const SOURCES = ["central_gaibo", "central_other", "provincial", "city", "county", "other"] as const;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A counties table's plan by source and use, in 亿元 (the shape of seeds/fund_plans.csv). */
function planFromCounties(counties: readonly Row[]): FundAmount[] {
  const sum = (col: string) => counties.reduce((a, c) => a + (Number(c[col]) || 0), 0) / 10_000;
  const by = Object.fromEntries(SOURCES.map((k) => [k, sum(`plan_${k}_wan_yuan`)])) as Record<(typeof SOURCES)[number], number>;
  const all = (fund_source: string, v: number): FundAmount => ({ fund_source, use: "all", amount_yi_yuan: round2(v) });
  return [
    ...SOURCES.map((k) => all(k, by[k])),
    all("central_total", by.central_gaibo + by.central_other),
    all("local_total", by.provincial + by.city + by.county),
    all("total", SOURCES.reduce((a, k) => a + by[k], 0)),
    { fund_source: "total", use: "buildings", amount_yi_yuan: round2(sum("plan_buildings_wan_yuan")) },
    { fund_source: "total", use: "equipment", amount_yi_yuan: round2(sum("plan_equipment_wan_yuan")) },
  ];
}

const FIELD_ZH: Record<string, string> = {
  "plan by fund source": "分来源规划资金",
  "equipment money": "设备投资",
  "counties with zero county input": "县级投入为 0 的县",
  cities: "地市",
  counties: "县数",
  "unit cost and equipment share": "校舍单价与设备占比",
  funds_rate: "资金到位率",
  start_rate: "开工率",
  scope: "口径",
  "county attributes": "县情",
  "progress 2015": "2015 年进度",
  progress: "进度",
};

/** The table of what nothing published fixes in a region's synthetic province, and the assumption taken. */
function assumptionsTable(profile: ScenarioRegion["profile"], lang: Lang): ReportTable {
  const zh = lang === "zh";
  const folder = profile.id === "henan" ? "datasets/synthetic" : `datasets/synthetic/${profile.id}`;
  return {
    title: zh ? `${profile.id === "henan" ? "合成省" : `合成${profile.name.zh}`}：未公布、由假设代替的字段` : `${profile.id === "henan" ? "The synthetic province" : `Synthetic ${profile.name.en}`}: fields nothing published fixes, and the assumption used`,
    columns: zh ? ["字段", "假设"] : ["field", "assumption"],
    rows: profile.assumptions.map((a) => [zh ? (FIELD_ZH[a.field] ?? a.field) : a.field, a[lang]]),
    note: zh ? `这些假设也写在 ${folder}/datapackage.json 中。` : `The same assumptions are in ${folder}/datapackage.json.`,
  };
}

/** How each region's plan total stands: published as such, derived from published figures, or the user's. */
const PLAN_STANDING: Record<string, { provenance: "seed" | "real"; zh: string; en: string }> = {
  henan: { provenance: "seed", zh: "公布（种子文件 001）", en: "published (seed 001)" },
  shandong: { provenance: "seed", zh: "总额公布（种子文件 001），分来源为假设", en: "total published (seed 001); split by source assumed" },
  xinjiang: { provenance: "seed", zh: "由种子文件 002 推算：162.72 ÷ 80.79%", en: "derived from seed 002: 162.72 ÷ 80.79%" },
  yunnan: { provenance: "real", zh: "2014–2017 年累计投入（公布）代替规划", en: "2014–2017 investment (published) standing in for the plan" },
  national: { provenance: "real", zh: "公布（国务院英文网）；分来源部分为假设", en: "published (english.gov.cn); split by source partly assumed" },
};

/**
 * The funds section of a region other than 河南, or of the user's counties: the plan by source
 * summed from the counties the page uses, what is published and what is assumed.
 */
function regionFundsSection(data: BundledData, lang: Lang, where: ScenarioRegion): ReportSection {
  const zh = lang === "zh";
  const counties = rows(data.synthetic.counties);
  const user = where.userFiles.counties !== undefined;
  const plan = planFromCounties(counties);
  const amount = (src: string, use = "all") => plan.find((a) => a.fund_source === src && a.use === use)?.amount_yi_yuan ?? NaN;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");
  const { profile } = where;
  const source = user ? `${zh ? "用户文件" : "user file"} ${where.userFiles.counties}` : where.syntheticSource;
  const provenance = user ? ("user" as const) : ("synthetic" as const);
  const fundChart = fundCompositionChart(plan, { region: user ? (zh ? "用户数据" : "User data") : zh ? `合成${profile.name.zh}` : `Synthetic ${profile.name.en}`, provenance, source, lang, id: "fund-composition" });
  const countyChart = countyFundsChart(counties as unknown as CountyFunds[], { provenance, source, lang, id: "synthetic-county-funds" });
  const zeroCounties = counties.filter((c) => Number(c.plan_county_wan_yuan) === 0).length;
  const standing = PLAN_STANDING[profile.id] ?? PLAN_STANDING.henan;
  const assumptions = assumptionsTable(profile, lang);
  const paragraphs = user
    ? [
        zh
          ? `本情景使用用户自己的县级数据（${where.userFiles.counties}）：${where.countyCount} 个县，规划合计 ${fmt(amount("total"))} 亿元，其中中央 ${fmt(amount("central_total"))} 亿元、县级 ${fmt(amount("county"))} 亿元；${zeroCounties} 个县县级投入为 0。`
          : `This scenario uses the user's own county file (${where.userFiles.counties}): ${where.countyCount} counties, a plan of ${formatMoneyYi(amount("total"), lang)}, central ${formatMoneyYi(amount("central_total"), lang)}, counties ${formatMoneyYi(amount("county"), lang)}; ${zeroCounties} counties put in no county money.`,
      ]
    : [
        zh
          ? `${profile.planSource.zh}。合成${profile.name.zh}把规划分到 ${where.countyCount} 个模拟县，每一资金来源的合计与下图一致到万元；县级投入为 0 的县 ${zeroCounties} 个。各县数字是模拟的，不是${profile.name.zh}的真实分县数据。`
          : `${profile.planSource.en}. Synthetic ${profile.name.en} spreads the plan over ${where.countyCount} simulated counties; every source adds up to the chart below to the 10k yuan; ${zeroCounties} counties put in no county money. County figures are simulated, not ${profile.name.en}'s real ones.`,
        zh
          ? "凡是没有公布的，都按下表的假设生成，并在数据文件中写明。"
          : "Whatever is not published is generated on the assumptions in the table below, which the data files state too.",
      ];
  const headline: HeadlineItem[] = [
    {
      id: "plan-total",
      kpi: "plan-total-yi-yuan",
      label: user ? (zh ? "用户数据规划总投资" : "Plan total, user data") : zh ? `${profile.name.zh}规划总投资` : `${profile.name.en} plan total`,
      measure: zh ? "规划总投资" : "Plan total",
      value: zh ? `${fmt(amount("total"))} 亿元` : `${fmt(amount("total") / 10)} bn yuan`,
      // In the unit the card shows: 亿元 in Chinese, billion yuan in English.
      numeric: zh ? amount("total") : round2(amount("total") / 10),
      unit: zh ? "亿元" : "bn yuan",
      note: user ? (zh ? `${where.countyCount} 个县` : `${where.countyCount} counties`) : standing[lang],
      provenance: user ? "user" : standing.provenance,
    },
    {
      id: "zero-input-counties",
      kpi: "zero-input-counties",
      label: zh ? "县级投入为 0 的县" : "Counties putting in nothing",
      value: user ? `${zeroCounties} / ${where.countyCount}` : zh ? "未公布" : "not published",
      numeric: user ? zeroCounties : undefined,
      note: user ? (zh ? "用户数据" : "user data") : zh ? `${profile.name.zh}未公布；合成数据假设没有` : `not published for ${profile.name.en}; assumed none in the synthetic data`,
      provenance: user ? "user" : "synthetic",
    },
    {
      id: "county-count",
      kpi: "county-count",
      label: where.unitLevel === "province" ? (zh ? "分配单位（省级）" : "Allocation units (provinces)") : zh ? "项目县" : "Programme counties",
      value: `${where.countyCount}`,
      numeric: where.countyCount,
      unit: where.unitLevel === "province" ? (zh ? "个省级单位" : "provinces") : zh ? "个县" : "counties",
      note: where.unitLevel === "province"
        ? zh
          ? `合成：由 ${profile.counties} 个模拟县按省汇总`
          : `synthetic: ${profile.counties.toLocaleString("en")} simulated counties folded into provinces`
        : user
        ? zh
          ? "用户数据"
          : "user data"
        : profile.assumptions.some((a) => a.field === "counties")
          ? zh
            ? "未公布，为假设"
            : "not published; assumed"
          : zh
            ? "公布"
            : "published",
      provenance: user ? "user" : profile.assumptions.some((a) => a.field === "counties") ? "synthetic" : "seed",
    },
  ];
  return {
    id: "funds",
    heading: zh ? "一、资金从哪里来" : "1. Where the money comes from",
    paragraphs,
    charts: [fundChart, countyChart],
    headline,
    tables: user ? [] : [assumptions],
  };
}

/**
 * The foundation sections of the briefing for the scenario's region: its plan by fund source (the
 * Henan seed figures, or the region's published plan spread over its synthetic counties, or the
 * user's counties), published progress beside the roll-up of the counties, and the Shandong
 * big-class shares (the region's own on the Shandong page, another region's elsewhere).
 *
 * @param data the scenario's data (its region's synthetic province, or the user's files)
 * @param lang language
 * @param scenario the scenario; absent: the 河南 province
 */
export function foundationSections(data: BundledData, lang: Lang, scenario?: Scenario): ReportSection[] {
  const zh = lang === "zh";
  const where = scenarioRegion(data, scenario, lang);
  const henan: FundAmount[] = rows(data.seeds.fund_plans)
    .filter((r) => r.region === "河南省" && r.scope === "five_year_plan" && r.stage === "planned")
    .map((r) => ({ fund_source: String(r.fund_source), use: String(r.use), amount_yi_yuan: Number(r.amount_yi_yuan) }));
  const fundChart = fundCompositionChart(henan, { region: zh ? "河南省" : "Henan", provenance: "seed", source: SEED_SOURCE.henan[lang], lang, id: "fund-composition" });
  const counties = rows(data.synthetic.counties) as unknown as CountyFunds[];
  const countyChart = countyFundsChart(counties, { provenance: "synthetic", source: SEED_SOURCE.synthetic[lang], lang, id: "synthetic-county-funds" });

  const amount = (src: string, use = "all") => henan.find((a) => a.fund_source === src && a.use === use)?.amount_yi_yuan ?? NaN;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");
  const checks: [string, number, number][] = [
    [zh ? "中央专款 = 薄改专项 + 其他中央专项" : "central = 改薄 fund + other central", amount("central_total"), amount("central_gaibo") + amount("central_other")],
    [zh ? "地方资金 = 省级 + 地市级 + 县级" : "local = provincial + city + county", amount("local_total"), amount("provincial") + amount("city") + amount("county")],
    [zh ? "合计 = 中央 + 地方 + 其他" : "total = central + local + other", amount("total"), amount("central_total") + amount("local_total") + amount("other")],
    [zh ? "合计 = 校舍 + 设备" : "total = buildings + equipment", amount("total"), amount("total", "buildings") + amount("total", "equipment")],
  ];
  const zeroCounties = counties.filter((c) => c.plan_county_wan_yuan === 0).length;
  const henanFunds: ReportSection = {
    id: "funds",
    heading: zh ? "一、资金从哪里来" : "1. Where the money comes from",
    paragraphs: [
      zh
        ? `河南省五年规划覆盖 109 个县（市），总投资 ${fmt(amount("total"))} 亿元，其中中央专款 ${fmt(amount("central_total"))} 亿元，县级 ${fmt(amount("county"))} 亿元、地市级仅 ${fmt(amount("city"))} 亿元；讲话指出有 22 个县（市）投入资金为“0”。`
        : `Henan's five-year plan covers 109 counties and ${formatMoneyYi(amount("total"), lang)}; central funds are ${formatMoneyYi(amount("central_total"), lang)}, counties ${formatMoneyYi(amount("county"), lang)}, cities only ${formatMoneyYi(amount("city"), lang)}; the speech notes 22 counties put in nothing.`,
      zh
        ? `下图的合成省把这些总量分到 ${where.countyCount} 个模拟县：每一资金来源的合计与规划一致到万元，其中 ${zeroCounties} 个县县级投入为 0。各县数字是模拟的，不是河南的真实分县数据。`
        : `The synthetic province below spreads these totals over ${where.countyCount} simulated counties: every source adds up to the plan to the 10k yuan, and ${zeroCounties} counties put in no county money. County figures are simulated, not Henan's real ones.`,
    ],
    charts: [fundChart, countyChart],
    headline: [
      {
        id: "plan-total",
        kpi: "plan-total-yi-yuan",
        label: zh ? "河南五年规划总投资" : "Henan five-year plan",
        measure: zh ? "规划总投资" : "Plan total",
        value: zh ? `${fmt(amount("total"))} 亿元` : `${fmt(amount("total") / 10)} bn yuan`,
        numeric: zh ? amount("total") : round2(amount("total") / 10),
        unit: zh ? "亿元" : "bn yuan",
        note: zh ? `中央专款 ${fmt(amount("central_total"))} 亿元` : `central ${fmt(amount("central_total") / 10)} bn`,
        provenance: "seed",
      },
      {
        id: "zero-input-counties",
        kpi: "zero-input-counties",
        label: zh ? "县级投入为 0 的县" : "Counties putting in nothing",
        value: "22 / 109",
        numeric: 22,
        unit: zh ? "个县" : "counties",
        note: zh ? "河南讲话" : "Henan speech",
        provenance: "seed",
      },
      {
        id: "county-count",
        kpi: "county-count",
        label: zh ? "项目县" : "Programme counties",
        value: "109",
        numeric: 109,
        unit: zh ? "个县" : "counties",
        note: zh ? "公布（河南讲话）" : "published (Henan speech)",
        provenance: "seed",
      },
    ],
    tables: [
      {
        title: zh ? "种子数字的加总核对（亿元）" : "Do the seed figures add up? (亿元 as published; 1 亿元 = 0.1 bn yuan)",
        columns: zh ? ["关系", "公布值", "分项之和", "差"] : ["relation", "stated", "sum of parts", "difference"],
        // A zero difference prints "0.00", never "-0.00".
        rows: checks.map(([name, stated, parts]) => [name, fmt(stated), fmt(parts), formatNumber(parts - stated, 2)]),
        note: zh ? "差值 ±0.01 来自原文四舍五入。" : "Differences of ±0.01 are rounding in the source.",
      },
      assumptionsTable(where.profile, lang),
    ],
  };
  const funds = where.profile.id === "henan" && where.userFiles.counties === undefined ? henanFunds : regionFundsSection(data, lang, where);

  const observations: ProgressObservation[] = rows(data.seeds.progress_rates)
    .filter((r) => r.as_of && typeof r.value_share === "number" && r.qualifier === "exact")
    .map((r) => ({ region: String(r.region), indicator: String(r.indicator), as_of: String(r.as_of), value_share: Number(r.value_share), rank: (r.rank as number | null) ?? null }));
  const obsChart = progressObservationsChart(observations, { provenance: "seed", source: SEED_SOURCE.progress[lang], lang, id: "seed-progress-observations" });

  const progress = rows(data.synthetic.progress);
  const progressUser = where.userFiles.progress !== undefined;
  const progressSource = progressUser ? `${zh ? "用户文件" : "user file"} ${where.userFiles.progress}` : where.syntheticSource;
  const spread = (indicator: string) =>
    progressSpreadChart(
      progress.map((r): CountyRate => ({ county_id: String(r.county_id), as_of: String(r.as_of), value: Number(r[indicator]) })),
      { indicator, provenance: progressUser ? "user" : "synthetic", source: progressSource, lang, id: `synthetic-spread-${indicator.replace("_", "-")}` },
    );

  const shandong: BigClassShare[] = rows(data.seeds.big_class_shares)
    .filter((r) => r.region === "山东省" && r.threshold_pupils === 56 && r.qualifier === "exact")
    .map((r) => ({ level: String(r.level), area: String(r.area), share: Number(r.share), threshold_pupils: 56 }));
  const ownShandong = where.profile.id === "shandong";
  const bigChart = bigClassSharesChart(shandong, {
    region: zh ? (ownShandong ? "山东省" : "山东省（其他地区，仅作参照）") : ownShandong ? "Shandong" : "Shandong (another region, for reference)",
    year: 2015,
    provenance: "seed",
    source: SEED_SOURCE.bigClass[lang],
    lang,
    id: "shandong-big-class-shares",
  });

  // The report date of the (scenario-cut) panel and the plan-weighted roll-up then: what the
  // region's own 双月报 would have published on that day.
  const lastDate = progress.reduce((m, r) => (String(r.as_of) > m ? String(r.as_of) : m), "");
  const hasWeights = rows(data.synthetic.counties).some((c) => Number(c.planned_floor_area_m2) > 0);
  const latest = progress.filter((r) => r.as_of === lastDate).map((r) => Number(r.completion_rate));
  const rolled = lastDate && hasWeights ? rollUpProgress(rows(data.synthetic.counties), progress, "completion_rate", lastDate) : latest.reduce((a, b) => a + b, 0) / (latest.length || NaN);
  const regionName = zh ? where.profile.region : where.profile.name.en;
  const published = where.profile.points.find((p) => !p.city && p.indicator === "completion_rate" && p.asOf === lastDate);
  const pointRows = rows(data.synthetic.published_points);
  const pointsTable: ReportTable[] =
    pointRows.length && !progressUser
      ? [
          {
            title: zh ? `${where.profile.name.zh}公布的进度与合成县汇总（容差 ±1 个百分点）` : `${where.profile.name.en}'s published progress beside the synthetic counties' roll-up (tolerance ±1 pp)`,
            columns: zh ? ["地区", "指标", "日期", "公布（真实）", "合成县汇总", "差（百分点）"] : ["region", "indicator", "date", "published (real)", "synthetic roll-up", "difference (pp)"],
            rows: pointRows.map((r) => [
              String(r.city || r.region),
              label(String(r.indicator), lang),
              String(r.as_of) + (String(r.as_of) > (scenario?.data.asOf ?? "9999") ? (zh ? "（报告日之后）" : " (after the report date)") : ""),
              `${(Number(r.published_share) * 100).toFixed(2)}%`,
              `${(Number(r.roll_up_share) * 100).toFixed(2)}%`,
              `${Number(r.difference_pp) >= 0 ? "+" : "−"}${Math.abs(Number(r.difference_pp)).toFixed(2)}${r.calibration_target === false ? (zh ? "（仅对照）" : " (shown only)") : ""}`,
            ]),
            note: zh
              ? "汇总：各县在该日或之前的最新报表，按规划校舍面积（开工、竣工）、设备投资（设备）或规划总额（资金）加权。"
              : "Roll-up: each county's latest report on or before the date, weighted by planned floor area (start, completion), equipment money (equipment) or total plan (funds).",
          },
        ]
      : [];
  const urbanPrimary = shandong.find((r) => r.level === "primary" && r.area === "urban")?.share;
  const ownPoints = where.profile.points.filter((p) => !p.city);
  const pct = (x: number) => `${(x * 100).toFixed(2).replace(/\.?0+$/, "")}%`;
  const ownSentence = ownPoints.length
    ? zh
      ? `${where.profile.name.zh}公布的进度：${ownPoints.map((p) => `${p.asOf} ${label(p.indicator, lang)} ${pct(p.value)}`).join("；")}。合成${where.profile.name.zh}各县的汇总在这些日期重现这些数字（误差不超过 1 个百分点，见下表）。`
      : `${where.profile.name.en}'s published progress: ${ownPoints.map((p) => `${p.asOf} ${label(p.indicator, lang)} ${pct(p.value)}`).join("; ")}. The synthetic counties' roll-up reproduces them on those dates (within 1 point, table below).`
    : zh
      ? "种子文件公布的进度：山东 2015 年上半年开工 34.37%、竣工 17.77%；新疆 2017 年 4 月底竣工 36%，8 月底 73%，达到国家“双超70%”要求；三门峡 2016 年 10 月底开工 86.03%、竣工 60.17%。中牟县重新调整规划后开工面积达规划的 1283%。河南没有公布全省进度，合成省的进度节奏为假设；其他地区的数字只作参照。"
      : "Published progress in the seeds: Shandong mid-2015 start 34.37%, completion 17.77%; Xinjiang completion 36% at end April 2017 and 73% at end August, meeting the national “both above 70%” demand; Sanmenxia Oct 2016 start 86.03%, completion 60.17%. Zhongmou's rebuilt plan reached 1283% of its planned floor area. Henan published no province-wide progress: the synthetic province's pace is assumed; other regions' figures are for reference only.";
  const completionCard: HeadlineItem[] = Number.isFinite(rolled)
    ? [
        {
          id: "mean-completion-latest",
          kpi: "completion-roll-up-at-report-date",
          label: zh ? "报告日竣工率（各县按规划面积汇总）" : "Completion at the report date (counties rolled up by floor area)",
          value: `${(rolled * 100).toFixed(1)}%`,
          numeric: Math.round(rolled * 1000) / 10,
          unit: zh ? "%" : "%",
          better: "higher",
          note:
            (progressUser ? (zh ? `用户数据，${lastDate}` : `user data, ${lastDate}`) : zh ? `${where.provinceName}，${lastDate}` : `${where.provinceName}, ${lastDate}`) +
            (published && !progressUser ? (zh ? `；${regionName}公布 ${pct(published.value)}` : `; ${regionName} published ${pct(published.value)}`) : ""),
          provenance: "synthetic",
        },
      ]
    : [];
  return [
    funds,
    {
      id: "progress",
      heading: zh ? "二、进度：开工率与竣工率" : "2. Progress: start and completion rates",
      paragraphs: [
        ownSentence,
        zh
          ? `“不能只看平均数”：${progressUser ? "用户数据" : where.provinceName}各县在同一日期的进度差别很大，平均数之下总有落后县。`
          : `“Don't read only averages”: on any date the counties of ${progressUser ? "the user's data" : where.provinceName} spread widely, and laggards sit under every average.`,
      ],
      charts: [obsChart, spread("start_rate"), spread("completion_rate")],
      headline: completionCard,
      tables: pointsTable,
    },
    {
      id: "big-classes",
      heading: zh ? "三、大班额" : "3. Big classes",
      paragraphs: [
        ownShandong
          ? zh
            ? "山东 2015 年调研：城区、镇区小学大班额班比率 51.29%、46.30%，初中 47.37%、44.79%。讲话认为“这个数字还是小了”，根源在于对城镇化速度估计不足。"
            : "Shandong's 2015 survey: 51.29% / 46.30% of urban / town primary classes had 56+ pupils, 47.37% / 44.79% of junior classes. The speaker thought these figures too low, blaming underestimated urbanization."
          : zh
            ? `${where.profile.name.zh}没有公布分城乡的大班额比例。下图是另一个地区——山东 2015 年的调研（城区、镇区小学 51.29%、46.30%，初中 47.37%、44.79%），只作参照，不是${where.profile.name.zh}的数字。`
            : `${where.profile.name.en} published no big-class shares by area. The chart shows another region — Shandong's 2015 survey (urban / town primary 51.29% / 46.30%, junior 47.37% / 44.79%) — for reference only; these are not ${where.profile.name.en}'s figures.`,
      ],
      charts: [bigChart],
      headline:
        urbanPrimary === undefined || !ownShandong
          ? []
          : [
              {
                id: "shandong-urban-primary-big",
                kpi: "urban-primary-big-class-share-2015",
                label: zh ? "山东城区小学大班额比例（2015）" : "Shandong urban primary classes with 56+ (2015)",
                value: `${(urbanPrimary * 100).toFixed(2)}%`,
                numeric: urbanPrimary * 100,
                unit: "%",
                better: "lower",
                provenance: "seed",
              },
            ],
    },
  ];
}
