import type { BaselineComparison } from "../allocation/compare-with-baseline.js";
import { unitLabel } from "./unit-noun.js";
import { makeChart, type Chart } from "./figure.js";
import { allocationTitle, YUAN_PER_PUPIL, type AllocationChartOptions } from "./allocation-chart-options.js";

const LABELS = {
  title: { zh: "谁多得、谁少得：与基期相比的生均增减", en: "Winners and losers: change per pupil against the baseline" },
  gain: { zh: "增加", en: "gains" },
  loss: { zh: "减少", en: "loses" },
  counties: { zh: "{units}（从增加最多到减少最多）", en: "{units} (largest gain first)" },
} as const;

/** Gain and loss colours: money moving, not good or bad in itself. */
const GAIN = "#1f5fa8";
const LOSS = "#b03a2e";

/**
 * Bars of each county's change per pupil against a baseline (another rule, or last year), largest gain first, gains
 * and losses in two colours; the subtitle counts gainers and losers by fiscal-capacity quartile so a leader sees
 * whether the change favours poorer or richer counties.
 *
 * @param comparison `compareWithBaseline` result
 * @param options rule and baseline names, provenance, source, language
 * @returns a chart whose rows are the counties with their change in 万元 and per pupil
 * @example allocationWinnersLosersChart(cmp, { ruleName: "central-2015", baselineName: "need-only", provenance: "synthetic", source: "gaibo", lang: "zh" }).figure.data.length // 2
 */
export function allocationWinnersLosersChart(comparison: BaselineComparison, options: AllocationChartOptions & { ruleName: string; baselineName: string }): Chart {
  const { lang } = options;
  const zh = lang === "zh";
  const rows = [...comparison.rows].sort((a, b) => (b.changePerPupilYuan ?? 0) - (a.changePerPupilYuan ?? 0) || a.countyId.localeCompare(b.countyId));
  const data = [true, false]
    .map((gain) => {
      const part = rows.filter((r) => ((r.changePerPupilYuan ?? 0) > 0) === gain);
      return {
        type: "bar",
        name: (gain ? LABELS.gain : LABELS.loss)[lang],
        x: part.map((r) => r.countyName),
        y: part.map((r) => r.changePerPupilYuan ?? 0),
        customdata: part.map((r) => r.changeWanYuan),
        marker: { color: gain ? GAIN : LOSS },
        hovertemplate: `%{x}: %{y:+,.0f} ${YUAN_PER_PUPIL[lang]} (%{customdata:+,.1f} 万元)<extra></extra>`,
      };
    })
    .filter((t) => t.x.length > 0);
  const quartiles = comparison.byFiscalCapacityQuartile
    .map((g) => (zh ? `${g.group} 增 ${g.gainers} 减 ${g.losers}` : `${g.group} +${g.gainers} −${g.losers}`))
    .join(zh ? "；" : "; ");
  const title = `${allocationTitle(LABELS.title, options)} · ${options.ruleName} ${zh ? "对比" : "vs"} ${options.baselineName}`;
  return makeChart({
    id: options.id ?? `allocation-winners-losers-${options.ruleName}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: rows.map((r) => ({
      county_id: r.countyId,
      county_name: r.countyName,
      city: r.city,
      baseline_wan_yuan: r.baselineFen / 1e6,
      allocation_wan_yuan: r.allocationFen / 1e6,
      change_wan_yuan: r.changeWanYuan,
      change_per_pupil_yuan: r.changePerPupilYuan,
      fiscal_capacity_quartile: r.fiscalCapacityQuartile,
    })),
    data,
    layout: {
      barmode: "overlay",
      bargap: 0.1,
      xaxis: { showticklabels: rows.length <= 40, title: { text: unitLabel(LABELS.counties[lang], lang, options.units) }, categoryorder: "array", categoryarray: rows.map((r) => r.countyName) },
      yaxis: { title: { text: YUAN_PER_PUPIL[lang] }, gridcolor: "#e6e6e6", zeroline: true, zerolinecolor: "#444", tickformat: ",.0f" },
      annotations: [
        {
          xref: "paper",
          yref: "paper",
          x: 1,
          y: 1,
          xanchor: "right",
          yanchor: "top",
          align: "right",
          showarrow: false,
          font: { size: 12 },
          text: zh
            ? `${comparison.gainers} 个${unitLabel("{units}", lang, options.units)}增加，${comparison.losers} 个${unitLabel("{units}", lang, options.units)}减少${quartiles ? `<br>按人均财力四分位（Q1 最弱）：<br>${quartiles}` : ""}`
            : `${comparison.gainers} ${unitLabel("{units}", lang, options.units)} gain, ${comparison.losers} lose${quartiles ? `<br>by fiscal-capacity quartile (Q1 lowest):<br>${quartiles}` : ""}`,
        },
      ],
    },
  });
}
