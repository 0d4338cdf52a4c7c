import type { RawSheet } from "./raw-sheet.js";
import { DataValidationError } from "../shared/errors.js";

/**
 * Split CSV text (RFC 4180: quoted fields, doubled quotes, CR/LF) into a raw sheet that keeps each
 * row's line number. arquero's own parser silently drops surplus fields and pads short rows, so a
 * malformed file could not be reported row by row; this tokenizer keeps the shape as written.
 *
 * @param text CSV text, UTF-8 (a leading BOM is ignored)
 * @param file file name used in error messages
 * @throws DataValidationError for an unterminated quote or rows whose field count differs from the header
 */
export function parseCsv(text: string, file: string): RawSheet {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
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
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
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
    records.push({ line: recordLine, fields });
  }
  const nonBlank = records.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ""));
  if (nonBlank.length === 0) {
    throw new DataValidationError([{ severity: "error", file, message: "the file is empty (no header row)", messageZh: "文件为空（没有表头行）" }]);
  }
  const [head, ...body] = nonBlank;
  const header = head.fields.map((h) => h.trim());
  const issues = body
    .filter((r) => r.fields.length !== header.length)
    .map((r) => ({
      severity: "error" as const,
      file,
      row: r.line,
      message: `has ${r.fields.length} fields but the header has ${header.length}`,
      messageZh: `有 ${r.fields.length} 个字段，但表头有 ${header.length} 列`,
    }));
  if (issues.length) throw new DataValidationError(issues, `${file}: malformed CSV`);
  return { file, header, rows: body.map((r) => ({ row: r.line, cells: r.fields })) };
}
