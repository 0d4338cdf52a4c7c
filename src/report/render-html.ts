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
.switch { position:fixed; top:14px; right:18px; z-index:10; }
.switch button { border:1px solid #fff; background:transparent; color:#fff; padding:3px 10px; margin-left:4px; border-radius:4px; cursor:pointer; font:inherit; font-size:13px; }
.switch button.on { background:#fff; color:#123a6b; }
.scenarios { background:#0d2c52; padding:6px 40px; font-size:13px; color:#cfe0f5; }
.scenarios button { border:1px solid #8fb3de; background:transparent; color:#fff; padding:2px 10px; margin-left:6px; border-radius:4px; cursor:pointer; font:inherit; }
.scenarios button.on { background:#fff; color:#0d2c52; }
[hidden] { display:none !important; }
@media print { body { background:#fff; } section { border:none; } .chart { break-inside:avoid; } nav, .switch, .scenarios { display:none; } }
`;

function renderTable(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join("")}</tr>`).join("\n");
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : "";
  return `<table><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}

/** One complete version of the page (a language, later also a scenario); the page shows one at a time. */
export interface ReportVariant {
  /** Unique key used in the page: the language, or `scenario~language`. */
  key: string;
  doc: ReportDocument;
  /** The scenario this variant shows, when the page offers several. */
  scenario?: { name: string; title: { zh: string; en: string } };
}

function renderChart(c: Chart, lang: Lang, variant: string): string {
  const mark = `<span class="mark" style="background:${PROVENANCE_COLOUR[c.provenance]}">${escapeHtml(label(c.provenance, lang))}</span>`;
  const csv = lang === "zh" ? "图表数据 CSV" : "chart data (CSV)";
  return `<figure class="chart" data-provenance="${c.provenance}" data-chart="${c.id}">
<div class="plot" id="plot-${variant}-${c.id}"></div>
<figcaption>${mark}${escapeHtml(label("source", lang))}: ${escapeHtml(c.source)} · <a href="data/${c.id}.csv">${csv}</a></figcaption>
</figure>`;
}

function renderVariant(v: ReportVariant, hidden: boolean): string {
  const { doc } = v;
  const ids = new Set<string>();
  for (const c of doc.sections.flatMap((s) => s.charts)) {
    if (ids.has(c.id)) throw new Error(`renderReportHtml requires unique chart ids, ${c.id} repeats`);
    ids.add(c.id);
  }
  const nav = doc.sections.map((s) => `<a href="#${v.key}-${s.id}">${escapeHtml(s.heading)}</a>`).join("");
  const sections = doc.sections
    .map(
      (s) => `<section id="${v.key}-${s.id}">
<h2>${escapeHtml(s.heading)}</h2>
${(s.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${s.charts.map((c) => renderChart(c, doc.lang, v.key)).join("\n")}
${(s.tables ?? []).map(renderTable).join("\n")}
</section>`,
    )
    .join("\n");
  return `<div class="variant" data-variant="${v.key}" lang="${doc.lang === "zh" ? "zh-CN" : "en"}"${hidden ? " hidden" : ""}>
<header><h1>${escapeHtml(doc.title)}</h1><p>${escapeHtml(doc.subtitle)}</p></header>
<nav>${nav}</nav>
<main>
${sections}
</main>
<footer>${doc.footer.map((f) => `<p>${escapeHtml(f)}</p>`).join("\n")}</footer>
</div>`;
}

const LANG_LABEL: Record<string, string> = { zh: "中文", en: "English" };

/** Buttons that pick the language and, when there are several, the scenario (no server needed). */
function renderSwitches(variants: readonly ReportVariant[]): string {
  const langs = [...new Set(variants.map((v) => v.doc.lang))];
  const scenarios = [...new Map(variants.filter((v) => v.scenario).map((v) => [v.scenario!.name, v.scenario!])).values()];
  const lang = langs.length > 1
    ? `<div class="switch" role="group" aria-label="language">${langs.map((l) => `<button type="button" data-lang="${l}">${LANG_LABEL[l]}</button>`).join("")}</div>`
    : "";
  const first = variants[0].doc.lang;
  const scen = scenarios.length > 1
    ? `<div class="scenarios" role="group" aria-label="scenario"><span>${first === "zh" ? "情景" : "Scenario"}:</span>${scenarios
        .map((sc) => `<button type="button" data-scenario="${escapeHtml(sc.name)}" data-zh="${escapeHtml(sc.title.zh)}" data-en="${escapeHtml(sc.title.en)}">${escapeHtml(sc.title[first])}</button>`)
        .join("")}</div>`
    : "";
  return lang + scen;
}

/**
 * Render the briefing as one self-contained HTML page: the plotly bundle is inlined and every
 * figure is embedded as JSON, so the page opens from disk with no network and no server. Several
 * variants (languages, and scenarios when given) live in one page behind switches; each variant's
 * charts are drawn the first time it is shown.
 *
 * @param variants versions of the page; the first is shown on opening
 * @param plotlyJs the text of plotly.js-dist-min (inlined once)
 */
export function renderReportHtml(variants: readonly ReportVariant[], plotlyJs: string): string {
  if (variants.length === 0) throw new Error("renderReportHtml requires at least one variant");
  const keys = new Set(variants.map((v) => v.key));
  if (keys.size !== variants.length) throw new Error("renderReportHtml requires unique variant keys");
  const first = variants[0].doc;
  const figures = Object.fromEntries(variants.map((v) => [v.key, Object.fromEntries(v.doc.sections.flatMap((s) => s.charts).map((c) => [c.id, c.figure]))]));
  const index = variants.map((v) => ({ key: v.key, lang: v.doc.lang, scenario: v.scenario?.name ?? "" }));
  return `<!DOCTYPE html>
<html lang="${first.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(first.title)}</title>
<style>${CSS}</style>
<script>${inlineScript(plotlyJs)}</script>
</head>
<body>
${renderSwitches(variants)}
${variants.map((v, i) => renderVariant(v, i > 0)).join("\n")}
<script>
const FIGURES = ${scriptJson(figures)};
const VARIANTS = ${scriptJson(index)};
const drawn = new Set();
const state = { lang: VARIANTS[0].lang, scenario: VARIANTS[0].scenario };
function show() {
  const v = VARIANTS.find((x) => x.lang === state.lang && x.scenario === state.scenario) || VARIANTS[0];
  for (const el of document.querySelectorAll(".variant")) el.hidden = el.dataset.variant !== v.key;
  for (const b of document.querySelectorAll(".switch button")) b.classList.toggle("on", b.dataset.lang === v.lang);
  for (const b of document.querySelectorAll(".scenarios button")) {
    b.classList.toggle("on", b.dataset.scenario === v.scenario);
    b.textContent = b.dataset[v.lang];
  }
  if (!drawn.has(v.key)) {
    drawn.add(v.key);
    for (const [id, fig] of Object.entries(FIGURES[v.key])) {
      Plotly.newPlot("plot-" + v.key + "-" + id, fig.data, fig.layout, { responsive: true, displaylogo: false });
    }
  }
  const el = document.querySelector('.variant[data-variant="' + v.key + '"]');
  document.title = el.querySelector("h1").textContent;
  document.documentElement.lang = el.lang;
}
for (const b of document.querySelectorAll(".switch button")) b.addEventListener("click", () => { state.lang = b.dataset.lang; show(); });
for (const b of document.querySelectorAll(".scenarios button")) b.addEventListener("click", () => { state.scenario = b.dataset.scenario; show(); });
show();
</script>
</body>
</html>
`;
}
