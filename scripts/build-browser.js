// `npm run build` step: bundle the page script (src/browser/page.ts and the src/ modules it imports: allocation,
// charts, downloads) into one minified IIFE, dist/browser/page.js, that renderReportHtml inlines into index.html.
import { build } from "esbuild";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist", "browser", "page.js");

// zod exposes its 40-odd message locales as one namespace (`z.locales`), which a bundler must keep whole (~260 KB).
// The page needs the two gaibo speaks (src/shared/parse-with-schema.ts uses z.locales.en and z.locales.zhCN).
const zodTwoLocales = {
  name: "zod-two-locales",
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) => (args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: "zod-locales", namespace: "gaibo" } : undefined));
    b.onLoad({ filter: /^zod-locales$/, namespace: "gaibo" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js"; export { default as zhCN } from "zod/v4/locales/zh-CN.js";',
      resolveDir: root,
    }));
  },
};
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
  plugins: [zodTwoLocales],
});
console.log(`page bundle: ${path.relative(root, outfile)} ${(statSync(outfile).size / 1024).toFixed(0)} KB`);
