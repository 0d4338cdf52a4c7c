import type { Chart } from "../charts/figure.js";
import { PROVENANCE_COLOUR } from "../charts/figure.js";
import { label } from "../charts/labels.js";
import type { Lang } from "../shared/i18n.js";
import { escapeHtml, inlineScript, scriptJson } from "./render-html.js";

/**
 * HTML that loads plotly.js into a notebook page once (display it in the first cell); later chart
 * cells then draw with `Plotly.newPlot`. Inlined, so exported notebooks open offline.
 *
 * @param plotlyJs text of plotly.js-dist-min (see readPlotlyBundle)
 */
export function notebookPlotlyHtml(plotlyJs: string): string {
  return `<script>${inlineScript(plotlyJs)}</script><div style="font-size:12px;color:#666">plotly.js loaded</div>`;
}

let counter = 0;

/**
 * HTML for one chart in a notebook cell: a container, the figure as JSON and a caption with the
 * provenance mark and the source.
 *
 * @param chart a chart from any chart builder
 * @param lang language of the caption
 */
export function notebookChartHtml(chart: Chart, lang: Lang = "zh"): string {
  const id = `gaibo-${chart.id}-${++counter}`;
  const mark = `<span style="background:${PROVENANCE_COLOUR[chart.provenance]};color:#fff;padding:0 5px;border-radius:3px">${escapeHtml(label(chart.provenance, lang))}</span>`;
  return `<div id="${id}" style="width:100%;min-height:400px"></div>
<div style="font-size:12px;color:#555">${mark} ${escapeHtml(label("source", lang))}: ${escapeHtml(chart.source)}</div>
<script>(function(){var f=${scriptJson(chart.figure)};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
}
