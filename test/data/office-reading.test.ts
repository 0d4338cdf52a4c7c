import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkTotalRow } from "../../src/data/check-total-row.js";
import { dateFromTitle } from "../../src/data/date-from-title.js";
import { decodeText } from "../../src/data/decode-text.js";
import { detectPercentPoints } from "../../src/data/detect-percent-points.js";
import { findHeaderRow } from "../../src/data/find-header-row.js";
import { headerKey, headerSaysPercent, normalizeCellText, splitHeaderUnit } from "../../src/data/normalize-cell-text.js";
import { alignCodesToReference, normalizeCountyCode, restoreLeadingZeros } from "../../src/data/normalize-county-code.js";
import { parseDateValue } from "../../src/data/parse-date-value.js";
import { parseNumberText } from "../../src/data/parse-number-text.js";
import { PROGRESS_SCHEMA, detectKind } from "../../src/data/schemas.js";
import { validateSheet } from "../../src/data/validate-sheet.js";
import { sniffDelimiter } from "../../src/data/sniff-delimiter.js";
import { totalRowLabel } from "../../src/data/total-row-label.js";

describe("reading cells as offices write them", () => {
  it("normalizeCellText folds full-width digits, signs and brackets; headerKey ignores line breaks and spaces", () => {
    expect(normalizeCellText(" ３４．３７％ ")).toBe("34.37%");
    expect(normalizeCellText("－１２")).toBe("-12");
    expect(normalizeCellText("\u22121.5")).toBe("-1.5");
    expect(headerKey("县区\n代码")).toBe("县区代码");
    expect(headerKey("开工率（%）")).toBe(headerKey("开工率(%)"));
    expect(splitHeaderUnit("开工率（%）")).toEqual({ name: "开工率", unit: "%" });
    expect(headerSaysPercent("开工率(%)")).toBe(true);
    expect(headerSaysPercent("竣工率（百分比）")).toBe(true);
    expect(headerSaysPercent("资金(万元)")).toBe(false);
    expect(splitHeaderUnit("开工率%")).toEqual({ name: "开工率", unit: "%" });
  });

  it("parseNumberText reads thousands separators and percent strings but never 0,1173 as 1173", () => {
    expect(parseNumberText("３４．３７％")).toEqual({ ok: true, value: 0.3437, percent: true });
    expect(parseNumberText("1,234")).toEqual({ ok: true, value: 1234, percent: false });
    expect(parseNumberText("12,345,678.9")).toMatchObject({ ok: true, value: 12345678.9 });
    expect(parseNumberText("1，234")).toMatchObject({ ok: true, value: 1234 });
    for (const bad of ["0,1173", "12,34", "1,2345", "1,234,56"]) expect(parseNumberText(bad).ok, bad).toBe(false);
    // In a semicolon-separated file any comma may be a decimal comma.
    expect(parseNumberText("1,234", { commaMayBeDecimal: true }).ok).toBe(false);
    expect(parseNumberText("0x10").ok).toBe(false);
    expect(parseNumberText("").ok).toBe(false);
  });

  it("parseDateValue reads Excel serials, Chinese and dotted dates, date-times and month-only dates (month end)", () => {
    // 42674 = 2016-10-31: Excel's serial, days since 1899-12-30 (checked in LibreOffice: =DATE(2016;10;31)-DATE(1899;12;30) → 42674).
    expect(parseDateValue(42674)).toEqual({ ok: true, value: "2016-10-31", monthOnly: false });
    expect(parseDateValue("2015年6月30日")).toMatchObject({ value: "2015-06-30" });
    expect(parseDateValue("2015.6.30")).toMatchObject({ value: "2015-06-30" });
    expect(parseDateValue("2015/6/30 14:05")).toMatchObject({ value: "2015-06-30" });
    expect(parseDateValue("2015-06-30T00:00:00Z")).toMatchObject({ value: "2015-06-30" });
    expect(parseDateValue("2016年10月")).toEqual({ ok: true, value: "2016-10-31", monthOnly: true });
    expect(parseDateValue("2016-02")).toEqual({ ok: true, value: "2016-02-29", monthOnly: true });
    expect(parseDateValue(20160630)).toMatchObject({ value: "2016-06-30" });
    expect(parseDateValue(new Date(Date.UTC(2016, 5, 30, 23, 59, 59, 999)))).toMatchObject({ value: "2016-07-01" });
    expect(parseDateValue(2016.1).ok).toBe(false); // 2016.10 with its zero dropped: January or October?
    expect(parseDateValue("2015-02-30").ok).toBe(false);
  });

  it("dateFromTitle finds the one report date of a title, sheet or file name", () => {
    expect(dateFromTitle(["2016年10月全面改薄双月报"])).toEqual({ value: "2016-10-31", from: "2016年10月全面改薄双月报" });
    expect(dateFromTitle(["填报单位：某县", "截至2015年6月30日"])).toEqual({ value: "2015-06-30", from: "截至2015年6月30日" });
    expect(dateFromTitle([undefined, "双月报-2016.08"])).toMatchObject({ value: "2016-08-31" });
    expect(dateFromTitle(["shuangyuebao_201612"])).toMatchObject({ value: "2016-12-31" });
    // Two dates in one title (a comparison) name no single report date.
    expect(dateFromTitle(["2016年8月与2016年10月对比"])).toBeUndefined();
    expect(dateFromTitle(["全面改薄双月报"])).toBeUndefined();
  });

  it("normalizeCountyCode and restoreLeadingZeros restore only what the column shows", () => {
    expect(normalizeCountyCode("４１０１２２")).toEqual({ ok: true, value: "410122", fromNumber: false });
    expect(normalizeCountyCode(410122)).toEqual({ ok: true, value: "410122", fromNumber: true });
    expect(normalizeCountyCode("410122.0")).toEqual({ ok: true, value: "410122", fromNumber: true });
    expect(normalizeCountyCode("S001")).toEqual({ ok: true, value: "S001", fromNumber: false });
    expect(normalizeCountyCode("4.10122E+11").ok).toBe(false);
    expect(restoreLeadingZeros([{ value: "001", fromNumber: false }, { value: "2", fromNumber: true }]).codes).toEqual(["001", "002"]);
    // No text code says the width: a number is left as it is.
    expect(restoreLeadingZeros([{ value: "11010", fromNumber: true }, { value: "410122", fromNumber: true }]).codes).toEqual(["11010", "410122"]);
    expect(alignCodesToReference(["1", "S001", "7"], ["001", "S001", "0007", "07"])).toEqual(new Map([["1", "001"]]));
  });

  it("totalRowLabel knows 合计, 全省, 郑州市小计 and Total, and not 全椒县", () => {
    expect(totalRowLabel(["", "合　计"])).toEqual({ label: "合　计", kind: "grand" });
    expect(totalRowLabel(["全省"])?.kind).toBe("grand");
    expect(totalRowLabel(["全市合计："])?.kind).toBe("grand");
    expect(totalRowLabel(["Total"])?.kind).toBe("grand");
    expect(totalRowLabel(["郑州市小计"])?.kind).toBe("sub");
    expect(totalRowLabel(["341124", "全椒县"])).toBeUndefined();
    expect(totalRowLabel(["410122", "中牟县", 0.3])).toBeUndefined();
  });

  it("detectPercentPoints reads a column as points by its header or by its values, never 34.37 as 3437%", () => {
    expect(detectPercentPoints("开工率", [34.37, "52.1", 0])).toMatchObject({ points: true, reason: "values" });
    expect(detectPercentPoints("开工率(%)", [0.5])).toMatchObject({ points: true, reason: "header" });
    expect(detectPercentPoints("开工率", [0.3437, 1.12, 0.2])).toMatchObject({ points: false });
    // One county at 160% among shares is over-delivery, not points.
    expect(detectPercentPoints("开工率", [0.3, 0.5, 1.6, 0.9])).toMatchObject({ points: false, above: 1 });
    // Percent strings are exact and do not vote.
    expect(detectPercentPoints("开工率", ["34.37%", "52%", 0.2])).toMatchObject({ points: false, plain: 1 });
  });

  it("checkTotalRow sums amounts and range-checks rates", () => {
    // By hand: 10 + 15 = 25 ≠ 30; rate 0.9 lies outside [0.2, 0.4].
    expect(checkTotalRow({ pupils: 30, start_rate: 0.9 }, { pupils: [10, 15], start_rate: [0.2, 0.4] }, new Set(["start_rate"]))).toEqual([
      { column: "pupils", check: "sum", total: 30, expected: 25 },
      { column: "start_rate", check: "range", total: 0.9, expected: [0.2, 0.4] },
    ]);
    expect(checkTotalRow({ pupils: 25.4, start_rate: 0.3 }, { pupils: [10, 15], start_rate: [0.2, 0.4] }, new Set(["start_rate"]))).toEqual([]);
  });

  it("detectKind and validateSheet know the headers offices write: 行政区划代码, 县（市、区）, 截止日期, 校舍竣工率, 开工率%", () => {
    const header = ["行政区划代码", "县（市、区）", "截止日期", "开工率%", "校舍竣工率"];
    expect(detectKind(header)?.kind).toBe("progress");
    const r = validateSheet({ file: "x.csv", header, rows: [{ row: 2, cells: ["410122", "中牟县", "2016-10-31", "34.37", "0.1777"] }] }, PROGRESS_SCHEMA);
    expect(r.table.objects()).toEqual([{ county_id: "410122", county_name: "中牟县", as_of: "2016-10-31", start_rate: 0.3437, completion_rate: 0.1777 }]);
  });

  it("findHeaderRow skips a title and 填报单位 line and joins a group label to the names under it", () => {
    const title = [["2016年10月全面改薄双月报"], ["填报单位：郑州市教育局"], ["县区代码", "截至日期", "开工率", "竣工率"], ["410122", "2016-10-31", 0.3, 0.1]];
    expect(findHeaderRow(title, [PROGRESS_SCHEMA])).toMatchObject({ index: 2, height: 1, score: 4 });
    const grouped = [["县区代码", "截至日期", "校舍建设", ""], ["", "", "开工率", "竣工率"], ["410122", "2016-10-31", 0.3, 0.1]];
    expect(findHeaderRow(grouped, [PROGRESS_SCHEMA])).toMatchObject({ index: 0, height: 2, header: ["县区代码", "截至日期", "开工率", "竣工率"] });
    expect(findHeaderRow([["a", "b"], ["1", "2"]], [PROGRESS_SCHEMA])).toMatchObject({ index: 0, score: 0, header: ["a", "b"] });
  });

  it("validateSheet(readings) reads a later batch as the first batch decided, and says the decision only once", () => {
    const header = ["county_id", "as_of", "start_rate", "completion_rate"];
    const first = validateSheet({ file: "big.csv", header, rows: [{ row: 2, cells: ["S001", "2016-10-31", "34.37", "17.77"] }] }, PROGRESS_SCHEMA);
    expect(first.readings.points).toEqual({ start_rate: true, completion_rate: true });
    // A later batch whose values alone look like shares (0.5 points) is still read in points.
    const later = validateSheet({ file: "big.csv", header, rows: [{ row: 20002, cells: ["S002", "2016-10-31", "0.5", "1.2"] }] }, PROGRESS_SCHEMA, { readings: first.readings });
    expect(later.table.array("start_rate")).toEqual([0.005]);
    expect(later.table.array("completion_rate")).toEqual([0.012]);
    expect(later.warnings.some((w) => w.message.includes("percentage points"))).toBe(false);
  });

  it("decodeText tells UTF-8, GBK, UTF-16 with and without BOM apart, and sniffDelimiter finds tabs and semicolons", () => {
    const s = "县区代码,开工率\n中牟县,0.3\n";
    expect(decodeText(Buffer.from(s)).encoding).toBe("UTF-8");
    expect(decodeText(iconv.encode(s, "gbk"))).toEqual({ text: s, encoding: "GB18030", basis: "valid" });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, "utf16le")]))).toEqual({ text: s, encoding: "UTF-16LE", basis: "bom" });
    expect(decodeText(iconv.encode(s, "utf16le")).text).toBe(s);
    expect(decodeText(iconv.encode(s, "utf16-be")).text).toBe(s);
    expect(sniffDelimiter("2016年10月双月报\na\tb\tc\n1\t2\t3\n")).toBe("\t");
    expect(sniffDelimiter("a;b;c\n1;0,5;3\n")).toBe(";");
    expect(sniffDelimiter('a,b\n"x;y",1\n')).toBe(",");
  });
});
