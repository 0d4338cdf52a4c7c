import type { Chart } from "../charts/figure.js";
import { PROVENANCE_COLOUR } from "../charts/figure.js";
import { label } from "../charts/labels.js";
import type { Lang } from "../shared/i18n.js";

/** A small table shown in the page (already formatted strings). */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  note?: string;
}

/** One section of the briefing: heading, explanation, charts and tables. */
export interface ReportSection {
  id: string;
  heading: string;
  /** Plain-text paragraphs (escaped when rendered). */
  paragraphs?: string[];
  charts: Chart[];
  tables?: ReportTable[];
}

/** The whole briefing. */
export interface ReportDocument {
  lang: Lang;
  title: string;
  subtitle: string;
  sections: ReportSection[];
  /** Footer lines (data provenance, how to rebuild). */
  footer: string[];
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON that is safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A plotly bundle made safe to inline in a <script> element. */
export function inlineScript(js: string): string {
  return js.replace(/<\/script/gi, "<\\/script");
}

const CSS = `
:root { --ink:#1d1d1f; --muted:#666; --line:#e3e3e3; }
* { box-sizing: border-box; }
body { margin:0; font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif; color:var(--ink); background:#f6f7f9; line-height:1.6; }
header { background:#123a6b; color:#fff; padding:28px 40px 22px; }
header h1 { margin:0 0 6px; font-size:26px; }
header p { margin:0; opacity:.85; }
nav { padding:10px 40px; background:#fff; border-bottom:1px solid var(--line); font-size:14px; }
nav a { margin-right:18px; color:#123a6b; text-decoration:none; }
main { max-width:1180px; margin:0 auto; padding:10px 24px 40px; }
section { background:#fff; margin:22px 0; padding:20px 26px; border-radius:8px; border:1px solid var(--line); }
section h2 { margin:4px 0 10px; font-size:21px; }
.chart { margin:18px 0 8px; }
.chart .plot { width:100%; min-height:380px; }
.chart figcaption { font-size:12.5px; color:var(--muted); }
.mark { display:inline-block; padding:0 6px; border-radius:3px; color:#fff; font-size:12px; margin-right:6px; }
table { border-collapse:collapse; font-size:13.5px; margin:10px 0; }
th, td { border-bottom:1px solid var(--line); padding:4px 10px; text-align:right; }
th:first-child, td:first-child { text-align:left; }
caption { text-align:left; font-weight:600; padding:4px 0; }
footer { max-width:1180px; margin:0 auto; padding:0 24px 40px; font-size:12.5px; color:var(--muted); }
@media print { body { background:#fff; } section { break-inside:avoid; border:none; } nav { display:none; } }
`;

function renderTable(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join("")}</tr>`).join("\n");
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : "";
  return `<table><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}

function renderChart(c: Chart, lang: Lang): string {
  const mark = `<span class="mark" style="background:${PROVENANCE_COLOUR[c.provenance]}">${escapeHtml(label(c.provenance, lang))}</span>`;
  const csv = lang === "zh" ? "图表数据 CSV" : "chart data (CSV)";
  return `<figure class="chart" data-provenance="${c.provenance}" id="fig-${c.id}">
<div class="plot" id="plot-${c.id}"></div>
<figcaption>${mark}${escapeHtml(label("source", lang))}: ${escapeHtml(c.source)} · <a href="data/${c.id}.csv">${csv}</a></figcaption>
</figure>`;
}

/**
 * Render the briefing as one self-contained HTML page: the plotly bundle is inlined and every
 * figure is embedded as JSON, so the page opens from disk with no network and no server.
 *
 * @param doc the briefing's content
 * @param plotlyJs the text of plotly.js-dist-min (inlined once)
 */
export function renderReportHtml(doc: ReportDocument, plotlyJs: string): string {
  const charts = doc.sections.flatMap((s) => s.charts);
  const ids = new Set<string>();
  for (const c of charts) {
    if (ids.has(c.id)) throw new Error(`renderReportHtml requires unique chart ids, ${c.id} repeats`);
    ids.add(c.id);
  }
  const nav = doc.sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.heading)}</a>`).join("");
  const sections = doc.sections
    .map(
      (s) => `<section id="${s.id}">
<h2>${escapeHtml(s.heading)}</h2>
${(s.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${s.charts.map((c) => renderChart(c, doc.lang)).join("\n")}
${(s.tables ?? []).map(renderTable).join("\n")}
</section>`,
    )
    .join("\n");
  const figures = Object.fromEntries(charts.map((c) => [c.id, c.figure]));
  return `<!DOCTYPE html>
<html lang="${doc.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
<script>${inlineScript(plotlyJs)}</script>
</head>
<body>
<header><h1>${escapeHtml(doc.title)}</h1><p>${escapeHtml(doc.subtitle)}</p></header>
<nav>${nav}</nav>
<main>
${sections}
</main>
<footer>${doc.footer.map((f) => `<p>${escapeHtml(f)}</p>`).join("\n")}</footer>
<script>
const FIGURES = ${scriptJson(figures)};
for (const [id, fig] of Object.entries(FIGURES)) {
  Plotly.newPlot("plot-" + id, fig.data, fig.layout, { responsive: true, displaylogo: false });
}
</script>
</body>
</html>
`;
}
