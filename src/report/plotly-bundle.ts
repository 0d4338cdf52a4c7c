import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The text of plotly.js-finance-dist-min (1.3 MB: scatter, bar, waterfall and the other cartesian traces every
 * gaibo chart uses), read from node_modules so reports inline it and need no network. The full bundle is 4.8 MB.
 */
export async function readPlotlyBundle(): Promise<string> {
  const require = createRequire(import.meta.url);
  return readFile(require.resolve("plotly.js-finance-dist-min"), "utf8");
}

/** Where `npm run build` writes the page script (dist/browser/page.js), from src/ or dist/ alike. */
export function pageBundlePath(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "browser", "page.js");
}

/**
 * The text of the page script (src/browser bundled by esbuild: drawing, downloads, the view in the address,
 * recompute and drill-down).
 *
 * @throws Error naming `npm run build` when the bundle has not been built
 */
export async function readPageBundle(): Promise<string> {
  const file = pageBundlePath();
  if (!existsSync(file)) throw new Error(`readPageBundle requires ${file}; run npm run build`);
  return readFile(file, "utf8");
}
