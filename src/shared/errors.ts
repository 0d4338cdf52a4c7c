/** One problem found in an input: where it is and what is wrong. Rows are 1-based data rows as a user sees them in Excel (header = row 1). */
export interface DataIssue {
  severity: "error" | "warning";
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  /** What is wrong, in English: the library's language, and the text of `DataValidationError`. */
  message: string;
  /** The same in Chinese, for users (the default language of the CLI); `formatIssue(issue, "zh")` shows it when present, else `message`. */
  messageZh?: string;
}

/**
 * Render an issue the way a planning-office user reads it: `file.xlsx [sheet] row 7, column 开工率: message`
 * (in Chinese: `file.xlsx [sheet] 第 7 行, 列 开工率: messageZh`).
 */
export function formatIssue(issue: DataIssue, lang: "zh" | "en" = "en"): string {
  const zh = lang === "zh";
  const where: string[] = [];
  if (issue.file) where.push(issue.sheet ? `${issue.file} [${issue.sheet}]` : issue.file);
  if (issue.row !== undefined) where.push(zh ? `第 ${issue.row} 行` : `row ${issue.row}`);
  if (issue.column !== undefined) where.push(zh ? `列 ${issue.column}` : `column ${issue.column}`);
  const prefix = issue.severity === "warning" ? (zh ? "警告: " : "warning: ") : "";
  const message = zh ? (issue.messageZh ?? issue.message) : issue.message;
  return where.length ? `${where.join(", ")}: ${prefix}${message}` : `${prefix}${message}`;
}

/** Raised when an input file or value breaks its schema; carries every issue found, not just the first. */
export class DataValidationError extends Error {
  readonly issues: DataIssue[];
  constructor(issues: DataIssue[], headline?: string) {
    const errors = issues.filter((i) => i.severity === "error");
    const shown = errors.slice(0, 20).map((i) => formatIssue(i));
    const more = errors.length > 20 ? [`… and ${errors.length - 20} more`] : [];
    super([headline ?? `${errors.length} problem(s) in input`, ...shown, ...more].join("\n"));
    this.name = "DataValidationError";
    this.issues = issues;
  }
}

// Node's error codes mean nothing to a planning-office clerk; the common ones are said in words.
const READ_ERRORS_ZH: Record<string, string> = { ENOENT: "文件不存在", EACCES: "没有读取权限", EPERM: "没有读取权限", EISDIR: "这是文件夹，不是文件" };

/**
 * Why a file cannot be read, as an issue's message in both languages: `cannot be read (ENOENT)` /
 * `无法读取（文件不存在，ENOENT）`.
 *
 * @param err what `readFile` threw
 */
export function cannotReadMessage(err: unknown): Required<Pick<DataIssue, "message" | "messageZh">> {
  const code = (err as NodeJS.ErrnoException).code;
  const detail = code ?? (err as Error).message;
  const zh = code !== undefined && READ_ERRORS_ZH[code] ? `${READ_ERRORS_ZH[code]}，${code}` : detail;
  return { message: `cannot be read (${detail})`, messageZh: `无法读取（${zh}）` };
}
