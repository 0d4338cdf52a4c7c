import * as aq from "arquero";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { allocate } from "../allocation/allocate.js";
import { allocationEquity } from "../allocation/allocation-equity.js";
import { parseRule } from "../allocation/parse-rule.js";
import type { AllocationRule, AllocationRuleInput } from "../allocation/rule-schema.js";
import { SEARCH_OUTCOMES, searchRuleWeights, type SearchOutcome, type WeightSearchOptions, type WeightSearchResult } from "../allocation/search-rule-weights.js";
import { FEN_PER_WAN_YUAN } from "../allocation/units-columns.js";
import { UNITS_SCHEMA } from "../allocation/units-schema.js";
import { tableToCsv, tableToXlsx } from "../data/convert-table.js";
import { loadTable } from "../data/load-table.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { DataValidationError, cannotReadMessage, type DataIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";
import { printInputErrors } from "./print-input-errors.js";

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
  /** Search the rule's weights first: the outcome to maximise or minimise (then the searched rule is allocated). */
  maximise?: string;
  minimise?: string;
  /** Constraints `outcome=value` (e.g. `gini=0.2`), at most / at least. */
  max?: string[];
  min?: string[];
  /** Bounds on searched weights `group=value` (group ids, or `matching`). */
  maxWeight?: string[];
  minWeight?: string[];
  /** Price elasticity of local matching for the search (default 0.3). */
  elasticity?: number;
  /** Search a weight on delivered local matching too (added to a rule without one). */
  searchMatching?: boolean;
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
    const searchOptions = weightSearchOptions(opts, budgetFen);
    let search: WeightSearchResult | null = null;
    let result;
    try {
      if (searchOptions) search = searchRuleWeights(units, rule, searchOptions);
      result = allocate(units, search ? search.rule : rule, { budgetFen, source: unitsFile });
    } catch (err) {
      // allocate counts rows as a clean sheet would (first county = row 2); map them to the file's real rows.
      if (err instanceof DataValidationError) {
        const issues = err.issues.map((i): DataIssue => (i.row !== undefined ? { ...i, file: i.file ?? unitsFile, row: rowNumbers[i.row - 2] ?? i.row } : { ...i, file: i.file ?? unitsFile }));
        throw new DataValidationError(issues, err.message.split("\n")[0]);
      }
      if (err instanceof RangeError) throw new DataValidationError([{ severity: "error", file: ruleFile, message: err.message, messageZh: allocateFailureZh(err.message) }]);
      throw err;
    }
    const base = `allocation-${slug(rule.name)}${search ? "-searched" : ""}`;
    const files = [
      { path: `${base}.csv`, content: tableToCsv(result.table) },
      { path: `${base}.xlsx`, content: await tableToXlsx(result.table, "allocation") },
      ...(search
        ? [
            { path: `rule-${slug(rule.name)}-searched.json`, content: JSON.stringify(searchedRuleFile(search, rule, searchOptions!), null, 2) + "\n" },
            { path: `weight-search-${slug(rule.name)}.csv`, content: tableToCsv(traceTable(search)) },
          ]
        : []),
    ];
    const out = opts.out ?? "allocation";
    const written = await writeFilesAtomically(out, files, { owner: `allocate:${base}` });
    const eq = allocationEquity(result.rows.map((r) => r.allocationFen), units);
    const total = result.budgetFen / FEN_PER_WAN_YUAN;
    console.log(
      zh
        ? `规则 ${result.ruleName}：${result.rows.length} 个县，分配 ${total} 万元（到分守恒）；生均基尼系数 ${eq.gini.toFixed(3)}，McLoone 指数 ${eq.mcLooneIndex.toFixed(3)}`
        : `rule ${result.ruleName}: ${result.rows.length} counties, ${total} 万元 allocated (exact to the fen); per-pupil Gini ${eq.gini.toFixed(3)}, McLoone ${eq.mcLooneIndex.toFixed(3)}`,
    );
    if (search) for (const line of searchSummary(search, searchOptions!, zh)) console.log(line);
    for (const f of written) console.log(f);
    return 0;
  } catch (err) {
    return printInputErrors(err, opts.lang);
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

/** The search the options ask for, or null; a malformed option is an input problem naming the option. */
function weightSearchOptions(opts: AllocateCommandOptions, budgetFen: number): WeightSearchOptions | null {
  const issues: DataIssue[] = [];
  const bad = (option: string, message: string, messageZh: string) => issues.push({ severity: "error", column: option, message, messageZh });
  const outcome = (option: string, name: string): SearchOutcome | null => {
    if ((SEARCH_OUTCOMES as readonly string[]).includes(name)) return name as SearchOutcome;
    bad(option, `"${name}" is not an outcome; use one of ${SEARCH_OUTCOMES.join(", ")}`, `"${name}" 不是可用的结果指标；可用：${SEARCH_OUTCOMES.join("、")}`);
    return null;
  };
  const pairs = (option: string, list: readonly string[] | undefined) =>
    (list ?? []).flatMap((item) => {
      const m = /^([^=]+)=(.+)$/.exec(item);
      const value = m ? Number(m[2]) : NaN;
      if (!m || !Number.isFinite(value)) {
        bad(option, `must be name=number, got "${item}"`, `格式应为 名称=数值，实际为 "${item}"`);
        return [];
      }
      return [{ name: m[1].trim(), value }];
    });
  if (opts.maximise !== undefined && opts.minimise !== undefined) bad("--maximise", "give --maximise or --minimise, not both", "--maximise 与 --minimise 只能给一个");
  const goalName = opts.maximise ?? opts.minimise;
  const searching = goalName !== undefined;
  const extras = [opts.max, opts.min, opts.maxWeight, opts.minWeight].some((l) => l && l.length > 0) || opts.elasticity !== undefined || opts.searchMatching === true;
  if (!searching && extras) bad("--maximise", "constraints and weight bounds need an objective: add --maximise or --minimise", "约束和权重范围需要一个目标：请加 --maximise 或 --minimise");
  const goal = searching ? outcome(opts.maximise !== undefined ? "--maximise" : "--minimise", goalName) : null;
  const constraints = [
    ...pairs("--max", opts.max).flatMap(({ name, value }) => (outcome("--max", name) ? [{ outcome: name as SearchOutcome, max: value }] : [])),
    ...pairs("--min", opts.min).flatMap(({ name, value }) => (outcome("--min", name) ? [{ outcome: name as SearchOutcome, min: value }] : [])),
  ];
  const weightBounds: Record<string, { min?: number; max?: number }> = {};
  for (const { name, value } of pairs("--max-weight", opts.maxWeight)) weightBounds[name] = { ...weightBounds[name], max: value };
  for (const { name, value } of pairs("--min-weight", opts.minWeight)) weightBounds[name] = { ...weightBounds[name], min: value };
  if (opts.elasticity !== undefined && !(opts.elasticity >= 0)) bad("--elasticity", `must be a number ≥ 0, got ${opts.elasticity}`, `必须是不小于 0 的数，实际为 ${opts.elasticity}`);
  if (issues.length) throw new DataValidationError(issues, "gaibo allocate: bad search options");
  if (!searching || !goal) return null;
  return {
    budgetFen,
    objective: { outcome: goal, goal: opts.maximise !== undefined ? "maximise" : "minimise" },
    constraints,
    weightBounds,
    ...(opts.elasticity !== undefined ? { elasticity: opts.elasticity } : {}),
    ...(opts.searchMatching ? { searchMatching: true } : {}),
  };
}

/** The searched rule as a rules file: the rule with the best weights, and how they were found. */
function searchedRuleFile(search: WeightSearchResult, rule: AllocationRule, options: WeightSearchOptions): AllocationRuleInput {
  const how = `weights searched by gaibo allocate: ${options.objective.goal} ${options.objective.outcome}${options.constraints?.length ? ` subject to ${options.constraints.map((c) => `${c.outcome} ${c.max !== undefined ? `≤ ${c.max}` : `≥ ${c.min}`}`).join(", ")}` : ""}; ${search.best.feasible ? "all constraints met" : "NO weighting met every constraint: the closest one"}`;
  return { ...search.rule, description: [rule.description, how].filter(Boolean).join(" — "), assumptions: [...(rule.assumptions ?? []), `SEARCHED weights (${search.trace.length} weightings evaluated): ${search.dimensions.map((d, i) => `${d} ${search.best.weights[i].toFixed(4)}`).join(", ")}`] };
}

/** Every evaluated weighting with its outcomes (the search trace), for a chart or a spreadsheet. */
function traceTable(search: WeightSearchResult): aq.ColumnTable {
  const columns: Record<string, unknown[]> = { stage: search.trace.map((p) => p.stage) };
  search.dimensions.forEach((d, i) => (columns[`weight_${d}`] = search.trace.map((p) => p.weights[i])));
  for (const o of SEARCH_OUTCOMES) columns[o] = search.trace.map((p) => p.outcomes[o]);
  columns.feasible = search.trace.map((p) => p.feasible);
  columns.violation = search.trace.map((p) => p.violation);
  return aq.table(columns);
}

/** The search in a few lines: the rule's weights and outcome against the result's. */
function searchSummary(search: WeightSearchResult, options: WeightSearchOptions, zh: boolean): string[] {
  const w = (p: WeightSearchResult["best"]) => search.dimensions.map((d, i) => `${d} ${p.weights[i].toFixed(3)}`).join(zh ? "、" : ", ");
  const o = options.objective.outcome;
  const v = (p: WeightSearchResult["best"]) => (p.outcomes[o] ?? NaN).toFixed(4);
  return zh
    ? [
        `权重搜索（${options.objective.goal === "maximise" ? "最大化" : "最小化"} ${o}，评估 ${search.trace.length} 组权重）：原权重 ${w(search.baseline)}，${o} = ${v(search.baseline)}`,
        `  → 搜索结果 ${w(search.best)}，${o} = ${v(search.best)}${search.best.feasible ? "，满足全部约束" : "；没有一组权重能满足全部约束，此为最接近者"}`,
      ]
    : [
        `weight search (${options.objective.goal} ${o}, ${search.trace.length} weightings evaluated): the rule's weights ${w(search.baseline)}, ${o} = ${v(search.baseline)}`,
        `  → searched ${w(search.best)}, ${o} = ${v(search.best)}${search.best.feasible ? ", every constraint met" : "; no weighting meets every constraint, this is the closest"}`,
      ];
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
