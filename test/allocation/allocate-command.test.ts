import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import { parseRule } from "../../src/allocation/parse-rule.js";
import { runAllocate } from "../../src/cli/allocate-command.js";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { createRandom } from "../../src/shared/random.js";
import { rulesDir } from "./read-rule.js";

let dir: string;
let unitsCsv: string;
const errors: string[] = [];
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-allocate-"));
  const data = await loadBundledData();
  const units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(2015) });
  unitsCsv = path.join(dir, "units.csv");
  await writeFile(unitsCsv, tableToCsv(units.table));
});

beforeEach(() => {
  errors.length = 0;
  logs.length = 0;
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

/** The units file with row 6's fundingGapWanYuan emptied, written as `name`. */
async function unitsWithBlankGap(name: string): Promise<string> {
  const text = (await readFile(unitsCsv, "utf8")).split("\n");
  const k = text[0].replace(/^\ufeff/, "").split(",").indexOf("fundingGapWanYuan");
  const cells = text[5].split(",");
  cells[k] = "";
  text[5] = cells.join(",");
  const file = path.join(dir, name);
  await writeFile(file, text.join("\n"));
  return file;
}

describe("runAllocate", () => {
  it("runAllocate({ units, rule: need-only, budgetWanYuan }) writes the ledger as CSV and Excel adding up to the budget", async () => {
    const out = path.join(dir, "ok");
    const code = await runAllocate({ units: unitsCsv, rule: path.join(rulesDir, "need-only.json"), budgetWanYuan: 135_040, out, lang: "en" });
    expect(code).toBe(0);
    expect((await readdir(out)).filter((f) => !f.startsWith(".")).sort()).toEqual(["allocation-need-only.csv", "allocation-need-only.xlsx"]);
    const csv = (await readFile(path.join(out, "allocation-need-only.csv"), "utf8")).replace(/^\ufeff/, "").trim().split("\n");
    expect(csv).toHaveLength(110);
    const header = csv[0].split(",");
    const col = header.indexOf("allocationFen");
    expect(header).toContain("fundingGapContributionFen");
    expect(csv.slice(1).reduce((s, line) => s + Number(line.split(",")[col]), 0)).toBe(135_040 * 1_000_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "allocation-need-only.xlsx"));
    expect(wb.worksheets[0].rowCount).toBe(110);
    expect(logs.join("\n")).toMatch(/109 counties, 135040 万元 allocated/);
  });

  it("runAllocate with a malformed rule exits 1, names the file and field, and writes nothing", async () => {
    const bad = path.join(dir, "bad-rule.json");
    await writeFile(bad, JSON.stringify({ name: "bad", groups: [{ id: "need", weight: 1, factors: [{ column: "pupils", weight: 1.5, direction: "need", normalisation: "share" }] }] }));
    const out = path.join(dir, "bad-rule-out");
    expect(await runAllocate({ units: unitsCsv, rule: bad, budgetWanYuan: 100, out, lang: "en" })).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(errors.join("\n")).toMatch(/nothing was written/);
    expect(errors.join("\n")).toMatch(/bad-rule\.json: groups\[0\]\.factors\[0\]\.weight: must be a number from 0 to 1, got 1\.5/);
  });

  it("runAllocate with a rule that is not JSON exits 1 naming the file", async () => {
    const bad = path.join(dir, "broken.json");
    await writeFile(bad, "{ name: ");
    expect(await runAllocate({ units: unitsCsv, rule: bad, budgetWanYuan: 100, out: path.join(dir, "broken-out"), lang: "en" })).toBe(1);
    expect(errors.join("\n")).toMatch(/broken\.json: is not valid JSON/);
    expect(existsSync(path.join(dir, "broken-out"))).toBe(false);
  });

  it("runAllocate with a units file missing a value the rule reads exits 1 naming row and column", async () => {
    const broken = await unitsWithBlankGap("units-broken.csv");
    const out = path.join(dir, "units-broken-out");
    expect(await runAllocate({ units: broken, rule: path.join(rulesDir, "need-only.json"), budgetWanYuan: 100_000, out, lang: "en" })).toBe(1);
    expect(errors.join("\n")).toMatch(/units-broken\.csv, row 6, column fundingGapWanYuan: must be a finite number, got empty/);
    expect(existsSync(out)).toBe(false);
  });

  it("runAllocate with text in a numeric column exits 1 naming row and column (zh messages)", async () => {
    const bad = path.join(dir, "units-text.csv");
    await writeFile(bad, "区县代码,义务教育学生数\nA,12a\nB,300\n");
    expect(await runAllocate({ units: bad, rule: path.join(rulesDir, "need-only.json"), budgetWanYuan: 100, out: path.join(dir, "t-out"), lang: "zh" })).toBe(1);
    expect(errors.join("\n")).toMatch(/units-text\.csv, 第 2 行, 列 义务教育学生数: "12a" 不是数字/);
  });

  it("runAllocate without any budget exits 1 and says how to give one", async () => {
    expect(await runAllocate({ units: unitsCsv, rule: path.join(rulesDir, "need-only.json"), out: path.join(dir, "nb"), lang: "en" })).toBe(1);
    expect(errors.join("\n")).toMatch(/budgetWanYuan: is not set; give it in the rule or pass --budget-wan-yuan/);
  });

  it("runAllocate with a malformed rule says what is wrong in Chinese by field (zh messages)", async () => {
    const bad = path.join(dir, "bad-rule-zh.json");
    await writeFile(bad, JSON.stringify({ name: "bad", weigth: 1, groups: [{ id: "need", weight: 1, factors: [{ column: "pupils", weight: 1.5, direction: "need", normalisation: "share" }] }] }));
    expect(await runAllocate({ units: unitsCsv, rule: bad, budgetWanYuan: 100, out: path.join(dir, "zh-out"), lang: "zh" })).toBe(1);
    expect(errors).toEqual([
      "发现 3 处错误，未写出任何结果：",
      "bad-rule-zh.json: groups[0].factors[0].weight: 必须是 0 到 1 之间的数，实际为 1.5",
      'bad-rule-zh.json: (root): 未知字段 "weigth"',
      "bad-rule-zh.json: groups[0].factors: 因素组 need 中各因素的权重之和必须为 1，实际为 1.5",
    ]);
  });

  it("runAllocate with a rule that is not JSON, no budget, or a missing rule file says so in Chinese", async () => {
    const broken = path.join(dir, "broken-zh.json");
    await writeFile(broken, "{ name: ");
    expect(await runAllocate({ units: unitsCsv, rule: broken, budgetWanYuan: 100, out: path.join(dir, "b-zh"), lang: "zh" })).toBe(1);
    expect(errors[1]).toMatch(/^broken-zh\.json: 不是有效的 JSON（.+）$/);
    errors.length = 0;
    expect(await runAllocate({ units: unitsCsv, rule: path.join(rulesDir, "need-only.json"), out: path.join(dir, "nb-zh"), lang: "zh" })).toBe(1);
    expect(errors[1]).toBe("need-only.json: budgetWanYuan: 未设定预算；请在规则中填写，或用 --budget-wan-yuan 指定");
    errors.length = 0;
    expect(await runAllocate({ units: unitsCsv, rule: path.join(dir, "nope.json"), budgetWanYuan: 100, out: path.join(dir, "n-zh"), lang: "zh" })).toBe(1);
    expect(errors[1]).toBe("nope.json: 无法读取（文件不存在，ENOENT）");
    errors.length = 0;
    expect(await runAllocate({ units: unitsCsv, rule: path.join(rulesDir, "need-only.json"), budgetWanYuan: -5, out: path.join(dir, "neg-zh"), lang: "zh" })).toBe(1);
    expect(errors[1]).toBe("列 --budget-wan-yuan: 必须是正数（单位：万元），实际为 -5");
  });

  it("runAllocate with an empty value, a missing column or floors above the budget says so in Chinese", async () => {
    const broken = await unitsWithBlankGap("units-broken-zh.csv");
    const rule = path.join(rulesDir, "need-only.json");
    expect(await runAllocate({ units: broken, rule, budgetWanYuan: 100_000, out: path.join(dir, "e-zh"), lang: "zh" })).toBe(1);
    expect(errors).toContain("units-broken-zh.csv, 第 6 行, 列 fundingGapWanYuan: 为空，此处必须填数值");
    errors.length = 0;
    const noGap = path.join(dir, "units-no-gap.csv");
    await writeFile(noGap, "countyId,pupils\nA,100\nB,200\n");
    expect(await runAllocate({ units: noGap, rule, budgetWanYuan: 100_000, out: path.join(dir, "m-zh"), lang: "zh" })).toBe(1);
    expect(errors).toContain("units-no-gap.csv, 列 fundingGapWanYuan: 缺少列 fundingGapWanYuan（groups[0].factors[0] 需要此列）");
    errors.length = 0;
    expect(await runAllocate({ units: unitsCsv, rule, budgetWanYuan: 100, out: path.join(dir, "f-zh"), lang: "zh" })).toBe(1);
    expect(errors[1]).toMatch(/^need-only\.json: 各县下限合计 \d+ 分（21800 万元），超过预算 100000000 分（100 万元），无法满足$/);
  });

  it("runAllocate reads a rule's extra numeric column from the units file", async () => {
    const units = path.join(dir, "extra.csv");
    await writeFile(units, "countyId,pupils,ethnicShare\nA,100,0.5\nB,100,1.5\n");
    const rule = path.join(dir, "extra.json");
    await writeFile(rule, JSON.stringify({ name: "ethnic", budgetWanYuan: 1, groups: [{ id: "g", weight: 1, factors: [{ column: "ethnicShare", weight: 1, direction: "need", normalisation: "share" }] }] }));
    const out = path.join(dir, "extra-out");
    expect(await runAllocate({ units, rule, out, lang: "en" })).toBe(0);
    const csv = (await readFile(path.join(out, "allocation-ethnic.csv"), "utf8")).trim().split("\n");
    expect(csv[1]).toContain("250000");
    expect(csv[2]).toContain("750000");
  });
  it("runAllocate --maximise leverage --max gini=… searches the weights, allocates the searched rule and writes it with the search trace", async () => {
    const out = path.join(dir, "search");
    const rule = path.join(rulesDir, "central-2015.json");
    const opts = { units: unitsCsv, rule, budgetWanYuan: 135_040, out, lang: "en" as const, maximise: "leverage", max: ["gini=0.2", "fiscalCapacityCorrelation=0"], minWeight: ["basic=0.3"], searchMatching: true };
    expect(await runAllocate(opts)).toBe(0);
    expect((await readdir(out)).filter((f) => !f.startsWith(".")).sort()).toEqual(["allocation-central-2015-searched.csv", "allocation-central-2015-searched.xlsx", "rule-central-2015-searched.json", "weight-search-central-2015.csv"]);
    const searched = parseRule(await readFile(path.join(out, "rule-central-2015-searched.json"), "utf8"), "searched.json");
    const basic = searched.groups.find((g) => g.id === "basic")!.weight;
    expect(basic).toBeGreaterThanOrEqual(0.3 - 1e-12);
    expect(searched.matching?.kind).toBe("matching-share");
    expect(searched.description).toMatch(/maximise leverage subject to gini ≤ 0\.2, fiscalCapacityCorrelation ≤ 0; all constraints met/);
    const csv = (await readFile(path.join(out, "allocation-central-2015-searched.csv"), "utf8")).replace(/^\ufeff/, "").trim().split("\n");
    const col = csv[0].split(",").indexOf("allocationFen");
    expect(csv.slice(1).reduce((t, line) => t + Number(line.split(",")[col]), 0)).toBe(135_040 * 1_000_000);
    const trace = (await readFile(path.join(out, "weight-search-central-2015.csv"), "utf8")).replace(/^\ufeff/, "").trim().split("\n");
    expect(trace[0].split(",").slice(0, 6)).toEqual(["stage", "weight_basic", "weight_input", "weight_performance", "weight_management", "weight_matching"]);
    expect(trace[1].startsWith("baseline,")).toBe(true);
    expect(logs.join("\n")).toMatch(/weight search \(maximise leverage, \d+ weightings evaluated\)/);
    expect(logs.join("\n")).toMatch(/every constraint met/);
  });

  it("runAllocate with malformed search options exits 1, names each option, and writes nothing", async () => {
    const out = path.join(dir, "search-bad");
    const rule = path.join(rulesDir, "central-2015.json");
    expect(await runAllocate({ units: unitsCsv, rule, budgetWanYuan: 100_000, out, lang: "zh", maximise: "happiness", max: ["gini=abc"] })).toBe(1);
    expect(errors).toContain("列 --max: 格式应为 名称=数值，实际为 \"gini=abc\"");
    expect(errors.some((e) => e.startsWith('列 --maximise: "happiness" 不是可用的结果指标'))).toBe(true);
    errors.length = 0;
    expect(await runAllocate({ units: unitsCsv, rule, budgetWanYuan: 100_000, out, lang: "en", max: ["gini=0.2"] })).toBe(1);
    expect(errors.join("\n")).toMatch(/constraints and weight bounds need an objective/);
    expect(existsSync(out)).toBe(false);
  });
});

