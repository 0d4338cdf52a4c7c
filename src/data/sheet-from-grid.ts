import type { DataIssue } from "../shared/errors.js";
import { DataValidationError } from "../shared/errors.js";
import { findHeaderRow, isUnitCell, withUnit } from "./find-header-row.js";
import { normalizeCellText } from "./normalize-cell-text.js";
import type { GridRow, RawSheet } from "./raw-sheet.js";
import { SCHEMAS } from "./schemas.js";
import type { TableSchema } from "./table-schema.js";

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && (v.trim() === "" || normalizeCellText(v) === ""));

/**
 * Whether a row holds nothing a reader could use: every cell empty or only spaces (Excel keeps
 * formatted but empty rows; CSV exports keep their commas).
 */
export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every(isBlank);
}

// Signature lines under a table: 填报人 张三, 审核人, 联系电话, 填报日期, 注：…
const FOOTER = /^(填报人|填表人|审核人|审核|负责人|单位负责人|制表人?|制表日期|填报日期|填表日期|联系电话|联系人|注[:：]|说明[:：]|备注[:：]|数据来源)/;

/**
 * Whether a row is a signature or note line under a table (填报人：张三 审核人：李四, 注：…) rather than data:
 * its first non-empty cell starts with such a label and it has at most three non-empty cells.
 */
export function isFooterRow(cells: readonly unknown[]): boolean {
  const head = cells.find((c) => !isBlank(c));
  if (typeof head !== "string" || !/^[\s\u3000]*[填审负单制联注说备数]/.test(head)) return false;
  const filled = cells.filter((c) => !isBlank(c));
  return filled.length > 0 && filled.length <= 3 && typeof filled[0] === "string" && FOOTER.test(normalizeCellText(filled[0]));
}

// 栏次 rows under Chinese statistical headers: 甲 乙 丙 … then 1 2 3 …
const COLUMN_NUMBER = /^([甲乙丙丁戊己庚辛壬癸]|栏次|\d{1,2})$/;
function isColumnNumberRow(cells: readonly unknown[]): boolean {
  const filled = cells.filter((c) => !isBlank(c)).map((c) => normalizeCellText(String(c)));
  if (filled.length < 2 || !filled.every((c) => COLUMN_NUMBER.test(c))) return false;
  const numbers = filled.filter((c) => /^\d+$/.test(c)).map(Number);
  // Only with a 甲/乙 label: a data row of small consecutive numbers (1, 2, 3) must not be taken for one.
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1) && filled.some((c) => /[甲乙丙]/.test(c));
}

const preview = (cells: readonly unknown[], max = 40) =>
  cells
    .filter((c) => !isBlank(c) && typeof c !== "object")
    .map((c) => normalizeCellText(String(c)))
    .filter((c, i, all) => all.indexOf(c) === i)
    .join(" ")
    .slice(0, max);

/**
 * Turn rows of cells as read (CSV records or an Excel sheet) into a raw sheet: find the header among
 * the first rows, skip the title, 填报单位, unit and 栏次 rows around it, blank rows and signature
 * lines, and say in a warning which row was taken as the header when it is not the first.
 * Row numbers stay the user's own.
 *
 * Pure over the cells, so a streaming reader can call it on the first chunk of a large file.
 *
 * @param rows every row in order (blank ones included), with its row number
 * @param where file (and sheet) named in messages
 * @param options.schemas kinds whose column names identify the header (all built-in kinds by default)
 * @param options.strictWidth a row with a different number of fields than the header is an error (text files)
 * @throws DataValidationError for an empty sheet and, with strictWidth, rows of the wrong width
 */
export function sheetFromGrid(
  rows: readonly GridRow[],
  where: { file: string; sheet?: string },
  options: { schemas?: readonly TableSchema[]; strictWidth?: boolean } = {},
): RawSheet {
  const { file, sheet } = where;
  const nonBlank = rows.filter((r) => !isBlankRow(r.cells));
  if (nonBlank.length === 0) {
    throw new DataValidationError([
      sheet
        ? { severity: "error", file, sheet, message: "the sheet is empty", messageZh: "工作表为空" }
        : { severity: "error", file, message: "the file is empty (no header row)", messageZh: "文件为空（没有表头行）" },
    ]);
  }
  const found = findHeaderRow(
    nonBlank.map((r) => r.cells),
    options.schemas ?? Object.values(SCHEMAS),
  );
  const warnings: DataIssue[] = [];
  const warn = (row: number | undefined, message: string, messageZh: string) => warnings.push({ severity: "warning", file, sheet, row, message, messageZh });
  const headerRows = nonBlank.slice(found.index, found.index + found.height);
  const headerRow = headerRows[headerRows.length - 1].row;
  const headerFirst = headerRows[0].row;
  const span = found.height === 2 ? `${headerFirst}–${headerRow}` : `${headerRow}`;
  if (found.index > 0) {
    const above = nonBlank.slice(0, found.index).map((r) => `${r.row}: ${preview(r.cells)}`);
    warn(
      headerFirst,
      `the header was taken from row ${span}; rows above it were skipped (${above.join("; ")})`,
      `表头取自第 ${span} 行；其上的行已跳过（${above.join("；")}）`,
    );
  } else if (found.height === 2) {
    warn(headerFirst, `rows ${span} were read as one two-row header`, `第 ${span} 行按两行合并表头读取`);
  }
  const header = [...found.header];
  const body: GridRow[] = [];
  const issues: DataIssue[] = [];
  let afterHeader = true;
  for (const r of nonBlank.slice(found.index + found.height)) {
    if (afterHeader && (r.cells.every((c) => isBlank(c) || isUnitCell(c)) || isColumnNumberRow(r.cells))) {
      // A unit row says what the header does not: "%" under 开工率 makes it 开工率(%), read as points.
      if (!isColumnNumberRow(r.cells)) header.forEach((h, c) => (header[c] = isBlank(r.cells[c]) ? h : withUnit(h, r.cells[c])));
      warn(r.row, `row ${r.row} (${preview(r.cells)}) holds units or column numbers, not data; skipped`, `第 ${r.row} 行（${preview(r.cells)}）是单位或栏次行，不是数据，已跳过`);
      continue;
    }
    afterHeader = false;
    if (isFooterRow(r.cells)) {
      warn(r.row, `row ${r.row} (${preview(r.cells)}) is a signature or note line, not data; skipped`, `第 ${r.row} 行（${preview(r.cells)}）是签名或备注行，不是数据，已跳过`);
      continue;
    }
    if (options.strictWidth && r.cells.length !== header.length) {
      // Excel pads every row to the widest one (a long title), so surplus empty fields are harmless.
      const surplusBlank = r.cells.length > header.length && r.cells.slice(header.length).every(isBlank);
      if (!surplusBlank) {
        issues.push({
          severity: "error",
          file,
          row: r.row,
          message: `has ${r.cells.length} fields but the header has ${header.length}`,
          messageZh: `有 ${r.cells.length} 个字段，但表头有 ${header.length} 列`,
        });
        continue;
      }
    }
    // Rows already as wide as the header are kept as read (no copy: a large file holds millions of cells).
    body.push(r.cells.length >= header.length ? r : { row: r.row, cells: Array.from({ length: header.length }, (_, i) => r.cells[i] ?? "") });
  }
  if (issues.length) throw new DataValidationError(issues, `${file}: malformed CSV`);
  const preamble = nonBlank.slice(0, found.index).map((r) => preview(r.cells, 200));
  return { file, ...(sheet ? { sheet } : {}), header, rows: body, headerRow, ...(preamble.length ? { preamble } : {}), ...(warnings.length ? { warnings } : {}) };
}
