import { DataValidationError, type DataIssue } from "../shared/errors.js";
import { describeZodIssue, describeZodIssueZh } from "../shared/parse-with-schema.js";
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
    message: describeZodIssue(issue),
    messageZh: describeZodIssueZh(issue),
  }));
  throw new DataValidationError(issues, `validateRule found ${issues.length} problem(s) in ${fileName ?? "the rule"}`);
}
