import type { Bilingual } from "../shared/i18n.js";
import { makeChart, type Chart } from "./figure.js";
import type { AllocationChartOptions } from "./allocation-chart-options.js";

/** One published amount (or share) of a region's programme funds by level of government. */
export interface FundSplit {
  /** Region and period as shown, e.g. "天水市 2014–2016". */
  group: string;
  /** central, provincial, central_and_provincial, city, county, city_and_county, all_levels. */
  level: string;
  /** 亿元, when published. */
  amountYiYuan?: number | null;
  /** Share of the region's total (0–1), when only a share is published. */
  share?: number | null;
}

const LEVELS: { code: string; label: Bilingual; colour: string }[] = [
  { code: "central", label: { zh: "中央", en: "central" }, colour: "#1f5fa8" },
  { code: "provincial", label: { zh: "省级", en: "provincial" }, colour: "#2a8c55" },
  { code: "central_and_provincial", label: { zh: "中央和省级（未分开公布）", en: "central + provincial (not split)" }, colour: "#5f8fb0" },
  { code: "city", label: { zh: "市级", en: "city" }, colour: "#e0a040" },
  { code: "county", label: { zh: "县级", en: "county" }, colour: "#c25e00" },
  { code: "city_and_county", label: { zh: "市县两级（合计）", en: "city + county" }, colour: "#d9822b" },
];

const TITLE: Bilingual = { zh: "谁出钱：公布的中央、省、市县分担比例", en: "Who pays: published central, provincial and city/county splits" };
const X: Bilingual = { zh: "占总投入比例", en: "share of all funds" };

/**
 * Published splits of programme money between central, provincial and city/county governments as 100% bars, one per
 * region and period, so a reader sees how much local matching actually came in. A region that published only the
 * city + county share (天水: 26.96%) shows the rest as central + provincial, not split.
 *
 * @param splits amounts (亿元) or shares by level; a group with amounts is normalised by their sum, a group with one
 *   share gets the remainder as central + provincial
 * @param options provenance (real), source, language
 * @returns a chart whose rows are the shares
 * @example matchingSplitsChart([{ group: "甘肃 2010–2013", level: "central", amountYiYuan: 39.42 }], opts).rows[0].share // 1
 */
export function matchingSplitsChart(splits: readonly FundSplit[], options: AllocationChartOptions): Chart {
  const { lang } = options;
  const groups = [...new Set(splits.map((s) => s.group))];
  const rows: { group: string; level: string; amount_yi_yuan: number | null; share: number; derived: boolean }[] = [];
  for (const g of groups) {
    const parts = splits.filter((s) => s.group === g && s.level !== "all_levels");
    const withAmount = parts.filter((p) => typeof p.amountYiYuan === "number");
    if (withAmount.length === parts.length && withAmount.length > 0) {
      const total = withAmount.reduce((s, p) => s + (p.amountYiYuan as number), 0);
      for (const p of withAmount) rows.push({ group: g, level: p.level, amount_yi_yuan: p.amountYiYuan as number, share: (p.amountYiYuan as number) / total, derived: false });
    } else {
      let given = 0;
      for (const p of parts.filter((x) => typeof x.share === "number")) {
        rows.push({ group: g, level: p.level, amount_yi_yuan: p.amountYiYuan ?? null, share: p.share as number, derived: false });
        given += p.share as number;
      }
      if (given < 1) rows.push({ group: g, level: "central_and_provincial", amount_yi_yuan: null, share: 1 - given, derived: true });
    }
  }
  const data = LEVELS.filter((l) => rows.some((r) => r.level === l.code)).map((l) => {
    const mine = groups.map((g) => rows.find((r) => r.group === g && r.level === l.code));
    return {
      type: "bar",
      orientation: "h",
      name: l.label[lang],
      y: groups,
      x: mine.map((r) => r?.share ?? 0),
      text: mine.map((r) => (r && r.share >= 0.02 ? `${(r.share * 100).toFixed(1)}%` : "")),
      textposition: "inside",
      marker: { color: l.colour },
      hovertemplate: `%{y} ${l.label[lang]}: %{x:.1%}<extra></extra>`,
    };
  });
  const title = TITLE[lang];
  return makeChart({
    id: options.id ?? "matching-splits",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows,
    data,
    layout: {
      barmode: "stack",
      height: 120 + 60 * groups.length,
      margin: { l: 170, r: 30, t: 84, b: 70 },
      xaxis: { title: { text: X[lang] }, tickformat: ".0%", range: [0, 1], gridcolor: "#e6e6e6" },
      yaxis: { autorange: "reversed" },
    },
  });
}
