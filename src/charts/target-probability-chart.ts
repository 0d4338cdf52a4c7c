import type { CurveForecast } from "../progress/forecast-curve.js";
import { supportedProbability } from "../progress/supported-probability.js";
import { targetProbability } from "../progress/target-probability.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import { makeChart, shareAxis, type Chart, type Provenance } from "./figure.js";
import { rankedTicks } from "./label-placement.js";
import { label } from "./labels.js";
import { placeName } from "./place-name.js";
import { unitLabel, type UnitLevel } from "./unit-noun.js";

const TEXT: Record<string, Bilingual> = {
  probability: { zh: "达标概率", en: "probability of meeting the target" },
  low: { zh: "概率低于一半", en: "probability below one half" },
  ok: { zh: "其余{units}", en: "other {units}" },
  province: { zh: "{whole}", en: "{whole}" },
};

/**
 * Probability that each county reaches a target by a deadline (e.g. completion ≥ 70 % by
 * 2017-12-31), as sorted horizontal bars: the least likely counties at the top, those below one
 * half in red; the province's probability as a line when its forecast is given.
 *
 * @param forecasts county forecasts (`forecastPanel(...).counties`) that simulated the target
 * @param options indicator code, target, deadline, provenance, source, language, optional province forecast, how many of the least likely to show
 * @returns a chart whose rows are the county probabilities
 */
export function targetProbabilityChart(
  forecasts: readonly CurveForecast[],
  options: { indicator: string; target: number; deadline: string; provenance: Provenance; source: string; lang: Lang; id?: string; province?: CurveForecast; worst?: number; units?: UnitLevel },
): Chart {
  const { lang } = options;
  const all = forecasts
    .map((f) => ({ county_id: f.id, county_name: f.name, city: f.city, probability: targetProbability(f, options.target, options.deadline) }))
    .sort((a, b) => a.probability - b.probability || (a.county_id < b.county_id ? -1 : 1));
  const rows = options.worst ? all.slice(0, options.worst) : all;
  // The axis speaks the page's language (合成县101 → Synthetic county 101); the rows keep the names as in the data.
  const order = rows.map((r) => placeName(r.county_name, lang)).reverse();
  const trace = (low: boolean) => {
    const pts = rows.filter((r) => (r.probability < 0.5) === low);
    return {
      type: "bar",
      orientation: "h",
      name: low ? TEXT.low[lang] : unitLabel(TEXT.ok[lang], lang, options.units),
      x: pts.map((r) => r.probability),
      y: pts.map((r) => placeName(r.county_name, lang)),
      // the hover reads as the tables do: a bound where the back-test cannot tell, never “100%”
      customdata: pts.map((r) => supportedProbability(r.probability).text),
      marker: { color: low ? "#c0392b" : "#1f5fa8" },
      hovertemplate: "%{y}: %{customdata}<extra></extra>",
    };
  };
  const pct = `${Math.round(options.target * 100)}%`;
  const title =
    lang === "zh"
      ? `${options.deadline} 前${label(options.indicator, lang)}达到 ${pct} 的概率`
      : `Probability that the ${label(options.indicator, lang).toLowerCase()} reaches ${pct} by ${options.deadline}`;
  const shapes: Record<string, unknown>[] = [{ type: "line", xref: "x", yref: "paper", x0: 0.5, x1: 0.5, y0: 0, y1: 1, line: { color: "#888", width: 1, dash: "dot" } }];
  const annotations: Record<string, unknown>[] = [];
  if (options.province) {
    const p = targetProbability(options.province, options.target, options.deadline);
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: p, x1: p, y0: 0, y1: 1, line: { color: "#222", width: 2 } });
    annotations.push({ xref: "x", yref: "paper", x: p, y: 1, text: `${unitLabel(TEXT.province[lang], lang, options.units)} ${supportedProbability(p).text}`, showarrow: false, yanchor: "bottom", font: { size: 11 } });
  }
  const height = Math.max(360, 120 + 13 * rows.length);
  const rowPx = (height - 120 - 60) / Math.max(rows.length, 1);
  return makeChart({
    id: options.id ?? `target-probability-${options.indicator.replace("_", "-")}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows,
    data: [trace(true), trace(false)],
    layout: {
      barmode: "overlay",
      height,
      margin: { l: 110, r: 30, t: 120, b: 60 },
      xaxis: shareAxis(TEXT.probability[lang], { range: [0, 1.02] }),
      // Ticks thinned by rank, not by position: the least and the most likely county are always named.
      yaxis: { categoryorder: "array", categoryarray: order, tickmode: "array", tickvals: rankedTicks(order, rowPx, 10), tickfont: { size: 10 }, automargin: true },
      legend: { orientation: "h", y: 1.0, x: 0, yanchor: "bottom" },
      shapes,
      annotations,
    },
  });
}
