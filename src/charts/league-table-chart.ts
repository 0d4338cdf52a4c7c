import type { LeagueRow } from "../progress/league-table.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import { makeChart, shareAxis, type Chart, type Provenance } from "./figure.js";
import { label } from "./labels.js";

const TEXT: Record<string, Bilingual> = {
  title: { zh: "各县排名", en: "county league table" },
  below: { zh: "低于", en: "below" },
  above: { zh: "其余", en: "others" },
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
  options: { indicator: string; asOf: string; provenance: Provenance; source: string; lang: Lang; id?: string; thresholds?: readonly number[]; worst?: number },
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
      y: pts.map((r) => `${r.provinceRank}. ${r.countyName}`),
      marker: { color: g < 0 ? "#1f5fa8" : colours[g % colours.length] },
      customdata: pts.map((r) => [r.city, r.cityRank, r.cityCount, r.reportDate]),
      hovertemplate: lang === "zh" ? "%{y}（%{customdata[0]}第 %{customdata[1]}/%{customdata[2]}）: %{x:.1%}，报告 %{customdata[3]}<extra></extra>" : "%{y} (%{customdata[0]} %{customdata[1]}/%{customdata[2]}): %{x:.1%}, report %{customdata[3]}<extra></extra>",
    };
  });
  const order = shown.map((r) => `${r.provinceRank}. ${r.countyName}`).reverse();
  const title = lang === "zh" ? `${options.asOf} ${label(options.indicator, lang)}${TEXT.title.zh}` : `${label(options.indicator, lang)}: ${TEXT.title.en}, ${options.asOf}`;
  return makeChart({
    id: options.id ?? `league-${options.indicator.replace("_", "-")}-${options.asOf}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: shown.map((r) => ({ ...r })),
    data,
    layout: {
      barmode: "overlay",
      height: Math.max(360, 120 + 13 * shown.length),
      margin: { l: 130, r: 30, t: 84, b: 90 },
      xaxis: shareAxis(label(options.indicator, lang), { range: [0, Math.max(1.05, ...shown.map((r) => r.value))] }),
      yaxis: { categoryorder: "array", categoryarray: order, tickfont: { size: 10 }, automargin: true },
      // Below the plot: above it the legend would cover the provenance subtitle.
      legend: { orientation: "h", y: -0.08, x: 0, yanchor: "top" },
      shapes: thresholds.map((th, i) => ({ type: "line", xref: "x", yref: "paper", x0: th, x1: th, y0: 0, y1: 1, line: { color: colours[i % colours.length], width: 1, dash: "dot" } })),
    },
  });
}
