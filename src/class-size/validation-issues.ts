import type { z } from "zod";
import { DataValidationError, type DataIssue } from "../shared/errors.js";

/**
 * Validate `input` with a zod schema and return the typed value, or throw one DataValidationError that
 * lists every problem with the field it concerns (e.g. `column ruralToTownRate: must be between 0 and 1`).
 */
export function parseWithSchema<T>(schema: z.ZodType<T>, input: unknown, caller: string, file?: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: DataIssue[] = result.error.issues.map((issue) => ({
    severity: "error",
    ...(file !== undefined ? { file } : {}),
    ...(issue.path.length > 0 ? { column: issue.path.map(String).join(".") } : {}),
    message: issue.message,
  }));
  throw new DataValidationError(issues, `${caller} found ${issues.length} problem(s)`);
}
