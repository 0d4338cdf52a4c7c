#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (built by `npm run build`).
import("../dist/cli/main.js").then((m) => m.main(process.argv)).catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli")) {
    console.error("gaibo: dist/ is missing; run `npm run build` first");
  } else {
    console.error(err);
  }
  process.exitCode = 1;
});
