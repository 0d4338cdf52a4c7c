import { describe, expect, it } from "vitest";
import { backTestChart } from "../../src/charts/back-test-chart.js";
import { forecastFanChart } from "../../src/charts/forecast-fan-chart.js";
import { leagueTableChart } from "../../src/charts/league-table-chart.js";
import { targetProbabilityChart } from "../../src/charts/target-probability-chart.js";
import { fitPanel } from "../../src/progress/fit-panel.js";
import { forecastPanel } from "../../src/progress/forecast-panel.js";
import { leagueTable } from "../../src/progress/league-table.js";
import { createRandom } from "../../src/shared/random.js";
import { toyPanel } from "./panel-fixtures.js";

const table = toyPanel({ counties: 8 });
const fc = forecastPanel(fitPanel(table, { indicator: "completion_rate", asOf: "2016-10-31" }), { random: createRandom(1), draws: 50 });
const subtitle = (c: { figure: { layout: Record<string, unknown> } }) => (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;
type Trace = { name?: string; x: unknown[]; y: unknown[]; line?: { dash?: string }; marker?: { color?: string } };

describe("progress charts", () => {
  it("forecastFanChart(forecast) draws band, solid history, dashed projection, target and marked seed points", () => {
    const c = forecastFanChart(fc.province, {
      indicator: "completion_rate",
      provenance: "synthetic",
      source: "toy",
      lang: "zh",
      observations: [{ region: "新疆", as_of: "2017-08-31", value_share: 0.73, provenance: "seed" }],
    });
    expect(c.title).toBe("全省校舍竣工率预测扇形图");
    expect(subtitle(c)).toContain("合成数据");
    const traces = c.figure.data as Trace[];
    expect(traces.find((t) => t.name === "已报数据（实线）")!.line!.dash).toBeUndefined();
    expect(traces.find((t) => t.name === "预测中位数（虚线）")!.line!.dash).toBe("dash");
    const seed = traces.find((t) => t.name === "种子文件（原始讲话与简报）")!;
    expect(seed.y).toEqual([0.73]);
    expect(seed.marker!.color).toBe("#1f5fa8");
    expect((c.figure.layout.shapes as { x0: string }[])[0].x0).toBe("2017-12-31");
  });

  it("forecastFanChart(forecast, { lang: 'en' }) labels in English and says SYNTHETIC", () => {
    const c = forecastFanChart(fc.counties[0], { indicator: "start_rate", provenance: "synthetic", source: "toy", lang: "en" });
    expect(c.title).toBe("县C00: building start rate forecast fan");
    expect(subtitle(c)).toContain("SYNTHETIC");
  });

  it("leagueTableChart, targetProbabilityChart and backTestChart carry their provenance and rows", () => {
    const league = leagueTableChart(leagueTable(table, { indicator: "completion_rate", asOf: "2015-06-30" }), {
      indicator: "completion_rate", asOf: "2015-06-30", provenance: "synthetic", source: "toy", lang: "zh",
    });
    expect(league.rows).toHaveLength(8);
    expect(subtitle(league)).toContain("合成数据");
    const prob = targetProbabilityChart(fc.counties, { indicator: "completion_rate", target: 0.7, deadline: "2017-12-31", provenance: "synthetic", source: "toy", lang: "en", province: fc.province });
    expect(prob.rows.every((r) => (r.probability as number) >= 0 && (r.probability as number) <= 1)).toBe(true);
    const bt = backTestChart(
      { indicator: "completion_rate", origins: ["2016-06-30"], level: 0.8, target: 0.7, dateScores: [], scores: [{ method: "pooled", horizon: "all", n: 1, maePp: 2, biasPp: 0, coverage: 0.8 }] },
      { provenance: "synthetic", source: "toy", lang: "en" },
    );
    expect((bt.figure.data as Trace[])[0].y).toEqual([2]);
    expect(bt.title).toBe("Back-test: forecast error by method (building completion rate)");
  });
});
