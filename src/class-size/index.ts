// Public API of the class-size domain; re-exported by src/index.ts.

// Vocabulary: levels, areas, standard class sizes, model parameters
export { AREAS, LEVELS, STANDARD_CLASS_SIZE, BIG_CLASS_SIZE, VERY_BIG_CLASS_SIZE, DEFAULT_MAX_Z } from "./types.js";
export type { Area, Level, ClassSizeParams, ClassSizeShape } from "./types.js";

// Cohorts and births
export { projectCohorts } from "./project-cohorts.js";
export type { CohortInput, CohortProjection } from "./project-cohorts.js";
export { birthScenarioSchema, parseBirthScenario } from "./birth-scenario.js";
export type { BirthScenario } from "./birth-scenario.js";
export { birthsFromScenario } from "./births-from-scenario.js";

// Urbanization scenarios and pupils by area
export { urbanizationScenarioSchema, parseUrbanizationScenario } from "./urbanization-scenario.js";
export type { UrbanizationScenario } from "./urbanization-scenario.js";
export { URBANIZATION_PRESETS, TWO_CHILD_BIRTHS } from "./presets.js";
export { urbanizationFlowRates } from "./urbanization-flow-rates.js";
export type { AreaFlowRates, FlowRateOptions } from "./urbanization-flow-rates.js";
export { projectAreaPupils } from "./project-area-pupils.js";
export type { AreaPupils } from "./project-area-pupils.js";

// Class sizes from pupils and classrooms
export { standardNormalCdf } from "./standard-normal-cdf.js";
export { classSizeDistribution } from "./class-size-distribution.js";
export type { ClassSizeDistribution } from "./class-size-distribution.js";
export { calibrateClassSize, DEFAULT_SPREAD } from "./calibrate-class-size.js";
export type { ClassSizeTarget, CalibratedClassSize } from "./calibrate-class-size.js";

// Projection with planned classrooms, and the inverse plan
export { projectBigClasses } from "./project-big-classes.js";
export type {
  ByLevelArea,
  BigClassProjectionInput,
  BigClassProjection,
  BigClassRow,
  BigClassMilestone,
} from "./project-big-classes.js";
export { planBigClassRemoval } from "./plan-big-class-removal.js";
export type {
  BigClassRemovalInput,
  BigClassRemovalPlan,
  BigClassRemovalRow,
  BigClassRemovalTotals,
} from "./plan-big-class-removal.js";
export { DEFAULT_CONSTRUCTION_STANDARDS } from "./construction-standards.js";
export type { ConstructionStandards } from "./construction-standards.js";

// Monte Carlo over urbanization speed, migrant schooling and births
export { drawSimulationParameters } from "./draw-simulation-parameters.js";
export type { DrawOptions, SimulationParameters } from "./draw-simulation-parameters.js";
export { packClassSizeUnits } from "./pack-class-size-units.js";
export type { ClassSizeUnitInput } from "./pack-class-size-units.js";
export { simulateBigClasses } from "./simulate-big-classes.js";
export type { BigClassDraws, ClassSizeUnits, EmulatorGrid, SimulateOptions } from "./simulate-big-classes.js";
export { emulatorGrid, interpolateEmulator } from "./simulate-big-classes.js";
export { summarizeBigClassDraws } from "./summarize-big-class-draws.js";
export type {
  BigClassDrawSummary,
  DrawGroup,
  DrawMilestone,
  DrawSeriesRow,
  SummarizeOptions,
} from "./summarize-big-class-draws.js";

// Real calibration: elimination drives fitted to published shares, back-tests, county spreads
export { projectEliminationDrive } from "./project-elimination-drive.js";
export type { EliminationDrive, EliminationDriveInput, EliminationDriveRow } from "./project-elimination-drive.js";
export { fitEliminationDrive } from "./fit-elimination-drive.js";
export type { FitEliminationDriveInput, FittedEliminationDrive, ObservedBigClassShares } from "./fit-elimination-drive.js";
export { backtestBigClasses } from "./backtest-big-classes.js";
export type {
  BacktestBigClassesInput,
  BacktestComparisonRow,
  BigClassBacktest,
  PublishedBigClassFigure,
  PublishedBigClassMeasure,
} from "./backtest-big-classes.js";
export { interpolateGeometric } from "./interpolate-geometric.js";
export { countySpreadCounts, compareCountySpread } from "./compare-county-spread.js";
export type { CountyCell, CountySpreadComparison, CountySpreadCounts, CountySpreadThresholds } from "./compare-county-spread.js";
export { constructionStandardsFromRows } from "./construction-standards-from-rows.js";
export type { StandardRow, TableStandards } from "./construction-standards-from-rows.js";

// Many counties: calibration from class counts, planned classrooms, the outlook under a scenario
export { calibrateEnrolmentCell, calibrateEnrolmentCells } from "./calibrate-enrolment-cell.js";
export type { CalibratedCell, EnrolmentCell } from "./calibrate-enrolment-cell.js";
export { plannedClassroomsFromFloorArea } from "./planned-classrooms-from-floor-area.js";
export type { PlannedFloorArea } from "./planned-classrooms-from-floor-area.js";
export { bigClassOutlook } from "./big-class-outlook.js";
export type { BigClassOutlook, BigClassOutlookInput, ClassroomGapRow, OutlookMilestone, OutlookRow, OutlookUnitRow } from "./big-class-outlook.js";
export { schoolYearBirths } from "./school-year-births.js";
export { cohortsThroughTurn, type CohortsThroughTurn, type CohortsThroughTurnInput } from "./cohorts-through-turn.js";
export { BIRTH_PRESETS, BIRTH_PRESET_NAMES, birthPreset } from "./presets.js";
export { statisticsSchoolYear } from "./statistics-school-year.js";
export { buildOrBridge, type BuildOrBridgeInput, type BuildPath, type BuildPathYear, type BuildPathName, type ClassSizeCosts } from "./build-or-bridge.js";
export { financingGap, smallestFlatBudget, type FinancingGapRow } from "./financing-gap.js";
export { CLASS_SIZE_COSTS, BIG_CLASS_HORIZON } from "./presets.js";
export { bigClassTurnCosts, type BigClassTurnCosts, type BigClassTurnCostsInput, type TurnNeedRow } from "./big-class-turn-costs.js";
