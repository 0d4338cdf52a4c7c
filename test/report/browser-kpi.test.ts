import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { REGION_PROFILES } from "../../src/data/synthetic/region-profiles.js";
import { writeFilesAtomically } from "../../src/data/write-files.js";
import { reportFiles, scenarioVariants } from "../../src/report/build-report.js";
import { readPageBundle, readPlotlyBundle } from "../../src/report/plotly-bundle.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";
import { readFileSync } from "node:fs";
import { compareRules } from "../../src/allocation/compare-rules.js";
import { applyScenario } from "../../src/scenarios/apply-scenario.js";
import { parseRule } from "../../src/allocation/parse-rule.js";
import { unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import { DATASET_PATHS } from "../../src/data/paths.js";
import { createRandom } from "../../src/shared/random.js";
import { ALLOCATION_SECTION_AS_OF, ALLOCATION_SECTION_SEED, FRONTIER_ELASTICITY } from "../../src/report/allocation-section.js";
import type { Scenario } from "../../src/scenarios/scenario-schema.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const PRESETS = ["henan-plan", "shandong-midyear", "xinjiang-2017", "national-2015"] as const;
type Row = Record<string, unknown>;
interface Kpi {
  text: string;
  value: number | null;
  unit: string | null;
}

/**
 * What the page must show, computed here from the scenario's own data without the report code:
 * plan total = the counties' plan columns summed (亿元); completion at the report date = each
 * county's last report on or before it, weighted by planned floor area (written out below).
 */
function expected(data: BundledData, scenario: Scenario) {
  const counties = data.synthetic.counties.objects() as Row[];
  const progress = (data.synthetic.progress.objects() as Row[]).filter((r) => String(r.as_of) <= scenario.data.asOf);
  const last = progress.reduce((m, r) => (String(r.as_of) > m ? String(r.as_of) : m), "");
  const latest = new Map<unknown, number>();
  for (const r of progress) if (String(r.as_of) <= last) latest.set(r.county_id, Number(r.completion_rate));
  let num = 0;
  let den = 0;
  for (const c of counties) {
    num += Number(c.planned_floor_area_m2) * (latest.get(c.county_id) ?? 0);
    den += Number(c.planned_floor_area_m2);
  }
  const plan = counties.reduce((a, c) => a + Number(c.plan_buildings_wan_yuan) + Number(c.plan_equipment_wan_yuan), 0) / 10_000;
  // The allocation's Gini: the library's compareRules on the scenario's own units, rule and budget, with the section's
  // matching elasticity (delivered matching responds to the rule's match rate before the allocation is measured).
  // The data as the report date sees it (reports after asOf are not known yet: 山东 2015-06-30, national 2015-10-31).
  const seen = applyScenario(data, scenario);
  const units = unitsFromSyntheticProvince(seen.synthetic.counties, seen.synthetic.progress, { random: createRandom(ALLOCATION_SECTION_SEED), asOf: ALLOCATION_SECTION_AS_OF });
  const rule = parseRule(readFileSync(path.join(DATASET_PATHS.rules(), `${scenario.allocation.rule}.json`), "utf8"), scenario.allocation.rule);
  // 1 万元 = 10,000 元 = 1,000,000 fen.
  const [cmp] = compareRules(units.table, [rule], { budgetFen: Math.round(scenario.allocation.budgetWanYuan * 1_000_000), elasticity: FRONTIER_ELASTICITY });
  const gini = cmp.equity.gini;
  return { counties: counties.length, completionPct: Math.round((num / den) * 1000) / 10, plan, last, gini };
}

describe.skipIf(!haveChromium)("every preset's headline numbers, read from the page (data-kpi)", () => {
  let browser: Browser;
  let tab: Page;
  const runs: { scenario: Scenario; data: BundledData }[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const bundled = await loadBundledData();
    for (const name of PRESETS) {
      const { scenario, file } = await loadScenario(name);
      runs.push({ scenario, data: await loadScenarioData(scenario, file, bundled) });
    }
    // The Henan plan again with twice the budget: the allocation on the page must follow it.
    const henan = runs[0];
    runs.push({ scenario: { ...henan.scenario, name: "henan-double", allocation: { ...henan.scenario.allocation, budgetWanYuan: 2 * henan.scenario.allocation.budgetWanYuan } }, data: henan.data });
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-kpi-"));
    await writeFilesAtomically(dir, reportFiles(scenarioVariants(runs, "zh"), await readPlotlyBundle(), await readPageBundle()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto("file://" + path.join(dir, "index.html"));
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
  });

  const kpis = (key: string): Promise<Record<string, Kpi>> =>
    tab.$$eval(`.variant[data-variant="${key}"] .headline [data-kpi]`, (els) =>
      Object.fromEntries(
        els.map((e) => [
          (e as HTMLElement).dataset.kpi!,
          { text: e.textContent ?? "", value: (e as HTMLElement).dataset.kpiValue === undefined ? null : Number((e as HTMLElement).dataset.kpiValue), unit: (e as HTMLElement).dataset.kpiUnit ?? null },
        ]),
      ),
    );

  for (const name of PRESETS) {
    it(`${name}: every headline card carries data-kpi, and the region's plan, counties and completion at the report date are the scenario's own`, async () => {
      const run = runs.find((r) => r.scenario.name === name)!;
      const profile = REGION_PROFILES[run.scenario.region];
      const want = expected(run.data, run.scenario);
      for (const lang of ["zh", "en"] as const) {
        const key = `${name}~${lang}`;
        const cards = await tab.$$eval(`.variant[data-variant="${key}"] .headline .card .value`, (els) => els.map((e) => (e as HTMLElement).dataset.kpi ?? ""));
        expect(cards.length).toBeGreaterThanOrEqual(5);
        expect(cards.every((k) => k.length > 0)).toBe(true);
        const k = await kpis(key);
        // County count: the region's published (or stated) count, which is the counties file's row count; the
        // national view counts its 31 province-level units (its 2,600 generated counties folded into them).
        expect(k["county-count"].value).toBe(profile.unitLevel === "province" ? profile.cityNames.length : profile.counties);
        expect(k["county-count"].value).toBe(want.counties);
        // The allocation's Gini is the library's for this scenario's units, rule and budget.
        expect(k["allocation-gini"].value).toBeCloseTo(want.gini, 9);
        expect(k["allocation-gini"].text).toBe(want.gini.toFixed(3));
        // Plan total: 河南 shows the stated 267.91亿 (its counties carry the parts, 267.92); the others their counties' sum.
        const planYi = name === "henan-plan" ? 267.91 : Math.round(want.plan * 100) / 100;
        if (lang === "zh") {
          expect(k["plan-total-yi-yuan"].value).toBeCloseTo(planYi, 2);
          expect(k["plan-total-yi-yuan"].text).toBe(`${planYi.toFixed(2)} 亿元`);
        } else {
          expect(k["plan-total-yi-yuan"].value).toBeCloseTo(planYi / 10, 2);
          expect(k["plan-total-yi-yuan"].unit).toBe("bn yuan");
        }
        // Completion at the report date: the floor-area-weighted roll-up of the region's counties.
        expect(k["completion-roll-up-at-report-date"].value).toBeCloseTo(want.completionPct, 5);
        expect(k["completion-roll-up-at-report-date"].text).toBe(`${want.completionPct.toFixed(1)}%`);
        const published = profile.points.find((p) => !p.city && p.indicator === "completion_rate" && p.asOf === want.last);
        if (published) expect(Math.abs(want.completionPct - published.value * 100)).toBeLessThanOrEqual(1);
        // 22 of 109 is 河南's published figure; elsewhere the card says it is not published.
        if (name === "henan-plan") expect(k["zero-input-counties"].value).toBe(22);
        else expect(k["zero-input-counties"].text).toBe(lang === "zh" ? "未公布" : "not published");
        // The 山东 big-class card belongs to the 山东 page only.
        expect("urban-primary-big-class-share-2015" in k).toBe(name === "shandong-midyear");
      }
      // The header names the scenario's own settings.
      const settings = await tab.textContent(`.variant[data-variant="${name}~zh"] [data-settings]`);
      expect(settings).toContain(`报告日 ${run.scenario.data.asOf}`);
      expect(settings).toContain(`大班额目标年 ${run.scenario.bigClass.targetYear}`);
      expect(settings).toContain(`预算 ${(run.scenario.allocation.budgetWanYuan / 10_000).toLocaleString("en", { maximumFractionDigits: 2 })} 亿元`);
    });
  }

  it("a scenario with twice the budget shows twice the allocation per pupil on its page (same counties, same rule)", async () => {
    // The numbers plotly drew: the page draws a scenario when it is shown, and keeps each trace on its element.
    const perPupil = async (scenario: string) => {
      await tab.click(`.scenarios button[data-scenario="${scenario}"]`);
      await tab.waitForFunction('document.body.dataset.drawn === "all"');
      return tab.evaluate((id) => {
        const el = document.getElementById(id) as unknown as { data?: { y?: unknown[] }[] } | null;
        const ys = (el?.data ?? []).flatMap((t) => (t.y ?? []).filter((v): v is number => typeof v === "number"));
        return ys.reduce((a, b) => a + b, 0);
      }, `plot-${scenario}~zh-synthetic-allocation-by-county`);
    };
    const base = await perPupil("henan-plan");
    const doubled = await perPupil("henan-double");
    expect(base).toBeGreaterThan(0);
    // Floors and rounding to the fen keep it from being exactly 2.
    expect(doubled / base).toBeGreaterThan(1.9);
    expect(doubled / base).toBeLessThan(2.1);
    expect(errors).toEqual([]);
  });

  it("the comparison heads each column with its scenario's settings and colours differences by meaning, with units", async () => {
    // Five columns of charts to draw on a shared 2-core machine: the click waits until the page answers.
    await tab.click('.scenarios button[data-scenario="*compare"]', { timeout: 240_000 });
    const box = '.compare[data-compare-lang="zh"]';
    const heads = await tab.$$eval(`${box} thead th .settings`, (els) => els.map((e) => e.textContent ?? ""));
    expect(heads).toHaveLength(runs.length);
    expect(heads[1]).toContain("快速城镇化");
    expect(heads[1]).toContain("大班额目标年 2018");
    expect(heads[2]).toContain("慢速城镇化");
    // Fewer big classes is better (green); a higher Gini is worse (red); both carry a unit or none by meaning.
    const bigClasses = await tab.$$eval(`${box} td[data-kpi="big-classes-2020"][data-diff]`, (els) => els.map((e) => ({ cls: e.className, diff: Number((e as HTMLElement).dataset.diff), text: e.textContent ?? "" })));
    expect(bigClasses.length).toBeGreaterThan(0);
    for (const c of bigClasses.filter((x) => x.diff !== 0)) {
      if (c.diff < 0) expect(c.cls).toBe("better");
      if (c.diff > 0) expect(c.cls).toBe("worse");
      expect(c.text).toMatch(/个大班额\)/);
    }
    const completion = await tab.$$eval(`${box} td[data-kpi="completion-roll-up-at-report-date"][data-diff]:not([data-diff="0"])`, (els) => els.map((e) => e.textContent ?? ""));
    expect(completion.length).toBeGreaterThan(0);
    expect(completion.every((t) => /个百分点\)/.test(t))).toBe(true);
  }, 480_000);
});
