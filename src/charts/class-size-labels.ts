import type { Bilingual, Lang } from "../shared/i18n.js";

/** Labels of the big-class charts and section, both languages in one place. */
export const CLASS_SIZE_LABELS = {
  slow: { zh: "慢速城镇化", en: "slow urbanization" },
  base: { zh: "基准城镇化", en: "base urbanization" },
  fast: { zh: "快速城镇化", en: "fast urbanization" },
  big: { zh: "大班额（56人及以上）", en: "big classes (56+)" },
  veryBig: { zh: "超大班额（66人及以上）", en: "very big classes (66+)" },
  bigShort: { zh: "56人及以上", en: "56+" },
  veryBigShort: { zh: "66人及以上", en: "66+" },
  classes: { zh: "班级数", en: "classes" },
  classrooms: { zh: "教室（间）", en: "classrooms" },
  year: { zh: "学年", en: "school year" },
  targetYear: { zh: "目标年份", en: "target year" },
  history: { zh: "基期（观测）", en: "base year (observed)" },
  projection: { zh: "预测（中位数）", en: "projection (median)" },
  band90: { zh: "90% 区间", en: "90% interval" },
  needed: { zh: "消除大班额所需教室（精准投放，累计）", en: "classrooms needed for no 56+ class (targeted, cumulative)" },
  planned: { zh: "已规划教室（累计）", en: "classrooms planned (cumulative)" },
  stock: { zh: "消化存量", en: "stock (消化存量)" },
  increment: { zh: "控制增量", en: "increment (控制增量)" },
  costYi: { zh: "建设投入（亿元）", en: "building cost (bn yuan)" },
  published: { zh: "公布值", en: "published" },
  modelNoDrive: { zh: "模型：不新增教室", en: "model: no new classrooms" },
  modelDrive: { zh: "模型：专项行动（按2018年拟合的建设速度）", en: "model: elimination drive (pace fitted to 2018)" },
  modelDriveAll: { zh: "模型：专项行动（按2018–2021年拟合的建设速度）", en: "model: elimination drive (pace fitted to 2018–2021)" },
  guangxi: { zh: "广西 2017（公布）", en: "Guangxi 2017 (published)" },
  model: { zh: "模型（合成县）", en: "model (synthetic counties)" },
  bigBelow: { zh: "大班额比例低于5%的县", en: "counties with 56+ share below 5%" },
  noVeryBig: { zh: "无超大班额的县", en: "counties with no 66+ class" },
  veryBigBelow: { zh: "超大班额比例低于2%的县", en: "counties with 66+ share below 2%" },
  countyShare: { zh: "县（市、区）占比", en: "share of counties" },
} satisfies Record<string, Bilingual>;

/** A class-size label in the chosen language. */
export function classSizeLabel(key: keyof typeof CLASS_SIZE_LABELS, lang: Lang): string {
  return CLASS_SIZE_LABELS[key][lang];
}

/** Colour per urbanization scenario, the same in every big-class chart. */
export const SCENARIO_COLOUR: Record<string, string> = { slow: "#2a7f62", base: "#1f5fa8", fast: "#b03a2e" };

/** Common options of the big-class charts. */
export interface ClassSizeChartOptions {
  lang: Lang;
  /** Source footnote. */
  source: string;
  /** Chart id (file-safe; ids of synthetic charts start with "synthetic"). */
  id?: string;
  /** Region named in the title. */
  region?: string;
}

/** The name of an urbanization scenario in the chosen language (presets translated, others as written). */
export function scenarioName(name: string, lang: Lang): string {
  return name in CLASS_SIZE_LABELS ? CLASS_SIZE_LABELS[name as "slow" | "base" | "fast"][lang] : name;
}
