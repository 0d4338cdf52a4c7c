import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { allocationSections } from "../../src/report/allocation-section.js";
import { buildReportDocument } from "../../src/report/build-report.js";
import { foundationSections } from "../../src/report/foundation-sections.js";

let data: BundledData;
beforeAll(async () => {
  data = await loadBundledData();
});

describe("allocationSections", () => {
  it("allocationSections(bundled, zh) marks every synthetic chart in its subtitle and the Gansu splits as real", () => {
    const sections = allocationSections(data, "zh");
    expect(sections.map((s) => s.id)).toEqual(["allocation", "matching"]);
    const charts = sections.flatMap((s) => s.charts);
    for (const c of charts) {
      const subtitle = (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;
      if (c.id.startsWith("synthetic")) {
        expect(c.provenance).toBe("synthetic");
        expect(subtitle).toContain("合成数据");
      } else {
        expect(c.provenance).toBe("real");
        expect(subtitle).toContain("真实公开数据");
      }
      expect(c.rows.length).toBeGreaterThan(0);
    }
    expect(charts.filter((c) => c.figure.data[0].type === "waterfall")).toHaveLength(2);
    expect(charts.some((c) => c.id === "synthetic-leverage-equity-frontier")).toBe(true);
    expect(charts.find((c) => c.id === "synthetic-allocation-monte-carlo")!.rows).toHaveLength(109);
    // the weight search: its best point meets the Gini cap drawn on the chart and beats the 2015 weights on leverage
    const search = charts.find((c) => c.id === "synthetic-weight-search")!;
    const cap = (search.figure.layout.shapes as { x0: number }[])[0].x0;
    const [, , baseline, best] = search.figure.data as { x: number[]; y: number[] }[];
    expect(best.x[0]).toBeLessThanOrEqual(cap);
    expect(best.y[0]).toBeGreaterThan(baseline.y[0]);
    expect(sections[1].paragraphs!.join("")).toMatch(/撬动比 0\.\d{3} → 0\.\d{3}/);
  });

  it("allocationSections: the Lorenz legend's Gini for each rule is the equity table's (one run, one value)", () => {
    const sections = allocationSections(data, "en");
    const lorenz = sections.flatMap((s) => s.charts).find((c) => c.id === "synthetic-allocation-lorenz")!;
    const legend = new Map((lorenz.figure.data as { name: string }[]).map((t) => [t.name.replace(/ \(Gini .*$/, ""), Number(/Gini (\d\.\d{3})/.exec(t.name)?.[1])]));
    const table = sections.flatMap((s) => s.tables ?? []).find((t) => t.columns.some((c) => /Gini/i.test(c)))!;
    const giniColumn = table.columns.findIndex((c) => /Gini/i.test(c));
    let compared = 0;
    for (const row of table.rows) {
      const fromLegend = legend.get(String(row[0]));
      if (fromLegend === undefined) continue;
      expect(fromLegend, String(row[0])).toBeCloseTo(Number(String(row[giniColumn]).replace(/[^\d.]/g, "")), 3);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(2);
  });

  it("allocationSections reports the calibration against its seed targets and says ε is not identified", () => {
    const matching = allocationSections(data, "en")[1];
    const table = matching.tables![0];
    expect(table.rows.map((r) => r[1])).toEqual(["22", "3.5%", "23.4%", "—"]);
    expect(table.note).toContain("but not ε itself");
    expect(matching.paragraphs!.join(" ")).toMatch(/Monte Carlo draws of matching-heavy: per-pupil Gini 90% interval/);
  });

  it("allocationSections(bundled, en) allocates the Henan 135.04亿 central fund and quotes the real Gansu and Tianshui splits", () => {
    const [alloc, matching] = allocationSections(data, "en");
    expect(alloc.paragraphs!.join(" ")).toContain("135.04亿元");
    expect(alloc.tables![0].rows.map((r) => r[0])).toEqual(["central-2015", "need-only", "matching-heavy", "hebei-progress"]);
    const text = matching.paragraphs!.join(" ");
    expect(text).toContain("2.3% of the total"); // (1.04) / (39.42 + 4.61 + 1.04) = 2.31%
    expect(text).toContain("26.96%");
    expect(text).toContain("22 of Henan's 109 counties");
    const splits = matching.charts.find((c) => c.id === "real-matching-splits")!;
    expect(splits.rows.find((r) => r.level === "city_and_county" && String(r.group).startsWith("Tianshui"))!.share).toBe(0.2696);
  });

  it("allocationSections(data, lang, scenario) uses the scenario's rule, comparison rules and budget: 1 万元 and 500,000 万元 give different numbers", async () => {
    const { loadScenario } = await import("../../src/scenarios/load-scenario.js");
    const { scenario } = await loadScenario("henan-plan");
    const withBudget = (budgetWanYuan: number, rule = "central-2015", compareWith = ["need-only"]) =>
      ({ ...scenario, allocation: { rule, compareWith, budgetWanYuan } }) as typeof scenario;
    const small = allocationSections(data, "zh", withBudget(300_000))[0];
    const large = allocationSections(data, "zh", withBudget(500_000))[0];
    const totalWanYuan = (sec: typeof small) =>
      sec.charts.find((c) => c.id === "synthetic-allocation-by-county")!.rows.reduce((s, r) => s + Number(r.allocation_wan_yuan), 0);
    expect(totalWanYuan(small)).toBeCloseTo(300_000, 2);
    expect(totalWanYuan(large)).toBeCloseTo(500_000, 2);
    expect(small.paragraphs!.join("")).toContain("分配总额 30 亿元，由本情景设定");
    expect(large.paragraphs!.join("")).toContain("分配总额 50 亿元");
    // 1 万元 cannot pay need-only's 200 万元 floors: the page says so instead of showing 135.04亿
    const tiny = allocationSections(data, "zh", withBudget(1));
    expect(tiny[0].charts).toEqual([]);
    expect(tiny[0].paragraphs![0]).toContain("本情景的分配预算为 0.0001 亿元");
    expect(tiny[0].paragraphs![0]).toMatch(/下限|floors|保底|hold/);
    expect(large.tables![0].rows.map((r) => r[0])).toEqual(["central-2015", "need-only"]);
    const other = allocationSections(data, "en", withBudget(500_000, "hebei-progress", ["matching-heavy"]))[0];
    expect(other.tables![0].rows.map((r) => r[0])).toEqual(["hebei-progress", "matching-heavy"]);
    expect(other.paragraphs!.join(" ")).toContain("This scenario's rule hebei-progress, compared with matching-heavy");
  });

  it("allocationSections shows the per-county table for every rule compared, the winners-and-losers chart and the provisions chart", () => {
    const [alloc] = allocationSections(data, "zh");
    const county = alloc.tables!.find((t) => t.title.startsWith("各县分配额"))!;
    expect(county.columns).toEqual(["区县", "所属市", "学生数", "central-2015（万元）", "central-2015（元/生）", "need-only（万元）", "need-only（元/生）", "matching-heavy（万元）", "matching-heavy（元/生）", "hebei-progress（万元）", "hebei-progress（元/生）"]);
    expect(county.rows).toHaveLength(109);
    // each rule's column adds up to the budget: shown to 0.01 万元, so within half a unit per county of rounding
    const sum = county.rows.reduce((s, r) => s + Math.round(Number(String(r[3]).replace(/,/g, "")) * 100), 0);
    expect(Math.abs(sum - 1_350_400 * 100)).toBeLessThanOrEqual(109 / 2);
    const wl = alloc.charts.find((c) => c.id === "synthetic-allocation-winners-losers")!;
    expect(wl.rows).toHaveLength(109);
    expect(wl.rows.reduce((s, r) => s + Number(r.change_wan_yuan), 0)).toBeCloseTo(0, 6);
    const prov = alloc.charts.find((c) => c.id === "synthetic-allocation-provisions")!;
    // need-only's floor, matching-heavy's matching and hold-harmless, hebei-progress's reward and deductions
    expect(prov.rows.filter((r) => r.provision !== "all" && r.provision !== "interaction").map((r) => `${r.rule}:${r.provision}`)).toEqual([
      "need-only:floor",
      "matching-heavy:holdHarmless",
      "matching-heavy:matching",
      "hebei-progress:reward",
      "hebei-progress:deductions",
    ]);
    for (const r of prov.rows) expect([1, 2, 3, 4].reduce((s, k) => s + Number(r[`fiscal_capacity_q${k}_wan_yuan`]), 0)).toBeCloseTo(0, 6);
    expect(alloc.paragraphs!.join("")).toMatch(/赢家与输家：与 need-only 相比，central-2015 使 \d+ 个县增加、\d+ 个县减少/);
  });

  it("allocationSections plugs into buildReportDocument", () => {
    const doc = buildReportDocument(data, "zh", [foundationSections, allocationSections]);
    expect(doc.sections.map((s) => s.id)).toContain("matching");
  });
});
