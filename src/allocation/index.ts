// Public API of the allocation domain; re-exported by src/index.ts.

// Rules as data: schema, parsing, the columns they read
export { allocationRuleSchema, normalisations, directions } from "./rule-schema.js";
export type {
  AllocationRule,
  AllocationRuleInput,
  Factor,
  FactorGroup,
  Matching,
  Regional,
  Bounds,
  Deduction,
  Incentives,
  RuleSource,
  Normalisation,
  Direction,
} from "./rule-schema.js";
export { validateRule } from "./validate-rule.js";
export { parseRule } from "./parse-rule.js";
export { ruleColumns } from "./rule-columns.js";
export { unitsColumns, FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "./units-columns.js";
export type { UnitsColumns, UnitsColumnName, CountyUnitRow } from "./units-columns.js";
export { readUnitColumns } from "./read-unit-columns.js";
export type { CountyUnits, ColumnRequirement, UnitColumns } from "./read-unit-columns.js";

// Allocation: factor scores, clamping, whole-fen rounding, the allocation itself
export { normaliseFactor } from "./normalise-factor.js";
export { clampToBudget } from "./clamp-to-budget.js";
export type { ClampResult, ClampStatus } from "./clamp-to-budget.js";
export { allocate } from "./allocate.js";
export type { AllocateOptions, AllocationResult, AllocationRow, FactorPool } from "./allocate.js";

// Equity: school-finance equity measures (Berne & Stiefel 1984), per-pupil allocation equity
export { equity } from "./equity.js";
export type { EquityMeasures, EquityOptions } from "./equity.js";
export { allocationEquity } from "./allocation-equity.js";

// Behaviour and dynamics: matching response, rule comparison, leverage–equity frontier, multi-year Monte Carlo
export { matchingResponse, marginalMatchRate } from "./matching-response.js";
export { compareRules } from "./compare-rules.js";
export type { CompareRulesOptions, RuleComparison } from "./compare-rules.js";
export { leverageEquityFrontier } from "./leverage-equity-frontier.js";
export { searchRuleWeights, SEARCH_OUTCOMES } from "./search-rule-weights.js";
export type { SearchOutcome, WeightSearchOptions, WeightSearchPoint, WeightSearchResult } from "./search-rule-weights.js";
export type { FrontierPoint } from "./leverage-equity-frontier.js";
export { simulateAllocation } from "./simulate-allocation.js";
export type { SimulateAllocationOptions, AllocationSimulation, SimulationInterval } from "./simulate-allocation.js";

// Synthetic units, behavioural calibration and the fast Monte Carlo of one rule
export { unitsFromSyntheticProvince, SYNTHETIC_UNITS_ASSUMPTIONS } from "./units-from-synthetic-province.js";
export type { SyntheticUnits, SyntheticUnitsOptions } from "./units-from-synthetic-province.js";
export { UNITS_SCHEMA } from "./units-schema.js";
export { calibrateMatchingElasticity } from "./calibrate-matching-elasticity.js";
export type { MatchingCalibration, MatchingCalibrationOptions, PosteriorSummary } from "./calibrate-matching-elasticity.js";
export { monteCarloAllocation, monteCarloInputs } from "./monte-carlo-allocation.js";
export type { MonteCarloAllocation, MonteCarloAllocationOptions, MonteCarloOutcome, MonteCarloInputs } from "./monte-carlo-allocation.js";
export { nationalExampleUnits } from "./national-example-units.js";
export type { ProvinceDemography } from "./national-example-units.js";

// From the box, rules in Excel, baselines and transition protections, what each provision does
export { bundledCountyUnits, BUNDLED_UNITS_SEED, BUNDLED_UNITS_AS_OF, BUNDLED_BUDGET_WAN_YUAN } from "./bundled-county-units.js";
export { UNITS_COLUMN_GUIDE } from "./units-column-guide.js";
export type { UnitsColumnGuide } from "./units-column-guide.js";
export { ruleToSheet, RULE_SHEET_TITLE, RULE_SHEET_SECTIONS, RULE_SHEET_FACTOR_HEADER, RULE_FIELD_MEANINGS, ruleFieldMeaning } from "./rule-to-sheet.js";
export type { RuleSheetCell } from "./rule-to-sheet.js";
export { ruleFromSheet, ruleInputFromSheet } from "./rule-from-sheet.js";
export { applyTransition } from "./apply-transition.js";
export type { TransitionResult } from "./apply-transition.js";
export type { Transition } from "./rule-schema.js";
export { compareWithBaseline } from "./compare-with-baseline.js";
export type { BaselineComparison, BaselineChangeRow, BaselineGroupChange } from "./compare-with-baseline.js";
export { countyQuartiles } from "./county-quartiles.js";
export { provisionEffects, ruleProvisions } from "./provision-effects.js";
export type { ProvisionEffects, ProvisionEffectRow, IncrementEffect } from "./provision-effects.js";
export { allocateFailureZh } from "./allocate-failure-zh.js";
