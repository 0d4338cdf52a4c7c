export { scenarioSchema, targetSchema } from "./scenario-schema.js";
export type { Scenario, ScenarioInput, Target } from "./scenario-schema.js";
export { parseScenario, validateScenario } from "./parse-scenario.js";
export { applyScenario } from "./apply-scenario.js";
export { loadScenario, loadScenarioData } from "./load-scenario.js";
