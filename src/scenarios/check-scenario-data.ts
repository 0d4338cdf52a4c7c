import type { ColumnTable } from "arquero";
import type { DataIssue } from "../shared/errors.js";
import { DataValidationError } from "../shared/errors.js";
import type { Scenario } from "./scenario-schema.js";

const SHOWN = 20;

/**
 * Check that a scenario's tables fit together before any model runs, so a report on a user's data either runs or
 * stops with a message naming the file, the column and what to do — never deep inside a model with a stack trace.
 * Checked: every county of the 双月报 is in the counties file (codes that are missing are listed: lost leading zeros are the usual cause); there are reports on or
 * before the report date, of at least two dates and two counties (an S-curve needs two points; the briefing compares
 * counties).
 *
 * @param tables the scenario's progress and counties tables
 * @param scenario the scenario (its asOf and the names of its data)
 * @param scenarioFile the scenario's file name, for messages
 * @throws DataValidationError listing every problem found
 */
export function checkScenarioData(tables: { progress?: ColumnTable; counties?: ColumnTable }, scenario: Scenario, scenarioFile: string): void {
  const { progress, counties } = tables;
  if (!progress || !counties) return;
  const issues: DataIssue[] = [];
  // "bundled" is the region's own synthetic province: 河南 in datasets/synthetic/, the others in datasets/synthetic/<region>/.
  const bundledDir = scenario.region === "henan" ? "datasets/synthetic" : `datasets/synthetic/${scenario.region}`;
  const progressFile = scenario.data.progress === "bundled" ? `${bundledDir}/progress.csv` : scenario.data.progress;
  const countiesFile = scenario.data.counties === "bundled" ? `${bundledDir}/counties.csv` : scenario.data.counties;
  const err = (file: string, column: string | undefined, message: string, messageZh: string) => issues.push({ severity: "error", file, column, message, messageZh });

  const known = new Set((counties.array("county_id") as ArrayLike<unknown>) ? Array.from(counties.array("county_id") as ArrayLike<unknown>, String) : []);
  const ids = Array.from(progress.array("county_id") as ArrayLike<unknown>, String);
  const dates = Array.from(progress.array("as_of") as ArrayLike<unknown>, String);
  const missing = [...new Set(ids.filter((id) => !known.has(id)))];
  if (missing.length) {
    const list = missing.slice(0, SHOWN).join(", ") + (missing.length > SHOWN ? ` … (${missing.length} in all)` : "");
    const listZh = missing.slice(0, SHOWN).join("、") + (missing.length > SHOWN ? ` …（共 ${missing.length} 个）` : "");
    const sample = [...known].slice(0, 3).join(", ");
    err(
      progressFile,
      "county_id",
      `${missing.length} county code(s) of the 双月报 are not in the counties file ${countiesFile}: ${list}; add them there or correct the codes (the counties file has e.g. ${sample})`,
      `双月报中有 ${missing.length} 个县区代码不在县情文件 ${countiesFile} 中：${listZh}；请在县情文件中补上这些县，或更正代码（县情文件中的代码如 ${sample.replace(/, /g, "、")}）`,
    );
  }
  const asOf = scenario.data.asOf;
  const upTo = ids.filter((_, i) => dates[i] <= asOf);
  if (upTo.length === 0) {
    const earliest = dates.length ? dates.reduce((a, b) => (b < a ? b : a)) : undefined;
    err(
      scenarioFile,
      "data.asOf",
      `no report of ${progressFile} is dated on or before ${asOf}${earliest ? ` (the earliest is ${earliest})` : ""}; set data.asOf to a later date`,
      `${progressFile} 中没有截至 ${asOf} 或更早的报告${earliest ? `（最早的是 ${earliest}）` : ""}；请把 data.asOf 设为更晚的日期`,
    );
  } else {
    const reporting = new Set(upTo);
    const reportDates = [...new Set(dates.filter((d) => d <= asOf))].sort();
    if (reportDates.length < 2) {
      err(
        progressFile,
        "as_of",
        `only one report date (${reportDates[0]}) on or before ${asOf}: an S-curve needs reports of at least 2 dates; add earlier 双月报`,
        `截至 ${asOf} 只有一期报告（${reportDates[0]}）：拟合 S 曲线至少需要 2 期报告；请加入更早的双月报`,
      );
    }
    if (reporting.size < 2) {
      err(
        progressFile,
        "county_id",
        `only county ${[...reporting][0]} reports on or before ${asOf}: the briefing compares counties and needs at least 2; add the other counties' reports (a single county can be fitted in a notebook with fitCurve)`,
        `截至 ${asOf} 只有县 ${[...reporting][0]} 有报告：简报要比较各县，至少需要 2 个县；请加入其他县的报告（单个县可在笔记本中用 fitCurve 拟合）`,
      );
    }
  }
  if (issues.length) throw new DataValidationError(issues, `${scenarioFile}: the scenario's data do not fit together`);
}
