// Benchmark: gaibo's fitCurve (logistic, estimated ceiling) against a Python loop of
// scipy.optimize.curve_fit on the same 2,000 deterministic noisy completion series.
//
// Usage: npm run build && node scripts/bench-progress.js [seriesCount]
// The scipy half runs only when Debian's `/usr/bin/python3 -c "import scipy"` works; both engines
// get the same starting values (gaibo's curveStartValues) so they race on the same problem.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createRandom, curveStartValues, fitCurve } from "../dist/index.js";

const PYTHON = "/usr/bin/python3";
const SERIES = Number(process.argv[2] ?? 2000);
const SEED = 2014;

/** Series every 1.5 months over 45 months (30 points), logistic with ceiling 0.9–1.3, noise sd 0.02. */
function makeSeries(count, seed) {
  const random = createRandom(seed);
  const t = Array.from({ length: 30 }, (_, i) => 1.5 * (i + 1));
  return Array.from({ length: count }, () => {
    const cap = 0.9 + 0.4 * random.uniform();
    const k = 0.1 + 0.4 * random.uniform();
    const t0 = 10 + 20 * random.uniform();
    const y = t.map((ti) => cap / (1 + Math.exp(-k * (ti - t0))) + 0.02 * random.normal());
    return { t, y };
  });
}

const series = makeSeries(SERIES, SEED);
const options = { model: "logistic", estimateCap: true };

// Warm up the JIT on other series from the same generator so the timing measures steady state
// (V8 compiles the solver loop with its optimising compiler only after a few thousand fits).
for (const s of makeSeries(6000, SEED + 1)) fitCurve(s.t, s.y, options);

// Best of REPEATS timed passes for both engines (as Python's timeit does): on a shared machine the
// minimum is the least disturbed measurement of the same work.
const REPEATS = 3;
let fits = [];
let gaiboSeconds = Infinity;
let gaiboCpuSeconds = Infinity;
for (let r = 0; r < REPEATS; r++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  fits = series.map((s) => fitCurve(s.t, s.y, options));
  const cpu = process.cpuUsage(cpuStart);
  gaiboSeconds = Math.min(gaiboSeconds, (performance.now() - start) / 1000);
  gaiboCpuSeconds = Math.min(gaiboCpuSeconds, (cpu.user + cpu.system) / 1e6);
}
const gaiboConverged = fits.filter((f) => f.converged).length;

const rows = [["gaibo fitCurve (Node " + process.versions.node + ")", SERIES, gaiboSeconds, gaiboCpuSeconds, gaiboConverged]];
let comparison;

const hasScipy = spawnSync(PYTHON, ["-c", "import scipy"], { stdio: "ignore" }).status === 0;
if (hasScipy) {
  const dir = mkdtempSync(join(tmpdir(), "gaibo-bench-"));
  try {
    const input = join(dir, "series.json");
    const output = join(dir, "scipy.json");
    const starts = series.map((s) => {
      const v = curveStartValues("logistic", s.t, s.y, Math.min(2, Math.max(1, 1.02 * Math.max(...s.y))));
      return [v.cap, v.k, v.t0];
    });
    writeFileSync(input, JSON.stringify({ series, starts }));
    const script = `
import json, sys, time, warnings
import numpy as np
import scipy
from scipy.optimize import curve_fit
warnings.simplefilter("ignore")
data = json.load(open(sys.argv[1]))
def logistic(t, cap, k, t0):
    return cap / (1 + np.exp(-k * (t - t0)))
series = [(np.asarray(s["t"]), np.asarray(s["y"])) for s in data["series"]]
best_wall, best_cpu = float("inf"), float("inf")
for repeat in range(${REPEATS}):
    params, ok = [], 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for (t, y), p0 in zip(series, data["starts"]):
        try:
            p, _ = curve_fit(logistic, t, y, p0=p0)
            ok += 1
            params.append([float(v) for v in p])
        except RuntimeError:
            params.append(None)
    best_wall = min(best_wall, time.perf_counter() - start)
    best_cpu = min(best_cpu, time.process_time() - cpu_start)
seconds, cpu_seconds = best_wall, best_cpu
json.dump({"seconds": seconds, "cpuSeconds": cpu_seconds, "converged": ok, "params": params, "version": scipy.__version__}, open(sys.argv[2], "w"))
`;
    const run = spawnSync(PYTHON, ["-c", script, input, output], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`scipy run failed: ${run.stderr}`);
    const py = JSON.parse(readFileSync(output, "utf8"));
    rows.push([`scipy ${py.version} curve_fit loop`, SERIES, py.seconds, py.cpuSeconds, py.converged]);
    const maxDelta = [0, 0, 0];
    py.params.forEach((p, i) => {
      if (!p) return;
      const g = fits[i].params;
      [g.cap, g.k, g.t0].forEach((v, j) => (maxDelta[j] = Math.max(maxDelta[j], Math.abs(v - p[j]))));
    });
    comparison = { ratio: py.seconds / gaiboSeconds, cpuRatio: py.cpuSeconds / gaiboCpuSeconds, maxDelta };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const header = ["engine", "fits", "wall s", "fits/s", "cpu s", "fits/cpu s", "converged"];
const table = rows.map(([name, n, seconds, cpuSeconds, ok]) => [
  name,
  String(n),
  seconds.toFixed(3),
  (n / seconds).toFixed(0),
  cpuSeconds.toFixed(3),
  (n / cpuSeconds).toFixed(0),
  `${ok}/${n}`,
]);
const widths = header.map((h, j) => Math.max(h.length, ...table.map((r) => r[j].length)));
const line = (cells) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
console.log(`logistic fits with estimated ceiling, ${SERIES} series of 30 points (seed ${SEED}), best of ${REPEATS} passes`);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of table) console.log(line(r));
if (comparison) {
  console.log(`speed ratio gaibo / scipy: ${comparison.ratio.toFixed(1)}x wall-clock, ${comparison.cpuRatio.toFixed(1)}x CPU time`);
  console.log(
    `max |Δparam| gaibo vs scipy: cap ${comparison.maxDelta[0].toExponential(2)}, k ${comparison.maxDelta[1].toExponential(2)}, t0 ${comparison.maxDelta[2].toExponential(2)}`,
  );
} else {
  console.log(`scipy not available (${PYTHON} -c "import scipy" failed): gaibo timing only`);
}
