import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { buildReportDocument } from "../../src/report/build-report.js";
import { classSizeResults, classSizeSections } from "../../src/report/class-size-section.js";
import { BIRTH_PRESETS, URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { parseScenario } from "../../src/scenarios/parse-scenario.js";
import { DataValidationError } from "../../src/shared/errors.js";

let data: BundledData;
beforeAll(async () => {
  data = await loadBundledData();
});

describe("classSizeSections", () => {
  it("classSizeSections(data, lang) builds both sections with synthetic charts marked synthetic and the national chart real", () => {
    const sections = classSizeSections(data, "zh");
    expect(sections.map((s) => s.id)).toEqual(["class-size-outlook", "class-size-turn", "class-size-reality"]);
    const charts = sections.flatMap((s) => s.charts);
    for (const c of charts) {
      expect(c.provenance === "synthetic").toBe(c.id.startsWith("synthetic"));
      if (!c.id.startsWith("synthetic")) expect(c.provenance).toBe("real");
      expect(c.rows.length).toBeGreaterThan(0);
    }
    expect(charts.find((c) => c.id === "national-big-class-backtest")!.provenance).toBe("real");
  });

  it("classSizeSections(data, en) states the national out-of-sample errors in numbers", () => {
    const [, , reality] = classSizeSections(data, "en");
    const table = reality.tables![0];
    const row = (year: number, measure: string) => table.rows.find((r) => r[0] === year && r[1] === measure)!;
    // 3.98% (stated 2020-09-23) is school year 2019/20, out of sample; 2021 fits the share of schools capping at 65.
    expect(row(2019, "56+ share").slice(2, 5)).toEqual(["3.98%", "3.98%", "0.00 pp"]);
    expect(row(2019, "56+ share")[7]).toBe("out of sample");
    expect(row(2021, "56+ share").slice(2, 5)).toEqual(["0.71%", "0.71%", "0.00 pp"]);
    expect(row(2018, "all classes")[4]).toBe("+23,210 (0.6%)");
    const text = reality.paragraphs!.join(" ");
    expect(text).toContain("the 2019/20 school year's");
    expect(text).toContain("0.00% in 2021 (published 0.71%, error −0.71 pp)");
    expect(text).toContain("errors 2018 +0.13 pp, 2019 −0.06 pp, 2021 −0.71 pp");
  });

  it("classSizeSections(data, en) tests the county spread against Guangxi: one load factor, counties spread apart, or a 65 cap in some counties", () => {
    const [, , reality] = classSizeSections(data, "en");
    const table = reality.tables!.find((t) => t.title.startsWith("Guangxi"))!;
    expect(table.columns).toHaveLength(5);
    const row = (count: string) => table.rows.find((r) => r[0] === count)!;
    const cell = (count: string, model: number) => String(row(count)[2 + model]);
    const diff = (count: string, model: number) => Number(cell(count, model).split(", ")[1].replace("−", "-").replace(" pp", ""));
    // one factor: fitted to "66+ under 2%"; the other two are checks, and "no 66+" misses badly
    expect([cell("66+ under 2%", 0), cell("no 66+ class", 0), cell("56+ under 5%", 0)].map((c) => c.split(", ")[2])).toEqual(["fitted", "check", "check"]);
    expect(diff("no 66+ class", 0)).toBeLessThan(-30);
    // both second fits meet "no 66+"; spreading the counties breaks "56+ under 5%", the cap keeps it close
    for (const m of [1, 2]) expect(Math.abs(diff("no 66+ class", m))).toBeLessThan(2);
    expect(diff("56+ under 5%", 1)).toBeGreaterThan(20);
    expect(Math.abs(diff("56+ under 5%", 2))).toBeLessThan(8);
    expect(reality.paragraphs!.join(" ")).toContain("a third of counties enforcing a hard cap of 65");
  });

  it("classSizeSections(data, lang, scenario) follows the scenario's urbanization and target year, and reuses its cached results", async () => {
    const scenario = parseScenario(JSON.stringify({
      name: "test-fast",
      title: { zh: "测试", en: "test" },
      data: { asOf: "2016-10-31" },
      targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" }],
      allocation: { budgetWanYuan: 1000 },
      bigClass: { urbanization: "fast", targetYear: 2018 },
      monteCarlo: { draws: 400, seed: 2014 },
    }), "test-fast.json");
    classSizeSections(data, "zh", scenario);
    const doc = buildReportDocument(data, "en", [classSizeSections], scenario);
    // The second language reads the same cached results (same objects) instead of recomputing them.
    const options = { urbanization: URBANIZATION_PRESETS.fast, targetYear: 2018, draws: 400, seed: 2014 };
    const first = classSizeResults(data, options);
    expect(classSizeResults(data, options).outlooks.base).toBe(first.outlooks.base);
    expect(classSizeResults(data, options).chosen).toBe(first.chosen);
    expect(classSizeResults(data, options).spreadWide).toBe(first.spreadWide);
    const outlook = doc.sections[0];
    expect(outlook.paragraphs!.join(" ")).toContain("under fast urbanization");
    expect(outlook.charts.find((c) => c.id === "synthetic-big-class-stock-increment")!.title).toContain("by 2018");
    // The removal-cost card in the page's money unit: 亿元 on the Chinese page, bn yuan on the English (1 亿 = 0.1 bn),
    // its number (what the comparison view subtracts) in the same unit as its text.
    const card = (lang: "zh" | "en") => classSizeSections(data, lang, scenario)[0].headline!.find((h) => h.id === "big-class-removal-cost")!;
    const zhCard = card("zh");
    const enCard = card("en");
    expect(zhCard.value).toContain("亿元");
    expect(enCard.value).toMatch(/^\d+\.\d\d bn yuan$/);
    expect(enCard.value).toBe(`${enCard.numeric!.toFixed(2)} bn yuan`);
    expect(enCard.numeric).toBeCloseTo(zhCard.numeric! / 10, 10);
    expect([zhCard.unit, enCard.unit]).toEqual(["亿元", "bn yuan"]);
  });
});

describe("the turn section: build or bridge, teachers, the financing gap", () => {
  it("states the turn against the published entrants and labels every chart", () => {
    const [, turn] = classSizeSections(data, "en");
    const text = turn.paragraphs!.join(" ");
    expect(text).toContain("primary entrants peak in 2023 (model 1,866万, published 1877.88万, error −0.6%)");
    expect(text).toContain("junior entrants follow six years later and peak in 2029");
    expect(turn.charts.map((c) => [c.id, c.provenance])).toEqual([
      ["national-demographic-turn", "real"], ["synthetic-build-or-bridge", "synthetic"], ["synthetic-financing-gap", "synthetic"],
    ]);
  });

  it("build only strands rooms when pupils fall, the mixed path none; teachers are the same on every path; the 90% budget covers the median draw", () => {
    const res = classSizeResults(data, { urbanization: URBANIZATION_PRESETS.base, targetYear: 2020, draws: 400, seed: 2014, births: BIRTH_PRESETS.central });
    const tc = res.turnCosts;
    const path = (p: string) => tc.paths.find((x) => x.path === p)!;
    const build = path("build");
    // The need is the outlook's own (no 56+ class, targeted, urban + town): same numbers as its classroom gap.
    tc.years.forEach((y, i) => expect(build.rows[i].need).toBeCloseTo(res.outlooks.base.gap[i].neededClassrooms, 6));
    const e2035 = (p: string) => path(p).stranded.find((x) => x.year === 2035)!.classrooms;
    expect(e2035("build")).toBeGreaterThan(0.5 * build.built); // most rooms built for the peak stand empty in 2035
    expect(e2035("mixed")).toBe(0);
    expect(e2035("bridge")).toBe(0);
    expect(path("mixed").salaryWanYuan).toBeCloseTo(build.salaryWanYuan, 6);
    // Stranded = built stock − need, from the target year on.
    const i35 = tc.years.indexOf(2035);
    expect(build.rows[i35].stranded).toBeCloseTo(build.rows[i35].permanent - build.rows[i35].need, 6);
    const iv = tc.intervals!;
    expect(iv.draws).toBe(400);
    expect(iv.stranded2035![0]).toBeLessThanOrEqual(iv.stranded2035![1]);
    expect(iv.stranded2035![1]).toBeLessThanOrEqual(iv.stranded2035![2]);
    // Smallest flat budget at 90% ≥ the central path's own average cost to the target year (the central draw is near the median).
    const central = path(tc.cheapest).rows.filter((r) => r.year >= 2016 && r.year <= 2020).reduce((s, r) => s + r.totalWanYuan, 0) / 5;
    expect(tc.smallestBudgetWanYuan).toBeGreaterThan(central);
    expect(tc.financing.at(-1)!.cumulativeGapWanYuan).toBeCloseTo(tc.financing.reduce((s, r) => s + r.gapWanYuan, 0), 6);
  });
});

describe("classSizeSections(data, lang, scenario) takes the scenario's own choices", () => {
  it("an unknown urbanization preset, birth path or a target year past 2035 is an error naming the field, not base or a clamp", async () => {
    const data = await loadBundledData();
    const scenario = { name: "mine", bigClass: { urbanization: "medium", births: "very-low", targetYear: 2040 }, monteCarlo: { draws: 10, seed: 1 } } as unknown as Parameters<typeof classSizeSections>[2];
    let err: unknown;
    try {
      classSizeSections(data, "zh", scenario);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    const issues = (err as DataValidationError).issues;
    expect(issues.map((i) => i.column)).toEqual(["bigClass.urbanization", "bigClass.births", "bigClass.targetYear"]);
    expect(issues[0].messageZh).toBe("必须是以下之一：slow、base、fast，实际为 medium");
    expect(issues[2].message).toBe("must be between 2016 and 2035 (the projection), got 2040");
  });
});
