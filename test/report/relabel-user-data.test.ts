import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { buildReportDocument } from "../../src/report/build-report.js";
import { foundationSections } from "../../src/report/foundation-sections.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";

describe("relabelUserData", () => {
  it("buildReportDocument(scenario with the user's 双月报) marks the charts drawn from it as user data and names the file", async () => {
    const bundled = await loadBundledData();
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-user-"));
    // A user's own progress file: here the first 20 counties of the synthetic panel, saved as CSV.
    const own = bundled.synthetic.progress.filter((d: { county_id: string }) => d.county_id <= "S020").select("county_id", "as_of", "start_rate", "completion_rate");
    await writeFile(path.join(dir, "my-report.csv"), tableToCsv(own));
    const preset = (await loadScenario("henan-plan")).scenario;
    const scenario = { ...preset, data: { ...preset.data, progress: "my-report.csv" } };
    const file = path.join(dir, "mine.json");
    await writeFile(file, JSON.stringify(scenario));
    const loaded = await loadScenario(file);
    const data = await loadScenarioData(loaded.scenario, loaded.file, bundled);
    expect(data.synthetic.progress.numRows()).toBe(own.numRows());

    const doc = buildReportDocument(data, "zh", [foundationSections], loaded.scenario);
    const charts = Object.fromEntries(doc.sections.flatMap((s) => s.charts).map((c) => [c.id, c]));
    const spread = charts["synthetic-spread-start-rate"];
    expect(spread.provenance).toBe("user");
    expect(spread.source).toBe("用户文件 my-report.csv");
    expect((spread.figure.layout.title as { subtitle: { text: string } }).subtitle.text).toContain("用户数据");
    // The county funds still come from the bundled synthetic counties.
    expect(charts["synthetic-county-funds"].provenance).toBe("synthetic");
    expect(doc.sections.flatMap((s) => s.headline ?? []).find((h) => h.id === "mean-completion-latest")?.provenance).toBe("user");
  });
});

describe("rewriter (the region pass)", () => {
  it("speaks of the scenario's own region and seed; on the national view of province-level units; published 河南/许昌 figures stay", async () => {
    const { rewriter } = await import("../../src/report/relabel-user-data.js");
    const { scenarioRegion } = await import("../../src/report/scenario-region.js");
    const bundled = await loadBundledData();
    const load = async (name: string) => {
      const { scenario, file } = await loadScenario(name);
      return { scenario, data: await loadScenarioData(scenario, file, bundled) };
    };
    const xj = await load("xinjiang-2017");
    const xjZh = rewriter(scenarioRegion(xj.data, xj.scenario, "zh"), false, "zh");
    const xjEn = rewriter(scenarioRegion(xj.data, xj.scenario, "en"), false, "en");
    // 新疆's generator seed (region-profiles.ts), not the 河南 province's 20140901.
    expect(xjZh("gaibo 合成省（种子 20140901）双月报")).toBe("gaibo 合成新疆（种子 20170430）双月报");
    expect(xjEn("gaibo synthetic province (seed 20140901), 2015 class counts")).toBe("gaibo synthetic Xinjiang (seed 20170430), 2015 class counts");
    expect(xjEn("model: gaibo synthetic province, 109 counties, 2017")).toBe("model: gaibo synthetic Xinjiang, 94 counties, 2017");
    expect(xjZh("河南规划中有 22 个县（市）投入资金为“0”")).toBe("河南规划中有 22 个县（市）投入资金为“0”");

    const cn = await load("national-2015");
    const where = scenarioRegion(cn.data, cn.scenario, "zh");
    expect(where.unitLevel).toBe("province");
    expect(where.countiesPhrase).toBe("合成全国 31 个省级单位（由 2600 个模拟县按省汇总）");
    const cnZh = rewriter(where, false, "zh");
    const cnEn = rewriter(scenarioRegion(cn.data, cn.scenario, "en"), false, "en");
    expect(cnZh("配套行为校准（ABC，合成省 109 县、18 市）")).toBe("配套行为校准（ABC，合成全国 31 个省级单位）");
    expect(cnZh("合成县001（落后县）校舍竣工率")).toBe("合成县001（落后省）校舍竣工率");
    expect(cnZh("许昌各县校舍开工率；各县五年规划资金来源；各省的进度为其各县按规划加权的汇总")).toBe("许昌各县校舍开工率；各省五年规划资金来源；各省的进度为其各县按规划加权的汇总");
    expect(cnEn("Plan funds by county and source; gaibo synthetic province (seed 20140901)")).toBe("Plan funds by province and source; gaibo synthetic China (seed 20181231)");
  }, 60_000);
});

describe("countyFundsChart (English money convention)", () => {
  it("draws a county's plan in m yuan and a province-level unit's in bn yuan; the rows stay in 万元", async () => {
    const { countyFundsChart } = await import("../../src/charts/county-funds-chart.js");
    const row = (name: string, central: number) => ({ county_name: name, plan_central_gaibo_wan_yuan: central, plan_central_other_wan_yuan: 0, plan_provincial_wan_yuan: 0, plan_city_wan_yuan: 0, plan_county_wan_yuan: 500, plan_other_wan_yuan: 0 });
    const county = countyFundsChart([row("甲县", 1868)], { provenance: "synthetic", source: "s", lang: "en" });
    // 1,868 万元 = 18.68 m yuan (hand: 1 m yuan = 100 万元).
    expect((county.figure.data[0] as { y: number[] }).y).toEqual([18.68]);
    expect(JSON.stringify(county.figure.layout)).toContain('"text":"m yuan"');
    const province = countyFundsChart([row("合成省01", 580_491)], { provenance: "synthetic", source: "s", lang: "en" });
    // 580,491 万元 = 5.80491 bn yuan (1 bn yuan = 100,000 万元).
    expect((province.figure.data[0] as { y: number[] }).y[0]).toBeCloseTo(5.80491, 10);
    expect(JSON.stringify(province.figure.layout)).toContain('"text":"bn yuan"');
    expect(province.rows[0].plan_central_gaibo_wan_yuan).toBe(580_491);
    const zh = countyFundsChart([row("甲县", 1868)], { provenance: "synthetic", source: "s", lang: "zh" });
    expect((zh.figure.data[0] as { y: number[] }).y).toEqual([1868]);
  });
});
