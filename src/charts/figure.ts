import type { Lang } from "../shared/i18n.js";
import { label } from "./labels.js";

/** Where a chart's numbers come from; every chart says it, so synthetic data is never mistaken for real. */
export type Provenance = "seed" | "real" | "synthetic" | "user";

/** A plotly figure as plain data (built in Node; plotly.js itself only runs in the page). */
export interface FigureSpec {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** A chart ready for a report or notebook: the figure, where its data comes from, and the rows behind it. */
export interface Chart {
  /** File-safe id, also the name of the CSV written beside the report. */
  id: string;
  title: string;
  provenance: Provenance;
  /** Source footnote (document, page or generator). */
  source: string;
  figure: FigureSpec;
  /** The numbers the chart shows, one object per row, for the CSV beside the report. */
  rows: Record<string, unknown>[];
}

export const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Colour per provenance mark: synthetic is drawn in a warning orange so nobody reads it as real. */
export const PROVENANCE_COLOUR: Record<Provenance, string> = { seed: "#1f5fa8", real: "#1b7f3b", synthetic: "#c25e00", user: "#6d3fa0" };

/** The subtitle that carries a chart's provenance mark and source (kept in one place so it can be relabelled). */
export function provenanceSubtitle(provenance: Provenance, source: string, lang: Lang): string {
  return `<span style="color:${PROVENANCE_COLOUR[provenance]}">■ ${label(provenance, lang)}</span>  ${label("source", lang)}: ${source}`;
}

/**
 * The common layout: title, a subtitle with the provenance mark and the source, CJK fonts, white theme.
 *
 * @param title chart title in the chosen language
 * @param provenance seed, real or synthetic
 * @param source source footnote
 * @param lang language of the fixed labels
 * @param extra layout fields that override the defaults (axes, legend, height)
 */
export function baseLayout(title: string, provenance: Provenance, source: string, lang: Lang, extra: Record<string, unknown> = {}): Record<string, unknown> {
  // Provenance and source sit in the subtitle, so an exported PNG still says where its numbers come from.
  return {
    title: {
      text: title,
      x: 0,
      xanchor: "left",
      font: { size: 17 },
      subtitle: {
        text: provenanceSubtitle(provenance, source, lang),
        font: { size: 11.5, color: "#555" },
      },
    },
    font: { family: FONT_FAMILY, size: 13, color: "#222" },
    paper_bgcolor: "#fff",
    plot_bgcolor: "#fff",
    margin: { l: 70, r: 30, t: 84, b: 110 },
    height: 440,
    // Pinned to the bottom of the figure, below the x-axis title, so the two never overlap.
    legend: { orientation: "h", yref: "container", y: 0.01, yanchor: "bottom", x: 0 },
    ...extra,
  };
}

/** What a chart builder supplies; `makeChart` adds the common layout around it. */
export interface ChartSpec {
  id: string;
  title: string;
  provenance: Provenance;
  source: string;
  lang: Lang;
  rows: Record<string, unknown>[];
  data: Record<string, unknown>[];
  /** Layout fields of this chart (axes, legend, height), laid over `baseLayout`. */
  layout?: Record<string, unknown>;
}

/** Assemble a chart from its data and its own layout fields, with the common title, marks and fonts. */
export function makeChart(spec: ChartSpec): Chart {
  const { id, title, provenance, source, lang, rows, data, layout } = spec;
  return { id, title, provenance, source, rows, figure: { data, layout: baseLayout(title, provenance, source, lang, layout) } };
}

/** Percent axis for shares stored as 0–1. */
export const shareAxis = (title: string, extra: Record<string, unknown> = {}) => ({
  title: { text: title },
  tickformat: ".0%",
  gridcolor: "#e6e6e6",
  zeroline: false,
  ...extra,
});
