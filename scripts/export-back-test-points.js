// Write the calibrated back-test's scored points with their predictive draws to a CSV, for the
// independent check in scripts/check-calibration.py (numpy/scipy). Same back-test as the report's method
// check: five origins (METHOD_BACK_TEST_ORIGINS), seed 2014, 200 draws; completion with all four methods and
// the 70 % dates, the other indicators with the pooled model and the naive baselines.
// Usage: npm run build && node scripts/export-back-test-points.js [indicator …] > points.csv   (default: all four)
import { loadBundledData, backTest, createRandom, METHOD_BACK_TEST_ORIGINS } from "../dist/index.js";

const indicators = process.argv.length > 2 ? process.argv.slice(2) : ["start_rate", "completion_rate", "equipment_rate", "funds_rate"];
const data = await loadBundledData();
const head = ["indicator", "origin", "county", "date", "horizon", "y", "pit", ...Array.from({ length: 200 }, (_, i) => `d${i}`)];
process.stdout.write(head.join(",") + "\n");
for (const indicator of indicators) {
  const full = indicator === "completion_rate";
  const bt = backTest(data.synthetic.progress, {
    indicator,
    origins: METHOD_BACK_TEST_ORIGINS,
    random: createRandom(2014),
    draws: 200,
    methods: full ? undefined : ["pooled", "last-value", "linear-trend"],
    scoreDates: full,
    keepPoints: true,
  });
  for (const p of bt.points) process.stdout.write([indicator, p.origin, p.countyId, p.date, p.horizon.toFixed(4), p.y, p.pit, ...p.draws].join(",") + "\n");
}
