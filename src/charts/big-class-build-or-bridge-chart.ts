import type { Lang } from "../shared/i18n.js";
import { makeChart, type Chart } from "./figure.js";

/** One year of the build-or-bridge comparison (classrooms beyond the base year's). */
export interface BuildOrBridgePoint {
  year: number;
  /** Classrooms needed for no 56+ class and for no 66+ class. */
  needBig: number;
  needVeryBig: number;
  /** Permanent classrooms standing on the build-only path, and on the mixed path. */
  buildStock: number;
  mixedStock: number;
  /** Empty permanent classrooms on the build-only path. */
  stranded: number;
}

/** Options of bigClassBuildOrBridgeChart. */
export interface BuildOrBridgeChartOptions {
  lang: Lang;
  source: string;
  id?: string;
  targetYear: number;
}

const L = {
  needBig: { zh: "所需教室：无 56 人以上大班", en: "rooms needed: no class of 56+" },
  needVeryBig: { zh: "所需教室：无 66 人以上超大班", en: "rooms needed: no class of 66+" },
  build: { zh: "只建永久教室：已建", en: "build only: permanent rooms" },
  mixed: { zh: "建长期所需、租借补高峰：永久教室", en: "build the lasting need, bridge the peak: permanent rooms" },
  stranded: { zh: "只建永久教室：空置教室", en: "build only: empty rooms (stranded)" },
  y: { zh: "教室（间，基期之外）", en: "classrooms beyond the base year's" },
  year: { zh: "学年", en: "school year" },
  title: { zh: "建还是租借：合成省城镇学校所需教室与空置", en: "Build or bridge: classrooms needed and left empty (synthetic province, urban and town)" },
  target: { zh: "目标年", en: "target year" },
} as const;

/**
 * Build or bridge through the turn: the classrooms needed each year (for no 56+ and no 66+ class), the permanent
 * stock of the build-only path (which cannot fall when pupils do) with its empty rooms, and the permanent stock of
 * the mixed path (only the lasting need built; the gap up to the need line is temporary capacity).
 *
 * @param points one row per year
 * @param options language, source, id, target year
 * @returns the chart, provenance synthetic
 * @example bigClassBuildOrBridgeChart([{ year: 2030, needBig: 5, needVeryBig: 1, buildStock: 9, mixedStock: 5, stranded: 4 }], { lang: "en", source: "gaibo", targetYear: 2020 }).rows[0].stranded // 4
 */
export function bigClassBuildOrBridgeChart(points: readonly BuildOrBridgePoint[], options: BuildOrBridgeChartOptions): Chart {
  const { lang } = options;
  const x = points.map((p) => p.year);
  const data: Record<string, unknown>[] = [
    { type: "bar", x, y: points.map((p) => p.stranded), name: L.stranded[lang], marker: { color: "rgba(176,58,46,0.35)" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines", x, y: points.map((p) => p.buildStock), name: L.build[lang], line: { color: "#b03a2e", width: 2.5, shape: "hv" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines", x, y: points.map((p) => p.mixedStock), name: L.mixed[lang], line: { color: "#2a7f62", width: 2.5, shape: "hv" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines+markers", x, y: points.map((p) => p.needBig), name: L.needBig[lang], line: { color: "#1f5fa8", width: 2 }, marker: { size: 5 }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
    { type: "scatter", mode: "lines", x, y: points.map((p) => p.needVeryBig), name: L.needVeryBig[lang], line: { color: "#1f5fa8", width: 1.5, dash: "dash" }, hovertemplate: "%{x}: %{y:,.0f}<extra></extra>" },
  ];
  return makeChart({
    id: options.id ?? "synthetic-build-or-bridge",
    title: L.title[lang],
    provenance: "synthetic",
    source: options.source,
    lang,
    rows: points.map((p) => ({ ...p })),
    data,
    layout: {
      xaxis: { title: { text: L.year[lang] }, dtick: 2 },
      yaxis: { title: { text: L.y[lang] }, rangemode: "tozero", gridcolor: "#e6e6e6", tickformat: ",d" },
      legend: { orientation: "h", y: -0.25 },
      height: 500,
      shapes: [{ type: "line", x0: options.targetYear, x1: options.targetYear, yref: "paper", y0: 0, y1: 1, line: { color: "#888", dash: "dot", width: 1 } }],
      annotations: [{ x: options.targetYear, yref: "paper", y: 1, text: L.target[lang], showarrow: false, yanchor: "bottom", font: { size: 11, color: "#666" } }],
    },
  });
}
