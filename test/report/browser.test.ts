import { existsSync } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { writeFilesAtomically } from "../../src/data/write-files.js";
import { reportFiles, scenarioVariants } from "../../src/report/build-report.js";
import { readPageBundle, readPlotlyBundle } from "../../src/report/plotly-bundle.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)`);

describe.skipIf(!haveChromium)("the briefing in a real browser", () => {
  let browser: Browser;
  let page: string;
  const errors: string[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-browser-"));
    const data = await loadBundledData();
    const runs = await Promise.all(
      ["henan-plan", "xinjiang-2017"].map(async (n) => {
        const { scenario, file } = await loadScenario(n);
        return { scenario, data: await loadScenarioData(scenario, file, data) };
      }),
    );
    const variants = scenarioVariants(runs, "zh");
    await writeFilesAtomically(dir, reportFiles(variants, await readPlotlyBundle(), await readPageBundle()));
    page = "file://" + path.join(dir, "index.html");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("renders every chart as a plotly SVG without console errors; the language switch, scenario selector and side-by-side view work", async () => {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto(page);
    await tab.waitForFunction('document.body.dataset.drawn === "all"');
    const count = (key: string) =>
      tab.$$eval(`.variant[data-variant="${key}"] .plot`, (els) => els.map((e) => e.querySelectorAll("svg.main-svg").length > 0));
    const zh = await count("henan-plan~zh");
    expect(zh.length).toBeGreaterThanOrEqual(6);
    expect(zh.every(Boolean)).toBe(true);
    expect(await tab.textContent('.variant:not([hidden]) h1')).toContain("全面改薄工作简报");
    // Synthetic charts carry their mark in the figure itself, not only around it.
    expect(await tab.locator('.variant[data-variant="henan-plan~zh"] .plot text').filter({ hasText: "合成数据" }).count()).toBeGreaterThan(0);

    await tab.click('.switch button[data-lang="en"]');
    expect(await tab.isVisible('.variant[data-variant="henan-plan~zh"]')).toBe(false);
    await tab.waitForFunction('document.body.dataset.drawn === "all"');
    const en = await count("henan-plan~en");
    expect(en.length).toBe(zh.length);
    expect(en.every(Boolean)).toBe(true);
    expect(await tab.textContent(".variant:not([hidden]) h1")).toContain("briefing");
    expect(await tab.evaluate(() => document.documentElement.lang)).toBe("en");

    await tab.click('.switch button[data-lang="zh"]');
    // The scenario selector swaps the whole page without a server.
    await tab.click('.scenarios button[data-scenario="xinjiang-2017"]');
    await tab.waitForFunction('document.body.dataset.drawn === "all"');
    expect(await tab.textContent(".variant:not([hidden]) header p")).toContain("2017-04-30");
    expect((await count("xinjiang-2017~zh")).every(Boolean)).toBe(true);
    // Side by side: one column per scenario for every chart that differs, one panel for a chart that
    // is the same in both (seed figures), a written reason instead of a blank panel; differences marked.
    await tab.click('.scenarios button[data-scenario="*compare"]');
    const compare = '.compare[data-compare-lang="zh"]';
    expect(await tab.isVisible(compare)).toBe(true);
    const cells = await tab.$$eval(`${compare} .plot`, (els) => els.map((e) => e.querySelectorAll("svg.main-svg").length > 0));
    const once = await tab.locator(`${compare} .once`).count();
    const reasons = await tab.locator(`${compare} .reason`).count();
    expect(once).toBeGreaterThan(0);
    expect(cells.length + reasons).toBe(2 * zh.length - once);
    expect(cells.every(Boolean)).toBe(true);
    expect(await tab.locator(`${compare} td.better, ${compare} td.worse`).count()).toBeGreaterThan(0);
    await tab.click('.scenarios button[data-scenario="henan-plan"]');
    await mkdir("reports", { recursive: true });
    await tab.screenshot({ path: path.join("reports", "browser-test.png"), fullPage: false });
    expect(errors).toEqual([]);
  });
});
