import type { Lang } from "../shared/i18n.js";
import { makeChart, type Chart, type Provenance } from "./figure.js";
import { label } from "./labels.js";

/** A county's plan funds by source, 万元. */
export interface CountyFunds {
  county_name: string;
  plan_central_gaibo_wan_yuan: number;
  plan_central_other_wan_yuan: number;
  plan_provincial_wan_yuan: number;
  plan_city_wan_yuan: number;
  plan_county_wan_yuan: number;
  plan_other_wan_yuan: number;
}

const PARTS = [
  ["central_gaibo", "plan_central_gaibo_wan_yuan", "#1f5fa8"],
  ["central_other", "plan_central_other_wan_yuan", "#6f9fd8"],
  ["provincial", "plan_provincial_wan_yuan", "#2a8c55"],
  ["city", "plan_city_wan_yuan", "#7cc29a"],
  ["county", "plan_county_wan_yuan", "#e07b39"],
  ["other", "plan_other_wan_yuan", "#9a9a9a"],
] as const;

/**
 * Each county's five-year plan as a stacked bar by source, counties sorted by their own (county-level)
 * share, so the counties that put in nothing line up at one end.
 *
 * @param counties plan funds by county in 万元
 * @param options provenance, source footnote, language
 */
export function countyFundsChart(
  counties: readonly CountyFunds[],
  options: { provenance: Provenance; source: string; lang: Lang; id?: string },
): Chart {
  const { lang } = options;
  const total = (c: CountyFunds) => PARTS.reduce((s, [, k]) => s + c[k], 0);
  const sorted = [...counties].sort((a, b) => a.plan_county_wan_yuan / total(a) - b.plan_county_wan_yuan / total(b) || total(b) - total(a));
  const zero = counties.filter((c) => c.plan_county_wan_yuan === 0).length;
  // The English page's money convention (format-number.ts): bn yuan, or m yuan below 0.1 bn (1 m yuan = 100 万元,
  // 1 bn = 100,000 万元) — a county's plan is in m yuan, a province-level unit's in bn; rows stay in 万元.
  const zh = lang === "zh";
  const bn = !zh && Math.max(0, ...counties.map(total)) >= 10_000;
  const perUnit = zh ? 1 : bn ? 100_000 : 100;
  const unit = zh ? "万元" : bn ? "bn yuan" : "m yuan";
  const data = PARTS.map(([code, key, colour]) => ({
    type: "bar",
    name: label(code, lang),
    x: sorted.map((c) => c.county_name),
    y: sorted.map((c) => c[key] / perUnit),
    marker: { color: colour },
    hovertemplate: `%{x} ${label(code, lang)}: ${zh ? "%{y:,} 万元" : `%{y:,.2f} ${unit}`}<extra></extra>`,
  }));
  const title =
    lang === "zh"
      ? `各县五年规划资金来源（${zero} 个县县级投入为 0）`
      : `Plan funds by county and source (${zero} counties put in no county money)`;
  return makeChart({
    id: options.id ?? "county-funds",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: sorted.map((c) => ({ ...c, total_wan_yuan: total(c) })),
    data,
    layout: {
      barmode: "stack",
      bargap: 0.1,
      xaxis: { showticklabels: false, title: { text: lang === "zh" ? "县（按县级投入占比排序）" : "counties (sorted by county share)" } },
      yaxis: { title: { text: unit }, gridcolor: "#e6e6e6" },
    },
  });
}
