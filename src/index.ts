/**
 * gaibo — analysis toolkit for 全面改薄 (全面改善贫困地区义务教育薄弱学校基本办学条件, 2014–2019).
 * The curated public API; each section re-exports one domain.
 */

// Shared: seeded randomness, errors
export * from "./shared/index.js";
export type { Lang, Bilingual } from "./shared/i18n.js";

// Data: schemas, CSV/Excel loading with row/column errors, conversions, synthetic province
export * from "./data/index.js";

// Panel store: 双月报 history in a local DuckDB file (gaibo import / history), read back as the loaders' table
export { DEFAULT_PANEL_STORE, importToStore, countyHistory, loadPanelFromStore } from "./store/index.js";
export type { ImportOptions, ImportSummary, ReportVersion } from "./store/index.js";

// Charts: plotly figure specs (data in, {data, layout} out) and labels in Chinese and English
export * from "./charts/index.js";

// Scenarios: one file fixes the data, report date, targets, rule, urbanization, draws and seed
export * from "./scenarios/index.js";

// Report: the self-contained HTML briefing
export * from "./report/index.js";

// Progress curves: NLS engine, S-curve fitting, forecasts, back-tests, laggards
export * from "./progress/index.js";

// Allocation rules: factor method, matching funds, equity measures
export * from "./allocation/index.js";

// Big classes under urbanization: cohorts, class sizes, construction
export * from "./class-size/index.js";
