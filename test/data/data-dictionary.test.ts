import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readBundledPackages } from "../../src/cli/datadict-command.js";
import { loadDataPackage } from "../../src/data/load-data-package.js";
import { renderDataDictionary } from "../../src/data/render-data-dictionary.js";

const root = path.resolve(import.meta.dirname, "../../datasets");

describe("data dictionary", () => {
  it("datasets/README.md is what renderDataDictionary writes from the datapackage.json files (run npm run datadict)", async () => {
    const expected = renderDataDictionary(await readBundledPackages(root));
    expect(await readFile(path.join(root, "README.md"), "utf8")).toBe(expected);
  });

  it("loadDataPackage(folder) validates every bundled seed, real and synthetic file against its dictionary", async () => {
    const counts: Record<string, number> = {};
    for (const folder of ["seeds", "real", "synthetic"]) {
      const { tables } = await loadDataPackage(path.join(root, folder));
      for (const [name, t] of Object.entries(tables)) counts[`${folder}/${name}`] = t.table.numRows();
    }
    expect(counts["seeds/fund_plans"]).toBeGreaterThanOrEqual(30);
    expect(counts["real/progress_observations"]).toBe(100);
    expect(counts["synthetic/counties"]).toBe(109);
  });
});
