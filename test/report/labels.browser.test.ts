import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReport } from "../../src/cli/report-command.js";
import { collectChartText, labelFaults, overhang, overlapDepth, type ChartText, type LabelFault } from "./label-geometry.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);

describe("labelFaults (pure geometry, hand-made boxes)", () => {
  const box = (x: number, y: number, w: number, h: number) => [
    { x, y },
    { x: x + w, y },
    { x: x + w, y: y + h },
    { x, y: y + h },
  ];
  it("overlapDepth(a, b) is the smallest penetration: 4 px for boxes sharing a 4 px strip, ≤ 0 for boxes apart", () => {
    expect(overlapDepth(box(0, 0, 10, 10), box(6, 2, 10, 10))).toBeCloseTo(4, 9);
    expect(overlapDepth(box(0, 0, 10, 10), box(12, 0, 10, 10))).toBeLessThanOrEqual(0);
    // Two 45°-rotated tick labels side by side: their axis-aligned boxes overlap, the rotated ones do not.
    const rot = (cx: number) => [
      { x: cx, y: 0 },
      { x: cx + 20, y: 20 },
      { x: cx + 16, y: 24 },
      { x: cx - 4, y: 4 },
    ];
    expect(overlapDepth(rot(0), rot(12))).toBeLessThanOrEqual(0);
  });
  it("overhang(q, bound) measures how far a label sticks out: 7 px past a right edge at x = 100", () => {
    expect(overhang(box(90, 10, 17, 10), box(0, 0, 100, 50))).toBe(7);
    expect(overhang(box(10, 10, 17, 10), box(0, 0, 100, 50))).toBe(0);
  });
  it("labelFaults(chart) names the chart and both texts of an overlap, and the edge of a cut", () => {
    const c: ChartText = {
      chart: "henan-plan~zh:demo",
      pageWidth: 1280,
      texts: [
        { text: "山东 17.8%", kind: "data", quad: box(100, 100, 60, 12), bounds: [{ name: "chart edge", quad: box(0, 0, 500, 400) }] },
        { text: "山西 19.0%", kind: "data", quad: box(110, 105, 60, 12), bounds: [{ name: "chart edge", quad: box(0, 0, 500, 400) }] },
        { text: "新疆维吾尔自治区", kind: "tick", quad: box(470, 300, 90, 12), bounds: [{ name: "chart edge", quad: box(0, 0, 500, 400) }] },
      ],
    };
    const f = labelFaults(c);
    expect(f).toHaveLength(2);
    expect(f[0]).toMatchObject({ chart: "henan-plan~zh:demo", kind: "overlap" });
    expect(f[0].detail).toContain("山东 17.8%");
    expect(f[0].detail).toContain("山西 19.0%");
    expect(f[1]).toMatchObject({ kind: "cut" });
    expect(f[1].detail).toContain("新疆维吾尔自治区");
    expect(f[1].detail).toContain("60 px");
  });
});

/**
 * Every chart of every preset scenario in both languages, drawn in chromium at a laptop width, measured
 * in its SVG: no two texts overlap, no text is cut by the chart, a clip region or the page. The page is
 * built exactly as `npm run report` builds it (all presets), then each scenario and language is picked
 * through the page's own selector.
 */
describe.skipIf(!haveChromium)("every chart's text in the drawn briefing", () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-labels-"));
    const log = console.log;
    console.log = () => {};
    try {
      expect(await runReport({ out: dir, lang: "zh" })).toBe(0);
    } finally {
      console.log = log;
    }
    url = "file://" + path.join(dir, "index.html");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Pick a scenario and a language through the page's toolbar and wait for its charts to be drawn. */
  async function show(tab: Page, scenario: string | undefined, lang: string): Promise<void> {
    if (scenario && (await tab.$(`.scenarios button[data-scenario="${scenario}"]`))) await tab.click(`.scenarios button[data-scenario="${scenario}"]`);
    if (await tab.$(`.switch button[data-lang="${lang}"]`)) await tab.click(`.switch button[data-lang="${lang}"]`);
    await tab.waitForFunction(() => {
      const plots = [...document.querySelectorAll<HTMLElement>(".variant:not([hidden]) .plot")];
      return plots.length > 0 && plots.every((p) => p.querySelector("svg.main-svg"));
    });
    await tab.waitForTimeout(300);
  }

  it("no two labels overlap and no label is cut, on every chart of every preset in both languages", async () => {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(url);
    const scenarios = await tab.$$eval(".scenarios button[data-scenario]", (els) => els.map((e) => (e as HTMLElement).dataset.scenario!).filter((s) => !s.startsWith("*")));
    const langs = await tab.$$eval(".switch button[data-lang]", (els) => els.map((e) => (e as HTMLElement).dataset.lang!));
    const faults: LabelFault[] = [];
    let charts = 0;
    for (const scenario of scenarios.length ? scenarios : [undefined]) {
      for (const lang of langs.length ? langs : ["zh"]) {
        await show(tab, scenario, lang);
        const measured = await tab.evaluate(collectChartText, ".variant:not([hidden]) .plot");
        charts += measured.length;
        for (const c of measured) faults.push(...labelFaults(c));
      }
    }
    await mkdir("reports", { recursive: true });
    await writeFile(path.join("reports", "label-faults.json"), JSON.stringify({ charts, faults }, null, 1));
    const named = [...new Set(faults.map((f) => f.chart))];
    console.info(`label check: ${charts} charts drawn, ${faults.filter((f) => f.kind === "overlap").length} overlaps, ${faults.filter((f) => f.kind === "cut").length} cuts in ${named.length} charts`);
    expect(charts).toBeGreaterThanOrEqual(2 * 20);
    expect(faults.map((f) => `${f.chart}: ${f.detail}`)).toEqual([]);
  }, 600_000);
});
