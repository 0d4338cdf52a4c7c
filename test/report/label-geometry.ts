/**
 * Geometry of the text drawn in a chart's SVG, and the faults a reader sees: two labels drawn over each
 * other, or a label cut by the chart's edge, a clip region (plot area, legend) or the page's edge.
 *
 * The browser side (`collectChartText`) is a plain function passed to `page.evaluate`; it must not use
 * imports or helpers from this module (playwright serialises only its own body). The judging side
 * (`labelFaults`) is pure and unit-tested with hand-made boxes.
 */

/** A point in page pixels. */
export interface Pt {
  x: number;
  y: number;
}

/** One drawn text: its outline (four corners, rotated text stays a rotated box) and the regions that may cut it. */
export interface TextBox {
  text: string;
  /** What plotly drew it as: tick, legend, title, axis-title, annotation, data, other. */
  kind: string;
  /** Corners in page pixels, in drawing order. */
  quad: Pt[];
  /** Rectangles (page pixels) this text must stay inside: the chart's SVG and every clip path above it. */
  bounds: { name: string; quad: Pt[] }[];
}

/** All text of one drawn chart. */
export interface ChartText {
  chart: string;
  texts: TextBox[];
  /** Page width in pixels (text beyond it is cut off the page). */
  pageWidth: number;
}

/** One fault: which chart, what kind, the text(s) concerned. */
export interface LabelFault {
  chart: string;
  kind: "overlap" | "cut";
  detail: string;
}

const axes = (q: Pt[]): Pt[] =>
  q.map((p, i) => {
    const n = q[(i + 1) % q.length];
    return { x: -(n.y - p.y), y: n.x - p.x };
  });

/** Depth (pixels) by which two convex quads overlap along their least-overlapping axis; ≤ 0 means apart. */
export function overlapDepth(a: Pt[], b: Pt[]): number {
  let depth = Infinity;
  for (const ax of [...axes(a), ...axes(b)]) {
    const len = Math.hypot(ax.x, ax.y);
    if (len < 1e-9) continue;
    const proj = (q: Pt[]) => q.map((p) => (p.x * ax.x + p.y * ax.y) / len);
    const pa = proj(a);
    const pb = proj(b);
    const d = Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
    depth = Math.min(depth, d);
    if (depth <= 0) return depth;
  }
  return depth;
}

/** How far (pixels) the quad `q` sticks out of the axis-aligned box of `bound`; 0 when inside. */
export function overhang(q: Pt[], bound: Pt[]): number {
  const bx = bound.map((p) => p.x);
  const by = bound.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...bx), Math.max(...bx), Math.min(...by), Math.max(...by)];
  return Math.max(0, ...q.map((p) => Math.max(x0 - p.x, p.x - x1, y0 - p.y, p.y - y1)));
}

/**
 * The faults of one chart. Tolerances: the collected outlines are already trimmed to the glyphs' ink
 * height (a font's line box is ~1.45 em for CJK fonts, the ink ~1 em), so any positive overlap deeper
 * than `overlapPx` (default 1 px) is a fault, and any overhang past a bound deeper than `cutPx`
 * (default 1.5 px) is a cut.
 */
export function labelFaults(c: ChartText, overlapPx = 1, cutPx = 1.5): LabelFault[] {
  const out: LabelFault[] = [];
  const t = c.texts;
  for (let i = 0; i < t.length; i++) {
    // One cut per text: the first bound it crosses (chart edge, then clip regions, then the page).
    for (const b of [...t[i].bounds, { name: "page", quad: [{ x: 0, y: -1e9 }, { x: c.pageWidth, y: 1e9 }] }]) {
      const h = overhang(t[i].quad, b.quad);
      if (h > cutPx) {
        out.push({ chart: c.chart, kind: "cut", detail: `${t[i].kind} “${t[i].text}” cut by ${b.name} (${h.toFixed(0)} px)` });
        break;
      }
    }
    for (let j = i + 1; j < t.length; j++) {
      const d = overlapDepth(t[i].quad, t[j].quad);
      if (d > overlapPx) out.push({ chart: c.chart, kind: "overlap", detail: `${t[i].kind} “${t[i].text}” over ${t[j].kind} “${t[j].text}” (${d.toFixed(0)} px)` });
    }
  }
  return out;
}

/**
 * Runs in the page: the outline of every visible text in every drawn chart under `rootSelector`.
 * Self-contained on purpose (see the module note).
 */
export function collectChartText(rootSelector: string): ChartText[] {
  const pageWidth = document.documentElement.clientWidth;
  const result: ChartText[] = [];
  const corners = (el: SVGGraphicsElement, x: number, y: number, w: number, h: number) => {
    const m = el.getScreenCTM();
    if (!m) return [];
    return [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ].map(([px, py]) => ({ x: m.a * px + m.c * py + m.e + window.scrollX, y: m.b * px + m.d * py + m.f + window.scrollY }));
  };
  const kindOf = (el: Element): string => {
    for (let a: Element | null = el; a; a = a.parentElement) {
      const cl = a.classList;
      if (cl.contains("xtick") || cl.contains("ytick") || cl.contains("x2tick") || cl.contains("y2tick") || /tick$/.test(a.getAttribute("class") ?? "")) return "tick";
      if (cl.contains("legend")) return "legend";
      if (cl.contains("gtitle") || cl.contains("g-gtitle")) return "title";
      if (cl.contains("g-xtitle") || cl.contains("g-ytitle") || /^g-[xy]\d*title$/.test(a.getAttribute("class") ?? "")) return "axis-title";
      if (cl.contains("annotation")) return "annotation";
      if (cl.contains("textpoint") || cl.contains("bartext") || cl.contains("slicetext")) return "data";
      if (cl.contains("main-svg")) break;
    }
    return "other";
  };
  for (const plot of document.querySelectorAll<HTMLElement>(rootSelector)) {
    const svgs = [...plot.querySelectorAll<SVGSVGElement>("svg.main-svg")];
    if (svgs.length === 0 || plot.offsetParent === null) continue;
    const r = svgs[0].getBoundingClientRect();
    const svgQuad = [
      { x: r.left + window.scrollX, y: r.top + window.scrollY },
      { x: r.right + window.scrollX, y: r.bottom + window.scrollY },
    ];
    const texts: TextBox[] = [];
    for (const svg of svgs) {
      for (const el of svg.querySelectorAll<SVGTextElement>("text")) {
        if (el.closest(".hoverlayer")) continue;
        const s = (el.textContent ?? "").trim();
        if (!s) continue;
        let hidden = false;
        for (let a: Element | null = el; a && a !== svg; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.display === "none" || cs.visibility === "hidden" || Number(cs.opacity) === 0) hidden = true;
        }
        if (hidden) continue;
        const bb = el.getBBox();
        if (bb.width < 0.5 || bb.height < 0.5) continue;
        // Keep the ink: the middle 64% of the line box (CJK fonts' line box is ~1.45 em, their ink ~0.9 em).
        const trim = bb.height * 0.18;
        const quad = corners(el, bb.x + 0.5, bb.y + trim, Math.max(0, bb.width - 1), bb.height - 2 * trim);
        const bounds = [{ name: "chart edge", quad: svgQuad }];
        for (let a: Element | null = el; a && a !== svg; a = a.parentElement) {
          const ref = a.getAttribute("clip-path");
          const id = ref && /url\(["']?#([^)"']+)["']?\)/.exec(ref)?.[1];
          const rect = id ? svg.ownerDocument.getElementById(id)?.querySelector("rect") : null;
          if (rect) {
            const x = Number(rect.getAttribute("x") ?? 0);
            const y = Number(rect.getAttribute("y") ?? 0);
            const w = Number(rect.getAttribute("width") ?? 0);
            const h = Number(rect.getAttribute("height") ?? 0);
            const ctm = corners(a as SVGGraphicsElement, x, y, w, h);
            if (ctm.length) bounds.push({ name: a.classList.contains("legend") || a.closest(".legend") ? "legend clip" : "plot-area clip", quad: ctm });
          }
        }
        texts.push({ text: s.length > 40 ? s.slice(0, 40) + "…" : s, kind: kindOf(el), quad, bounds });
      }
    }
    const fig = plot.closest("[data-chart]") as HTMLElement | null;
    const variant = plot.closest("[data-variant]") as HTMLElement | null;
    const name = plot.dataset.cmpChart ? `compare:${plot.dataset.cmpVariant}:${plot.dataset.cmpChart}` : `${variant?.dataset.variant ?? "?"}:${fig?.dataset.chart ?? plot.id}`;
    result.push({ chart: name, texts, pageWidth });
  }
  return result;
}
