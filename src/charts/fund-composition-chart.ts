import type { Lang } from "../shared/i18n.js";
import { makeChart, type Chart, type Provenance } from "./figure.js";
import { label } from "./labels.js";
import { formatMoneyYi, formatNumber, yiToPageUnit } from "../shared/format-number.js";

/** A fund amount by source and use, as in datasets/seeds/fund_plans.csv. */
export interface FundAmount {
  fund_source: string;
  use: string;
  amount_yi_yuan: number;
}

const GROUPS: { group: string; parts: string[] }[] = [
  { group: "central_total", parts: ["central_gaibo", "central_other"] },
  { group: "local_total", parts: ["provincial", "city", "county"] },
  { group: "other", parts: ["other"] },
];
const COLOURS: Record<string, string> = {
  central_gaibo: "#1f5fa8",
  central_other: "#6f9fd8",
  provincial: "#2a8c55",
  city: "#7cc29a",
  county: "#b5dfc4",
  other: "#9a9a9a",
  buildings: "#8c5a2b",
  equipment: "#d9a35f",
};

/**
 * Stacked bars of a five-year plan by fund source (central: 改薄 fund and other central funds; local:
 * provincial, city, county; other) and by use (buildings, equipment), each bar labelled with its
 * published total, so a reader sees who pays and how little the counties and cities put in.
 *
 * @param amounts plan amounts in 亿元 by fund_source and use (use "all" for the source split)
 * @param options region name for the title, provenance and source footnote, language
 */
export function fundCompositionChart(
  amounts: readonly FundAmount[],
  options: { region: string; provenance: Provenance; source: string; lang: Lang; id?: string },
): Chart {
  const { lang } = options;
  const get = (source: string, use = "all") => amounts.find((a) => a.fund_source === source && a.use === use)?.amount_yi_yuan;
  const rows: Record<string, unknown>[] = [];
  // Amounts are stored in 亿元; the English page shows bn yuan (one money unit per page).
  const num = (yi: number) => (lang === "zh" ? String(yi) : formatNumber(yiToPageUnit(yi, lang), 3).replace(/0+$/, "").replace(/\.$/, ""));
  const data: Record<string, unknown>[] = [];
  const groupLabel = (g: string) => {
    const stated = get(g === "other" ? "other" : g);
    return stated === undefined ? label(g, lang) : `${label(g, lang)}<br>${num(stated)}`;
  };
  for (const { group, parts } of GROUPS) {
    for (const part of parts) {
      const v = get(part);
      if (v === undefined) continue;
      rows.push({ group, fund_source: part, use: "all", amount_yi_yuan: v });
      data.push({
        type: "bar",
        orientation: "h",
        name: label(part, lang),
        y: [groupLabel(group)],
        x: [yiToPageUnit(v, lang)],
        text: [`${label(part, lang)} ${num(v)}`],
        textposition: "auto",
        marker: { color: COLOURS[part] },
        hovertemplate: `${label(part, lang)}: %{x} ${label("yi_yuan", lang)}<extra></extra>`,
      });
    }
  }
  for (const use of ["buildings", "equipment"]) {
    const v = get("total", use);
    if (v === undefined) continue;
    rows.push({ group: "use", fund_source: "total", use, amount_yi_yuan: v });
    data.push({
      type: "bar",
      orientation: "h",
      name: label(use, lang),
      y: [lang === "zh" ? "按用途" : "By use"],
      x: [yiToPageUnit(v, lang)],
      text: [`${label(use, lang)} ${num(v)}`],
      textposition: "auto",
      marker: { color: COLOURS[use] },
      hovertemplate: `${label(use, lang)}: %{x} ${label("yi_yuan", lang)}<extra></extra>`,
    });
  }
  const total = get("total");
  const title =
    lang === "zh"
      ? `${options.region}全面改薄五年规划资金构成${total !== undefined ? `（合计 ${total} 亿元）` : ""}`
      : `${options.region}: five-year plan by fund source${total !== undefined ? ` (total ${formatMoneyYi(total, lang)})` : ""}`;
  return makeChart({
    id: options.id ?? "fund-composition",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows,
    data,
    layout: {
      barmode: "stack",
      xaxis: { title: { text: label("yi_yuan", lang) }, gridcolor: "#e6e6e6" },
      yaxis: { autorange: "reversed", automargin: true },
      showlegend: false,
      height: 380,
    },
  });
}
