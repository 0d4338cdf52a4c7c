import type { GridRow, RawSheet } from "./raw-sheet.js";
import type { TableSchema } from "./table-schema.js";
import { DataValidationError } from "../shared/errors.js";
import { sheetFromGrid } from "./sheet-from-grid.js";
import { sniffDelimiter, type Delimiter } from "./sniff-delimiter.js";

/**
 * Split delimited text (RFC 4180: quoted fields, doubled quotes, CR/LF) into records that keep each
 * one's line number. arquero's own parser silently drops surplus fields and pads short rows, so a
 * malformed file could not be reported row by row; this tokenizer keeps the shape as written.
 *
 * @param text decoded text (a leading BOM is ignored)
 * @param file file name used in error messages
 * @param delimiter field separator (comma by default)
 * @returns every record, blank ones included, as `{ row: line, cells }`
 * @throws DataValidationError for a quoted field that is never closed
 */
export function parseCsvRecords(text: string, file: string, delimiter: Delimiter = ","): GridRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: GridRow[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quotedOpenLine = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      inQuotes = true;
      quotedOpenLine = line;
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ row: recordLine, cells: fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (inQuotes) {
    throw new DataValidationError([
      { severity: "error", file, row: quotedOpenLine, message: "a quoted field is never closed (missing \")", messageZh: "有一个带引号的字段没有结束（缺少 \"）" },
    ]);
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ row: recordLine, cells: fields });
  }
  return records;
}

/**
 * Read delimited text into a raw sheet: the separator is sniffed (comma, tab, semicolon), the header
 * row is found among the first rows (title, 填报单位 and unit rows are skipped and said in a warning),
 * and every row below it must have the header's number of fields.
 *
 * @param text decoded text (a leading BOM is ignored)
 * @param file file name used in error messages
 * @param options.schemas dataset kinds whose column names identify the header row (all built-in kinds by default)
 * @param options.delimiter separator; sniffed when omitted
 * @throws DataValidationError for an unterminated quote, an empty file or rows whose field count differs from the header
 */
export function parseCsv(text: string, file: string, options: { schemas?: readonly TableSchema[]; delimiter?: Delimiter } = {}): RawSheet {
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const records = parseCsvRecords(text, file, delimiter);
  const sheet = sheetFromGrid(records, { file }, { schemas: options.schemas, strictWidth: true });
  return delimiter === "," ? sheet : { ...sheet, delimiter };
}
