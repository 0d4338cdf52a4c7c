import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenarios/parse-scenario.js";
import { DataValidationError } from "../../src/shared/errors.js";

const dir = path.resolve(import.meta.dirname, "../../datasets/scenarios");

describe("parseScenario", () => {
  it("parseScenario(preset) reads the three seed situations with their report dates and targets", async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(["henan-plan.json", "shandong-midyear.json", "xinjiang-2017.json"]);
    const parsed = await Promise.all(files.map(async (f) => parseScenario(await readFile(path.join(dir, f), "utf8"), f)));
    expect(parsed.map((s) => s.data.asOf)).toEqual(["2016-10-31", "2015-06-30", "2017-04-30"]);
    const xj = parsed[2];
    expect(xj.targets).toEqual([
      { indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" },
      { indicator: "equipment_rate", threshold: 0.7, deadline: "2017-12-31" },
    ]);
    expect(parsed[0].allocation.budgetWanYuan).toBe(1_350_400); // Henan 中央薄改专项 135.04亿
  });

  it("parseScenario(text) fills defaults for omitted sections", () => {
    const s = parseScenario(
      JSON.stringify({
        name: "mini",
        title: { zh: "最小", en: "minimal" },
        data: { asOf: "2016-06-30" },
        targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" }],
        allocation: { budgetWanYuan: 1000 },
        bigClass: {},
        monteCarlo: {},
      }),
      "mini.json",
    );
    expect(s.data.progress).toBe("bundled");
    expect(s.allocation.rule).toBe("central-2015");
    expect(s.monteCarlo).toEqual({ draws: 400, seed: 2014 });
    expect(s.bigClass.targetYear).toBe(2020);
  });

  it("parseScenario(text) names the file and every bad field at once", () => {
    const text = JSON.stringify({
      name: "Bad Name",
      title: { zh: "坏" },
      data: { asOf: "2017-13-01" },
      targets: [{ indicator: "completion_rate", threshold: -0.1, deadline: "2017-12-31" }],
      allocation: { budgetWanYuan: 1000 },
      bigClass: { urbanization: "base" },
      monteCarlo: { draws: 5 },
      extra: 1,
    });
    let err: unknown;
    try {
      parseScenario(text, "bad.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    const found = (err as DataValidationError).issues.map((i) => `${i.file} ${i.column}`).sort();
    expect(found).toEqual([
      "bad.json (root)",
      "bad.json data.asOf",
      "bad.json monteCarlo.draws",
      "bad.json name",
      "bad.json targets[0].threshold",
      "bad.json title.en",
    ]);
  });

  it("parseScenario(text) rejects a deadline before the report date and invalid JSON with its line", () => {
    const base = {
      name: "x",
      title: { zh: "x", en: "x" },
      data: { asOf: "2018-06-30" },
      targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" }],
      allocation: { budgetWanYuan: 1 },
      bigClass: {},
      monteCarlo: {},
    };
    expect(() => parseScenario(JSON.stringify(base), "late.json")).toThrow(/late\.json, column targets\[0\]\.deadline: must fall after data\.asOf 2018-06-30/);
    expect(() => parseScenario('{\n  "name": "x",\n  oops\n}', "broken.json")).toThrow(/broken\.json, row 3: is not valid JSON/);
  });

  it("parseScenario(text) names an unknown urbanization preset or birth path and a target year past the 2035 horizon (in Chinese too)", () => {
    const text = JSON.stringify({
      name: "x",
      title: { zh: "x", en: "x" },
      data: { asOf: "2016-06-30" },
      targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" }],
      allocation: { budgetWanYuan: 1 },
      bigClass: { urbanization: "medium", births: "very-low", targetYear: 2038 },
      monteCarlo: {},
    });
    let err: unknown;
    try {
      parseScenario(text, "mine.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    const issues = (err as DataValidationError).issues;
    expect(issues.map((i) => `${i.column}: ${i.message}`).sort()).toEqual([
      "bigClass.births: must be one of low, central, high, two-child",
      "bigClass.targetYear: bigClass.targetYear must be between 2016 and 2035",
      "bigClass.urbanization: must be one of slow, base, fast",
    ]);
    expect(issues.find((i) => i.column === "bigClass.urbanization")?.messageZh).toBe("必须是以下之一：slow、base、fast");
    expect(issues.find((i) => i.column === "bigClass.targetYear")?.messageZh).toBe("bigClass.targetYear 必须在 2016 到 2035 之间");
  });
});
