import type { EquityMeasures } from "../allocation/equity.js";
import type { ReportTable } from "../report/render-html.js";
import type { Bilingual, Lang } from "../shared/i18n.js";

/** One rule's equity and leverage (a `RuleComparison` fits). */
export interface RuleEquity {
  ruleName: string;
  equity: EquityMeasures;
  /** Local matching per yuan of central money; omitted when not computed. */
  leverage?: number;
}

const COLUMNS: { key: string; label: Bilingual; value: (r: RuleEquity) => number | null | undefined; digits: number }[] = [
  { key: "mean", label: { zh: "生均（元）", en: "mean per pupil (yuan)" }, value: (r) => r.equity.mean, digits: 0 },
  { key: "gini", label: { zh: "基尼系数", en: "Gini" }, value: (r) => r.equity.gini, digits: 3 },
  { key: "cv", label: { zh: "变异系数", en: "coeff. of variation" }, value: (r) => r.equity.coefficientOfVariation, digits: 3 },
  { key: "mcloone", label: { zh: "McLoone 指数", en: "McLoone index" }, value: (r) => r.equity.mcLooneIndex, digits: 3 },
  { key: "frr", label: { zh: "联邦极差率", en: "federal range ratio" }, value: (r) => r.equity.federalRangeRatio, digits: 2 },
  { key: "fiscal", label: { zh: "与人均财力相关", en: "correlation with fiscal capacity" }, value: (r) => r.equity.fiscalCapacityCorrelation, digits: 2 },
  { key: "gap", label: { zh: "缺口弥合比例", en: "gap closed" }, value: (r) => r.equity.gapClosedShare, digits: 3 },
  { key: "leverage", label: { zh: "撬动地方资金（元/元）", en: "leverage (local yuan per central yuan)" }, value: (r) => r.leverage, digits: 2 },
];

const LABELS = {
  title: { zh: "各分配规则的公平性指标（生均分配额，按学生数加权）", en: "Equity of each rule (allocation per pupil, pupil-weighted)" },
  rule: { zh: "规则", en: "rule" },
  note: {
    zh: "基尼系数、变异系数、联邦极差率越小越均等；McLoone 指数越接近 1，中位数以下学生越接近中位数；与人均财力的相关为负说明资金流向财力弱的县（财政中性）；缺口弥合比例 = 分配额能覆盖的理论缺口份额；撬动 = 地方配套到位额 / 中央资金。",
    en: "Lower Gini, CV and federal range ratio mean more equal; a McLoone index near 1 means pupils below the median get close to it; a negative correlation with fiscal capacity means money flows to poorer counties (fiscal neutrality); gap closed = share of the theoretical funding gap the allocation covers; leverage = local matching delivered per yuan of central money.",
  },
  assumed: { zh: "central-2015 的权重为假设（未找到公布的权重）。", en: "central-2015's weights are assumptions (no published weights were found)." },
} as const;

/**
 * The equity measures of several rules side by side as a report table: mean per pupil, Gini, coefficient of
 * variation, McLoone, federal range ratio, fiscal neutrality, gap closed and leverage, one row per rule.
 *
 * @param rules one per rule (e.g. `compareRules(...)`)
 * @param options language; `assumedWeightsNote` adds the note that central-2015's weights are assumed
 * @returns a ReportTable of formatted strings (— where a measure is not available)
 * @example equityTable(compareRules(units, rules, { budgetFen }), { lang: "en" }).columns[1] // "mean per pupil (yuan)"
 * @see equity (Berne & Stiefel 1984)
 */
export function equityTable(rules: readonly RuleEquity[], options: { lang: Lang; assumedWeightsNote?: boolean; title?: string }): ReportTable {
  const { lang } = options;
  const cols = COLUMNS.filter((c) => c.key !== "leverage" || rules.some((r) => r.leverage !== undefined));
  const fmt = (v: number | null | undefined, digits: number) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  return {
    title: options.title ?? LABELS.title[lang],
    columns: [LABELS.rule[lang], ...cols.map((c) => c.label[lang])],
    rows: rules.map((r) => [r.ruleName, ...cols.map((c) => fmt(c.value(r), c.digits))]),
    note: LABELS.note[lang] + (options.assumedWeightsNote ? ` ${LABELS.assumed[lang]}` : ""),
  };
}
