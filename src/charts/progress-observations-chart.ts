import type { Lang } from "../shared/i18n.js";
import { makeChart, shareAxis, type Chart, type Provenance } from "./figure.js";
import { NOMINAL_CHART_WIDTH_PX } from "./fit-text.js";
import { placePointLabels } from "./label-placement.js";
import { label } from "./labels.js";
import { placeName } from "./place-name.js";

/** One published progress figure: a region's rate on a date. */
export interface ProgressObservation {
  region: string;
  indicator: string;
  as_of: string;
  value_share: number;
  rank?: number | null;
}

const SYMBOLS: Record<string, string> = { start_rate: "circle", completion_rate: "diamond", equipment_rate: "square", funds_rate: "triangle-up" };
const COLOURS: Record<string, string> = { start_rate: "#1f5fa8", completion_rate: "#c0392b", equipment_rate: "#2a8c55", funds_rate: "#8e44ad" };

/**
 * Published progress figures as points on a calendar (one colour and marker per indicator, the region
 * written beside each point), with the national “双超70% by end 2017” target drawn as a line.
 * Values far above 100% (a county that rebuilt its plan, e.g. 1283%) are drawn at the top edge and
 * labelled with their true value, so the scale stays readable.
 *
 * @param observations dated rates as shares (0.3437 = 34.37%); undated ones are left out
 * @param options provenance, source footnote, language, axis ceiling (default 1.5)
 */
export function progressObservationsChart(
  observations: readonly ProgressObservation[],
  options: { provenance: Provenance; source: string; lang: Lang; id?: string; title?: string; ceiling?: number },
): Chart {
  const { lang } = options;
  const ceiling = options.ceiling ?? 1.5;
  const dated = observations.filter((o) => o.as_of && Number.isFinite(o.value_share) && SYMBOLS[o.indicator]);
  const indicators = [...new Set(dated.map((o) => o.indicator))];
  // One name per region and date: several indicators of one report would otherwise print it on top of itself.
  const named = new Set<string>();
  const nameOnce = (o: ProgressObservation) => {
    const key = `${o.region}|${o.as_of}`;
    if (named.has(key)) return "";
    named.add(key);
    return placeName(o.region, lang);
  };
  // Points above the ceiling are drawn at the top edge; several on one date are stacked downwards.
  const overByDate = new Map<string, number>();
  const yOf = new Map<ProgressObservation, number>();
  for (const o of dated) {
    if (o.value_share <= ceiling) yOf.set(o, o.value_share);
    else {
      const k = overByDate.get(o.as_of) ?? 0;
      overByDate.set(o.as_of, k + 1);
      yOf.set(o, ceiling - 0.07 * k);
    }
  }
  const textOf = (o: ProgressObservation) => (o.value_share > ceiling ? `${placeName(o.region, lang)} ${(o.value_share * 100).toFixed(0)}%↑` : nameOnce(o));
  const texts = new Map(dated.map((o) => [o, textOf(o)]));
  // Labels go where they fit (values above the ceiling first: their label carries the true value).
  const sortedDates = dated.map((o) => o.as_of).sort();
  const positions = placePointLabels(
    dated.map((o) => ({ x: o.as_of, y: yOf.get(o)!, text: texts.get(o)!, importance: o.value_share > ceiling ? 2 : 1 })),
    { xRange: [sortedDates[0] ?? "2014-01-01", [sortedDates[sortedDates.length - 1] ?? "", "2017-12-31"].sort()[1]], yRange: [0, ceiling + 0.05], widthPx: NOMINAL_CHART_WIDTH_PX - 100, heightPx: 480 - 84 - 110, fontPx: 11, markerPx: 6 },
  );
  const posOf = new Map(dated.map((o, i) => [o, positions[i]]));
  const data: Record<string, unknown>[] = indicators.map((ind) => {
    const pts = dated.filter((o) => o.indicator === ind);
    return {
      type: "scatter",
      mode: "markers+text",
      name: label(ind, lang),
      x: pts.map((o) => o.as_of),
      y: pts.map((o) => yOf.get(o)),
      text: pts.map((o) => (posOf.get(o) ? texts.get(o) : "")),
      textposition: pts.map((o) => posOf.get(o) || "middle right"),
      textfont: { size: 11 },
      customdata: pts.map((o) => [(o.value_share * 100).toFixed(2), o.rank ?? ""]),
      hovertext: pts.map((o) => placeName(o.region, lang)),
      hovertemplate: `%{hovertext}<br>${label(ind, lang)}: %{customdata[0]}%<br>%{x}<extra></extra>`,
      marker: { symbol: SYMBOLS[ind], size: 11, color: COLOURS[ind], line: { width: 1, color: "#fff" } },
    };
  });
  const dates = dated.map((o) => o.as_of).sort();
  data.push({
    type: "scatter",
    mode: "lines",
    name: label("target70", lang),
    x: [dates[0] ?? "2014-10-31", "2017-12-31"],
    y: [0.7, 0.7],
    line: { dash: "dash", color: "#555", width: 1.5 },
    hoverinfo: "skip",
  });
  const title = options.title ?? (lang === "zh" ? "各地公布的全面改薄进度（种子文件）" : "Published 全面改薄 progress figures (seed documents)");
  return makeChart({
    id: options.id ?? "progress-observations",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: dated.map((o) => ({ ...o })),
    data,
    layout: {
      xaxis: { type: "date", gridcolor: "#e6e6e6" },
      yaxis: shareAxis(label("share_axis", lang), { range: [0, ceiling + 0.05] }),
      height: 480,
    },
  });
}
