import { describe, expect, it } from "vitest";
import { fundCompositionChart } from "../../src/charts/fund-composition-chart.js";
import { progressObservationsChart } from "../../src/charts/progress-observations-chart.js";
import { progressSpreadChart } from "../../src/charts/progress-spread-chart.js";
import { bigClassSharesChart } from "../../src/charts/big-class-shares-chart.js";

const henan = [
  { fund_source: "total", use: "all", amount_yi_yuan: 267.91 },
  { fund_source: "central_total", use: "all", amount_yi_yuan: 159.82 },
  { fund_source: "central_gaibo", use: "all", amount_yi_yuan: 135.04 },
  { fund_source: "central_other", use: "all", amount_yi_yuan: 24.79 },
  { fund_source: "local_total", use: "all", amount_yi_yuan: 106.47 },
  { fund_source: "provincial", use: "all", amount_yi_yuan: 42.4 },
  { fund_source: "city", use: "all", amount_yi_yuan: 1.38 },
  { fund_source: "county", use: "all", amount_yi_yuan: 62.69 },
  { fund_source: "other", use: "all", amount_yi_yuan: 1.62 },
  { fund_source: "total", use: "buildings", amount_yi_yuan: 213.47 },
  { fund_source: "total", use: "equipment", amount_yi_yuan: 54.43 },
];

describe("fundCompositionChart", () => {
  it("fundCompositionChart(henan) stacks the six sources and the two uses with their published amounts", () => {
    const c = fundCompositionChart(henan, { region: "河南省", provenance: "seed", source: "seed 001", lang: "zh" });
    const bars = c.figure.data as { name: string; x: number[]; y: string[] }[];
    expect(bars.map((b) => [b.name, b.x[0]])).toEqual([
      ["中央薄改专项", 135.04],
      ["统筹其他中央专项", 24.79],
      ["省级", 42.4],
      ["地市级", 1.38],
      ["县级", 62.69],
      ["其他资金", 1.62],
      ["校舍建设", 213.47],
      ["设备购置", 54.43],
    ]);
    expect(bars[0].y[0]).toBe("中央专款<br>159.82");
    expect(c.title).toBe("河南省全面改薄五年规划资金构成（合计 267.91 亿元）");
    const subtitle = (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;
    expect(subtitle).toContain("种子文件");
    expect(subtitle).toContain("seed 001");
  });

  it("fundCompositionChart(henan, en) speaks English", () => {
    const c = fundCompositionChart(henan, { region: "Henan", provenance: "seed", source: "seed 001", lang: "en" });
    expect((c.figure.data[0] as { name: string }).name).toBe("Central 改薄 fund");
    expect(c.title).toMatch(/^Henan: five-year plan by fund source/);
  });
});

describe("progressObservationsChart", () => {
  it("progressObservationsChart(points) draws values above the ceiling at the top edge with their true value", () => {
    const c = progressObservationsChart(
      [
        { region: "中牟县", indicator: "start_rate", as_of: "2016-10-31", value_share: 12.83 },
        { region: "中牟县", indicator: "equipment_rate", as_of: "2016-10-31", value_share: 7.61 },
        { region: "三门峡市", indicator: "start_rate", as_of: "2016-10-31", value_share: 0.8603 },
        { region: "蚌埠市", indicator: "completion_rate", as_of: "", value_share: 1.083 },
      ],
      { provenance: "seed", source: "s", lang: "zh" },
    );
    const start = c.figure.data[0] as { y: number[]; text: string[] };
    expect(start.y).toEqual([1.5, 0.8603]);
    expect(start.text).toEqual(["中牟县 1283%↑", "三门峡市"]);
    const equip = c.figure.data[1] as { y: number[] };
    expect(equip.y[0]).toBeCloseTo(1.43, 12);
    expect(c.rows).toHaveLength(3); // the undated Bengbu figure is left out
  });
});

describe("progressSpreadChart", () => {
  it("progressSpreadChart(rates) gives per-date quantiles, mean and county counts", () => {
    const rates = [0.1, 0.2, 0.3, 0.4, 0.9].map((v, i) => ({ county_id: `c${i}`, as_of: "2016-10-31", value: v }));
    const c = progressSpreadChart(rates, { indicator: "start_rate", provenance: "synthetic", source: "s", lang: "en" });
    expect(c.rows).toEqual([{ as_of: "2016-10-31", counties: 5, min: 0.1, q25: 0.2, median: 0.3, q75: 0.4, max: 0.9, mean: 0.38 }]);
    expect((c.figure.layout.title as { subtitle: { text: string } }).subtitle.text).toContain("SYNTHETIC");
  });
});

describe("bigClassSharesChart", () => {
  it("bigClassSharesChart(shandong) groups urban and town bars by level", () => {
    const c = bigClassSharesChart(
      [
        { level: "primary", area: "urban", share: 0.5129 },
        { level: "primary", area: "town", share: 0.463 },
        { level: "junior", area: "urban", share: 0.4737 },
        { level: "junior", area: "town", share: 0.4479 },
      ],
      { region: "山东省", year: 2015, provenance: "seed", source: "s", lang: "zh" },
    );
    expect(c.figure.data.map((d) => [(d as { name: string }).name, (d as { y: number[] }).y])).toEqual([
      ["城区", [0.5129, 0.4737]],
      ["镇区", [0.463, 0.4479]],
    ]);
  });
});
