// Execute every notebook headless on the project's tslab kernel and export HTML to reports/notebooks/.
// Fails (exit 1) on the first cell error. Needs Debian's jupyter-nbconvert and python3-nbclient.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const jupyter = process.env.JUPYTER ?? "/usr/bin/jupyter";
if (!existsSync(jupyter)) {
  console.error(`run-notebooks: ${jupyter} not found; install Debian's jupyter-nbconvert and python3-nbclient`);
  process.exit(1);
}
const only = process.argv.slice(2);
const notebooks = readdirSync(path.join(root, "notebooks"))
  .filter((f) => f.endsWith(".ipynb") && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
const env = {
  ...process.env,
  JUPYTER_PATH: path.join(root, "jupyter"),
  PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}`,
};
const executed = mkdtempSync(path.join(tmpdir(), "gaibo-nb-"));
const htmlDir = path.join(root, "reports", "notebooks");
mkdirSync(htmlDir, { recursive: true });
let failed = 0;
for (const nb of notebooks) {
  const t0 = Date.now();
  const run = (args) => spawnSync(jupyter, args, { cwd: root, env, encoding: "utf8" });
  const exec = run([
    "nbconvert", "--to", "notebook", "--execute",
    "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=900",
    `--output-dir=${executed}`, path.join("notebooks", nb),
  ]);
  if (exec.status !== 0) {
    failed++;
    console.error(`✗ ${nb}\n${exec.stderr.split("\n").slice(-40).join("\n")}`);
    continue;
  }
  const html = run([
    "nbconvert", "--to", "html", "--no-input",
    "--HTMLExporter.require_js_url=data:text/javascript,", "--HTMLExporter.mathjax_url=data:text/javascript,",
    `--output-dir=${htmlDir}`, path.join(executed, nb),
  ]);
  if (html.status !== 0) {
    failed++;
    console.error(`✗ ${nb} (HTML export)\n${html.stderr}`);
    continue;
  }
  console.log(`✓ ${nb} (${((Date.now() - t0) / 1000).toFixed(1)} s) → reports/notebooks/${nb.replace(/\.ipynb$/, ".html")}`);
}
rmSync(executed, { recursive: true, force: true });
console.log(`notebooks executed: ${notebooks.length - failed} ok, ${failed} with errors`);
process.exit(failed ? 1 : 0);
