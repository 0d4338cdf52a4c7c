// `npm run bench`: run every scripts/bench-*.js in turn (each prints its own table of ratios).
// Performance targets live here, not in unit tests. Pass a name fragment to run only some: npm run bench -- progress
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => /^bench-.+\.js$/.test(f) && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n=== ${b} ===`);
  const r = spawnSync(process.execPath, [path.join(dir, b)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
