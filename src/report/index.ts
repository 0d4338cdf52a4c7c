export { renderReportHtml, escapeHtml, scriptJson, csvFolder } from "./render-html.js";
export type { ReportDocument, ReportSection, ReportTable, ReportVariant, HeadlineItem } from "./render-html.js";
export { buildReportDocument, bilingualVariants, scenarioVariants, reportFiles, DEFAULT_SECTIONS } from "./build-report.js";
export type { SectionBuilder } from "./build-report.js";
export { foundationSections } from "./foundation-sections.js";
export { readPlotlyBundle } from "./plotly-bundle.js";
export { notebookPlotlyHtml, notebookChartHtml } from "./notebook-html.js";
export { renderInBrowser, chromiumPath, CHROMIUM_ARGS } from "./render-in-browser.js";
