import type { Bilingual, Lang } from "../shared/i18n.js";

/**
 * The one dictionary of labels shown in charts and reports; codes in data stay English
 * (`start_rate`, `urban`), what users read comes from here.
 */
export const LABELS: Record<string, Bilingual> = {
  // progress indicators
  start_rate: { zh: "校舍开工率", en: "Building start rate" },
  completion_rate: { zh: "校舍竣工率", en: "Building completion rate" },
  equipment_rate: { zh: "设备采购完成率", en: "Equipment purchase rate" },
  funds_rate: { zh: "资金到位率", en: "Funds arrival rate" },
  investment_share: { zh: "投资完成率", en: "Investment completed" },
  // fund sources
  total: { zh: "合计", en: "Total" },
  central_total: { zh: "中央专款", en: "Central funds" },
  central_gaibo: { zh: "中央薄改专项", en: "Central 改薄 fund" },
  central_other: { zh: "统筹其他中央专项", en: "Other central funds" },
  local_total: { zh: "地方财政资金", en: "Local funds" },
  provincial: { zh: "省级", en: "Provincial" },
  city: { zh: "地市级", en: "City" },
  county: { zh: "县级", en: "County" },
  other: { zh: "其他资金", en: "Other funds" },
  buildings: { zh: "校舍建设", en: "Buildings" },
  equipment: { zh: "设备购置", en: "Equipment" },
  // areas and levels
  urban: { zh: "城区", en: "Urban" },
  town: { zh: "镇区", en: "Town" },
  rural: { zh: "乡村", en: "Rural" },
  primary: { zh: "小学", en: "Primary" },
  junior: { zh: "初中", en: "Junior secondary" },
  // provenance
  seed: { zh: "种子文件（原始讲话与简报）", en: "seed documents (speeches and bulletins)" },
  real: { zh: "真实公开数据", en: "real published figures" },
  synthetic: { zh: "合成数据（模拟，非真实）", en: "SYNTHETIC data (simulated, not real)" },
  user: { zh: "用户数据（gaibo 未核实）", en: "user data (not verified by gaibo)" },
  source: { zh: "来源", en: "Source" },
  target70: { zh: "“双超70%”目标", en: "“both above 70%” target" },
  share_axis: { zh: "比例", en: "Share" },
  date_axis: { zh: "日期", en: "Date" },
  yi_yuan: { zh: "亿元", en: "bn yuan" },
  median: { zh: "中位数", en: "median" },
  iqr: { zh: "四分位区间（25%–75%）", en: "interquartile range (25–75%)" },
  range: { zh: "最小–最大", en: "min–max" },
  province_mean: { zh: "全省平均", en: "province mean" },
};

/**
 * Label of a code in the chosen language; unknown codes are shown as written, so a new code in a
 * user's file still displays.
 *
 * @example label("start_rate", "zh") // "校舍开工率"
 */
export function label(code: string, lang: Lang): string {
  return LABELS[code]?.[lang] ?? code;
}

/** The indicators the national “双超70%” target names: 校舍竣工率 and 设备采购完成率. */
const DOUBLE_70 = new Set(["completion_rate", "equipment_rate"]);

/**
 * The legend name of a target line: “双超70%”目标 on the indicators that target names, a plain reference
 * line elsewhere (a start-rate chart has no 双超70% target).
 *
 * @param indicator indicator code
 * @param target the line's level, 0–1
 * @example targetLineName("start_rate", 0.7, "zh") // "70% 参考线"
 */
export function targetLineName(indicator: string, target: number, lang: Lang): string {
  const pct = `${Math.round(target * 100)}%`;
  return DOUBLE_70.has(indicator) ? label("target70", lang).replace("70%", pct) : lang === "zh" ? `${pct} 参考线` : `${pct} reference line`;
}
