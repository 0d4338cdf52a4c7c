// The briefing page's script, bundled by scripts/build-browser.js (esbuild, iife) and inlined by renderReportHtml.
// It draws the charts from the data in the page, keeps the view in the URL fragment, builds downloads in the page,
// recomputes the allocation with the package's own modules, and shows one county on request. No network, no server.
import type { Chart, FigureSpec, Provenance } from "../charts/figure.js";
import { label } from "../charts/labels.js";
import { unitLabel } from "../charts/unit-noun.js";
import { placeName } from "../charts/place-name.js";
import { formatMoneyWanYuan, moneyUnit, yiToPageUnit } from "../shared/format-number.js";
import { supportedProbability } from "../progress/supported-probability.js";
import type { Lang } from "../shared/i18n.js";
import { allocationView, countyAllocation, ruleWeights, type AllocationSettings } from "./allocation-view.js";
import { bigClassView, BIRTH_CHOICES, type BigClassSettings } from "./big-class-view.js";
import { chartDataTable, tableCsv } from "./chart-data-csv.js";
import { chartSummary } from "./chart-summary.js";
import type { PageInputs } from "../report/page-inputs.js";
import { xlsxWorkbook } from "./xlsx-workbook.js";
import { countyBigClass, countyProgress } from "./county-view.js";
import { decodeView, encodeView, type PageView } from "./page-view.js";
import { countyForecasts, deadlineView, indicatorName, JOINT_INDICATORS, type DeadlineSettings } from "./progress-view.js";
import type { ReportTable } from "../report/render-html.js";

declare const Plotly: {
  newPlot(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
};

type Row = Record<string, unknown>;
interface ChartRef {
  f: number;
  r: number;
  title: string;
  source: string;
  provenance: Provenance;
  section: string;
}
interface VariantData {
  key: string;
  lang: Lang;
  scenario: string;
  inputs: number;
  charts: Record<string, ChartRef>;
  headline: Record<string, { value: string; label: string; numeric: number | null; note: string }>;
}
interface PageData {
  figures: FigureSpec[];
  rows: Row[][];
  inputs: PageInputs[];
  /** Large parts of the inputs stored once, referenced as {"$ref": n}. */
  parts: unknown[];
  variants: VariantData[];
}

// The data travel gzip-compressed and base64-encoded (a fifth of the JSON's size); the browser's own
// DecompressionStream inflates them (Chromium 80+, Firefox 113+, Safari 16.4+).
let D: PageData;
async function readData(): Promise<PageData> {
  const el = document.getElementById("gaibo-data")!;
  const text = el.textContent!.trim();
  if (el.getAttribute("type") === "application/json") return JSON.parse(text) as PageData;
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as PageData;
}
const resolve = (x: unknown, depth: number): unknown => {
  if (x === null || typeof x !== "object") return x;
  const ref = (x as { $ref?: number }).$ref;
  if (typeof ref === "number") return D.parts[ref];
  return depth > 0 && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, resolve(y, depth - 1)])) : x;
};

const CONFIG = { responsive: true, displaylogo: false };
const supportedText = (p: number) => supportedProbability(p).text;
const timings: Record<string, number> = {};
(window as unknown as { gaiboTimings: Record<string, number> }).gaiboTimings = timings;

/** Charts replaced by a recompute, per variant key and chart id. */
const overrides = new Map<string, Map<string, { figure: FigureSpec; rows: Row[]; source: string; title: string }>>();
let defaults: PageView;
let view: PageView;

const zh = () => view.lang === "zh";
const t = (z: string, e: string) => (zh() ? z : e);
const variantOf = (v: PageView): VariantData =>
  D.variants.find((x) => x.lang === v.lang && x.scenario === v.s) ?? D.variants.find((x) => x.lang === v.lang) ?? D.variants[0];
const inputsOf = (v: VariantData): PageInputs | undefined => (v.inputs >= 0 ? D.inputs[v.inputs] : undefined);

function chartData(v: VariantData, id: string) {
  const o = overrides.get(v.key)?.get(id);
  const ref = v.charts[id];
  return o ?? { figure: D.figures[ref.f], rows: D.rows[ref.r], source: ref.source, title: ref.title };
}

// ---------------------------------------------------------------- drawing

const drawnWith = new WeakMap<HTMLElement, FigureSpec>();
let drawQueue: HTMLElement[] = [];
let drawTimer = 0;
/** A recompute is scheduled: the page is not "drawn" until it has run and its charts are redrawn. */
let recomputePending = false;

function plotFor(el: HTMLElement): { v: VariantData; id: string } | undefined {
  const box = el.closest<HTMLElement>(".variant");
  const fig = el.closest<HTMLElement>("figure");
  if (!box || !fig) return undefined;
  const v = D.variants.find((x) => x.key === box.dataset.variant);
  return v && fig.dataset.chart && v.charts[fig.dataset.chart] ? { v, id: fig.dataset.chart } : undefined;
}

function draw(el: HTMLElement): void {
  const ref = plotFor(el);
  if (!ref) return;
  const { figure, title } = chartData(ref.v, ref.id);
  if (drawnWith.get(el) === figure) return;
  const first = !drawnWith.has(el);
  drawnWith.set(el, figure);
  const done = first ? Plotly.newPlot(el, figure.data, figure.layout, CONFIG) : Plotly.react(el, figure.data, figure.layout, CONFIG);
  el.setAttribute("aria-label", chartSummary(title, figure.data, ref.v.lang));
  if (first) {
    (el as unknown as { on(ev: string, f: (e: { points: Record<string, unknown>[] }) => void): void }).on?.("plotly_click", (e) => pickCounty(e.points?.[0]));
    if (timings.firstChart === undefined) timings.firstChart = performance.now();
  }
  void done;
}

/** Draw the visible page: the first charts at once, the rest a few at a time so the page stays responsive. */
function drawVisible(): void {
  const els = [...document.querySelectorAll<HTMLElement>(".variant:not([hidden]) .plot, .drill:not([hidden]) .plot")];
  document.body.dataset.drawn = "";
  const pending = els.filter((el) => {
    const ref = plotFor(el);
    return ref ? drawnWith.get(el) !== chartData(ref.v, ref.id).figure : false;
  });
  // A recompute replaces a handful of charts: redraw them at once; a newly shown page starts with its first chart.
  if (pending.length <= 6) pending.splice(0).forEach(draw);
  else draw(pending.shift()!);
  drawQueue = pending;
  clearTimeout(drawTimer);
  const step = () => {
    const batch = drawQueue.splice(0, 2);
    batch.forEach(draw);
    if (drawQueue.length) drawTimer = window.setTimeout(step, 0);
    else if (!recomputePending) {
      document.body.dataset.drawn = "all";
      if (timings.allCharts === undefined) timings.allCharts = performance.now();
    }
  };
  drawTimer = window.setTimeout(step, 0);
}

function drawAllNow(): void {
  clearTimeout(drawTimer);
  drawQueue.forEach(draw);
  drawQueue = [];
  document.body.dataset.drawn = "all";
}
window.addEventListener("beforeprint", drawAllNow);

// ---------------------------------------------------------------- comparison view (unchanged behaviour)

const comparedLangs = new Set<string>();
function finiteOf(fig: FigureSpec, axis: "x" | "y"): number[] {
  return fig.data.flatMap((tr) => ((tr[axis] as unknown[]) ?? []).filter((v): v is number => typeof v === "number" && Number.isFinite(v)));
}
function sharedRange(figs: FigureSpec[], axis: "x" | "y"): [number, number] | undefined {
  const fixed = figs.map((f) => (f.layout[`${axis}axis`] as { range?: number[] } | undefined)?.range).filter((r): r is number[] => !!r);
  const all = figs.flatMap((f) => finiteOf(f, axis)).concat(fixed.flat());
  if (!all.length) return undefined;
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.05 || 1;
  return [lo >= 0 ? 0 : lo - pad, hi + pad];
}
function drawComparison(lang: Lang): void {
  if (comparedLangs.has(lang)) return;
  comparedLangs.add(lang);
  const box = document.querySelector<HTMLElement>(`.compare[data-compare-lang="${lang}"]`);
  if (!box) return;
  const byChart = new Map<string, HTMLElement[]>();
  for (const el of box.querySelectorAll<HTMLElement>(".plot")) byChart.set(el.dataset.cmpChart!, [...(byChart.get(el.dataset.cmpChart!) ?? []), el]);
  for (const [chart, els] of byChart) {
    const figOf = (el: HTMLElement) => {
      const v = D.variants.find((x) => x.key === el.dataset.cmpVariant);
      return v?.charts[chart] ? D.figures[v.charts[chart].f] : undefined;
    };
    const figs = els.map(figOf).filter((f): f is FigureSpec => !!f);
    const horizontal = figs.some((f) => f.data[0]?.orientation === "h");
    const y = horizontal ? undefined : sharedRange(figs, "y");
    const dates = figs.flatMap((f) => f.data.flatMap((tr) => ((tr.x as unknown[]) ?? []).filter((v): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)))).sort();
    for (const el of els) {
      const f = figOf(el);
      if (!f) continue;
      const layout: Record<string, unknown> = { ...f.layout, height: 360, title: { ...(f.layout.title as object), text: "" } };
      if (y) layout.yaxis = { ...((f.layout.yaxis as object) ?? {}), range: y, autorange: false };
      if (dates.length) layout.xaxis = { ...((f.layout.xaxis as object) ?? {}), range: [dates[0], dates[dates.length - 1]], autorange: false };
      void Plotly.newPlot(el, f.data, layout, CONFIG);
    }
  }
}

// ---------------------------------------------------------------- the view in the address

function pushView(next: PageView, replace = false): void {
  const hash = encodeView(next);
  if (replace) history.replaceState(null, "", hash || location.pathname + location.search);
  else if (hash !== location.hash) location.hash = hash;
  apply(next);
}

// Back and forward (and a pasted link) change the fragment; our own changes were applied already.
window.addEventListener("hashchange", () => {
  if (!D) return;
  const next = decodeView(location.hash, defaults);
  if (encodeView(next) !== encodeView(view)) apply(next);
});

// ---------------------------------------------------------------- allocation recompute

const ALLOC_ANCHOR = "synthetic-allocation-by-county";
const ALLOC_CHARTS = [ALLOC_ANCHOR, "synthetic-allocation-lorenz", "synthetic-allocation-waterfall-1", "synthetic-allocation-waterfall-2"];

function allocationSettings(v: PageView, inputs: PageInputs): AllocationSettings | undefined {
  const a = inputs.allocation;
  if (!a) return undefined;
  if (v.rule === undefined && v.budget === undefined && !v.w) return undefined;
  return { rule: v.rule ?? a.rules[0].name, budgetWanYuan: v.budget !== undefined ? v.budget * 10_000 : a.budgetWanYuan, weights: v.w };
}

function setHeadline(box: HTMLElement, id: string, h: { value: string; label: string; numeric: number | null; note: string }): void {
  const card = box.querySelector<HTMLElement>(`.card[data-headline="${CSS.escape(id)}"]`);
  if (!card) return;
  const value = card.querySelector<HTMLElement>(".value")!;
  value.textContent = h.value;
  if (h.numeric !== null) value.dataset.kpiValue = String(h.numeric);
  card.querySelector(".label")!.textContent = h.label;
  const note = card.querySelector(".note");
  if (note) note.textContent = `${label("synthetic", view.lang)} · ${h.note}`;
  if (h.numeric !== null) card.dataset.numeric = String(h.numeric);
  // The card's data-kpi value follows the recomputed number, so tools reading the page see what it shows.
  if (h.numeric !== null) card.querySelector<HTMLElement>(".value")!.dataset.kpiValue = String(h.numeric);
}

/** Tables as the page first showed them, to restore on reset. */
const shownTables = new WeakMap<HTMLElement, string>();
/** Replace a section table (by its `data-table` id) with a recomputed one, or restore the section's own. */
function setTable(box: HTMLElement, id: string, table: ReportTable | undefined): void {
  const el = box.querySelector<HTMLTableElement>(`table[data-table="${CSS.escape(id)}"]`);
  if (!el) return;
  if (!shownTables.has(el)) shownTables.set(el, el.innerHTML);
  el.dataset.recomputed = table ? "yes" : "";
  if (!table) {
    el.innerHTML = shownTables.get(el)!;
    return;
  }
  // As the page renders tables: a column with nothing but "—" is not drawn.
  const keep = table.columns.map((_, j) => j === 0 || table.rows.some((r) => !/^\s*(—|-|)\s*$/.test(String(r[j] ?? ""))));
  el.replaceChildren();
  el.createCaption().textContent = table.title;
  const head = el.createTHead().insertRow();
  table.columns.forEach((c, j) => keep[j] && head.append(Object.assign(document.createElement("th"), { textContent: c })));
  const body = el.createTBody();
  for (const r of table.rows) {
    const row = body.insertRow();
    r.forEach((c, j) => keep[j] && (row.insertCell().textContent = String(c)));
  }
}

type Override = { figure: FigureSpec; rows: Row[]; source: string; title: string };
/** Replace (or, with no charts, restore) the charts and headline numbers one recompute owns. */
function setOverrides(v: VariantData, ids: readonly string[], charts: { id: string; figure: FigureSpec; rows: Row[]; source: string; title: string }[] | undefined): void {
  const map = overrides.get(v.key) ?? new Map<string, Override>();
  for (const id of ids) map.delete(id);
  for (const c of charts ?? []) if (v.charts[c.id]) map.set(c.id, { figure: c.figure, rows: c.rows, source: c.source, title: c.title });
  overrides.set(v.key, map);
}

/** Settings each variant's charts were last computed with, so a view change elsewhere does not recompute them. */
const computedWith = new Map<string, string>();
function unchanged(v: VariantData, kind: string, settings: unknown): boolean {
  const key = `${v.key}|${kind}`;
  const text = JSON.stringify(settings ?? null);
  if (computedWith.get(key) === text) return true;
  computedWith.set(key, text);
  return false;
}

function recompute(v: VariantData): void {
  const inputs = inputsOf(v);
  const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
  const settings = inputs && allocationSettings(view, inputs);
  if (unchanged(v, "allocation", settings)) return;
  const status = box.querySelector<HTMLElement>(".panel.allocation .status");
  if (!inputs?.allocation || !settings) {
    setOverrides(v, ALLOC_CHARTS, undefined);
    for (const id of ["allocation-gini"]) if (v.headline[id]) setHeadline(box, id, v.headline[id]);
    setTable(box, "allocation-equity", undefined);
    const a = inputs?.allocation;
    if (status && a) status.textContent = t(`显示预设结果（${a.rules[0].name}，${formatMoneyWanYuan(a.budgetWanYuan, "zh")}）；改变设置即在页面中重新分配。`, `Showing the preset result (${a.rules[0].name}, ${formatMoneyWanYuan(a.budgetWanYuan, "en")}); change a setting to re-run the allocation in the page.`);
    return;
  }
  const t0 = performance.now();
  try {
    const out = allocationView(inputs.allocation, settings, v.lang);
    setOverrides(v, ALLOC_CHARTS, out.charts);
    for (const h of out.headline) setHeadline(box, h.id, h);
    setTable(box, "allocation-equity", out.table);
    const ms = performance.now() - t0;
    timings.allocationMs = ms;
    if (status) {
      const w = ruleWeights(out.rule);
      status.textContent = t(
        `已按所选设置重新计算（${out.result.rows.length} 个${unitLabel("{units}", "zh", inputs.allocation.unitLevel)}，${ms.toFixed(0)} 毫秒）：生均基尼系数 ${out.equity.gini.toFixed(3)}，McLoone 指数 ${out.equity.mcLooneIndex.toFixed(3)}；权重归一后为 ${Object.entries(w).map(([k, x]) => `${k} ${x.toFixed(3)}`).join("、")}。`,
        `Recomputed with these settings (${out.result.rows.length} ${unitLabel("{units}", "en", inputs.allocation.unitLevel)}, ${ms.toFixed(0)} ms): per-pupil Gini ${out.equity.gini.toFixed(3)}, McLoone ${out.equity.mcLooneIndex.toFixed(3)}; weights scaled to sum to 1: ${Object.entries(w).map(([k, x]) => `${k} ${x.toFixed(3)}`).join(", ")}.`,
      );
      status.dataset.gini = String(out.equity.gini);
      status.dataset.mcloone = String(out.equity.mcLooneIndex);
    }
  } catch (err) {
    if (status) status.textContent = `${t("无法计算：", "Cannot compute: ")}${(err as Error).message}`;
  }
}

function allocationPanel(v: VariantData): void {
  const inputs = inputsOf(v)?.allocation;
  const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
  const fig = box.querySelector<HTMLElement>(`figure[data-chart="${ALLOC_ANCHOR}"]`);
  if (!inputs || !fig) return;
  let panel = box.querySelector<HTMLElement>(".panel.allocation");
  if (!panel) {
    panel = document.createElement("div");
    panel.className = "panel allocation";
    fig.parentElement!.insertBefore(panel, fig);
  }
  const rule = inputs.rules.find((r) => r.name === view.rule) ?? inputs.rules[0];
  const weights = { ...ruleWeights(rule), ...(view.w ?? {}) };
  const budgetYi = view.budget ?? inputs.budgetWanYuan / 10_000;
  const groupLabel = (id: string) => (id === "matching" ? t("配套到位额", "delivered matching") : (v.lang === "zh" ? rule.groups.find((g) => g.id === id)?.label : undefined) ?? id);
  const kept = panel.querySelector(".status");
  panel.replaceChildren();
  const h = document.createElement("strong");
  h.textContent = t("在页面中重新计算：", "Recompute in the page: ");
  panel.append(h);
  const field = (text: string, input: HTMLElement) => {
    const l = document.createElement("label");
    l.append(`${text} `, input);
    panel!.append(l);
  };
  const select = document.createElement("select");
  select.name = "rule";
  for (const r of inputs.rules) select.add(new Option(r.name, r.name, false, r.name === rule.name));
  select.addEventListener("change", () => pushView({ ...view, rule: select.value, w: undefined }));
  field(t("规则", "rule"), select);
  const budget = document.createElement("input");
  // The reader enters the budget in the page's money unit (亿元 on the Chinese page, bn yuan on the English, as every
  // other amount on it); the URL keeps 亿元, the unit of the plans, so a link opens the same budget in either language.
  // toPrecision(12) drops the binary noise of ×0.1 and ÷0.1 (135.04 亿 ↔ 13.504 bn, not 13.504000000000001).
  const unit = moneyUnit(v.lang);
  const clean = (x: number) => Number(x.toPrecision(12));
  Object.assign(budget, { type: "number", name: "budget", min: "0.001", step: "any", value: String(clean(yiToPageUnit(budgetYi, v.lang))) });
  budget.addEventListener("change", () => {
    const x = Number(budget.value);
    if (x > 0) pushView({ ...view, budget: clean(x / unit.perYi) });
  });
  field(t("预算（亿元）", "budget (bn yuan)"), budget);
  for (const [id, w] of Object.entries(weights)) {
    const input = document.createElement("input");
    Object.assign(input, { type: "number", name: `w.${id}`, min: "0", max: "1", step: "0.05", value: String(Number(w.toFixed(4))) });
    input.addEventListener("change", () => {
      const x = Number(input.value);
      if (x >= 0) pushView({ ...view, rule: rule.name, w: { ...weights, [id]: x } });
    });
    field(`${groupLabel(id)} ${t("权重", "weight")}`, input);
  }
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = t("恢复预设", "reset");
  reset.addEventListener("click", () => pushView({ ...view, rule: undefined, budget: undefined, w: undefined }));
  panel.append(reset);
  // The status line survives the rebuild: it still describes the numbers shown when nothing was recomputed.
  const status = kept ?? document.createElement("div");
  status.className = "status";
  status.setAttribute("role", "status");
  panel.append(status);
}

// ---------------------------------------------------------------- big-class recompute

const BIG_CHARTS = ["synthetic-big-class-stock-increment"];
const BIG_HEADLINE = ["big-classes-2020", "big-class-removal-cost"];
const BIG_ANCHORS = ["synthetic-big-class-fan", "synthetic-big-class-stock-increment"];

function bigClassSettings(v: PageView, inputs: PageInputs): BigClassSettings | undefined {
  const b = inputs.bigClass;
  if (!b || (v.urb === undefined && v.speed === undefined && v.births === undefined && v.target === undefined)) return undefined;
  return { urbanization: v.urb ?? b.defaults.urbanization, speed: v.speed ?? b.defaults.speed, births: v.births ?? b.defaults.births, targetYear: v.target ?? b.defaults.targetYear };
}

function recomputeBigClass(v: VariantData): void {
  const inputs = inputsOf(v);
  const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
  const status = box.querySelector<HTMLElement>(".panel.big-class .status");
  const settings = inputs && bigClassSettings(view, inputs);
  if (unchanged(v, "big-class", settings)) return;
  if (!inputs?.bigClass || !settings) {
    setOverrides(v, BIG_CHARTS, undefined);
    for (const id of BIG_HEADLINE) if (v.headline[id]) setHeadline(box, id, v.headline[id]);
    if (status) status.textContent = t("显示情景的预设结果；改变设置即在页面中重新预测（中心预测）。", "Showing the scenario's own result; change a setting to re-run the outlook in the page (central projection).");
    return;
  }
  const t0 = performance.now();
  try {
    const out = bigClassView(inputs.bigClass, settings, v.lang, inputs.bigClass.region?.[v.lang]);
    setOverrides(v, BIG_CHARTS, out.charts);
    for (const h of out.headline) setHeadline(box, h.id, h);
    const ms = performance.now() - t0;
    timings.bigClassMs = ms;
    if (status) {
      const y = out.outlook.milestones.find((m) => m.level === "all" && m.area === "urban+town");
      const last = inputs.bigClass.base.lastYear;
      const when = (year: number | null | undefined) => (year ? t(`${year} 年`, `in ${year}`) : t(`${last} 年前不会`, `not by ${last}`));
      status.textContent = t(
        `已在页面中重新预测（${ms.toFixed(0)} 毫秒）：城镇大班额占比低于 5%：${when(y?.yearBelowLowShare)}；全部消除：${when(y?.yearBigGone)}（已规划教室平均投放）。三种情景的扇形图、缺口与成本图为预设情景的蒙特卡洛结果，不随设置变化；“消化存量、控制增量”图与顶部数字随设置更新。`,
        `Re-run in the page (${ms.toFixed(0)} ms): urban and town big classes below 5% ${when(y?.yearBelowLowShare)}; all gone ${when(y?.yearBigGone)} (planned rooms spread evenly). The fan, gap and cost charts show the three presets' Monte Carlo and do not follow the settings; the stock/increment chart and the headline numbers do.`,
      );
      status.dataset.big2020 = String(out.headline[0].numeric);
      // In the page's money unit (亿元 on the Chinese page, bn yuan on the English one), as the card states it.
      status.dataset.cost = String(out.headline[1].numeric);
    }
  } catch (err) {
    if (status) status.textContent = `${t("无法计算：", "Cannot compute: ")}${(err as Error).message}`;
  }
}

function bigClassPanel(v: VariantData): void {
  const b = inputsOf(v)?.bigClass;
  const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
  const fig = BIG_ANCHORS.map((id) => box.querySelector<HTMLElement>(`figure[data-chart="${id}"]`)).find((x) => x);
  if (!b || !fig) return;
  let panel = box.querySelector<HTMLElement>(".panel.big-class");
  if (!panel) {
    panel = document.createElement("div");
    panel.className = "panel big-class";
    fig.parentElement!.insertBefore(panel, fig);
  }
  const s = { ...b.defaults, ...(view.urb ? { urbanization: view.urb } : {}), ...(view.speed !== undefined ? { speed: view.speed } : {}), ...(view.births ? { births: view.births } : {}), ...(view.target !== undefined ? { targetYear: view.target } : {}) };
  const kept = panel.querySelector(".status");
  panel.replaceChildren();
  const h = document.createElement("strong");
  h.textContent = t("在页面中重新预测：", "Re-run in the page: ");
  panel.append(h);
  const field = (text: string, input: HTMLElement) => {
    const l = document.createElement("label");
    l.append(`${text} `, input);
    panel!.append(l);
  };
  const urb = document.createElement("select");
  urb.name = "urb";
  for (const [k, z, e] of [["slow", "慢", "slow"], ["base", "基准", "base"], ["fast", "快", "fast"]] as const) urb.add(new Option(t(z, e), k, false, k === s.urbanization));
  urb.addEventListener("change", () => pushView({ ...view, urb: urb.value as BigClassSettings["urbanization"] }));
  field(t("城镇化路径", "urbanization"), urb);
  const speed = document.createElement("input");
  Object.assign(speed, { type: "number", name: "speed", min: "0", max: "3", step: "0.1", value: String(s.speed) });
  speed.addEventListener("change", () => {
    const x = Number(speed.value);
    if (x >= 0 && x <= 3) pushView({ ...view, speed: x });
  });
  field(t("速度倍数", "speed ×"), speed);
  const births = document.createElement("select");
  births.name = "births";
  const birthLabel: Record<string, [string, string]> = {
    low: ["低方案（2024 年后）", "low (after 2024)"],
    central: ["中方案（2024 年后）", "central (after 2024)"],
    high: ["高方案（2024 年后）", "high (after 2024)"],
    "two-child": ["全面两孩（旧情景）", "two-child (older path)"],
  };
  for (const k of BIRTH_CHOICES) births.add(new Option(t(...birthLabel[k]), k, false, k === s.births));
  births.addEventListener("change", () => pushView({ ...view, births: births.value as BigClassSettings["births"] }));
  field(t("出生情景", "births"), births);
  const target = document.createElement("input");
  Object.assign(target, { type: "number", name: "target", min: String(b.base.baseYear + 1), max: String(b.base.lastYear), step: "1", value: String(s.targetYear) });
  target.addEventListener("change", () => {
    const x = Number(target.value);
    if (Number.isInteger(x) && x > b.base.baseYear && x <= b.base.lastYear) pushView({ ...view, target: x });
  });
  field(t("消除目标年", "target year"), target);
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = t("恢复预设", "reset");
  reset.addEventListener("click", () => pushView({ ...view, urb: undefined, speed: undefined, births: undefined, target: undefined }));
  panel.append(reset);
  // The status line survives the rebuild: it still describes the numbers shown when nothing was recomputed.
  const status = kept ?? document.createElement("div");
  status.className = "status";
  status.setAttribute("role", "status");
  panel.append(status);
}

// ---------------------------------------------------------------- deadline and target level

const PROGRESS_ANCHOR = "progress-fan-province-completion-rate";
const PROGRESS_HEADLINE = ["p-completion-equipment-70", "p-completion-70", "counties-at-risk"];
const progressCharts = (inputs: PageInputs | undefined) => [...Object.keys(inputs?.forecast?.province ?? {}).map((i) => `progress-fan-province-${i.replace("_", "-")}`), "progress-target-probability-completion"];

/** The deadline and level the view sets, or the scenario's when it sets neither (undefined: nothing to recount). */
function deadlineSettings(v: PageView, inputs: PageInputs | undefined, always = false): DeadlineSettings | undefined {
  const f = inputs?.forecast;
  if (!f || (!always && v.deadline === undefined && v.level === undefined)) return undefined;
  return { deadline: v.deadline ?? f.deadline, level: v.level !== undefined ? v.level / 100 : f.level };
}

function recomputeDeadline(v: VariantData): void {
  const inputs = inputsOf(v);
  const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
  const status = box.querySelector<HTMLElement>(".panel.deadline .status");
  const settings = deadlineSettings(view, inputs);
  if (unchanged(v, "deadline", settings)) return;
  const f = inputs?.forecast;
  if (!f || !settings) {
    setOverrides(v, progressCharts(inputs), undefined);
    for (const id of PROGRESS_HEADLINE) if (v.headline[id]) setHeadline(box, id, v.headline[id]);
    if (status && f) {
      status.textContent = t(`显示情景的预设结果（截止 ${f.deadline}，目标 70%）；改变截止日期或目标即在页面中按 ${f.draws} 次联合模拟重新计数。`, `Showing the scenario's own result (deadline ${f.deadline}, target 70%); change the deadline or the level to recount the ${f.draws} joint draws in the page.`);
      delete status.dataset.joint;
    }
    return;
  }
  const t0 = performance.now();
  try {
    const out = deadlineView(f, settings, v.lang);
    setOverrides(v, progressCharts(inputs), out.charts);
    for (const h of out.headline) setHeadline(box, h.id, h);
    // Cards the recount does not own at this level keep the scenario's numbers.
    for (const id of PROGRESS_HEADLINE) if (v.headline[id] && !out.headline.some((h) => h.id === id)) setHeadline(box, id, v.headline[id]);
    timings.deadlineMs = performance.now() - t0;
    if (status) {
      const L = `${Math.round(settings.level * 100)}%`;
      const p = (x: number) => supportedText(x);
      const both = JOINT_INDICATORS.every((i) => f.crossings[i]);
      const product = both ? JOINT_INDICATORS.reduce((a, i) => a * out.single[i], 1) : undefined;
      status.textContent = t(
        `已按 ${settings.deadline}、目标 ${L} 重新计数 ${f.draws} 次联合模拟（${timings.deadlineMs.toFixed(0)} 毫秒）：${Object.entries(out.single).map(([i, x]) => `${indicatorName(i, "zh")} ${p(x)}`).join("，")}${out.joint !== undefined ? `；竣工率与设备采购完成率同时达到 ${p(out.joint)}（按同一次模拟计数${p(product!) !== p(out.joint) ? `，不是乘积 ${p(product!)}` : ""}）` : ""}。`,
        `Recounted the ${f.draws} joint draws for ${settings.deadline} and ${L} (${timings.deadlineMs.toFixed(0)} ms): ${Object.entries(out.single).map(([i, x]) => `${indicatorName(i, "en")} ${p(x)}`).join(", ")}${out.joint !== undefined ? `; completion and equipment together ${p(out.joint)} (counted within each draw${p(product!) !== p(out.joint) ? `, not the product ${p(product!)}` : ""})` : ""}.`,
      );
      const countiesFollow = out.headline.some((h) => h.id === "counties-at-risk");
      status.append(
        t(
          countiesFollow ? "各县达标概率图与“达标概率低于一半的县”按同一截止日期重新计数（各县 70% 竣工的模拟日期随页面携带）。" : "各县达标概率图与“达标概率低于一半的县”只在目标为 70% 时重新计数，现显示情景的结果。",
          countiesFollow ? " The county probability chart and the count of counties with less than even odds are recounted for the same deadline (each county's simulated 70% completion dates travel with the page)." : " The county probability chart and the count of counties with less than even odds are recounted at 70% only; they show the scenario's result now.",
        ),
      );
      if (out.joint !== undefined) status.dataset.joint = String(out.joint);
    }
  } catch (err) {
    if (status) status.textContent = `${t("无法计算：", "Cannot compute: ")}${(err as Error).message}`;
  }
}

function deadlinePanel(v: VariantData): void {
  const f = inputsOf(v)?.forecast;
  const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
  const fig = box.querySelector<HTMLElement>(`figure[data-chart="${PROGRESS_ANCHOR}"]`);
  if (!f || !fig) return;
  let panel = box.querySelector<HTMLElement>(".panel.deadline");
  if (!panel) {
    panel = document.createElement("div");
    panel.className = "panel deadline";
    fig.parentElement!.insertBefore(panel, fig);
  }
  const s = deadlineSettings(view, inputsOf(v), true)!;
  const kept = panel.querySelector(".status");
  panel.replaceChildren();
  const h = document.createElement("strong");
  h.textContent = t("在页面中重新计数：", "Recount in the page: ");
  panel.append(h);
  const field = (text: string, input: HTMLElement) => {
    const l = document.createElement("label");
    l.append(`${text} `, input);
    panel!.append(l);
  };
  const deadline = document.createElement("input");
  Object.assign(deadline, { type: "date", name: "deadline", min: f.origin, max: f.horizon, value: s.deadline });
  deadline.addEventListener("change", () => {
    const x = deadline.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(x) && x > f.origin && x <= f.horizon) pushView({ ...view, deadline: x });
  });
  field(t("截止日期", "deadline"), deadline);
  const level = document.createElement("select");
  level.name = "level";
  for (const l of f.levels) level.add(new Option(`${Math.round(l * 100)}%`, String(Math.round(l * 100)), false, Math.abs(l - s.level) < 1e-9));
  level.addEventListener("change", () => pushView({ ...view, level: Number(level.value) }));
  field(t("目标（竣工率与设备采购完成率）", "target (completion and equipment)"), level);
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = t("恢复预设", "reset");
  reset.addEventListener("click", () => pushView({ ...view, deadline: undefined, level: undefined }));
  panel.append(reset);
  const status = kept ?? document.createElement("div");
  status.className = "status";
  status.setAttribute("role", "status");
  panel.append(status);
}

// ---------------------------------------------------------------- county drill-down

function countiesOf(v: VariantData) {
  return inputsOf(v)?.counties ?? [];
}

function findCounty(v: VariantData, text: string): string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const list = countiesOf(v);
  const m = /[（(]([^()（）]+)[)）]\s*$/.exec(s);
  return (list.find((c) => c.id === s || c.name === s) ?? (m ? list.find((c) => c.id === m[1]) : undefined) ?? list.find((c) => c.name.includes(s)))?.id;
}

function pickCounty(pt: Record<string, unknown> | undefined): void {
  if (!pt) return;
  const v = variantOf(view);
  for (const cand of [pt.customdata, pt.x, pt.y, pt.text, pt.hovertext, pt.label]) {
    if (typeof cand !== "string") continue;
    const hit = countiesOf(v).find((c) => c.id === cand || c.name === cand);
    if (hit) return pushView({ ...view, county: hit.id });
  }
}

function renderDrill(v: VariantData): void {
  const drill = document.getElementById("drill")!;
  const inputs = inputsOf(v);
  const county = view.county && inputs?.counties.find((c) => c.id === view.county);
  if (!county || !inputs?.allocation) {
    drill.hidden = true;
    drill.innerHTML = "";
    return;
  }
  const a = inputs.allocation;
  const settings = allocationSettings(view, inputs) ?? { rule: a.rules[0].name, budgetWanYuan: a.budgetWanYuan };
  const result = countyAllocation(a, settings, county.id, v.lang);
  drill.hidden = false;
  drill.innerHTML = "";
  drill.lang = v.lang === "zh" ? "zh-CN" : "en";
  const sec = document.createElement("section");
  sec.dataset.county = county.id;
  const h = document.createElement("h2");
  // The national view's units are province-level: the panel names them as the page's charts do.
  const noun = (text: string, lang: Lang) => unitLabel(text, lang, a.unitLevel);
  const unitEn = noun("{unit}", "en");
  // One language per page: the English panel names a synthetic place in English (Synthetic province 05).
  const shownName = v.lang === "zh" ? result.countyName : placeName(result.countyName, "en");
  h.textContent = t(`${noun("{unit}", "zh")}视图：${result.countyName}（${county.id}）`, `${unitEn.charAt(0).toUpperCase()}${unitEn.slice(1)} view: ${shownName} (${county.id})`);
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = t("关闭", "close");
  close.style.marginLeft = "12px";
  close.addEventListener("click", () => pushView({ ...view, county: undefined }));
  h.append(close);
  const p = document.createElement("p");
  p.textContent = t(
    `${label("synthetic", v.lang)}：该${noun("{unit}", "zh")}在每个预设分配规则下的分配额、生均额与排名（1 = 生均最多，共 ${result.rules[0].of} 个${noun("{units}", "zh")}），以及解释分配额的因素瀑布图；预算 ${formatMoneyWanYuan(settings.budgetWanYuan, "zh")}${view.w ? `，${settings.rule} 使用所设权重` : ""}。`,
    `${label("synthetic", v.lang)}: the ${unitEn}'s allocation, amount per pupil and rank (1 = most per pupil, of ${result.rules[0].of}) under each preset rule, and the waterfall that explains it; budget ${formatMoneyWanYuan(settings.budgetWanYuan, "en")}${view.w ? `, ${settings.rule} with the weights set` : ""}.`,
  );
  const table = document.createElement("table");
  table.className = "ranks";
  const head = table.createTHead().insertRow();
  for (const c of [t("规则", "rule"), t("分配额（万元）", "allocation (10,000 yuan)"), t("生均（元）", "per pupil (yuan)"), t("排名", "rank")]) head.append(Object.assign(document.createElement("th"), { textContent: c }));
  const body = table.createTBody();
  for (const r of result.rules) {
    const row = body.insertRow();
    row.dataset.rule = r.ruleName;
    for (const c of [r.ruleName, r.allocationWanYuan.toLocaleString("en-US", { maximumFractionDigits: 2 }), r.perPupilYuan.toFixed(2), `${r.rank} / ${r.of}`]) row.insertCell().textContent = c;
  }
  const grid = document.createElement("div");
  grid.className = "grid";
  sec.append(h, p, table);
  const charts: Chart[] = [];
  // Progress: the county's own reports for every indicator, and where it stands among the counties.
  const progress = inputs.progress && countyProgress(inputs.progress, county.id, shownName, v.lang);
  if (progress) {
    const name = (k: string) => label(k, v.lang);
    const line = document.createElement("p");
    line.className = "progress-ranks";
    line.textContent = t(
      `截至 ${progress.ranks[0]?.asOf ?? "—"} 的上报：${progress.ranks.map((r) => `${name(r.indicator)} ${r.value === null ? "—" : `${(r.value * 100).toFixed(1)}%（第 ${r.rank} / ${r.of}）`}`).join("；")}。`,
      `Reported by ${progress.ranks[0]?.asOf ?? "—"}: ${progress.ranks.map((r) => `${name(r.indicator)} ${r.value === null ? "—" : `${(r.value * 100).toFixed(1)}% (rank ${r.rank} of ${r.of})`}`).join("; ")}.`,
    );
    sec.append(line);
  }
  // Forecasts: the county's fan for every indicator, from the same joint draws as the province's, with its
  // median at the deadline shown and its rank by it; without forecasts, its reports.
  const f = inputs.forecast;
  const series = inputs.progress;
  const ds = deadlineSettings(view, inputs, true);
  const history = Object.fromEntries(
    (series?.indicators ?? []).map((i) => {
      const own = series!.counties[county.id]?.[i] ?? [];
      const at = series!.dates.map((d, k) => [d, own[k]] as const).filter(([d, y]) => y !== null && y !== undefined && d <= (f?.origin ?? series!.asOf ?? d));
      return [i, { dates: at.map(([d]) => d), y: at.map(([, y]) => y as number) }];
    }),
  );
  const fans = f && ds ? countyForecasts(f, county.id, shownName, history, ds, v.lang) : undefined;
  if (fans) {
    const line = document.createElement("p");
    line.className = "forecast-line";
    const band = (a: { median: number; lower: number; upper: number }) => `${Math.round(a.median * 100)}%${t("（", " (")}${Math.round(a.lower * 100)}–${Math.round(a.upper * 100)}%`;
    line.textContent = t(
      `预测（截至 ${f!.origin} 的报告，${f!.draws} 次联合模拟，已校准）：到 ${ds!.deadline}，${fans.atDeadline.map((a) => `${indicatorName(a.indicator, "zh")}中位数 ${band(a)}，第 ${a.rank} / ${a.of}）`).join("；")}。`,
      `Forecast (reports to ${f!.origin}, ${f!.draws} joint draws, calibrated): by ${ds!.deadline}, ${fans.atDeadline.map((a) => `${indicatorName(a.indicator, "en")} median ${band(a)}, rank ${a.rank} of ${a.of})`).join("; ")}.`,
    );
    sec.append(line);
    charts.push(...fans.charts);
  } else if (progress) charts.push(progress.chart);
  // Big classes: the county's own outlook under the page's settings (or the scenario's).
  const b = inputs.bigClass;
  if (b) {
    const bs = bigClassSettings(view, inputs) ?? b.defaults;
    const own = countyBigClass(b, bs, county.id, v.lang, shownName);
    if (own) {
      const ut = own.outlook.rows.filter((r) => r.level === "all" && r.area === "urban+town");
      const at = (y: number) => ut.find((r) => r.year === y);
      const cost = own.outlook.costByTargetYear.find((c) => c.targetYear === bs.targetYear);
      const line = document.createElement("p");
      line.className = "big-class-line";
      line.textContent = t(
        `大班额（城镇，中心预测）：${b.base.baseYear} 年 ${Math.round(at(b.base.baseYear)?.big ?? 0)} 个，2020 年 ${Math.round(at(2020)?.big ?? 0)} 个；${bs.targetYear} 年前消除需新建教室 ${Math.round(cost?.newClassrooms ?? 0)} 间、${formatMoneyWanYuan(cost?.costWanYuan ?? 0, "zh")}。`,
        `Big classes (urban and town, central projection): ${Math.round(at(b.base.baseYear)?.big ?? 0)} in ${b.base.baseYear}, ${Math.round(at(2020)?.big ?? 0)} in 2020; removing them by ${bs.targetYear} takes ${Math.round(cost?.newClassrooms ?? 0)} new classrooms, ${formatMoneyWanYuan(cost?.costWanYuan ?? 0, "en")}.`,
      );
      sec.append(line);
      charts.push(own.chart);
    }
  }
  charts.push(...result.rules.map((r) => r.chart));
  sec.append(grid);
  drill.append(sec);
  for (const c of charts) {
    const fig = document.createElement("figure");
    fig.className = "chart";
    fig.dataset.chart = c.id;
    const plot = document.createElement("div");
    plot.className = "plot";
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", chartSummary(c.title, c.figure.data, v.lang));
    grid.append(fig);
    fig.append(plot);
    void Plotly.newPlot(plot, c.figure.data, { ...c.figure.layout, height: 400 }, CONFIG);
  }
}

// ---------------------------------------------------------------- downloads and table view

function download(name: string, blob: Blob): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function onTool(button: HTMLElement): void {
  const fig = button.closest<HTMLElement>("figure")!;
  const box = fig.closest<HTMLElement>(".variant");
  const v = D.variants.find((x) => x.key === box?.dataset.variant);
  const id = fig.dataset.chart!;
  if (!v || !v.charts[id]) return;
  const ref = v.charts[id];
  const { rows, source, title } = chartData(v, id);
  const mark = label(ref.provenance, v.lang);
  const table = chartDataTable(rows, { provenance: mark, source });
  const stem = v.scenario ? `${v.scenario}-${id}` : id;
  const action = button.dataset.action;
  if (action === "csv") download(`${stem}.csv`, new Blob([tableCsv(table)], { type: "text/csv;charset=utf-8" }));
  if (action === "xlsx") {
    const about: (string | number)[][] = [
      [t("图表", "chart"), title],
      [t("数据性质", "provenance"), mark],
      [t("来源", "source"), source],
      [t("情景", "scenario"), v.scenario],
      [t("页面视图", "page view"), location.href],
      [t("生成", "generated by"), "gaibo"],
    ];
    const bytes = xlsxWorkbook([
      { name: "data", rows: [table.columns, ...table.rows] },
      { name: "about", rows: about },
    ]);
    download(`${stem}.xlsx`, new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  }
  if (action === "table") {
    const holder = fig.querySelector<HTMLElement>(".tableview")!;
    const open = holder.hidden;
    holder.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) {
      const el = document.createElement("table");
      el.createCaption().textContent = chartSummary(title, chartData(v, id).figure.data, v.lang);
      const head = el.createTHead().insertRow();
      for (const c of table.columns) head.append(Object.assign(document.createElement("th"), { textContent: c, scope: "col" }));
      const body = el.createTBody();
      for (const r of table.rows) {
        const row = body.insertRow();
        for (const c of r) row.insertCell().textContent = c === null || c === undefined ? "" : typeof c === "number" ? String(Number(c.toPrecision(10))) : String(c);
      }
      holder.replaceChildren(el);
    }
  }
}

document.addEventListener("click", (e) => {
  if (!D) return;
  const target = e.target as HTMLElement;
  const tool = target.closest<HTMLElement>("figure .tools button[data-action]");
  if (tool) return onTool(tool);
  const link = target.closest<HTMLAnchorElement>("nav a[data-section]");
  if (link) {
    // The fragment holds the view, so section links scroll instead of changing it.
    e.preventDefault();
    document.getElementById(link.dataset.section!)?.scrollIntoView();
    return;
  }
  const lang = target.closest<HTMLElement>(".switch button[data-lang]");
  if (lang) return pushView({ ...view, lang: lang.dataset.lang as Lang });
  const scen = target.closest<HTMLElement>(".scenarios button[data-scenario]");
  if (scen) return pushView(scen.dataset.scenario === "*compare" ? { ...view, compare: true } : { ...view, s: scen.dataset.scenario!, compare: undefined });
});

const search = document.querySelector<HTMLInputElement>(".toolbar .county input");
search?.addEventListener("change", () => {
  if (!D) return;
  const id = findCounty(variantOf(view), search.value);
  pushView({ ...view, county: id });
});

// ---------------------------------------------------------------- apply a view

let shownLang: Lang | undefined;
function apply(next: PageView): void {
  view = next;
  const v = variantOf(view);
  if (view.compare) {
    for (const el of document.querySelectorAll<HTMLElement>(".variant")) el.hidden = true;
    for (const el of document.querySelectorAll<HTMLElement>(".compare")) el.hidden = el.dataset.compareLang !== view.lang;
    document.getElementById("drill")!.hidden = true;
    drawComparison(view.lang);
  } else {
    for (const el of document.querySelectorAll<HTMLElement>(".variant")) el.hidden = el.dataset.variant !== v.key;
    for (const el of document.querySelectorAll<HTMLElement>(".compare")) el.hidden = true;
    allocationPanel(v);
    recompute(v);
    deadlinePanel(v);
    recomputeDeadline(v);
    bigClassPanel(v);
    renderDrill(v);
    drawVisible();
    // The outlook takes about half a second: draw the page first, then re-run it and redraw what it replaces.
    const key = `${v.key}|big-class`;
    const inputs = inputsOf(v);
    if (computedWith.get(key) !== JSON.stringify((inputs && bigClassSettings(view, inputs)) ?? null)) {
      document.body.dataset.drawn = "";
      recomputePending = true;
      const status = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"] .panel.big-class .status`);
      if (status) status.textContent = t("正在重新预测…", "Re-running the outlook…");
      const shown = view;
      setTimeout(() => {
        recomputePending = false;
        if (view !== shown) return;
        recomputeBigClass(v);
        drawVisible();
      }, 30);
    }
    const box = document.querySelector<HTMLElement>(`.variant[data-variant="${CSS.escape(v.key)}"]`)!;
    document.title = box.querySelector("h1")?.textContent ?? document.title;
  }
  document.documentElement.lang = view.lang === "zh" ? "zh-CN" : "en";
  for (const b of document.querySelectorAll<HTMLElement>(".switch button")) b.classList.toggle("on", b.dataset.lang === view.lang);
  for (const b of document.querySelectorAll<HTMLElement>(".scenarios button")) b.classList.toggle("on", view.compare ? b.dataset.scenario === "*compare" : b.dataset.scenario === v.scenario);
  if (shownLang !== view.lang) {
    shownLang = view.lang;
    for (const el of document.querySelectorAll<HTMLElement>(".toolbar [data-zh]")) el.textContent = el.dataset[view.lang] ?? el.textContent;
    for (const el of document.querySelectorAll<HTMLInputElement>(".toolbar [data-zh-placeholder]")) el.placeholder = el.dataset[`${view.lang}Placeholder`] ?? "";
    const list = document.getElementById("county-list");
    // One language per page: the English list names synthetic places in English; the code in brackets is what a pick reads.
    if (list) list.replaceChildren(...countiesOf(v).map((c) => new Option(view.lang === "zh" ? `${c.name}（${c.id}）` : `${placeName(c.name, "en")} (${c.id})`)));
  }
  const picked = view.county ? countiesOf(v).find((c) => c.id === view.county) : undefined;
  if (search) search.value = view.county ? (picked ? (view.lang === "zh" ? picked.name : `${placeName(picked.name, "en")} (${picked.id})`) : view.county) : "";
}

void (async () => {
  try {
    D = await readData();
  } catch (err) {
    const note = document.createElement("p");
    note.className = "panel";
    note.textContent = `本浏览器无法解压页面中的数据（需要 DecompressionStream）；请用较新的 Chrome、Edge、Firefox 或 Safari 打开。 This browser cannot inflate the page's data (DecompressionStream is missing): open it in a recent Chrome, Edge, Firefox or Safari. (${(err as Error).message})`;
    document.body.prepend(note);
    return;
  }
  D.inputs = D.inputs.map((x) => resolve(x, 2) as PageInputs);
  defaults = { s: D.variants[0].scenario, lang: D.variants[0].lang };
  view = { ...defaults };
  // Scripts and tests that read a variant's figures by key and chart id (the page's former global), as drawn now.
  Object.defineProperty(window, "FIGURES", {
    get: () => Object.fromEntries(D.variants.map((v) => [v.key, Object.fromEntries(Object.keys(v.charts).map((id) => [id, chartData(v, id).figure]))])),
  });
  apply(decodeView(location.hash, defaults));
})();
