import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as aq from "arquero";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { allocationEquity } from "../../src/allocation/allocation-equity.js";
import { withWeights } from "../../src/browser/allocation-view.js";
import { bigClassView, urbanizationAtSpeed } from "../../src/browser/big-class-view.js";
import { countyBigClass, countyProgress } from "../../src/browser/county-view.js";
import { compareRules } from "../../src/allocation/compare-rules.js";
import { findLaggards } from "../../src/progress/find-laggards.js";
import { placeName } from "../../src/charts/place-name.js";
import { jointTargetProbability } from "../../src/progress/joint-target-probability.js";
import { supportedProbability } from "../../src/progress/supported-probability.js";
import { targetProbability } from "../../src/progress/target-probability.js";
import { scenarioProgressRun } from "../../src/report/progress-section.js";
import type { BundledData } from "../../src/data/load-bundled-data.js";
import type { Scenario } from "../../src/scenarios/scenario-schema.js";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { writeFilesAtomically } from "../../src/data/write-files.js";
import { reportFiles, scenarioVariants } from "../../src/report/build-report.js";
import { pageInputs, type PageInputs } from "../../src/report/page-inputs.js";
import { readPageBundle, readPlotlyBundle } from "../../src/report/plotly-bundle.js";
import { CHROMIUM_ARGS } from "../../src/report/render-in-browser.js";
import { loadScenario } from "../../src/scenarios/load-scenario.js";
import { applyScenario } from "../../src/scenarios/apply-scenario.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);

// The interactive page, opened alone from disk (file://, no side-car files used): the view in the fragment, the
// recompute against the library and the CLI, the county drill-down, the in-page downloads.
describe.skipIf(!haveChromium)("the interactive briefing page", () => {
  let browser: Browser;
  let dir: string;
  let url: string;
  let inputs: PageInputs;
  let henan: { data: BundledData; scenario: Scenario };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "gaibo-interactive-"));
    const data = await loadBundledData();
    const runs = await Promise.all(["henan-plan", "xinjiang-2017"].map(async (n) => ({ scenario: (await loadScenario(n)).scenario, data })));
    const files = reportFiles(scenarioVariants(runs, "zh"), await readPlotlyBundle(), await readPageBundle());
    // Only index.html: the page must not need data/*.csv.
    await writeFilesAtomically(dir, files.filter((f) => f.path === "index.html"));
    url = "file://" + path.join(dir, "index.html");
    // The inputs of the scenario the tests open (its report date limits the county reports shown).
    inputs = pageInputs(data, runs[0].scenario);
    // The sections and the page's forecast inputs see the reports up to the report date (applyScenario): so does the library here.
    henan = { data: applyScenario(data, runs[0].scenario), scenario: runs[0].scenario };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Building two scenarios' sections (back-tests of four indicators) takes over two minutes when the machine is loaded.
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(hash = ""): Promise<{ tab: Page; errors: string[] }> {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors: string[] = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await tab.goto(url + hash);
    await tab.waitForFunction('document.body.dataset.drawn === "all"');
    return { tab, errors };
  }

  it("a link with a view in its fragment opens that view (scenario, language, rule, budget, weights, county), and back returns to the previous view", async () => {
    const county = inputs.counties[7];
    const { tab, errors } = await open(`#s=xinjiang-2017&lang=en&rule=need-only&budget=120&county=${county.id}`);
    const shown = '.variant:not([hidden])';
    expect(await tab.getAttribute(shown, "data-variant")).toBe("xinjiang-2017~en");
    expect(await tab.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await tab.inputValue(`${shown} .panel.allocation select[name=rule]`)).toBe("need-only");
    // The English page asks for bn yuan: budget=120 (亿元 in the link) shows as 12; entering 10 bn writes budget=100.
    expect(await tab.inputValue(`${shown} .panel.allocation input[name=budget]`)).toBe("12");
    const budgetLabel = await tab.evaluate(() => document.querySelector('.variant:not([hidden]) .panel.allocation input[name=budget]')!.closest("label")!.textContent);
    expect(budgetLabel?.trim()).toBe("budget (bn yuan)");
    // One language per page: the English panel names the synthetic county in English (Synthetic county 008).
    expect(await tab.textContent("#drill h2")).toContain(placeName(county.name, "en"));
    expect(placeName(county.name, "en")).toMatch(/^[\x20-\x7e]+$/);
    // Changing a control writes the fragment; back restores the earlier view.
    await tab.fill(`${shown} .panel.allocation input[name=budget]`, "10");
    await tab.press(`${shown} .panel.allocation input[name=budget]`, "Enter");
    await tab.waitForFunction(() => location.hash.includes("budget=100"));
    await tab.click('.switch button[data-lang="zh"]');
    expect(await tab.evaluate(() => location.hash)).toContain("lang=zh");
    expect(await tab.getAttribute(shown, "data-variant")).toBe("xinjiang-2017~zh");
    // The same budget on the Chinese page, in 亿元.
    expect(await tab.inputValue(`${shown} .panel.allocation input[name=budget]`)).toBe("100");
    await tab.goBack();
    await tab.waitForFunction(() => location.hash.includes("lang=en"));
    expect(await tab.getAttribute(shown, "data-variant")).toBe("xinjiang-2017~en");
    await tab.goBack();
    await tab.waitForFunction(() => location.hash.includes("budget=120"));
    expect(await tab.inputValue(`${shown} .panel.allocation input[name=budget]`)).toBe("12");
    expect(errors).toEqual([]);
  });

  it("the allocation recomputed in the page equals the library's and the CLI's for the same rule, budget and weights", async () => {
    const { tab, errors } = await open("#s=henan-plan&lang=zh");
    const shown = '.variant:not([hidden])';
    const before = Number(await tab.getAttribute(`${shown} .card[data-headline="allocation-gini"]`, "data-numeric"));
    await tab.selectOption(`${shown} .panel.allocation select[name=rule]`, "central-2015");
    await tab.fill(`${shown} .panel.allocation input[name="w.basic"]`, "0.9");
    await tab.press(`${shown} .panel.allocation input[name="w.basic"]`, "Enter");
    await tab.fill(`${shown} .panel.allocation input[name=budget]`, "150.5");
    await tab.press(`${shown} .panel.allocation input[name=budget]`, "Enter");
    await tab.waitForFunction(() => location.hash.includes("budget=150.5"));
    const gini = Number(await tab.getAttribute(`${shown} .card[data-headline="allocation-gini"]`, "data-numeric"));
    const shownText = await tab.textContent(`${shown} .card[data-headline="allocation-gini"] .value`);

    // The library: the same rule with basic raised to 0.9 (others as the preset: 0.2, 0.1, 0.1), scaled to sum 1.
    const rule = withWeights(inputs.allocation!.rules.find((r) => r.name === "central-2015")!, { basic: 0.9, input: 0.2, performance: 0.1, management: 0.1 });
    [0.9 / 1.3, 0.2 / 1.3, 0.1 / 1.3, 0.1 / 1.3].forEach((w, i) => expect(rule.groups[i].weight).toBeCloseTo(w, 15));
    const budgetFen = 150.5 * 1e10;
    const lib = allocate(inputs.allocation!.units, rule, { budgetFen });
    const eq = allocationEquity(lib.rows.map((r) => r.allocationFen), inputs.allocation!.units);
    expect(gini).toBe(eq.gini);
    expect(gini).not.toBe(before);
    expect(shownText).toBe(eq.gini.toFixed(3));

    // The CLI on the same counties and rule: the printed Gini and every county's fen.
    await writeFile(path.join(dir, "units.csv"), tableToCsv(aq.from(inputs.allocation!.units)));
    await writeFile(path.join(dir, "rule.json"), JSON.stringify(rule));
    const cli = spawnSync(process.execPath, ["bin/gaibo.js", "allocate", "--units", path.join(dir, "units.csv"), "--rule", path.join(dir, "rule.json"), "--budget-wan-yuan", "1505000", "--out", path.join(dir, "cli"), "--lang", "en"], { encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`per-pupil Gini ${eq.gini.toFixed(3)}`);
    // The CLI's file has labelled headers and amounts in yuan to the fen.
    const cliRows = aq.fromCSV((await readFile(path.join(dir, "cli", "allocation-central-2015.csv"), "utf8")).replace(/^\uFEFF/, ""), { autoType: false }).objects() as Record<string, string>[];
    const cliFen = new Map(cliRows.map((r) => [r["county id"], Math.round(Number(r["allocation (yuan)"]) * 100)]));
    // The by-county chart's rows in the page (its CSV download) carry the same fen for every county.
    const download = tab.waitForEvent("download");
    await tab.click(`${shown} figure[data-chart="synthetic-allocation-by-county"] button[data-action="csv"]`);
    const csv = await readFile((await (await download).path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const pageRows = aq.fromCSV(csv.slice(1)).objects() as Record<string, unknown>[];
    expect(pageRows).toHaveLength(109);
    for (const r of lib.rows) expect(cliFen.get(r.countyId)).toBe(r.allocationFen);
    // The page writes 万元 = fen / 1e6 with JavaScript's shortest round-trip text, so it parses back to the same fen.
    for (const r of pageRows) expect(Math.round(Number(r.allocation_wan_yuan) * 1e6)).toBe(cliFen.get(String(r.county_id)));
    // The equity table follows the controls: compareRules (matching elasticity 0.3, as the section) on the rules the
    // section compares, central-2015 with the weights set, at 150.5 亿元.
    const equityRows = () => tab.$$eval('.variant:not([hidden]) table[data-table="allocation-equity"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    const compared = inputs.allocation!.compared!.map((n) => (n === "central-2015" ? rule : inputs.allocation!.rules.find((r) => r.name === n)!));
    const expected = compareRules(inputs.allocation!.units, compared, { budgetFen, elasticity: 0.3 });
    const shownEquity = await equityRows();
    expect(shownEquity.map((r) => r[0])).toEqual(expected.map((c) => c.ruleName));
    expect(shownEquity.map((r) => r[2])).toEqual(expected.map((c) => c.equity.gini.toFixed(3)));
    expect(shownEquity[0][2]).toBe(eq.gini.toFixed(3));
    // Another rule and budget change it again; reset restores the section's own table.
    await tab.selectOption(`${shown} .panel.allocation select[name=rule]`, "need-only");
    await tab.waitForFunction(() => location.hash.includes("rule=need-only"));
    const needOnly = compareRules(inputs.allocation!.units, inputs.allocation!.compared!.map((n) => inputs.allocation!.rules.find((r) => r.name === n)!), { budgetFen, elasticity: 0.3 });
    expect((await equityRows()).map((r) => r[2])).toEqual(needOnly.map((c) => c.equity.gini.toFixed(3)));
    await tab.click(`${shown} .panel.allocation button`);
    await tab.waitForFunction(() => !location.hash.includes("budget="));
    expect(await tab.getAttribute(`${shown} table[data-table="allocation-equity"]`, "data-recomputed")).toBe("");
    const preset = compareRules(inputs.allocation!.units, inputs.allocation!.compared!.map((n) => inputs.allocation!.rules.find((r) => r.name === n)!), { budgetFen: inputs.allocation!.budgetWanYuan * 1e6, elasticity: 0.3 });
    expect((await equityRows()).map((r) => r[2])).toEqual(preset.map((c) => c.equity.gini.toFixed(3)));
    expect(errors).toEqual([]);
  });

  it("changing the deadline and the target level recounts the joint probability from the page's draws: equal to jointTargetProbability's", async () => {
    const { tab, errors } = await open("#s=henan-plan&lang=en");
    const shown = ".variant:not([hidden])";
    const run = scenarioProgressRun(henan.data, henan.scenario)!.run;
    const [c, e] = [run.forecasts.completion_rate.province, run.forecasts.equipment_rate.province];
    const card = (id: string) => tab.getAttribute(`${shown} .card[data-headline="${id}"]`, "data-numeric").then(Number);
    // The scenario's own card first: 70 % by 2017-12-31.
    const own = jointTargetProbability([{ forecast: c, target: 0.7 }, { forecast: e, target: 0.7 }], "2017-12-31");
    expect(await card("p-completion-equipment-70")).toBe(Math.round(supportedProbability(own).value * 1000) / 10);
    await tab.fill(`${shown} .panel.deadline input[name=deadline]`, "2017-06-30");
    await tab.dispatchEvent(`${shown} .panel.deadline input[name=deadline]`, "change");
    await tab.selectOption(`${shown} .panel.deadline select[name=level]`, "90");
    await tab.waitForFunction(() => location.hash.includes("deadline=2017-06-30") && location.hash.includes("level=90") && document.body.dataset.drawn === "all");
    const lib = jointTargetProbability([{ forecast: c, target: 0.9 }, { forecast: e, target: 0.9 }], "2017-06-30");
    const product = targetProbability(c, 0.9, "2017-06-30") * targetProbability(e, 0.9, "2017-06-30");
    // A share of the draws the back-test can tell (60 of 400 when written; the product of the marginals is 0.1485), not the product of the marginals.
    expect(Number(await tab.getAttribute(`${shown} .panel.deadline .status`, "data-joint"))).toBe(lib);
    expect(lib).toBeGreaterThan(0.05);
    expect(lib).toBeLessThan(0.95);
    expect(product).not.toBe(lib);
    expect(await card("p-completion-equipment-70")).toBe(Math.round(supportedProbability(lib).value * 1000) / 10);
    expect(await tab.textContent(`${shown} .card[data-headline="p-completion-equipment-70"] .value`)).toBe(supportedProbability(lib).text);
    expect(await tab.textContent(`${shown} .card[data-headline="p-completion-equipment-70"] .label`)).toBe("P(completion and equipment both ≥ 90% by 2017-06-30)");
    expect(await card("p-completion-70")).toBe(Math.round(supportedProbability(targetProbability(c, 0.9, "2017-06-30")).value * 1000) / 10);
    // A probability the back-test cannot tell from 1 reads "> 95%", never 100%.
    await tab.fill(`${shown} .panel.deadline input[name=deadline]`, "2019-06-30");
    await tab.dispatchEvent(`${shown} .panel.deadline input[name=deadline]`, "change");
    await tab.selectOption(`${shown} .panel.deadline select[name=level]`, "70");
    await tab.waitForFunction(() => location.hash.includes("deadline=2019-06-30") && location.hash.includes("level=70") && document.body.dataset.drawn === "all");
    expect(await tab.textContent(`${shown} .card[data-headline="p-completion-equipment-70"] .value`)).toBe("> 95%");
    // At 70 % the counties follow the deadline too: the at-risk count is findLaggards' for 2019-06-30.
    const atRisk = findLaggards(henan.data.synthetic.progress, { indicator: "completion_rate", asOf: "2016-10-31", forecast: run.forecasts.completion_rate, target: 0.7, deadline: "2019-06-30" }).atRisk.length;
    expect(await card("counties-at-risk")).toBe(atRisk);
    expect(await tab.textContent(`${shown} .card[data-headline="counties-at-risk"] .note`)).toContain("70% completion by 2019-06-30");
    // The province fan moved its deadline marker.
    const marker = await tab.evaluate(() => (document.querySelector('.variant:not([hidden]) figure[data-chart="progress-fan-province-completion-rate"] .plot') as unknown as { layout: { shapes: { x0: string }[] } }).layout.shapes[0].x0);
    expect(marker).toBe("2019-06-30");
    // A link with the settings opens them; back returns to the earlier deadline.
    await tab.goBack();
    await tab.waitForFunction(() => location.hash.includes("level=90") && location.hash.includes("deadline=2019-06-30"));
    await tab.goBack();
    await tab.waitForFunction(() => location.hash.includes("deadline=2017-06-30") && document.body.dataset.drawn === "all");
    expect(Number(await tab.getAttribute(`${shown} .panel.deadline .status`, "data-joint"))).toBe(lib);
    expect(errors).toEqual([]);
  });

  it("the big-class outlook re-run in the page equals bigClassOutlook's and gaibo bigclass's for the same urbanization, speed, births and target year", async () => {
    const { tab, errors } = await open("#s=henan-plan&lang=en&urb=fast&speed=1.5&target=2022");
    const card = (id: string) => tab.getAttribute(`.variant:not([hidden]) .card[data-headline="${id}"]`, "data-numeric").then(Number);
    const lib = bigClassView(inputs.bigClass!, { urbanization: "fast", speed: 1.5, births: "central", targetYear: 2022 }, "en");
    expect(await card("big-classes-2020")).toBe(lib.headline[0].numeric);
    // Chromium's V8 and Node's differ in the last bits of Math.exp/pow: the cost (a sum of thousands of terms) agrees
    // to 1e-12 relative, not bit for bit; the class count is rounded and equal.
    expect(Math.abs((await card("big-class-removal-cost")) / lib.headline[1].numeric - 1)).toBeLessThan(1e-12);
    // The CLI with the same path written as a scenario file (fast, rates × 1.5) and the same target year.
    await writeFile(path.join(dir, "fast-1.5.json"), JSON.stringify(urbanizationAtSpeed("fast", 1.5)));
    const cli = spawnSync(process.execPath, ["bin/gaibo.js", "bigclass", "--scenario", path.join(dir, "fast-1.5.json"), "--target-year", "2022", "--births", "central", "--out", path.join(dir, "bigclass"), "--lang", "en"], { encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(0);
    const rooms = Math.round(lib.outlook.costByTargetYear.find((c) => c.targetYear === 2022)!.newClassrooms);
    // gaibo bigclass runs the section's outlook (chosenBigClassOutlook): the same 19,608 classrooms as the page.
    expect(cli.stdout).toContain(`removing big classes by 2022 takes ${rooms} classrooms`);
    expect(await tab.textContent('.variant:not([hidden]) .card[data-headline="big-class-removal-cost"] .note')).toContain(rooms.toLocaleString("en-US"));
    // The births control: the low path after 2024 puts fewer children in school from 2031 than the high one.
    await tab.selectOption('.variant:not([hidden]) .panel.big-class select[name=births]', "low");
    await tab.waitForFunction(() => location.hash.includes("births=low") && document.body.dataset.drawn === "all");
    const noBump = bigClassView(inputs.bigClass!, { urbanization: "fast", speed: 1.5, births: "low", targetYear: 2022 }, "en");
    const high = bigClassView(inputs.bigClass!, { urbanization: "fast", speed: 1.5, births: "high", targetYear: 2022 }, "en");
    expect(Math.abs((await card("big-class-removal-cost")) / noBump.headline[1].numeric - 1)).toBeLessThan(1e-12);
    const pupils2034 = (v: typeof lib) => v.outlook.rows.find((r) => r.level === "all" && r.area === "urban+town" && r.year === 2034)!.pupils;
    expect(pupils2034(noBump)).toBeLessThan(pupils2034(high));
    // The stock/increment chart was redrawn from the re-run plan: its rows are the plan's classrooms by year.
    const stockRows = await tab.evaluate(() => (document.querySelector('.variant:not([hidden]) figure[data-chart="synthetic-big-class-stock-increment"] .plot') as unknown as { data: { y: number[] }[] }).data.map((d) => d.y.reduce((a, b) => a + b, 0)));
    const planStock = noBump.outlook.plan.rows.reduce((a, r) => a + r.stockClassrooms, 0);
    expect(stockRows[0]).toBeCloseTo(planStock, 6);
    expect(errors).toEqual([]);
  });

  it("choosing a county shows its allocation under every preset rule with its rank, and clicking a county in a chart opens it", async () => {
    const { tab, errors } = await open("#s=henan-plan&lang=zh");
    const county = inputs.counties[20];
    await tab.fill(".toolbar .county input", county.name);
    await tab.press(".toolbar .county input", "Enter");
    await tab.waitForFunction((id) => location.hash.includes(`county=${id}`), county.id);
    expect(await tab.textContent("#drill h2")).toContain(county.name);
    const rows = await tab.$$eval("#drill table.ranks tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    expect(rows.map((r) => r[0])).toEqual(inputs.allocation!.rules.map((r) => r.name));
    for (const [k, rule] of inputs.allocation!.rules.entries()) {
      const res = allocate(inputs.allocation!.units, rule, { budgetFen: inputs.allocation!.budgetWanYuan * 1e6 });
      const row = res.rows.find((r) => r.countyId === county.id)!;
      const rank = 1 + res.rows.filter((r) => (r.allocationPerPupilYuan ?? 0) > (row.allocationPerPupilYuan ?? 0)).length;
      expect(rows[k][3]).toBe(`${rank} / 109`);
      expect(rows[k][2]).toBe((row.allocationPerPupilYuan ?? 0).toFixed(2));
    }
    // Its reports for every indicator with its rank, and its own big-class outlook (the same model on its cells).
    const own = countyBigClass(inputs.bigClass!, inputs.bigClass!.defaults, county.id, "zh")!;
    const ut2020 = own.outlook.rows.find((r) => r.level === "all" && r.area === "urban+town" && r.year === 2020)!;
    expect(await tab.textContent("#drill .big-class-line")).toContain(`2020 年 ${Math.round(ut2020.big)} 个`);
    const prog = countyProgress(inputs.progress!, county.id, county.name, "zh")!;
    const completion = prog.ranks.find((r) => r.indicator === "completion_rate")!;
    expect(await tab.textContent("#drill .progress-ranks")).toContain(`${(completion.value! * 100).toFixed(1)}%（第 ${completion.rank} / ${completion.of}）`);
    // Its forecast fan for each indicator, from the same draws as the province's, with its median at the deadline.
    const run = scenarioProgressRun(henan.data, henan.scenario)!.run;
    for (const i of run.indicators) expect(await tab.locator(`#drill figure[data-chart="county-fan-${i.replace("_", "-")}"]`).count()).toBe(1);
    const fc = run.forecasts.completion_rate.counties.find((x) => x.id === county.id)!;
    const median = fc.median[fc.dates.indexOf("2017-12-31")];
    // The page carries medians to 0.1 point and prints whole percents: within half a point (plus 0.05) of the library's.
    const printed = Number(/到 2017-12-31，校舍竣工率中位数 (\d+)%/.exec((await tab.textContent("#drill .forecast-line")) ?? "")?.[1]);
    expect(Math.abs(printed - median * 100)).toBeLessThanOrEqual(0.55);
    await tab.waitForFunction(() => document.querySelectorAll("#drill .plot svg.main-svg").length >= 9);
    await tab.screenshot({ path: path.join("reports", "browser-county.png") });
    // Close, then click a bar of the by-county chart: the county it names opens.
    await tab.click("#drill h2 button");
    expect(await tab.isHidden("#drill")).toBe(true);
    const bar = tab.locator('.variant:not([hidden]) figure[data-chart="synthetic-allocation-by-county"] .plot g.point').first();
    await bar.scrollIntoViewIfNeeded();
    await bar.click({ force: true });
    await tab.waitForFunction(() => /county=/.test(location.hash));
    expect(await tab.isVisible("#drill section")).toBe(true);
    expect(errors).toEqual([]);
  });

  it("a chart's data downloads as CSV (BOM, formulas neutralised, source and mark) and as XLSX that Excel readers open, from the page alone", async () => {
    const { tab, errors } = await open("#s=henan-plan&lang=zh");
    const fig = '.variant:not([hidden]) figure[data-chart="synthetic-allocation-lorenz"]';
    const csvDownload = tab.waitForEvent("download");
    await tab.click(`${fig} button[data-action="csv"]`);
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toBe("henan-plan-synthetic-allocation-lorenz.csv");
    const csv = await readFile((await csvFile.path())!, "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const header = csv.slice(1).split("\r\n")[0].split(",");
    expect(header.slice(-2)).toEqual(["provenance", "source"]);
    expect(csv).toContain("合成数据");

    const xlsxDownload = tab.waitForEvent("download");
    await tab.click(`${fig} button[data-action="xlsx"]`);
    const xlsxFile = await xlsxDownload;
    expect(xlsxFile.suggestedFilename()).toBe("henan-plan-synthetic-allocation-lorenz.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await readFile((await xlsxFile.path())!));
    const sheet = book.getWorksheet("data")!;
    const csvLines = csv.slice(1).trim().split("\r\n");
    expect(sheet.rowCount).toBe(csvLines.length);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    // Numbers are numbers in the workbook, equal to the CSV's.
    const second = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(second.map(String)).toEqual(csvLines[1].split(",").map((c) => c.replace(/^"|"$/g, "")));
    expect(second.some((v) => typeof v === "number")).toBe(true);
    const about = book.getWorksheet("about")!;
    expect(String(about.getCell("B2").value)).toContain("合成数据");
    expect(String(about.getCell("B5").value)).toContain("#s=henan-plan");

    // The table view shows the same rows in the page, and the plot has a text alternative.
    await tab.click(`${fig} button[data-action="table"]`);
    expect(await tab.locator(`${fig} .tableview tbody tr`).count()).toBe(csvLines.length - 1);
    expect(await tab.getAttribute(`${fig} .plot`, "aria-label")).toMatch(/洛伦兹.*个系列/);
    expect(errors).toEqual([]);
  });
});
