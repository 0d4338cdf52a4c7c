import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { DATASET_PATHS } from "../data/paths.js";
import { renderDataDictionary } from "../data/render-data-dictionary.js";
import type { DataPackage } from "../data/table-schema.js";
import { writeFilesAtomically } from "../data/write-files.js";

/** Folders whose datapackage.json make up the data dictionary, in reading order. */
export const DICTIONARY_FOLDERS = ["seeds", "real", "synthetic", "synthetic/shandong", "synthetic/xinjiang", "synthetic/yunnan", "synthetic/national"] as const;

/** Read the bundled data packages that exist. */
export async function readBundledPackages(root = DATASET_PATHS.root()): Promise<{ folder: string; pkg: DataPackage }[]> {
  const found: { folder: string; pkg: DataPackage }[] = [];
  for (const folder of DICTIONARY_FOLDERS) {
    const file = path.join(root, folder, "datapackage.json");
    if (existsSync(file)) found.push({ folder, pkg: JSON.parse(await readFile(file, "utf8")) as DataPackage });
  }
  return found;
}

/** `gaibo datadict`: rewrite datasets/README.md from the data packages. */
export async function runDataDict(): Promise<number> {
  const text = renderDataDictionary(await readBundledPackages());
  const [file] = await writeFilesAtomically(DATASET_PATHS.root(), [{ path: "README.md", content: text }], { owner: "datadict", manifest: false });
  console.log(file);
  return 0;
}
