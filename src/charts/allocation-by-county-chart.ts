import { makeChart, PROVENANCE_COLOUR, type Chart } from "./figure.js";
import { unitLabel } from "./unit-noun.js";
import { allocationTitle, WAN_YUAN, YUAN_PER_PUPIL, type AllocationChartOptions } from "./allocation-chart-options.js";

/** One county's allocation as the chart needs it (an `AllocationRow` fits). */
export interface CountyAllocation {
  countyId: string;
  countyName: string;
  allocationWanYuan: number;
  allocationPerPupilYuan: number | null;
  /** Which bound decided the amount (floor, hold-harmless, ceiling) or none. */
  binding?: string;
}

const LABELS = {
  title: { zh: "各县分配额（按金额排序）", en: "Allocation by county (sorted)" },
  titlePerPupil: { zh: "各县生均分配额（按金额排序）", en: "Allocation per pupil by county (sorted)" },
  counties: { zh: "{units}（从多到少）", en: "{units} (largest first)" },
  bound: { zh: "受上下限约束", en: "held at a floor or ceiling" },
  free: { zh: "按公式", en: "by formula" },
} as const;

/**
 * Bars of each county's allocation under one rule, largest first, in 万元 or 元 per pupil; counties held at a floor,
 * hold-harmless or ceiling are drawn in a second colour so a leader sees where the bounds, not the formula, decided.
 *
 * @param rows one per county (e.g. `allocate(...).rows`)
 * @param options rule name, provenance, source, language, `perPupil` to show 元 per pupil
 * @returns a chart whose rows are the sorted counties
 * @example allocationByCountyChart(result.rows, { ruleName: "need-only", provenance: "synthetic", source: "gaibo", lang: "zh" }).figure.data[0].type // "bar"
 */
export function allocationByCountyChart(rows: readonly CountyAllocation[], options: AllocationChartOptions & { ruleName: string; perPupil?: boolean }): Chart {
  const { lang } = options;
  const value = (r: CountyAllocation) => (options.perPupil ? (r.allocationPerPupilYuan ?? 0) : r.allocationWanYuan);
  const sorted = [...rows].sort((a, b) => value(b) - value(a) || a.countyId.localeCompare(b.countyId));
  const bound = (r: CountyAllocation) => r.binding !== undefined && r.binding !== "none";
  const unit = options.perPupil ? YUAN_PER_PUPIL[lang] : WAN_YUAN[lang];
  const data = [false, true]
    .map((isBound) => {
      const part = sorted.filter((r) => bound(r) === isBound);
      return {
        type: "bar",
        name: (isBound ? LABELS.bound : LABELS.free)[lang],
        x: part.map((r) => r.countyName),
        y: part.map(value),
        marker: { color: isBound ? "#8c8c8c" : PROVENANCE_COLOUR[options.provenance] },
        hovertemplate: `%{x}: %{y:,.${options.perPupil ? 0 : 1}f} ${unit}<extra></extra>`,
      };
    })
    .filter((t) => t.x.length > 0);
  const title = `${allocationTitle(options.perPupil ? LABELS.titlePerPupil : LABELS.title, options)} · ${options.ruleName}`;
  return makeChart({
    id: options.id ?? `allocation-by-county-${options.ruleName}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: sorted.map((r, rank) => ({ rank: rank + 1, county_id: r.countyId, county_name: r.countyName, allocation_wan_yuan: r.allocationWanYuan, allocation_per_pupil_yuan: r.allocationPerPupilYuan, binding: r.binding ?? "none" })),
    data,
    layout: {
      barmode: "overlay",
      bargap: 0.1,
      xaxis: { showticklabels: sorted.length <= 40, title: { text: unitLabel(LABELS.counties[lang], lang, options.units) }, categoryorder: "array", categoryarray: sorted.map((r) => r.countyName) },
      yaxis: { title: { text: unit }, gridcolor: "#e6e6e6" },
    },
  });
}
