import { fileURLToPath } from "node:url";
import path from "node:path";

/** The package root (where package.json, datasets/ and reports/ live), found from this compiled file. */
export function packageRoot(): string {
  // dist/data/paths.js and src/data/paths.ts are both two levels below the root.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** The one place that knows where bundled datasets live. */
export const DATASET_PATHS = {
  root: () => path.join(packageRoot(), "datasets"),
  seeds: () => path.join(packageRoot(), "datasets", "seeds"),
  real: () => path.join(packageRoot(), "datasets", "real"),
  synthetic: () => path.join(packageRoot(), "datasets", "synthetic"),
  rules: () => path.join(packageRoot(), "datasets", "rules"),
  scenarios: () => path.join(packageRoot(), "datasets", "scenarios"),
  reports: () => path.join(packageRoot(), "reports"),
} as const;
