import * as aq from "arquero";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvField, tableToCsv, tableToXlsx } from "../../src/data/convert-table.js";

// The attack strings of OWASP's CSV-injection page (https://owasp.org/www-community/attacks/CSV_Injection) and
// the starting characters it lists: = + - @ tab and carriage return.
const ATTACKS = ["=1+1", "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x","y")', "-", "=cmd|' /C calc'!A0"];

describe("csvField / tableToCsv neutralise formula injection", () => {
  it("csvField prefixes a single quote and quotes the field for text that starts a formula (OWASP)", () => {
    expect(ATTACKS.map(csvField)).toEqual([
      `"'=1+1"`,
      `"'+1+1"`,
      `"'-2+3"`,
      `"'@SUM(1,1)"`,
      `"'\t=1+1"`,
      `"'\r=1+1"`,
      `"'=HYPERLINK(""http://x"",""y"")"`,
      `"'-"`,
      `"'=cmd|' /C calc'!A0"`,
    ]);
  });

  it("csvField keeps numbers as numbers, and text that is a plain number as that number (Excel reads it so, no formula)", () => {
    expect([-5, 0.3437, 1e21, -0].map(csvField)).toEqual(["-5", "0.3437", "1e+21", "0"]);
    expect(["-5", "+1.5", "-1e3"].map(csvField)).toEqual(["-5", "+1.5", "-1e3"]);
  });

  it("csvField quotes commas, quotes and line breaks as before, and leaves other text alone", () => {
    expect(["a,b", 'say "hi"', "two\nlines", "中原区", "", null, undefined, true].map(csvField)).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"', "中原区", "", "", "", "true"]);
  });

  it("tableToCsv neutralises column names and cells, numbers untouched, with the BOM Excel needs", () => {
    const t = aq.table({ county_name: ["=1+1", "中原区"], "=bad": [-5, 0.5], note: ["@x", "-5"] });
    expect(tableToCsv(t)).toBe(`\ufeffcounty_name,"'=bad",note\n"'=1+1",-5,"'@x"\n中原区,0.5,-5\n\n`);
  });
});

describe("tableToXlsx never writes text as a formula", () => {
  it("tableToXlsx stores formula-looking text as text cells (read back: no formula, same string)", async () => {
    const t = aq.table({ name: ATTACKS, amount: ATTACKS.map((_, i) => -1 - i) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableToXlsx(t)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ATTACKS.forEach((text, i) => {
      const cell = ws.getCell(i + 2, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML turns a carriage return into a line feed; the cell is still text.
      expect(cell.value).toBe(text.replace(/\r/g, "\n"));
      expect(ws.getCell(i + 2, 2).value).toBe(-1 - i);
    });
  });
});
