import * as aq from "arquero";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { allocate } from "../allocation/allocate.js";
import { allocationEquity } from "../allocation/allocation-equity.js";
import { parseRule } from "../allocation/parse-rule.js";
import type { AllocationRule } from "../allocation/rule-schema.js";
import { FEN_PER_WAN_YUAN } from "../allocation/units-columns.js";
import { UNITS_SCHEMA } from "../allocation/units-schema.js";
import { tableToCsv, tableToXlsx } from "../data/convert-table.js";
import { loadTable } from "../data/load-table.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { DataValidationError, cannotReadMessage, formatIssue, type DataIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";

/** Options of `gaibo allocate`. */
export interface AllocateCommandOptions {
  /** County units file, .csv or .xlsx (columns of `UNITS_SCHEMA`, English or Chinese headers). */
  units: string;
  /** Rule file, JSON (see datasets/rules/*.json). */
  rule: string;
  /** Budget in 万元; overrides the rule's budgetWanYuan. */
  budgetWanYuan?: number;
  /** Output directory (default: ./allocation). */
  out?: string;
  /** Excel sheet of the units file (first by default). */
  sheet?: string;
  lang: Lang;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * `gaibo allocate --units <csv|xlsx> --rule <json> [--budget-wan-yuan n] [--out dir] [--lang en]`: run a rule on a
 * county file and write the allocation ledger (one row per county, amounts in fen and 万元, each factor's
 * contribution) as CSV and Excel. Every input problem is printed with its file, field, row and column and nothing is
 * written (exit code 1); files are written all together or not at all.
 *
 * @param opts file paths, budget, output directory, language
 * @returns the process exit code: 0 on success, 1 on an input problem
 */
export async function runAllocate(opts: AllocateCommandOptions): Promise<number> {
  const zh = opts.lang === "zh";
  const ruleFile = path.basename(opts.rule);
  const unitsFile = path.basename(opts.units);
  try {
    const rule = await readRule(opts.rule);
    const budgetFen = resolveBudgetFen(rule, opts.budgetWanYuan, ruleFile);
    const { table, rowNumbers } = await loadTable(opts.units, UNITS_SCHEMA, opts.sheet ? { sheet: opts.sheet } : {});
    const units = numericExtras(table);
    let result;
    try {
      result = allocate(units, rule, { budgetFen, source: unitsFile });
    } catch (err) {
      // allocate counts rows as a clean sheet would (first county = row 2); map them to the file's real rows.
      if (err instanceof DataValidationError) {
        const issues = err.issues.map((i): DataIssue => (i.row !== undefined ? { ...i, file: i.file ?? unitsFile, row: rowNumbers[i.row - 2] ?? i.row } : { ...i, file: i.file ?? unitsFile }));
        throw new DataValidationError(issues, err.message.split("\n")[0]);
      }
      if (err instanceof RangeError) throw new DataValidationError([{ severity: "error", file: ruleFile, message: err.message, messageZh: allocateFailureZh(err.message) }]);
      throw err;
    }
    const base = `allocation-${slug(rule.name)}`;
    const files = [
      { path: `${base}.csv`, content: tableToCsv(result.table) },
      { path: `${base}.xlsx`, content: await tableToXlsx(result.table, "allocation") },
    ];
    const out = opts.out ?? "allocation";
    const written = await writeFilesAtomically(out, files);
    const eq = allocationEquity(result.rows.map((r) => r.allocationFen), units);
    const total = result.budgetFen / FEN_PER_WAN_YUAN;
    console.log(
      zh
        ? `规则 ${rule.name}：${result.rows.length} 个县，分配 ${total} 万元（到分守恒）；生均基尼系数 ${eq.gini.toFixed(3)}，McLoone 指数 ${eq.mcLooneIndex.toFixed(3)}`
        : `rule ${rule.name}: ${result.rows.length} counties, ${total} 万元 allocated (exact to the fen); per-pupil Gini ${eq.gini.toFixed(3)}, McLoone ${eq.mcLooneIndex.toFixed(3)}`,
    );
    for (const f of written) console.log(f);
    return 0;
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    const errors = err.issues.filter((i) => i.severity === "error");
    console.error(zh ? `发现 ${errors.length} 处错误，未写出任何结果：` : `${errors.length} error(s); nothing was written:`);
    for (const i of errors) console.error(formatIssue(i, opts.lang));
    return 1;
  }
}

async function readRule(file: string): Promise<AllocationRule> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new DataValidationError([{ severity: "error", file: name, ...cannotReadMessage(err) }]);
  }
  return parseRule(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, name);
}

// allocate's RangeErrors are for programmers; these are the ones a rule or a units file can cause.
const ALLOCATE_FAILURES_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^allocate requires at least one county$/, () => "县级因素表中没有任何县"],
  [/^allocate requires unique countyId values, got (.+) twice$/, (m) => `县代码 countyId 必须唯一，${m[1]} 出现了两次`],
  [/^allocate requires a positive regional or matching coefficient/, () => "所有分得公式资金的县的地区系数或配套系数都不大于 0，无法分配"],
  [/^allocate cannot meet county (.+)'s floor (.+) because its ceiling is (.+)$/, (m) => `县 ${m[1]} 的下限 ${m[2]} 高于其上限 ${m[3]}，无法同时满足`],
  [/^allocate cannot meet the floors: they sum to (.+) but the budget is (.+)$/, (m) => `各县下限合计 ${m[1]}，超过预算 ${m[2]}，无法满足`],
  [/^allocate cannot place the budget under the ceilings: they sum to (.+) but the budget is (.+)$/, (m) => `各县上限合计 ${m[1]}，低于预算 ${m[2]}，预算分不完`],
  [/^normaliseFactor requires positive values for a (capacity share|per-capita capacity), got (.+) at index (\d+)$/, (m) => `capacity 方向的因素要求各县数值都大于 0，但（按文件顺序）第 ${Number(m[3]) + 1} 个县为 ${m[2]}`],
];

/** The Chinese of an allocate RangeError; one not in the table is quoted in English after a Chinese lead. */
function allocateFailureZh(message: string): string {
  for (const [re, zh] of ALLOCATE_FAILURES_ZH) {
    const m = re.exec(message);
    if (m) return zh(m).replace(/ fen \(([^)]*) 万元\)/g, " 分（$1 万元）");
  }
  return `无法按此规则分配：${message}`;
}

function resolveBudgetFen(rule: AllocationRule, budgetWanYuan: number | undefined, ruleFile: string): number {
  if (budgetWanYuan !== undefined) {
    if (!Number.isFinite(budgetWanYuan) || !(budgetWanYuan > 0)) {
      throw new DataValidationError([
        {
          severity: "error",
          column: "--budget-wan-yuan",
          message: `must be a positive number of 万元, got ${budgetWanYuan}`,
          messageZh: `必须是正数（单位：万元），实际为 ${budgetWanYuan}`,
        },
      ]);
    }
    return Math.round(budgetWanYuan * FEN_PER_WAN_YUAN);
  }
  if (rule.budgetWanYuan !== undefined) return Math.round(rule.budgetWanYuan * FEN_PER_WAN_YUAN);
  throw new DataValidationError([
    {
      severity: "error",
      file: ruleFile,
      message: "budgetWanYuan: is not set; give it in the rule or pass --budget-wan-yuan",
      messageZh: "budgetWanYuan: 未设定预算；请在规则中填写，或用 --budget-wan-yuan 指定",
    },
  ]);
}

/** Columns the schema does not know arrive as text; a rule may name them, so numeric-looking ones become numbers. */
function numericExtras(table: aq.ColumnTable): aq.ColumnTable {
  const known = new Set(UNITS_SCHEMA.columns.map((c) => c.name));
  const converted: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    if (known.has(name)) continue;
    const values = table.array(name) as unknown[];
    const texts = values.filter((v) => v !== null && v !== undefined && v !== "");
    if (texts.length > 0 && texts.every((v) => typeof v === "number" || NUMBER.test(String(v).trim()))) {
      converted[name] = values.map((v) => (v === null || v === undefined || v === "" ? null : Number(String(v).trim())));
    }
  }
  return Object.keys(converted).length ? table.assign(aq.table(converted)) : table;
}

function slug(name: string): string {
  const s = name.trim().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  return s || "rule";
}
