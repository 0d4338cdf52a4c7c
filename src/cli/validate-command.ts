import { loadTable } from "../data/load-table.js";
import { SCHEMAS } from "../data/schemas.js";
import { DataValidationError, formatIssue, type DataIssue } from "../shared/errors.js";

const SHOWN_WARNINGS = 10;

/** Print a few warnings in full and count the rest per column, so a long file stays readable. */
function printWarnings(warnings: DataIssue[], lang: "zh" | "en"): void {
  for (const w of warnings.slice(0, SHOWN_WARNINGS)) console.warn(formatIssue(w, lang));
  if (warnings.length <= SHOWN_WARNINGS) return;
  // Count the rest by column, or by the kind of message where there is no column (totals rows, skipped rows).
  const byColumn = new Map<string, number>();
  for (const w of warnings.slice(SHOWN_WARNINGS)) {
    const kind = (lang === "zh" ? (w.messageZh ?? w.message) : w.message).replace(/第 \d+ 行|row \d+|\d+(\.\d+)?%?/g, "").replace(/[（(][^）)]*[）)]/g, "").replace(/^[\s,，:：]+/, "").replace(/\s+,/g, ",").trim().slice(0, lang === "zh" ? 16 : 36);
    const key = w.column ?? kind;
    byColumn.set(key, (byColumn.get(key) ?? 0) + 1);
  }
  const parts = [...byColumn].map(([c, n]) => `${c}: ${n}`).join(lang === "zh" ? "；" : "; ");
  console.warn(lang === "zh" ? `… 另有 ${warnings.length - SHOWN_WARNINGS} 条警告（${parts}）` : `… ${warnings.length - SHOWN_WARNINGS} more warning(s) (${parts})`);
}

/**
 * `gaibo validate <file>`: print every problem with file, row and column; exit 1 on any error. Warnings (e.g. rates
 * above 100%) are printed after the errors too, so the file can be fixed in one pass.
 */
export async function runValidate(file: string, opts: { kind?: string; sheet?: string; lang: "zh" | "en" }): Promise<number> {
  const zh = opts.lang === "zh";
  if (opts.kind !== undefined && !SCHEMAS[opts.kind]) {
    // A misspelt kind is a command-line mistake (exit 2), not a problem in the file.
    const known = Object.keys(SCHEMAS).join(", ");
    console.error(zh ? `命令行有误：--kind 的取值 "${opts.kind}" 无效；可选：${known}。用 gaibo validate --help 查看用法` : `usage error: --kind "${opts.kind}" is not a dataset kind; use one of ${known} (see gaibo validate --help)`);
    return 2;
  }
  try {
    const { table, warnings, schema, source } = await loadTable(file, opts.kind, { sheet: opts.sheet });
    printWarnings(warnings, opts.lang);
    // Where the table was found, so a clerk can see the reading matches the file.
    const tab = source.delimiter === "\t" ? "tab" : source.delimiter;
    const where = zh
      ? [source.sheet && `工作表 ${source.sheet}`, `表头第 ${source.headerRow} 行`, source.encoding && `${source.encoding} 编码`, tab && `分隔符 ${tab === "tab" ? "制表符" : tab}`]
      : [source.sheet && `sheet ${source.sheet}`, `header row ${source.headerRow}`, source.encoding, tab && `separator ${tab}`];
    const at = where.filter(Boolean).join(zh ? "，" : ", ");
    console.log(
      zh
        ? `${file}: 校验通过（${schema.titleZh ?? schema.title}），${table.numRows()} 行，${warnings.length} 条警告（${at}）`
        : `${file}: valid ${schema.title}, ${table.numRows()} rows, ${warnings.length} warning(s) (${at})`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    const errors = err.issues.filter((i) => i.severity === "error");
    const warnings = err.issues.filter((i) => i.severity === "warning");
    const also = warnings.length ? (zh ? `，另有 ${warnings.length} 条警告` : `, ${warnings.length} warning(s)`) : "";
    console.error(zh ? `${file}: 发现 ${errors.length} 处错误${also}，未写出任何结果` : `${file}: ${errors.length} error(s)${also}; nothing was written`);
    for (const i of errors) console.error(formatIssue(i, opts.lang));
    printWarnings(warnings, opts.lang);
    return 1;
  }
}
