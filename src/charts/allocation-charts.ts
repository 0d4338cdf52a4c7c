// Allocation charts: pure builders from allocation results to plotly specs (re-exported by charts/index.ts).
export type { AllocationChartOptions } from "./allocation-chart-options.js";
export { allocationByCountyChart } from "./allocation-by-county-chart.js";
export type { CountyAllocation } from "./allocation-by-county-chart.js";
export { lorenzCurvesChart } from "./lorenz-curves-chart.js";
export type { LorenzSeries } from "./lorenz-curves-chart.js";
export { equityTable } from "./equity-table.js";
export type { RuleEquity } from "./equity-table.js";
export { leverageEquityFrontierChart } from "./leverage-equity-frontier-chart.js";
export type { FrontierChartPoint } from "./leverage-equity-frontier-chart.js";
export { allocationWaterfallChart } from "./allocation-waterfall-chart.js";
export type { AllocationLedger, FactorLabel } from "./allocation-waterfall-chart.js";
export { monteCarloIntervalChart } from "./monte-carlo-interval-chart.js";
export type { CountyInterval } from "./monte-carlo-interval-chart.js";
export { matchingSplitsChart } from "./matching-splits-chart.js";
export type { FundSplit } from "./matching-splits-chart.js";
export { weightSearchChart, SEARCH_OUTCOME_LABELS } from "./weight-search-chart.js";
export type { WeightSearchChartInput, WeightSearchChartPoint } from "./weight-search-chart.js";
