import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { chartDataTable, neutraliseFormula, tableCsv } from "../../src/browser/chart-data-csv.js";
import { chartSummary } from "../../src/browser/chart-summary.js";
import { decodeView, encodeView } from "../../src/browser/page-view.js";
import { crc32, xlsxWorkbook } from "../../src/browser/xlsx-workbook.js";
import { urbanizationAtSpeed } from "../../src/browser/big-class-view.js";
import { withWeights } from "../../src/browser/allocation-view.js";
import type { AllocationRuleInput } from "../../src/allocation/rule-schema.js";

describe("chart data as CSV", () => {
  it("tableCsv(chartDataTable(rows, mark)) writes a BOM, CRLF, quotes, the mark columns, and neutralises formulas but not numbers", () => {
    const t = chartDataTable([{ a: "=SUM(A1)", b: -3 }, { a: 'x,"y"', c: "@cmd" }, { a: "+1", b: 0.5, c: "\tz" }], { provenance: "合成数据", source: "s" });
    expect(t.columns).toEqual(["a", "b", "c", "provenance", "source"]);
    expect(tableCsv(t)).toBe('\uFEFFa,b,c,provenance,source\r\n\'=SUM(A1),-3,,合成数据,s\r\n"x,""y""",,\'@cmd,合成数据,s\r\n\'+1,0.5,\'\tz,合成数据,s\r\n');
    expect(neutraliseFormula("-x")).toBe("'-x");
    expect(neutraliseFormula("x=1")).toBe("x=1");
  });
  it("chartDataTable(rows, mark) keeps a provenance column the rows already have", () => {
    expect(chartDataTable([{ provenance: "real" }], { provenance: "p", source: "s" }).columns).toEqual(["provenance", "source"]);
    expect(chartDataTable([{ provenance: "real" }], { provenance: "p", source: "s" }).rows).toEqual([["real", "s"]]);
  });
});

describe("xlsxWorkbook", () => {
  it("crc32 matches the standard check value", () => {
    // The CRC-32/ISO-HDLC check value of "123456789" (Koopman's catalogue of CRC parameters).
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
  it("xlsxWorkbook(sheets) is read back by exceljs with text, numbers, booleans, blanks and Chinese intact", async () => {
    const bytes = xlsxWorkbook([
      { name: "data", rows: [["县", "amount", "ok"], ["合成县001", 12.5, true], ["<&>\"", -1e-7, null], ["=1+1", 3, false]] },
      { name: "about", rows: [["source", "种子文件 001"]] },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes));
    expect(book.worksheets.map((w) => w.name)).toEqual(["data", "about"]);
    const data = book.getWorksheet("data")!;
    expect(data.getRow(2).values).toEqual([undefined, "合成县001", 12.5, true]);
    expect(data.getCell("A3").value).toBe('<&>"');
    expect(data.getCell("B3").value).toBe(-1e-7);
    expect(data.getCell("C3").value).toBe(null);
    // Stored as text, so Excel shows it rather than running it.
    expect(data.getCell("A4").value).toBe("=1+1");
    expect(book.getWorksheet("about")!.getCell("B1").value).toBe("种子文件 001");
  });
  it("xlsxWorkbook rejects names Excel refuses", () => {
    expect(() => xlsxWorkbook([])).toThrow(/at least one sheet/);
    expect(() => xlsxWorkbook([{ name: "a/b", rows: [] }])).toThrow(/sheet names/);
    expect(() => xlsxWorkbook([{ name: "A", rows: [] }, { name: "a", rows: [] }])).toThrow(/unique/);
  });
});

describe("the view in the URL fragment", () => {
  const defaults = { s: "henan-plan", lang: "zh" as const };
  it("decodeView(encodeView(view)) returns the view", () => {
    const view = { s: "xinjiang-2017", lang: "en" as const, county: "S012", rule: "need-only", budget: 120.5, w: { basic: 0.5, input: 0.25 }, urb: "fast" as const, speed: 1.5, births: "low" as const, target: 2022, deadline: "2018-06-30", level: 80 };
    expect(encodeView(view)).toBe("#s=xinjiang-2017&lang=en&county=S012&rule=need-only&budget=120.5&w.basic=0.5&w.input=0.25&urb=fast&speed=1.5&births=low&target=2022&deadline=2018-06-30&level=80");
    expect(decodeView(encodeView(view), defaults)).toEqual(view);
    expect(decodeView(encodeView({ ...defaults, compare: true }), defaults)).toEqual({ ...defaults, compare: true });
  });
  it("decodeView keeps the defaults for malformed values and for a section anchor", () => {
    expect(decodeView("#lang=fr&budget=-3&speed=9&w.basic=x&births=none&urb=warp", defaults)).toEqual(defaults);
    expect(decodeView("#deadline=2018-02-31x&level=0", defaults)).toEqual(defaults);
    expect(decodeView("#deadline=end-2017&level=70.5", defaults)).toEqual(defaults);
    expect(decodeView("#henan-plan~zh-allocation", defaults)).toEqual(defaults);
    expect(decodeView("", defaults)).toEqual(defaults);
  });
});

describe("recompute settings", () => {
  const rule = { name: "r", groups: [{ id: "a", weight: 0.6, factors: [] }, { id: "b", weight: 0.2, factors: [] }], matching: { kind: "matching-share", weight: 0.2, column: "m" } } as unknown as AllocationRuleInput;
  it("withWeights(rule, weights) scales group and matching weights together to sum 1", () => {
    const r = withWeights(rule, { a: 2, b: 1 });
    // a 2, b 1, matching keeps 0.2: total 3.2.
    expect(r.groups.map((g) => g.weight)).toEqual([2 / 3.2, 1 / 3.2]);
    expect((r.matching as { weight: number }).weight).toBe(0.2 / 3.2);
    expect(() => withWeights(rule, { a: 0, b: 0, matching: 0 })).toThrow(/positive weight/);
    expect(() => withWeights(rule, { a: -1 })).toThrow(/non-negative/);
  });
  it("urbanizationAtSpeed(preset, speed) multiplies the flow rates and keeps the schooling share", () => {
    const fast = urbanizationAtSpeed("base", 2) as { ruralToTownRate: number; ruralToUrbanRate: number; townToUrbanRate: number; migrantSchoolingShare: number };
    expect(fast.ruralToTownRate).toBeCloseTo(0.026, 15);
    expect(fast.townToUrbanRate).toBeCloseTo(0.016, 15);
    expect(fast.migrantSchoolingShare).toBe(0.48);
    expect(() => urbanizationAtSpeed("base", 4)).toThrow(/between 0 and 3/);
  });
});

describe("chartSummary", () => {
  it("chartSummary(title, traces, lang) names each series with its count and range, without markup", () => {
    expect(chartSummary("T", [{ name: "a", y: [1, 3] }], "en")).toBe("T. 1 series: a, 2 values from 1 to 3.");
    expect(chartSummary("<b>图</b>", [{ name: "甲", x: [5, 2, 9], orientation: "h" }], "zh")).toBe("图。1 个系列：甲：3 个数值，2 至 9。");
  });
});
