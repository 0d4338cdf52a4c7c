// Big-class (大班额) charts: fan chart by urbanization scenario, classroom gap, removal cost, stock/increment,
// model vs published national figures, county spread vs 广西.
export { CLASS_SIZE_LABELS, classSizeLabel, scenarioName, SCENARIO_COLOUR } from "./class-size-labels.js";
export type { ClassSizeChartOptions } from "./class-size-labels.js";
export { bigClassFanChart } from "./big-class-fan-chart.js";
export type { BigClassFanPoint } from "./big-class-fan-chart.js";
export { classroomGapChart } from "./classroom-gap-chart.js";
export type { ClassroomGapPoint } from "./classroom-gap-chart.js";
export { bigClassRemovalCostChart } from "./big-class-removal-cost-chart.js";
export type { RemovalCostPoint } from "./big-class-removal-cost-chart.js";
export { bigClassStockIncrementChart } from "./big-class-stock-increment-chart.js";
export type { StockIncrementPoint } from "./big-class-stock-increment-chart.js";
export { bigClassBacktestChart } from "./big-class-backtest-chart.js";
export type { ModelSharePoint, PublishedSharePoint } from "./big-class-backtest-chart.js";
export { bigClassCountySpreadChart } from "./big-class-county-spread-chart.js";
export type { CountySpreadPoint } from "./big-class-county-spread-chart.js";
export { classSizeTurnChart } from "./class-size-turn-chart.js";
export type { ClassSizeTurnPoint } from "./class-size-turn-chart.js";
export { bigClassBuildOrBridgeChart } from "./big-class-build-or-bridge-chart.js";
export type { BuildOrBridgePoint } from "./big-class-build-or-bridge-chart.js";
export { classSizeFinancingGapChart } from "./class-size-financing-gap-chart.js";
export type { FinancingGapPoint } from "./class-size-financing-gap-chart.js";
