/** One problem found in an input: where it is and what is wrong. Rows are 1-based data rows as a user sees them in Excel (header = row 1). */
export interface DataIssue {
  severity: "error" | "warning";
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

/**
 * Render an issue the way a planning-office user reads it: `file.xlsx [sheet] row 7, column 开工率: message`
 * (in Chinese: `file.xlsx [sheet] 第 7 行, 列 开工率: message`).
 */
export function formatIssue(issue: DataIssue, lang: "zh" | "en" = "en"): string {
  const zh = lang === "zh";
  const where: string[] = [];
  if (issue.file) where.push(issue.sheet ? `${issue.file} [${issue.sheet}]` : issue.file);
  if (issue.row !== undefined) where.push(zh ? `第 ${issue.row} 行` : `row ${issue.row}`);
  if (issue.column !== undefined) where.push(zh ? `列 ${issue.column}` : `column ${issue.column}`);
  const prefix = issue.severity === "warning" ? (zh ? "警告: " : "warning: ") : "";
  return where.length ? `${where.join(", ")}: ${prefix}${issue.message}` : `${prefix}${issue.message}`;
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
