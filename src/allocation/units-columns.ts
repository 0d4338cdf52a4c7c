/**
 * The columns a table of county units carries for allocation: one row per county (区县), names in camelCase with
 * the unit in the name. The lead's loader and the synthetic generator produce exactly these names; a rule refers to
 * them by name (`{ column: "poorPopulation" }`), so an office can add its own columns and point a rule at them.
 *
 * Each entry says what the column means, its unit, its allowed range and whether it may be negative. `kind: "id"`
 * columns are text; everything else is a finite number. Money columns are in 万元 (as county budgets are published)
 * or 元 per head; `allocate` converts to integer fen internally.
 *
 * @example unitsColumns.fiscalCapacityPerCapitaYuan.unit // "元/人"
 * @see ../../datasets/rules/central-2015.json for how the 2014/2015 central factor method uses them
 */
export const unitsColumns = {
  countyId: { kind: "id", unit: "", min: undefined, label: "区县代码", description: "county code (e.g. 行政区划代码 410122), unique" },
  countyName: { kind: "id", unit: "", min: undefined, label: "区县名称", description: "county name, for display" },
  region: { kind: "id", unit: "", min: undefined, label: "区域", description: "region label used by a lookup regional coefficient (e.g. 东部/中部/西部 or east/central/west)" },
  pupils: { kind: "number", unit: "人", min: 0, label: "义务教育学生数", description: "compulsory-education pupils (primary + junior secondary)" },
  poorPopulation: { kind: "number", unit: "人", min: 0, label: "贫困人口数", description: "registered poor population (建档立卡贫困人口)" },
  poorShare: { kind: "number", unit: "0–1", min: 0, label: "贫困发生率", description: "poor population as a share of total population, 0–1" },
  fiscalCapacityPerCapitaYuan: { kind: "number", unit: "元/人", min: 0, label: "人均可用财力", description: "per-capita available fiscal capacity, 元 per resident; must be positive where a rule divides by it" },
  perPupilSpendingYuan: { kind: "number", unit: "元/生", min: 0, label: "生均财政义务教育支出", description: "per-pupil public compulsory-education spending, 元 per pupil" },
  spendingGrowthRate: { kind: "number", unit: "比率", min: -1, label: "支出增长率", description: "year-on-year growth of that spending, 0.05 = 5%; may be negative (down to -1)" },
  provincialFundsLastYearWanYuan: { kind: "number", unit: "万元", min: 0, label: "上年省本级改薄专项资金", description: "last year's provincial-level weak-school funds reaching the county, 万元" },
  fundingGapWanYuan: { kind: "number", unit: "万元", min: 0, label: "基本办学条件经费理论缺口", description: "theoretical funding gap to the basic school-condition standards (底线要求), 万元" },
  taskCompletionShare: { kind: "number", unit: "0–1", min: 0, label: "年度任务完成率", description: "share of the year's planned tasks completed (校舍竣工/设备采购), 0–1; may exceed 1 when a county over-delivers" },
  standardsMetShare: { kind: "number", unit: "0–1", min: 0, label: "标准落实率", description: "share of schools meeting the 20 条底线 standards, 0–1" },
  planQualityScore: { kind: "number", unit: "分 0–100", min: 0, label: "规划编制质量", description: "planning-quality score from the provincial review, 0–100" },
  supervisionScore: { kind: "number", unit: "分 0–100", min: 0, label: "资金监督管理", description: "fund supervision and management score, 0–100" },
  matchingCommittedWanYuan: { kind: "number", unit: "万元", min: 0, label: "地方承诺配套资金", description: "local (city + county) matching funds committed in the plan this year, 万元" },
  matchingDeliveredWanYuan: { kind: "number", unit: "万元", min: 0, label: "地方配套资金到位", description: "local matching funds actually delivered (到位) this year, 万元" },
  lastYearAllocationWanYuan: { kind: "number", unit: "万元", min: 0, label: "上年分配额", description: "what the county received from this fund last year, 万元 (for hold-harmless)" },
  idleBalanceWanYuan: { kind: "number", unit: "万元", min: 0, label: "结转结余资金", description: "unspent (idle) balance of earlier years' funds, 万元 (for deductions)" },
  regionCoefficient: { kind: "number", unit: "倍", min: 0, label: "区域系数", description: "regional multiplier, 1 = neutral (e.g. 1.2 for 西部 or 民族县)" },
} as const;

/** The name of a column in `unitsColumns` (a rule may also name columns outside this list). */
export type UnitsColumnName = keyof typeof unitsColumns;

/** Column names as a type-level record, so `UnitsColumns["pupils"]` is the literal `"pupils"`. */
export type UnitsColumns = { readonly [K in UnitsColumnName]: K };

/**
 * One county as a plain row. Every numeric field is optional because a rule reads only the columns it names;
 * `allocate` checks that the ones it needs are present, finite and in range.
 */
export interface CountyUnitRow {
  countyId: string | number;
  countyName?: string;
  region?: string;
  pupils?: number;
  poorPopulation?: number;
  poorShare?: number;
  fiscalCapacityPerCapitaYuan?: number;
  perPupilSpendingYuan?: number;
  spendingGrowthRate?: number;
  provincialFundsLastYearWanYuan?: number;
  fundingGapWanYuan?: number;
  taskCompletionShare?: number;
  standardsMetShare?: number;
  planQualityScore?: number;
  supervisionScore?: number;
  matchingCommittedWanYuan?: number;
  matchingDeliveredWanYuan?: number;
  lastYearAllocationWanYuan?: number;
  idleBalanceWanYuan?: number;
  regionCoefficient?: number;
  [column: string]: string | number | undefined;
}

/** Fen per 万元 (1 万元 = 10,000 元 = 1,000,000 fen). */
export const FEN_PER_WAN_YUAN = 1_000_000;
/** Fen per 元. */
export const FEN_PER_YUAN = 100;
