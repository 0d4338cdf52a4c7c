// Benchmark: pooled panel fit (fitPanel) and forecast (forecastPanel) on the bundled synthetic
// province (109 counties) and on a generated 2,000-county panel; prints county fits per second.
//
// Usage: npm run build && node scripts/bench-panel.js [countyCount]
// A "county fit" is one county's full pooled estimate: its own fit, then the penalised refits of
// the EM iterations (default 2, so 4 nonlinear least-squares solves per county).
import * as aq from "arquero";
import { performance } from "node:perf_hooks";
import { bimonthlyReportDates, countyWeights, createRandom, fitPanel, forecastPanel, loadBundledData, monthsSinceStart } from "../dist/index.js";

const COUNTIES = Number(process.argv[2] ?? 2000);
const DRAWS = 400;

/** A deterministic panel like the synthetic province: logistic counties, stalls, gaps, cumulative noisy reports. */
function makePanel(count, seed) {
  const r = createRandom(seed);
  const dates = bimonthlyReportDates("2014-10-01", "2019-12-31");
  const cols = { county_id: [], city: [], as_of: [], completion_rate: [] };
  for (let i = 0; i < count; i++) {
    const k = 0.18 * Math.exp(0.25 * r.normal());
    const t0 = 32 + 5 * r.normal();
    const stallAt = r.uniform() < 0.2 ? 14 + 30 * r.uniform() : Infinity;
    const stallLen = 4 + 6 * r.uniform();
    const firstReport = r.uniform() < 0.08 ? 20 + 12 * r.uniform() : -Infinity;
    let prev = 0;
    for (const d of dates) {
      const t = monthsSinceStart(d);
      const tc = t < stallAt ? t : Math.max(stallAt, t - stallLen);
      prev = Math.max(prev, Math.min(1, 1 / (1 + Math.exp(-k * (tc - t0))) + 0.012 * r.normal()));
      if (t < firstReport || r.uniform() < 0.03) continue;
      cols.county_id.push(`B${String(i).padStart(4, "0")}`);
      cols.city.push(`C${i % 20}`);
      cols.as_of.push(d);
      cols.completion_rate.push(Math.round(prev * 1e4) / 1e4);
    }
  }
  return aq.table(cols);
}

function run(label, table, asOf, weights) {
  const t0 = performance.now();
  const panel = fitPanel(table, { indicator: "completion_rate", asOf });
  const t1 = performance.now();
  const fc = forecastPanel(panel, { random: createRandom(1), draws: DRAWS, weights });
  const t2 = performance.now();
  const n = panel.counties.length;
  const fitS = (t1 - t0) / 1000;
  const fcS = (t2 - t1) / 1000;
  console.log(
    `${label.padEnd(34)} ${String(n).padStart(5)} counties  fit ${fitS.toFixed(2)} s (${(n / fitS).toFixed(0)} county fits/s, ${((n * 4) / fitS).toFixed(0)} NLS solves/s)` +
      `  forecast ${DRAWS} draws ${fcS.toFixed(2)} s (${(n / fcS).toFixed(0)} counties/s)  province median at end: ${(fc.province.median.at(-1) * 100).toFixed(1)}%`,
  );
}

const data = await loadBundledData();
const weights = countyWeights(data.synthetic.counties);
// Warm up the JIT on a different panel.
fitPanel(makePanel(200, 99), { indicator: "completion_rate", asOf: "2016-10-31" });

console.log(`Node ${process.versions.node}; pooled logistic panel, ceiling = plan, 2 EM iterations`);
run("synthetic province, to 2016-10-31", data.synthetic.progress, "2016-10-31", weights);
run("synthetic province, all reports", data.synthetic.progress, undefined, weights);
const big = makePanel(COUNTIES, 2014);
run(`generated panel, to 2016-10-31`, big, "2016-10-31", undefined);
run(`generated panel, all reports`, big, undefined, undefined);
