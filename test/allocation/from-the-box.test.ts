import ExcelJS from "exceljs";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { unitsColumns } from "../../src/allocation/units-columns.js";
import { rulePresetNames, runAllocate } from "../../src/cli/allocate-command.js";
import { runTemplate, TEMPLATE_SHEETS } from "../../src/cli/template-command.js";
import { readRule } from "./read-rule.js";

let dir: string;
const logs: string[] = [];
const errors: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-box-"));
});
beforeEach(() => {
  logs.length = 0;
  errors.length = 0;
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

/** Sum of the allocation column (fen) of a written CSV, and its row count. */
async function csvTotal(file: string, column: string): Promise<{ total: number; rows: number }> {
  const lines = (await readFile(file, "utf8")).replace(/^\ufeff/, "").trim().split("\n");
  const k = lines[0].split(",").indexOf(column);
  expect(k).toBeGreaterThanOrEqual(0);
  return { total: lines.slice(1).reduce((s, l) => s + Number(l.split(",")[k]), 0), rows: lines.length - 1 };
}

describe("gaibo allocate from the box", () => {
  it("rulePresetNames() lists every preset in datasets/rules, sub-folders included", () => {
    expect(rulePresetNames()).toEqual(["central-2015", "hebei-progress", "matching-heavy", "national/national-2014-illustrative", "need-only", "need-transition"]);
  });

  it.each(rulePresetNames())("runAllocate({ rule: %s }) with no --units runs on the bundled units and conserves the budget to the fen", async (preset) => {
    const out = path.join(dir, preset.replace("/", "-"));
    const code = await runAllocate({ rule: preset, out, lang: "zh" });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const files = await readdir(out);
    const csv = files.find((f) => f.endsWith("-ledger.csv"))!;
    const { total, rows } = await csvTotal(path.join(out, csv), "allocationFen");
    if (preset === "need-transition") {
      expect(total).toBe(270_080 * 1e6); // the rule's own budget: one year of the Henan plan
    } else if (preset.startsWith("national/")) {
      expect(total).toBe(3_100_000 * 1e6); // the rule's own 310亿元
      expect(logs[0]).toContain("真实人口数据");
    } else {
      expect(rows).toBe(109);
      expect(total).toBe(1_350_400 * 1e6); // the default from the box: Henan plan central fund 135.04亿元
      expect(logs[0]).toContain("合成省 109 个模拟县");
    }
  });

  it("runAllocate({ rule: 'no-such-rule' }) names the presets instead of failing on a missing file", async () => {
    expect(await runAllocate({ rule: "no-such-rule", out: path.join(dir, "x"), lang: "zh" })).toBe(1);
    expect(errors.join("\n")).toContain("找不到名为 no-such-rule 的规则文件或预设规则；预设规则：central-2015、hebei-progress");
  });
});

describe("gaibo template", () => {
  it("runTemplate({ out: 模板.xlsx }) writes Chinese headers, an example row, a 说明 row per column and a 规则 sheet that allocate reads back", async () => {
    const file = path.join(dir, "模板.xlsx");
    const code = await runTemplate({ out: file, lang: "zh" });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([TEMPLATE_SHEETS.units, TEMPLATE_SHEETS.guide, TEMPLATE_SHEETS.rule]);
    const units = wb.getWorksheet(TEMPLATE_SHEETS.units)!;
    const header = (units.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["区县代码", "区县名称", "区域", "义务教育学生数"]);
    expect(header).toHaveLength(Object.keys(unitsColumns).length);
    expect(units.getRow(2).getCell(2).value).toBe("示例县");
    expect(units.getColumn(header.indexOf("基本办学条件经费理论缺口") + 1).numFmt).toBe("#,##0.00");
    expect(units.getColumn(header.indexOf("贫困发生率") + 1).numFmt).toBe("0.00%");
    const guide = wb.getWorksheet(TEMPLATE_SHEETS.guide)!;
    const pupilsRow = guide.getRow(5).values as unknown[];
    expect(pupilsRow.slice(1, 6)).toEqual(["义务教育学生数", "pupils", "义务教育在校生数（小学 + 初中）", "人", "必填"]);
    expect(String(pupilsRow[6])).toContain("教育事业统计年报");
    expect(String(pupilsRow[8])).toContain("central-2015");
    // the template's own units and rule run as they are
    const out = path.join(dir, "template-run");
    const ran = await runAllocate({ units: file, rule: file, budgetWanYuan: 100, out, lang: "zh" });
    expect(errors).toEqual([]);
    expect(ran).toBe(0);
    expect((await csvTotal(path.join(out, "allocation-central-2015-ledger.csv"), "allocationFen")).total).toBe(100 * 1e6);
    expect((await csvTotal(path.join(out, "allocation-central-2015.csv"), "分配额（元）")).total).toBeCloseTo(100 * 1e4, 6);
  });

  it("runTemplate({ rule: hebei-progress }) puts that rule in the 规则 sheet, and it reads back equal to the JSON", async () => {
    const file = path.join(dir, "hebei.xlsx");
    expect(await runTemplate({ out: file, rule: "hebei-progress", lang: "en" })).toBe(0);
    const { loadRuleArgument } = await import("../../src/cli/allocate-command.js");
    expect((await loadRuleArgument(file)).rule).toEqual(readRule("hebei-progress.json"));
  });

  it("runTemplate({ out: 'x.csv' }) refuses a non-.xlsx output and writes nothing", async () => {
    expect(await runTemplate({ out: path.join(dir, "x.csv"), lang: "en" })).toBe(1);
    expect(errors.join("\n")).toContain("--out: must end in .xlsx");
  });
});
