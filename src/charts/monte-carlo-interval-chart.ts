import { makeChart, PROVENANCE_COLOUR, type Chart } from "./figure.js";
import { unitLabel } from "./unit-noun.js";
import { allocationTitle, WAN_YUAN, type AllocationChartOptions } from "./allocation-chart-options.js";

/** One county's Monte Carlo interval, in 万元. */
export interface CountyInterval {
  countyId: string;
  countyName: string;
  lower: number;
  median: number;
  upper: number;
  /** The allocation with every uncertain input at its central value, if known. */
  central?: number;
}

const LABELS = {
  title: { zh: "分配额的不确定性：{level}区间（蒙特卡洛 {draws} 次）", en: "How sure is each allocation? {level} intervals ({draws} Monte Carlo draws)" },
  interval: { zh: "{level}区间", en: "{level} interval" },
  median: { zh: "中位数", en: "median" },
  central: { zh: "参数取中心值时", en: "at central parameter values" },
  counties: { zh: "{units}（按中位数排序）", en: "{units} (sorted by median)" },
} as const;

/**
 * Each county's allocation under uncertainty (matching elasticity, factor weights, delivery of local funds drawn
 * per Monte Carlo draw) as a band from the lower to the upper quantile around the median, counties sorted by median.
 *
 * @param intervals one per county, 万元
 * @param options rule name, draws, interval level (e.g. 0.9), provenance, source, language
 * @returns a chart whose rows are the intervals
 * @example monteCarloIntervalChart(rows, { ruleName: "need-only", draws: 10000, level: 0.9, provenance: "synthetic", source: "gaibo", lang: "en" }).figure.data.length // 2 or 3
 * @see monteCarloAllocation
 */
export function monteCarloIntervalChart(intervals: readonly CountyInterval[], options: AllocationChartOptions & { ruleName: string; draws: number; level: number }): Chart {
  const { lang } = options;
  const sorted = [...intervals].sort((a, b) => b.median - a.median || a.countyId.localeCompare(b.countyId));
  const level = `${Math.round(options.level * 100)}%`;
  const colour = PROVENANCE_COLOUR[options.provenance];
  const names = sorted.map((r) => r.countyName);
  const data: Record<string, unknown>[] = [
    {
      type: "scatter",
      mode: "markers",
      name: LABELS.interval[lang].replace("{level}", level),
      x: names,
      y: sorted.map((r) => r.median),
      marker: { color: colour, size: 4 },
      error_y: { type: "data", symmetric: false, array: sorted.map((r) => r.upper - r.median), arrayminus: sorted.map((r) => r.median - r.lower), color: colour, thickness: 1.2, width: 0 },
      hovertemplate: `%{x}: %{y:,.0f} ${WAN_YUAN[lang]}<extra></extra>`,
    },
  ];
  if (sorted.some((r) => r.central !== undefined)) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: LABELS.central[lang],
      x: names,
      y: sorted.map((r) => r.central ?? null),
      marker: { color: "#222", size: 4, symbol: "line-ew-open" },
      hovertemplate: `%{x}: %{y:,.0f} ${WAN_YUAN[lang]}<extra></extra>`,
    });
  }
  const title = `${allocationTitle({ zh: LABELS.title.zh.replace("{level}", level).replace("{draws}", options.draws.toLocaleString("en-US")), en: LABELS.title.en.replace("{level}", level).replace("{draws}", options.draws.toLocaleString("en-US")) }, options)} · ${options.ruleName}`;
  return makeChart({
    id: options.id ?? `monte-carlo-intervals-${options.ruleName}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: sorted.map((r) => ({ county_id: r.countyId, county_name: r.countyName, lower_wan_yuan: r.lower, median_wan_yuan: r.median, upper_wan_yuan: r.upper, central_wan_yuan: r.central ?? null })),
    data,
    layout: {
      xaxis: { showticklabels: sorted.length <= 40, title: { text: unitLabel(LABELS.counties[lang], lang, options.units) }, categoryorder: "array", categoryarray: names },
      yaxis: { title: { text: WAN_YUAN[lang] }, gridcolor: "#e6e6e6" },
    },
  });
}
