import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, validateScenario } from "../../src/scenarios/parse-scenario.js";
import { RULE_PRESETS } from "../../src/scenarios/scenario-schema.js";
import { DataValidationError } from "../../src/shared/errors.js";

const dir = path.resolve(import.meta.dirname, "../../datasets/scenarios");

describe("parseScenario", () => {
  it("parseScenario(preset) reads the three seed situations and the national view with their report dates and targets", async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(["henan-plan.json", "national-2015.json", "shandong-midyear.json", "xinjiang-2017.json"]);
    const parsed = await Promise.all(files.map(async (f) => parseScenario(await readFile(path.join(dir, f), "utf8"), f)));
    expect(parsed.map((s) => s.data.asOf)).toEqual(["2016-10-31", "2015-10-31", "2015-06-30", "2017-04-30"]);
    // National: the central fund over five years, 1,750亿 (seeds 000, 001).
    expect(parsed[1].allocation.budgetWanYuan).toBe(17_500_000);
    const xj = parsed[3];
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
      'bigClass.births: unknown birth scenario "very-low"; one of low, central, high, two-child',
      "bigClass.targetYear: must be a year from 2016 to 2035 (the big-class projection's years), got 2038",
      'bigClass.urbanization: unknown urbanization preset "medium"; one of slow, base, fast',
    ]);
    expect(issues.find((i) => i.column === "bigClass.urbanization")?.messageZh).toBe('未知的城镇化预设 "medium"；可选 slow、base、fast');
    expect(issues.find((i) => i.column === "bigClass.targetYear")?.messageZh).toBe("必须是 2016 到 2035 之间的年份（大班额预测覆盖的年份），实际为 2038");
  });
});

describe("parseScenario rejects what it cannot honour (issue 14 item 3)", () => {
  const base = {
    name: "x",
    title: { zh: "x", en: "x" },
    data: { asOf: "2016-06-30" },
    targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" }],
    allocation: { budgetWanYuan: 1000 },
    bigClass: {},
    monteCarlo: {},
  };
  const issuesOf = (patch: Record<string, unknown>) => {
    try {
      validateScenario({ ...base, ...patch }, "s.json");
    } catch (e) {
      return (e as DataValidationError).issues.map((i) => `${i.column}: ${i.message} | ${i.messageZh}`);
    }
    return [];
  };

  it("an unknown urbanization preset, birth scenario, rule or region is an error naming the field, never replaced by a default", () => {
    expect(issuesOf({ bigClass: { urbanization: "medium" } })).toEqual([
      'bigClass.urbanization: unknown urbanization preset "medium"; one of slow, base, fast | 未知的城镇化预设 "medium"；可选 slow、base、fast',
    ]);
    expect(issuesOf({ bigClass: { births: "baby-boom" } })[0]).toMatch(/^bigClass\.births: unknown birth scenario "baby-boom"/);
    expect(issuesOf({ allocation: { budgetWanYuan: 1, rule: "centrl-2015" } })[0]).toMatch(/^allocation\.rule: unknown rule "centrl-2015".*未知的分配规则/);
    expect(issuesOf({ allocation: { budgetWanYuan: 1, compareWith: ["need-only", "nope"] } })[0]).toMatch(/^allocation\.compareWith\[1\]: unknown rule "nope"/);
    expect(issuesOf({ region: "hubei" })[0]).toMatch(/^region: must be one of henan, shandong, xinjiang, yunnan, national, got "hubei" \| 必须是以下之一/);
    // Paths to the user's own files stay allowed.
    expect(issuesOf({ allocation: { budgetWanYuan: 1, rule: "./rules/mine.json" } })).toEqual([]);
    // The big-class section resolves its presets by name: a path there is refused, not silently ignored.
    expect(issuesOf({ bigClass: { urbanization: "my/urban.json" } })[0]).toMatch(/^bigClass\.urbanization: unknown urbanization preset "my\/urban\.json"/);
  });

  it("a target year outside the projection (2016–2030) is an error, not clamped", () => {
    expect(issuesOf({ bigClass: { targetYear: 2036 } })).toEqual([
      "bigClass.targetYear: must be a year from 2016 to 2035 (the big-class projection's years), got 2036 | 必须是 2016 到 2035 之间的年份（大班额预测覆盖的年份），实际为 2036",
    ]);
    expect(issuesOf({ bigClass: { targetYear: 2015 } })).toHaveLength(1);
    expect(issuesOf({ bigClass: { targetYear: 2035 } })).toEqual([]);
  });

  it("unsupported combinations are errors naming the field: a report date outside the bundled reports, comparing a rule with itself or twice, a provincial rule on counties, a repeated target", () => {
    expect(issuesOf({ data: { asOf: "2013-12-31" }, targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2014-12-31" }] })[0]).toMatch(
      /^data\.asOf: must be from 2014-10-31 to 2019-12-31 with bundled progress data/,
    );
    expect(issuesOf({ data: { asOf: "2013-12-31", progress: "mine.csv" }, targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2014-12-31" }] })).toEqual([]);
    expect(issuesOf({ allocation: { budgetWanYuan: 1, rule: "need-only", compareWith: ["need-only", "matching-heavy", "matching-heavy"] } })).toEqual([
      "allocation.compareWith[0]: is the scenario's own rule need-only; list other rules to compare with | 就是本情景自己的规则 need-only；请列出用来对比的其他规则",
      "allocation.compareWith[2]: lists matching-heavy twice | 重复列出了 matching-heavy",
    ]);
    expect(issuesOf({ region: "national", allocation: { budgetWanYuan: 1, rule: "national/national-2014-illustrative" } })[0]).toMatch(/^allocation\.rule: national\/national-2014-illustrative shares money among provinces/);
    expect(
      issuesOf({
        targets: [
          { indicator: "completion_rate", threshold: 0.7, deadline: "2017-12-31" },
          { indicator: "completion_rate", threshold: 0.9, deadline: "2017-12-31" },
        ],
      }),
    ).toEqual(["targets[1]: repeats targets[0] (same indicator and deadline) | 与 targets[0] 重复（同一指标、同一期限）"]);
  });

  it("every rule preset the schema accepts is a file in datasets/rules, and every file there is accepted", async () => {
    const rulesDir = path.resolve(import.meta.dirname, "../../datasets/rules");
    const found = [...(await readdir(rulesDir)).filter((f) => f.endsWith(".json")), ...(await readdir(path.join(rulesDir, "national"))).map((f) => `national/${f}`)];
    expect(found.map((f) => f.replace(/\.json$/, "")).sort()).toEqual([...RULE_PRESETS].sort());
  });

  it("each preset scenario names its region", async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
    const parsed = await Promise.all(files.map(async (f) => parseScenario(await readFile(path.join(dir, f), "utf8"), f)));
    expect(Object.fromEntries(parsed.map((s) => [s.name, s.region]))).toEqual({ "henan-plan": "henan", "national-2015": "national", "shandong-midyear": "shandong", "xinjiang-2017": "xinjiang" });
  });
});
