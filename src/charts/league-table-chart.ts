import type { LeagueRow } from "../progress/league-table.js";
import { placeName } from "./place-name.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import { makeChart, shareAxis, type Chart, type Provenance } from "./figure.js";
import type { SourceStanding } from "./source-standing.js";
import { rankedTicks } from "./label-placement.js";
import { label } from "./labels.js";
import { unitLabel, type UnitLevel } from "./unit-noun.js";

const TEXT: Record<string, Bilingual> = {
  title: { zh: "各{units}排名", en: "{unit} league table" },
  below: { zh: "低于", en: "below" },
  above: { zh: "其余", en: "others" },
  worst: { zh: "最后 {n} 名（共 {of} 个{units}）", en: "bottom {n} of {of} {units}" },
};

/**
 * League table as horizontal bars, best county on top, bars coloured by the lowest threshold they
 * fall under (red under 20 %, amber under 30 % by default), threshold lines drawn.
 *
 * @param rows league rows (`leagueTable`), best first
 * @param options indicator code, league date, provenance, source, language, thresholds, how many of the worst to show
 * @returns a chart whose rows are the league table
 */
export function leagueTableChart(
  rows: readonly LeagueRow[],
  options: {
    indicator: string;
    asOf: string;
    provenance: Provenance;
    source: string;
    lang: Lang;
    id?: string;
    thresholds?: readonly number[];
    worst?: number;
    /** For real league tables: official page, repost or derived (shown beside the 真实公开数据 mark). */
    standing?: SourceStanding;
    /** What the rows are: counties (default) or province-level units (the national view). */
    units?: UnitLevel;
  },
): Chart {
  const { lang } = options;
  const thresholds = [...(options.thresholds ?? [0.3, 0.2])].sort((a, b) => b - a);
  const shown = options.worst ? rows.slice(-options.worst) : rows.slice();
  const colours = ["#e0a100", "#c0392b", "#7b1f1f"];
  const group = (v: number) => {
    let g = -1;
    thresholds.forEach((th, i) => {
      if (v < th) g = i;
    });
    return g;
  };
  const data: Record<string, unknown>[] = [-1, ...thresholds.map((_, i) => i)].map((g) => {
    const pts = shown.filter((r) => group(r.value) === g);
    const name = g < 0 ? TEXT.above[lang] : `${TEXT.below[lang]} ${Math.round(thresholds[g] * 100)}%`;
    return {
      type: "bar",
      orientation: "h",
      name,
      x: pts.map((r) => r.value),
      y: pts.map((r) => `${r.provinceRank}. ${placeName(r.countyName, lang)}`),
      marker: { color: g < 0 ? "#1f5fa8" : colours[g % colours.length] },
      customdata: pts.map((r) => [placeName(r.city, lang), r.cityRank, r.cityCount, r.reportDate]),
      hovertemplate: lang === "zh" ? "%{y}（%{customdata[0]}第 %{customdata[1]}/%{customdata[2]}）: %{x:.1%}，报告 %{customdata[3]}<extra></extra>" : "%{y} (%{customdata[0]} %{customdata[1]}/%{customdata[2]}): %{x:.1%}, report %{customdata[3]}<extra></extra>",
    };
  });
  const order = shown.map((r) => `${r.provinceRank}. ${placeName(r.countyName, lang)}`).reverse();
  // A cut-off table says so in its title, so ranks 61–99 are not read as the whole league.
  const part = shown.length < rows.length ? unitLabel(TEXT.worst[lang], lang, options.units).replace("{n}", String(shown.length)).replace("{of}", String(rows.length)) : "";
  const title =
    lang === "zh"
      ? `${options.asOf} ${label(options.indicator, lang)}${unitLabel(TEXT.title.zh, "zh", options.units)}${part ? `（${part}）` : ""}`
      : `${label(options.indicator, lang)}: ${unitLabel(TEXT.title.en, "en", options.units)}, ${options.asOf}${part ? ` (${part})` : ""}`;
  const height = Math.max(360, 120 + 13 * shown.length);
  const margin = { l: 130, r: 30, t: 84, b: 90 };
  // The axis spans the bars and the threshold lines, not 0–100% when every bar is short.
  const xMax = Math.max(...shown.map((r) => r.value), ...thresholds) * 1.12;
  return makeChart({
    id: options.id ?? `league-${options.indicator.replace("_", "-")}-${options.asOf}`,
    title,
    provenance: options.provenance,
    source: options.source,
    standing: options.standing,
    lang,
    rows: shown.map((r) => ({ ...r })),
    data,
    layout: {
      barmode: "overlay",
      height,
      margin,
      xaxis: shareAxis(label(options.indicator, lang), { range: [0, xMax >= 0.9 ? Math.max(1.05, xMax) : xMax] }),
      // Ticks thinned by rank, not by position: the first and the last county are always named.
      yaxis: { categoryorder: "array", categoryarray: order, tickmode: "array", tickvals: rankedTicks(order, (height - margin.t - margin.b) / Math.max(order.length, 1), 10), tickfont: { size: 10 }, automargin: true },
      // Below the plot: above it the legend would cover the provenance subtitle.
      legend: { orientation: "h", y: -0.08, x: 0, yanchor: "top" },
      shapes: thresholds.map((th, i) => ({ type: "line", xref: "x", yref: "paper", x0: th, x1: th, y0: 0, y1: 1, line: { color: colours[i % colours.length], width: 1, dash: "dot" } })),
      annotations: thresholds.map((th, i) => ({ xref: "x", yref: "paper", x: th, y: 1, yanchor: "bottom", showarrow: false, text: `${Math.round(th * 100)}%`, font: { size: 10.5, color: colours[i % colours.length] } })),
    },
  });
}
