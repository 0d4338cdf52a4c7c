import ExcelJS from "exceljs";

/** One sheet to write: headers, rows of values and an Excel number format per column (undefined = General). */
export interface XlsxSheet {
  name: string;
  headers: readonly string[];
  numberFormats: readonly (string | undefined)[];
  rows: readonly (readonly (string | number | boolean | null)[])[];
}

const SHEET_NAME_MAX = 31;

/**
 * Write several tables as one .xlsx workbook, one sheet each, numbers as numbers with their number formats (money
 * in 元 to the fen as `#,##0.00`, in 万元 to the fen as `#,##0.000000`), bold frozen headers and columns wide
 * enough for Chinese headers. The companion of `tableToXlsx` (one sheet, no formats) for outputs an office hands on.
 *
 * @param sheets sheets in order (names longer than Excel's 31 characters are cut)
 * @returns the workbook's bytes (byte-stable: fixed creation date)
 * @example await sheetsToXlsx([{ name: "分配结果", headers: ["分配额（元）"], numberFormats: ["#,##0.00"], rows: [[12.34]] }])
 */
export async function sheetsToXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2014, 0, 1));
  wb.modified = wb.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, SHEET_NAME_MAX), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow([...s.headers]);
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((v) => (typeof v === "number" && !Number.isFinite(v) ? null : v)));
    s.headers.forEach((h, i) => {
      const col = ws.getColumn(i + 1);
      // CJK characters are about two Latin widths.
      const width = [...h].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
      col.width = Math.min(40, Math.max(10, width + 2));
      const fmt = s.numberFormats[i];
      if (fmt) col.numFmt = fmt;
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
