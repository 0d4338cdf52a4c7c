import type { AllocationRuleInput } from "./rule-schema.js";

/** A cell of the 规则 sheet: text, a number, a boolean or empty. */
export type RuleSheetCell = string | number | boolean | null;

/** Title cell of the 规则 sheet; `ruleFromSheet` looks for the section markers below, not for this. */
export const RULE_SHEET_TITLE = "分配规则 allocation rule（gaibo；改写后用 gaibo allocate --rule 本文件.xlsx 运行）";
/** Section markers in column A: settings, the factor table, the other provisions. */
export const RULE_SHEET_SECTIONS = { settings: "【设置 settings】", factors: "【因素 factors】", provisions: "【其他条款 provisions】" } as const;
/** Header of the factor table: Chinese label with the JSON field in brackets; `ruleFromSheet` reads the bracketed name. */
export const RULE_SHEET_FACTOR_HEADER = [
  "组编号 (groupId)",
  "组名称 (groupLabel)",
  "组权重 (groupWeight)",
  "因素编号 (id)",
  "因素名称 (label)",
  "数据列 (column)",
  "因素权重 (weight)",
  "方向 (direction)",
  "标准化 (normalisation)",
  "人口列 (population)",
] as const;

/** Chinese meaning of the rule fields a planner meets, keyed by path with numbers replaced by `*`. */
export const RULE_FIELD_MEANINGS: Readonly<Record<string, string>> = {
  name: "规则名称（输出文件名用它）",
  description: "规则说明",
  budgetWanYuan: "预算总额，万元（运行时 --budget-wan-yuan 可覆盖）",
  "assumptions.*": "假设（每行一条）",
  "sources.*.title": "出处标题",
  "sources.*.url": "出处网址",
  "sources.*.quote": "出处原文",
  "sources.*.note": "出处备注",
  "matching.kind": "配套方式：matching-share（按配套到位额分一块）、matching-ratio（按到位额比例奖补）、matching-multiplier（按到位率乘系数）",
  "matching.weight": "按配套到位额分配的权重（与各组权重合计为 1）",
  "matching.column": "配套到位额所在列（万元）",
  "matching.ratio": "每万元到位配套奖补的万元数",
  "matching.capRatio": "配套奖补占公式资金的上限比例",
  "matching.elasticity": "配套系数 = (1+到位率)^弹性",
  "matching.factor": "配套系数 = 1 + 系数 × 到位率",
  "matching.committedColumn": "承诺配套额所在列（万元）",
  "matching.deliveredColumn": "到位配套额所在列（万元）",
  "regional.kind": "区域系数：column（取自一列）或 lookup（按区域名称查表）",
  "regional.column": "区域系数或区域名称所在列",
  "regional.multipliers.*": "该区域的系数",
  "regional.otherwise": "未列出区域的系数",
  "bounds.floor.perCountyWanYuan": "每县保底，万元",
  "bounds.floor.perPupilYuan": "生均保底，元/生",
  "bounds.ceiling.perCountyWanYuan": "每县上限，万元",
  "bounds.ceiling.perPupilYuan": "生均上限，元/生",
  "bounds.ceiling.budgetShare": "每县最多占预算的比例",
  "bounds.holdHarmless.column": "上年分配额所在列（万元）",
  "bounds.holdHarmless.share": "至少保持上年分配额的比例",
  "incentives.rewardPoolShare": "奖励资金占预算的比例（先行切块）",
  "incentives.reward.column": "奖励依据列（如年度任务完成率）",
  "incentives.reward.threshold": "达到此值才得奖励",
  "incentives.reward.basis": "奖励按什么分：formula（公式资金）、pupils（学生数）、equal（平均）",
  "incentives.deductions.*.kind": "扣减方式：progress（进度慢扣减公式资金的一定比例）、idle-balance（按结转结余扣减）",
  "incentives.deductions.*.column": "扣减依据列",
  "incentives.deductions.*.threshold": "低于此值扣减",
  "incentives.deductions.*.share": "扣减比例",
  "transition.baselineColumn": "基期（上年）分配额所在列，万元",
  "transition.baselinePupilsColumn": "基期学生数所在列（缺省用本年学生数）",
  "transition.guarantee.maxLossPerPupilShare": "最低保障：生均比基期最多减少的比例",
  "transition.gainsCap.maxGainPerPupilShare": "增幅上限：生均比基期最多增加的比例",
  "transition.path.years": "过渡年数：分几年走到公式结果",
  "transition.path.year": "本年是过渡期第几年",
};

const pattern = (path: string) => path.replace(/\.\d+(?=\.|$)/g, ".*").replace(/^(regional\.multipliers)\.[^.]+$/, "$1.*");

/** The Chinese meaning of a field path such as `incentives.deductions.0.share` (empty when unknown). */
export function ruleFieldMeaning(path: string): string {
  return RULE_FIELD_MEANINGS[pattern(path)] ?? "";
}

/** Leaves of a JSON value as [dotted path, value] pairs; arrays are indexed by number (`deductions.0.kind`). */
function flatten(value: unknown, prefix: string, out: [string, RuleSheetCell][]): void {
  if (value === null || typeof value !== "object") {
    out.push([prefix, value as RuleSheetCell]);
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) out.push([prefix, Array.isArray(value) ? "[]" : "{}"]);
  for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
}

/**
 * Lay an allocation rule out as the 规则 sheet of an Excel workbook, so an office can write or change a rule in Excel.
 *
 * Three sections, each opened by a marker in column A: settings (name, description, budget, assumptions, sources),
 * the factor table (one row per sub-factor with its group's id, label and weight repeated), and every other
 * provision (matching, regional coefficients, floors and ceilings, rewards, deductions, transition) as one row per
 * field: the field's path in column A (`incentives.deductions.0.share`), its value in B and its Chinese meaning in C.
 * `ruleFromSheet` reads the same layout back; the two are inverse on every rule (tested over every preset).
 *
 * @param rule a rule as written in JSON (defaults need not be filled in)
 * @returns rows of cells, row 1 first
 * @example ruleToSheet(rule)[0][0] // RULE_SHEET_TITLE
 * @see ruleFromSheet
 */
export function ruleToSheet(rule: AllocationRuleInput): RuleSheetCell[][] {
  const rows: RuleSheetCell[][] = [[RULE_SHEET_TITLE], []];
  const { groups, ...rest } = rule as AllocationRuleInput & Record<string, unknown>;
  const settingsKeys = new Set(["name", "description", "budgetWanYuan", "assumptions", "sources"]);
  const settings: [string, RuleSheetCell][] = [];
  const provisions: [string, RuleSheetCell][] = [];
  for (const [k, v] of Object.entries(rest)) flatten(v, k, settingsKeys.has(k) ? settings : provisions);
  rows.push([RULE_SHEET_SECTIONS.settings], ["字段 (field)", "值 (value)", "说明 (meaning)"]);
  for (const [p, v] of settings) rows.push([p, v, ruleFieldMeaning(p)]);
  rows.push([], [RULE_SHEET_SECTIONS.factors], [...RULE_SHEET_FACTOR_HEADER]);
  for (const g of groups) {
    for (const f of g.factors) {
      rows.push([g.id, g.label ?? null, g.weight, f.id ?? null, f.label ?? null, f.column, f.weight, f.direction, f.normalisation, f.population ?? null]);
    }
  }
  rows.push([], [RULE_SHEET_SECTIONS.provisions], ["字段 (field)", "值 (value)", "说明 (meaning)"]);
  for (const [p, v] of provisions) rows.push([p, v, ruleFieldMeaning(p)]);
  return rows;
}
