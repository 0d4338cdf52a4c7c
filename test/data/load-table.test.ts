import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as aq from "arquero";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load-table.js";
import { parseCsv } from "../../src/data/parse-csv.js";
import { PROGRESS_SCHEMA } from "../../src/data/schemas.js";
import { validateSheet } from "../../src/data/validate-sheet.js";
import { fromDanfo, tableToCsv, tableToXlsx, toDanfo } from "../../src/data/convert-table.js";
import { DataValidationError, type DataIssue } from "../../src/shared/errors.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-load-"));
});

/** The issues a failing validation reports (the test fails if validation passes). */
function issuesOf(fn: () => unknown): DataIssue[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataValidationError);
    return (err as DataValidationError).issues.filter((i) => i.severity === "error");
  }
  throw new Error("expected a DataValidationError");
}

const csv = (text: string) => validateSheet(parseCsv(text, "report.csv"), PROGRESS_SCHEMA);

describe("parseCsv", () => {
  it("parseCsv(text) keeps quoted commas, doubled quotes and line numbers", () => {
    const raw = parseCsv('a,b\n"x, y","say ""hi"""\n3,4\n', "f.csv");
    expect(raw.header).toEqual(["a", "b"]);
    expect(raw.rows).toEqual([
      { row: 2, cells: ["x, y", 'say "hi"'] },
      { row: 3, cells: ["3", "4"] },
    ]);
  });

  it("parseCsv(text) names the line of a row with a missing or surplus field", () => {
    const issues = issuesOf(() => parseCsv("a,b,c\n1,2,3\n4,5\n6,7,8,9\n", "bad.csv"));
    expect(issues.map((i) => [i.file, i.row])).toEqual([
      ["bad.csv", 3],
      ["bad.csv", 4],
    ]);
  });
});

describe("validateSheet", () => {
  it("validateSheet(progress) reads Chinese headers, percentages and 2015年6月30日 dates", () => {
    const { table, warnings } = csv("县区代码,截至日期,开工率,竣工率\nA,2015年6月30日,34.37%,0.1777\nA,2015/8/31,1.43,0.2\n");
    expect(table.columnNames()).toEqual(["county_id", "as_of", "start_rate", "completion_rate"]);
    expect(table.array("as_of")).toEqual(["2015-06-30", "2015-08-31"]);
    expect(table.get("start_rate", 0)).toBeCloseTo(0.3437, 12);
    // 143%: accepted with a warning naming row 3
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: "warning", row: 3, column: "开工率" });
  });

  it("validateSheet(progress) names a missing column", () => {
    const issues = issuesOf(() => csv("county_id,as_of,start_rate\nA,2015-06-30,0.1\n"));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 1, column: "completion_rate" });
    expect(issues[0].message).toContain("required column completion_rate (or 竣工率) is missing");
  });

  it("validateSheet(progress) reports text in a number, a negative rate, a bad date, a duplicate and an out-of-order date with row and column", () => {
    const issues = issuesOf(() =>
      csv("county_id,as_of,start_rate,completion_rate\nA,2015-06-30,0.3,0.1\nA,2015-04-30,abc,-0.2\nA,2015-06-30,0.5,0.3\nB,2015-02-30,0.1,0.0\n"),
    );
    const found = issues.map((i) => `${i.row}:${i.column}:${i.message}`);
    expect(found).toEqual([
      "3:start_rate:\"abc\" is not a number",
      "3:completion_rate:-0.2 is negative",
      "3:as_of:2015-04-30 comes after 2015-06-30 (row 2) for A: dates out of order",
      "4:county_id+as_of:duplicates row 2 (county_id, as_of = A | 2015-06-30)",
      "5:as_of:\"2015-02-30\" is not a date (write YYYY-MM-DD)",
    ]);
  });

  it("validateSheet(counties) rejects negative money", async () => {
    const file = path.join(dir, "counties.csv");
    await writeFile(
      file,
      "county_id,county_name,plan_central_gaibo_wan_yuan,plan_central_other_wan_yuan,plan_provincial_wan_yuan,plan_city_wan_yuan,plan_county_wan_yuan,plan_other_wan_yuan,plan_buildings_wan_yuan,plan_equipment_wan_yuan\nS1,甲县,100,0,50,0,-5,0,120,25\n",
    );
    await expect(loadTable(file, "counties")).rejects.toThrow(/counties\.csv, row 2, column plan_county_wan_yuan: -5 is negative/);
  });
});

describe("loadTable with Excel", () => {
  it("loadTable(xlsx) names the Excel row and column of text in a number cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("双月报");
    ws.addRow(["县区代码", "截至日期", "开工率", "竣工率"]);
    ws.addRow(["A", new Date(Date.UTC(2016, 9, 31)), 0.8603, 0.6017]);
    ws.addRow(["B", "2016-10-31", "约五成", 0.3]);
    const file = path.join(dir, "bad.xlsx");
    await wb.xlsx.writeFile(file);
    const err = await loadTable(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    const issues = (err as DataValidationError).issues;
    expect(issues).toEqual([
      { severity: "error", file: "bad.xlsx", sheet: "双月报", row: 3, column: "开工率", message: '"约五成" is not a number' },
    ]);
  });

  it("loadTable(xlsx) rejects a file that is not a workbook", async () => {
    const file = path.join(dir, "fake.xlsx");
    await writeFile(file, "county_id,as_of\n");
    await expect(loadTable(file)).rejects.toThrow(/fake\.xlsx: is not a readable \.xlsx workbook/);
  });
});

describe("round trips", () => {
  const original = aq.table({
    county_id: ["S001", "S002"],
    county_name: ["合成县001", "合成县002"],
    as_of: ["2016-10-31", "2016-12-31"],
    start_rate: [0.8603, 1.0123],
    completion_rate: [0.6017, 0.25],
  });

  it("tableToCsv → loadTable gives back the same table", async () => {
    const file = path.join(dir, "rt.csv");
    await writeFile(file, tableToCsv(original));
    const { table } = await loadTable(file, "progress");
    expect(table.objects()).toEqual(original.objects());
  });

  it("tableToXlsx → loadTable gives back the same table", async () => {
    const file = path.join(dir, "rt.xlsx");
    await writeFile(file, await tableToXlsx(original, "双月报"));
    const { table } = await loadTable(file, "progress");
    expect(table.objects()).toEqual(original.objects());
  });

  it("toDanfo → fromDanfo keeps columns, strings and rates to float32 precision", async () => {
    const df = await toDanfo(original);
    expect(df.shape).toEqual([2, 5]);
    const back = fromDanfo(df);
    expect(back.columnNames()).toEqual(original.columnNames());
    expect(back.array("county_name")).toEqual(["合成县001", "合成县002"]);
    const rates = back.array("start_rate") as number[];
    expect(rates[0]).toBeCloseTo(0.8603, 6);
    expect(rates[1]).toBeCloseTo(1.0123, 6);
  });
});
