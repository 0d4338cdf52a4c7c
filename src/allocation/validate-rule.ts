import type { z } from "zod";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import { allocationRuleSchema, type AllocationRule } from "./rule-schema.js";

/**
 * Check an allocation rule (already parsed from JSON) and fill in its defaults.
 *
 * Every problem is reported at once, each naming the field path and what is allowed, e.g.
 * `groups[0].factors[1].weight: must be a number from 0 to 1, got 1.5`, so a planner can fix a rule file in one pass.
 *
 * @param value the rule as a plain object (e.g. from `JSON.parse`)
 * @param fileName where the rule came from, shown in the messages (optional)
 * @returns the validated rule with defaults filled in
 * @throws DataValidationError listing every invalid field
 * @example validateRule({ name: "x", groups: [{ id: "need", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }] }).groups[0].factors[0].column // "pupils"
 * @see ./rule-schema.ts for the fields and their ranges
 */
export function validateRule(value: unknown, fileName?: string): AllocationRule {
  const result = allocationRuleSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues: DataIssue[] = result.error.issues.map((issue) => ({
    severity: "error",
    ...(fileName !== undefined ? { file: fileName } : {}),
    message: describeIssue(issue),
  }));
  throw new DataValidationError(issues, `validateRule found ${issues.length} problem(s) in ${fileName ?? "the rule"}`);
}

/** `["groups", 0, "weight"]` → `groups[0].weight`, the way a reader finds the spot in the JSON file. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(rule)";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatFieldPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  const shown = issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type" || issue.code === "invalid_value";
  const got = shown && input !== undefined ? `, got ${JSON.stringify(input)}` : "";
  if (issue.code === "unrecognized_keys") return `${where}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && input === undefined) return `${where}: is required`;
  return `${where}: ${issue.message}${got}`;
}
