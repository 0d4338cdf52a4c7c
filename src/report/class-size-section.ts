import type { ColumnTable } from "arquero";
import { bigClassBacktestChart, type ModelSharePoint, type PublishedSharePoint } from "../charts/big-class-backtest-chart.js";
import { bigClassCountySpreadChart } from "../charts/big-class-county-spread-chart.js";
import { bigClassFanChart, type BigClassFanPoint } from "../charts/big-class-fan-chart.js";
import { bigClassRemovalCostChart } from "../charts/big-class-removal-cost-chart.js";
import { bigClassStockIncrementChart } from "../charts/big-class-stock-increment-chart.js";
import { scenarioName } from "../charts/class-size-labels.js";
import { classroomGapChart } from "../charts/classroom-gap-chart.js";
import { classSizeTurnChart } from "../charts/class-size-turn-chart.js";
import { bigClassBuildOrBridgeChart } from "../charts/big-class-build-or-bridge-chart.js";
import { classSizeFinancingGapChart } from "../charts/class-size-financing-gap-chart.js";
import type { Chart } from "../charts/figure.js";
import { backtestBigClasses, type BacktestBigClassesInput, type BigClassBacktest, type PublishedBigClassFigure } from "../class-size/backtest-big-classes.js";
import { bigClassOutlook, type BigClassOutlook } from "../class-size/big-class-outlook.js";
import type { BirthScenario } from "../class-size/birth-scenario.js";
import { calibrateEnrolmentCells, type EnrolmentCell } from "../class-size/calibrate-enrolment-cell.js";
import { memo, tablesKey } from "./report-memo.js";
import { compareCountySpread, type CountySpreadComparison, type CountySpreadCounts } from "../class-size/compare-county-spread.js";
import { constructionStandardsFromRows, type StandardRow, type TableStandards } from "../class-size/construction-standards-from-rows.js";
import { interpolateGeometric } from "../class-size/interpolate-geometric.js";
import { statisticsSchoolYear } from "../class-size/statistics-school-year.js";
import { plannedClassroomsFromFloorArea } from "../class-size/planned-classrooms-from-floor-area.js";
import { BIG_CLASS_HORIZON, BIRTH_PRESETS, birthPreset, CLASS_SIZE_COSTS, URBANIZATION_PRESETS } from "../class-size/presets.js";
import { bigClassTurnCosts, type BigClassTurnCosts } from "../class-size/big-class-turn-costs.js";
import { cohortsThroughTurn, type CohortsThroughTurn } from "../class-size/cohorts-through-turn.js";
import type { UrbanizationScenario } from "../class-size/urbanization-scenario.js";
import type { BundledData } from "../data/load-bundled-data.js";
import type { Lang } from "../shared/i18n.js";
import { createRandom } from "../shared/random.js";
import type { SectionBuilder } from "./build-report.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import type { ReportSection, ReportTable } from "./render-html.js";
import { formatMoneyWanYuan, moneyUnit, yiToPageUnit } from "../shared/format-number.js";

type Row = Record<string, unknown>;
const objects = (t: ColumnTable | undefined): Row[] => (t ? (t.objects() as Row[]) : []);

/** Base (survey) year of the synthetic enrolment, and the last year projected. */
export const OUTLOOK_BASE_YEAR = 2015;
export const OUTLOOK_LAST_YEAR = BIG_CLASS_HORIZON;
/** Target years whose removal cost is compared. */
export const COST_TARGET_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const PRESETS = ["slow", "base", "fast"] as const;

/** Everything the big-class section and `gaibo bigclass` read from the bundled tables, as plain values. */
export interface ClassSizeInputs {
  cells: EnrolmentCell[];
  plannedClassrooms: { unit: string; classrooms: number }[];
  standards: TableStandards;
  national: BacktestBigClassesInput;
  /** Published national shares before the calibration year (history drawn in the chart). */
  nationalHistory: PublishedSharePoint[];
  henan: BacktestBigClassesInput;
  guangxi: CountySpreadCounts;
  sources: { national: string[]; henan: string[]; guangxi: string[]; standards: string[]; enrolment: string[] };
}

/**
 * Read the curated real tables and the synthetic province into the plain inputs of the class-size domain:
 * enrolment cells, planned classrooms (planned floor area ÷ 建标102 floor area per class), standards, the
 * national and 河南 published figures, and 广西's county counts.
 *
 * @param data bundled datasets (loadBundledData)
 * @returns plain numbers with the source pages they come from
 * @throws {RangeError} when a curated row the models need is missing (naming it)
 */
export function classSizeInputs(data: BundledData): ClassSizeInputs {
  const cells: EnrolmentCell[] = objects(data.synthetic.enrolment).map((r) => ({
    unit: String(r.county_id),
    level: r.level as EnrolmentCell["level"],
    area: r.area as EnrolmentCell["area"],
    pupils: Number(r.pupils),
    classes: Number(r.classes),
    classrooms: Number(r.classrooms ?? 0),
    big: Number(r.classes_56_plus ?? 0),
    veryBig: Number(r.classes_66_plus ?? 0),
  }));
  const standardRows = objects(data.real.standards) as unknown as StandardRow[];
  const standards = constructionStandardsFromRows(standardRows);
  const plannedClassrooms = plannedClassroomsFromFloorArea(
    objects(data.synthetic.counties).map((r) => ({ unit: String(r.county_id), floorAreaM2: Number(r.planned_floor_area_m2 ?? 0) })),
    cells,
    standards.construction,
  );

  // National compulsory figures (全国, 义务教育, all areas, exact).
  const nationalRows = objects(data.real.big_class_national).filter(
    (r) => r.region === "全国" && r.level === "compulsory" && r.area === "all" && r.bound === "exact",
  );
  // A figure stated “as of” a date describes the latest compiled autumn survey (statisticsSchoolYear): the
  // 3.98% stated on 2020-09-23 is the 2019/20 school year's. Rows without as_of are dated by their source.
  const schoolYear = (r: Row): number => (r.as_of ? statisticsSchoolYear(String(r.as_of)) : Number(r.year));
  const figure = (r: Row): PublishedBigClassFigure | undefined => {
    const t = Number(r.threshold_pupils);
    r = { ...r, year: schoolYear(r) };
    if (r.measure === "big_class_share") return { year: Number(r.year), measure: t === 66 ? "very_big_share" : "big_share", value: Number(r.share) };
    if (r.measure === "big_class_count") return { year: Number(r.year), measure: t === 66 ? "very_big_count" : "big_count", value: Number(r.classes) };
    if (r.measure === "classes_total") return { year: Number(r.year), measure: "classes_total", value: Number(r.classes) };
    return undefined;
  };
  const nationalFigures = nationalRows.map(figure).filter((f): f is PublishedBigClassFigure => f !== undefined);
  // 2020: the press conference says 超大班额“基本消除” in the same quote as 3.98%: read as about 0.
  const row2020 = nationalRows.find((r) => r.measure === "big_class_share" && Number(r.year) === 2020 && Number(r.threshold_pupils) === 56);
  if (row2020 && String(row2020.quote).includes("超大班额基本消除") && !nationalFigures.some((f) => f.year === schoolYear(row2020) && f.measure === "very_big_share")) {
    nationalFigures.push({ year: schoolYear(row2020), measure: "very_big_share", value: 0, approx: true });
  }
  const enrolment = objects(data.real.demography).filter((r) => r.measure === "enrolment" && r.level === "compulsory" && r.area === "all");
  const anchors = enrolment.map((r) => ({ year: Number(r.year), value: Number(r.persons) }));
  if (anchors.length < 2) throw new RangeError("classSizeInputs requires national compulsory enrolment in two years (demography.csv)");
  const yearsFrom = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const index = (years: number[]) => {
    const p = interpolateGeometric(anchors, years);
    return p.map((x) => x / p[0]);
  };
  const nationalYears = yearsFrom(2017, 2021);
  const national: BacktestBigClassesInput = {
    name: "national-elimination-drive-2018",
    years: nationalYears,
    pupilIndex: index(nationalYears),
    standardSize: standards.standardClassSize.primary,
    published: nationalFigures.filter((f) => f.year >= 2017),
    fitYears: [2018],
    cappedShareFitYear: 2021,
  };
  const nationalHistory = nationalFigures
    .filter((f) => f.year < 2017 && (f.measure === "big_share" || f.measure === "very_big_share"))
    .map((f) => ({ year: f.year, measure: f.measure as PublishedSharePoint["measure"], value: f.value }));

  const henanRows = objects(data.real.big_class_provincial).filter(
    (r) => r.region === "河南" && r.measure === "big_class_share" && r.bound === "exact" && r.level === "compulsory",
  );
  const henanYears = yearsFrom(2013, 2018);
  const henan: BacktestBigClassesInput = {
    name: "henan-elimination-drive",
    years: henanYears,
    pupilIndex: index(henanYears),
    standardSize: standards.standardClassSize.primary,
    published: henanRows.map((r) => ({
      year: Number(r.year),
      measure: Number(r.threshold_pupils) === 66 ? "very_big_share" : "big_share",
      value: Number(r.share),
    })),
    fitYears: [2018],
  };

  const gx = objects(data.real.big_class_provincial).filter((r) => r.region === "广西" && Number(r.year) === 2017);
  const count = (measure: string, threshold: number) => {
    const r = gx.find((x) => x.measure === measure && Number(x.threshold_pupils) === threshold);
    if (!r) throw new RangeError(`classSizeInputs requires 广西 2017 ${measure} ${threshold} (big_class_provincial.csv)`);
    return r;
  };
  const below56 = count("counties_with_share_below", 56);
  const guangxi: CountySpreadCounts = {
    counties: Number(below56.of_regions),
    bigBelow: Number(below56.regions),
    noVeryBig: Number(count("counties_with_share_zero", 66).regions),
    veryBigBelow: Number(count("counties_with_share_below", 66).regions),
  };
  const urls = (rows: Row[]) => [...new Set(rows.map((r) => String(r.source_url)))];
  return {
    cells,
    plannedClassrooms,
    standards,
    national,
    nationalHistory,
    henan,
    guangxi,
    sources: {
      national: urls(nationalRows.filter((r) => ["big_class_share", "big_class_count", "classes_total"].includes(String(r.measure)))),
      henan: urls(henanRows),
      guangxi: urls(gx),
      standards: [standards.sources.floorArea, standards.sources.classSize, standards.sources.bands],
      enrolment: urls(enrolment),
    },
  };
}

/** Results behind the section and the CLI. */
export interface ClassSizeResults {
  inputs: ClassSizeInputs;
  /** Outlook per urbanization preset with Monte Carlo draws (target year COST_TARGET_YEARS' 2020 plan). */
  outlooks: Record<(typeof PRESETS)[number], BigClassOutlook>;
  /** Outlook of the chosen scenario with its own target year. */
  chosen: BigClassOutlook;
  /**
   * National: pace and aim fitted to 2018, the share of schools capping classes at 65 fitted to 2021's 56+ share;
   * 2019 (the 3.98% stated in Sept 2020) out of sample.
   */
  national: BigClassBacktest;
  /** National: the same drive without capping schools (2019 and 2021 out of sample). */
  nationalUncapped: BigClassBacktest;
  /** National: one constant pace fitted to every published year (the named scenario national-elimination-drive). */
  nationalAll: BigClassBacktest;
  /** 河南 with the national aim (66+ 2018 out of sample). */
  henan: BigClassBacktest;
  /** 河南 with pace and aim fitted exactly to 2018. */
  henanExact: BigClassBacktest;
  /** Model county spread in 2017 against 广西. */
  spread: CountySpreadComparison;
  /** The same with the counties spread further apart, σ fitted to the “no 66+ class” count. */
  spreadWide: CountySpreadComparison;
  /** The same with a share of counties holding classes at 65, fitted to the “no 66+ class” count. */
  spreadCap: CountySpreadComparison;
  /** National entrants and pupils through the demographic turn (births 2000–2024 observed, the birth path after). */
  turn: CohortsThroughTurn;
  /** Published national entrants and enrolment the turn is checked against (万人). */
  turnPublished: { entrants: Record<number, number>; primary: Record<number, number> };
  /** Build or bridge, running costs and the financing gap of the chosen scenario through the turn. */
  turnCosts: BigClassTurnCosts;
}

/** Options of classSizeResults. */
export interface ClassSizeResultOptions {
  urbanization: UrbanizationScenario;
  targetYear: number;
  draws: number;
  seed: number;
  births?: BirthScenario;
  /** Annual budget for removing big classes, 万元 (default: the smallest flat budget meeting the target with 90%). */
  budgetWanYuan?: number;
}

/** The data the section reads, as a memo owner. */
function dataKey(data: BundledData): string {
  return tablesKey([data.synthetic.enrolment, data.synthetic.counties, data.real.big_class_national, data.real.big_class_provincial, data.real.standards, data.real.demography]);
}

/** What every synthetic-province outlook of the section shares, for a birth path and a chosen target year. */
function outlookCommon(inputs: ClassSizeInputs, births: BirthScenario, targetYear: number) {
  return {
    cells: inputs.cells,
    baseYear: OUTLOOK_BASE_YEAR,
    lastYear: OUTLOOK_LAST_YEAR,
    births,
    schoolYearCohorts: true,
    plannedClassrooms: inputs.plannedClassrooms,
    compareTargetYears: [...new Set([...COST_TARGET_YEARS, targetYear])].sort((a, b) => a - b),
    standards: inputs.standards.construction,
    standardClassSize: inputs.standards.standardClassSize,
  };
}

/**
 * 广西's county distribution with a share of counties holding classes at 65 (`compareCountySpread`, mechanism
 * "cap", fitted to the count with no 66+ class) on the synthetic counties of 2017 under the base urbanization
 * (central projection: the Monte Carlo draws do not enter `cellsAt`).
 */
function guangxiCountyCap(data: BundledData, births: BirthScenario): CountySpreadComparison {
  const owner = dataKey(data);
  return memo(owner, `spreadCap:${births.name}`, () => {
    const inputs = memo(owner, "inputs", () => classSizeInputs(data));
    const calibration = memo(owner, "calibration", () => calibrateEnrolmentCells(inputs.cells, inputs.standards.standardClassSize));
    const base = bigClassOutlook({ ...outlookCommon(inputs, births, 2020), calibration, urbanization: URBANIZATION_PRESETS.base, targetYear: 2020, cellYear: 2017 });
    return compareCountySpread(base.cellsAt, inputs.guangxi, "veryBigBelow", {}, { fitTo: "noVeryBig", mechanism: "cap" });
  });
}

/**
 * The synthetic province's outlook under a chosen urbanization scenario, birth path and target year, as the report
 * section shows it and `gaibo bigclass` writes it (one function, so the two agree): entry by school-year cohort,
 * the county cap fitted to 广西 (a share of counties holding classes at 65), county cells kept for 2017, removal
 * costs for 2016–2025 and the target year. Central projection (no Monte Carlo). Cached per dataset and options.
 *
 * @param data bundled datasets
 * @param options urbanization scenario, target year (2016–2035), birth path (default central)
 * @returns the outlook
 * @example chosenBigClassOutlook(await loadBundledData(), { urbanization: URBANIZATION_PRESETS.base, targetYear: 2020 }).plan.targetYear // 2020
 */
export function chosenBigClassOutlook(
  data: BundledData,
  options: { urbanization: UrbanizationScenario; targetYear: number; births?: BirthScenario },
): BigClassOutlook {
  const owner = dataKey(data);
  const births = options.births ?? BIRTH_PRESETS.central;
  const u = options.urbanization;
  return memo(owner, `chosen:${JSON.stringify(u)}:${options.targetYear}:${births.name}`, () => {
    const inputs = memo(owner, "inputs", () => classSizeInputs(data));
    const calibration = memo(owner, "calibration", () => calibrateEnrolmentCells(inputs.cells, inputs.standards.standardClassSize));
    const cappedShare = guangxiCountyCap(data, births).cappedShare;
    return bigClassOutlook({ ...outlookCommon(inputs, births, options.targetYear), calibration, urbanization: u, targetYear: options.targetYear, cellYear: 2017, cappedShare });
  });
}

/**
 * Run every big-class model the section shows: the synthetic province under the three urbanization presets
 * (Monte Carlo) and the chosen scenario, the national and 河南 back-tests, and the county spread against
 * 广西. Cached per dataset and options, so the six report variants compute it once.
 *
 * @param data bundled datasets
 * @param options chosen urbanization scenario, target year, draws and seed
 */
export function classSizeResults(data: BundledData, options: ClassSizeResultOptions): ClassSizeResults {
  const owner = dataKey(data);
  const births = options.births ?? BIRTH_PRESETS.central;
  const inputs = memo(owner, "inputs", () => classSizeInputs(data));
  const common = outlookCommon(inputs, births, options.targetYear);
  const calibration = memo(owner, "calibration", () => calibrateEnrolmentCells(inputs.cells, inputs.standards.standardClassSize));
  const outlooks = Object.fromEntries(
    PRESETS.map((p) => [
      p,
      memo(owner, `outlook:${p}:${options.draws}:${options.seed}:${births.name}`, () =>
        bigClassOutlook({
          ...common, calibration, urbanization: URBANIZATION_PRESETS[p], targetYear: 2020, cellYear: 2017,
          monteCarlo: { draws: options.draws, random: createRandom(options.seed) },
        }),
      ),
    ]),
  ) as ClassSizeResults["outlooks"];

  const backtests = memo(owner, `backtests:${births.name}`, () => {
    const national = backtestBigClasses(inputs.national);
    const { cappedShareFitYear: _tail, ...uncappedInput } = inputs.national;
    const nationalUncapped = backtestBigClasses({ ...uncappedInput, name: "national-elimination-drive-2018-uncapped" });
    const nationalAll = backtestBigClasses({
      ...uncappedInput, name: "national-elimination-drive", fitYears: inputs.national.years.slice(1), targetedShare: nationalUncapped.drive.targetedShare,
    });
    const henan = backtestBigClasses({ ...inputs.henan, targetedShare: nationalUncapped.drive.targetedShare });
    const henanExact = backtestBigClasses({ ...inputs.henan, name: "henan-elimination-drive-exact" });
    const spread = compareCountySpread(outlooks.base.cellsAt, inputs.guangxi, "veryBigBelow");
    const spreadWide = compareCountySpread(outlooks.base.cellsAt, inputs.guangxi, "veryBigBelow", {}, { fitTo: "noVeryBig", mechanism: "spread" });
    const spreadCap = guangxiCountyCap(data, births);
    return { national, nationalUncapped, nationalAll, henan, henanExact, spread, spreadWide, spreadCap };
  });
  const u = options.urbanization;
  // The chosen outlook uses the county cap fitted to 广西 (a share of counties holding classes at 65); gaibo bigclass
  // writes the same outlook.
  const chosen = chosenBigClassOutlook(data, { urbanization: u, targetYear: options.targetYear, births });
  const turnData = memo(owner, `turn:${births.name}`, () => nationalTurn(data, births));
  const withDraws = (PRESETS as readonly string[]).includes(u.name) ? outlooks[u.name as (typeof PRESETS)[number]] : chosen;
  const turnCosts = memo(owner, `turnCosts:${JSON.stringify(u)}:${options.targetYear}:${births.name}:${options.draws}:${options.seed}:${options.budgetWanYuan ?? ""}`, () =>
    bigClassTurnCosts({
      outlook: withDraws, targetYear: options.targetYear, startYear: OUTLOOK_BASE_YEAR + 1, standards: inputs.standards.construction, costs: CLASS_SIZE_COSTS,
      ...(options.budgetWanYuan !== undefined ? { budgetWanYuan: options.budgetWanYuan } : {}), probability: 0.9, random: createRandom(options.seed + 17),
    }),
  );
  return { inputs, outlooks, chosen, ...backtests, ...turnData, turnCosts };
}

/**
 * National entrants and pupils through the turn: the birth path (observed 2000–2024, its own path after; the
 * two-child path lacks yearly births before 2016, so the central path stands in), entry ratio fitted to the 2021
 * primary entrants and the junior transition to 2019's junior entrants (demography.csv).
 */
function nationalTurn(data: BundledData, births: BirthScenario): Pick<ClassSizeResults, "turn" | "turnPublished"> {
  const rows = objects(data.real.demography);
  const pick = (measure: string, level: string) => {
    const out: Record<number, number> = {};
    for (const r of rows) if (r.measure === measure && r.level === level && r.persons !== undefined && r.persons !== null) out[Number(r.year)] ??= Number(r.persons) / 1e4;
    return out;
  };
  const entrants = pick("new_entrants", "primary");
  const primary = pick("enrolment", "primary");
  const junior = pick("new_entrants", "junior_incl_vocational");
  if (entrants[2021] === undefined || junior[2019] === undefined) {
    throw new RangeError("classSizeResults requires the 2021 primary and 2019 junior new_entrants rows of demography.csv");
  }
  const path = births.observedBirths?.["2000"] !== undefined ? births : BIRTH_PRESETS.central;
  const turn = cohortsThroughTurn({
    births: path, firstYear: OUTLOOK_BASE_YEAR, lastYear: OUTLOOK_LAST_YEAR,
    entrantsAnchor: { year: 2021, entrants: entrants[2021] }, juniorAnchor: { year: 2019, entrants: junior[2019] },
  });
  return { turn, turnPublished: { entrants, primary } };
}

const pct = (x: number, d = 2) => `${(x * 100).toFixed(d)}%`;
const pp = (x: number) => (Math.abs(x) < 5e-5 ? "0.00 pp" : `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)} pp`);
const int = (x: number) => Math.round(x).toLocaleString("en-US");
const yi = (wanYuan: number) => (wanYuan / 1e4).toFixed(2);

/** Rows of the model-vs-published table of a back-test. */
export function backtestTable(test: BigClassBacktest, lang: Lang, title: string, note: string): ReportTable {
  const zh = lang === "zh";
  const measureName: Record<string, string> = zh
    ? { big_share: "大班额比例", very_big_share: "超大班额比例", big_count: "大班额（个）", very_big_count: "超大班额（个）", classes_total: "班级总数" }
    : { big_share: "56+ share", very_big_share: "66+ share", big_count: "56+ classes", very_big_count: "66+ classes", classes_total: "all classes" };
  const roleName: Record<string, string> = zh
    ? { calibration: "校准", fit: "拟合", "out-of-sample": "样本外" }
    : { calibration: "calibration", fit: "fitted", "out-of-sample": "out of sample" };
  return {
    title,
    columns: zh
      ? ["年份", "指标", "公布值", "模型（专项行动）", "误差", "模型（不新增教室）", "误差", "用途"]
      : ["year", "measure", "published", "model (drive)", "error", "model (no new rooms)", "error", "use"],
    rows: test.comparison.map((r) => {
      const share = r.measure.endsWith("_share");
      const v = (x: number) => (share ? pct(x) : int(x));
      const e = (x: number) =>
        share ? pp(x) : Math.abs(x) < 0.5 ? "0" : `${x >= 0 ? "+" : "−"}${int(Math.abs(x))} (${r.published ? ((100 * x) / r.published).toFixed(1) : "—"}%)`;
      return [r.year, measureName[r.measure], v(r.published) + (r.approx ? (zh ? "（约）" : " (approx.)") : ""), v(r.drive), e(r.error), v(r.noDrive), e(r.errorNoDrive), roleName[r.role]];
    }),
    note,
  };
}

/** The scenario's urbanization preset, birth path and target year; an unknown name or a year past the horizon is an error naming the field. */
function bigClassChoice(scenario: Parameters<SectionBuilder>[2]): { preset: (typeof PRESETS)[number]; births: BirthScenario; birthsName: string; targetYear: number } {
  const name = scenario?.bigClass.urbanization ?? "base";
  const birthsName = scenario?.bigClass.births ?? "central";
  const targetYear = scenario?.bigClass.targetYear ?? 2020;
  const issues: DataIssue[] = [];
  const file = scenario?.name;
  if (!(PRESETS as readonly string[]).includes(name)) {
    issues.push({ severity: "error", file, column: "bigClass.urbanization", message: `must be one of ${PRESETS.join(", ")}, got ${name}`, messageZh: `必须是以下之一：${PRESETS.join("、")}，实际为 ${name}` });
  }
  const births = birthPreset(birthsName);
  if (!births) {
    issues.push({ severity: "error", file, column: "bigClass.births", message: `must be one of low, central, high, two-child, got ${birthsName}`, messageZh: `必须是以下之一：low、central、high、two-child，实际为 ${birthsName}` });
  }
  if (!(Number.isInteger(targetYear) && targetYear > OUTLOOK_BASE_YEAR && targetYear <= OUTLOOK_LAST_YEAR)) {
    issues.push({ severity: "error", file, column: "bigClass.targetYear", message: `must be between ${OUTLOOK_BASE_YEAR + 1} and ${OUTLOOK_LAST_YEAR} (the projection), got ${targetYear}`, messageZh: `必须在 ${OUTLOOK_BASE_YEAR + 1} 到 ${OUTLOOK_LAST_YEAR} 之间（预测期），实际为 ${targetYear}` });
  }
  if (issues.length > 0) throw new DataValidationError(issues);
  return { preset: name as (typeof PRESETS)[number], births: births!, birthsName, targetYear };
}

/**
 * The big-class sections of the briefing: the synthetic province under slow, base and fast urbanization
 * (Monte Carlo fan, classroom gap, cost by target year, 存量/增量), and the model against reality (national
 * 2017 calibration with 2018, 2020 and 2021 out of sample, 河南 2013 → 2018, 广西's county spread).
 * Uses the scenario's bigClass.urbanization (a preset name), targetYear and monteCarlo; otherwise base,
 * 2020 and 400 draws (seed 2014).
 */
export const classSizeSections: SectionBuilder = (data, lang, scenario) => {
  const zh = lang === "zh";
  const { preset, births, birthsName, targetYear } = bigClassChoice(scenario);
  const draws = scenario?.monteCarlo.draws ?? 400;
  const seed = scenario?.monteCarlo.seed ?? 2014;
  const budgetWanYuan = scenario?.bigClass.budgetWanYuanPerYear;
  const res = classSizeResults(data, { urbanization: URBANIZATION_PRESETS[preset], targetYear, draws, seed, births, ...(budgetWanYuan !== undefined ? { budgetWanYuan } : {}) });
  const { outlooks, chosen, national, nationalUncapped, nationalAll, henan, henanExact, spread, spreadWide, spreadCap, inputs } = res;

  const birthsLabel = birthsName === "two-child"
    ? (zh ? "全面两孩情景（2016–2019 年实际）" : "two-child scenario (2016–2019 observed)")
    : zh
      ? `2000–2024 年实际（国家统计局），2025 年后${{ low: "低", central: "中", high: "高" }[birthsName as "low"]}方案`
      : `observed 2000–2024 (NBS), ${birthsName} path after 2024`;
  const synthSource = zh
    ? `gaibo 合成省（种子 20140901）2015 年班额；出生：${birthsLabel}；城镇化预设 slow/base/fast；蒙特卡洛 ${draws} 次（种子 ${seed}）；教室面积：建标102-2002 表4-1(1)`
    : `gaibo synthetic province (seed 20140901), 2015 class counts; births: ${birthsLabel}; urbanization presets slow/base/fast; Monte Carlo ${draws} draws (seed ${seed}); floor area: 建标102-2002 table 4-1(1)`;
  const ut = (o: BigClassOutlook) => o.rows.filter((r) => r.level === "all" && r.area === "urban+town");
  const fan: BigClassFanPoint[] = PRESETS.flatMap((p) =>
    outlooks[p].draws!.series
      .filter((s) => s.level === "all" && s.area === "urban+town")
      .map((s) => ({ scenario: p, year: s.year, low: s.big[0], median: s.big[1], high: s.big[2] })),
  );
  const fanChart = bigClassFanChart(fan, { lang, source: synthSource, id: "synthetic-big-class-fan" });
  const gapChart = classroomGapChart(
    PRESETS.flatMap((p) => outlooks[p].gap.filter((g) => g.year > OUTLOOK_BASE_YEAR).map((g) => ({ scenario: p, year: g.year, needed: g.neededClassrooms, planned: g.plannedClassrooms }))),
    { lang, source: synthSource, id: "synthetic-classroom-gap" },
  );
  const costChart = bigClassRemovalCostChart(
    PRESETS.flatMap((p) =>
      outlooks[p].costByTargetYear.map((c) => ({ scenario: p, targetYear: c.targetYear, classrooms: c.newClassrooms, floorAreaM2: c.floorAreaM2, teachers: c.teachers, costWanYuan: c.costWanYuan })),
    ),
    { lang, source: synthSource, id: "synthetic-big-class-removal-cost" },
  );
  const byYear = new Map<number, { stock: number; increment: number }>();
  for (const r of chosen.plan.rows) {
    const t = byYear.get(r.year) ?? { stock: 0, increment: 0 };
    t.stock += r.stockClassrooms;
    t.increment += r.incrementClassrooms;
    byYear.set(r.year, t);
  }
  const stockChart = bigClassStockIncrementChart(
    [...byYear].map(([year, v]) => ({ year, ...v })),
    { lang, source: synthSource, id: "synthetic-big-class-stock-increment", targetYear, scenario: scenarioName(preset, lang) },
  );

  const milestoneRows = PRESETS.map((p) => {
    const o = outlooks[p];
    const m = o.milestones.find((x) => x.level === "all" && x.area === "urban+town")!;
    const low = o.draws!.milestones.find((x) => x.level === "all" && x.area === "urban+town" && x.threshold === "low")!;
    const s2020 = o.draws!.series.find((x) => x.level === "all" && x.area === "urban+town" && x.year === 2020)!;
    const cost = o.costByTargetYear.find((c) => c.targetYear === targetYear) ?? o.costByTargetYear[o.costByTargetYear.length - 1];
    const never = zh ? `${OUTLOOK_LAST_YEAR} 年前不会` : `not by ${OUTLOOK_LAST_YEAR}`;
    return [
      scenarioName(p, lang),
      int(ut(o).find((r) => r.year === 2020)!.big),
      `${int(s2020.big[1])} [${int(s2020.big[0])}–${int(s2020.big[2])}]`,
      m.yearBelowLowShare ?? never,
      m.yearBigGone ?? never,
      low.year[1] ?? never,
      `${int(cost.newClassrooms)} / ${int(cost.floorAreaM2)} / ${int(cost.teachers)} / ${zh ? yi(cost.costWanYuan) : (cost.costWanYuan / 1e5).toFixed(2)}`,
    ];
  });
  const base2015 = ut(chosen)[0];
  const observedUrbanTown = inputs.cells
    .filter((c) => c.area !== "rural")
    .reduce((t, c) => ({ classes: t.classes + c.classes, big: t.big + c.big }), { classes: 0, big: 0 });
  const chosen2020 = ut(chosen).find((r) => r.year === 2020)!;
  const cTot = chosen.costByTargetYear.find((c) => c.targetYear === targetYear)!;
  const threeYear = chosen.costByTargetYear.find((c) => c.targetYear === OUTLOOK_BASE_YEAR + 3)!;
  const plannedTotal = inputs.plannedClassrooms.reduce((s, p) => s + p.classrooms, 0);
  const neededByTarget = chosen.gap.find((g) => g.year === targetYear)!.neededClassrooms;

  const outlookSection: ReportSection = {
    id: "class-size-outlook",
    heading: zh ? "大班额与城镇化：合成省预测" : "Big classes and urbanization: the synthetic province",
    paragraphs: [
      zh
        ? `合成省（模拟数据）2015 年城区、镇区共有大班额 ${int(base2015.big)} 个，占城镇班级 ${pct(base2015.bigShare, 1)}，其中超大班额 ${pct(base2015.veryBigShare, 1)}。每个县、学段、城乡的班额分布按其 56+、66+ 班级占比校准（模型班级数与表中相差约 ${pct(Math.abs(base2015.classes / observedUrbanTown.classes - 1), 1)}，故大班额个数为 ${int(base2015.big)}，表中为 ${int(observedUrbanTown.big)}）；在校生按出生（${birthsLabel}）推算，城镇化把乡村学生迁入镇区和城区。`
        : `The synthetic province (simulated) had ${int(base2015.big)} classes of 56+ in urban and town schools in 2015, ${pct(base2015.bigShare, 1)} of their classes (66+: ${pct(base2015.veryBigShare, 1)}). Each county, level and area is calibrated to its 56+ and 66+ class shares (model class counts differ from the table by about ${pct(Math.abs(base2015.classes / observedUrbanTown.classes - 1), 1)}, hence ${int(base2015.big)} big classes against ${int(observedUrbanTown.big)} in the table); pupils follow births (${birthsLabel}) and urbanization moves rural pupils into town and urban schools.`,
      zh
        ? `已规划教室（各县改薄规划面积中城镇部分 ÷ 建标102 每班面积，共 ${int(plannedTotal)} 间，2016–2018 年建成）若像现有教室一样平均分布，大班额不会消失：${scenarioName(preset, lang)}下 2020 年城镇仍有 ${int(chosen2020.big)} 个（${pct(chosen2020.bigShare, 1)}）。而精准投向最挤的学校时，到 ${targetYear} 年只需 ${int(neededByTarget)} 间——教室总数够，问题在投向。按广西的县际分布（${pct(res.spreadCap.cappedShare, 0)} 的县把班额封顶在 65 人），2020 年城镇超大班额占 ${pct(chosen2020.veryBigShare, 1)}。`
        : `If the classrooms planned (the urban and town part of each county's 改薄 floor area ÷ the 建标102 area per class: ${int(plannedTotal)} rooms, built 2016–2018) spread like existing rooms, big classes do not go: under ${scenarioName(preset, lang)} urban and town schools still have ${int(chosen2020.big)} (${pct(chosen2020.bigShare, 1)}) in 2020. Aimed at the most crowded schools, ${int(neededByTarget)} rooms would do by ${targetYear}: the number is there, the targeting is not. With Guangxi's county spread (${pct(res.spreadCap.cappedShare, 0)} of counties holding classes at 65), 66+ classes are ${pct(chosen2020.veryBigShare, 1)} of urban and town classes in 2020.`,
      zh
        ? `“三年消除大班额”（2018 年前）需新建教室 ${int(threeYear.newClassrooms)} 间（消化存量 ${int(threeYear.stockClassrooms)}、控制增量 ${int(threeYear.incrementClassrooms)}）、校舍 ${int(threeYear.floorAreaM2)} m²、教师 ${int(threeYear.teachers)} 人、${yi(threeYear.costWanYuan)} 亿元；以 ${targetYear} 年为目标：${int(cTot.newClassrooms)} 间、${int(cTot.floorAreaM2)} m²、${int(cTot.teachers)} 名教师、${yi(cTot.costWanYuan)} 亿元（每平方米 2000 元为假设）。城镇化越快，增量越大。`
        : `“Three years to remove big classes” (by 2018) takes ${int(threeYear.newClassrooms)} new classrooms (stock ${int(threeYear.stockClassrooms)}, increment ${int(threeYear.incrementClassrooms)}), ${int(threeYear.floorAreaM2)} m², ${int(threeYear.teachers)} teachers and ${formatMoneyWanYuan(threeYear.costWanYuan, lang)}; by ${targetYear}: ${int(cTot.newClassrooms)} rooms, ${int(cTot.floorAreaM2)} m², ${int(cTot.teachers)} teachers, ${formatMoneyWanYuan(cTot.costWanYuan, lang)} (2000 yuan/m² is an assumption). Faster urbanization means a larger increment.`,
    ],
    charts: [fanChart, gapChart, costChart, stockChart],
    headline: [
      {
        id: "big-classes-2020",
        label: zh ? `2020 年城镇大班额（${scenarioName(preset, lang)}）` : `Urban and town big classes in 2020 (${scenarioName(preset, lang)})`,
        // The same quantity, value and interval as the milestone table's cell (simulated median [90%]), with its unit.
        // The planned-rooms path (the page re-runs it when the controls change), with its unit; the milestone table
        // shows the same number in its own column beside the simulated median and interval.
        value: zh ? `${int(chosen2020.big)} 个班` : `${int(chosen2020.big)} classes`,
        numeric: Math.round(chosen2020.big),
        kpi: "big-classes-2020",
        note: zh ? `占 ${pct(chosen2020.bigShare, 1)}；已规划教室平均投放` : `${pct(chosen2020.bigShare, 1)} of classes; planned rooms spread evenly`,
        provenance: "synthetic",
      },
      {
        id: "big-class-removal-cost",
        label: zh ? `${targetYear} 年前消除大班额的投入` : `Cost to remove big classes by ${targetYear}`,
        value: formatMoneyWanYuan(cTot.costWanYuan, lang),
        // In the page's money unit (亿元 / bn yuan), as the comparison view states it beside a difference.
        numeric: yiToPageUnit(cTot.costWanYuan / 10000, lang),
        unit: moneyUnit(lang).label,
        note: zh ? `${int(cTot.newClassrooms)} 间教室，${int(cTot.teachers)} 名教师` : `${int(cTot.newClassrooms)} classrooms, ${int(cTot.teachers)} teachers`,
        provenance: "synthetic",
      },
    ],
    tables: [
      {
        title: zh ? "三种城镇化情景（合成省城镇学校）" : "Three urbanization scenarios (synthetic province, urban and town schools)",
        columns: zh
          ? ["情景", "2020 年大班额（已规划教室平均投放）", "2020 年大班额 模拟中位数 [90% 区间]", "低于 5% 的年份（已规划教室）", "全部消除的年份（已规划教室）", "低于 5%（模拟中位数）", `${targetYear} 年前消除：教室 / m² / 教师 / 亿元`]
          : ["scenario", "56+ classes 2020 (planned rooms spread evenly)", "56+ classes 2020, simulated median [90%]", "below 5% (planned rooms)", "all gone (planned rooms)", "below 5% (draws, median)", `remove by ${targetYear}: rooms / m² / teachers / bn yuan`],
        rows: milestoneRows,
        kpiCells: [{ kpi: "big-classes-2020", row: PRESETS.indexOf(preset), column: 1 }],
        note: zh
          ? "合成数据（模拟，非真实）。“已规划教室”按现有教室的分布投放；消除所需按精准投放（最低需要）计。"
          : "SYNTHETIC data (simulated, not real). “Planned rooms” spread like existing rooms; the removal plan aims new rooms at crowded schools (the minimum).",
      },
    ],
  };

  // Model against reality.
  const nSrc = inputs.sources.national.join(" · ");
  const published: PublishedSharePoint[] = [
    ...inputs.nationalHistory,
    ...inputs.national.published
      .filter((f) => f.measure === "big_share" || f.measure === "very_big_share")
      .map((f) => ({ year: f.year, measure: f.measure as PublishedSharePoint["measure"], value: f.value, approx: f.approx ?? false })),
  ];
  const paths: ModelSharePoint[] = [
    ...national.noDriveRows.map((r) => ({ model: "noDrive" as const, year: r.year, bigShare: r.bigShare, veryBigShare: r.veryBigShare })),
    ...national.driveRows.map((r) => ({ model: "drive" as const, year: r.year, bigShare: r.bigShare, veryBigShare: r.veryBigShare })),
    ...nationalAll.driveRows.map((r) => ({ model: "driveAll" as const, year: r.year, bigShare: r.bigShare, veryBigShare: r.veryBigShare })),
  ];
  const sourceNote = zh
    ? `公布值（真实）：${nSrc}；模型按 2017 年公布数校准（全国义务教育，标准班额 45），在校生按 2014、2021 年公布数几何插值`
    : `published (real): ${nSrc}; model calibrated to the 2017 published figures (all compulsory classes, standard 45), pupils interpolated geometrically between the 2014 and 2021 published enrolment`;
  const backtestChart = bigClassBacktestChart(published, paths, { lang, source: sourceNote, id: "national-big-class-backtest" });
  const spreadChart = bigClassCountySpreadChart(spread.rows, {
    lang,
    source: zh ? `广西：${inputs.sources.guangxi.join(" · ")}（真实）；模型：gaibo 合成省 109 县 2017 年（合成）` : `Guangxi: ${inputs.sources.guangxi.join(" · ")} (real); model: gaibo synthetic province, 109 counties, 2017 (synthetic)`,
    id: "synthetic-county-spread-vs-guangxi",
  });
  const err = (t: BigClassBacktest, year: number, m: string) => t.comparison.find((r) => r.year === year && r.measure === m);
  const e2019 = err(national, 2019, "big_share");
  const u2019 = err(nationalUncapped, 2019, "big_share");
  const u2021 = err(nationalUncapped, 2021, "big_share");
  const eAll = [2018, 2019, 2021].map((y) => err(nationalAll, y, "big_share"));
  const q = national.drive.cappedShare ?? 0;
  const c2018 = err(national, 2018, "classes_total");
  const pace = (t: BigClassBacktest) => t.drive.classroomsPerYear;
  const m2 = (rooms: number) => rooms * inputs.standards.construction.floorAreaPerClassroomM2.primary;
  const hv = err(henan, 2018, "very_big_share");
  const realitySection: ReportSection = {
    id: "class-size-reality",
    heading: zh ? "模型与现实：全国、河南、广西" : "Model and reality: China, Henan, Guangxi",
    paragraphs: [
      zh
        ? `全国：模型按 2017 年公布数（大班额 10.1%、超大班额 2.4%、36.8 万个）校准。若不新增教室，2018 年大班额会升到 ${pct(national.noDriveRows[1].bigShare)}，实际降到 7.06%：下降来自消除大班额专项行动。按 2018 年一年拟合，专项行动相当于每年新建约 ${int(pace(national))} 间教室（约 ${int(m2(pace(national)))} m²/年），其中 ${pct(national.drive.targetedShare, 0)} 精准投向最挤的学校；它同时给出 2018 年班级总数 ${int(c2018?.drive ?? NaN)}（公布 375.49 万，误差 ${c2018 ? (100 * (c2018.relativeError ?? 0)).toFixed(1) : "—"}%）。`
        : `China: the model is calibrated to 2017 (10.1% of classes 56+, 2.4% 66+, 368,000 classes). With no new classroom the 56+ share would have risen to ${pct(national.noDriveRows[1].bigShare)} in 2018; it fell to 7.06%: the fall came from the elimination drive. Fitted to 2018 alone, the drive equals about ${int(pace(national))} classrooms a year (about ${int(m2(pace(national)))} m² a year), ${pct(national.drive.targetedShare, 0)} of them aimed at the most crowded schools; it also gives ${int(c2018?.drive ?? NaN)} classes in 2018 (published 3,754,900, error ${c2018 ? (100 * (c2018.relativeError ?? 0)).toFixed(1) : "—"}%).`,
      zh
        ? `“2020 年 3.98%”指哪一学年：这是 2020-09-23 国新办发布会所说的“到目前……已经降至3.98%”。教育事业统计在秋季学年初统计、次年春发布，发布会时最新的是 2019/20 学年的统计，所以模型把 3.98% 和“超大班额基本消除”放在 2019 年（推断）。只按 2018 年拟合、不含封顶的专项行动：2019 年 ${pct(u2019?.drive ?? NaN)}（误差 ${pp(u2019?.error ?? NaN)}），2021 年 ${pct(u2021?.drive ?? NaN)}（公布 0.71%，误差 ${pp(u2021?.error ?? NaN)}）：精准建设会把大班额清零，现实留下了尾巴。发布会原话是超大班额“均控制在66人以内”，广西约三分之一的县也是如此：让一部分学校不新建、把每个班压在 65 人以内（原本 66 人以上的班变成 56–65 人的大班额），这一比例按 2021 年的 0.71% 拟合为 ${pct(q, 1)}，速度和投向仍按 2018 年拟合（每年 ${int(pace(national))} 间，精准 ${pct(national.drive.targetedShare, 0)}）。此时 2019 年样本外为 ${pct(e2019?.drive ?? NaN)}（公布 3.98%，误差 ${pp(e2019?.error ?? NaN)}）。对照：一个恒定速度拟合 2018–2021 全部公布值（样本内，情景 national-elimination-drive）每年约 ${int(pace(nationalAll))} 间，误差 2018 ${pp(eAll[0]?.error ?? NaN)}、2019 ${pp(eAll[1]?.error ?? NaN)}、2021 ${pp(eAll[2]?.error ?? NaN)}。`
        : `What “3.98% in 2020” means: it was stated at the State Council press conference of 2020-09-23 (“到目前…已经降至3.98%”). Education statistics count classes at the start of the school year (autumn) and are published the next spring, so the latest survey then was the 2019/20 school year's: the model places 3.98% and “66+ classes basically gone” in 2019 (an inference). The drive fitted to 2018 alone, with no cap: ${pct(u2019?.drive ?? NaN)} in 2019 (error ${pp(u2019?.error ?? NaN)}) and ${pct(u2021?.drive ?? NaN)} in 2021 (published 0.71%, error ${pp(u2021?.error ?? NaN)}): aimed building clears big classes completely; reality kept a tail. The press conference says 66+ classes were “all held within 66”, as about a third of Guangxi's counties did: let a share of schools build nothing and hold every class at 65 (their would-be 66+ classes become 56–65 ones). Fitted to 2021's 0.71%, that share is ${pct(q, 1)}, with pace and aim still fitted to 2018 (${int(pace(national))} rooms a year, ${pct(national.drive.targetedShare, 0)} aimed). The 2019 share out of sample is then ${pct(e2019?.drive ?? NaN)} (published 3.98%, error ${pp(e2019?.error ?? NaN)}). For comparison, one constant pace fitted to all published years 2018–2021 (in sample, scenario national-elimination-drive): about ${int(pace(nationalAll))} rooms a year, errors 2018 ${pp(eAll[0]?.error ?? NaN)}, 2019 ${pp(eAll[1]?.error ?? NaN)}, 2021 ${pp(eAll[2]?.error ?? NaN)}.`,
      zh
        ? `河南：按 2013 年 26.13% / 12.42% 校准（在校生按全国路径，假设）。不新增教室，2018 年会是 ${pct(henan.noDriveRows[henan.noDriveRows.length - 1].bigShare)}；用全国的精准投放比例，只拟合大班额 13.01% 得每年新增相当于基期教室的 ${pct(pace(henan), 1)}，样本外的超大班额为 ${pct(hv?.drive ?? NaN)}（公布 1.99%，误差 ${pp(hv?.error ?? NaN)}）。两者同时精确拟合：每年 ${pct(pace(henanExact), 1)}，精准投放 ${pct(henanExact.drive.targetedShare, 0)}。`
        : `Henan: calibrated to 2013 (26.13% / 12.42%; pupils follow the national path, an assumption). With no new room 2018 would show ${pct(henan.noDriveRows[henan.noDriveRows.length - 1].bigShare)}; with the national aim and the pace fitted to the 56+ share (13.01%), the drive adds ${pct(pace(henan), 1)} of the base-year classrooms a year, and the out-of-sample 66+ share is ${pct(hv?.drive ?? NaN)} (published 1.99%, error ${pp(hv?.error ?? NaN)}). Fitting both exactly: ${pct(pace(henanExact), 1)} a year, ${pct(henanExact.drive.targetedShare, 0)} aimed.`,
      zh
        ? `广西 2017 年 111 个县中 16 个大班额低于 5%，40 个无超大班额，63 个超大班额低于 2%。模型的 109 个合成县（2017 年）按“超大班额低于 2%”的县数拟合一个全省负荷系数（${spread.loadFactor.toFixed(3)}），其余两项：大班额低于 5% 的县 ${pct(spread.rows[0].modelShare, 1)}（广西 ${pct(spread.rows[0].observedShare, 1)}，差 ${pp(spread.rows[0].difference)}），无超大班额的县 ${pct(spread.rows[1].modelShare, 1)}（广西 ${pct(spread.rows[1].observedShare, 1)}，差 ${pp(spread.rows[1].difference)}）：模型里每个县都还有少量超大班额。把各县拉开（按负荷排序，乘以 exp(σ·z)，σ 拟合“无超大班额”的县数，得 σ = ${spreadWide.heterogeneity.toFixed(2)}）能对上无超大班额的县数（${pct(spreadWide.rows[1].modelShare, 1)}），但大班额低于 5% 的县变成 ${pct(spreadWide.rows[0].modelShare, 1)}（差 ${pp(spreadWide.rows[0].difference)}）。可见差距不在县与县之间，而在班额分布的尾部。换一个机制：让一部分县把所有班额压在 65 人以内（原本 66 人以上的班仍算大班额，但不再是超大班额），按同一县数拟合得 ${pct(spreadCap.cappedShare, 0)} 的县执行此上限，此时大班额低于 5% 的县为 ${pct(spreadCap.rows[0].modelShare, 1)}（差 ${pp(spreadCap.rows[0].difference)}）：广西的县际分布更像是三分之一的县执行了 65 人的硬上限，而不是各县拥挤程度差别更大。`
        : `Guangxi 2017: of 111 counties, 16 had a 56+ share under 5%, 40 no 66+ class, 63 a 66+ share under 2%. The model's 109 synthetic counties (2017), with one province-wide load factor (${spread.loadFactor.toFixed(3)}) fitted to the “66+ under 2%” count, give ${pct(spread.rows[0].modelShare, 1)} of counties under 5% (Guangxi ${pct(spread.rows[0].observedShare, 1)}, difference ${pp(spread.rows[0].difference)}) and ${pct(spread.rows[1].modelShare, 1)} with no 66+ class (Guangxi ${pct(spread.rows[1].observedShare, 1)}, difference ${pp(spread.rows[1].difference)}): every model county keeps a few 66+ classes. Spreading the counties apart (ranked by load, multiplied by exp(σ·z), σ fitted to the “no 66+ class” count: σ = ${spreadWide.heterogeneity.toFixed(2)}) matches that count (${pct(spreadWide.rows[1].modelShare, 1)}) but puts ${pct(spreadWide.rows[0].modelShare, 1)} of counties under 5% big classes (difference ${pp(spreadWide.rows[0].difference)}). So the gap is not between counties but in the tail. Another mechanism: a share of counties holds every class at 65 (their would-be 66+ classes still count as 56+, just not 66+). Fitted to the same count, ${pct(spreadCap.cappedShare, 0)} of counties hold the cap, and the count left as a test, counties under 5% big classes, comes out at ${pct(spreadCap.rows[0].modelShare, 1)} (difference ${pp(spreadCap.rows[0].difference)}): Guangxi's county distribution looks like a third of counties enforcing a hard cap of 65, not like counties differing more in crowding.`,
    ],
    charts: [backtestChart, spreadChart],
    tables: [
      backtestTable(national, lang, zh ? "全国：模型与公布值（误差 = 模型 − 公布）" : "China: model vs published (error = model − published)",
        zh ? `专项行动按 2018 年拟合（每年 ${int(pace(national))} 间，精准 ${pct(national.drive.targetedShare, 0)}），${pct(q, 1)} 的学校班额封顶 65 人（按 2021 年大班额拟合）；2019 年（2020-09 发布的 3.98%，2019/20 学年）为样本外。来源：${nSrc}` : `Drive fitted to 2018 (${int(pace(national))} rooms a year, ${pct(national.drive.targetedShare, 0)} aimed), ${pct(q, 1)} of schools capping classes at 65 (fitted to 2021's 56+ share); 2019 (the 3.98% stated in Sept 2020, school year 2019/20) is out of sample. Sources: ${nSrc}`),
      backtestTable(nationalAll, lang, zh ? "全国：恒定速度拟合 2018–2021（情景 national-elimination-drive）" : "China: one pace fitted to 2018–2021 (scenario national-elimination-drive)",
        zh ? `每年 ${int(pace(nationalAll))} 间教室；超大班额、班级数为样本外。` : `${int(pace(nationalAll))} rooms a year; 66+ shares and class counts are out of sample.`),
      backtestTable(henan, lang, zh ? "河南：2013 校准，2018 对照" : "Henan: calibrated 2013, checked 2018",
        zh ? `来源：${inputs.sources.henan.join(" · ")}；在校生路径为假设（全国路径）；教室数以基期教室为 1 计。` : `Source: ${inputs.sources.henan.join(" · ")}; pupils follow the national path (assumption); classrooms relative to the base year's.`),
      {
        title: zh ? "广西 2017 各县分布与模型" : "Guangxi 2017 county distribution vs the model",
        columns: zh
          ? ["指标", "广西（真实）", "模型：一个负荷系数", `模型：县际拉开 σ=${spreadWide.heterogeneity.toFixed(2)}`, `模型：${pct(spreadCap.cappedShare, 0)} 的县班额封顶 65`]
          : ["count", "Guangxi (real)", "model: one load factor", `model: counties spread, σ=${spreadWide.heterogeneity.toFixed(2)}`, `model: ${pct(spreadCap.cappedShare, 0)} of counties cap classes at 65`],
        rows: spread.rows.map((r, k) => [
          { bigBelow: zh ? "大班额 < 5%" : "56+ under 5%", noVeryBig: zh ? "无超大班额" : "no 66+ class", veryBigBelow: zh ? "超大班额 < 2%" : "66+ under 2%" }[r.count],
          `${spread.observed[r.count]}/${spread.observed.counties} (${pct(r.observedShare, 1)})`,
          ...[spread, spreadWide, spreadCap].map((m) => {
            const row = m.rows[k];
            return `${m.model[r.count]}/${m.model.counties} (${pct(row.modelShare, 1)}), ${pp(row.difference)}, ${row.fitted ? (zh ? "拟合" : "fitted") : zh ? "检验" : "check"}`;
          }),
        ]),
        note: zh ? "合成县是模拟数据（按河南总量生成），只检验模型的县际差异形状。" : "The synthetic counties are simulated (built on Henan totals); this checks only the shape of the county spread.",
      },
    ],
  };
  const turnSection = classSizeTurnSection(res, lang, { preset, birthsLabel, targetYear, draws, seed });
  return [outlookSection, turnSection, realitySection];
};

/** The turn, build or bridge, stranded classrooms, running costs and the financing gap. */
function classSizeTurnSection(
  res: ClassSizeResults,
  lang: Lang,
  o: { preset: (typeof PRESETS)[number]; birthsLabel: string; targetYear: number; draws: number; seed: number },
): ReportSection {
  const zh = lang === "zh";
  const { turn, turnPublished, turnCosts: tc, inputs } = res;
  const at = (y: number) => turn.years.indexOf(y);
  const peakI = turn.entrants.indexOf(Math.max(...turn.entrants));
  const jPeakI = turn.juniorEntrants.indexOf(Math.max(...turn.juniorEntrants));
  const fall = (k: number) => 1 - turn.entrants[at(2030)] / turn.entrants[peakI];
  const e = (y: number) => turn.entrants[at(y)] / turnPublished.entrants[y] - 1;
  const w = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
  const sign = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}%`;
  const demoSrc = zh
    ? "出生：国家统计局（转载），2025 年后为情景；招生、在校生：教育部公布；线为模型"
    : "births: NBS (reposts), after 2024 a scenario; entrants, pupils: MOE published; lines: model";
  const turnChart = classSizeTurnChart(
    turn.years.map((y, i) => ({
      year: y, births: turn.births[i], birthsObserved: turn.birthsObserved[i], entrants: turn.entrants[i], juniorEntrants: turn.juniorEntrants[i],
      primary: turn.primary[i], junior: turn.junior[i],
      ...(turnPublished.entrants[y] !== undefined ? { publishedEntrants: turnPublished.entrants[y] } : {}),
      ...(turnPublished.primary[y] !== undefined ? { publishedPrimary: turnPublished.primary[y] } : {}),
    })),
    { lang, source: demoSrc, id: "national-demographic-turn" },
  );
  // Chart subtitles are one line: the long form is in the paragraphs and table notes.
  const chartSrc = zh
    ? `gaibo 合成省（模拟）；${scenarioName(o.preset, lang)}；教师工资：国家统计局 2022（真实）；其余单价为假设`
    : `gaibo synthetic province (simulated); ${scenarioName(o.preset, lang)}; salary: NBS 2022 (real); other unit costs assumed`;
  const build = tc.paths.find((p) => p.path === "build")!;
  const mixed = tc.paths.find((p) => p.path === "mixed")!;
  const buildVB = tc.pathsVeryBig.find((p) => p.path === "build")!;
  const bobChart = bigClassBuildOrBridgeChart(
    tc.years.filter((y) => y > OUTLOOK_BASE_YEAR).map((y) => {
      const i = tc.years.indexOf(y);
      return { year: y, needBig: build.rows[i].need, needVeryBig: buildVB.rows[i].need, buildStock: build.rows[i].permanent, mixedStock: mixed.rows[i].permanent, stranded: build.rows[i].stranded };
    }),
    { lang, source: chartSrc, id: "synthetic-build-or-bridge", targetYear: o.targetYear },
  );
  const pathName = (p: string) => (zh ? { build: "只建永久教室", bridge: "只用临时教室", mixed: "建长期所需、租借补高峰" } : { build: "build only", bridge: "bridge only", mixed: "build the lasting need, bridge the peak" })[p as "build"];
  const cheapest = tc.paths.find((p) => p.path === tc.cheapest)!;
  const gapChart = classSizeFinancingGapChart(
    tc.years.filter((y) => y > OUTLOOK_BASE_YEAR).map((y) => {
      const i = tc.years.indexOf(y);
      const r = cheapest.rows[i];
      return { year: y, capital: r.capitalWanYuan, maintenance: r.maintenanceWanYuan, temporary: r.temporaryWanYuan, salary: r.salaryWanYuan, budget: tc.financing[i].budgetWanYuan, gap: tc.financing[i].gapWanYuan };
    }),
    { lang, source: chartSrc, id: "synthetic-financing-gap", path: pathName(tc.cheapest) },
  );
  const s = (p: typeof build, y: number) => p.stranded.find((x) => x.year === y)?.classrooms ?? 0;
  const iv = tc.intervals;
  const rng = (v: [number, number, number], f: (x: number) => string) => `${f(v[1])} [${f(v[0])}–${f(v[2])}]`;
  const yiF = (x: number) => (x / 1e4).toFixed(1);
  // The English page writes money in bn yuan (1 亿元 = 0.1 bn yuan).
  const bnF = (x: number) => (x / 1e5).toFixed(2);
  const firstGap = tc.financing.find((r) => r.year > o.targetYear && r.cumulativeGapWanYuan > 0);
  const budgetText = tc.budgetGiven
    ? (zh ? `情景给定的年度预算 ${yiF(tc.budgetWanYuan[tc.budgetWanYuan.length - 1])} 亿元` : `the scenario's annual budget of ${formatMoneyWanYuan(tc.budgetWanYuan[tc.budgetWanYuan.length - 1], lang)}`)
    : (zh ? "这一最小预算（情景未给预算）" : "that smallest budget (the scenario gives none)");
  const ms = iv
    ? zh
      ? `蒙特卡洛（${iv.draws} 次，出生、城镇化速度、随迁子女就学比例、建设单价）：城镇大班额峰值年份 ${rng(iv.peakYear, (x) => String(Math.round(x)))}，峰值 ${rng(iv.peakBig, w)} 个；只建永久教室时 2030 年空置 ${iv.stranded2030 ? rng(iv.stranded2030, w) : "—"} 间，2035 年 ${iv.stranded2035 ? rng(iv.stranded2035, w) : "—"} 间；最省方案 2016–${OUTLOOK_LAST_YEAR} 年总支出 ${rng(iv.totalWanYuan, yiF)} 亿元（中位数 [5%–95%]）。每次模拟的教室需求按其城镇大班额与中心预测之比缩放（近似）。`
      : `Monte Carlo (${iv.draws} draws of births, urbanization speed, migrant schooling and building cost): urban and town big classes peak in ${rng(iv.peakYear, (x) => String(Math.round(x)))} at ${rng(iv.peakBig, w)}; building only leaves ${iv.stranded2030 ? rng(iv.stranded2030, w) : "—"} rooms empty in 2030 and ${iv.stranded2035 ? rng(iv.stranded2035, w) : "—"} in 2035; the cheapest path spends ${rng(iv.totalWanYuan, bnF)} bn yuan over 2016–${OUTLOOK_LAST_YEAR} (median [5%–95%]). Each draw's classroom need is the central need scaled by its urban and town big classes over the central projection's (an approximation).`
    : "";
  const areaName = (a: string) => (zh ? { urban: "城区", town: "镇区" } : { urban: "urban", town: "town" })[a as "urban"];
  const targetName = (t: string) => (zh ? { big: "无 56 人以上", veryBig: "无 66 人以上" } : { big: "no 56+", veryBig: "no 66+" })[t as "big"];
  return {
    id: "class-size-turn",
    heading: zh ? "人口转折之后：建还是租借，教师与资金缺口" : "After the peak: build or bridge, teachers and the financing gap",
    paragraphs: [
      zh
        ? `出生人口从 2016 年的 1786 万降到 2023 年的 902 万（2024 年 954 万）。按学年出生队列（9 月至次年 8 月）推算，小学招生在 ${turn.years[peakI]} 年达到峰值（模型 ${w(turn.entrants[peakI])} 万，公布 1877.88 万，误差 ${sign(e(2023))}），到 2030 年下降 ${(fall(0) * 100).toFixed(0)}%；初中招生晚六年，在 ${turn.years[jPeakI]} 年见顶。入学率（1.070）按 2021 年公布招生拟合；2022 年招生偏高 ${sign(e(2022))}（2015 羊年的低谷在日历年出生中看不出来），小学在校生 2023 年误差 ${sign(turn.primary[at(2023)] / turnPublished.primary[2023] - 1)}。2031 年以后的招生取决于 2024 年以后的出生情景。各省、各县的下降幅度无法测算：现有数据只有 2015 年的分省出生率（中国统计年鉴2016 表2-8，26 个省份），没有此后任何一年的分省出生或招生，因此合成省各县都按全国路径变化。`
        : `Births fell from 17.86 million in 2016 to 9.02 million in 2023 (9.54 million in 2024). Carried by school-year cohorts (born September to August), primary entrants peak in ${turn.years[peakI]} (model ${w(turn.entrants[peakI])}万, published 1877.88万, error ${sign(e(2023))}) and fall ${(fall(0) * 100).toFixed(0)}% by 2030; junior entrants follow six years later and peak in ${turn.years[jPeakI]}. The entry ratio (1.070) is fitted to the 2021 entrants; 2022 entrants come out ${sign(e(2022))} high (the 2015 goat-year dip does not show in calendar-year births), primary pupils in 2023 ${sign(turn.primary[at(2023)] / turnPublished.primary[2023] - 1)}. Entrants from 2031 depend on the birth path after 2024. The decline by province or county cannot be measured: the data hold provincial birth rates for 2015 only (China Statistical Yearbook 2016, table 2-8, 26 provinces) and no provincial births or entrants for any later year, so every synthetic county follows the national path.`,
      zh
        ? `合成省城镇学校（模拟数据，${scenarioName(o.preset, lang)}）：要在 ${o.targetYear} 年消除 56 人以上大班，需比 2015 年多 ${w(build.rows[tc.years.indexOf(o.targetYear)].need)} 间教室（精准投放），之后需求随在校生先升后降。只建永久教室共建 ${w(build.built)} 间，2030 年空置 ${w(s(build, 2030))} 间，2035 年空置 ${w(s(build, 2035))} 间（建设成本 ${yiF((build.stranded.find((x) => x.year === 2035)?.capitalWanYuan ?? 0))} 亿元闲置）；只建到 2035 年仍需要的 ${w(mixed.built)} 间、高峰用租借或临时教室补足，则没有空置。`
        : `Synthetic province, urban and town schools (simulated, ${scenarioName(o.preset, lang)}): to have no class of 56+ from ${o.targetYear} takes ${w(build.rows[tc.years.indexOf(o.targetYear)].need)} classrooms beyond 2015's (aimed), and the need then rises and falls with the pupils. Building only, ${w(build.built)} rooms are built; ${w(s(build, 2030))} stand empty in 2030 and ${w(s(build, 2035))} in 2035 (${bnF((build.stranded.find((x) => x.year === 2035)?.capitalWanYuan ?? 0))} bn yuan of building idle). Building only the ${w(mixed.built)} rooms still needed in 2035 and bridging the peak with rented, borrowed or temporary rooms leaves none empty.`,
      zh
        ? `运行成本比建设成本大：每间新增教室对应一个班，按编制标准需 2.4（小学）到 3.7（初中）名教师，每人每年 12.04 万元。${OUTLOOK_BASE_YEAR + 1}–${OUTLOOK_LAST_YEAR} 年最省的是“${pathName(tc.cheapest)}”：建设 ${yiF(cheapest.capitalWanYuan)} 亿元、维护 ${yiF(cheapest.maintenanceWanYuan)} 亿元、临时教室 ${yiF(cheapest.temporaryWanYuan)} 亿元、教师工资 ${yiF(cheapest.salaryWanYuan)} 亿元。按 90% 概率在 ${o.targetYear} 年前付清，最小年度预算为 ${yiF(tc.smallestBudgetWanYuan)} 亿元；图中的预算是${budgetText}${firstGap ? `，教师工资持续发生，累计缺口自 ${firstGap.year} 年起为正` : ""}。${ms}`
        : `Running costs outweigh building: each added classroom is one more class, needing 2.4 (primary) to 3.7 (junior) teachers by the staffing standard at 120,422 yuan a year each. Over ${OUTLOOK_BASE_YEAR + 1}–${OUTLOOK_LAST_YEAR} the cheapest path is “${pathName(tc.cheapest)}”: building ${bnF(cheapest.capitalWanYuan)}, maintenance ${bnF(cheapest.maintenanceWanYuan)}, temporary rooms ${bnF(cheapest.temporaryWanYuan)}, teachers ${bnF(cheapest.salaryWanYuan)} bn yuan. The smallest flat budget paying for it up to ${o.targetYear} with 90% probability is ${bnF(tc.smallestBudgetWanYuan)} bn yuan a year; the chart uses ${budgetText}${firstGap ? `; salaries go on, so the cumulative gap turns positive from ${firstGap.year}` : ""}. ${ms}`,
    ],
    charts: [turnChart, bobChart, gapChart],
    tables: [
      {
        title: zh ? `各区域所需教室（合成省，${o.targetYear} 年起每年满足）` : `Classrooms needed by area (synthetic province, met every year from ${o.targetYear})`,
        columns: zh
          ? ["区域", "目标", `${o.targetYear} 年`, "峰值（年份）", "2030 年", "2035 年", "只建永久：2030 空置", "只建永久：2035 空置"]
          : ["area", "target", `${o.targetYear}`, "peak (year)", "2030", "2035", "build only: empty 2030", "build only: empty 2035"],
        rows: tc.needRows.map((r) => [areaName(r.area), targetName(r.target), w(r.atTarget), `${w(r.peak)} (${r.peakYear})`, r.in2030 === null ? "—" : w(r.in2030), r.in2035 === null ? "—" : w(r.in2035), r.stranded2030 === null ? "—" : w(r.stranded2030), r.stranded2035 === null ? "—" : w(r.stranded2035)]),
        note: zh ? "合成数据（模拟，非真实）。教室数为比 2015 年多出的教室，精准投向最挤的学校；小学、初中合计。" : "SYNTHETIC data (simulated, not real). Classrooms beyond 2015's, aimed at the most crowded schools; primary and junior together.",
      },
      {
        title: zh ? `三种方案 ${OUTLOOK_BASE_YEAR + 1}–${OUTLOOK_LAST_YEAR}（亿元）` : `Three paths ${OUTLOOK_BASE_YEAR + 1}–${OUTLOOK_LAST_YEAR} (亿元 as computed; 1 亿元 = 0.1 bn yuan)`,
        columns: zh
          ? ["方案", "永久教室（间）", "2030 空置", "2035 空置", "建设", "维护", "临时教室", "教师工资", "合计", "2035 年剩余价值"]
          : ["path", "permanent rooms", "empty 2030", "empty 2035", "building", "maintenance", "temporary", "salaries", "total", "residual value 2035"],
        rows: tc.paths.map((p) => [pathName(p.path), w(p.built), w(s(p, 2030)), w(s(p, 2035)), yiF(p.capitalWanYuan), yiF(p.maintenanceWanYuan), yiF(p.temporaryWanYuan), yiF(p.salaryWanYuan), yiF(p.totalWanYuan), yiF(p.residualWanYuan)]),
        note: zh ? `合成数据。教师工资为真实数字（国家统计局 2022 年城镇非私营单位教育业平均工资，${CLASS_SIZE_COSTS.teacherSalarySource.source_url}，转载），其余单价为假设（datasets/scenarios/costs/class-size-costs.json）。剩余价值：2035 年仍在使用的永久教室按 50 年直线折旧未摊销的部分。` : `SYNTHETIC data. Teacher salary is real (NBS 2022 average wage, education, urban non-private units, ${CLASS_SIZE_COSTS.teacherSalarySource.source_url}, repost); other unit costs are assumptions (datasets/scenarios/costs/class-size-costs.json). Residual value: building cost of permanent rooms still in use in 2035 not yet written off (50-year straight line).`,
      },
    ],
  };
}

export type { Chart };
