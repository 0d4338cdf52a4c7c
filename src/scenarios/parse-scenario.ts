import { parseJsonWithSchema, parseWithSchema } from "../shared/parse-with-schema.js";
import { scenarioSchema, type Scenario } from "./scenario-schema.js";

/**
 * Check a scenario file's text and fill in defaults.
 *
 * @param text JSON text of the scenario
 * @param file file name shown in messages
 * @returns the validated scenario
 * @throws DataValidationError naming the file and every invalid field (`targets[0].deadline: must be a date YYYY-MM-DD`)
 */
export function parseScenario(text: string, file: string): Scenario {
  return parseJsonWithSchema(scenarioSchema, text, "parseScenario", file);
}

/**
 * Check a scenario given as an object (e.g. built in a notebook) and fill in defaults.
 *
 * @throws DataValidationError naming every invalid field
 */
export function validateScenario(value: unknown, file?: string): Scenario {
  return parseWithSchema(scenarioSchema, value, "validateScenario", file);
}
