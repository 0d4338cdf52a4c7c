import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ruleColumns } from "../allocation/rule-columns.js";
import type { AllocationRuleInput } from "../allocation/rule-schema.js";
import { ruleToSheet } from "../allocation/rule-to-sheet.js";
import { UNITS_COLUMN_GUIDE } from "../allocation/units-column-guide.js";
import { unitsColumns, type UnitsColumnName } from "../allocation/units-columns.js";
import { parseRule } from "../allocation/parse-rule.js";
import { DATASET_PATHS } from "../data/paths.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { DataValidationError } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";
import { loadRuleArgument, rulePresetNames } from "./allocate-command.js";
import { printInputErrors } from "./print-input-errors.js";

/** Options of `gaibo template`. */
export interface TemplateCommandOptions {
  /** The workbook to write (.xlsx). */
  out: string;
  /** The rule for the 规则 sheet: preset name or file (default central-2015). */
  rule?: string;
  lang: Lang;
}

/** Sheet names of the template workbook (Chinese: what an office sees; the loader reads the first sheet). */
export const TEMPLATE_SHEETS = { units: "县级因素表", guide: "说明", rule: "规则" } as const;

/**
 * `gaibo template --out 模板.xlsx [--rule <preset|file>]`: write the county-units workbook an office fills in:
 * sheet 县级因素表 with Chinese headers and one example county, sheet 说明 with each column's meaning, unit, whether
 * it is required, where an office finds the figure and which preset rules read it, and sheet 规则 holding a rule in
 * the layout `gaibo allocate --rule 模板.xlsx` reads back. The file is written whole or not at all.
 *
 * @param opts output path, rule, language
 * @returns exit code: 0 written, 1 input problem
 */
export async function runTemplate(opts: TemplateCommandOptions): Promise<number> {
  try {
    if (!/\.xlsx$/i.test(opts.out)) {
      throw new DataValidationError([{ severity: "error", column: "--out", message: `must end in .xlsx, got ${opts.out}`, messageZh: `必须是 .xlsx 文件，实际为 ${opts.out}` }]);
    }
    const { input: ruleInput } = await loadRuleArgument(opts.rule ?? "central-2015");
    const bytes = await templateWorkbook(ruleInput, opts.lang);
    const dir = path.dirname(opts.out);
    const [written] = await writeFilesAtomically(dir, [{ path: path.basename(opts.out), content: bytes }]);
    console.log(
      opts.lang === "zh"
        ? `已写出模板 ${written}：工作表 ${Object.values(TEMPLATE_SHEETS).join("、")}（规则：${ruleInput.name}）`
        : `wrote template ${written}: sheets ${Object.values(TEMPLATE_SHEETS).join(", ")} (rule: ${ruleInput.name})`,
    );
    return 0;
  } catch (err) {
    return printInputErrors(err, opts.lang);
  }
}

/**
 * The template workbook's bytes.
 *
 * @param rule the rule for the 规则 sheet
 * @param lang header language of the units sheet (Chinese by default; English camelCase names with en)
 */
export async function templateWorkbook(rule: AllocationRuleInput, lang: Lang): Promise<Uint8Array> {
  const zh = lang === "zh";
  const names = Object.keys(unitsColumns) as UnitsColumnName[];
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2014, 0, 1));
  wb.modified = wb.created;

  const units = wb.addWorksheet(TEMPLATE_SHEETS.units);
  units.addRow(names.map((n) => (zh ? unitsColumns[n].label : n)));
  units.getRow(1).font = { bold: true };
  units.addRow(names.map((n) => UNITS_COLUMN_GUIDE[n].example));
  names.forEach((n, i) => {
    const col = units.getColumn(i + 1);
    col.width = Math.max(12, (zh ? unitsColumns[n].label.length * 2 : n.length) + 2);
    const unit = unitsColumns[n].unit;
    if (unit === "万元") col.numFmt = "#,##0.00";
    else if (unit === "0–1") col.numFmt = "0.00%";
    else if (unit === "比率") col.numFmt = "0.00"; // the loader refuses percentages where the unit is a ratio
    else if (unit === "人" || unit === "元/人" || unit === "元/生") col.numFmt = "#,##0";
  });
  units.getCell("A2").note = zh ? "示例行（虚构的示例县）：请用本县数据替换或删除" : "example row (a made-up county): replace or delete";

  const presets = rulePresetNames();
  const usedBy = new Map<string, string[]>();
  for (const name of presets) {
    const text = await readFile(path.join(DATASET_PATHS.rules(), `${name}.json`), "utf8");
    for (const c of new Set(ruleColumns(parseRule(text.replace(/^\ufeff/, ""), name)).map((r) => r.column))) usedBy.set(c, [...(usedBy.get(c) ?? []), name]);
  }
  const guide = wb.addWorksheet(TEMPLATE_SHEETS.guide);
  guide.addRow(zh ? ["列名", "英文列名", "含义", "单位", "必填", "数据从哪里来", "示例", "用到此列的预设规则"] : ["column (Chinese)", "column", "meaning", "unit", "required", "where to find it", "example", "preset rules that read it"]);
  guide.getRow(1).font = { bold: true };
  for (const n of names) {
    const c = unitsColumns[n];
    const g = UNITS_COLUMN_GUIDE[n];
    const required = n === "countyId" || n === "pupils";
    guide.addRow([c.label, n, zh ? g.meaningZh : c.description, c.unit, required ? (zh ? "必填" : "required") : zh ? "规则用到时必填" : "when a rule reads it", zh ? g.sourceZh : g.sourceEn, g.example, (usedBy.get(n) ?? []).join(", ")]);
  }
  guide.addRow([]);
  guide.addRow([
    zh
      ? "表头可用中文列名或英文列名；比例可写 0.09 或 9%；金额单位为万元。规则可以读取本表以外的列：在“规则”工作表的“数据列”中写列名即可。"
      : "Headers may be Chinese or English; shares may be written 0.09 or 9%; money is in 万元. A rule may read columns not listed here: name them in the 数据列 (column) cells of the 规则 sheet.",
  ]);
  [14, 30, 44, 10, 16, 60, 10, 50].forEach((w, i) => (guide.getColumn(i + 1).width = w));

  const ruleSheet = wb.addWorksheet(TEMPLATE_SHEETS.rule);
  for (const row of ruleToSheet(rule)) ruleSheet.addRow(row);
  ruleSheet.getRow(1).font = { bold: true };
  [34, 24, 14, 20, 26, 30, 12, 12, 14, 16].forEach((w, i) => (ruleSheet.getColumn(i + 1).width = w));
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
