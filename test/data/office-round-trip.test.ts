import * as aq from "arquero";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { tableToCsv, tableToXlsx } from "../../src/data/convert-table.js";
import { decodeText } from "../../src/data/decode-text.js";
import { parseCsv } from "../../src/data/parse-csv.js";
import { readExcelSheet } from "../../src/data/read-excel.js";
import { PROGRESS_SCHEMA } from "../../src/data/schemas.js";
import { validateSheet } from "../../src/data/validate-sheet.js";

// Characters GBK can encode, so the same table can be written in UTF-8 and in GBK.
const SYLLABLES = [..."郑州开封洛阳平顶山安鹤壁新乡焦作濮许昌漯河三门峡南商丘信周口驻马店济源中牟巩义荥密登"];
const DATES = ["2014-10-31", "2014-12-31", "2015-02-28", "2015-04-30", "2015-06-30", "2015-08-31", "2015-10-31", "2015-12-31", "2016-02-29"];

/** A well-formed progress table: unique county codes (synthetic S001 or 6-digit 行政区划代码), Chinese names, report dates in order, shares 0–1.2. */
const progressTable = fc
  .record({
    codes: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 999 }).map((n) => `S${String(n).padStart(3, "0")}`), fc.integer({ min: 110000, max: 659999 }).map(String)), { minLength: 1, maxLength: 5 }),
    names: fc.array(fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 4 }).map((s) => `${s.join("")}县`), { minLength: 5, maxLength: 5 }),
    dates: fc.subarray(DATES, { minLength: 1, maxLength: 4 }),
    rates: fc.array(fc.integer({ min: 0, max: 12000 }).map((n) => n / 10000), { minLength: 40, maxLength: 40 }),
  })
  .map(({ codes, names, dates, rates }) => {
    const rows: Record<string, unknown>[] = [];
    let k = 0;
    codes.forEach((id, i) =>
      dates.forEach((as_of) => rows.push({ county_id: id, county_name: names[i], as_of, start_rate: rates[k++ % 40], completion_rate: rates[k++ % 40] })),
    );
    return aq.from(rows);
  });

const readCsv = (bytes: Uint8Array) => validateSheet(parseCsv(decodeText(bytes).text, "t.csv"), PROGRESS_SCHEMA);
const plain = (t: aq.ColumnTable) => t.objects();

describe("random well-formed tables round-trip through office formats", () => {
  it("tableToCsv (UTF-8 with BOM) → decodeText → parseCsv → validateSheet gives back the same table", () => {
    fc.assert(
      fc.property(progressTable, (t) => {
        expect(plain(readCsv(new TextEncoder().encode(tableToCsv(t))).table)).toEqual(plain(t));
      }),
      { numRuns: 60 },
    );
  });

  it("the same CSV saved in GBK (as Excel on Chinese Windows does) gives back the same table", () => {
    fc.assert(
      fc.property(progressTable, (t) => {
        const bytes = iconv.encode(tableToCsv(t).slice(1), "gbk");
        expect(decodeText(bytes).encoding).toBe(/[^\x00-\x7f]/.test(tableToCsv(t).slice(1)) ? "GB18030" : "UTF-8");
        expect(plain(readCsv(bytes).table)).toEqual(plain(t));
      }),
      { numRuns: 60 },
    );
  });

  it("a title row, a 填报单位 line, a 合计 row and a signature line around the table change nothing but warnings", () => {
    fc.assert(
      fc.property(progressTable, (t) => {
        const csv = tableToCsv(t).slice(1).trimEnd().split("\n");
        const wrapped = ["2016年10月全面改薄双月报,,,,", "填报单位：某市教育局,,,,", ...csv, ",合计,,0.5,0.5", "填报人：张三,,,,"].join("\r\n");
        const r = readCsv(iconv.encode(wrapped, "gbk"));
        expect(plain(r.table)).toEqual(plain(t));
        expect(r.warnings.some((w) => w.message.includes("header was taken from row 3"))).toBe(true);
        expect(r.warnings.some((w) => w.message.includes("totals row"))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("tableToXlsx → readExcelSheet → validateSheet gives back the same table", async () => {
    await fc.assert(
      fc.asyncProperty(progressTable, async (t) => {
        const raw = await readExcelSheet(await tableToXlsx(t), "t.xlsx");
        expect(plain(validateSheet(raw, PROGRESS_SCHEMA).table)).toEqual(plain(t));
      }),
      { numRuns: 15 },
    );
  });
});
