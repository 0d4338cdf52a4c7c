import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allocationRuleSchema } from "../../src/allocation/rule-schema.js";
import { birthScenarioSchema } from "../../src/class-size/birth-scenario.js";
import { urbanizationScenarioSchema } from "../../src/class-size/urbanization-scenario.js";
import { scenarioSchema } from "../../src/scenarios/scenario-schema.js";
import { DataValidationError, formatIssue, type DataIssue } from "../../src/shared/errors.js";
import { parseJsonWithSchema, parseWithSchema, zodIssueMessageZh } from "../../src/shared/parse-with-schema.js";

const CJK = /[\u4e00-\u9fff]/;

/** The issues a failing parse reports (the test fails if it passes). */
function issuesOf(fn: () => unknown): DataIssue[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataValidationError);
    return (err as DataValidationError).issues;
  }
  throw new Error("expected a DataValidationError");
}

const factor = { column: "pupils", weight: 1, direction: "need", normalisation: "share" };
const rule = (patch: Record<string, unknown>) => ({ name: "r", groups: [{ id: "need", weight: 1, factors: [factor] }], ...patch });

describe("parseWithSchema in Chinese", () => {
  it("parseJsonWithSchema(malformed rule JSON) gives every zod issue a Chinese messageZh beside the English message", () => {
    const text = JSON.stringify(rule({ weigth: 1, groups: [{ id: "need", weight: 1, factors: [{ ...factor, weight: 1.5, direction: "up" }] }] }));
    const issues = issuesOf(() => parseJsonWithSchema(allocationRuleSchema, text, "parseRule", "bad-rule.json"));
    const byColumn = Object.fromEntries(issues.map((i) => [i.column, [i.message, i.messageZh]]));
    expect(byColumn["groups[0].factors[0].weight"]).toEqual(["must be a number from 0 to 1, got 1.5", "必须是 0 到 1 之间的数，实际为 1.5"]);
    expect(byColumn["groups[0].factors[0].direction"]).toEqual(['must be "need" or "capacity", got "up"', '必须是 "need" 或 "capacity"，实际为 "up"']);
    expect(byColumn["(root)"]).toEqual(['unknown field(s) "weigth"', '未知字段 "weigth"']);
    const weight = issues.find((i) => i.column === "groups[0].factors[0].weight")!;
    expect(formatIssue(weight, "zh")).toBe("bad-rule.json, 列 groups[0].factors[0].weight: 必须是 0 到 1 之间的数，实际为 1.5");
  });

  it("parseWithSchema(missing field) says 必填", () => {
    const issues = issuesOf(() => parseWithSchema(allocationRuleSchema, { groups: [{ id: "need", weight: 1, factors: [factor] }] }, "validateRule"));
    expect(issues.map((i) => [i.column, i.message, i.messageZh])).toEqual([["name", "is required", "必填"]]);
  });

  it("zodIssueMessageZh(built-in issue) uses zod's zh-CN locale with type names in Chinese", () => {
    const result = z.object({ draws: z.number().int().min(10) }).safeParse({ draws: 5 }, { reportInput: true });
    expect(result.success).toBe(false);
    expect(zodIssueMessageZh(result.error!.issues[0])).toBe("数值过小：期望 数字 >=10，实际为 5");
  });

  it("zodIssueMessageZh(custom issue with no Chinese) keeps the English rather than guess", () => {
    const result = z.string().refine(() => false, "is odd in a way nobody translated").safeParse("x");
    expect(zodIssueMessageZh(result.error!.issues[0])).toBe("is odd in a way nobody translated");
  });

  it("parseJsonWithSchema(text that is not JSON) names the line in both languages", () => {
    const [issue] = issuesOf(() => parseJsonWithSchema(scenarioSchema, '{\n "name": ', "parseScenario", "s.json"));
    expect(issue.message).toMatch(/^is not valid JSON \(/);
    expect(issue.messageZh).toMatch(/^不是有效的 JSON（.*）$/);
  });

  // Each of these breaks a different field or cross-field check of the four schemas users write by hand.
  const malformed: [string, z.ZodType<unknown>, unknown][] = [
    ["rule: wrong types and ranges", allocationRuleSchema, rule({ name: "", budgetWanYuan: -3, groups: [{ id: "1a", weight: 2, factors: [{ column: "", weight: "x", direction: 1, normalisation: "x" }] }] })],
    ["rule: empty lists and bad kinds", allocationRuleSchema, rule({ groups: [{ id: "g", weight: 1, factors: [] }], matching: { kind: "x" }, regional: { kind: "x" }, incentives: { deductions: [{ kind: "x" }] } })],
    ["rule: missing fields", allocationRuleSchema, { groups: [{ factors: [{}] }], bounds: { ceiling: { perPupilYuan: 0, budgetShare: 2 } } }],
    ["rule: texts of the wrong type", allocationRuleSchema, { name: 1, groups: [{ id: 1, weight: 1, factors: [{ ...factor, column: 1 }] }] }],
    ["rule: no groups", allocationRuleSchema, { name: "r", groups: [] }],
    [
      "rule: cross-field checks",
      allocationRuleSchema,
      rule({
        groups: [
          { id: "a", weight: 0.5, factors: [{ ...factor, column: "p-q", weight: 0.5, population: "x" }, { ...factor, column: "p-q", weight: 0.2 }] },
          { id: "a", weight: 0.2, factors: [factor] },
        ],
        incentives: { rewardPoolShare: 0.1 },
        bounds: { floor: { perCountyWanYuan: 5 }, ceiling: { perCountyWanYuan: 2 } },
      }),
    ],
    ["rule: matching with both elasticity and factor", allocationRuleSchema, rule({ matching: { kind: "matching-multiplier", elasticity: 1, factor: 1 } })],
    [
      "scenario: fields",
      scenarioSchema,
      { name: "Bad Name", title: { zh: "" }, data: { asOf: "2015-13-01", extra: 1 }, targets: [], allocation: { budgetWanYuan: -1 }, bigClass: { targetYear: 2050.5 }, monteCarlo: { draws: 5 } },
    ],
    [
      "scenario: deadline before asOf",
      scenarioSchema,
      { name: "ok", title: { zh: "甲", en: "a" }, data: { asOf: "2016-06-30" }, targets: [{ indicator: "completion_rate", threshold: 0.7, deadline: "2015-01-01" }], allocation: { budgetWanYuan: 1 }, bigClass: {}, monteCarlo: {} },
    ],
    ["urbanization: flow rates", urbanizationScenarioSchema, { kind: "flow-rates", name: "", ruralToTownRate: 1.5, ruralToUrbanRate: "x", townToUrbanRate: 0.1, migrantSchoolingShare: 2 }],
    ["urbanization: flows above 1", urbanizationScenarioSchema, { kind: "flow-rates", name: "a", ruralToTownRate: 0.8, ruralToUrbanRate: 0.5, townToUrbanRate: 0.1, migrantSchoolingShare: 0.5 }],
    ["urbanization: rate path", urbanizationScenarioSchema, { kind: "rate-path", name: 1, townToUrbanRate: 0.1, migrantSchoolingShare: 0.5, years: [2015.5], urbanizationRate: "x", townShareOfArrivals: 0.3 }],
    ["urbanization: rate path lengths", urbanizationScenarioSchema, { kind: "rate-path", name: "a", townToUrbanRate: 0.1, migrantSchoolingShare: 0.5, years: [2015, 2017, 2018], urbanizationRate: [0.5, 0.6], townShareOfArrivals: 0.3 }],
    ["urbanization: one year only", urbanizationScenarioSchema, { kind: "rate-path", name: "a", townToUrbanRate: 0.1, migrantSchoolingShare: 0.5, years: [2015], urbanizationRate: [0.5], townShareOfArrivals: 0.3 }],
    ["urbanization: unknown kind", urbanizationScenarioSchema, { kind: "zzz" }],
    [
      "births",
      birthScenarioSchema,
      { name: "", unit: 3, baselineBirths: -1, baselineYear: 1900.5, baselineAnnualChange: 0.9, policyBump: { startYear: "x", extraBirths: ["a"] }, observedBirths: { "2015": -1 } },
    ],
    ["births: lists", birthScenarioSchema, { name: "b", unit: "万人", baselineBirths: "x", baselineYear: 3000, baselineAnnualChange: "y", policyBump: { startYear: 2016, extraBirths: 1 } }],
  ];

  it.each(malformed)("parseWithSchema(%s) gives every issue a messageZh with Chinese in it", (_, schema, value) => {
    const issues = issuesOf(() => parseWithSchema(schema, value, "test", "x.json"));
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(i.messageZh, `${i.column}: ${i.message}`).toMatch(CJK);
  });
});
