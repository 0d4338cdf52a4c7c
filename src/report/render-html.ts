import { gzipSync } from "node:zlib";
import type { Chart } from "../charts/figure.js";
import { chartStanding, PROVENANCE_COLOUR, type Provenance } from "../charts/figure.js";
import { standingLabel } from "../charts/source-standing.js";
import { label } from "../charts/labels.js";
import type { Lang } from "../shared/i18n.js";
import { chartSummary } from "../browser/chart-summary.js";
import type { PageInputs } from "./page-inputs.js";

/** A small table shown in the page (already formatted strings). */
export interface ReportTable {
  /** Stable id of a table the page recomputes (rendered as `data-table`). */
  id?: string;
  title: string;
  columns: string[];
  rows: (string | number)[][];
  note?: string;
  /** Cells that show a headline quantity, rendered as `data-kpi` so a test can check they agree with the card. */
  kpiCells?: { kpi: string; row: number; column: number }[];
}

/** A number that matters, shown in large type at the top of the page. */
export interface HeadlineItem {
  /** Stable id, the same across scenarios, so the comparison view can line them up. */
  id: string;
  label: string;
  /** The number as displayed, e.g. "63%" or "135.04 亿元". */
  value: string;
  /** The number itself, for differences between scenarios (same unit across scenarios). */
  numeric?: number;
  note?: string;
  provenance: Provenance;
  /** What the number is, for tests and tools reading the page: rendered as `data-kpi` (default: the id). */
  kpi?: string;
  /** Unit of `numeric` as shown beside a difference: "亿元", "个县", "%" (differences of % are in percentage points). */
  unit?: string;
  /** Which direction is good news, so the comparison colours a difference by meaning (more big classes is worse); absent: neutral. */
  better?: "higher" | "lower";
  /** What is measured, without this scenario's settings or region ("规划总投资"): the comparison's row name when labels differ. */
  measure?: string;
}

/** One section of the briefing: heading, explanation, charts and tables, and its headline numbers. */
export interface ReportSection {
  id: string;
  heading: string;
  /** Plain-text paragraphs (escaped when rendered). */
  paragraphs?: string[];
  charts: Chart[];
  tables?: ReportTable[];
  /** Numbers this section contributes to the headline panel. */
  headline?: HeadlineItem[];
}

/** The whole briefing. */
export interface ReportDocument {
  lang: Lang;
  title: string;
  subtitle: string;
  /** The scenario's settings in one line (region, report date, rule and budget, urbanization, births, target year), shown in the header. */
  settings?: string;
  sections: ReportSection[];
  /** Footer lines (data provenance, how to rebuild). */
  footer: string[];
}

/** One complete version of the page (a language, and a scenario when there are several); the page shows one at a time. */
export interface ReportVariant {
  /** Unique key used in the page: the language, or `scenario~language`. */
  key: string;
  doc: ReportDocument;
  /** The scenario this variant shows, when the page offers several. */
  scenario?: { name: string; title: { zh: string; en: string }; settings?: { zh: string; en: string }; asOf?: string };
  /** What the page recomputes and drills down from (language-neutral; variants of one scenario share it). */
  inputs?: PageInputs;
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

/** Where a variant's chart CSVs live: data/ for a single scenario, data/<scenario>/ for several. */
export function csvFolder(v: ReportVariant, scenarioCount: number): string {
  return scenarioCount > 1 && v.scenario ? `data/${v.scenario.name}` : "data";
}

const CSS = `
:root { --ink:#1d1d1f; --muted:#666; --line:#e3e3e3; --navy:#123a6b; }
* { box-sizing: border-box; }
body { margin:0; font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif; color:var(--ink); background:#f6f7f9; line-height:1.6; }
.toolbar { display:flex; justify-content:space-between; align-items:center; gap:12px; background:#0d2c52; padding:6px 40px; font-size:13px; color:#cfe0f5; flex-wrap:wrap; }
.toolbar button { border:1px solid #8fb3de; background:transparent; color:#fff; padding:2px 10px; margin-left:6px; border-radius:4px; cursor:pointer; font:inherit; }
.toolbar button.on { background:#fff; color:#0d2c52; }
header { background:var(--navy); color:#fff; padding:24px 40px 20px; }
header h1 { margin:0 0 6px; font-size:26px; }
header p { margin:0; opacity:.85; }
nav { padding:10px 40px; background:#fff; border-bottom:1px solid var(--line); font-size:14px; }
nav a { margin-right:18px; color:var(--navy); text-decoration:none; }
main { max-width:1180px; margin:0 auto; padding:10px 24px 40px; }
section { background:#fff; margin:22px 0; padding:20px 26px; border-radius:8px; border:1px solid var(--line); }
section h2 { margin:4px 0 10px; font-size:21px; }
.headline { display:grid; grid-template-columns:repeat(auto-fit, minmax(200px, 1fr)); gap:14px; margin:22px 0 0; }
.card { background:#fff; border:1px solid var(--line); border-top:4px solid var(--navy); border-radius:8px; padding:12px 16px; }
.card .value { font-size:30px; font-weight:700; line-height:1.2; }
.card .label { font-size:14px; }
.card .note { font-size:12px; color:var(--muted); }
.chart { margin:18px 0 8px; }
.chart .plot { width:100%; min-height:380px; }
.chart figcaption { font-size:12.5px; color:var(--muted); }
.standing { font-size:12px; color:#1b7f3b; margin-right:2px; }
.mark { display:inline-block; padding:0 6px; border-radius:3px; color:#fff; font-size:12px; margin-right:6px; }
table { border-collapse:collapse; font-size:13.5px; margin:10px 0; }
th, td { border-bottom:1px solid var(--line); padding:4px 10px; text-align:right; }
th:first-child, td:first-child { text-align:left; }
caption { text-align:left; font-weight:600; padding:4px 0; }
td.up, td.better { color:#1b7f3b; font-weight:600; } td.down, td.worse { color:#b03a2e; font-weight:600; } td.neutral { color:#333; }
td .own-label, th .settings { display:block; font-size:11.5px; color:var(--muted); font-weight:400; }
td.na { color:var(--muted); font-style:italic; }
header p.settings { font-size:13px; opacity:.75; margin-top:4px; }
.compare .reason { display:flex; align-items:center; justify-content:center; min-height:120px; border:1px dashed var(--line); color:var(--muted); font-size:13px; padding:12px; text-align:center; }
.compare .once { font-size:12.5px; color:var(--muted); }
.compare .row { display:grid; gap:12px; }
.compare .row .plot { min-height:340px; }
.compare h3 { margin:18px 0 4px; font-size:16px; }
footer { max-width:1180px; margin:0 auto; padding:0 24px 40px; font-size:12.5px; color:var(--muted); }
[hidden] { display:none !important; }
.sr-only { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
.chart .tools { float:right; }
.chart .tools button, .panel button { border:1px solid #b9c6d6; background:#fff; color:var(--navy); border-radius:4px; padding:0 8px; margin-left:4px; font:inherit; font-size:12px; cursor:pointer; }
.chart .tableview { max-height:360px; overflow:auto; border:1px solid var(--line); margin-top:6px; }
.chart .tableview table { margin:0; width:100%; }
.toolbar input, .panel input, .panel select { font:inherit; font-size:13px; padding:1px 6px; border:1px solid #8fb3de; border-radius:4px; }
.toolbar .county input { width:170px; }
.panel { background:#f3f6fa; border:1px solid #d5dfeb; border-radius:6px; padding:10px 14px; margin:10px 0 4px; font-size:13.5px; }
.panel label { margin-right:14px; white-space:nowrap; display:inline-block; }
.panel input[type=number] { width:90px; }
.panel .status { color:var(--muted); font-size:12.5px; }
.drill { max-width:1180px; margin:0 auto; padding:0 24px; }
.drill section { border-top:4px solid #6d3fa0; }
.drill .grid { display:block; }
@page { size:A4; margin:12mm 10mm; }
@media print {
  body { background:#fff; font-size:12px; }
  section { border:none; padding:0; margin:0 0 8mm; }
  section h2 { break-after:avoid; }
  .chart, .card, table, .headline { break-inside:avoid; }
  nav, .toolbar, .chart .tools, .panel input, .panel select, .panel button { display:none !important; }
  header { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  main, footer, .drill { max-width:none; padding:0; }
  .chart .plot { min-height:0; }
}
`;

/** Cells that hold no value ("—", empty): a column of nothing else can never be read, so it is not drawn. */
const EMPTY_CELL = /^\s*(—|-|)\s*$/;

/**
 * The table without its columns that are empty in every row (e.g. back-test horizons longer than the data
 * reach); the first column (row labels) always stays.
 */
export function dropEmptyColumns(t: ReportTable): ReportTable {
  if (t.rows.length === 0) return t;
  const keep = t.columns.map((_, j) => j === 0 || t.rows.some((r) => !EMPTY_CELL.test(String(r[j] ?? ""))));
  if (keep.every(Boolean)) return t;
  const newIndex = keep.map((_, j) => keep.slice(0, j).filter(Boolean).length);
  return {
    ...t,
    columns: t.columns.filter((_, j) => keep[j]),
    rows: t.rows.map((r) => r.filter((_, j) => keep[j])),
    kpiCells: t.kpiCells?.filter((k) => keep[k.column]).map((k) => ({ ...k, column: newIndex[k.column] })),
  };
}

function renderTable(table: ReportTable): string {
  const t = dropEmptyColumns(table);
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  // Numbers align right; words (an assumption, a note) read better from the left.
  const kpiAt = (i: number, j: number) => t.kpiCells?.find((k) => k.row === i && k.column === j)?.kpi;
  const td = (v: string | number, i: number, j: number) => {
    const k = kpiAt(i, j);
    const left = typeof v === "string" && !/^[−+\-]?[\d.,%\s]/.test(v) && v.length > 12;
    return `<td${left ? ' style="text-align:left"' : ""}${k ? ` data-kpi="${escapeHtml(k)}"` : ""}>${escapeHtml(String(v))}</td>`;
  };
  const body = t.rows.map((r, i) => `<tr>${r.map((v, j) => td(v, i, j)).join("")}</tr>`).join("\n");
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : "";
  return `<table${t.id ? ` data-table="${escapeHtml(t.id)}"` : ""}><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}

const TOOLS: Record<Lang, { csv: string; xlsx: string; table: string; label: string }> = {
  zh: { csv: "CSV", xlsx: "Excel", table: "表格", label: "下载或以表格查看本图数据" },
  en: { csv: "CSV", xlsx: "Excel", table: "table", label: "download or view this chart's data as a table" },
};

function renderChart(c: Chart, lang: Lang, variant: string): string {
  // A real figure says what its source is: official page, official figure on an unofficial copy, or derived.
  const standing = chartStanding(c.provenance, c.source, c.standing);
  const mark = `<span class="mark" style="background:${PROVENANCE_COLOUR[c.provenance]}">${escapeHtml(label(c.provenance, lang))}</span>${
    standing ? `<span class="standing" data-standing="${standing}">${escapeHtml(standingLabel(standing, lang))}</span> · ` : ""
  }`;
  const t = TOOLS[lang];
  const summary = chartSummary(c.title, c.figure.data, lang);
  // The data travels inside the page (downloads are built there), so a copied index.html keeps working on its own.
  const tools = `<span class="tools" role="group" aria-label="${escapeHtml(t.label)}"><button type="button" data-action="csv">${t.csv}</button><button type="button" data-action="xlsx">${t.xlsx}</button><button type="button" data-action="table" aria-expanded="false">${t.table}</button></span>`;
  return `<figure class="chart" data-provenance="${c.provenance}" data-chart="${c.id}">
<div class="plot" id="plot-${variant}-${c.id}" role="img" aria-label="${escapeHtml(summary)}"></div>
<figcaption>${tools}${mark}${escapeHtml(label("source", lang))}: ${escapeHtml(c.source)}<span class="sr-only summary"> ${escapeHtml(summary)}</span></figcaption>
<div class="tableview" hidden></div>
</figure>`;
}

function renderHeadline(items: HeadlineItem[], lang: Lang): string {
  if (items.length === 0) return "";
  return `<div class="headline">${items
    .map(
      (h) => `<div class="card" data-headline="${escapeHtml(h.id)}"${h.numeric === undefined ? "" : ` data-numeric="${h.numeric}"`} style="border-top-color:${PROVENANCE_COLOUR[h.provenance]}">
<div class="value" data-kpi="${escapeHtml(h.kpi ?? h.id)}"${h.numeric !== undefined && Number.isFinite(h.numeric) ? ` data-kpi-value="${h.numeric}"` : ""}${h.unit ? ` data-kpi-unit="${escapeHtml(h.unit)}"` : ""}>${escapeHtml(h.value)}</div><div class="label">${escapeHtml(h.label)}</div>
<div class="note">${h.provenance === "synthetic" || h.provenance === "user" ? `${escapeHtml(label(h.provenance, lang))}${h.note ? " · " : ""}` : ""}${escapeHtml(h.note ?? "")}</div></div>`,
    )
    .join("\n")}</div>`;
}

function renderVariant(v: ReportVariant, hidden: boolean): string {
  const { doc } = v;
  const ids = new Set<string>();
  for (const c of doc.sections.flatMap((s) => s.charts)) {
    if (ids.has(c.id)) throw new Error(`renderReportHtml requires unique chart ids, ${c.id} repeats`);
    ids.add(c.id);
  }
  const nav = doc.sections.map((s) => `<a href="#${v.key}-${s.id}" data-section="${v.key}-${s.id}">${escapeHtml(s.heading)}</a>`).join("");
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
<header><h1>${escapeHtml(doc.title)}</h1><p>${escapeHtml(doc.subtitle)}</p>${doc.settings ? `<p class="settings" data-settings>${escapeHtml(doc.settings)}</p>` : ""}</header>
<nav>${nav}</nav>
<main>
${renderHeadline(doc.sections.flatMap((s) => s.headline ?? []), doc.lang)}
${sections}
</main>
<footer>${doc.footer.map((f) => `<p>${escapeHtml(f)}</p>`).join("\n")}</footer>
</div>`;
}

/** A difference between two headline numbers in words: its size with the unit (percentage points for %). */
function formatDifference(d: number, unit: string | undefined, lang: Lang): string {
  const size = Math.abs(d).toLocaleString("en", Math.abs(d) >= 100 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 3 });
  const u = unit === "%" ? (lang === "zh" ? " 个百分点" : " pp") : unit ? ` ${unit}` : "";
  return `${d > 0 ? "+" : "−"}${size}${u}`;
}

/**
 * Unit and good direction of the headline numbers other sections add, by id, for items that do not
 * state them themselves (an item's own `unit` and `better` win).
 */
const KNOWN_MEASURES: Record<string, { unit?: { zh: string; en: string }; better?: HeadlineItem["better"] }> = {
  "p-completion-70": { unit: { zh: "%", en: "%" }, better: "higher" },
  "p-completion-equipment-70": { unit: { zh: "%", en: "%" }, better: "higher" },
  "counties-at-risk": { unit: { zh: "个县", en: "counties" }, better: "lower" },
  "allocation-gini": { better: "lower" },
  "big-classes-2020": { unit: { zh: "个大班额", en: "big classes" }, better: "lower" },
  "big-class-removal-cost": { unit: { zh: "亿元", en: "bn yuan" } },
};

/** Good, bad or neutral: by what the number means, not by its sign. */
function differenceClass(d: number, better: HeadlineItem["better"]): string {
  if (Math.abs(d) < 1e-12) return "";
  if (!better) return "neutral";
  return (d > 0) === (better === "higher") ? "better" : "worse";
}

/** A figure with nothing to draw (no trace holds a number): the comparison says so instead of showing a blank panel. */
function figureIsEmpty(fig: Chart["figure"] | undefined): boolean {
  if (!fig) return true;
  const has = (v: unknown): boolean => Array.isArray(v) && v.some((x) => (typeof x === "number" && Number.isFinite(x)) || (Array.isArray(x) && has(x)));
  return !fig.data.some((t) => ["x", "y", "values", "z", "cells"].some((k) => has((t as Record<string, unknown>)[k]) || (k === "cells" && t[k] !== undefined)));
}

/**
 * The side-by-side view of several scenarios in one language: headline numbers in a table, each
 * column headed by its scenario's own settings and each cell carrying its own label where it
 * differs; differences from the first scenario with their unit, coloured by meaning (green better,
 * red worse, grey neutral). Then every chart in a row, one column per scenario; a chart identical in
 * every scenario (seed and real figures) is drawn once, and a panel with nothing to draw says why.
 */
function renderComparison(variants: readonly ReportVariant[], lang: Lang): string {
  const zh = lang === "zh";
  const [base] = variants;
  const cols = variants.length;
  const itemsOf = (v: ReportVariant) => v.doc.sections.flatMap((s) => s.headline ?? []);
  const ids = [...new Set(variants.flatMap((v) => itemsOf(v).map((h) => h.id)))];
  const find = (v: ReportVariant, id: string) => itemsOf(v).find((h) => h.id === id);
  const notHere = zh ? "本情景没有这一项" : "not in this scenario";
  const rows = ids
    .map((id) => {
      const first = variants.map((v) => find(v, id)).find(Boolean)!;
      const labels = new Set(variants.map((v) => find(v, id)?.label).filter(Boolean));
      const rowName = labels.size > 1 ? (first.measure ?? first.label) : first.label;
      const known = KNOWN_MEASURES[id];
      const ref = find(base, id);
      const cells = variants.map((v, i) => {
        const o = find(v, id);
        if (!o) return `<td class="na">${notHere}</td>`;
        const own = o.label !== rowName ? `<span class="own-label">${escapeHtml(o.label)}</span>` : "";
        const kpi = ` data-kpi="${escapeHtml(o.kpi ?? o.id)}"`;
        if (i === 0 || !ref || o.numeric === undefined || ref.numeric === undefined || !Number.isFinite(o.numeric) || !Number.isFinite(ref.numeric)) {
          return `<td${kpi}>${escapeHtml(o.value)}${own}</td>`;
        }
        const d = o.numeric - ref.numeric;
        const cls = differenceClass(d, o.better ?? ref.better ?? known?.better);
        return `<td class="${cls}"${kpi} data-diff="${d}">${escapeHtml(o.value)}${cls ? ` (${escapeHtml(formatDifference(d, o.unit ?? ref.unit ?? known?.unit?.[lang], lang))})` : ""}${own}</td>`;
      });
      return `<tr><td>${escapeHtml(rowName)}</td>${cells.join("")}</tr>`;
    })
    .join("\n");
  const colHead = (v: ReportVariant) =>
    `<th>${escapeHtml(v.scenario?.title[lang] ?? v.key)}${v.scenario?.settings ? `<span class="settings">${escapeHtml(v.scenario.settings[lang])}</span>` : ""}</th>`;
  const head = `<tr><th>${zh ? "指标" : "measure"}</th>${variants.map(colHead).join("")}</tr>`;
  const chartsOf = (v: ReportVariant) => new Map(v.doc.sections.flatMap((s) => s.charts).map((c) => [c.id, c]));
  const byVariant = variants.map(chartsOf);
  const chartIds = [...new Set(byVariant.flatMap((m) => [...m.keys()]))];
  const charts = chartIds
    .map((id) => {
      const cs = byVariant.map((m) => m.get(id));
      const title = cs.find(Boolean)!.title;
      const same = cs.every((c) => c && JSON.stringify(c.figure) === JSON.stringify(cs[0]!.figure));
      if (same) {
        return `<h3>${escapeHtml(title)}</h3><p class="once">${zh ? "各情景相同（种子或真实数据），只显示一次。" : "The same in every scenario (seed or real figures): shown once."}</p><div class="row" style="grid-template-columns:1fr"><div><div class="plot" data-cmp-variant="${base.key}" data-cmp-chart="${id}"></div></div></div>`;
      }
      const panels = variants.map((v, i) => {
        const c = cs[i];
        const name = `<div class="note">${escapeHtml(v.scenario?.title[lang] ?? v.key)}</div>`;
        if (!c) return `<div><div class="reason">${zh ? "本情景的页面没有这张图" : "This scenario's page has no such chart"}</div>${name}</div>`;
        if (figureIsEmpty(c.figure)) {
          return `<div><div class="reason">${zh ? `本情景在这张图中没有可画的数据（报告日 ${escapeHtml(v.scenario?.asOf ?? "")} 之前没有相应数据）` : `Nothing to draw for this scenario (no such data before its report date ${escapeHtml(v.scenario?.asOf ?? "")})`}</div>${name}</div>`;
        }
        return `<div><div class="plot" data-cmp-variant="${v.key}" data-cmp-chart="${id}"></div>${name}</div>`;
      });
      return `<h3>${escapeHtml(title)}</h3><div class="row" style="grid-template-columns:repeat(${cols}, 1fr)">${panels.join("")}</div>`;
    })
    .join("\n");
  const diffNote = zh
    ? "括号内为与第一个情景的差（带单位；百分比之差为百分点）；绿色表示更好、红色表示更差（按指标含义，例如大班额更多为更差、达标概率更高为更好），灰色表示无所谓好坏。各情景同一图表使用相同坐标轴。"
    : "Differences from the first scenario in brackets, with their unit (differences of percentages in percentage points); green is better and red worse by what the measure means (more big classes is worse, a higher probability of meeting a target better), grey neither. Each chart shares its axes across scenarios.";
  return `<div class="compare" data-compare-lang="${lang}" lang="${zh ? "zh-CN" : "en"}" hidden>
<header><h1>${zh ? "情景对比" : "Scenario comparison"}</h1><p>${escapeHtml(variants.map((v) => v.scenario?.title[lang] ?? v.key).join(" · "))}</p></header>
<main><section><h2>${zh ? "关键数字" : "Headline numbers"}</h2><table><thead>${head}</thead><tbody>${rows}</tbody></table><p class="note">${diffNote}</p>
${charts}</section></main></div>`;
}

const LANG_LABEL: Record<string, string> = { zh: "中文", en: "English" };

/** Buttons that pick the scenario (and the side-by-side view) and the language; no server needed. */
function renderToolbar(variants: readonly ReportVariant[]): string {
  const langs = [...new Set(variants.map((v) => v.doc.lang))];
  const scenarios = [...new Map(variants.filter((v) => v.scenario).map((v) => [v.scenario!.name, v.scenario!])).values()];
  const first = variants[0].doc.lang;
  const scen =
    scenarios.length > 1
      ? `<div class="scenarios" role="group" aria-label="scenario"><span data-zh="情景：" data-en="Scenario:">${first === "zh" ? "情景：" : "Scenario:"}</span>${scenarios
          .map((sc) => `<button type="button" data-scenario="${escapeHtml(sc.name)}" data-zh="${escapeHtml(sc.title.zh)}" data-en="${escapeHtml(sc.title.en)}">${escapeHtml(sc.title[first])}</button>`)
          .join("")}<button type="button" data-scenario="*compare" data-zh="并排对比" data-en="Side by side">${first === "zh" ? "并排对比" : "Side by side"}</button></div>`
      : "<div></div>";
  const lang = langs.length > 1 ? `<div class="switch" role="group" aria-label="language">${langs.map((l) => `<button type="button" data-lang="${l}">${LANG_LABEL[l]}</button>`).join("")}</div>` : "";
  const county = `<div class="county"><label><span data-zh="县：" data-en="County:">${first === "zh" ? "县：" : "County:"}</span> <input type="search" list="county-list" autocomplete="off" data-zh-placeholder="名称或代码" data-en-placeholder="name or code" placeholder="${first === "zh" ? "名称或代码" : "name or code"}"></label><datalist id="county-list"></datalist></div>`;
  return `<div class="toolbar">${scen}${county}${lang}</div>`;
}

/** Figures and rows stored once however many variants show them (a seed chart is the same in every scenario). */
function pool<T>(): { add(x: T): number; items: T[] } {
  const index = new Map<string, number>();
  const items: T[] = [];
  return {
    items,
    add(x: T) {
      const key = JSON.stringify(x);
      let i = index.get(key);
      if (i === undefined) (i = items.length), index.set(key, i), items.push(x);
      return i;
    },
  };
}

/** The data the page script reads: figures and rows pooled, each variant's charts by id, the recompute inputs. */
export function pageData(variants: readonly ReportVariant[]) {
  const figures = pool<unknown>();
  const rows = pool<unknown>();
  const inputs = pool<unknown>();
  const parts = pool<unknown>();
  // Scenarios share most inputs (the counties, the calibration) but not all (their defaults): large parts are
  // stored once and referenced as {"$ref": n}.
  const share = (x: unknown, depth: number): unknown => {
    if (x === null || typeof x !== "object") return x;
    if (depth > 0 && !Array.isArray(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, share(y, depth - 1)]));
    return JSON.stringify(x).length > 2000 ? { $ref: parts.add(x) } : x;
  };
  const index = variants.map((v) => ({
    key: v.key,
    lang: v.doc.lang,
    scenario: v.scenario?.name ?? "",
    inputs: v.inputs ? inputs.add(share(v.inputs, 2)) : -1,
    charts: Object.fromEntries(
      v.doc.sections
        .flatMap((s) => s.charts.map((c) => ({ c, section: s.id })))
        .map(({ c, section }) => [c.id, { f: figures.add(c.figure), r: rows.add(c.rows), title: c.title, source: c.source, provenance: c.provenance, section }]),
    ),
    headline: Object.fromEntries(v.doc.sections.flatMap((s) => s.headline ?? []).map((h) => [h.id, { value: h.value, label: h.label, numeric: h.numeric ?? null, note: h.note ?? "" }])),
  }));
  return { figures: figures.items, rows: rows.items, inputs: inputs.items, parts: parts.items, variants: index };
}

/**
 * Render the briefing as one self-contained HTML page: the plotly bundle and the page's own script (built from
 * src/browser by \`npm run build\`) are inlined, and every figure, its rows and the recompute inputs are embedded as
 * JSON once, so the page opens from disk with no network and no server. Several variants (languages, and scenarios
 * when given) live in one page behind switches, plus a side-by-side comparison when there are several scenarios.
 *
 * @param variants versions of the page; the first is shown on opening
 * @param plotlyJs the text of a plotly bundle (inlined once)
 * @param pageJs the page script (dist/browser/page.js); without it the page shows text and tables only
 */
export function renderReportHtml(variants: readonly ReportVariant[], plotlyJs: string, pageJs = ""): string {
  if (variants.length === 0) throw new Error("renderReportHtml requires at least one variant");
  const keys = new Set(variants.map((v) => v.key));
  if (keys.size !== variants.length) throw new Error("renderReportHtml requires unique variant keys");
  const first = variants[0].doc;
  const scenarioCount = new Set(variants.map((v) => v.scenario?.name)).size;
  const langs = [...new Set(variants.map((v) => v.doc.lang))];
  const comparisons = scenarioCount > 1 ? langs.map((l) => renderComparison(variants.filter((v) => v.doc.lang === l), l)).join("\n") : "";
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
${renderToolbar(variants)}
<div class="drill" id="drill" hidden></div>
${variants.map((v, i) => renderVariant(v, i > 0)).join("\n")}
${comparisons}
<script type="application/gzip+base64" id="gaibo-data">${gzipSync(Buffer.from(JSON.stringify(pageData(variants)), "utf8"), { level: 9 }).toString("base64")}</script>
<script>${inlineScript(pageJs)}</script>
</body>
</html>
`;
}
