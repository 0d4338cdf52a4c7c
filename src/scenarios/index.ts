export { scenarioSchema, targetSchema, SCENARIO_REGIONS, RULE_PRESETS, BUNDLED_REPORT_RANGE } from "./scenario-schema.js";
export type { Scenario, ScenarioInput, Target } from "./scenario-schema.js";
export { parseScenario, validateScenario } from "./parse-scenario.js";
export { applyScenario } from "./apply-scenario.js";
export { loadScenario, loadScenarioData } from "./load-scenario.js";
