import type { TableSchema } from "./table-schema.js";

/** Indicator names a planning office may write, mapped to gaibo's codes. */
export const INDICATOR_ALIASES: Record<string, string> = {
  start_rate: "start_rate",
  completion_rate: "completion_rate",
  equipment_rate: "equipment_rate",
  funds_rate: "funds_rate",
  开工率: "start_rate",
  校舍开工率: "start_rate",
  竣工率: "completion_rate",
  校舍竣工率: "completion_rate",
  设备采购完成率: "equipment_rate",
  设备率: "equipment_rate",
  资金到位率: "funds_rate",
};

/**
 * Published progress figures of provinces or cities, one per row: region, indicator, date and the
 * share (0–1, or written as a percentage such as 36%). Input of `gaibo forecast`.
 */
export const PUBLISHED_POINTS_SCHEMA: TableSchema = {
  kind: "published-points",
  title: "Published progress figures",
  titleZh: "公布的进度数字",
  columns: [
    { name: "region", type: "string", required: true, aliases: ["地区", "省份", "地市"], description: "province or city as published" },
    { name: "indicator", type: "string", required: true, enum: Object.keys(INDICATOR_ALIASES), aliases: ["指标"], description: "start_rate, completion_rate, equipment_rate, funds_rate (or 开工率, 竣工率, 设备采购完成率, 资金到位率)" },
    { name: "date", type: "date", required: true, aliases: ["日期", "as_of", "截至日期"], description: "date the figure refers to" },
    // Above 5 is almost surely a percentage written without its % sign (36 for 36%): an error, not a silent ×100.
    { name: "value", type: "number", unit: "share 0–1", required: true, minimum: 0, maximum: 5, warnAbove: 1, aliases: ["数值", "value_share", "比例"], description: "share complete, 0–1 (36% may be written as 36%)" },
  ],
  primaryKey: ["region", "indicator", "date"],
};
