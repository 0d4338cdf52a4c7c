import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadTable } from "../data/load-table.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { DataValidationError } from "../shared/errors.js";
import { loadPanelFromStore } from "../store/load-panel-from-store.js";
import { checkScenarioData } from "./check-scenario-data.js";
import { parseScenario } from "./parse-scenario.js";
import type { Scenario } from "./scenario-schema.js";

/**
 * Read a scenario file: a path, or the name of a preset in datasets/scenarios (e.g. "xinjiang-2017").
 *
 * @throws DataValidationError when the file is missing or invalid
 */
export async function loadScenario(fileOrPreset: string): Promise<{ scenario: Scenario; file: string }> {
  const file = /[/\\]|\.json$/.test(fileOrPreset) ? path.resolve(fileOrPreset) : path.join(DATASET_PATHS.scenarios(), `${fileOrPreset}.json`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new DataValidationError([
      {
        severity: "error",
        file: path.basename(file),
        message: `cannot be read (no such scenario file or preset ${fileOrPreset})`,
        messageZh: `无法读取（没有名为 ${fileOrPreset} 的情景文件或预设情景）`,
      },
    ]);
  }
  return { scenario: parseScenario(text, path.basename(file)), file };
}

/**
 * Replace bundled tables with the user's files named in the scenario (paths relative to the
 * scenario file), validated like any input; "bundled" keeps the bundled table; "store:<path>" reads the 双月报
 * panel from a panel store (`gaibo import`), reports up to the scenario's asOf.
 *
 * @throws DataValidationError naming file, row and column of any problem in the user's files
 */
export async function loadScenarioData(scenario: Scenario, scenarioFile: string, bundled: BundledData): Promise<BundledData> {
  const dir = path.dirname(scenarioFile);
  const synthetic = { ...bundled.synthetic };
  for (const kind of ["progress", "counties", "enrolment"] as const) {
    const ref = scenario.data[kind];
    if (ref === "bundled") continue;
    // "store:<path>": the current panel of a panel store, reports up to the scenario's asOf.
    if (kind === "progress" && ref.startsWith("store:")) synthetic[kind] = await loadPanelFromStore(path.resolve(dir, ref.slice("store:".length)), { asOf: scenario.data.asOf });
    else synthetic[kind] = (await loadTable(path.resolve(dir, ref), kind)).table;
  }
  checkScenarioData(synthetic, scenario, path.basename(scenarioFile));
  return { ...bundled, synthetic };
}
