import type { ProvisionEffects } from "../allocation/provision-effects.js";
import { makeChart, type Chart } from "./figure.js";
import { WAN_YUAN, type AllocationChartOptions } from "./allocation-chart-options.js";

const LABELS = {
  title: { zh: "各条款把钱移向哪里：按人均财力四分位的净增减", en: "Where each provision moves money: net change by fiscal-capacity quartile" },
  quartile: { zh: (k: number) => `人均财力第 ${k} 四分位${k === 1 ? "（最弱）" : k === 4 ? "（最强）" : ""}`, en: (k: number) => `fiscal capacity Q${k}${k === 1 ? " (lowest)" : k === 4 ? " (highest)" : ""}` },
} as const;

const QUARTILE_COLOURS = ["#1f5fa8", "#6b9bd1", "#e0a060", "#b03a2e"];

/**
 * What each provision of one or more rules does, as grouped bars: for every provision (the rule with it against the
 * rule without it), the net money it moves into each fiscal-capacity quartile, in 万元; bars above zero are money
 * the provision brings to that quarter of counties. The rows (also the CSV) carry poverty quartiles and the money
 * each provision moves, and add up: single provisions plus their interaction equal all provisions together.
 *
 * @param effects per rule name, its `provisionEffects`
 * @param options provenance, source, language
 * @returns a grouped bar chart, one group per rule and provision
 * @example allocationProvisionsChart([{ ruleName: "need-only", effects }], { provenance: "synthetic", source: "gaibo", lang: "en" }).figure.data.length // 4
 */
export function allocationProvisionsChart(effects: readonly { ruleName: string; effects: ProvisionEffects }[], options: AllocationChartOptions): Chart {
  const { lang } = options;
  const zh = lang === "zh";
  const shown = effects.flatMap(({ ruleName, effects: e }) => e.rows.filter((r) => r.id !== "all" && r.id !== "interaction").map((r) => ({ ruleName, row: r })));
  // A provision that moves nothing at this budget (a floor nobody falls below) is named as such, not left as a gap.
  // Labels break into lines (rule, provision, idle note) so they stay horizontal and readable.
  const idle = { zh: "（此预算下不起作用）", en: "(not binding at this budget)" };
  const x = shown.map(({ ruleName, row }) => `${ruleName}<br>${zh ? row.labelZh : row.labelEn}${row.movedFen === 0 ? `<br>${idle[lang]}` : ""}`);
  const data = [0, 1, 2, 3].map((q) => ({
    type: "bar",
    name: LABELS.quartile[lang](q + 1),
    x,
    y: shown.map(({ row }) => row.byFiscalCapacityQuartileFen[q] / 1e6),
    marker: { color: QUARTILE_COLOURS[q] },
    hovertemplate: `%{x}<br>${LABELS.quartile[lang](q + 1)}: %{y:+,.1f} ${WAN_YUAN[lang]}<extra></extra>`,
  }));
  return makeChart({
    id: options.id ?? "allocation-provisions",
    title: LABELS.title[lang],
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: effects.flatMap(({ ruleName, effects: e }) =>
      e.rows.map((r) => ({
        rule: ruleName,
        provision: r.id,
        label: zh ? r.labelZh : r.labelEn,
        moved_wan_yuan: r.movedFen / 1e6,
        ...Object.fromEntries(r.byFiscalCapacityQuartileFen.map((v, k) => [`fiscal_capacity_q${k + 1}_wan_yuan`, v / 1e6])),
        ...Object.fromEntries(r.byPovertyQuartileFen.map((v, k) => [`poverty_q${k + 1}_wan_yuan`, v / 1e6])),
      })),
    ),
    data,
    layout: {
      barmode: "group",
      xaxis: { automargin: true, tickangle: 0 },
      yaxis: { title: { text: WAN_YUAN[lang] }, gridcolor: "#e6e6e6", zeroline: true, zerolinecolor: "#444", tickformat: ",.0f" },
    },
  });
}
