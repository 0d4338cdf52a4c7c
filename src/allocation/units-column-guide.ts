import type { UnitsColumnName } from "./units-columns.js";

/** What a planning office needs to fill one column of the county-units file. */
export interface UnitsColumnGuide {
  /** What the column means, in Chinese. */
  meaningZh: string;
  /** Where an office finds the figure, in Chinese (statistical return, plan, finance document). */
  sourceZh: string;
  /** The same in English. */
  sourceEn: string;
  /** An example value for the template's example row. */
  example: string | number;
}

/**
 * Where each column of the county-units file comes from in a provincial office, and an example value: the 说明
 * sheet of `gaibo template` and the allocation README print it, so an office can fill the file without asking.
 * The examples form one made-up county (示例县), not real figures.
 *
 * @example UNITS_COLUMN_GUIDE.pupils.sourceZh // "教育事业统计年报（小学 + 初中在校生数）"
 * @see unitsColumns for meaning, unit and range
 */
export const UNITS_COLUMN_GUIDE: Readonly<Record<UnitsColumnName, UnitsColumnGuide>> = {
  countyId: { meaningZh: "区县代码，每县唯一", sourceZh: "国家统计局统计用区划代码（6 位）", sourceEn: "NBS statistical division code (6 digits)", example: "410100" },
  countyName: { meaningZh: "区县名称，仅用于显示", sourceZh: "区划名称", sourceEn: "division name", example: "示例县" },
  region: { meaningZh: "区域或省辖市，按区域查系数时使用", sourceZh: "所属省辖市，或分配办法中的区域（东部/中部/西部、民族县等）", sourceEn: "prefecture, or the region class in the allocation method", example: "示例市" },
  pupils: { meaningZh: "义务教育在校生数（小学 + 初中）", sourceZh: "教育事业统计年报（小学 + 初中在校生数）", sourceEn: "education statistics annual return (primary + junior secondary enrolment)", example: 52000 },
  poorPopulation: { meaningZh: "建档立卡贫困人口数", sourceZh: "扶贫部门建档立卡贫困人口（扶贫开发信息系统）", sourceEn: "poverty office's registered poor (建档立卡 system)", example: 38000 },
  poorShare: { meaningZh: "贫困发生率：贫困人口占总人口的比例，0–1", sourceZh: "贫困人口 ÷ 户籍人口（扶贫办、统计局），写 0.09 或 9%", sourceEn: "poor population ÷ registered population; 0.09 or 9%", example: 0.09 },
  fiscalCapacityPerCapitaYuan: { meaningZh: "人均可用财力；规则按“财力越强分得越少”使用时必须大于 0", sourceZh: "财政厅转移支付测算表：县级可用财力 ÷ 总人口", sourceEn: "finance department's transfer worksheet: available fiscal capacity ÷ population", example: 2400 },
  perPupilSpendingYuan: { meaningZh: "生均财政义务教育支出", sourceZh: "教育经费统计年报：生均一般公共预算教育事业费（小学、初中按学生数加权）", sourceEn: "education finance return: per-pupil public recurrent spending (primary and junior, pupil-weighted)", example: 7200 },
  spendingGrowthRate: { meaningZh: "生均支出比上年的增长率，可为负（不低于 -1）", sourceZh: "同一口径本年比上年增长，写 0.05（不写百分号）", sourceEn: "growth of that spending on last year, written 0.05 (no percent sign)", example: 0.06 },
  provincialFundsLastYearWanYuan: { meaningZh: "上年省本级改薄专项资金到县数", sourceZh: "省财政厅、教育厅上年下达改薄专项资金文件", sourceEn: "last year's provincial 改薄 fund notices", example: 850 },
  fundingGapWanYuan: { meaningZh: "基本办学条件经费理论缺口（对照底线要求）", sourceZh: "县级全面改薄实施方案的资金需求（对照 20 条底线要求测算的缺口）", sourceEn: "the county 全面改薄 plan's funding need against the 20 底线 standards", example: 21000 },
  taskCompletionShare: { meaningZh: "年度任务完成率，0–1，超额完成可大于 1", sourceZh: "全面改薄双月报：校舍竣工率与设备采购完成率", sourceEn: "the bi-monthly 双月报: completion and equipment rates", example: 0.62 },
  standardsMetShare: { meaningZh: "达到底线要求的学校占比，0–1", sourceZh: "督导评估：达到底线要求的学校占比", sourceEn: "inspectorate: share of schools meeting the 底线 standards", example: 0.55 },
  planQualityScore: { meaningZh: "规划编制质量得分，0–100", sourceZh: "省级评审县级实施方案的打分（0–100）", sourceEn: "provincial review score of the county plan (0–100)", example: 80 },
  supervisionScore: { meaningZh: "资金监督管理得分，0–100", sourceZh: "资金监督检查、绩效评价得分（0–100）", sourceEn: "fund supervision / performance evaluation score (0–100)", example: 78 },
  matchingCommittedWanYuan: { meaningZh: "本年地方（市、县）承诺配套资金", sourceZh: "县级实施方案中本年地方（市、县）承诺资金", sourceEn: "this year's local (city + county) money committed in the county plan", example: 3000 },
  matchingDeliveredWanYuan: { meaningZh: "本年地方配套资金实际到位数", sourceZh: "双月报资金到位情况中的地方资金到位数", sourceEn: "local money delivered (到位) in the 双月报", example: 1800 },
  lastYearAllocationWanYuan: { meaningZh: "上年从本项资金分得的金额（基期、保底用）", sourceZh: "上年本项资金分配下达文件", sourceEn: "last year's allocation notice of this fund", example: 2500 },
  idleBalanceWanYuan: { meaningZh: "以前年度资金结转结余（未支出）", sourceZh: "财政部门结转结余资金清理结果", sourceEn: "finance department's review of carried-over balances", example: 120 },
  regionCoefficient: { meaningZh: "区域系数，1 表示不调整", sourceZh: "省定分配办法中的区域系数（1 = 不调整）", sourceEn: "regional coefficient in the provincial method (1 = neutral)", example: 1 },
};
