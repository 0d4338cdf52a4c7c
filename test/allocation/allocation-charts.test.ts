import { beforeAll, describe, expect, it } from "vitest";
import { allocate, type AllocationResult } from "../../src/allocation/allocate.js";
import { compareRules } from "../../src/allocation/compare-rules.js";
import { leverageEquityFrontier } from "../../src/allocation/leverage-equity-frontier.js";
import { unitsFromSyntheticProvince, type SyntheticUnits } from "../../src/allocation/units-from-synthetic-province.js";
import { allocationByCountyChart } from "../../src/charts/allocation-by-county-chart.js";
import { allocationWaterfallChart } from "../../src/charts/allocation-waterfall-chart.js";
import { equityTable } from "../../src/charts/equity-table.js";
import { leverageEquityFrontierChart } from "../../src/charts/leverage-equity-frontier-chart.js";
import { lorenzCurvesChart } from "../../src/charts/lorenz-curves-chart.js";
import { matchingSplitsChart } from "../../src/charts/matching-splits-chart.js";
import { monteCarloIntervalChart } from "../../src/charts/monte-carlo-interval-chart.js";
import { weightSearchChart } from "../../src/charts/weight-search-chart.js";
import { searchRuleWeights } from "../../src/allocation/search-rule-weights.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { createRandom } from "../../src/shared/random.js";
import { readRule } from "./read-rule.js";

const subtitle = (c: { figure: { layout: Record<string, unknown> } }) => (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;
const syn = { provenance: "synthetic" as const, source: "gaibo synthetic province", lang: "zh" as const };
let units: SyntheticUnits;
let central: AllocationResult;
const budgetFen = 1_350_400 * 1_000_000;

beforeAll(async () => {
  const data = await loadBundledData();
  units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(3) });
  central = allocate(units.table, readRule("central-2015.json"), { budgetFen });
});

describe("allocationByCountyChart", () => {
  it("allocationByCountyChart(rows) sorts counties largest first, marks the synthetic subtitle and the assumed weights", () => {
    const chart = allocationByCountyChart(central.rows, { ...syn, ruleName: "central-2015", assumedWeights: true, id: "synthetic-x" });
    const amounts = chart.rows.map((r) => r.allocation_wan_yuan as number);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(chart.title).toContain("（权重为假设）");
    expect(subtitle(chart)).toContain("合成数据");
    expect(chart.figure.data[0].type).toBe("bar");
  });

  it("allocationByCountyChart(rows with a floor) draws bound counties as a second trace", () => {
    const rows = [
      { countyId: "a", countyName: "甲", allocationWanYuan: 10, allocationPerPupilYuan: 1, binding: "floor" },
      { countyId: "b", countyName: "乙", allocationWanYuan: 30, allocationPerPupilYuan: 2, binding: "none" },
    ];
    const chart = allocationByCountyChart(rows, { ...syn, lang: "en", ruleName: "r" });
    expect(chart.figure.data.map((t) => t.name)).toEqual(["by formula", "held at a floor or ceiling"]);
    expect(chart.rows.map((r) => r.county_id)).toEqual(["b", "a"]);
  });
});

describe("lorenzCurvesChart", () => {
  it("lorenzCurvesChart doc example: two equal counties with 1 and 3 per pupil give Gini 0.25 and end at (1, 1)", () => {
    const chart = lorenzCurvesChart([{ ruleName: "r", perPupilYuan: [1, 3], pupils: [1, 1] }], syn);
    expect(chart.rows.at(-1)).toEqual({ rule: "r", pupil_share: 1, money_share: 1, gini: 0.25 });
    expect(chart.rows[1]).toMatchObject({ pupil_share: 0.5, money_share: 0.25 });
  });

  it("lorenzCurvesChart Gini agrees with the equity measure of each rule", () => {
    const [c] = compareRules(units.table, [readRule("need-only.json")], { budgetFen });
    const res = allocate(units.table, readRule("need-only.json"), { budgetFen });
    const chart = lorenzCurvesChart([{ ruleName: "need-only", perPupilYuan: res.rows.map((r) => r.allocationPerPupilYuan ?? 0), pupils: res.rows.map((r) => r.pupils) }], syn);
    expect(chart.rows[0].gini as number).toBeCloseTo(c.equity.gini, 10);
  });
});

describe("equityTable", () => {
  it("equityTable(compareRules(...)) has one row per rule, leverage and the assumed-weights note", () => {
    const comparisons = compareRules(units.table, [readRule("central-2015.json"), readRule("need-only.json")], { budgetFen });
    const t = equityTable(comparisons, { lang: "en", assumedWeightsNote: true });
    expect(t.columns[1]).toBe("mean per pupil (yuan)");
    expect(t.columns.at(-1)).toBe("leverage (local yuan per central yuan)");
    expect(t.rows.map((r) => r[0])).toEqual(["central-2015", "need-only"]);
    expect(t.rows[0][2]).toBe(comparisons[0].equity.gini.toFixed(3));
    expect(t.note).toContain("central-2015's weights are assumptions");
  });
});

describe("leverageEquityFrontierChart", () => {
  it("leverageEquityFrontierChart(points) plots leverage against Gini with a fiscal-neutrality line and weight labels", () => {
    const points = leverageEquityFrontier(units.table, readRule("need-only.json"), { budgetFen, steps: 5 });
    const chart = leverageEquityFrontierChart(points, { ...syn, lang: "en", elasticity: 0.3 });
    expect(chart.rows).toHaveLength(6);
    expect(chart.figure.data).toHaveLength(2);
    expect(chart.figure.data[0].text).toEqual(["w=0.00", "w=0.10", "w=0.20", "w=0.30", "w=0.40", "w=0.50"]);
    expect(chart.title).toContain("matching elasticity 0.3");
  });
});

describe("allocationWaterfallChart", () => {
  it("allocationWaterfallChart(row, factors) steps through the ten central-2015 factors and ends in the allocation", () => {
    const row = central.rows[0];
    const chart = allocationWaterfallChart(row, central.factors, { ...syn, ruleName: "central-2015" });
    const trace = chart.figure.data[0] as { type: string; measure: string[]; y: number[]; x: string[] };
    expect(trace.type).toBe("waterfall");
    expect(trace.x.slice(0, 2)).toEqual(["贫困人口数及比例", "人均可用财力"]);
    expect(trace.measure.at(-1)).toBe("total");
    const steps = trace.y.slice(0, -1).reduce((s, y) => s + y, 0);
    expect(Math.abs(steps - trace.y.at(-1)!)).toBeLessThan(0.001); // at most 10 元 of rounding left out
    expect(trace.y.at(-1)).toBe(row.allocationWanYuan);
  });

  it("allocationWaterfallChart shows deductions as negative steps and rewards as positive ones", () => {
    const res = allocate(units.table, readRule("hebei-progress.json"), { budgetFen });
    const row = res.rows.find((r) => r.deductionFen > 0)!;
    const chart = allocationWaterfallChart(row, res.factors, { ...syn, lang: "en", ruleName: "hebei-progress" });
    const step = chart.rows.find((r) => r.step === "deduction")!;
    expect(step.amount_wan_yuan).toBe(-row.deductionFen / 1e6);
    expect(chart.figure.data[0].x as string[]).toContain("deduction (slow progress, idle balance)");
  });
});

describe("monteCarloIntervalChart", () => {
  it("monteCarloIntervalChart(intervals) sorts by median and draws asymmetric error bars", () => {
    const chart = monteCarloIntervalChart(
      [
        { countyId: "a", countyName: "甲", lower: 8, median: 10, upper: 15, central: 10.5 },
        { countyId: "b", countyName: "乙", lower: 18, median: 20, upper: 21 },
      ],
      { ...syn, ruleName: "r", draws: 10_000, level: 0.9 },
    );
    expect(chart.rows.map((r) => r.county_id)).toEqual(["b", "a"]);
    const err = chart.figure.data[0].error_y as { array: number[]; arrayminus: number[] };
    expect(err.array).toEqual([1, 5]);
    expect(err.arrayminus).toEqual([2, 2]);
    expect(chart.title).toContain("90%区间（蒙特卡洛 10,000 次）");
  });
});

describe("matchingSplitsChart", () => {
  it("matchingSplitsChart doc example: one amount is the whole bar; a lone share leaves the rest as central + provincial", () => {
    const chart = matchingSplitsChart(
      [
        { group: "甘肃 2010–2013", level: "central", amountYiYuan: 39.42 },
        { group: "天水", level: "city_and_county", share: 0.2696 },
      ],
      { provenance: "real", source: "real", lang: "en" },
    );
    expect(chart.rows[0]).toMatchObject({ group: "甘肃 2010–2013", share: 1 });
    expect(chart.rows.find((r) => r.group === "天水" && r.level === "central_and_provincial")!.share).toBeCloseTo(0.7304, 10);
    expect(subtitle(chart)).toContain("real published figures");
  });
});

describe("weightSearchChart", () => {
  it("weightSearchChart(search) draws every evaluated weighting, feasible apart from infeasible, the baseline, the result and the cap", () => {
    const search = searchRuleWeights(units.table, readRule("matching-heavy.json"), {
      budgetFen,
      objective: { outcome: "leverage", goal: "maximise" },
      constraints: [{ outcome: "gini", max: 0.3 }],
      gridStep: 0.1,
    });
    const chart = weightSearchChart(search, { ...syn, objective: "leverage", x: "gini", limits: { max: 0.3 }, id: "synthetic-weight-search" });
    expect(chart.rows.length).toBe(search.trace.length);
    expect(Object.keys(chart.rows[0])).toEqual(["weight_need", "weight_matching", "gini", "leverage", "feasible"]);
    const [infeasible, feasible, baseline, best] = chart.figure.data as { x: number[]; y: number[]; name: string }[];
    expect(infeasible.x.length + feasible.x.length).toBe(search.trace.length);
    expect(feasible.x.every((g) => g <= 0.3)).toBe(true);
    expect(baseline.y[0]).toBe(search.baseline.objective);
    expect(best.y[0]).toBe(search.best.objective);
    expect(best.name).toBe("搜索结果");
    const shapes = chart.figure.layout.shapes as { x0: number }[];
    expect(shapes.map((s) => s.x0)).toEqual([0.3]);
    expect(subtitle(chart)).toContain("合成数据");
    expect(weightSearchChart(search, { ...syn, lang: "en", objective: "leverage", x: "gini" }).figure.layout.xaxis).toMatchObject({ title: { text: "Gini of allocation per pupil" } });
  });
});
