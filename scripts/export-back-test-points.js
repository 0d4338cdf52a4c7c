// Write the calibrated back-test's scored points with their predictive draws to a CSV, for the
// independent check in scripts/check-calibration.py (numpy/scipy).
// Usage: npm run build && node scripts/export-back-test-points.js [indicator] > points.csv
import { loadBundledData, backTest, createRandom } from "../dist/index.js";

const indicator = process.argv[2] ?? "completion_rate";
const data = await loadBundledData();
const bt = backTest(data.synthetic.progress, {
  indicator,
  origins: ["2016-06-30", "2016-12-31", "2017-06-30"],
  random: createRandom(2014),
  draws: 200,
  keepPoints: true,
});
const head = ["origin", "county", "date", "horizon", "y", "pit", ...Array.from({ length: 200 }, (_, i) => `d${i}`)];
process.stdout.write(head.join(",") + "\n");
for (const p of bt.points) process.stdout.write([p.origin, p.countyId, p.date, p.horizon.toFixed(4), p.y, p.pit, ...p.draws].join(",") + "\n");
