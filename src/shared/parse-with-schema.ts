import type { z } from "zod";
import { DataValidationError, type DataIssue } from "./errors.js";

/** `["groups", 0, "weight"]` → `groups[0].weight`, the way a reader finds the spot in a JSON file. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** What is wrong with a field, in words: what is allowed and what was found. */
export function zodIssueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const shown = issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type" || issue.code === "invalid_value";
  const got = shown && input !== undefined ? `, got ${JSON.stringify(input)}` : "";
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && input === undefined) return "is required";
  return `${issue.message}${got}`;
}

/** One zod issue as a sentence naming the field: `groups[0].weight: must be …, got 1.5`. */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  return `${formatFieldPath(issue.path)}: ${zodIssueMessage(issue)}`;
}

/**
 * Validate a value (a parsed JSON rule or scenario file) against a zod schema, reporting every
 * problem at once with its field path.
 *
 * @param schema the zod schema
 * @param value the value to check
 * @param what the caller and the kind of thing checked, for the headline (e.g. "parseScenario")
 * @param file file name shown in every message
 * @throws DataValidationError listing every invalid field
 */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, what: string, file?: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues: DataIssue[] = result.error.issues.map((issue) => ({
    severity: "error",
    ...(file !== undefined ? { file } : {}),
    column: formatFieldPath(issue.path),
    message: zodIssueMessage(issue),
  }));
  throw new DataValidationError(issues, `${what} found ${issues.length} problem(s) in ${file ?? "the input"}`);
}

/**
 * Parse JSON text and validate it; a syntax error names the file, line and column.
 *
 * @throws DataValidationError for invalid JSON or any invalid field
 */
export function parseJsonWithSchema<T>(schema: z.ZodType<T>, text: string, what: string, file: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const pos = m ? Number(m[1]) : undefined;
    const line = pos === undefined ? undefined : text.slice(0, pos).split("\n").length;
    throw new DataValidationError([{ severity: "error", file, row: line, message: `is not valid JSON (${(err as Error).message})` }]);
  }
  return parseWithSchema(schema, value, what, file);
}
