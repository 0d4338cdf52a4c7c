import type { ColumnSpec, TableSchema } from "./table-schema.js";
import { headerKey, splitHeaderUnit } from "./normalize-cell-text.js";
import { UNITS_SCHEMA } from "../allocation/units-schema.js";

const rate = (name: string, zh: string, description: string, optional = false, more: readonly string[] = []): ColumnSpec => ({
  name,
  type: "number",
  unit: "share 0–1",
  minimum: 0,
  warnAbove: 1,
  optional,
  aliases: [zh, `${zh}(%)`, `${zh}（%）`, ...more],
  description,
});

// Headers offices use for the county code, name, city and report date (brackets and full-width forms match too).
const CODE_ALIASES = ["县区代码", "区划代码", "代码", "行政区划代码", "区县代码", "县(市、区)代码", "县代码"];
const NAME_ALIASES = ["县区", "县(市、区)", "县名", "区县", "县区名称", "区县名称", "县(市、区)名称", "县市区", "县(区)", "县(市)"];
const CITY_ALIASES = ["省辖市", "地市", "市", "市州", "地区", "所属市", "市(州)"];

/**
 * The 双月报 progress panel: one row per county and report date. Rates are shares (0.3437, or
 * "34.37%" in a cell); above 1 is accepted with a warning because counties over-deliver their plans.
 */
export const PROGRESS_SCHEMA: TableSchema = {
  kind: "progress",
  title: "progress panel (county × date)",
  titleZh: "双月报进度面板（县 × 日期）",
  columns: [
    { name: "county_id", type: "string", required: true, aliases: CODE_ALIASES, description: "county code" },
    { name: "county_name", type: "string", optional: true, aliases: NAME_ALIASES, description: "county name" },
    { name: "city", type: "string", optional: true, aliases: CITY_ALIASES, description: "prefecture city" },
    { name: "as_of", type: "date", required: true, aliases: ["截至日期", "日期", "报告期", "截止日期", "截至时间", "截止时间", "统计日期", "统计时间", "报告日期"], description: "report date (ISO)" },
    rate("start_rate", "开工率", "校舍建设开工率: started floor area / planned floor area", false, ["校舍建设开工率", "校舍开工率"]),
    rate("completion_rate", "竣工率", "校舍建设竣工率: completed floor area / planned floor area", false, ["校舍建设竣工率", "校舍竣工率"]),
    rate("equipment_rate", "设备采购完成率", "设备采购完成率: equipment purchased / planned", true, ["设备购置完成率", "设备采购率", "设备购置率"]),
    rate("funds_rate", "资金到位率", "资金到位率: funds arrived / planned", true, ["资金到位比例"]),
    { name: "synthetic", type: "boolean", optional: true, description: "true for generated (not real) rows" },
  ],
  primaryKey: ["county_id", "as_of"],
  ordered: { by: "as_of", within: ["county_id"] },
};

const wan = (name: string, description: string, optional = false): ColumnSpec => ({
  name,
  type: "number",
  unit: "万元",
  minimum: 0,
  optional,
  description,
});

/**
 * Counties of a province with their five-year plan funds by source (万元) and the attributes the
 * allocation rules and class-size projections read.
 */
export const COUNTIES_SCHEMA: TableSchema = {
  kind: "counties",
  title: "counties with plan funds and attributes",
  titleZh: "县情与规划资金",
  columns: [
    { name: "county_id", type: "string", required: true, aliases: CODE_ALIASES, description: "county code" },
    { name: "county_name", type: "string", required: true, aliases: NAME_ALIASES, description: "county name" },
    { name: "city", type: "string", optional: true, aliases: CITY_ALIASES, description: "prefecture city" },
    wan("plan_central_gaibo_wan_yuan", "中央薄改计划专项资金 in the five-year plan"),
    wan("plan_central_other_wan_yuan", "统筹的其他中央专项资金"),
    wan("plan_provincial_wan_yuan", "省级资金"),
    wan("plan_city_wan_yuan", "地市级资金"),
    wan("plan_county_wan_yuan", "县级资金"),
    wan("plan_other_wan_yuan", "其他资金"),
    wan("plan_buildings_wan_yuan", "校舍建设投资"),
    wan("plan_equipment_wan_yuan", "图书、课桌凳、计算机、教学仪器设备等投资"),
    { name: "planned_floor_area_m2", type: "number", unit: "m²", minimum: 0, optional: true, description: "planned school-building floor area" },
    { name: "pupils", type: "integer", unit: "pupils", minimum: 0, optional: true, description: "compulsory-education pupils (primary + junior)" },
    { name: "weak_schools", type: "integer", unit: "schools", minimum: 0, optional: true, description: "薄弱学校 in the plan" },
    { name: "fiscal_capacity_per_capita_yuan", type: "number", unit: "元/person", minimum: 0, optional: true, description: "人均可用财力: per-capita available fiscal capacity" },
    { name: "population", type: "integer", unit: "persons", minimum: 0, optional: true, description: "resident population" },
    { name: "poor_share", type: "number", unit: "share 0–1", minimum: 0, maximum: 1, optional: true, description: "贫困人口比例: share of the population registered as poor" },
    wan("matching_committed_wan_yuan", "地方配套 committed: city + county money in the plan", true),
    wan("matching_delivered_wan_yuan", "地方配套 delivered (到位) so far", true),
    { name: "synthetic", type: "boolean", optional: true, description: "true for generated (not real) rows" },
  ],
  primaryKey: ["county_id"],
};

/** Pupils, classes and big classes by county, area (urban 城区 / town 镇区 / rural 乡村) and level. */
export const ENROLMENT_SCHEMA: TableSchema = {
  kind: "enrolment",
  title: "enrolment and class counts by county × area × level",
  titleZh: "在校生与班额（县 × 城乡 × 学段）",
  columns: [
    { name: "county_id", type: "string", required: true, aliases: ["县区代码"], description: "county code" },
    { name: "year", type: "integer", required: true, minimum: 1990, maximum: 2100, aliases: ["年份"], description: "school year (autumn term)" },
    { name: "area", type: "string", required: true, enum: ["urban", "town", "rural"], description: "urban 城区, town 镇区, rural 乡村" },
    { name: "level", type: "string", required: true, enum: ["primary", "junior"], description: "primary 小学 or junior secondary 初中" },
    { name: "pupils", type: "integer", unit: "pupils", minimum: 0, required: true, aliases: ["在校生"], description: "pupils enrolled" },
    { name: "classes", type: "integer", unit: "classes", minimum: 0, required: true, aliases: ["班数"], description: "teaching classes" },
    { name: "classrooms", type: "integer", unit: "rooms", minimum: 0, optional: true, aliases: ["教室数"], description: "general classrooms available" },
    { name: "classes_56_plus", type: "integer", unit: "classes", minimum: 0, optional: true, aliases: ["大班额班数"], description: "大班额: classes of 56 or more pupils" },
    { name: "classes_66_plus", type: "integer", unit: "classes", minimum: 0, optional: true, aliases: ["超大班额班数"], description: "超大班额: classes of 66 or more pupils" },
    { name: "synthetic", type: "boolean", optional: true, description: "true for generated (not real) rows" },
  ],
  primaryKey: ["county_id", "year", "area", "level"],
};

/** Built-in dataset kinds that `gaibo validate` recognises. */
export const SCHEMAS: Record<string, TableSchema> = {
  progress: PROGRESS_SCHEMA,
  counties: COUNTIES_SCHEMA,
  enrolment: ENROLMENT_SCHEMA,
  units: UNITS_SCHEMA,
};

/**
 * Guess a file's dataset kind from its header: the kind whose required columns are all present,
 * preferring the one that explains the most columns.
 */
export function detectKind(header: readonly string[], schemas: Record<string, TableSchema> = SCHEMAS): TableSchema | undefined {
  // The same matching as validateSheet: "开工率（%）" and "开工率\n(%)" name 开工率.
  const norm = headerKey;
  const have = new Set(header.flatMap((h) => [headerKey(h), headerKey(splitHeaderUnit(h).name)]));
  let best: { schema: TableSchema; score: number } | undefined;
  for (const schema of Object.values(schemas)) {
    const hits = schema.columns.filter((c) => [c.name, ...(c.aliases ?? [])].some((n) => have.has(norm(n))));
    const required = schema.columns.filter((c) => !c.optional);
    const covered = required.filter((c) => hits.includes(c)).length;
    const score = covered / required.length + hits.length / 1000;
    if (!best || score > best.score) best = { schema, score };
  }
  return best && best.score >= 0.5 ? best.schema : undefined;
}
