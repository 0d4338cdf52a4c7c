import { readFile } from "node:fs/promises";
import path from "node:path";
import { escape } from "arquero";
import { loadTable } from "../data/load-table.js";
import { loadRegionSynthetic, type BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { alignCodesToReference } from "../data/normalize-county-code.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
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
 * Split a scenario's data reference into a path and an Excel sheet: "shuangyuebao.xlsx#2016年10月" names
 * the sheet 2016年10月 of shuangyuebao.xlsx (a workbook with one sheet per period needs one named).
 *
 * @param ref the reference as written in the scenario
 * @example dataRef("data/p.xlsx#2016年10月") // { path: "data/p.xlsx", sheet: "2016年10月" }
 */
export function dataRef(ref: string): { path: string; sheet?: string } {
  const m = /^(.*\.xls[xm])#(.+)$/i.exec(ref);
  return m ? { path: m[1], sheet: m[2] } : { path: ref };
}

/**
 * The data a scenario reads: "bundled" resolves to the synthetic province of the scenario's region
 * (datasets/synthetic/<region>/, 河南 in datasets/synthetic/), and each file the scenario names replaces
 * the matching table (paths relative to the scenario file, "file.xlsx#sheet" to name a sheet,
 * "store:<path>" for a panel store), validated like any input. Progress codes that differ from the counties file's only by leading zeros Excel
 * dropped (1 for 001) are matched to them, with a warning.
 *
 * @param warnings receives the warnings of the user's files (header row taken, totals rows left out, rates read as points)
 * @throws DataValidationError naming file, row and column of any problem in the user's files
 */
export async function loadScenarioData(scenario: Scenario, scenarioFile: string, bundled: BundledData, warnings: DataIssue[] = []): Promise<BundledData> {
  const dir = path.dirname(scenarioFile);
  const synthetic = scenario.region === "henan" ? { ...bundled.synthetic } : await loadRegionSynthetic(scenario.region);
  for (const kind of ["progress", "counties", "enrolment"] as const) {
    const ref = scenario.data[kind];
    if (ref === "bundled") continue;
    // "store:<path>": the current panel of a panel store, reports up to the scenario's asOf.
    if (kind === "progress" && ref.startsWith("store:")) {
      synthetic[kind] = await loadPanelFromStore(path.resolve(dir, ref.slice("store:".length)), { asOf: scenario.data.asOf });
      continue;
    }
    const { path: file, sheet } = dataRef(ref);
    const loaded = await loadTable(path.resolve(dir, file), kind, sheet ? { sheet } : {});
    warnings.push(...loaded.warnings);
    synthetic[kind] = loaded.table;
  }
  const { progress, counties } = synthetic;
  if (scenario.data.progress !== "bundled" && progress && counties) {
    const changes = alignCodesToReference(new Set(progress.array("county_id") as string[]), counties.array("county_id") as string[]);
    if (changes.size) {
      synthetic.progress = progress.derive({ county_id: escape((d: { county_id: string }) => changes.get(d.county_id) ?? d.county_id) });
      const shown = [...changes].slice(0, 5).map(([a, b]) => `${a} → ${b}`).join(", ");
      warnings.push({
        severity: "warning",
        file: path.basename(dataRef(scenario.data.progress).path),
        column: "county_id",
        message: `${changes.size} county code(s) lost leading zeros; matched to the counties file (${shown})`,
        messageZh: `${changes.size} 个县区代码丢失了前导零，已按县情文件补足（${shown}）`,
      });
    }
  }
  checkScenarioData(synthetic, scenario, path.basename(scenarioFile));
  return { ...bundled, synthetic };
}
