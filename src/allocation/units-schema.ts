import type { ColumnSpec, TableSchema } from "../data/table-schema.js";
import { unitsColumns, type UnitsColumnName } from "./units-columns.js";

/** `fiscalCapacityPerCapitaYuan` → `fiscal_capacity_per_capita_yuan`, the snake_case spelling of the bundled CSVs. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Extra headers planning offices use for some columns, beyond the label in `unitsColumns`. */
const MORE_ALIASES: Partial<Record<UnitsColumnName, readonly string[]>> = {
  countyId: ["县区代码", "区划代码", "代码"],
  countyName: ["县区", "县(市、区)", "县名"],
  region: ["省辖市", "地市", "市"],
  pupils: ["学生数", "在校生"],
  poorShare: ["贫困人口比例"],
  matchingDeliveredWanYuan: ["配套资金到位"],
};

const SHARES = new Set<UnitsColumnName>(["poorShare", "standardsMetShare", "taskCompletionShare"]);

function spec(name: UnitsColumnName): ColumnSpec {
  const c = unitsColumns[name];
  const aliases = [c.label, snake(name), ...(MORE_ALIASES[name] ?? [])].filter((a, i, all) => a !== name && all.indexOf(a) === i);
  if (c.kind === "id") {
    return { name, type: "string", required: name === "countyId", optional: name !== "countyId", aliases, description: c.description };
  }
  const share = SHARES.has(name);
  return {
    name,
    type: "number",
    // "share …" units let cells be written as percentages ("34.37%"), as in the 双月报.
    unit: share ? "share 0–1" : c.unit,
    ...(c.min !== undefined ? { minimum: c.min } : {}),
    ...(name === "poorShare" || name === "standardsMetShare" ? { maximum: 1 } : {}),
    ...(name === "taskCompletionShare" ? { warnAbove: 1 } : {}),
    ...(name === "planQualityScore" || name === "supervisionScore" ? { maximum: 100 } : {}),
    required: name === "pupils",
    optional: name !== "pupils",
    aliases,
    description: c.description,
  };
}

/**
 * The schema of a county-units file for `gaibo allocate` and `gaibo validate --kind units`: one row per county with
 * the `unitsColumns` (camelCase), also accepted under their Chinese labels (区县代码, 义务教育学生数, 人均可用财力, …)
 * and their snake_case spellings. Only `countyId` and `pupils` are required; a rule checks the columns it reads when
 * it runs (`ruleColumns`), and columns the schema does not know are kept so a rule can name them.
 *
 * @example UNITS_SCHEMA.columns.find((c) => c.name === "fiscalCapacityPerCapitaYuan")?.aliases?.[0] // "人均可用财力"
 * @see unitsColumns
 */
export const UNITS_SCHEMA: TableSchema = {
  kind: "units",
  title: "county units for allocation rules",
  titleZh: "资金分配县级因素表",
  columns: [...(Object.keys(unitsColumns) as UnitsColumnName[]).map(spec), { name: "synthetic", type: "boolean", optional: true, description: "true for generated (not real) rows" }],
  primaryKey: ["countyId"],
};
