// Benchmark: gaibo's monteCarloAllocation against a vectorised numpy implementation of the same computation.
//
// Usage: npm run build && [THREADS=2] node scripts/bench-allocation.js [rule] [draws=10000] [counties=3000]
// Without a rule it runs the four county presets (matching-heavy, need-only, central-2015, hebei-progress) and ends
// with the verdict on the 1 s target (best of three one-thread runs per rule).
//
// gaibo runs three times on the main thread with the same seed (monteCarloAllocation: JavaScript set-up and per-draw
// logic, the per-county passes in WebAssembly SIMD — src/allocation/wasm/), then the same blocks of draws over
// THREADS threads (main + worker_threads taking blocks from a shared counter; see parallelMonteCarlo). The thread
// runs must give the same result ("results SAME"); the load average is printed because other processes share the
// 2 cores.
//
// Both sides run the same rule on the same 3,000 counties from the same static inputs (`monteCarloInputs`: factor
// score shares, bounds, deduction and reward arrays, matching columns) with the same uncertainty model: ε ~ N(0.3,
// 0.15)⁺ per draw, group weights × lognormal(0.1), each county's delivery × (1 + 0.2(2u − 1)), counties responding
// to the announced match rate; floors and ceilings by a Newton search for the common scale; Gini and McLoone from
// 1,024 pupil-weighted bins per draw (McLoone exact from the median bin's counties); county intervals from 32-bin
// streaming histograms ranged by a 256-draw pilot.
// The random numbers differ (numpy's PCG64 against gaibo's seeded streams), so the stochastic summaries agree only
// up to Monte Carlo error; the deterministic part (every input at its central value) must agree to rounding.
// numpy is Debian's python3-numpy at /usr/bin/python3 (not the pyenv shim on PATH).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const KERNEL = "../dist/allocation/monte-carlo-allocation.js";
// Workers load only the kernel module (no unit reading or validation): it starts in a fraction of the time.
const WORKER_KERNEL = "../dist/allocation/monte-carlo-kernel.js";

if (!isMainThread) {
  // Worker: take blocks from the shared counter until none are left (pure kernel on a structured-cloned plan).
  const { monteCarloDraws } = await import(WORKER_KERNEL);
  parentPort.once("message", ({ ranges, counter }) => {
    const parts = takeBlocks(monteCarloDraws, workerData.plan, ranges, new Int32Array(counter));
    const keys = ["gini", "mcLooneIndex", "fiscalCapacityCorrelation", "leverage", "matchingDeliveredWanYuan", "deductedFen", "sum", "hist"];
    parentPort.postMessage(parts, parts.flatMap((part) => keys.map((key) => part[key].buffer)));
  });
} else await main();

/** Run blocks taken one at a time from a shared counter (Atomics), so a thread slowed by other load takes fewer. */
function takeBlocks(monteCarloDraws, plan, ranges, counter) {
  const parts = [];
  for (let b = Atomics.add(counter, 0, 1); b < plan.blocks; b = Atomics.add(counter, 0, 1)) parts.push(monteCarloDraws(plan, b, b + 1, ranges));
  return parts;
}

/**
 * monteCarloAllocation over `threads` threads: the main thread makes the plan and runs the pilot block (while the
 * workers start), then it and threads − 1 workers take the remaining blocks of 256 draws from a shared counter.
 * Every block has its own seed and starts from the central λ, so per-draw outcomes and county histograms do not
 * depend on `threads` or on which thread ran which block.
 */
async function parallelMonteCarlo(kernel, units, rule, options, threads) {
  const plan = kernel.monteCarloPlan(units, rule, options);
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL(import.meta.url), { workerData: { plan } }));
  const pilot = kernel.monteCarloDraws(plan, 0, plan.pilotBlocks);
  const ranges = kernel.monteCarloHistogramRanges(plan, pilot);
  const counter = new SharedArrayBuffer(4);
  new Int32Array(counter)[0] = plan.pilotBlocks;
  const pending = workers.map(
    (w) =>
      new Promise((resolve, reject) => {
        w.once("message", (parts) => {
          resolve(parts);
          void w.terminate();
        });
        w.once("error", reject);
        w.postMessage({ ranges, counter });
      }),
  );
  const own = takeBlocks(kernel.monteCarloDraws, plan, ranges, new Int32Array(counter));
  const theirs = await Promise.all(pending);
  parallelMonteCarlo.blocksPerThread = [own.length + plan.pilotBlocks, ...theirs.map((p) => p.length)];
  const parts = [...own, ...theirs.flat()];
  return kernel.monteCarloSummarise(plan, pilot, ranges, parts);
}

async function main() {
const {
  createRandom,
  loadBundledData,
  monteCarloAllocation,
  monteCarloInputs,
  parseRule,
  unitsFromSyntheticProvince,
} = await import("../dist/index.js");
const kernel = await import(KERNEL);
const PYTHON = "/usr/bin/python3";
const RULES = process.argv[2] ? [process.argv[2]] : ["matching-heavy", "need-only", "central-2015", "hebei-progress"];
const DRAWS = Number(process.argv[3] ?? 10_000);
const COUNTIES = Number(process.argv[4] ?? 3_000);
const SEED = 2015;
const root = new URL("..", import.meta.url).pathname;

/** 3,000 counties: the synthetic province's 109 units tiled with ±20% lognormal jitter (seeded), SYNTHETIC. */
async function makeUnits(count) {
  const data = await loadBundledData();
  const base = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(SEED) }).rows;
  const r = createRandom(SEED + 1);
  const jitter = () => Math.exp(0.2 * r.normal() - 0.02);
  return Array.from({ length: count }, (_, i) => {
    const b = base[i % base.length];
    const committed = b.matchingCommittedWanYuan * jitter();
    return {
      ...b,
      countyId: `B${String(i + 1).padStart(4, "0")}`,
      pupils: Math.round(b.pupils * jitter()),
      poorPopulation: Math.round(b.poorPopulation * jitter()),
      fiscalCapacityPerCapitaYuan: b.fiscalCapacityPerCapitaYuan * jitter(),
      fundingGapWanYuan: b.fundingGapWanYuan * jitter(),
      matchingCommittedWanYuan: committed,
      matchingDeliveredWanYuan: Math.min(committed, b.matchingDeliveredWanYuan * jitter()),
      lastYearAllocationWanYuan: b.lastYearAllocationWanYuan * jitter(),
    };
  });
}

const units = await makeUnits(COUNTIES);
const verdicts = [];
for (const RULE of RULES) {
const rule = parseRule(readFileSync(join(root, "datasets", "rules", `${RULE}.json`), "utf8"), `${RULE}.json`);
// Budget: the Henan central 改薄 fund (135.04亿) scaled to the number of counties.
const budgetFen = Math.round((1_350_400 * 1_000_000 * COUNTIES) / 109);
const options = { draws: DRAWS, budgetFen };

// Warm up the JIT on a short run with another seed, then time the full run on 1 thread and on THREADS threads.
const THREADS = Number(process.env.THREADS ?? Math.min(2, availableParallelism()));
monteCarloAllocation(units, rule, { ...options, draws: 600, random: createRandom(SEED + 7) });
const load0 = loadavg()[0];
// Three timed runs with the same seed (same result): best and median, since other processes share the 2 cores.
const runs = [];
let js;
let jsCpuSeconds = 0;
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  js = monteCarloAllocation(units, rule, { ...options, random: createRandom(SEED) });
  runs.push((performance.now() - t0) / 1000);
  jsCpuSeconds = process.cpuUsage(cpu0).user / 1e6;
}
const jsSeconds = [...runs].sort((a, b) => a - b)[1];
const jsBest = Math.min(...runs);
verdicts.push(`${RULE} ${jsBest.toFixed(2)} s ${jsBest < 1 ? "MET" : "NOT MET"}`);
let par = js;
let parSeconds = jsSeconds;
let parCpuSeconds = jsCpuSeconds;
if (THREADS > 1) {
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  par = await parallelMonteCarlo(kernel, units, rule, { ...options, random: createRandom(SEED) }, THREADS);
  parSeconds = (performance.now() - t1) / 1000;
  parCpuSeconds = process.cpuUsage(cpu1).user / 1e6;
}
const load1 = loadavg()[0];
// Same seed, any thread count: per-draw outcomes and histograms are the same draws (county means to rounding).
let sameThreads = ["gini", "mcLooneIndex", "leverage", "matchingDeliveredWanYuan"].every((key) => ["mean", "lower", "median", "upper"].every((q) => Math.abs(par[key][q] - js[key][q]) <= 1e-12 * Math.abs(js[key][q])));
for (let i = 0; i < js.allocationFen.median.length; i++) {
  if (par.allocationFen.median[i] !== js.allocationFen.median[i] || Math.abs(par.allocationFen.mean[i] - js.allocationFen.mean[i]) > 1e-12 * js.allocationFen.mean[i]) sameThreads = false;
}

const inputs = monteCarloInputs(units, rule, options);
const plain = Object.fromEntries(
  Object.entries(inputs).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v, (x) => (Number.isFinite(x) ? x : null)) : Array.isArray(v) && ArrayBuffer.isView(v[0]) ? v.map((a) => Array.from(a)) : v]),
);

const SCRIPT = String.raw`
import json, sys, time
import numpy as np

inp = json.load(open(sys.argv[1]))
arr = lambda k: np.array([np.inf if v is None else v for v in inp[k]], dtype=float)
n, G, B, H = inp["n"], inp["G"], inp["B"], inp["H"]
draws = inp["draws"]
budget = float(inp["budgetFen"])
A = np.array(inp["groupShares"], dtype=float)               # G × n
nominal = np.array(inp["nominalWeights"], dtype=float)
mw0 = float(inp["matchingWeight"])
kind, ratio, cap_ratio = inp["matchingKind"], inp["ratio"], inp["capRatio"]
assert inp["multiplierKind"] == 0, "the numpy peer covers rules without a matching multiplier"
regional = arr("regional") if inp["hasRegional"] else None
ded_share, ded_fixed = arr("dedShare"), arr("dedFixed")
has_ded = inp["hasDeductions"]
mode = inp["rewardMode"]
qual = arr("qualifies")
pool0 = float(inp["rewardPoolFen"])
bounded = inp["bounded"]
L, U = arr("lower"), arr("upper")
d0, committed = arr("delivered0"), arr("committed")
pupils, inv_p = arr("pupils"), arr("invPupilsYuan")
capacity, has_cap = arr("capacity"), inp["hasCapacity"]
delta = inp["delta"]
el_mean, el_sd = inp["elasticity"]["mean"], inp["elasticity"]["sd"]
ls = inp["weightLogSd"]
D0 = d0.sum()
FEN = 1e6
pos = pupils > 0

def allocate(eps, weights, mw, u):
    """One allocation per row: eps (C,), weights (C, G), mw (C,), u (C, n) uniforms or None."""
    C = eps.shape[0]
    fb = np.full(C, budget - pool0)
    gt = weights.sum(1)
    if kind == 1:
        rate = np.where(D0 > 0, mw / (gt + mw) * fb / (D0 * FEN), 0.0)
    elif kind == 2:
        claims = ratio * D0 * FEN
        cap = cap_ratio * fb
        rate = np.where((claims > cap) & (claims > 0), ratio * cap / claims, ratio)
    else:
        rate = np.zeros(C)
    factor = np.where((rate > 0) & (eps > 0), np.exp(eps * np.log1p(rate)), 1.0)
    d = d0[None, :] if u is None else d0[None, :] * (1 + delta * (2 * u - 1))
    c = np.maximum(committed[None, :], d)
    delivered = np.minimum(d * factor[:, None], c)
    D = delivered.sum(1)
    k_match = np.zeros(C)
    if kind == 2:
        claims = ratio * D * FEN
        cap = cap_ratio * fb
        k_match = ratio * FEN * np.where(claims > cap, cap / np.where(claims > 0, claims, 1), 1.0)
        fb = fb - k_match * D
    elif kind == 1:
        ok = (D > 0) & (mw > 0)
        pool = np.where(ok, fb * mw / (gt + mw), 0.0)
        k_match = np.where(ok, pool / np.where(D > 0, D, 1), 0.0)
        fb = fb - pool
    money = (weights * (fb / gt)[:, None]) @ A
    if regional is not None:
        plain = money.sum(1)
        weighted = (money * regional[None, :]).sum(1)
        money = money * regional[None, :] * (plain / weighted)[:, None]
    f = money + k_match[:, None] * delivered
    if has_ded:
        ded = np.minimum(f, f * ded_share[None, :] + ded_fixed[None, :])
    else:
        ded = np.zeros_like(f)
    deducted = ded.sum(1)
    x = f - ded
    if mode == 0:
        basis = np.where(ded == 0, f, 0.0)
    elif mode == 1:
        basis = f * qual[None, :]
    elif mode == 2:
        basis = np.broadcast_to(pupils * qual, f.shape).copy()
    else:
        basis = np.broadcast_to(qual, f.shape).copy()
    bt = basis.sum(1)
    pool = pool0 + deducted
    empty = (pool > 0) & ~(bt > 0)
    if empty.any():
        basis[empty] = x[empty]
        bt = basis.sum(1)
        still = (pool > 0) & ~(bt > 0)
        basis[still] = 1.0
        bt = basis.sum(1)
    r = np.where(pool > 0, pool / np.where(bt > 0, bt, 1), 0.0)
    p = x + r[:, None] * basis
    if bounded:
        lam = np.ones(C)
        lo = np.zeros(C)
        hi = np.full(C, np.inf)
        active = np.ones(C, dtype=bool)
        for _ in range(200):
            v = lam[:, None] * p
            below = v < L[None, :]
            above = v > U[None, :]
            total = np.where(below, L[None, :], np.where(above, U[None, :], v)).sum(1)
            slope = np.where(below | above, 0.0, p).sum(1)
            gap = budget - total
            active &= ~(np.abs(gap) <= 1e-10 * budget)
            if not active.any():
                break
            lo = np.where(active & (gap > 0), lam, lo)
            hi = np.where(active & (gap <= 0), lam, hi)
            nxt = np.where(slope > 0, lam + gap / np.where(slope > 0, slope, 1), np.nan)
            bad = ~((nxt > lo) & (nxt < hi))
            nxt = np.where(bad, np.where(np.isfinite(hi), 0.5 * (lo + hi), np.maximum(2 * lam, 1)), nxt)
            lam = np.where(active, nxt, lam)
        x = np.clip(lam[:, None] * p, L[None, :], U[None, :])
    else:
        x = p
    return x, delivered, D, deducted

def measure(x, bin_scale=0.0):
    """Gini and McLoone from pupil-weighted bins over [0, B / bin_scale) (rows that leave it, and bin_scale 0: own range)."""
    C = x.shape[0]
    y = x * inv_p[None, :]
    w = np.broadcast_to(pupils, y.shape)
    sw = pupils.sum()
    mean = (w * y).sum(1) / sw
    own = np.ones(C, dtype=bool) if bin_scale == 0 else ((y * bin_scale)[:, pos] >= B).any(1)
    ymin = np.where(own, np.where(pos[None, :], y, np.inf).min(1), 0.0)
    ymax = np.where(pos[None, :], y, -np.inf).max(1)
    span = ymax - ymin
    scale = np.where(own, np.where(span > 0, (B - 1e-9) / np.where(span > 0, span, 1), 0.0), bin_scale)
    b = ((y - ymin[:, None]) * scale[:, None]).astype(np.int64)
    idx = (np.arange(C)[:, None] * B + b)[:, pos].ravel()
    wv = w[:, pos].ravel()
    bw = np.bincount(idx, weights=wv, minlength=C * B).reshape(C, B)
    bwx = np.bincount(idx, weights=(wv * y[:, pos].ravel()), minlength=C * B).reshape(C, B)
    v = np.divide(bwx, bw, out=np.zeros_like(bwx), where=bw > 0)
    cw = np.cumsum(bw, 1)
    cwx = np.cumsum(bwx, 1)
    cw_prev = cw - bw
    cwx_prev = cwx - bwx
    pair = (bw * (v * cw_prev - cwx_prev)).sum(1)
    gini = pair / (sw * sw * mean)
    # McLoone exactly: the type-1 median among the counties of the bin that crosses half the pupils.
    half = 0.5 * sw * (1 - 1e-12)
    mb = np.argmax((cw >= half) & (bw > 0), axis=1)
    rows = np.arange(C)
    before_w, before_wx = cw_prev[rows, mb], cwx_prev[rows, mb]
    r, c = np.nonzero((b == mb[:, None]) & pos[None, :])
    vals, wts = y[r, c], pupils[c]
    order = np.lexsort((vals, r))
    r, vals, wts = r[order], vals[order], wts[order]
    cs = np.cumsum(wts)
    csx = np.cumsum(wts * vals)
    starts = np.searchsorted(r, rows)
    base = np.concatenate(([0.0], cs))[starts]
    basex = np.concatenate(([0.0], csx))[starts]
    w_at = before_w[r] + cs - base[r]
    wx_at = before_wx[r] + csx - basex[r]
    hit = np.nonzero(w_at >= half)[0]
    first = hit[np.unique(r[hit], return_index=True)[1]]
    mcloone = np.full(C, np.nan)
    mcloone[r[first]] = wx_at[first] / (vals[first] * w_at[first])
    if has_cap:
        mc = (pupils * capacity).sum() / sw
        vc = (pupils * capacity * capacity).sum() / sw - mc * mc
        vx = (w * y * y).sum(1) / sw - mean * mean
        cov = (w * y * capacity[None, :]).sum(1) / sw - mean * mc
        corr = cov / np.sqrt(vx * vc)
    else:
        corr = np.full(C, np.nan)
    return gini, mcloone, corr

# Deterministic part: every input at its central value.
xc, dc, Dc, dedc = allocate(np.array([max(0.0, el_mean)]), nominal[None, :], np.array([mw0]), None)
gc, mcc, corrc = measure(xc)
central_max = (xc[0] * inv_p)[pos].max()
bin_scale = (B - 1e-9) / (2 * central_max) if central_max > 0 else 0.0

rng = np.random.default_rng(2015)
CHUNK = 500
PILOT = min(draws, 256)
start = time.perf_counter()
outs = {k: np.empty(draws) for k in ("gini", "mcloone", "corr", "leverage", "delivered", "deducted")}
total = np.zeros(n)
pilot = np.empty((PILOT, n))
hist = np.zeros(n * H, dtype=np.int64)
lo_h = scale_h = width_h = None
done = 0
while done < draws:
    C = min(CHUNK, draws - done, PILOT - done) if done < PILOT else min(CHUNK, draws - done)
    eps = np.maximum(0.0, el_mean + el_sd * rng.standard_normal(C))
    weights = nominal[None, :] * np.exp(ls * rng.standard_normal((C, G)) - ls * ls / 2)
    mw = mw0 * np.exp(ls * rng.standard_normal(C) - ls * ls / 2) if mw0 > 0 else np.zeros(C)
    u = rng.random((C, n)) if delta > 0 else None
    x, delivered, D, deducted = allocate(eps, weights, mw, u)
    g, mcl, corr = measure(x, bin_scale)
    sl = slice(done, done + C)
    outs["gini"][sl], outs["mcloone"][sl], outs["corr"][sl] = g, mcl, corr
    outs["leverage"][sl] = D * FEN / budget
    outs["delivered"][sl], outs["deducted"][sl] = D, deducted
    total += x.sum(0)
    if done < PILOT:
        pilot[done:done + C] = x
        if done + C == PILOT and draws > PILOT:
            lo, hi = pilot.min(0), pilot.max(0)
            pad = np.maximum(0.5 * (hi - lo), 1e-6 * np.abs(hi) + 1)
            lo_h = lo - pad
            width_h = (hi - lo + 2 * pad) / H
            scale_h = 1 / width_h
            x = pilot
    if lo_h is not None and (done >= PILOT or done + C == PILOT):
        b = np.clip(((x - lo_h[None, :]) * scale_h[None, :]).astype(np.int64), 0, H - 1)
        hist += np.bincount((np.arange(n)[None, :] * H + b).ravel(), minlength=n * H)
    done += C

def hist_quantile(p):
    h = hist.reshape(n, H)
    cum = np.cumsum(h, 1)
    target = p * draws
    b = np.argmax((cum >= target) & (h > 0), axis=1)
    rows = np.arange(n)
    before = cum[rows, b] - h[rows, b]
    return lo_h + width_h * (b + (target - before) / h[rows, b])

if draws > PILOT:
    lower, median, upper = hist_quantile(0.05), hist_quantile(0.5), hist_quantile(0.95)
else:
    lower, median, upper = np.quantile(pilot, [0.05, 0.5, 0.95], axis=0)
summary = {k: [float(np.mean(v)), float(np.quantile(v, 0.05)), float(np.median(v)), float(np.quantile(v, 0.95))] for k, v in outs.items()}
seconds = time.perf_counter() - start
json.dump({
    "seconds": seconds,
    "numpy": np.__version__,
    "central": {"x": xc[0].tolist(), "gini": float(gc[0]), "mcloone": float(mcc[0]), "corr": float(corrc[0]), "leverage": float(Dc[0] * FEN / budget)},
    "summary": summary,
    "county": {"mean": (total / draws).tolist(), "lower": lower.tolist(), "median": median.tolist(), "upper": upper.tolist()},
}, open(sys.argv[2], "w"))
`;

const hasNumpy = spawnSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
const fmt = (x, d = 3) => x.toFixed(d);
console.log(`\ngaibo monteCarloAllocation — rule ${RULE}, ${DRAWS.toLocaleString("en-US")} draws × ${COUNTIES.toLocaleString("en-US")} counties (SYNTHETIC units), Node ${process.versions.node}`);
console.log(`  gaibo, 1 thread:    ${fmt(jsSeconds)} s wall, median of ${runs.map((t) => fmt(t, 2)).join(" / ")} (last ${fmt(jsCpuSeconds)} s CPU); Gini median ${fmt(js.gini.median, 4)} [${fmt(js.gini.lower, 4)}, ${fmt(js.gini.upper, 4)}], leverage median ${fmt(js.leverage.median, 4)}`);
if (THREADS > 1) {
  console.log(`  gaibo, ${THREADS} threads:   ${fmt(parSeconds)} s wall (${fmt(parCpuSeconds)} s CPU; main + ${THREADS - 1} worker${THREADS > 2 ? "s" : ""}, spawn included; blocks of 256 draws per thread ${parallelMonteCarlo.blocksPerThread.join(" + ")}); results ${sameThreads ? "SAME" : "DIFFERENT"} as 1 thread`);
}
console.log(`  load average ${load0.toFixed(2)} before, ${load1.toFixed(2)} after the gaibo runs (${availableParallelism()} CPUs)`);
if (!sameThreads) process.exitCode = 1;
if (!hasNumpy) {
  console.log(`  numpy:  skipped (${PYTHON} cannot import numpy; apt-get install python3-numpy)`);
  continue;
}
const dir = mkdtempSync(join(tmpdir(), "gaibo-bench-alloc-"));
try {
  const input = join(dir, "inputs.json");
  const output = join(dir, "numpy.json");
  const script = join(dir, "bench_allocation.py");
  writeFileSync(input, JSON.stringify(plain));
  writeFileSync(script, SCRIPT);
  const run = spawnSync(PYTHON, [script, input, output], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "2" } });
  if (run.status !== 0) throw new Error(`numpy run failed: ${run.stderr}`);
  const py = JSON.parse(readFileSync(output, "utf8"));
  let maxRel = 0;
  py.central.x.forEach((v, i) => (maxRel = Math.max(maxRel, Math.abs(v - js.central.allocationFen[i]) / Math.max(1, Math.abs(v)))));
  const rel = (a, b) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
  const sum = py.central.x.reduce((s, v) => s + v, 0);
  console.log(`  numpy:  ${fmt(py.seconds)} s (numpy ${py.numpy}); Gini median ${fmt(py.summary.gini[2], 4)} [${fmt(py.summary.gini[1], 4)}, ${fmt(py.summary.gini[3], 4)}], leverage median ${fmt(py.summary.leverage[2], 4)}`);
  console.log(`  ratio gaibo / numpy: ${fmt(jsSeconds / py.seconds, 2)} (1 thread, median run), ${fmt(parSeconds / py.seconds, 2)} (${THREADS} threads) (below 1 = gaibo faster)`);
  const ok = maxRel < 1e-9 && rel(py.central.gini, js.central.gini) < 1e-9 && rel(py.central.mcloone, js.central.mcLooneIndex) < 1e-9 && rel(py.central.leverage, js.central.leverage) < 1e-12 && Math.abs(sum - budgetFen) < 1;
  console.log(
    `  deterministic part ${ok ? "EQUAL" : "DIFFERENT"}: max relative difference of county allocations ${maxRel.toExponential(2)}, ` +
      `Gini ${js.central.gini.toFixed(10)} vs ${py.central.gini.toFixed(10)}, McLoone ${js.central.mcLooneIndex.toFixed(10)} vs ${py.central.mcloone.toFixed(10)}, ` +
      `leverage ${js.central.leverage.toFixed(10)} vs ${py.central.leverage.toFixed(10)}; Σ allocation − budget = ${(sum - budgetFen).toFixed(4)} fen`,
  );
  const giniSe = (js.gini.upper - js.gini.lower) / 3.29 / Math.sqrt(DRAWS);
  console.log(`  stochastic part: mean Gini gaibo ${js.gini.mean.toFixed(6)} vs numpy ${py.summary.gini[0].toFixed(6)} (Monte Carlo s.e. ≈ ${giniSe.toExponential(1)})`);
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}
// The target is stated for 10,000 draws × 3,000 counties; other sizes get timings, not a verdict.
if (DRAWS === 10_000 && COUNTIES === 3_000) console.log(`\n1 s target (10,000 draws × 3,000 counties, one thread, best of 3): ${verdicts.join("; ")}`);
else console.log(`\n${DRAWS.toLocaleString("en-US")} draws × ${COUNTIES.toLocaleString("en-US")} counties, one thread, best of 3: ${verdicts.map((v) => v.replace(/ (NOT )?MET$/, "")).join("; ")} (the 1 s target is for 10,000 × 3,000)`);
}
