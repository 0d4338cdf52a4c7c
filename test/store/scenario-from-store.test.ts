import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { DATASET_PATHS } from "../../src/data/paths.js";
import { loadScenarioData } from "../../src/scenarios/load-scenario.js";
import { parseScenario } from "../../src/scenarios/parse-scenario.js";
import { DataValidationError } from "../../src/shared/errors.js";
import { importToStore } from "../../src/store/import-to-store.js";
import { loadPanelFromStore } from "../../src/store/load-panel-from-store.js";

describe("scenarios read the 双月报 panel from a store", () => {
  it('"store:<path>" and { "store": path } load the store\'s panel up to data.asOf, paths relative to the scenario file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-scenario-store-"));
    const db = path.join(dir, ".gaibo", "panel.duckdb");
    await importToStore([path.join(DATASET_PATHS.synthetic(), "progress.csv")], { db });
    const preset = JSON.parse(await readFile(path.join(DATASET_PATHS.scenarios(), "henan-plan.json"), "utf8"));
    const bundled = await loadBundledData();
    const expected = (await loadPanelFromStore(db, { asOf: preset.data.asOf })).objects();
    for (const progress of ["store:.gaibo/panel.duckdb", { store: ".gaibo/panel.duckdb" }]) {
      const text = JSON.stringify({ ...preset, data: { ...preset.data, progress } });
      const file = path.join(dir, "mine.json");
      await writeFile(file, text);
      const scenario = parseScenario(text, "mine.json");
      expect(scenario.data.progress).toBe("store:.gaibo/panel.duckdb");
      const data = await loadScenarioData(scenario, file, bundled);
      expect(data.synthetic.progress.objects()).toEqual(expected);
      // Every report up to 2016-10-31 (the preset's asOf) and none after.
      expect(Math.max(...(data.synthetic.progress.array("as_of") as string[]).map((d) => Date.parse(d)))).toBe(Date.parse("2016-10-31"));
    }
    // A store that does not exist is named, with what to do.
    const missing = parseScenario(JSON.stringify({ ...preset, data: { ...preset.data, progress: "store:nowhere.duckdb" } }), "m.json");
    const err = (await loadScenarioData(missing, path.join(dir, "m.json"), bundled).catch((e: unknown) => e)) as DataValidationError;
    expect(err).toBeInstanceOf(DataValidationError);
    expect(err.issues[0].messageZh).toMatch(/^这里没有面板库；请先用 gaibo import/);
  });
});
