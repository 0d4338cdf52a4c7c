import { DataValidationError } from "../shared/errors.js";
import type { AllocationRule } from "./rule-schema.js";
import { validateRule } from "./validate-rule.js";

/**
 * Parse an allocation rule from JSON text (a rule file's contents) and validate it.
 *
 * No file access here: the data layer reads the file and passes its text and name, so the same function serves
 * files, uploads and tests.
 *
 * @param text JSON text of one rule
 * @param fileName the file's name, used in error messages (e.g. `central-2015.json`)
 * @returns the validated rule with defaults filled in
 * @throws DataValidationError when the text is not JSON or a field is invalid; messages name the field path
 * @example parseRule('{"name":"pupils only","groups":[{"id":"base","weight":1,"factors":[{"column":"pupils","weight":1,"direction":"need","normalisation":"share"}]}]}', "p.json").name // "pupils only"
 * @see validateRule
 */
export function parseRule(text: string, fileName: string): AllocationRule {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    throw new DataValidationError(
      [{ severity: "error", file: fileName, message: `is not valid JSON: ${detail}`, messageZh: `不是有效的 JSON（${detail}）` }],
      `parseRule could not read ${fileName}`,
    );
  }
  return validateRule(value, fileName);
}
