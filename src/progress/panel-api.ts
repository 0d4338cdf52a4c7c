// Panel fitting, forecasts, back-tests and laggards; re-exported by ./index.ts.

// Partial pooling of county S-curves
export { fitPanel, fitPanelSeries } from "./fit-panel.js";
export type { FitPanelOptions, PanelFit, CountyCurveFit, PanelHyperparameters } from "./fit-panel.js";
export { empiricalBayesShrinkage } from "./empirical-bayes-shrinkage.js";
export type { EmpiricalBayesShrinkage } from "./empirical-bayes-shrinkage.js";
export { panelSeries } from "./panel-series.js";
export type { CountySeries, PanelColumns } from "./panel-series.js";
export { countyWeights } from "./county-weights.js";
export { referenceClassPrior } from "./reference-class-prior.js";
export type { ReferenceClassPrior, ReferenceClassPriorOptions, ReferenceObservation, ReferencePoint } from "./reference-class-prior.js";
export { bandNarrowing } from "./band-narrowing.js";
export { forecastRegion } from "./forecast-region.js";
export type { RegionSeries, ForecastRegionOptions, RegionForecast, RegionForecastRow } from "./forecast-region.js";
export { forecastRegions, regionForecastCsvRows } from "./forecast-regions.js";
export type { PublishedPoint, ForecastRegionsOptions } from "./forecast-regions.js";
export { leaveRegionOut, regionKey, sameRegion } from "./leave-region-out.js";
export { outOfSampleCheck } from "./out-of-sample-check.js";
export type { PublishedFigure, OutOfSampleRow } from "./out-of-sample-check.js";
export type { BandNarrowing, BandNarrowingOptions, BandNarrowingStep } from "./band-narrowing.js";

// Forecasts with uncertainty
export { forecastCurve } from "./forecast-curve.js";
export type { ForecastOptions, CurveForecast, TargetCrossing } from "./forecast-curve.js";
export { forecastPanel, rollUpHistory, jointDraws, indicatorCorrelation } from "./forecast-panel.js";
export type { ForecastPanelOptions, PanelForecast, JointDraws } from "./forecast-panel.js";
export { jointTargetProbability } from "./joint-target-probability.js";
export { supportedProbability } from "./supported-probability.js";
export { targetProbability, crossingSummary } from "./target-probability.js";
export type { CrossingSummary } from "./target-probability.js";

// Back-tests and naive baselines
export { backTest, METHOD_BACK_TEST_ORIGINS } from "./back-test.js";
export { provinceBackTest } from "./province-back-test.js";
export type { ProvinceBackTestPoint, ProvinceBackTestResult } from "./province-back-test.js";
export type { BackTestOptions, BackTestResult, BackTestScore, BackTestDateScore, BackTestMethod, BackTestPoint, ProbabilisticScore } from "./back-test.js";
export { forecastCalibration, calibratePaths } from "./forecast-calibration.js";
export type { ForecastCalibration, CalibrationBand, CalibrationResidual } from "./forecast-calibration.js";
export { pitUniformity } from "./pit-uniformity.js";
export type { PitUniformity } from "./pit-uniformity.js";
export { lastValueForecast, linearTrendForecast, linearTrendCrossing } from "./naive-forecasts.js";

// Laggards and league tables
export { leagueTable } from "./league-table.js";
export type { LeagueRow, LeagueTableOptions } from "./league-table.js";
export { findLaggards } from "./find-laggards.js";
export type { FindLaggardsOptions, Laggards, AtRiskCounty } from "./find-laggards.js";
export { spreadSummary } from "./spread-summary.js";
export type { SpreadSummary } from "./spread-summary.js";
