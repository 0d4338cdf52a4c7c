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
export type { BigClassDraws, ClassSizeUnits, SimulateOptions } from "./simulate-big-classes.js";
export { summarizeBigClassDraws } from "./summarize-big-class-draws.js";
export type {
  BigClassDrawSummary,
  DrawGroup,
  DrawMilestone,
  DrawSeriesRow,
  SummarizeOptions,
} from "./summarize-big-class-draws.js";
