// Generates the office-file corpus under test/fixtures/office/: files made the way provincial 改薄办 make them
// (title rows, 合计 rows, GBK and UTF-16 text, percent points, merged headers, formulas without saved values,
// several sheets, codes stored as numbers) and manifest.json with each file's expected reading or message.
// Every figure is invented (the county names and codes are real places; the numbers are not theirs).
//
//   node scripts/make-office-fixtures.js [outDir]      (default test/fixtures/office)
//
// Deterministic: every file is byte-identical on every run (zip entry times are fixed to 1980-01-01), which
// test/data/office-fixtures.test.ts checks.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

const COUNTIES = [
  ["410122", "中牟县", "郑州市"],
  ["410181", "巩义市", "郑州市"],
  ["410182", "荥阳市", "郑州市"],
  ["410183", "新密市", "郑州市"],
  ["410184", "新郑市", "郑州市"],
];
const START = [34.37, 52.1, 18.05, 61.4, 40.0]; // 开工率 in percentage points
const DONE = [17.77, 30.5, 9.2, 44.15, 25.0]; // 竣工率 in percentage points

const csvLine = (cells, sep = ",") => cells.map((c) => (/[",\n\r;\t]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(sep);
const csv = (rows, sep = ",", eol = "\r\n") => rows.map((r) => csvLine(r, sep)).join(eol) + eol;
const utf8 = (s) => Buffer.from(s, "utf8");
const utf8Bom = (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(s)]);
const gbk = (s) => iconv.encode(s, "gbk");
const utf16le = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, "utf16le")]);
const utf16be = (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, "utf16-be")]);
const shares = (points) => points.map((p) => Number((p / 100).toPrecision(12)));

/**
 * Set every zip entry's modification time to 1980-01-01 00:00 (the zip epoch), so a workbook's bytes depend
 * only on its content: exceljs's zip writer stamps each entry with the current time. Only header fields
 * change; the data and its CRCs are untouched.
 */
function fixZipTimes(buf) {
  const LOCAL = 0x04034b50;
  const CENTRAL = 0x02014b50;
  const DOS_DATE_1980_01_01 = 0x21;
  let pos = 0;
  while (pos + 30 <= buf.length && buf.readUInt32LE(pos) === LOCAL) {
    buf.writeUInt16LE(0, pos + 10);
    buf.writeUInt16LE(DOS_DATE_1980_01_01, pos + 12);
    pos += 30 + buf.readUInt16LE(pos + 26) + buf.readUInt16LE(pos + 28) + buf.readUInt32LE(pos + 18);
  }
  while (pos + 46 <= buf.length && buf.readUInt32LE(pos) === CENTRAL) {
    buf.writeUInt16LE(0, pos + 12);
    buf.writeUInt16LE(DOS_DATE_1980_01_01, pos + 14);
    pos += 46 + buf.readUInt16LE(pos + 28) + buf.readUInt16LE(pos + 30) + buf.readUInt16LE(pos + 32);
  }
  return buf;
}

async function workbook(fill) {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2016, 10, 5));
  wb.modified = wb.created;
  await fill(wb);
  return fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** A 双月报 sheet as offices lay it out: title, 填报单位, header, rows, 合计 and signature lines. */
function progressSheet(ws, { title = true, pct = true, total = true, date = "2016-10-31" } = {}) {
  if (title) {
    ws.addRow(["2016年10月全面改薄双月报"]);
    ws.mergeCells(1, 1, 1, 6);
    ws.addRow(["填报单位：郑州市教育局", "", "", "", "单位：%"]);
  }
  ws.addRow(["县区代码", "县区", "截至日期", "开工率", "竣工率", "备注"]);
  COUNTIES.forEach(([id, name], i) => {
    const r = ws.addRow([id, name, date, START[i] / 100, DONE[i] / 100, ""]);
    if (pct) for (const c of [4, 5]) r.getCell(c).numFmt = "0.00%";
  });
  if (total) {
    const r = ws.addRow(["", "合计", date, 0.412, 0.253, ""]);
    if (pct) for (const c of [4, 5]) r.getCell(c).numFmt = "0.00%";
  }
  ws.addRow(["填报人：张三", "", "审核人：李四"]);
}

const header = ["县区代码", "县区", "截至日期", "开工率(%)", "竣工率(%)"];
const pointRows = COUNTIES.map(([id, name], i) => [id, name, "2016-10-31", START[i], DONE[i]]);
const expectedProgress = { county_id: COUNTIES.map((c) => c[0]), start_rate: shares(START), completion_rate: shares(DONE) };

/** The corpus: file name, how to make it, and what reading it must give. */
export const CASES = [
  {
    file: "progress-title-rows.xlsx",
    about: "title row merged across, 填报单位 line, percent-formatted cells, 合计 row, signature line",
    make: () => workbook((wb) => progressSheet(wb.addWorksheet("2016年10月"))),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["header was taken from row 3", "totals row (合计)", "signature or note line"] },
  },
  {
    file: "progress-gbk-points.csv",
    about: "CSV saved by Excel on Chinese Windows (GBK), rates in points under 开工率(%)",
    make: () => gbk(csv([header, ...pointRows])),
    expect: { ok: true, kind: "progress", rows: 5, values: { ...expectedProgress, county_name: COUNTIES.map((c) => c[1]) }, warnings: ["read as percentage points"] },
  },
  {
    file: "progress-gbk-english-header.csv",
    about: "GBK with English headers: the county names must not become mojibake",
    make: () => gbk(csv([["county_id", "county_name", "as_of", "start_rate", "completion_rate"], ...COUNTIES.map(([id, n], i) => [id, n, "2016-10-31", START[i] / 100, DONE[i] / 100])])),
    expect: { ok: true, kind: "progress", rows: 5, values: { county_name: COUNTIES.map((c) => c[1]) } },
  },
  {
    file: "progress-unicode-text.txt",
    about: "Excel's 'Unicode 文本': UTF-16LE with BOM, tab-separated, title row",
    make: () => utf16le(csv([["2016年10月全面改薄双月报"], header, ...pointRows], "\t")),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["header was taken from row 2", "read as percentage points"] },
  },
  {
    file: "progress-utf16be.csv",
    about: "UTF-16BE with BOM, comma-separated",
    make: () => utf16be(csv([header, ...pointRows])),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress },
  },
  {
    file: "progress-utf8-bom-linebreak-header.csv",
    about: "UTF-8 with BOM, header cells with line breaks (开工率\\n（%）) and a unit row",
    make: () => utf8Bom(csv([["县区\n代码", "县区", "截至\n日期", "开工率\n（%）", "竣工率\n（%）"], ["", "", "", "%", "%"], ...pointRows])),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["holds units or column numbers"] },
  },
  {
    file: "progress-utf8-no-bom-fullwidth.csv",
    about: "UTF-8 without BOM, full-width digits, signs and codes (３４．３７％, ４１０１２２)",
    make: () =>
      utf8(
        csv([
          ["县区代码", "截至日期", "开工率", "竣工率"],
          ["４１０１２２", "２０１６－１０－３１", "３４．３７％", "１７．７７％"],
          ["410181", "2016-10-31", "52.1%", "30.5%"],
        ]),
      ),
    expect: { ok: true, kind: "progress", rows: 2, values: { county_id: ["410122", "410181"], as_of: ["2016-10-31", "2016-10-31"], start_rate: [0.3437, 0.521] } },
  },
  {
    file: "progress-points-by-values.csv",
    about: "rates in points without a % in the header: read as points with a warning naming the column",
    make: () => utf8(csv([["county_id", "as_of", "start_rate", "completion_rate"], ...COUNTIES.map(([id], i) => [id, "2016-10-31", START[i], DONE[i]])])),
    expect: { ok: true, kind: "progress", rows: 5, values: { start_rate: shares(START) }, warnings: ["start_rate", "read as percentage points"] },
  },
  {
    file: "progress-dates.csv",
    about: "dates as offices write them: 2015/6/30, 2015.8.31, 2015年10月31日, 2015年12月, 2016-02, 2016-04-30 00:00:00, 20160630",
    make: () =>
      utf8(
        csv([
          ["county_id", "as_of", "start_rate", "completion_rate"],
          ["S001", "2015/6/30", "0.1", "0.05"],
          ["S001", "2015.8.31", "0.2", "0.06"],
          ["S001", "2015年10月31日", "0.3", "0.07"],
          ["S001", "2015年12月", "0.4", "0.08"],
          ["S001", "2016-02", "0.5", "0.09"],
          ["S001", "2016-04-30 00:00:00", "0.6", "0.10"],
          ["S001", "20160630", "0.7", "0.11"],
        ]),
      ),
    expect: {
      ok: true,
      kind: "progress",
      rows: 7,
      values: { as_of: ["2015-06-30", "2015-08-31", "2015-10-31", "2015-12-31", "2016-02-29", "2016-04-30", "2016-06-30"], county_id: Array(7).fill("S001") },
      warnings: ["give only a month"],
    },
  },
  {
    file: "progress-excel-dates.xlsx",
    about: "real Excel dates: a Date cell, a date-time cell and a serial number in a General cell",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("data");
        ws.addRow(["县区代码", "截至日期", "开工率", "竣工率"]);
        const a = ws.addRow(["410122", new Date(Date.UTC(2016, 5, 30)), 0.3, 0.1]);
        a.getCell(2).numFmt = "yyyy-mm-dd";
        const b = ws.addRow(["410122", new Date(Date.UTC(2016, 7, 31, 15, 30)), 0.4, 0.2]);
        b.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
        ws.addRow(["410122", 42674, 0.5, 0.3]); // 2016-10-31 as Excel's serial
      }),
    expect: { ok: true, kind: "progress", rows: 3, values: { as_of: ["2016-06-30", "2016-08-31", "2016-10-31"] } },
  },
  {
    file: "progress-two-row-header.xlsx",
    about: "two-row merged header: 校舍建设 over 开工率 and 竣工率, codes merged vertically",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("双月报");
        ws.addRow(["2016年10月全面改薄双月报"]);
        ws.mergeCells(1, 1, 1, 5);
        ws.addRow(["县区代码", "县区", "截至日期", "校舍建设", ""]);
        ws.addRow(["", "", "", "开工率", "竣工率"]);
        ws.mergeCells(2, 1, 3, 1);
        ws.mergeCells(2, 2, 3, 2);
        ws.mergeCells(2, 3, 3, 3);
        ws.mergeCells(2, 4, 2, 5);
        COUNTIES.forEach(([id, name], i) => ws.addRow([id, name, "2016-10-31", `${START[i]}%`, `${DONE[i]}%`]));
      }),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["header was taken from row 2–3"] },
  },
  {
    file: "progress-merged-city.xlsx",
    about: "省辖市 merged down over its counties, a 小计 row per city and a 全省合计 row",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("双月报");
        ws.addRow(["省辖市", "县区代码", "县区", "截至日期", "开工率", "竣工率"]);
        const groups = [
          ["郑州市", COUNTIES.slice(0, 3)],
          ["开封市", [["410221", "杞县"], ["410222", "通许县"]]],
        ];
        let k = 0;
        for (const [city, members] of groups) {
          const first = ws.rowCount + 1;
          for (const [id, name] of members) ws.addRow([city, id, name, "2016-10-31", START[k] / 100, DONE[k++] / 100]);
          ws.mergeCells(first, 1, ws.rowCount, 1);
          ws.addRow([`${city}小计`, "", "", "2016-10-31", 0.35, 0.2]);
        }
        ws.addRow(["全省合计", "", "", "2016-10-31", 0.41, 0.25]);
      }),
    expect: {
      ok: true,
      kind: "progress",
      rows: 5,
      values: { city: ["郑州市", "郑州市", "郑州市", "开封市", "开封市"], county_id: ["410122", "410181", "410182", "410221", "410222"], start_rate: shares(START) },
      warnings: ["totals row (郑州市小计)", "totals row (开封市小计)", "totals row (全省合计)"],
    },
  },
  {
    file: "progress-percent-header-shares.csv",
    about: "a % header over shares (0.3437): read as points as the header says, and the warning asks to check",
    make: () => utf8(csv([["县区代码", "截至日期", "开工率(%)", "竣工率"], ["410122", "2016-10-31", "0.3437", "0.1777"], ["410181", "2016-10-31", "0.521", "0.305"]])),
    expect: { ok: true, kind: "progress", rows: 2, values: { start_rate: [0.003437, 0.00521], completion_rate: [0.1777, 0.305] }, warnings: ["if they are shares, remove the % from the header"] },
  },
  {
    file: "progress-gb18030-rare-names.csv",
    about: "GB18030 with characters GBK lacks (four-byte sequences) in county names",
    make: () => iconv.encode(csv([["county_id", "county_name", "as_of", "start_rate", "completion_rate"], ["S001", "𡈽城县", "2016-10-31", "0.3", "0.1"], ["S002", "䶮山县", "2016-10-31", "0.4", "0.2"]]), "gb18030"),
    expect: { ok: true, kind: "progress", rows: 2, values: { county_name: ["𡈽城县", "䶮山县"] } },
  },
  {
    file: "progress-single-row.csv",
    about: "one county, one report",
    make: () => utf8(csv([["county_id", "as_of", "start_rate", "completion_rate"], ["S001", "2016-10-31", "0.3", "0.1"]])),
    expect: { ok: true, kind: "progress", rows: 1, values: { county_id: ["S001"] } },
  },
  {
    file: "progress-no-date-column.xlsx",
    about: "one workbook per period with no date column: the date comes from the title 2016年10月全面改薄双月报",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("Sheet1");
        ws.addRow(["2016年10月全面改薄双月报"]);
        ws.addRow(["县区代码", "县区", "开工率", "竣工率", "设备采购完成率"]);
        COUNTIES.forEach(([id, name], i) => ws.addRow([id, name, `${START[i]}%`, `${DONE[i]}%`, i === 2 ? "—" : "50%"]));
      }),
    expect: {
      ok: true,
      kind: "progress",
      rows: 5,
      values: { as_of: Array(5).fill("2016-10-31"), start_rate: shares(START), equipment_rate: [0.5, 0.5, null, 0.5, 0.5] },
      warnings: ['every row is dated 2016-10-31, from "2016年10月全面改薄双月报"', "hold a dash, slash or 无"],
    },
  },
  {
    file: "progress-column-numbers.xlsx",
    about: "statistical form with a 栏次 row (甲 乙 1 2 3) under the header",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("表1");
        ws.addRow(["县区代码", "县区", "截至日期", "开工率", "竣工率"]);
        ws.addRow(["甲", "乙", 1, 2, 3]);
        COUNTIES.forEach(([id, name], i) => ws.addRow([id, name, "2016-10-31", START[i] / 100, DONE[i] / 100]));
      }),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["holds units or column numbers"] },
  },
  {
    file: "progress-formula-errors.xlsx",
    about: "a formula Excel never calculated and a #DIV/0! cell",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("data");
        ws.addRow(["县区代码", "截至日期", "开工率", "竣工率"]);
        ws.addRow(["410122", "2016-10-31", { formula: "C3/D3" }, 0.1]);
        ws.addRow(["410181", "2016-10-31", 0.3, { formula: "1/0", result: { error: "#DIV/0!" } }]);
      }),
    expect: {
      ok: false,
      errors: [
        { row: 2, column: "开工率", message: "is a formula (=C3/D3) without a saved value" },
        { row: 3, column: "竣工率", message: "Excel error #DIV/0!" },
      ],
    },
  },
  {
    file: "progress-several-sheets.xlsx",
    about: "one sheet per report period: the message lists them and asks for --sheet",
    make: () =>
      workbook((wb) => {
        progressSheet(wb.addWorksheet("2016年8月"), { date: "2016-08-31", total: false });
        progressSheet(wb.addWorksheet("2016年10月"), { total: false });
      }),
    expect: { ok: false, errors: [{ message: "has 2 sheets of data (2016年8月, 2016年10月); choose one with --sheet" }] },
  },
  {
    file: "progress-several-sheets.xlsx",
    sheet: "2016年10月",
    about: "the same workbook with --sheet 2016年10月",
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress },
  },
  {
    file: "progress-notes-sheet.xlsx",
    about: "a 填表说明 sheet before the data sheet: the data sheet is read and the choice said",
    make: () =>
      workbook((wb) => {
        const notes = wb.addWorksheet("填表说明");
        notes.addRow(["1. 开工率按校舍建设开工面积除以规划面积计算。"]);
        notes.addRow(["2. 每两个月报送一次。"]);
        progressSheet(wb.addWorksheet("数据"), { total: false });
      }),
    expect: { ok: true, kind: "progress", rows: 5, warnings: ["read sheet 数据"] },
  },
  {
    file: "progress-blank-rows-footer.csv",
    about: "blank and comma-only rows between counties, a 注： line and a signature line at the bottom",
    make: () => utf8Bom(csv([header, pointRows[0], ["", "", "", "", ""], pointRows[1], [], pointRows[2], ["注：开工率按面积计算", "", "", "", ""], ["填报人：张三", "", "审核人：李四", "", ""]])),
    expect: { ok: true, kind: "progress", rows: 3, values: { county_id: ["410122", "410181", "410182"] }, warnings: ["signature or note line"] },
  },
  {
    file: "progress-date-2106.csv",
    about: "a date typed 2106 for 2016 and a rate of 3437% (points in a share column)",
    make: () =>
      utf8(
        csv([
          ["county_id", "as_of", "start_rate", "completion_rate"],
          ["410122", "2106-10-31", "0.3437", "0.1777"],
          ["410181", "2016-10-31", "0.3437", "0.2"],
          ["410182", "2016-10-31", "34.37", "0.3"],
        ]),
      ),
    expect: {
      ok: false,
      errors: [
        { row: 2, column: "as_of", message: "outside the programme's dates 2013-01-01 to 2021-12-31" },
        { row: 4, column: "start_rate", message: "3437% is beyond any over-delivery" },
      ],
    },
  },
  {
    file: "progress-over-delivery.csv",
    about: "a county at 112% (over-delivery): accepted with a warning",
    make: () => utf8(csv([["county_id", "as_of", "start_rate", "completion_rate"], ["410122", "2016-10-31", "112%", "0.9"], ["410181", "2016-10-31", "0.8", "0.5"]])),
    expect: { ok: true, kind: "progress", rows: 2, values: { start_rate: [1.12, 0.8] }, warnings: ["over-delivery"] },
  },
  {
    file: "progress-semicolon-decimal-comma.csv",
    about: "semicolon-separated with decimal commas (0,1173): an error, never 1173",
    make: () => utf8(csv([["county_id", "as_of", "start_rate", "completion_rate"], ["410122", "2016-10-31", "0,1173", "0,05"]], ";")),
    expect: { ok: false, errors: [{ row: 2, column: "start_rate", message: "may be a decimal comma" }] },
  },
  {
    file: "progress-comma-0-1173.csv",
    about: '"0,1173" quoted in a comma-separated file: an error, never 1173',
    make: () => utf8(csv([["county_id", "as_of", "start_rate", "completion_rate"], ["410122", "2016-10-31", "0,1173", "0.05"]])),
    expect: { ok: false, errors: [{ row: 2, column: "start_rate", message: '"0,1173" has a comma' }] },
  },
  {
    file: "progress-scientific-code.csv",
    about: "a 12-digit 统计用区划代码 Excel saved as 4.10122E+11",
    make: () => utf8(csv([["县区代码", "截至日期", "开工率", "竣工率"], ["4.10122E+11", "2016-10-31", "0.3", "0.1"]])),
    expect: { ok: false, errors: [{ row: 2, column: "县区代码", message: "scientific notation" }] },
  },
  {
    file: "progress-code-name-mismatch.csv",
    about: "one code with two names in one file",
    make: () =>
      utf8(
        csv([
          ["县区代码", "县区", "截至日期", "开工率", "竣工率"],
          ["410122", "中牟县", "2016-08-31", "0.3", "0.1"],
          ["410122", "新郑市", "2016-10-31", "0.4", "0.2"],
        ]),
      ),
    expect: { ok: true, kind: "progress", rows: 2, warnings: ["code 410122 is 中牟县 in row 2 but 新郑市 here"] },
  },
  {
    file: "progress-total-rate-outside.csv",
    about: "a 全市 row whose rate lies outside the counties' range",
    make: () => utf8(csv([header, ...pointRows, ["", "全市", "2016-10-31", "75.2", "25"]])),
    expect: { ok: true, kind: "progress", rows: 5, warnings: ["totals row (全市)", "outside the rows' range"] },
  },
  {
    file: "progress-unknown-header-gbk.csv",
    about: "a GBK file whose header names no known column: the message names the encoding used",
    make: () => gbk(csv([["项目", "金额"], ["校舍", "12"]])),
    expect: { ok: false, errors: [{ message: "read as GB18030" }] },
  },
  {
    file: "counties-total-mismatch.xlsx",
    about: "a counties sheet whose 合计 row disagrees with the sum of its rows",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("县情");
        ws.addRow(["郑州市全面改薄规划资金表"]);
        ws.addRow(["单位：万元"]);
        const head = ["县区代码", "县区", "plan_central_gaibo_wan_yuan", "plan_central_other_wan_yuan", "plan_provincial_wan_yuan", "plan_city_wan_yuan", "plan_county_wan_yuan", "plan_other_wan_yuan", "plan_buildings_wan_yuan", "plan_equipment_wan_yuan"];
        ws.addRow(head);
        const money = [
          [1200, 300, 500, 0, 400, 0, 1800, 600],
          [900, 200, 300, 100, 300, 0, 1300, 500],
          [1500, 0, 600, 0, 500, 50, 2000, 650],
        ];
        money.forEach((m, i) => ws.addRow([COUNTIES[i][0], COUNTIES[i][1], ...m]));
        ws.addRow(["", "合  计", 3600, 500, 1400, 100, 1200, 50, 5100, 1800]); // central other: 500 ✓; central 3600 ✓; buildings 5100 ✓; equipment 1800 is 1750
      }),
    expect: { ok: true, kind: "counties", rows: 3, warnings: ["totals row (合  计)", "the total 1800 differs from the sum of the rows, 1750"] },
  },
  {
    file: "units-total-row.csv",
    about: "a units file for allocate with a 合计 row (it once received 46.6% of the budget) and thousands separators",
    allocate: "datasets/rules/need-only.json",
    make: () =>
      gbk(
        csv([
          ["区县代码", "区县名称", "义务教育学生数", "贫困人口数", "贫困发生率", "人均可用财力", "基本办学条件经费理论缺口"],
          ["410122", "中牟县", "98,500", "21000", "4.1%", "3,250", "12000"],
          ["410181", "巩义市", "110,200", "15000", "2.5%", "5,100", "8000"],
          ["410182", "荥阳市", "87,300", "18000", "3.3%", "4,200", "9000"],
          ["", "合计", "296,000", "54000", "3.3%", "4,183", "29000"],
        ]),
      ),
    expect: { ok: true, kind: "units", rows: 3, values: { countyId: ["410122", "410181", "410182"], pupils: [98500, 110200, 87300] }, warnings: ["totals row (合计)"] },
  },
  {
    file: "units-numeric-codes.xlsx",
    about: "local codes 001–003 where Excel stored two of them as numbers (1, 2); percent-formatted rates",
    allocate: "datasets/rules/need-only.json",
    make: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet("因素表");
        ws.addRow(["区县代码", "区县名称", "义务教育学生数", "贫困人口数", "贫困发生率", "人均可用财力", "基本办学条件经费理论缺口", "支出增长率"]);
        ws.addRow([1, "甲县", 50000, 9000, 0.05, 3000, 5000, 0.05]);
        ws.addRow([2, "乙县", 60000, 8000, 0.04, 3500, 6000, -0.02]);
        ws.addRow(["003", "丙县", 40000, 7000, 0.06, 2800, 4000, 0.1]);
        for (let r = 2; r <= 4; r++) for (const c of [5, 8]) ws.getRow(r).getCell(c).numFmt = "0.0%";
      }),
    expect: { ok: true, kind: "units", rows: 3, values: { countyId: ["001", "002", "003"], poorShare: [0.05, 0.04, 0.06], spendingGrowthRate: [0.05, -0.02, 0.1] }, warnings: ["lost their leading zeros"] },
  },
  {
    file: "units-absurd-values.csv",
    about: "1e308 and Infinity amounts, a fractional pupil count",
    make: () =>
      utf8(
        csv([
          ["countyId", "pupils", "fundingGapWanYuan", "fiscalCapacityPerCapitaYuan"],
          ["410122", "98500.5", "1e308", "3000"],
          ["410181", "110200", "Infinity", "5000"],
        ]),
      ),
    expect: {
      ok: false,
      errors: [
        { row: 2, column: "fundingGapWanYuan", message: "implausibly large" },
        { row: 3, column: "fundingGapWanYuan", message: '"Infinity" is not a number' },
      ],
      warnings: ["98500.5 is not a whole number"],
    },
  },
  {
    file: "empty.csv",
    about: "an empty file",
    make: () => utf8(""),
    expect: { ok: false, errors: [{ message: "the file is empty" }] },
  },
  {
    file: "not-a-workbook.xlsx",
    about: "bytes that are neither a zip workbook nor text, named .xlsx",
    make: () => Buffer.from([0x01, 0x02, 0x03, 0x80, 0x81, 0x00, 0x9f, 0x10]),
    expect: { ok: false, errors: [{ message: "is not a readable .xlsx workbook" }] },
  },
  {
    file: "csv-named-xlsx.xlsx",
    about: "a CSV renamed .xlsx: read as text, and said",
    make: () => gbk(csv([header, ...pointRows])),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["is named .xlsx but holds delimited text"] },
  },
  {
    file: "workbook-named-xls.xls",
    about: "an .xlsx workbook renamed .xls: read as a workbook, and said",
    make: () => workbook((wb) => progressSheet(wb.addWorksheet("2016年10月"))),
    expect: { ok: true, kind: "progress", rows: 5, values: expectedProgress, warnings: ["is named .xls but holds an .xlsx workbook"] },
  },
  {
    file: "web-export.xls",
    about: "a web system's 'Excel export' that is an HTML table",
    make: () => utf8("<html><body><table><tr><td>县区代码</td><td>开工率</td></tr></table></body></html>"),
    expect: { ok: false, errors: [{ message: "is a web page (HTML or XML)" }] },
  },
  {
    file: "old-format.xls",
    about: "an Excel 97–2003 .xls file",
    make: () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    expect: { ok: false, errors: [{ message: "save it as .xlsx" }] },
  },
];

/**
 * Write every corpus file and manifest.json into a folder.
 *
 * @param outDir target folder (created)
 * @returns the names of the files written
 */
export async function makeOfficeFixtures(outDir) {
  await mkdir(outDir, { recursive: true });
  const written = [];
  for (const c of CASES) {
    if (!c.make) continue;
    await writeFile(path.join(outDir, c.file), await c.make());
    written.push(c.file);
  }
  const manifest = CASES.map(({ file, sheet, about, allocate, expect }) => ({ file, ...(sheet ? { sheet } : {}), about, ...(allocate ? { allocate } : {}), expect }));
  await writeFile(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  written.push("manifest.json");
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "office");
  const files = await makeOfficeFixtures(out);
  console.log(`${files.length} files written to ${out}`);
}
