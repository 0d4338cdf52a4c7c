import type { BundledData } from "../data/load-bundled-data.js";
import type { Scenario } from "./scenario-schema.js";

/**
 * The data as the scenario's report date sees it: progress reports after `data.asOf` are removed,
 * so every forecast starts from what was known on that day.
 *
 * @param data bundled (or user-supplied) datasets
 * @param scenario a validated scenario
 * @returns a copy of data with the progress panel cut at the report date
 */
export function applyScenario(data: BundledData, scenario: Scenario): BundledData {
  const progress = data.synthetic.progress;
  if (!progress) return data;
  const asOf = scenario.data.asOf;
  return { ...data, synthetic: { ...data.synthetic, progress: progress.filter(`d => d.as_of <= ${JSON.stringify(asOf)}`) } };
}
