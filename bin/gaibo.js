#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (built by `npm run build`).
import("../dist/cli/main.js").then((m) => m.main(process.argv)).catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli")) {
    console.error("gaibo: dist/ is missing; run `npm run build` first");
  } else {
    // main() reports every failure itself; this is only reached when the package cannot even load.
    console.error(process.env.GAIBO_DEBUG ? err : `gaibo: ${err && err.message ? String(err.message).split("\n")[0] : String(err)} (GAIBO_DEBUG=1 shows details)`);
  }
  process.exitCode = 1;
});
