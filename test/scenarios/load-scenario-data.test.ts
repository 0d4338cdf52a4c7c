import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { dataRef, loadScenarioData } from "../../src/scenarios/load-scenario.js";
import { parseScenario } from "../../src/scenarios/parse-scenario.js";
import { DataValidationError, type DataIssue } from "../../src/shared/errors.js";

describe("loadScenarioData with office files", () => {
  it('dataRef("p.xlsx#2016年10月") names a sheet; other paths are paths', () => {
    expect(dataRef("data/p.xlsx#2016年10月")).toEqual({ path: "data/p.xlsx", sheet: "2016年10月" });
    expect(dataRef("data/p#1.csv")).toEqual({ path: "data/p#1.csv" });
  });

  it("loadScenarioData reads the named sheet, matches codes Excel stored as numbers to the counties file, and hands back the warnings", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-scn-"));
    const money = ["plan_central_gaibo_wan_yuan", "plan_central_other_wan_yuan", "plan_provincial_wan_yuan", "plan_city_wan_yuan", "plan_county_wan_yuan", "plan_other_wan_yuan", "plan_buildings_wan_yuan", "plan_equipment_wan_yuan"];
    const counties = [["county_id", "county_name", ...money, "planned_floor_area_m2"], ["001", "甲县", ...money.map(() => "10"), "5000"], ["002", "乙县", ...money.map(() => "20"), "8000"]];
    await writeFile(path.join(dir, "counties.csv"), counties.map((r) => r.join(",")).join("\n"));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["填表说明"]);
    const ws = wb.addWorksheet("2016年10月");
    ws.addRow(["2016年10月全面改薄双月报"]);
    ws.addRow(["县区代码", "截至日期", "开工率(%)", "竣工率(%)"]);
    ws.addRow([1, "2016-08-31", 30, 10]); // Excel turned 001 into 1
    ws.addRow([1, "2016-10-31", 40, 20]);
    ws.addRow([2, "2016-10-31", 50, 25]);
    await wb.xlsx.writeFile(path.join(dir, "shuangyuebao.xlsx"));
    const preset = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "..", "datasets", "scenarios", "henan-plan.json"), "utf8"));
    preset.data = { ...preset.data, progress: "shuangyuebao.xlsx#2016年10月", counties: "counties.csv" };
    const file = path.join(dir, "s.json");
    const scenario = parseScenario(JSON.stringify(preset), "s.json");
    const warnings: DataIssue[] = [];
    const data = await loadScenarioData(scenario, file, await loadBundledData(), warnings);
    expect(data.synthetic.progress.array("county_id")).toEqual(["001", "001", "002"]);
    expect(data.synthetic.progress.array("start_rate")).toEqual([0.3, 0.4, 0.5]);
    const said = warnings.map((w) => w.message).join("\n");
    expect(said).toMatch(/header was taken from row 2/);
    expect(said).toMatch(/read as percentage points/);
    expect(said).toMatch(/2 county code\(s\) lost leading zeros; matched to the counties file \(1 → 001, 2 → 002\)/);
  });

  it("a user-data scenario with a single county stops before any model with a Chinese message naming the file and why (the briefing compares counties)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-scn-"));
    const money = ["plan_central_gaibo_wan_yuan", "plan_central_other_wan_yuan", "plan_provincial_wan_yuan", "plan_city_wan_yuan", "plan_county_wan_yuan", "plan_other_wan_yuan", "plan_buildings_wan_yuan", "plan_equipment_wan_yuan"];
    await writeFile(path.join(dir, "counties.csv"), [["county_id", "county_name", ...money, "planned_floor_area_m2"], ["410101", "甲县", ...money.map(() => "10"), "5000"]].map((r) => r.join(",")).join("\n"));
    await writeFile(path.join(dir, "p.csv"), "county_id,as_of,start_rate,completion_rate\n410101,2016-08-31,0.3,0.1\n410101,2016-10-31,0.4,0.2\n");
    const preset = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "..", "datasets", "scenarios", "henan-plan.json"), "utf8"));
    preset.data = { ...preset.data, progress: "p.csv", counties: "counties.csv" };
    const scenario = parseScenario(JSON.stringify(preset), "one.json");
    const err = await loadScenarioData(scenario, path.join(dir, "one.json"), await loadBundledData()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    const issues = (err as DataValidationError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: "error", file: "p.csv", column: "county_id" });
    expect(issues[0].messageZh).toBe("截至 2016-10-31 只有县 410101 有报告：简报要比较各县，至少需要 2 个县；请加入其他县的报告（单个县可在笔记本中用 fitCurve 拟合）");
  });

  it("a bundled region names its own synthetic files in a message (not 河南's datasets/synthetic/progress.csv)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-scn-"));
    const money = ["plan_central_gaibo_wan_yuan", "plan_central_other_wan_yuan", "plan_provincial_wan_yuan", "plan_city_wan_yuan", "plan_county_wan_yuan", "plan_other_wan_yuan", "plan_buildings_wan_yuan", "plan_equipment_wan_yuan"];
    await writeFile(path.join(dir, "counties.csv"), [["county_id", "county_name", ...money, "planned_floor_area_m2"], ["650101", "甲县", ...money.map(() => "10"), "5000"]].map((r) => r.join(",")).join("\n"));
    const preset = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "..", "datasets", "scenarios", "xinjiang-2017.json"), "utf8"));
    preset.data = { ...preset.data, counties: "counties.csv" };
    const scenario = parseScenario(JSON.stringify(preset), "xj.json");
    const err = await loadScenarioData(scenario, path.join(dir, "xj.json"), await loadBundledData()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    const issue = (err as DataValidationError).issues[0];
    // 94 synthetic 新疆 counties report; none of them is in the user's one-county file.
    expect(issue.file).toBe("datasets/synthetic/xinjiang/progress.csv");
    expect(issue.messageZh).toMatch(/^双月报中有 94 个县区代码不在县情文件 counties.csv 中/);
  });
});
