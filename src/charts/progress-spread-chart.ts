import { spreadSummary } from "../progress/spread-summary.js";
import type { Lang } from "../shared/i18n.js";
import { makeChart, shareAxis, type Chart, type Provenance } from "./figure.js";
import { label, targetLineName } from "./labels.js";

/** One county's rate on one report date. */
export interface CountyRate {
  county_id: string;
  as_of: string;
  value: number;
}

/**
 * How counties spread around the provincial average on each report date: min–max and interquartile
 * bands, the median and the mean. “Don't read only averages”: the bands show the laggards an average hides.
 *
 * @param rates county rates (shares) on report dates
 * @param options indicator code (for the title), provenance, source footnote, language
 */
export function progressSpreadChart(
  rates: readonly CountyRate[],
  options: { indicator: string; provenance: Provenance; source: string; lang: Lang; id?: string; region?: string },
): Chart {
  const { lang } = options;
  const byDate = new Map<string, number[]>();
  for (const r of rates) {
    if (!Number.isFinite(r.value)) continue;
    const list = byDate.get(r.as_of) ?? [];
    list.push(r.value);
    byDate.set(r.as_of, list);
  }
  const dates = [...byDate.keys()].sort();
  // The same summary as the laggard tables (type-7 quartiles), so chart and tables agree.
  const rows = dates.map((d) => {
    const { n, min, q25, median, q75, max, mean } = spreadSummary(byDate.get(d)!);
    return { as_of: d, counties: n, min, q25, median, q75, max, mean };
  });
  const band = (lo: keyof (typeof rows)[number], hi: keyof (typeof rows)[number], name: string, fill: string) => [
    { type: "scatter", mode: "lines", x: dates, y: rows.map((r) => r[hi]), line: { width: 0 }, showlegend: false, hoverinfo: "skip" },
    { type: "scatter", mode: "lines", x: dates, y: rows.map((r) => r[lo]), line: { width: 0 }, fill: "tonexty", fillcolor: fill, name, hoverinfo: "skip" },
  ];
  const data: Record<string, unknown>[] = [
    ...band("min", "max", label("range", lang), "rgba(31,95,168,0.12)"),
    ...band("q25", "q75", label("iqr", lang), "rgba(31,95,168,0.30)"),
    { type: "scatter", mode: "lines", name: label("median", lang), x: dates, y: rows.map((r) => r.median), line: { color: "#1f5fa8", width: 2.5 } },
    { type: "scatter", mode: "lines", name: label("province_mean", lang), x: dates, y: rows.map((r) => r.mean), line: { color: "#222", width: 1.5, dash: "dot" } },
    { type: "scatter", mode: "lines", name: targetLineName(options.indicator, 0.7, lang), x: [dates[0], "2017-12-31"], y: [0.7, 0.7], line: { dash: "dash", color: "#c0392b", width: 1.2 }, hoverinfo: "skip" },
  ];
  const region = options.region ?? (lang === "zh" ? "合成省" : "Synthetic province");
  const title = lang === "zh" ? `${region}各县${label(options.indicator, lang)}分布` : `${region}: county spread of ${label(options.indicator, lang).toLowerCase()}`;
  return makeChart({
    id: options.id ?? `spread-${options.indicator}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows,
    data,
    layout: {
      xaxis: { type: "date", gridcolor: "#e6e6e6" },
      yaxis: shareAxis(label(options.indicator, lang), { range: [0, 1.25] }),
      hovermode: "x unified",
    },
  });
}
