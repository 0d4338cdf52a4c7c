import type { Lang } from "../shared/i18n.js";
import { fitText, NOMINAL_CHART_WIDTH_PX } from "./fit-text.js";
import { label } from "./labels.js";
import { shortenUrls, standingFromSource, standingLabel, type SourceStanding } from "./source-standing.js";

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
  /** For real figures: official page, official figure on an unofficial copy (repost), or derived. */
  standing?: SourceStanding;
  figure: FigureSpec;
  /** The numbers the chart shows, one object per row, for the CSV beside the report. */
  rows: Record<string, unknown>[];
}

export const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Colour per provenance mark: synthetic is drawn in a warning orange so nobody reads it as real. */
export const PROVENANCE_COLOUR: Record<Provenance, string> = { seed: "#1f5fa8", real: "#1b7f3b", synthetic: "#c25e00", user: "#6d3fa0" };

/**
 * The subtitle that carries a chart's provenance mark, the standing of a real source, and the source,
 * fitted to two lines of the narrowest chart (the full source is in the caption and the CSV); kept in
 * one place so it can be relabelled.
 */
export function provenanceSubtitle(provenance: Provenance, source: string, lang: Lang, standing: SourceStanding | undefined = chartStanding(provenance, source)): string {
  const mark = `<span style="color:${PROVENANCE_COLOUR[provenance]}">■ ${label(provenance, lang)}</span>`;
  const stand = provenance === "real" && standing ? `${lang === "zh" ? "（" : " ("}${standingLabel(standing, lang)}${lang === "zh" ? "）" : ")"}` : "";
  const sep = lang === "zh" ? "：" : ": ";
  return fitText(`${mark}${stand}  ${label("source", lang)}${sep}${shortenUrls(source)}`, NOMINAL_CHART_WIDTH_PX - 40, SUBTITLE_PX, 2).text;
}

/**
 * The standing a real chart shows: the builder's, or else read from the pages its source cites
 * (`standingFromSource`); none for seed, synthetic and user data.
 */
export function chartStanding(provenance: Provenance, source: string, standing?: SourceStanding): SourceStanding | undefined {
  if (provenance !== "real") return undefined;
  return standing ?? standingFromSource(source);
}

const TITLE_PX = 17;
const SUBTITLE_PX = 11.5;
const FONT_PX = 13;
/** The top margin the one-line title and one-line subtitle were designed for; builders add to it (e.g. for a legend above the plot). */
const BASE_TOP = 84;

const lineCount = (s: string) => s.split("<br>").length;

/** Wrap an axis title to the room the axis has (its plot width or height at the nominal size). */
function fitAxisTitle(axis: Record<string, unknown>, roomPx: number): Record<string, unknown> {
  const title = axis.title as { text?: string; font?: { size?: number } } | string | undefined;
  const t = typeof title === "string" ? { text: title } : title;
  if (!t?.text || t.text.includes("<br>")) return axis;
  const fitted = fitText(t.text, roomPx - 10, t.font?.size ?? FONT_PX, 2).text;
  return { ...axis, title: { standoff: 8, ...t, text: fitted } };
}

/**
 * Shared axis defaults laid under each axis's own fields: margins grow to fit tick labels and axis
 * titles (`automargin`), numbers carry no SI suffix (a "k" next to 万元 reads as a unit), axis titles
 * are wrapped to the room they have, and on the Chinese page dates read 2015年7月.
 */
function withAxisDefaults(layout: Record<string, unknown>, lang: Lang, dateAxes: ReadonlySet<string>): Record<string, unknown> {
  const out = { ...layout };
  const height = Number(out.height ?? 440);
  const m = (out.margin ?? {}) as { l?: number; r?: number; t?: number; b?: number };
  const keys = new Set([...Object.keys(out).filter((k) => /^[xy]axis\d*$/.test(k)), "xaxis", "yaxis"]);
  for (const k of keys) {
    const own = (out[k] ?? {}) as Record<string, unknown>;
    const isDate = own.type === "date" || (own.type === undefined && dateAxes.has(k));
    const defaults: Record<string, unknown> = { automargin: true, exponentformat: "none" };
    // A little air under x ticks: the first x tick and the y axis's "0" meet at the origin otherwise.
    if (k.startsWith("x")) defaults.ticklabelstandoff = 4;
    if (isDate && lang === "zh") Object.assign(defaults, { tickformat: "%Y年%-m月", hoverformat: "%Y年%-m月%-d日" });
    const room = k.startsWith("x") ? NOMINAL_CHART_WIDTH_PX - (m.l ?? 70) - (m.r ?? 30) : height - (m.t ?? BASE_TOP) - (m.b ?? 110);
    out[k] = fitAxisTitle({ ...defaults, ...own }, room);
  }
  return out;
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
export function baseLayout(
  title: string,
  provenance: Provenance,
  source: string,
  lang: Lang,
  extra: Record<string, unknown> = {},
  standing?: SourceStanding,
): Record<string, unknown> {
  // Provenance and source sit in the subtitle, so an exported PNG still says where its numbers come from.
  const heading = fitText(title, NOMINAL_CHART_WIDTH_PX - 30, TITLE_PX, 2).text;
  const subtitle = provenanceSubtitle(provenance, source, lang, chartStanding(provenance, source, standing));
  const margin = { l: 70, r: 30, t: BASE_TOP, b: 110, ...((extra.margin ?? {}) as Record<string, number>) };
  // Title and subtitle hang from the top edge; the margin grows by each extra line they take, on top of
  // whatever room the builder kept (a legend above the plot).
  margin.t += (lineCount(heading) - 1) * 22 + (lineCount(subtitle) - 1) * 15;
  const merged: Record<string, unknown> = {
    font: { family: FONT_FAMILY, size: FONT_PX, color: "#222" },
    paper_bgcolor: "#fff",
    plot_bgcolor: "#fff",
    height: 440,
    // Pinned to the bottom of the figure, below the x-axis title, so the two never overlap.
    legend: { orientation: "h", yref: "container", y: 0.01, yanchor: "bottom", x: 0 },
    ...extra,
    margin,
    title: {
      text: heading,
      x: 0,
      xanchor: "left",
      y: 1,
      yref: "container",
      yanchor: "top",
      pad: { t: 14 },
      font: { size: TITLE_PX },
      subtitle: { text: subtitle, font: { size: SUBTITLE_PX, color: "#555" } },
    },
  };
  return merged;
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
  /** Standing of a real source (official page, repost, derived); shown beside the 真实公开数据 mark. */
  standing?: SourceStanding;
}

/** Axes (`xaxis`, `yaxis2`, …) whose traces carry ISO dates, so their ticks can be formatted as dates. */
function dateAxesOf(data: readonly Record<string, unknown>[]): Set<string> {
  const out = new Set<string>();
  const iso = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}(-\d{2})?$/.test(v);
  for (const t of data) {
    for (const dim of ["x", "y"] as const) {
      const vals = t[dim];
      if (Array.isArray(vals) && vals.length && vals.every(iso)) out.add(`${dim}axis${String(t[`${dim}axis`] ?? dim).slice(1)}`);
    }
  }
  return out;
}

/**
 * Assemble a chart from its data and its own layout fields, with the common title, marks and fonts,
 * the title and subtitle fitted to the chart, and the shared axis defaults (see `withAxisDefaults`).
 */
export function makeChart(spec: ChartSpec): Chart {
  const { id, title, provenance, source, lang, rows, data, layout } = spec;
  const standing = chartStanding(provenance, source, spec.standing);
  const base = baseLayout(title, provenance, source, lang, layout, standing);
  return { id, title, provenance, source, ...(standing ? { standing } : {}), rows, figure: { data, layout: withAxisDefaults(base, lang, dateAxesOf(data)) } };
}

/** The shared axis defaults for a layout built with `baseLayout` directly (builders that assemble their own `Chart`). */
export function finishLayout(layout: Record<string, unknown>, lang: Lang, data: readonly Record<string, unknown>[] = []): Record<string, unknown> {
  return withAxisDefaults(layout, lang, dateAxesOf(data));
}

/** Percent axis for shares stored as 0–1. */
export const shareAxis = (title: string, extra: Record<string, unknown> = {}) => ({
  title: { text: title },
  tickformat: ".0%",
  gridcolor: "#e6e6e6",
  zeroline: false,
  ...extra,
});
