// Benchmark of the big-class Monte Carlo on a national-size synthetic run:
// 2,850 counties × 2 levels × 3 areas × 15 years × 1,000 draws, split across worker threads (default 2).
// Run after `npm run build`:
//   node scripts/bench-class-size.js [--workers 2] [--draws 1000] [--counties 2850] [--method exact|emulator] [--kernel wasm|scalar] [--check 100] [--no-numpy]
// The exact method (default) is timed side by side with its numpy peer (scripts/bench_class_size.py: the same model
// on the same inputs, vectorised over draws × counties, exact Φ from scipy) and their totals compared; the target is
// the national run (2,850 counties × 1,000 draws) in under 5 s with the exact kernel, and no slower than numpy.
// Prints one JSON line with the seconds taken (wall clock, including worker start-up) and the load average.
// --method emulator runs the crowding model at a 12 × 6 Chebyshev grid of the two numbers a draw acts
// through (the 72 grid nodes are split across the workers) and interpolates each draw; --method exact (default) runs
// every draw (the draws are split across the workers). --kernel scalar runs the exact method's plain JavaScript
// kernel instead of its WebAssembly one (the default; same numbers, see test/class-size/big-class-kernel.test.ts).
// --check n also runs n draws both ways in the
// main thread and reports the largest difference (classes, and as a share of the cell-year's classes).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join as pathJoin } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
// The class-size domain and the seeded random stream only: workers start faster than with the whole package.
import {
  URBANIZATION_PRESETS,
  drawSimulationParameters,
  emulatorGrid,
  interpolateEmulator,
  packClassSizeUnits,
  simulateBigClasses,
  summarizeBigClassDraws,
  urbanizationFlowRates,
} from "../dist/class-size/index.js";
import { createRandom } from "../dist/shared/random.js";

const YEARS = Array.from({ length: 15 }, (_, i) => 2015 + i);
const SEED = 2014;

/** Synthetic counties: sizes, area mixes and crowding in the ranges of the national 2017 figures. */
function syntheticUnits(counties, seed) {
  const r = createRandom(seed);
  const units = [];
  for (let u = 0; u < counties; u++) {
    const size = Math.exp(0.6 * r.normal()); // county size factor, median 1
    const primary0 = 30_000 * size;
    const junior0 = 15_000 * size;
    const urban = 0.15 + 0.25 * r.uniform();
    const town = 0.25 + 0.2 * r.uniform();
    const shares = { urban, town, rural: 1 - urban - town };
    const path = (base, peakYear) =>
      YEARS.map((y) => base * (1 + 0.015 * Math.min(y - 2015, peakYear - 2015) - 0.02 * Math.max(0, y - peakYear)));
    // Births from 2020 on are projected: they enter grade 1 from 2026 (primary) and grade 7 from 2032 (none here).
    const fromProjected = (pupils) => pupils.map((p, i) => (YEARS[i] >= 2026 ? (p * (YEARS[i] - 2025)) / 6 : 0));
    const pupils = { primary: path(primary0, 2021), junior: path(junior0, 2024) };
    const cell = (meanLoad) => ({ meanLoad, spread: 0.2 + 0.1 * r.uniform() });
    const calibration = {
      primary: { urban: cell(48 + 8 * r.uniform()), town: cell(46 + 8 * r.uniform()), rural: cell(28 + 6 * r.uniform()) },
      junior: { urban: cell(50 + 8 * r.uniform()), town: cell(48 + 8 * r.uniform()), rural: cell(35 + 6 * r.uniform()) },
    };
    const plan = (pupilsBase, share, meanLoad) => YEARS.map((_, i) => (i === 0 ? 0 : (0.03 * pupilsBase * share) / meanLoad));
    const classroomsAdded = {
      primary: {
        urban: plan(primary0, urban, calibration.primary.urban.meanLoad),
        town: plan(primary0, town, calibration.primary.town.meanLoad),
      },
      junior: {
        urban: plan(junior0, urban, calibration.junior.urban.meanLoad),
        town: plan(junior0, town, calibration.junior.town.meanLoad),
      },
    };
    units.push({
      pupils,
      pupilsFromProjectedBirths: { primary: fromProjected(pupils.primary), junior: pupils.junior.map(() => 0) },
      areaShares: { primary: shares, junior: shares },
      calibration,
      classroomsAdded,
    });
  }
  return packClassSizeUnits(units, YEARS);
}

function slice(parameters, from, to) {
  return {
    speed: parameters.speed.slice(from, to),
    migrantSchoolingShare: parameters.migrantSchoolingShare.slice(from, to),
    birthsFactor: parameters.birthsFactor.slice(from, to),
  };
}

if (!isMainThread) {
  const { counties, parameters, kernel } = workerData;
  const units = syntheticUnits(counties, SEED);
  const t0 = performance.now();
  const result = simulateBigClasses(units, URBANIZATION_PRESETS.base, parameters, { kernel });
  const seconds = (performance.now() - t0) / 1000;
  parentPort.postMessage({ big: result.big, veryBig: result.veryBig, classes: result.classes, seconds }, [
    result.big.buffer,
    result.veryBig.buffer,
    result.classes.buffer,
  ]);
} else {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const workers = arg("workers", 2);
  const draws = arg("draws", 1000);
  const counties = arg("counties", 2850);
  const i = process.argv.indexOf("--method");
  const method = i >= 0 ? process.argv[i + 1] : "exact";
  const check = arg("check", 0);
  const k = process.argv.indexOf("--kernel");
  const kernel = k >= 0 ? process.argv[k + 1] : "wasm";
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  const start = performance.now();
  const parameters = drawSimulationParameters({ draws, random: createRandom(SEED), urbanization: URBANIZATION_PRESETS.base });
  // Exact: split the draws; emulator: split the grid nodes, then interpolate every draw in the main thread.
  const grid = method === "emulator" ? emulatorGrid(parameters) : undefined;
  const runs = grid ? grid.nodes : parameters;
  const runCount = runs.speed.length;
  const bounds = Array.from({ length: workers + 1 }, (_, k) => Math.round((k * runCount) / workers));
  const parts = await Promise.all(
    Array.from(
      { length: workers },
      (_, k) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), {
            workerData: { counties, kernel, parameters: slice(runs, bounds[k], bounds[k + 1]) },
          });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  const join = (key) => {
    const out = new Float64Array(parts.reduce((n, p) => n + p[key].length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[key], at);
      at += p[key].length;
    }
    return out;
  };
  const simulated = { years: YEARS, draws: runCount, big: join("big"), veryBig: join("veryBig"), classes: join("classes"), parameters: runs };
  const summary = summarizeBigClassDraws(grid ? interpolateEmulator(simulated, grid, parameters) : simulated);
  const seconds = (performance.now() - start) / 1000;
  const userCpuSeconds = Number((process.cpuUsage().user / 1e6).toFixed(3));
  const loadAfter = loadavg().map((x) => Number(x.toFixed(2)));
  let accuracy;
  if (check > 0) {
    const units = syntheticUnits(counties, SEED);
    const p = slice(parameters, 0, check);
    const exact = simulateBigClasses(units, URBANIZATION_PRESETS.base, p);
    const emulated = simulateBigClasses(units, URBANIZATION_PRESETS.base, p, { method: "emulator", emulatorNodes: { flow: 12, births: Math.min(6, Math.floor(check / 12)) } });
    let maxClasses = 0;
    let maxShare = 0;
    for (const key of ["big", "veryBig", "classes"]) {
      for (let j = 0; j < exact[key].length; j++) {
        const diff = Math.abs(exact[key][j] - emulated[key][j]);
        maxClasses = Math.max(maxClasses, diff);
        if (exact.classes[j] > 0) maxShare = Math.max(maxShare, diff / exact.classes[j]);
      }
    }
    accuracy = { checkDraws: check, maxDifferenceClasses: Number(maxClasses.toFixed(3)), maxDifferenceShareOfClasses: maxShare };
  }
  // The numpy peer: same packed units, each draw's flow rates and births factor; compare every total.
  let numpy;
  const PYTHON = "/usr/bin/python3";
  if (method === "exact" && !process.argv.includes("--no-numpy") && spawnSync(PYTHON, ["-c", "import numpy, scipy"], { stdio: "ignore" }).status === 0) {
    const dir = mkdtempSync(pathJoin(tmpdir(), "gaibo-bench-class-size-"));
    try {
      const units = syntheticUnits(counties, SEED);
      const Y = YEARS.length;
      const rt = new Float64Array(draws * Y);
      const ru = new Float64Array(draws * Y);
      const tu = new Float64Array(draws * Y);
      for (let d = 0; d < draws; d++) {
        const r = urbanizationFlowRates(URBANIZATION_PRESETS.base, YEARS, { speed: parameters.speed[d], migrantSchoolingShare: parameters.migrantSchoolingShare[d] });
        rt.set(r.ruralToTown, d * Y);
        ru.set(r.ruralToUrban, d * Y);
        tu.set(r.townToUrban, d * Y);
      }
      const put = (name, a) => writeFileSync(pathJoin(dir, `${name}.f64`), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      put("pupils", units.pupils);
      put("projected", units.pupilsFromProjectedBirths);
      put("shares", units.areaShares);
      put("classrooms", units.classrooms);
      put("spread", units.spread);
      put("rt", rt);
      put("ru", ru);
      put("tu", tu);
      put("birthsExtra", parameters.birthsFactor.map((b) => b - 1));
      writeFileSync(pathJoin(dir, "meta.json"), JSON.stringify({ units: units.unitCount, years: Y, draws, maxZ: 3, standard: [45, 50] }));
      const script = fileURLToPath(new URL("bench_class_size.py", import.meta.url));
      const run = spawnSync(PYTHON, [script, dir], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "2" } });
      if (run.status !== 0) throw new Error(`numpy run failed: ${run.stderr}`);
      const py = JSON.parse(run.stdout.trim().split("\n").pop());
      const read = (name) => new Float64Array(readFileSync(pathJoin(dir, `${name}.f64`)).buffer.slice(0));
      let maxRel = 0;
      let maxAbs = 0;
      for (const [key, name] of [["big", "out_big"], ["veryBig", "out_very"], ["classes", "out_classes"]]) {
        const a = simulated[key];
        const b = read(name);
        for (let j = 0; j < a.length; j++) {
          const diff = Math.abs(a[j] - b[j]);
          maxAbs = Math.max(maxAbs, diff);
          if (simulated.classes[j] > 0) maxRel = Math.max(maxRel, diff / simulated.classes[j]);
        }
      }
      numpy = {
        seconds: Number(py.seconds.toFixed(3)),
        numpy: py.numpy,
        ratioGaiboToNumpy: Number((seconds / py.seconds).toFixed(3)),
        maxDifferenceClasses: Number(maxAbs.toFixed(4)),
        maxDifferenceShareOfClasses: maxRel,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const all = summary.series.filter((s) => s.level === "all" && s.area === "all");
  const low = summary.milestones.find((m) => m.level === "all" && m.area === "urban+town" && m.threshold === "low");
  console.log(
    JSON.stringify({
      bench: "class-size Monte Carlo",
      counties,
      levels: 2,
      areas: 3,
      years: YEARS.length,
      draws,
      workers,
      method,
      kernel,
      cores: availableParallelism(),
      loadAverage1_5_15: { before: loadBefore, after: loadAfter },
      cellEvaluations: counties * 6 * YEARS.length * draws,
      seconds: Number(seconds.toFixed(3)),
      simulateSecondsPerWorker: parts.map((p) => Number(p.seconds.toFixed(3))),
      // User CPU time of the whole process (all threads, start-up included), before the numpy peer and the check:
      // less sensitive to other users' load than the wall clock.
      userCpuSeconds,
      bigClasses2015: all[0].big.map(Math.round),
      bigClasses2029: all[all.length - 1].big.map(Math.round),
      urbanTownYearBelow5pct: low.year,
      ...(accuracy ? { accuracy } : {}),
      ...(numpy ? { numpy } : {}),
      ...(draws === 1000 && counties === 2850 && method === "exact"
        ? { verdict: `${seconds < 5 ? "MET" : "MISSED"}: exact national run ${seconds.toFixed(2)} s (target < 5 s)${numpy ? `, ${seconds <= numpy.seconds ? "no slower than" : "slower than"} numpy ${numpy.seconds.toFixed(2)} s` : ""}; load average ${loadBefore[0]} on ${availableParallelism()} cores; user CPU ${userCpuSeconds.toFixed(2)} s in all threads` }
        : {}),
    }),
  );
}
