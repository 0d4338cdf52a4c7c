import { describe, expect, it } from "vitest";
import {
  bigClassBacktestChart,
  bigClassCountySpreadChart,
  bigClassFanChart,
  bigClassRemovalCostChart,
  bigClassStockIncrementChart,
  classroomGapChart,
} from "../../src/charts/class-size-charts.js";

const subtitle = (c: { figure: { layout: Record<string, unknown> } }) => (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;

describe("big-class charts", () => {
  const fan = [
    { scenario: "base", year: 2015, low: 100, median: 100, high: 100 },
    { scenario: "base", year: 2016, low: 80, median: 90, high: 95 },
    { scenario: "fast", year: 2015, low: 100, median: 100, high: 100 },
    { scenario: "fast", year: 2016, low: 90, median: 97, high: 110 },
  ];

  it("bigClassFanChart(points, options) draws a band, a dashed median per scenario and the observed base year solid", () => {
    const c = bigClassFanChart(fan, { lang: "zh", source: "gaibo 合成省" });
    expect(c.id).toBe("synthetic-big-class-fan");
    expect(c.provenance).toBe("synthetic");
    expect(subtitle(c)).toContain("合成数据");
    const data = c.figure.data as { fill?: string; line?: { dash?: string }; name?: string; x: number[] }[];
    expect(data.filter((d) => d.fill === "tonexty")).toHaveLength(2);
    expect(data.filter((d) => d.line?.dash === "dash")).toHaveLength(2);
    const history = data[data.length - 1];
    expect(history.name).toBe("基期（观测）");
    expect(history.x).toEqual([2015]);
    expect(c.title).toBe("合成省城镇大班额（56人及以上）：三种城镇化情景");
    expect(bigClassFanChart(fan, { lang: "en", source: "x" }).title).toBe("Synthetic province, urban and town: big classes (56+) under three urbanization scenarios");
  });

  it("classroomGapChart, bigClassRemovalCostChart and bigClassStockIncrementChart keep their numbers in rows and are marked synthetic", () => {
    const gap = classroomGapChart([{ scenario: "base", year: 2016, needed: 10, planned: 5 }], { lang: "en", source: "gaibo" });
    expect(gap.rows[0].gap).toBe(5);
    const cost = bigClassRemovalCostChart([{ scenario: "base", targetYear: 2018, classrooms: 1, floorAreaM2: 242, teachers: 2.4, costWanYuan: 48.4 }], { lang: "en", source: "gaibo" });
    // 48.4 万元 = 0.00484 亿元 = 0.000484 bn yuan: the English page shows money in bn yuan.
    expect((cost.figure.data[0] as { y: number[] }).y[0]).toBeCloseTo(0.000484, 12);
    const stock = bigClassStockIncrementChart([{ year: 2016, stock: 3, increment: 1 }], { lang: "zh", source: "gaibo", targetYear: 2018 });
    expect(stock.rows[0].total).toBe(4);
    expect((stock.figure.data as { name: string }[]).map((d) => d.name)).toEqual(["消化存量", "控制增量"]);
    for (const c of [gap, cost, stock]) {
      expect(c.provenance).toBe("synthetic");
      expect(c.id.startsWith("synthetic")).toBe(true);
    }
  });

  it("bigClassBacktestChart(published, paths, options) marks published points real with their source and model lines dashed", () => {
    const c = bigClassBacktestChart(
      [{ year: 2017, measure: "big_share", value: 0.101 }, { year: 2020, measure: "very_big_share", value: 0, approx: true }],
      [{ model: "drive", year: 2017, bigShare: 0.101, veryBigShare: 0.024 }, { model: "drive", year: 2018, bigShare: 0.0706, veryBigShare: 0.005 }],
      { lang: "en", source: "新华社 2018-03-16" },
    );
    expect(c.provenance).toBe("real");
    expect(subtitle(c)).toContain("real published figures");
    expect(subtitle(c)).toContain("新华社 2018-03-16");
    const data = c.figure.data as { name: string; line: { dash?: string }; marker?: { symbol: string[] } }[];
    expect(data.filter((d) => d.line.dash === "dash").map((d) => d.name)).toEqual([
      "model: elimination drive (pace fitted to 2018) 56+",
      "model: elimination drive (pace fitted to 2018) 66+",
    ]);
    expect(data[2].marker!.symbol).toEqual(["circle-open"]); // 66+ “基本消除” is approximate
    expect(c.rows).toHaveLength(2 + 4);
  });

  it("bigClassCountySpreadChart(points, options) puts 广西 and the model side by side and flags the fitted count", () => {
    const c = bigClassCountySpreadChart(
      [{ count: "bigBelow", observedShare: 0.144, modelShare: 0.156, fitted: false }, { count: "veryBigBelow", observedShare: 0.568, modelShare: 0.569, fitted: true }],
      { lang: "zh", source: "广西" },
    );
    expect((c.figure.data[0] as { x: string[] }).x).toEqual(["大班额比例低于5%的县", "超大班额比例低于2%的县（拟合）"]);
    expect(c.rows[0].difference).toBeCloseTo(0.012, 12);
  });
});
