import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** The text of plotly.js-dist-min, read from node_modules so reports inline it and need no network. */
export async function readPlotlyBundle(): Promise<string> {
  const require = createRequire(import.meta.url);
  return readFile(require.resolve("plotly.js-dist-min"), "utf8");
}
