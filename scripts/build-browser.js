// `npm run build` step: bundle the page script (src/browser/page.ts and the src/ modules it imports: allocation,
// charts, downloads) into one minified IIFE, dist/browser/page.js, that renderReportHtml inlines into index.html.
import { build } from "esbuild";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist", "browser", "page.js");
await build({
  entryPoints: [path.join(root, "src", "browser", "page.ts")],
  outfile,
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
console.log(`page bundle: ${path.relative(root, outfile)} ${(statSync(outfile).size / 1024).toFixed(0)} KB`);
