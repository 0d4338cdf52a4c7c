import type { ColumnTable } from "arquero";
import { bigClassSharesChart, type BigClassShare } from "../charts/big-class-shares-chart.js";
import { countyFundsChart, type CountyFunds } from "../charts/county-funds-chart.js";
import { fundCompositionChart, type FundAmount } from "../charts/fund-composition-chart.js";
import { progressObservationsChart, type ProgressObservation } from "../charts/progress-observations-chart.js";
import { progressSpreadChart, type CountyRate } from "../charts/progress-spread-chart.js";
import type { BundledData } from "../data/load-bundled-data.js";
import type { Lang } from "../shared/i18n.js";
import type { ReportSection } from "./render-html.js";
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

/**
 * The foundation sections of the briefing: the seed figures (Henan plan by fund source, published
 * progress figures, Shandong big-class shares) and the synthetic province built on them.
 *
 * @param data bundled datasets
 * @param lang language
 */
export function foundationSections(data: BundledData, lang: Lang): ReportSection[] {
  const zh = lang === "zh";
  const henan: FundAmount[] = rows(data.seeds.fund_plans)
    .filter((r) => r.region === "河南省" && r.scope === "five_year_plan" && r.stage === "planned")
    .map((r) => ({ fund_source: String(r.fund_source), use: String(r.use), amount_yi_yuan: Number(r.amount_yi_yuan) }));
  const fundChart = fundCompositionChart(henan, { region: zh ? "河南省" : "Henan", provenance: "seed", source: SEED_SOURCE.henan[lang], lang, id: "henan-fund-composition" });
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

  const observations: ProgressObservation[] = rows(data.seeds.progress_rates)
    .filter((r) => r.as_of && typeof r.value_share === "number" && r.qualifier === "exact")
    .map((r) => ({ region: String(r.region), indicator: String(r.indicator), as_of: String(r.as_of), value_share: Number(r.value_share), rank: (r.rank as number | null) ?? null }));
  const obsChart = progressObservationsChart(observations, { provenance: "seed", source: SEED_SOURCE.progress[lang], lang, id: "seed-progress-observations" });

  const progress = rows(data.synthetic.progress);
  const spread = (indicator: string) =>
    progressSpreadChart(
      progress.map((r): CountyRate => ({ county_id: String(r.county_id), as_of: String(r.as_of), value: Number(r[indicator]) })),
      { indicator, provenance: "synthetic", source: SEED_SOURCE.synthetic[lang], lang, id: `synthetic-spread-${indicator.replace("_", "-")}` },
    );

  const shandong: BigClassShare[] = rows(data.seeds.big_class_shares)
    .filter((r) => r.region === "山东省" && r.threshold_pupils === 56 && r.qualifier === "exact")
    .map((r) => ({ level: String(r.level), area: String(r.area), share: Number(r.share), threshold_pupils: 56 }));
  const bigChart = bigClassSharesChart(shandong, { region: zh ? "山东省" : "Shandong", year: 2015, provenance: "seed", source: SEED_SOURCE.bigClass[lang], lang, id: "shandong-big-class-shares" });

  const zeroCounties = counties.filter((c) => c.plan_county_wan_yuan === 0).length;
  // The latest report date in the (scenario-cut) panel and the mean completion then.
  const lastDate = progress.reduce((m, r) => (String(r.as_of) > m ? String(r.as_of) : m), "");
  const latest = progress.filter((r) => r.as_of === lastDate).map((r) => Number(r.completion_rate));
  const meanCompletion = latest.length ? latest.reduce((a, b) => a + b, 0) / latest.length : NaN;
  const urbanPrimary = shandong.find((r) => r.level === "primary" && r.area === "urban")?.share;
  return [
    {
      id: "funds",
      heading: zh ? "一、资金从哪里来" : "1. Where the money comes from",
      paragraphs: [
        zh
          ? `河南省五年规划覆盖 109 个县（市），总投资 ${fmt(amount("total"))} 亿元，其中中央专款 ${fmt(amount("central_total"))} 亿元，县级 ${fmt(amount("county"))} 亿元、地市级仅 ${fmt(amount("city"))} 亿元；讲话指出有 22 个县（市）投入资金为“0”。`
          : `Henan's five-year plan covers 109 counties and ${formatMoneyYi(amount("total"), lang)}; central funds are ${formatMoneyYi(amount("central_total"), lang)}, counties ${formatMoneyYi(amount("county"), lang)}, cities only ${formatMoneyYi(amount("city"), lang)}; the speech notes 22 counties put in nothing.`,
        zh
          ? `下图的合成省把这些总量分到 109 个模拟县：每一资金来源的合计与规划一致到万元，其中 ${zeroCounties} 个县县级投入为 0。各县数字是模拟的，不是河南的真实分县数据。`
          : `The synthetic province below spreads these totals over 109 simulated counties: every source adds up to the plan to the 10k yuan, and ${zeroCounties} counties put in no county money. County figures are simulated, not Henan's real ones.`,
      ],
      charts: [fundChart, countyChart],
      headline: [
        {
          id: "henan-plan-total",
          label: zh ? "河南五年规划总投资" : "Henan five-year plan",
          value: zh ? `${fmt(amount("total"))} 亿元` : `${fmt(amount("total") / 10)} bn yuan`,
          numeric: amount("total"),
          note: zh ? `中央专款 ${fmt(amount("central_total"))} 亿元` : `central ${fmt(amount("central_total") / 10)} bn`,
          provenance: "seed",
        },
        {
          id: "zero-input-counties",
          label: zh ? "县级投入为 0 的县" : "Counties putting in nothing",
          value: "22 / 109",
          numeric: 22,
          note: zh ? "河南讲话" : "Henan speech",
          provenance: "seed",
        },
      ],
      tables: [
        {
          title: zh ? "种子数字的加总核对（亿元）" : "Do the seed figures add up? (亿元 as published; 1 亿元 = 0.1 bn yuan)",
          columns: zh ? ["关系", "公布值", "分项之和", "差"] : ["relation", "stated", "sum of parts", "difference"],
          // The table stays in 亿元 as published (the English title says so); a zero difference prints "0.00", never "-0.00".
          rows: checks.map(([name, stated, parts]) => [name, fmt(stated), fmt(parts), formatNumber(parts - stated, 2)]),
          note: zh ? "差值 ±0.01 来自原文四舍五入。" : "Differences of ±0.01 are rounding in the source.",
        },
      ],
    },
    {
      id: "progress",
      heading: zh ? "二、进度：开工率与竣工率" : "2. Progress: start and completion rates",
      paragraphs: [
        zh
          ? "种子文件公布的进度：山东 2015 年上半年开工 34.37%、竣工 17.77%；新疆 2017 年 4 月底竣工 36%，8 月底 73%，达到国家“双超70%”要求；三门峡 2016 年 10 月底开工 86.03%、竣工 60.17%。中牟县重新调整规划后开工面积达规划的 1283%。"
          : "Published progress in the seeds: Shandong mid-2015 start 34.37%, completion 17.77%; Xinjiang completion 36% at end April 2017 and 73% at end August, meeting the national “both above 70%” demand; Sanmenxia Oct 2016 start 86.03%, completion 60.17%. Zhongmou's rebuilt plan reached 1283% of its planned floor area.",
        zh
          ? "“不能只看平均数”：合成省各县在同一日期的进度差别很大，平均数之下总有落后县。"
          : "“Don't read only averages”: on any date the synthetic counties spread widely, and laggards sit under every average.",
      ],
      charts: [obsChart, spread("start_rate"), spread("completion_rate")],
      headline: Number.isFinite(meanCompletion)
        ? [
            {
              id: "mean-completion-latest",
              label: zh ? "报告日各县平均竣工率" : "Mean county completion at the report date",
              value: `${(meanCompletion * 100).toFixed(1)}%`,
              numeric: Math.round(meanCompletion * 1000) / 10,
              note: zh ? `合成省，${lastDate}` : `synthetic province, ${lastDate}`,
              provenance: "synthetic",
            },
          ]
        : [],
    },
    {
      id: "big-classes",
      heading: zh ? "三、大班额" : "3. Big classes",
      paragraphs: [
        zh
          ? "山东 2015 年调研：城区、镇区小学大班额班比率 51.29%、46.30%，初中 47.37%、44.79%。讲话认为“这个数字还是小了”，根源在于对城镇化速度估计不足。"
          : "Shandong's 2015 survey: 51.29% / 46.30% of urban / town primary classes had 56+ pupils, 47.37% / 44.79% of junior classes. The speaker thought these figures too low, blaming underestimated urbanization.",
      ],
      charts: [bigChart],
      headline:
        urbanPrimary === undefined
          ? []
          : [
              {
                id: "shandong-urban-primary-big",
                label: zh ? "山东城区小学大班额比例（2015）" : "Shandong urban primary classes with 56+ (2015)",
                value: `${(urbanPrimary * 100).toFixed(2)}%`,
                numeric: urbanPrimary * 100,
                provenance: "seed",
              },
            ],
    },
  ];
}

