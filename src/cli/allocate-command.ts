import * as aq from "arquero";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { allocate } from "../allocation/allocate.js";
import { allocationEquity } from "../allocation/allocation-equity.js";
import { parseRule } from "../allocation/parse-rule.js";
import { validateRule } from "../allocation/validate-rule.js";
import type { AllocationRule, AllocationRuleInput } from "../allocation/rule-schema.js";
import { SEARCH_OUTCOMES, searchRuleWeights, type SearchOutcome, type WeightSearchOptions, type WeightSearchResult } from "../allocation/search-rule-weights.js";
import { FEN_PER_WAN_YUAN } from "../allocation/units-columns.js";
import { UNITS_SCHEMA } from "../allocation/units-schema.js";
import { BUNDLED_BUDGET_WAN_YUAN, BUNDLED_UNITS_SEED, bundledCountyUnits } from "../allocation/bundled-county-units.js";
import { nationalExampleUnits, type ProvinceDemography } from "../allocation/national-example-units.js";
import { ruleColumns } from "../allocation/rule-columns.js";
import { ruleFromSheet } from "../allocation/rule-from-sheet.js";
import { loadDataPackage } from "../data/load-data-package.js";
import { DATASET_PATHS } from "../data/paths.js";
import { readSheetCells, workbookSheetNames } from "../data/read-sheet-cells.js";
import { tableToCsv } from "../data/convert-table.js";
import { sheetsToXlsx } from "../data/sheets-to-xlsx.js";
import type { TableSchema } from "../data/table-schema.js";
import { compareWithBaseline } from "../allocation/compare-with-baseline.js";
import { provisionEffects } from "../allocation/provision-effects.js";
import { allocationOutputSheets, OUTPUT_NUMBER_FORMATS, outputSheetTable } from "../report/allocation-output.js";
import { loadTable } from "../data/load-table.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { DataValidationError, cannotReadMessage, type DataIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";
import { printInputErrors } from "./print-input-errors.js";
import { allocateFailureZh } from "../allocation/allocate-failure-zh.js";

/** Options of `gaibo allocate`. */
export interface AllocateCommandOptions {
  /** County units file, .csv or .xlsx (columns of `UNITS_SCHEMA`, English or Chinese headers); the bundled province when omitted. */
  units?: string;
  /** Rule: a preset name in datasets/rules (`need-only`), a JSON file, or an .xlsx workbook with a 规则 sheet. */
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
  /** Baseline to compare with: an allocation file (countyId + amount in 万元) or a rule (preset, .json, .xlsx with 规则). */
  baseline?: string;
  /** Increment to trace, 万元 (default 10,000 = 1亿元). */
  increment?: number;
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
  try {
    const { rule, file: ruleFile } = await loadRuleArgument(opts.rule);
    const loaded = opts.units === undefined ? await bundledUnits(rule) : null;
    const unitsFile = loaded ? loaded.label : path.basename(opts.units!);
    const budgetFen = resolveBudgetFen(rule, opts.budgetWanYuan, ruleFile, loaded !== null);
    const sheet = opts.sheet ?? (opts.units !== undefined ? await templateUnitsSheet(opts.units) : undefined);
    const { table, rowNumbers } = loaded ?? (await loadTable(opts.units!, UNITS_SCHEMA, sheet ? { sheet } : {}));
    let units = numericExtras(table);
    if (loaded) console.log(zh ? loaded.noteZh : loaded.noteEn);
    const searchOptions = weightSearchOptions(opts, budgetFen);
    const incrementFen = resolveIncrementFen(opts.increment);
    let search: WeightSearchResult | null = null;
    let result;
    let provisions;
    let baseline: { fen: number[]; label: string } | null = null;
    let used = rule;
    try {
      if (opts.baseline !== undefined) {
        baseline = await readBaseline(opts.baseline, units, budgetFen);
        // The transition provisions protect against the baseline the command was given.
        units = units.assign(aq.table({ [BASELINE_COLUMN]: baseline.fen.map((f) => f / FEN_PER_WAN_YUAN) }));
        if (rule.transition) used = { ...rule, transition: { ...rule.transition, baselineColumn: BASELINE_COLUMN } };
      }
      if (searchOptions) search = searchRuleWeights(units, used, searchOptions);
      if (search) used = validateRule(search.rule);
      result = allocate(units, used, { budgetFen, source: unitsFile });
      if (!baseline && used.transition) {
        baseline = { fen: column(units, used.transition.baselineColumn).map((w) => Math.round((w ?? 0) * FEN_PER_WAN_YUAN)), label: used.transition.baselineColumn };
      }
      provisions = provisionEffects(units, used, budgetFen, { fiscalCapacity: column(units, "fiscalCapacityPerCapitaYuan", NaN), poorShare: column(units, "poorShare", NaN) }, incrementFen);
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
    // Everything the summary needs is computed before anything is written: a failure here leaves earlier outputs as they were.
    let eq: ReturnType<typeof allocationEquity>;
    try {
      eq = allocationEquity(result.rows.map((r) => r.allocationFen), units);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new DataValidationError([
        {
          severity: "error",
          file: unitsFile,
          column: "pupils",
          message: `per-pupil equity cannot be measured (${err.message}): every county has 0 pupils; fill in the pupils column`,
          messageZh: "无法计算生均公平指标：所有县的学生数都是 0；请填写学生数（pupils / 学生数）列",
        },
      ]);
    }
    const comparison = baseline
      ? compareWithBaseline(result.rows, baseline.fen, { city: textColumn(units, "region"), fiscalCapacity: column(units, "fiscalCapacityPerCapitaYuan", NaN) })
      : undefined;
    const sheets = allocationOutputSheets(result, opts.lang, { ...(comparison ? { baseline: comparison, baselineLabel: baseline!.label } : {}), provisions, equity: eq });
    const files = [
      ...sheets.map((sh, k) => ({ path: k === 0 ? `${base}.csv` : `${base}-${sh.slug}.csv`, content: tableToCsv(outputSheetTable(sh)) })),
      { path: `${base}.xlsx`, content: await sheetsToXlsx(sheets.map((sh) => ({ name: sh.name, headers: sh.columns.map((c) => c.header), numberFormats: sh.columns.map((c) => OUTPUT_NUMBER_FORMATS[c.format]), rows: sh.rows }))) },
      // The machine ledger: camelCase columns, integer fen, for scripts (the identity of `allocate` holds row by row).
      { path: `${base}-ledger.csv`, content: tableToCsv(result.table) },
      ...(search
        ? [
            { path: `rule-${slug(rule.name)}-searched.json`, content: JSON.stringify(searchedRuleFile(search, rule, searchOptions!), null, 2) + "\n" },
            { path: `weight-search-${slug(rule.name)}.csv`, content: tableToCsv(traceTable(search)) },
          ]
        : []),
    ];
    const out = opts.out ?? "allocation";
    const written = await writeFilesAtomically(out, files, { owner: `allocate:${base}` });
    const total = result.budgetFen / FEN_PER_WAN_YUAN;
    console.log(
      zh
        ? `规则 ${result.ruleName}：${result.rows.length} 个县，分配 ${total} 万元（到分守恒）；生均基尼系数 ${eq.gini.toFixed(3)}，McLoone 指数 ${eq.mcLooneIndex.toFixed(3)}`
        : `rule ${result.ruleName}: ${result.rows.length} counties, ${total} 万元 allocated (exact to the fen); per-pupil Gini ${eq.gini.toFixed(3)}, McLoone ${eq.mcLooneIndex.toFixed(3)}`,
    );
    if (search) for (const line of searchSummary(search, searchOptions!, zh)) console.log(line);
    if (comparison) {
      const quart = comparison.byFiscalCapacityQuartile.map((g) => `${g.group} +${g.gainers}/−${g.losers}`).join(zh ? "、" : ", ");
      console.log(
        zh
          ? `与基期（${baseline!.label}）相比：${comparison.gainers} 个县增加、${comparison.losers} 个县减少；按人均财力四分位（Q1 最弱）：${quart}`
          : `against the baseline (${baseline!.label}): ${comparison.gainers} counties gain, ${comparison.losers} lose; by fiscal-capacity quartile (Q1 lowest): ${quart}`,
      );
    }
    if (result.transition) {
      console.log(
        zh
          ? `过渡条款：最低保障花费 ${(result.transition.guaranteeCostFen / FEN_PER_WAN_YUAN).toFixed(2)} 万元，增幅按 ${result.transition.gainsScale.toFixed(4)} 缩放`
          : `transition: the guarantee costs ${(result.transition.guaranteeCostFen / FEN_PER_WAN_YUAN).toFixed(2)} 万元, gains scaled by ${result.transition.gainsScale.toFixed(4)}`,
      );
    }
    for (const f of written) console.log(f);
    return 0;
  } catch (err) {
    return printInputErrors(err, opts.lang);
  }
}

/**
 * The rule a `--rule` argument names: a file (.json, or .xlsx with a 规则 sheet) when one exists at that path,
 * otherwise a preset in datasets/rules (`need-only`, `national/national-2014-illustrative`).
 *
 * @param arg the argument as typed
 * @returns the validated rule, the file name used in messages and the rule as written (no defaults filled in)
 * @throws DataValidationError when neither a file nor a preset has that name, or the rule is invalid
 */
export async function loadRuleArgument(arg: string): Promise<{ rule: AllocationRule; file: string; input: AllocationRuleInput }> {
  const preset = path.join(DATASET_PATHS.rules(), arg.endsWith(".json") ? arg : `${arg}.json`);
  const looksLikeFile = /[\\/]|\.(json|xlsx)$/i.test(arg);
  const file = existsSync(arg) ? arg : existsSync(preset) ? preset : looksLikeFile ? arg : null;
  if (file === null) {
    const presets = rulePresetNames();
    throw new DataValidationError([
      {
        severity: "error",
        column: "--rule",
        message: `no rule file or preset named ${arg}; presets: ${presets.join(", ")}`,
        messageZh: `找不到名为 ${arg} 的规则文件或预设规则；预设规则：${presets.join("、")}`,
      },
    ]);
  }
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new DataValidationError([{ severity: "error", file: name, ...cannotReadMessage(err) }]);
  }
  if (/\.xlsx$/i.test(file)) {
    const rule = ruleFromSheet(await readSheetCells(new Uint8Array(bytes), name, "规则"), name);
    return { rule, file: name, input: rule };
  }
  const text = bytes.toString("utf8").replace(/^\ufeff/, "");
  const rule = parseRule(text, name);
  return { rule, file: name, input: JSON.parse(text) as AllocationRuleInput };
}

/** The preset rules bundled in datasets/rules, as names `--rule` accepts (sub-folders included). */
export function rulePresetNames(): string[] {
  const root = DATASET_PATHS.rules();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".json") ? [path.relative(root, path.join(dir, e.name)).replace(/\\/g, "/").replace(/\.json$/, "")] : [],
    );
  return walk(root).sort();
}

/**
 * The bundled units a rule runs on when no `--units` is given: the synthetic province's 109 counties (every column a
 * county preset reads, simulated columns from a fixed seed, all marked synthetic), or, for a rule whose columns only
 * the provinces carry (the national illustration), the 31 provinces with real 2015 demography.
 */
async function bundledUnits(rule: AllocationRule) {
  const { tables } = await loadDataPackage(DATASET_PATHS.synthetic());
  const units = bundledCountyUnits(tables.counties.table, tables.progress.table);
  const needed = [...new Set(ruleColumns(rule).map((c) => c.column))];
  const countyColumns = new Set(units.table.columnNames());
  if (needed.every((c) => countyColumns.has(c))) {
    return {
      table: units.table,
      rowNumbers: units.rows.map((_, i) => i + 2),
      label: "datasets/synthetic (合成省)",
      noteZh: `未给出 --units：使用内置合成省 ${units.rows.length} 个模拟县（datasets/synthetic；${units.derivedColumns.length} 列按种子 ${BUNDLED_UNITS_SEED} 模拟，均为合成数据）`,
      noteEn: `no --units: using the bundled synthetic province, ${units.rows.length} simulated counties (datasets/synthetic; ${units.derivedColumns.length} columns simulated from seed ${BUNDLED_UNITS_SEED}; all synthetic)`,
    };
  }
  const real = await loadDataPackage(DATASET_PATHS.real());
  const demography = real.tables.demography_provincial?.table;
  const provinces = demography ? nationalExampleUnits(demography.objects() as unknown as ProvinceDemography[]) : [];
  const provinceColumns = new Set(Object.keys(provinces[0] ?? {}));
  if (provinces.length && needed.every((c) => provinceColumns.has(c))) {
    const table = aq.from(provinces);
    return {
      table,
      rowNumbers: provinces.map((_, i) => i + 2),
      label: "datasets/real/demography_provincial",
      noteZh: `未给出 --units：规则所需各列只有分省数据才有，使用内置 ${provinces.length} 个省的 2015 年真实人口数据（中国统计年鉴2016 表2-8）`,
      noteEn: `no --units: the rule reads columns only the provinces carry, so it runs on the bundled ${provinces.length} provinces' real 2015 demography (China Statistical Yearbook 2016, table 2-8)`,
    };
  }
  const missing = needed.filter((c) => !countyColumns.has(c));
  throw new DataValidationError([
    {
      severity: "error",
      column: "--units",
      message: `the bundled county file has no column ${missing.join(", ")} that the rule reads; give your own file with --units`,
      messageZh: `内置县级因素表没有规则需要的列 ${missing.join("、")}；请用 --units 提供自己的县级因素表`,
    },
  ]);
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

function resolveBudgetFen(rule: AllocationRule, budgetWanYuan: number | undefined, ruleFile: string, bundled = false): number {
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
  if (bundled) return BUNDLED_BUDGET_WAN_YUAN * FEN_PER_WAN_YUAN;
  throw new DataValidationError([
    {
      severity: "error",
      file: ruleFile,
      message: "budgetWanYuan: is not set; give it in the rule or pass --budget-wan-yuan",
      messageZh: "budgetWanYuan: 未设定预算；请在规则中填写，或用 --budget-wan-yuan 指定",
    },
  ]);
}

/** The column `--baseline` amounts are put in, for the rule's transition provisions. */
const BASELINE_COLUMN = "baselineAllocationWanYuan";

/** A baseline allocation file: county code and an amount in 万元 (our own output, last year's notice, …). */
const BASELINE_SCHEMA: TableSchema = {
  kind: "baseline",
  title: "baseline allocation",
  titleZh: "基期分配表",
  columns: [
    { name: "countyId", type: "string", required: true, aliases: ["区县代码", "county id", "县区代码", "区划代码", "代码"] },
    { name: "countyName", type: "string", optional: true, aliases: ["区县名称", "county", "县名"] },
    {
      name: "allocationWanYuan",
      type: "number",
      required: true,
      minimum: 0,
      unit: "万元",
      aliases: ["分配额（万元）", "allocation (万元)", "基期（万元）", "上年分配额", "lastYearAllocationWanYuan", "baselineAllocationWanYuan", "金额（万元）"],
    },
  ],
  primaryKey: ["countyId"],
};

/**
 * The baseline `--baseline` names, per county in the units' order, fen: another rule (preset, .json, or .xlsx with a
 * 规则 sheet) allocated on the same units and budget, or an allocation file matched by county code.
 */
async function readBaseline(ref: string, units: aq.ColumnTable, budgetFen: number): Promise<{ fen: number[]; label: string }> {
  // --sheet names the units file's sheet; the baseline workbook's own sheet is written "last-year.xlsx#2016年" (or found by its headers).
  const m = /^(.*\.xls[xm])#(.+)$/i.exec(ref);
  const [arg, sheet] = m ? [m[1], m[2]] : [ref, undefined];
  const ids = (units.array("countyId") as unknown[]).map(String);
  const isRule = rulePresetNames().includes(arg.replace(/\.json$/, "")) || /\.json$/i.test(arg) || (/\.xlsx$/i.test(arg) && (await hasRuleSheet(arg)));
  if (isRule) {
    const { rule } = await loadRuleArgument(arg);
    const res = allocate(units, rule, { budgetFen });
    return { fen: res.rows.map((r) => r.allocationFen), label: rule.name };
  }
  const { table } = await loadTable(arg, BASELINE_SCHEMA, sheet ? { sheet } : {});
  const byId = new Map((table.objects() as { countyId: unknown; allocationWanYuan: number }[]).map((r) => [String(r.countyId), r.allocationWanYuan]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    throw new DataValidationError([
      {
        severity: "error",
        file: path.basename(arg),
        column: "countyId",
        message: `has no baseline for ${missing.length} county(ies): ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`,
        messageZh: `缺少 ${missing.length} 个县的基期数：${missing.slice(0, 5).join("、")}${missing.length > 5 ? "等" : ""}`,
      },
    ]);
  }
  return { fen: ids.map((id) => Math.round(byId.get(id)! * FEN_PER_WAN_YUAN)), label: path.basename(arg) };
}

/** The template's units sheet (县级因素表) when an .xlsx has one, so a filled-in template needs no --sheet. */
async function templateUnitsSheet(file: string): Promise<string | undefined> {
  if (!/\.xlsx$/i.test(file)) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined; // the loader reports the unreadable file
  }
  return (await workbookSheetNames(new Uint8Array(bytes))).includes("县级因素表") ? "县级因素表" : undefined;
}

async function hasRuleSheet(file: string): Promise<boolean> {
  try {
    await readSheetCells(new Uint8Array(await readFile(file)), path.basename(file), "规则");
    return true;
  } catch {
    return false;
  }
}

/** A numeric column of the units, or `missing` for every county when the units do not carry it. */
function column(units: aq.ColumnTable, name: string, missing?: number): number[] {
  const n = units.numRows();
  if (!units.columnNames().includes(name)) return new Array(n).fill(missing ?? 0);
  return (units.array(name) as unknown[]).map((v) => (typeof v === "number" && Number.isFinite(v) ? v : (missing ?? 0)));
}

function textColumn(units: aq.ColumnTable, name: string): string[] | undefined {
  if (!units.columnNames().includes(name)) return undefined;
  return (units.array(name) as unknown[]).map((v) => (v === null || v === undefined ? "" : String(v)));
}

function resolveIncrementFen(increment: number | undefined): number {
  if (increment === undefined) return 10_000 * FEN_PER_WAN_YUAN;
  if (!Number.isFinite(increment) || !(increment > 0)) {
    throw new DataValidationError([{ severity: "error", column: "--increment", message: `must be a positive number of 万元, got ${increment}`, messageZh: `必须是正数（单位：万元），实际为 ${increment}` }]);
  }
  return Math.round(increment * FEN_PER_WAN_YUAN);
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
