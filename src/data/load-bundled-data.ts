import type { ColumnTable } from "arquero";
import { existsSync } from "node:fs";
import path from "node:path";
import { loadDataPackage } from "./load-data-package.js";
import { DATASET_PATHS } from "./paths.js";

/** Every bundled dataset, validated: seed figures, curated real figures and the synthetic province. */
export interface BundledData {
  seeds: Record<string, ColumnTable>;
  real: Record<string, ColumnTable>;
  synthetic: Record<string, ColumnTable>;
}

/**
 * Load and validate all bundled datasets from `datasets/` (or another root with the same layout).
 *
 * @param root folder holding seeds/, real/ and synthetic/ (each with a datapackage.json)
 * @throws DataValidationError when a bundled file breaks its data dictionary
 */
export async function loadBundledData(root: string = DATASET_PATHS.root()): Promise<BundledData> {
  const load = async (name: string) => {
    const dir = path.join(root, name);
    if (!existsSync(path.join(dir, "datapackage.json"))) return {};
    const { tables } = await loadDataPackage(dir);
    return Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.table]));
  };
  const [seeds, real, synthetic] = await Promise.all([load("seeds"), load("real"), load("synthetic")]);
  return { seeds, real, synthetic };
}

/**
 * The synthetic province of a region: datasets/synthetic/ for 河南 (the default province), and
 * datasets/synthetic/<region>/ for the others (counties, progress, enrolment and published_points,
 * each validated against its datapackage.json).
 *
 * @param region a region id (henan, shandong, xinjiang, yunnan, national)
 * @param root folder holding synthetic/
 * @throws DataValidationError when the region's files are missing or break their dictionary
 */
export async function loadRegionSynthetic(region: string, root: string = DATASET_PATHS.root()): Promise<Record<string, ColumnTable>> {
  const dir = region === "henan" ? path.join(root, "synthetic") : path.join(root, "synthetic", region);
  const { tables } = await loadDataPackage(dir);
  return Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.table]));
}
