// Charts of progress curves: forecast fans, league tables, target probabilities, back-tests.
// The lead re-exports this barrel from ./index.ts.
export { forecastFanChart } from "./forecast-fan-chart.js";
export type { MarkedObservation } from "./forecast-fan-chart.js";
export { leagueTableChart } from "./league-table-chart.js";
export { targetProbabilityChart } from "./target-probability-chart.js";
export { backTestChart, BACK_TEST_METHOD_LABELS } from "./back-test-chart.js";
export { bandNarrowingChart } from "./band-narrowing-chart.js";
