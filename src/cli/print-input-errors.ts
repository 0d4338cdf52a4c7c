import { DataValidationError, formatIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";

/**
 * The end of a command that writes files: an input problem is printed, every error with its file, row and column,
 * under one line saying nothing was written, and the command exits 1; anything else is a bug and is rethrown.
 *
 * @param err what the command caught
 * @param lang language of the messages
 * @returns the exit code, 1
 * @throws err itself when it is not a DataValidationError
 */
export function printInputErrors(err: unknown, lang: Lang): number {
  if (!(err instanceof DataValidationError)) throw err;
  const errors = err.issues.filter((i) => i.severity === "error");
  console.error(lang === "zh" ? `发现 ${errors.length} 处错误，未写出任何结果：` : `${errors.length} error(s); nothing was written:`);
  for (const i of errors) console.error(formatIssue(i, lang));
  return 1;
}
