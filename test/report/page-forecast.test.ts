import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { countyCompletionForecasts, countyForecasts, deadlineProbability, deadlineView, fanAt } from "../../src/browser/progress-view.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { findLaggards } from "../../src/progress/find-laggards.js";
import type { BundledData } from "../../src/data/load-bundled-data.js";
import { jointTargetProbability } from "../../src/progress/joint-target-probability.js";
import { targetProbability } from "../../src/progress/target-probability.js";
import { pageInputs, type PageInputs } from "../../src/report/page-inputs.js";
import { monthsSinceStart } from "../../src/shared/dates.js";
import { scenarioProgressRun } from "../../src/report/progress-section.js";
import { loadScenario } from "../../src/scenarios/load-scenario.js";
import { applyScenario } from "../../src/scenarios/apply-scenario.js";

// The page's deadline control and county fans against the library: the page carries the progress section's own
// joint draws (province crossing months per draw) and recounts them; the library counts the same forecasts.
describe("the forecasts the page carries", () => {
  let inputs: PageInputs;
  let henanData: BundledData;
  let run: NonNullable<ReturnType<typeof scenarioProgressRun>>;
  beforeAll(async () => {
    // As the page is built: the reports up to the scenario's report date.
    const { scenario } = await loadScenario("henan-plan");
    const data = applyScenario(await loadBundledData(), scenario);
    inputs = pageInputs(data, scenario);
    henanData = data;
    run = scenarioProgressRun(data, scenario)!;
  }, 300_000);

  it("deadlineProbability equals jointTargetProbability and targetProbability for every deadline and level, never the product of marginals", () => {
    const f = inputs.forecast!;
    const [c, e] = [run.run.forecasts.completion_rate.province, run.run.forecasts.equipment_rate.province];
    let differs = 0;
    for (const deadline of ["2016-12-31", "2017-06-30", "2017-09-15", "2017-12-31", "2018-06-30", "2019-12-31"]) {
      for (const level of f.levels) {
        const lib = jointTargetProbability([{ forecast: c, target: level }, { forecast: e, target: level }], deadline);
        const page = deadlineProbability(f, ["completion_rate", "equipment_rate"], { deadline, level });
        expect(page, `${deadline} ${level}`).toBe(lib);
        expect(deadlineProbability(f, ["completion_rate"], { deadline, level })).toBe(targetProbability(c, level, deadline));
        const product = targetProbability(c, level, deadline) * targetProbability(e, level, deadline);
        if (Math.abs(product - lib) > 1e-9) differs++;
      }
    }
    // The indicators move together, so at most levels the joint share is not the product.
    expect(differs).toBeGreaterThan(5);
    // The section's card: the default deadline and 70 %.
    const v = deadlineView(f, { deadline: f.deadline, level: 0.7 }, "zh");
    expect(v.joint).toBe(jointTargetProbability([{ forecast: c, target: 0.7 }, { forecast: e, target: 0.7 }], "2017-12-31"));
    expect(v.headline.map((h) => h.id)).toEqual(["p-completion-equipment-70", "p-completion-70", "counties-at-risk"]);
    // A later deadline can only raise it.
    expect(deadlineView(f, { deadline: "2018-12-31", level: 0.7 }, "en").joint!).toBeGreaterThanOrEqual(v.joint!);
    expect(() => deadlineView(f, { deadline: "2015-01-31", level: 0.7 }, "en")).toThrow(/after 2016-10-31/);
    expect(() => deadlineProbability(f, ["completion_rate"], { deadline: "2017-12-31", level: 0.75 })).toThrow(/level of/);
  });

  it("the carried county crossings (whole days) give every county's targetProbability exactly, so the at-risk count and the chart follow the deadline", () => {
    const f = inputs.forecast!;
    const lib = run.run.forecasts.completion_rate.counties;
    const page = countyCompletionForecasts(f);
    expect(page.map((c) => c.id)).toEqual(lib.map((c) => c.id));
    for (const deadline of ["2017-03-31", "2017-06-30", "2017-12-31", "2018-06-30", "2019-12-31"]) {
      lib.forEach((c, k) => expect(targetProbability(page[k], 0.7, deadline), `${c.id} ${deadline}`).toBe(targetProbability(c, 0.7, deadline)));
      const atRisk = findLaggards(henanData.synthetic.progress, { indicator: "completion_rate", asOf: f.origin, forecast: run.run.forecasts.completion_rate, target: 0.7, deadline }).atRisk.length;
      const v = deadlineView(f, { deadline, level: 0.7 }, "zh");
      expect(v.headline.find((h) => h.id === "counties-at-risk")!.numeric).toBe(atRisk);
      expect(v.charts.map((c) => c.id)).toContain("progress-target-probability-completion");
    }
    // At another level the counties are not carried: no card, no chart.
    expect(deadlineView(f, { deadline: "2017-12-31", level: 0.8 }, "zh").headline.map((h) => h.id)).toEqual(["p-completion-equipment-70", "p-completion-70"]);
  });

  it("a county's fans carry its forecast's median and band to 0.1 point, for each indicator", () => {
    const f = inputs.forecast!;
    const id = inputs.counties[20].id;
    const out = countyForecasts(f, id, "x", {}, { deadline: "2017-12-31", level: 0.7 }, "en")!;
    expect(out.charts.map((c) => c.id)).toEqual(run.run.indicators.map((i) => `county-fan-${i.replace("_", "-")}`));
    for (const i of run.run.indicators) {
      const lib = run.run.forecasts[i].counties.find((c) => c.id === id)!;
      const g = lib.dates.indexOf("2017-12-31");
      const page = out.atDeadline.find((a) => a.indicator === i)!;
      expect(Math.abs(page.median - lib.median[g])).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(Math.abs(page.lower - lib.lower[g])).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(page.rank).toBeGreaterThanOrEqual(1);
      expect(page.of).toBe(109);
    }
  });

  it("fanAt interpolates between grid dates and refuses dates before the grid", () => {
    const t = [monthsSinceStart("2015-01-01"), monthsSinceStart("2015-03-01")];
    const fc = { t, median: [0.2, 0.8], lower: [0.1, 0.7], upper: [0.3, 0.9] } as never;
    expect(fanAt(fc, "2014-12-31")).toBeUndefined();
    expect(fanAt(fc, "2015-03-02")).toBeUndefined();
    expect(fanAt(fc, "2015-01-01")).toEqual({ median: 0.2, lower: 0.1, upper: 0.3 });
    // Hand computation: 2015-01-31 is 30 of the 59 days between the grid dates, and months are days / 30.436875.
    expect(fanAt(fc, "2015-01-31")!.median).toBeCloseTo(0.2 + (30 / 59) * 0.6, 12);
  });

  it("the forecast part of the page is small (gzip)", () => {
    const bytes = gzipSync(Buffer.from(JSON.stringify(inputs.forecast))).length;
    console.log(`forecast inputs: ${JSON.stringify(inputs.forecast).length} bytes JSON, ${bytes} gzip`);
    expect(bytes).toBeLessThan(200_000);
  });
});
