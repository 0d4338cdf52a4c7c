import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadTable } from "../data/load-table.js";
import { loadRegionSynthetic, type BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { DataValidationError } from "../shared/errors.js";
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
 * The data a scenario reads: "bundled" resolves to the synthetic province of the scenario's region
 * (datasets/synthetic/<region>/, 河南 in datasets/synthetic/), and each file the scenario names
 * replaces the matching table (paths relative to the scenario file), validated like any input.
 *
 * @throws DataValidationError naming file, row and column of any problem in the user's files
 */
export async function loadScenarioData(scenario: Scenario, scenarioFile: string, bundled: BundledData): Promise<BundledData> {
  const dir = path.dirname(scenarioFile);
  const synthetic = scenario.region === "henan" ? { ...bundled.synthetic } : await loadRegionSynthetic(scenario.region);
  for (const kind of ["progress", "counties", "enrolment"] as const) {
    const ref = scenario.data[kind];
    if (ref !== "bundled") synthetic[kind] = (await loadTable(path.resolve(dir, ref), kind)).table;
  }
  return { ...bundled, synthetic };
}
