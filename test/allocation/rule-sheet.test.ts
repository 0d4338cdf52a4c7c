import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleFromSheet, ruleInputFromSheet } from "../../src/allocation/rule-from-sheet.js";
import { ruleToSheet, type RuleSheetCell } from "../../src/allocation/rule-to-sheet.js";
import { validateRule } from "../../src/allocation/validate-rule.js";
import { rulePresetNames } from "../../src/cli/allocate-command.js";
import { DataValidationError, formatIssue } from "../../src/shared/errors.js";
import { rulesDir } from "./read-rule.js";

const raw = (name: string) => JSON.parse(readFileSync(`${rulesDir}${name}.json`, "utf8")) as Record<string, unknown>;

/** The issues a call throws, formatted in English. */
function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof DataValidationError) return err.issues.map((i) => formatIssue(i, "en"));
    throw err;
  }
  throw new Error("expected a DataValidationError");
}

describe("ruleToSheet / ruleFromSheet", () => {
  it.each(rulePresetNames())("ruleFromSheet(ruleToSheet(%s)) gives back the JSON exactly, before and after validation", (name) => {
    const json = raw(name);
    const sheet = ruleToSheet(json as never);
    expect(ruleInputFromSheet(sheet, "r.xlsx").value).toEqual(json);
    expect(ruleFromSheet(sheet, "r.xlsx")).toEqual(validateRule(json));
    // and once more through JSON text: nothing is lost either way
    expect(ruleToSheet(JSON.parse(JSON.stringify(ruleInputFromSheet(sheet, "r.xlsx").value)))).toEqual(sheet);
  });

  it("ruleToSheet lays the factor table out one row per sub-factor with the group repeated", () => {
    const sheet = ruleToSheet(raw("need-only") as never);
    const header = sheet.findIndex((r) => r[0] === "组编号 (groupId)");
    expect(sheet[header + 1].slice(0, 3)).toEqual(["need", "需求因素", 1]);
    expect(sheet.some((r) => r[0] === "bounds.floor.perCountyWanYuan" && r[1] === 200 && r[2] === "每县保底，万元")).toBe(true);
  });

  it("ruleFromSheet reports a bad weight with the same message as JSON, plus the sheet row", () => {
    const sheet = ruleToSheet(raw("need-only") as never).map((r) => [...r]);
    const header = sheet.findIndex((r) => r[0] === "组编号 (groupId)");
    sheet[header + 2][6] = 1.5; // second factor's weight
    const json = raw("need-only") as { groups: { factors: { weight: number }[] }[] };
    json.groups[0].factors[1].weight = 1.5;
    const fromJson = issuesOf(() => validateRule(json, "r.xlsx"));
    const fromSheet = issuesOf(() => ruleFromSheet(sheet, "r.xlsx"));
    expect(fromSheet.length).toBe(fromJson.length);
    expect(fromSheet[0]).toBe(fromJson[0].replace("r.xlsx:", `r.xlsx [规则], row ${header + 3}:`));
    expect(fromSheet[0]).toContain("groups[0].factors[1].weight: must be a number from 0 to 1");
  });

  it("ruleFromSheet refuses a group whose weight differs between its rows, and a repeated field, naming rows", () => {
    const sheet: RuleSheetCell[][] = ruleToSheet(raw("central-2015") as never).map((r) => [...r]);
    const header = sheet.findIndex((r) => r[0] === "组编号 (groupId)");
    sheet[header + 2][2] = 0.5; // basic group, second row
    sheet.push(["name", "again"]);
    const messages = issuesOf(() => ruleFromSheet(sheet, "r.xlsx"));
    expect(messages).toContain(`r.xlsx [规则], row ${header + 3}, column 组权重 (groupWeight): group basic has weight 0.6 on its first row and 0.5 here`);
    expect(messages).toContain(`r.xlsx [规则], row ${sheet.length}, column A: field name is given twice`);
  });

  it("ruleFromSheet reads weights typed as text and a missing section is named", () => {
    const sheet = ruleToSheet(raw("need-only") as never).map((r) => r.map((c) => (typeof c === "number" ? String(c) : c)));
    expect(ruleFromSheet(sheet, "r.xlsx")).toEqual(validateRule(raw("need-only")));
    expect(issuesOf(() => ruleFromSheet([["x"]], "r.xlsx"))).toContain("r.xlsx [规则], row 1, column A: has no 【设置 settings】 section");
  });
});
