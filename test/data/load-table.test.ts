import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as aq from "arquero";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load-table.js";
import { parseCsv } from "../../src/data/parse-csv.js";
import { loadDataPackage } from "../../src/data/load-data-package.js";
import { readExcelSheet } from "../../src/data/read-excel.js";
import { PROGRESS_SCHEMA, SCHEMAS } from "../../src/data/schemas.js";
import type { ColumnSpec, TableSchema } from "../../src/data/table-schema.js";
import { validateSheet } from "../../src/data/validate-sheet.js";
import { fromDanfo, tableToCsv, tableToXlsx, toDanfo } from "../../src/data/convert-table.js";
import { DataValidationError, formatIssue, type DataIssue } from "../../src/shared/errors.js";

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
      { severity: "error", file: "bad.xlsx", sheet: "双月报", row: 3, column: "开工率", message: '"约五成" is not a number', messageZh: '"约五成" 不是数字' },
    ]);
  });

  it("loadTable(xlsx) rejects a file that is not a workbook", async () => {
    const file = path.join(dir, "fake.xlsx");
    // Neither a zip nor text (a renamed CSV is read as text, with a warning).
    await writeFile(file, Buffer.from([0x01, 0x02, 0x03, 0x80, 0x81, 0x00, 0x9f]));
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

/** Every issue (errors and warnings) a failing load reports; the test fails if the load passes. */
async function allIssuesOf(fn: () => unknown): Promise<DataIssue[]> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataValidationError);
    return (err as DataValidationError).issues;
  }
  throw new Error("expected a DataValidationError");
}

const CJK = /[\u4e00-\u9fff]/;

/** A cell every column of its kind accepts; string cells differ by row so keys stay unique. */
function validCell(spec: ColumnSpec, row: number): unknown {
  if (spec.type === "string") return spec.enum?.[0] ?? `X${row}`;
  if (spec.type === "date") return "2015-06-30";
  if (spec.type === "boolean") return "否";
  return spec.minimum ?? 0;
}

/** Cells a column of this spec rejects (or, above warnAbove, accepts with a warning). */
function badCells(spec: ColumnSpec): unknown[] {
  const out: unknown[] = spec.required ? [""] : [];
  if (spec.type === "number" || spec.type === "integer") {
    out.push("abc", spec.unit?.startsWith("share") ? "五成%" : "12%", "1e999");
    if (spec.type === "integer") out.push("1.5");
    if (spec.minimum !== undefined) out.push(String(spec.minimum - 1));
    if (spec.maximum !== undefined) out.push(String(spec.maximum + 1));
    if (spec.warnAbove !== undefined) out.push(String(spec.warnAbove + 0.5));
  } else if (spec.type === "date") out.push("2015-02-30", "下月底", 12);
  else if (spec.type === "boolean") out.push("也许");
  else if (spec.enum) out.push("nowhere");
  return out;
}

/**
 * A sheet of one dataset kind where every row but the first breaks one cell, plus a duplicated key and (for kinds
 * with ordered dates) an out-of-order date. Headers alternate between the internal name and the first alias.
 */
function malformedSheet(schema: TableSchema): { header: string[]; rows: unknown[][] } {
  const header = schema.columns.map((c, i) => (i % 2 === 1 && c.aliases?.length ? c.aliases[0] : c.name));
  const base = (row: number) => schema.columns.map((c) => validCell(c, row));
  const rows: unknown[][] = [base(0)];
  schema.columns.forEach((spec, ci) => {
    for (const bad of badCells(spec)) {
      const r = base(rows.length);
      r[ci] = bad;
      rows.push(r);
    }
  });
  rows.push(base(0));
  if (schema.ordered) {
    const late = base(0);
    late[schema.columns.findIndex((c) => c.name === schema.ordered!.by)] = "2015-01-31";
    rows.push(late);
  }
  return { header, rows };
}

const toCsv = (header: string[], rows: unknown[][]) => [header, ...rows].map((r) => r.map(String).join(",")).join("\n") + "\n";

async function toXlsx(header: string[], rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表1");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function expectChinese(issues: DataIssue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(i.message, JSON.stringify(i)).not.toBe("");
    expect(i.messageZh, `${i.column}: ${i.message}`).toMatch(CJK);
  }
}

describe("Chinese messages (messageZh)", () => {
  it("validateSheet(progress) names the user's headers in key and order problems, in both languages", () => {
    const issues = issuesOf(() => csv("县区代码,截至日期,开工率,竣工率\nA01,2015-06-30,0.1,0.1\nA01,2015-04-30,0.2,0.1\nA01,2015-06-30,0.3,0.2\n"));
    expect(issues.map((i) => [i.row, i.column, i.message, i.messageZh])).toEqual([
      [3, "截至日期", "2015-04-30 comes after 2015-06-30 (row 2) for A01: dates out of order", "2015-04-30 早于第 2 行的 2015-06-30（A01）：日期顺序颠倒"],
      [4, "县区代码+截至日期", "duplicates row 2 (县区代码, 截至日期 = A01 | 2015-06-30)", "与第 2 行重复（县区代码、截至日期 = A01 | 2015-06-30）"],
    ]);
  });

  it("validateSheet(progress) says a missing column, an empty required cell and a rate above 100% in Chinese", async () => {
    const missing = issuesOf(() => csv("county_id,as_of,start_rate\nA,2015-06-30,0.1\n"));
    expect(missing[0].messageZh).toBe("缺少必填列 completion_rate（或 竣工率）；文件中的列：county_id、as_of、start_rate");
    const all = await allIssuesOf(() => csv("县区代码,截至日期,开工率,竣工率\n,2015-06-30,0.1,1.5\n"));
    expect(all.map((i) => formatIssue(i, "zh"))).toEqual(["report.csv, 第 2 行, 列 县区代码: 为空，但此列必填", "report.csv, 第 2 行, 列 竣工率: 警告: 150% 超过 100%（超额完成？），已接受"]);
  });

  it("validateSheet keeps a rate above 100% a warning, not an error", () => {
    const { warnings } = csv("县区代码,截至日期,开工率,竣工率\nA,2015-06-30,1.2,0.5\n");
    expect(warnings.map((w) => [w.severity, w.messageZh])).toEqual([["warning", "120% 超过 100%（超额完成？），已接受"]]);
  });

  it.each(Object.keys(SCHEMAS))("every issue in a malformed %s CSV has a Chinese messageZh", async (kind) => {
    const schema = SCHEMAS[kind];
    const { header, rows } = malformedSheet(schema);
    const all = await allIssuesOf(() => validateSheet(parseCsv(toCsv(header, rows), `${kind}.csv`), schema));
    expect(all.length).toBeGreaterThan(rows.length / 2);
    expectChinese(all);
    expect(all.some((i) => i.messageZh?.includes("不是数字"))).toBe(true);
    expect(all.some((i) => i.messageZh?.startsWith("与第 2 行重复"))).toBe(true);
    if (schema.ordered) expect(all.some((i) => i.messageZh?.endsWith("日期顺序颠倒"))).toBe(true);
  });

  it.each(Object.keys(SCHEMAS))("every issue in a malformed %s workbook (Excel errors, booleans and dates in number cells) has a Chinese messageZh", async (kind) => {
    const schema = SCHEMAS[kind];
    const { header, rows } = malformedSheet(schema);
    const num = schema.columns.findIndex((c) => c.type === "number" || c.type === "integer");
    for (const odd of [{ error: "#DIV/0!" }, true, new Date(Date.UTC(2016, 0, 1))]) {
      const r = schema.columns.map((c) => validCell(c, rows.length));
      r[num] = odd;
      rows.push(r);
    }
    const file = path.join(dir, `${kind}-bad.xlsx`);
    await writeFile(file, await toXlsx(header, rows));
    const issues = await allIssuesOf(() => loadTable(file, kind));
    expectChinese(issues);
    expect(issues.some((i) => i.messageZh?.startsWith("是 Excel 错误值 #DIV/0!"))).toBe(true);
    expect(issues.some((i) => i.messageZh === "2016-01-01 是日期，不是数字")).toBe(true);
  });

  it.each(Object.keys(SCHEMAS))("a %s file missing its required columns or repeating a header is reported in Chinese", (kind) => {
    const schema = SCHEMAS[kind];
    const header = schema.columns.filter((c) => c.optional).map((c) => c.name);
    expectChinese(issuesOf(() => validateSheet(parseCsv(`${[...header, "备注", "备注"].join(",")}\n${header.map(() => "").join(",")},a,b\n`, "x.csv"), schema)));
  });

  it("malformed CSV text, unreadable workbooks and files of the wrong kind are reported in Chinese", async () => {
    const cases: (() => unknown)[] = [
      () => parseCsv('a,b\n"x,1\n', "q.csv"),
      () => parseCsv("\n\n", "empty.csv"),
      () => parseCsv("a,b\n1\n1,2,3\n", "width.csv"),
    ];
    const fake = path.join(dir, "fake2.xlsx");
    await writeFile(fake, "not a zip");
    const emptyBook = new ExcelJS.Workbook();
    emptyBook.addWorksheet("空表");
    const emptyBytes = new Uint8Array((await emptyBook.xlsx.writeBuffer()) as ArrayBuffer);
    const other = path.join(dir, "notes.txt");
    await writeFile(other, "甲,乙\n1,2\n");
    const odt = path.join(dir, "sheet.ods");
    await writeFile(odt, "");
    const issues: DataIssue[] = [];
    for (const fn of cases) issues.push(...(await allIssuesOf(fn)));
    issues.push(...(await allIssuesOf(() => loadTable(fake))));
    issues.push(...(await allIssuesOf(() => readExcelSheet(emptyBytes, "e.xlsx"))));
    issues.push(...(await allIssuesOf(() => readExcelSheet(emptyBytes, "e.xlsx", "双月报"))));
    issues.push(...(await allIssuesOf(() => loadTable(other))));
    issues.push(...(await allIssuesOf(() => loadTable(odt))));
    issues.push(...(await allIssuesOf(() => loadTable(path.join(dir, "no-such-file.csv")))));
    // 10 errors, and the warning that fake2.xlsx holds text (it is read as such).
    expect(issues).toHaveLength(11);
    expectChinese(issues);
    expect(issues.map((i) => i.messageZh)).toContain("无法读取（文件不存在，ENOENT）");
    expect(issues.map((i) => i.messageZh)).toContain("没有名为 双月报 的工作表；现有工作表：空表");
  });

  it("loadDataPackage(folder with an undeclared column, a bad cell and a missing file) reports each in Chinese", async () => {
    const pkgDir = path.join(dir, "pkg");
    await mkdir(pkgDir, { recursive: true });
    const fields = [
      { name: "county_id", type: "string", constraints: { required: true } },
      { name: "pupils", type: "integer", constraints: { minimum: 0 } },
    ];
    await writeFile(
      path.join(pkgDir, "datapackage.json"),
      JSON.stringify({
        name: "p",
        resources: [
          { name: "a", path: "a.csv", schema: { fields, primaryKey: "county_id" } },
          { name: "b", path: "b.csv", schema: { fields } },
          { name: "c", path: "c.csv", schema: { fields: [{ name: "x", type: "complex" }] } },
        ],
      }),
    );
    await writeFile(path.join(pkgDir, "a.csv"), "county_id,pupils,note\nA,-1,\nA,2.5,\n");
    await writeFile(path.join(pkgDir, "c.csv"), "x\n1\n");
    const issues = await allIssuesOf(() => loadDataPackage(pkgDir));
    expectChinese(issues);
    expect(issues.find((i) => i.column === "note")?.messageZh).toBe("未在 datapackage.json 中声明");
    expect(issues.find((i) => i.file === "b.csv")?.messageZh).toBe("无法读取（文件不存在，ENOENT）");
    const broken = path.join(dir, "no-pkg");
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, "datapackage.json"), "{");
    expectChinese(await allIssuesOf(() => loadDataPackage(broken)));
  });
});
