import { sourceStanding } from "../charts/source-standing.js";
import type { ColumnTable } from "arquero";
import { leagueTableChart } from "../charts/league-table-chart.js";
import { label } from "../charts/labels.js";
import type { BundledData } from "../data/load-bundled-data.js";
import type { LeagueRow } from "../progress/league-table.js";
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
  if (charts.length === 0) return [];
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
  ];
}
