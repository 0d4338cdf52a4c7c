import { sourceStanding } from "../charts/source-standing.js";
import type { ColumnTable } from "arquero";
import { leagueTableChart } from "../charts/league-table-chart.js";
import { label } from "../charts/labels.js";
import type { BundledData } from "../data/load-bundled-data.js";
import type { LeagueRow } from "../progress/league-table.js";
import { publishedFigures, referenceObservations } from "../data/published-progress.js";
import { outOfSampleCheck, type OutOfSampleRow } from "../progress/out-of-sample-check.js";
import { createRandom } from "../shared/random.js";
import { spreadSummary } from "../progress/spread-summary.js";
import type { Lang } from "../shared/i18n.js";
import type { ReportSection, ReportTable } from "./render-html.js";

interface RealRow {
  league: string;
  region: string;
  region_level: string;
  indicator: string;
  as_of: string;
  value_share: number;
  rank: number | null;
  rank_of: number | null;
  source_url: string;
  source_title: string;
  caveat: string | null;
}

/** The published league tables worth showing: which league, indicator and the level of its members. */
const LEAGUES = [
  { league: "SD-briefing", indicator: "completion_rate", members: "city", zh: "山东 15 市校舍竣工率", en: "Shandong's 15 cities: completion" },
  { league: "YN-2017-10", indicator: "start_rate", members: "city", zh: "云南 16 州市校舍开工率", en: "Yunnan's 16 prefectures: start rate" },
  { league: "FJ-Ningde", indicator: "start_rate", members: "county", zh: "宁德各县校舍开工率", en: "Ningde's counties: start rate" },
  { league: "HA-Xuchang", indicator: "start_rate", members: "county", zh: "许昌各县校舍开工率（在河南 110 个县中的名次）", en: "Xuchang's counties: start rate (rank among Henan's 110 counties)" },
] as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The real league tables published by provincial and city 改薄办 (山东, 云南, 宁德, 许昌): each as a
 * ranked chart marked real with its source, and a table of the spread the published average hides.
 *
 * @param data bundled datasets (uses real/progress_observations)
 * @param lang language
 */
export function realProgressSections(data: BundledData, lang: Lang): ReportSection[] {
  const table: ColumnTable | undefined = data.real.progress_observations;
  if (!table) return [];
  const zh = lang === "zh";
  const all = table.objects() as unknown as RealRow[];
  const charts = [];
  const spreadRows: (string | number)[][] = [];
  for (const spec of LEAGUES) {
    const rows = all.filter((r) => r.league === spec.league && r.indicator === spec.indicator);
    const members = rows.filter((r) => r.region_level === spec.members).sort((a, b) => b.value_share - a.value_share);
    if (members.length < 3) continue;
    const whole = rows.find((r) => r.region_level !== spec.members);
    // Published ranks are kept (许昌's are among all of Henan's counties); otherwise rank by value.
    const league: LeagueRow[] = members.map((r, i) => ({
      countyId: r.region,
      countyName: r.region,
      city: whole?.region ?? "",
      value: r.value_share,
      reportDate: r.as_of,
      provinceRank: r.rank ?? i + 1,
      provinceCount: r.rank_of ?? members.length,
      cityRank: i + 1,
      cityCount: members.length,
    }));
    const src = members[0];
    // The standing is shown in the page's language beside the mark, not as the table's English caveat.
    const source = `${src.source_title}${zh ? "，" : ", "}${src.source_url}`;
    const chart = leagueTableChart(league, {
      indicator: spec.indicator,
      asOf: src.as_of,
      provenance: "real",
      source,
      lang,
      id: `real-league-${spec.league.toLowerCase()}`,
      thresholds: [0.9, 0.8],
      standing: sourceStanding(String(src.caveat ?? "")),
    });
    chart.title = `${spec[lang]}（${src.as_of}）`;
    (chart.figure.layout.title as { text: string }).text = chart.title;
    charts.push(chart);
    const s = spreadSummary(members.map((m) => m.value_share), [0.9, 0.7]);
    spreadRows.push([
      spec[lang],
      src.as_of,
      whole ? pct(whole.value_share) : "—",
      pct(s.min),
      pct(s.median),
      pct(s.max),
      `${((s.max - s.min) * 100).toFixed(1)}`,
      `${s.below[0].count} / ${s.n}`,
    ]);
  }
  const oos = outOfSampleSection(data, lang);
  if (charts.length === 0) return oos ? [oos] : [];
  const spread: ReportTable = {
    title: zh ? "平均数之下的差距（公布数字）" : "The spread under the published average",
    columns: zh
      ? ["排行", "日期", "公布的全省/全市数", "最低", "中位数", "最高", "极差（百分点）", "低于 90% 的单位"]
      : ["league", "date", "published total", "lowest", "median", "highest", "range (pp)", "units below 90%"],
    rows: spreadRows,
    note: zh
      ? "数字为各地改薄办公布值（多为官方数字的转载页）；名次为公布名次。"
      : "Values as published by provincial and city offices (mostly reposts of official figures); ranks as published.",
  };
  return [
    {
      id: "real-league",
      heading: zh ? "真实进度排行：不能只看平均数" : "Real league tables: don't read only averages",
      paragraphs: [
        zh
          ? `以下为各地公布的真实排行（${label("real", lang)}）。即使全省平均已很高，也总有单位明显落后：例如许昌各县在河南 110 个县中的名次从第 23 到第 50。`
          : `Real league tables as published (${label("real", lang)}). Even where the average is high, some units lag well behind: Xuchang's counties rank from 23rd to 50th among Henan's 110.`,
      ],
      charts,
      tables: [spread],
    },
    ...(oos ? [oos] : []),
  ];
}

/** Seed of the out-of-sample forecasts (the same on every page, so the table reads the same in both languages). */
const OUT_OF_SAMPLE_SEED = 20170430;
const oosRuns = new WeakMap<ColumnTable, OutOfSampleRow[]>();

/**
 * The model beside reality, out of sample: every real region with published figures at two or more
 * dates, forecast from its earliest figure with the reference class leaving the region out, and each
 * later figure beside the forecast (error in points, inside the 80 % band or not).
 */
function outOfSampleSection(data: BundledData, lang: Lang): ReportSection | undefined {
  const key = data.real.progress_observations;
  if (!key) return undefined;
  let rows = oosRuns.get(key);
  if (!rows) {
    rows = outOfSampleCheck(publishedFigures(data), referenceObservations(data), createRandom(OUT_OF_SAMPLE_SEED));
    oosRuns.set(key, rows);
  }
  if (rows.length === 0) return undefined;
  const zh = lang === "zh";
  const standing = (s: string) => {
    if (s === "derived") return zh ? "推算" : "derived";
    if (s.startsWith("seed")) return zh ? "种子文件" : "seed document";
    if (s === "official page") return zh ? "官方页面" : "official page";
    return zh ? "官方数字·转载" : "official figure, repost";
  };
  const inside = rows.filter((r) => r.inside80).length;
  const table: ReportTable = {
    title: zh ? "模型与现实对照（样本外）：从最早公布的数字预测，与后来公布的数字比较" : "The model beside reality, out of sample: forecast from the earliest published figure, compared with the later one",
    columns: zh
      ? ["地区", "指标", "起点（公布值）", "后来的日期", "后来公布值", "预测中位数", "80% 区间", "误差（百分点）", "落在 80% 区间内"]
      : ["region", "indicator", "from (published)", "later date", "later published", "forecast median", "80% band", "error (pp)", "inside the 80% band"],
    rows: rows.map((r) => [
      r.region,
      label(r.indicator, lang),
      zh ? `${r.fromDate}：${pct(r.fromValue)}（${standing(r.fromStanding)}）` : `${r.fromDate}: ${pct(r.fromValue)} (${standing(r.fromStanding)})`,
      r.date,
      zh ? `${pct(r.actual)}（${standing(r.actualStanding)}）` : `${pct(r.actual)} (${standing(r.actualStanding)})`,
      pct(r.median),
      `${pct(r.p10)}–${pct(r.p90)}`,
      `${r.errorPp >= 0 ? "+" : ""}${r.errorPp.toFixed(1)}`,
      r.inside80 ? (zh ? "是" : "yes") : zh ? "否" : "no",
    ]),
    note: zh
      ? `预测只用起点那一个数字和参照类先验（其他省、市公布的数字，去掉本地区及其下属市县）；误差为预测中位数减后来公布值。参照类中仍有其他地区在起点之后公布的数字，所以这是对地区的样本外检验，不是对时间的。全国 2015 年 10 月的比例由公布的面积和金额除以规划总量推算，不是公布的比率；新疆的分母为 2014–2016 年任务。`
      : `Each forecast uses only the earliest figure and the reference-class prior (other provinces' and cities' published figures, the region and its cities left out); error = forecast median − later figure. The reference class still holds figures other regions published after the origin, so the check is out of sample for the region, not for the time. The national shares of October 2015 are derived from published floor area and money over the plan totals, not published rates; Xinjiang's denominator is the 2014–2016 tasks.`,
  };
  const worst = rows.reduce((a, b) => (Math.abs(b.errorPp) > Math.abs(a.errorPp) ? b : a));
  return {
    id: "real-out-of-sample",
    heading: zh ? "模型与现实对照（样本外）" : "The model beside reality, out of sample",
    paragraphs: [
      zh
        ? `${rows.length} 个后来公布的数字中，${inside} 个落在预测的 80% 区间内。偏差最大的是${worst.region}${label(worst.indicator, lang)}（${worst.date}，公布 ${pct(worst.actual)}，预测中位数 ${pct(worst.median)}）：只有一个起点数字时，预测主要来自参照类，而该地区后来的进度比参照类的平均速度快（或慢）得多。读合成省的预测时，应记住：模型学不到尚未发生的冲刺或停滞。`
        : `Of ${rows.length} later published figures, ${inside} fell inside the forecast's 80% band. The largest miss is ${worst.region} ${label(worst.indicator, lang).toLowerCase()} (${worst.date}: published ${pct(worst.actual)}, forecast median ${pct(worst.median)}): with one starting figure the forecast is mostly the reference class, and the region then moved far faster (or slower) than its average pace. Read the synthetic province's forecasts knowing that the model cannot learn a push or a stall that has not happened yet.`,
    ],
    charts: [],
    tables: [table],
  };
}
