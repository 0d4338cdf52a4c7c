import { DataValidationError, type DataIssue } from "../shared/errors.js";
import type { AllocationRule } from "./rule-schema.js";
import { RULE_SHEET_FACTOR_HEADER, RULE_SHEET_SECTIONS, type RuleSheetCell } from "./rule-to-sheet.js";
import { validateRule } from "./validate-rule.js";

/** Factor-table fields whose cells are numbers; every other field is text. */
const NUMERIC_FACTOR_FIELDS = new Set(["groupWeight", "weight"]);
/** Provision and setting leaves that are text even when they look like numbers. */
const TEXT_LEAVES = /(^|\.)(name|description|kind|column|committedColumn|deliveredColumn|baselineColumn|baselinePupilsColumn|basis|title|url|quote|note|label)$|^assumptions\.\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const blank = (c: RuleSheetCell | undefined) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");
const text = (c: RuleSheetCell | undefined) => (blank(c) ? "" : String(c).trim());

/**
 * Read a rule written in the 规则 sheet (the layout of `ruleToSheet`) and validate it with the same checks and
 * messages as a JSON rule (`validateRule`), each message also naming the sheet row it comes from.
 *
 * Reading is strict where a silent guess would change money: a factor row whose group weight or label differs from
 * the group's first row, a setting or provision row without a field name, a field given twice, a non-number in a
 * weight cell are errors naming the row. Text cells in a number field ("0.25") are read as numbers; percentages
 * are not (write 0.25, not 25%).
 *
 * @param cells the sheet's rows of cells (row 1 first), as read from Excel
 * @param fileName where the sheet came from, for messages (e.g. `模板.xlsx`)
 * @param sheetName the sheet's name, for messages (default 规则)
 * @returns the validated rule with defaults filled in
 * @throws DataValidationError listing every problem with its row
 * @example ruleFromSheet(ruleToSheet(rule), "r.xlsx").name // rule.name
 * @see ruleToSheet, validateRule
 */
export function ruleFromSheet(cells: readonly (readonly RuleSheetCell[])[], fileName: string, sheetName = "规则"): AllocationRule {
  const { value, rowOf } = ruleInputFromSheet(cells, fileName, sheetName);
  try {
    return validateRule(value, fileName);
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    // validateRule names the field path first ("groups[0].factors[1].weight: …"); point at the row that holds it.
    const issues = err.issues.map((i): DataIssue => {
      const path = /^([A-Za-z0-9_.[\]]+):/.exec(i.message)?.[1];
      const row = path ? rowOf(path) : undefined;
      return { ...i, sheet: sheetName, ...(row !== undefined ? { row } : {}) };
    });
    throw new DataValidationError(issues, err.message.split("\n")[0]);
  }
}

/**
 * The rule object the 规则 sheet spells (before validation), with a lookup from a field path to its sheet row.
 *
 * @param cells rows of cells
 * @param fileName for messages
 * @param sheetName for messages
 * @returns the rule as JSON would hold it, and `rowOf(path)` (paths as validateRule prints them)
 * @throws DataValidationError for layout problems (missing sections, bad factor rows, repeated fields)
 */
export function ruleInputFromSheet(cells: readonly (readonly RuleSheetCell[])[], fileName: string, sheetName = "规则") {
  const issues: DataIssue[] = [];
  const bad = (row: number, column: string | undefined, message: string, messageZh: string) =>
    issues.push({ severity: "error", file: fileName, sheet: sheetName, row, ...(column ? { column } : {}), message, messageZh });
  const markers = Object.values(RULE_SHEET_SECTIONS) as string[];
  let section: keyof typeof RULE_SHEET_SECTIONS | null = null;
  let headerPending = false;
  let factorColumns: string[] = [];
  const leaves: { path: string; value: RuleSheetCell; row: number }[] = [];
  const factorRows: { cells: Record<string, RuleSheetCell>; row: number }[] = [];
  const seen = new Set<string>();
  cells.forEach((rowCells, k) => {
    const row = k + 1;
    const first = text(rowCells[0]);
    const marker = markers.indexOf(first);
    if (marker >= 0) {
      section = (Object.keys(RULE_SHEET_SECTIONS) as (keyof typeof RULE_SHEET_SECTIONS)[])[marker];
      headerPending = true;
      return;
    }
    if (section === null || rowCells.every(blank)) return;
    if (headerPending) {
      headerPending = false;
      if (section === "factors") {
        factorColumns = rowCells.map((c) => /\(([A-Za-z]+)\)\s*$/.exec(text(c))?.[1] ?? text(c));
        const wanted = RULE_SHEET_FACTOR_HEADER.map((h) => /\(([A-Za-z]+)\)/.exec(h)![1]);
        const missing = wanted.filter((w) => w !== "population" && w !== "id" && w !== "label" && w !== "groupLabel" && !factorColumns.includes(w));
        if (missing.length) bad(row, undefined, `factor table header lacks ${missing.join(", ")}`, `因素表表头缺少 ${missing.join("、")}`);
      }
      return;
    }
    if (section === "factors") {
      const record: Record<string, RuleSheetCell> = {};
      factorColumns.forEach((name, i) => (record[name] = rowCells[i] ?? null));
      factorRows.push({ cells: record, row });
      return;
    }
    if (!first) {
      bad(row, "A", "has a value but no field name in column A", "B 列有值，但 A 列没有字段名");
      return;
    }
    if (seen.has(first)) bad(row, "A", `field ${first} is given twice`, `字段 ${first} 重复出现`);
    seen.add(first);
    leaves.push({ path: first, value: rowCells[1] ?? null, row });
  });
  for (const s of ["settings", "factors"] as const) {
    if (!cells.some((r) => text(r[0]) === RULE_SHEET_SECTIONS[s])) {
      bad(1, "A", `has no ${RULE_SHEET_SECTIONS[s]} section`, `缺少 ${RULE_SHEET_SECTIONS[s]} 部分`);
    }
  }

  const rows = new Map<string, number>();
  const value: Record<string, unknown> = {};
  for (const leaf of leaves) {
    const parts = leaf.path.split(".");
    let v: unknown = leaf.value;
    if (v === "[]") v = [];
    else if (v === "{}") v = {};
    else if (typeof v === "string" && !TEXT_LEAVES.test(leaf.path) && NUMBER.test(v.trim())) v = Number(v.trim());
    else if (v === "true" || v === "false") v = v === "true";
    if (blank(leaf.value)) continue;
    setPath(value, parts, v);
    rows.set(leaf.path, leaf.row);
  }

  const groups: Record<string, unknown>[] = [];
  const groupIndex = new Map<string, number>();
  for (const { cells: c, row } of factorRows) {
    const groupId = text(c.groupId);
    if (!groupId) {
      bad(row, "组编号 (groupId)", "is empty", "为空");
      continue;
    }
    const num = (field: string): unknown => {
      const raw = c[field];
      if (blank(raw)) return undefined;
      if (typeof raw === "number") return raw;
      if (NUMERIC_FACTOR_FIELDS.has(field) && NUMBER.test(String(raw).trim())) return Number(String(raw).trim());
      return raw;
    };
    let gi = groupIndex.get(groupId);
    if (gi === undefined) {
      gi = groups.length;
      groupIndex.set(groupId, gi);
      const g: Record<string, unknown> = { id: groupId, weight: num("groupWeight"), factors: [] };
      if (text(c.groupLabel)) g.label = text(c.groupLabel);
      groups.push(g);
      rows.set(`groups[${gi}]`, row);
    } else {
      const g = groups[gi];
      const w = num("groupWeight");
      if (w !== undefined && w !== g.weight) bad(row, "组权重 (groupWeight)", `group ${groupId} has weight ${String(g.weight)} on its first row and ${String(w)} here`, `组 ${groupId} 首行权重为 ${String(g.weight)}，此行为 ${String(w)}`);
      if (text(c.groupLabel) && text(c.groupLabel) !== (g.label ?? "")) bad(row, "组名称 (groupLabel)", `group ${groupId} is called ${String(g.label ?? "")} on its first row`, `组 ${groupId} 首行名称为 ${String(g.label ?? "")}`);
    }
    const factors = groups[gi].factors as Record<string, unknown>[];
    const f: Record<string, unknown> = {};
    for (const key of ["id", "label", "column", "direction", "normalisation", "population"]) if (text(c[key])) f[key] = text(c[key]);
    const w = num("weight");
    if (w !== undefined) f.weight = w;
    rows.set(`groups[${gi}].factors[${factors.length}]`, row);
    factors.push(f);
  }
  if (issues.length) throw new DataValidationError(issues, `ruleFromSheet found ${issues.length} problem(s) in ${fileName} [${sheetName}]`);
  const rule = { ...value, groups };
  const rowOf = (path: string): number | undefined => {
    // validateRule prints groups[0].factors[1].weight and incentives.deductions[0].share.
    const dotted = path.replace(/\[(\d+)\]/g, ".$1");
    for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
      if (rows.has(p)) return rows.get(p);
      if (p === p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) break;
    }
    for (let p = dotted; p; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
      if (rows.has(p)) return rows.get(p);
      const under = [...rows.keys()].find((k) => k.startsWith(`${p}.`));
      if (under) return rows.get(under);
    }
    return undefined;
  };
  return { value: rule, rowOf };
}

function setPath(target: Record<string, unknown>, parts: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
    const key = Array.isArray(node) ? Number(part) : part;
    const container = node as Record<string | number, unknown>;
    if (last) container[key] = value;
    else {
      if (container[key] === undefined || typeof container[key] !== "object") container[key] = nextIsIndex ? [] : {};
      node = container[key] as Record<string, unknown>;
    }
  });
}
