import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { DataIssue } from "../shared/errors.js";
import { DataValidationError } from "../shared/errors.js";
import type { RawSheet } from "./raw-sheet.js";
import type { ColumnSpec, TableSchema } from "./table-schema.js";
import { coerceValue, isPlaceholder } from "./coerce-value.js";
import { dateFromTitle } from "./date-from-title.js";
import { checkTotalRow } from "./check-total-row.js";
import { detectPercentPoints } from "./detect-percent-points.js";
import { headerKey, splitHeaderUnit } from "./normalize-cell-text.js";
import { normalizeCountyCode, restoreLeadingZeros } from "./normalize-county-code.js";
import { parseDateValue } from "./parse-date-value.js";
import { PLAUSIBILITY } from "./plausibility.js";
import { totalRowLabel } from "./total-row-label.js";

/** A validated table with the warnings found on the way (e.g. rates above 100%). */
export interface ValidatedTable {
  table: ColumnTable;
  warnings: DataIssue[];
  /** The spreadsheet row number of each table row, for messages that come later. */
  rowNumbers: number[];
  /** Column-wide readings decided for this sheet: which share columns were read as percentage points. */
  readings: ColumnReadings;
}

/**
 * Column-wide decisions a reader takes once for a file. A streaming reader validating batch by batch takes them
 * from its first batch (`validateSheet(...).readings`) and passes them to the next, so every batch reads alike.
 */
export interface ColumnReadings {
  /** Share columns (by schema name) whose plain numbers are percentage points. */
  points: Record<string, boolean>;
}

/** Report a problem at a row and column in English and in Chinese. */
type At = (row: number | undefined, column: string | undefined, message: string, messageZh: string, severity?: DataIssue["severity"]) => void;

// A clerk reads shares as percentages: 1.2 is 120%. toPrecision drops float noise (1.2 * 100 = 120.00000000000001).
const percent = (x: number) => `${Number((x * 100).toPrecision(12))}%`;

/** Columns holding county codes (read as codes: digits kept as text, zeros restored) and the name column checked against them. */
export const CODE_COLUMNS: Readonly<Record<string, string | undefined>> = { county_id: "county_name", countyId: "countyName" };

/** The header position of a column: its name or an alias as written, else the same without a bracketed unit (开工率(%)). */
function matchHeader(header: string[], spec: ColumnSpec): number {
  const names = new Set([spec.name, ...(spec.aliases ?? [])].map(headerKey));
  const exact = header.findIndex((h) => h !== "" && names.has(headerKey(h)));
  if (exact >= 0) return exact;
  return header.findIndex((h) => h !== "" && names.has(headerKey(splitHeaderUnit(h).name)));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isShare = (spec: ColumnSpec) => spec.unit?.startsWith("share") ?? false;
const isNumeric = (spec: ColumnSpec) => spec.type === "number" || spec.type === "integer";

/**
 * Check a raw sheet against a dataset kind and build an arquero table from it. Every problem in the
 * file is collected and reported at once with its file, row and column; nothing is returned when
 * there is any error, so no partial data can travel on.
 *
 * On the way it reads the file as its office meant it, and says so in a warning each time: totals
 * rows (合计, 全省, 小计) are left out and checked against the sum of the rows; a rate column written
 * in percentage points (开工率(%) = 34.37) is read as shares; county codes Excel stored as numbers get
 * their leading zeros back where the column shows its width; month-only dates are read as month ends.
 * Values past PLAUSIBILITY (dates outside the programme, rates above 2000%, 1e308) are errors.
 *
 * Columns the schema does not know are kept as text (users keep notes beside the numbers).
 *
 * @param raw the sheet as read
 * @param schema the dataset kind it must match
 * @param options.officeReading false for the bundled data packages, which are written by gaibo: no totals rows,
 *   points or dropped zeros to look for, and seed figures may lie outside the programme window (default true)
 * @param options.readings column-wide decisions taken earlier (a streamed file's first batch); decided and warned about here when absent
 * @throws DataValidationError listing every missing column, unreadable cell, out-of-range value,
 *   duplicated key and out-of-order date
 */
export function validateSheet(raw: RawSheet, schema: TableSchema, options: { officeReading?: boolean; readings?: ColumnReadings } = {}): ValidatedTable {
  const office = options.officeReading ?? true;
  const { file, sheet } = raw;
  const issues: DataIssue[] = [...(raw.warnings ?? [])];
  const at: At = (row, column, message, messageZh, severity = "error") => issues.push({ severity, file, sheet, row, column, message, messageZh });
  const headerRow = raw.headerRow ?? 1;

  const seen = new Map<string, number>();
  raw.header.forEach((h, i) => {
    if (h === "") return;
    const k = headerKey(h);
    if (seen.has(k)) at(headerRow, h, `the header repeats column ${h} (also column ${seen.get(k)! + 1})`, `表头中列 ${h} 重复（第 ${seen.get(k)! + 1} 列也是 ${h}）`);
    else seen.set(k, i);
  });

  const positions = new Map<string, number>();
  // A 双月报 kept one file per period often has no date column: its date is in the title, sheet or file name.
  const constant = new Map<string, string>();
  for (const spec of schema.columns) {
    const idx = matchHeader(raw.header, spec);
    const titled = idx < 0 && office && spec.type === "date" && !spec.optional ? dateFromTitle([...(raw.preamble ?? []), sheet, file.replace(/\.[^.]+$/, "")]) : undefined;
    if (idx >= 0 && ![...positions.values()].includes(idx)) positions.set(spec.name, idx);
    else if (titled) {
      constant.set(spec.name, titled.value);
      at(
        headerRow,
        spec.name,
        `the file has no ${spec.name} column${spec.aliases?.length ? ` (${spec.aliases[0]})` : ""}; every row is dated ${titled.value}, from "${titled.from}"`,
        `文件没有 ${spec.aliases?.[0] ?? spec.name} 列；各行日期取自“${titled.from}”：${titled.value}`,
        "warning",
      );
    } else if (!spec.optional) {
      const also = spec.aliases?.length ? ` (or ${spec.aliases[0]})` : "";
      const alsoZh = spec.aliases?.length ? `（或 ${spec.aliases[0]}）` : "";
      const found = raw.header.filter(Boolean);
      const enc = raw.encoding && raw.encoding !== "UTF-8" ? `; the file was read as ${raw.encoding}` : "";
      const encZh = raw.encoding && raw.encoding !== "UTF-8" ? `；文件按 ${raw.encoding} 编码读取` : "";
      at(
        headerRow,
        spec.name,
        `required column ${spec.name}${also} is missing (found: ${found.join(", ")}${enc})`,
        `缺少必填列 ${spec.name}${alsoZh}；文件中的列：${found.join("、") || "（无）"}${encZh}`,
      );
    }
  }
  if (issues.some((i) => i.severity === "error")) throw new DataValidationError(issues, `${file}: does not match ${schema.title}`);

  const specs = schema.columns.filter((s) => positions.has(s.name) || constant.has(s.name));
  const headerOf = (name: string) => {
    const idx = positions.get(name);
    return idx === undefined ? name : raw.header[idx];
  };
  const numericIdx = new Set(specs.filter(isNumeric).map((s) => positions.get(s.name)!));

  // Totals rows are the office's arithmetic, not a county: left out, kept aside for the check below.
  const detail: RawSheet["rows"] = [];
  const totals: { row: number; cells: unknown[]; kind: "grand" | "sub" }[] = [];
  for (const r of raw.rows) {
    const label = office ? totalRowLabel(r.cells.filter((_, i) => !numericIdx.has(i))) : undefined;
    if (!label) {
      detail.push(r);
      continue;
    }
    totals.push({ row: r.row, cells: r.cells, kind: label.kind });
    at(r.row, undefined, `is a totals row (${label.label}), not a county; left out`, `是合计行（${label.label}），不是县，已略去`, "warning");
  }

  const known = new Set(positions.values());
  const extra = raw.header.map((h, i) => ({ h, i })).filter(({ h, i }) => h !== "" && !known.has(i));
  const columns: Record<string, unknown[]> = {};
  for (const spec of specs) columns[spec.name] = [];
  for (const { h } of extra) columns[h] = [];
  const commaMayBeDecimal = raw.delimiter === ";";

  // Column-wide readings, decided once and stated once.
  const points = new Map<string, boolean>();
  for (const spec of office ? specs.filter(isShare) : []) {
    const idx = positions.get(spec.name)!;
    const header = raw.header[idx];
    const given = options.readings?.points[spec.name];
    if (given !== undefined) {
      points.set(spec.name, given);
      continue;
    }
    const p = detectPercentPoints(header, detail.map((r) => r.cells[idx]));
    points.set(spec.name, p.points);
    if (p.points && p.plain > 0) {
      const why = p.reason === "header" ? "its header says %" : `${p.above} of its ${p.plain} numbers are above 1.5`;
      const whyZh = p.reason === "header" ? "表头注明为百分数" : `${p.plain} 个数值中有 ${p.above} 个大于 1.5`;
      // Under a % header, values all at most 1 may be shares typed under the wrong header: say so.
      const small = p.reason === "header" && p.max > 0 && p.max <= 1;
      const check = small ? `; all its numbers are at most 1 (${p.max} = ${p.max}%): if they are shares, remove the % from the header` : "";
      const checkZh = small ? `；但此列数值都不超过 1（${p.max} 即 ${p.max}%）：如果填的是小数，请删去表头中的 %` : "";
      at(undefined, header, `read as percentage points (34.37 → 34.37%) because ${why}${check}`, `按百分点读取（34.37 即 34.37%），因为${whyZh}${checkZh}`, "warning");
    }
  }
  const codes = new Map<string, string[]>();
  const badCode = new Set<number>();
  for (const spec of office ? specs.filter((s) => s.name in CODE_COLUMNS) : []) {
    const idx = positions.get(spec.name)!;
    const parsed = detail.map((r) => normalizeCountyCode(r.cells[idx] ?? ""));
    const { codes: restored, padded } = restoreLeadingZeros(parsed.map((p) => (p.ok ? p : { value: "", fromNumber: false })));
    codes.set(spec.name, restored);
    parsed.forEach((p, i) => {
      if (p.ok) return;
      badCode.add(i);
      at(detail[i].row, raw.header[idx], p.message, p.messageZh);
    });
    if (padded.length) {
      const w = restored[padded[0]].length;
      const rows = padded.slice(0, 5).map((i) => detail[i].row);
      at(
        detail[padded[0]].row,
        raw.header[idx],
        `${padded.length} code(s) stored as numbers lost their leading zeros; restored to ${w} digits like the column's other codes (rows ${rows.join(", ")}${padded.length > 5 ? ", …" : ""})`,
        `${padded.length} 个以数字保存的代码丢失了前导零，已按此列其他代码补足为 ${w} 位（第 ${rows.join("、")}${padded.length > 5 ? "…" : ""} 行）`,
        "warning",
      );
    }
    const sixDigit = restored.filter((c) => /^[1-9]\d{5}$/.test(c)).length;
    if (sixDigit * 2 > restored.length) {
      restored.forEach((c, i) => {
        if (/^\d+$/.test(c) && !/^[1-9]\d{5}$/.test(c) && !/^[1-9]\d{11}$/.test(c)) {
          at(detail[i].row, raw.header[idx], `${c} is not a 6-digit administrative division code like the others`, `${c} 不是 6 位行政区划代码（此列其他代码都是）`, "warning");
        }
      });
    }
  }
  const monthOnly = new Map<string, number>();

  const placeholders = new Map<string, number>();
  detail.forEach(({ row, cells }, ri) => {
    for (const spec of specs) {
      const fixed = constant.get(spec.name);
      if (fixed !== undefined) {
        columns[spec.name].push(fixed);
        continue;
      }
      const idx = positions.get(spec.name)!;
      if (spec.type !== "string" && spec.type !== "boolean" && isPlaceholder(cells[idx])) placeholders.set(spec.name, (placeholders.get(spec.name) ?? 0) + 1);
      const header = raw.header[idx];
      const code = codes.get(spec.name)?.[ri];
      const c = code !== undefined ? { ok: true as const, value: code === "" ? null : code } : coerceValue(cells[idx], spec, { points: points.get(spec.name), commaMayBeDecimal });
      if (!c.ok) {
        at(row, header, c.message, c.messageZh);
        columns[spec.name].push(null);
        continue;
      }
      if (code !== undefined && badCode.has(ri)) {
        columns[spec.name].push(null);
        continue;
      }
      const v = c.value;
      if (v === null && spec.required) at(row, header, "is empty but required", "为空，但此列必填");
      if (typeof v === "number") checkNumber(v, spec, row, header, at, office);
      if (office && spec.type === "date" && typeof v === "string") {
        const { from, to } = PLAUSIBILITY.dateWindow;
        if (v < from || v > to) at(row, header, `${v} is outside the programme's dates ${from} to ${to}`, `${v} 不在全面改薄的时间范围（${from} 至 ${to}）内`);
        if (typeof cells[idx] === "string" && !ISO_DAY.test(cells[idx] as string)) {
          const d = parseDateValue(cells[idx]);
          if (d.ok && d.monthOnly) monthOnly.set(spec.name, (monthOnly.get(spec.name) ?? 0) + 1);
        }
      }
      if (typeof v === "string" && spec.enum && !spec.enum.includes(v)) {
        at(row, header, `"${v}" is not one of ${spec.enum.join(", ")}`, `"${v}" 不是允许的取值（可填：${spec.enum.join("、")}）`);
      }
      columns[spec.name].push(v);
    }
    for (const { h, i } of extra) columns[h].push(cells[i] === "" ? null : cells[i]);
  });
  for (const [name, n] of placeholders) {
    at(undefined, headerOf(name), `${n} cell(s) hold a dash, slash or 无 for no value; read as empty`, `${n} 个单元格填的是“—”“/”或“无”等，按空值读取`, "warning");
  }
  for (const [name, n] of monthOnly) {
    at(undefined, headerOf(name), `${n} date(s) give only a month; read as the month's last day (2016年10月 → 2016-10-31)`, `${n} 个日期只写到月份，按月末读取（2016年10月 → 2016-10-31）`, "warning");
  }

  const rowNumbers = detail.map((r) => r.row);
  checkTotals(totals, detail, specs, positions, columns, raw, { points, commaMayBeDecimal }, at);
  if (office) checkCodeNames(columns, rowNumbers, headerOf, at);
  checkKeys(schema, columns, rowNumbers, headerOf, at);
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length) throw new DataValidationError(issues, `${file}: ${errors.length} problem(s) against ${schema.title}`);
  return { table: aq.table(columns), warnings: issues, rowNumbers, readings: { points: Object.fromEntries(points) } };
}

function checkNumber(v: number, spec: ColumnSpec, row: number, header: string, at: At, office: boolean): void {
  const share = isShare(spec);
  const limit = office && spec.unit ? PLAUSIBILITY.maxByUnit[spec.unit] : undefined;
  if (spec.minimum !== undefined && v < spec.minimum) {
    if (spec.minimum === 0) at(row, header, `${v} is negative`, `${v} 是负数，不能小于 0`);
    else at(row, header, `${v} is below the minimum ${spec.minimum}`, `${v} 低于最小值 ${spec.minimum}`);
  } else if (spec.maximum !== undefined && v > spec.maximum) at(row, header, `${v} is above the maximum ${spec.maximum}`, `${v} 超过最大值 ${spec.maximum}`);
  else if (office && share && v > PLAUSIBILITY.shareErrorAbove) {
    at(
      row,
      header,
      `${percent(v)} is beyond any over-delivery (above ${percent(PLAUSIBILITY.shareErrorAbove)}); write a share (0.3437) or a percentage (34.37%)`,
      `${percent(v)} 超出任何超额完成的可能（高于 ${percent(PLAUSIBILITY.shareErrorAbove)}）；请填小数（0.3437）或百分数（34.37%）`,
    );
  } else if (limit !== undefined && v > limit) {
    at(row, header, `${v} ${spec.unit} is implausibly large (more than ${limit})`, `${v} ${spec.unit} 大得不合常理（超过 ${limit}）`);
  } else if (spec.warnAbove !== undefined && v > spec.warnAbove) {
    const [shown, bound] = share ? [percent(v), percent(spec.warnAbove)] : [String(v), String(spec.warnAbove)];
    at(row, header, `${v} is above ${spec.warnAbove} (over-delivery?); accepted`, `${shown} 超过 ${bound}（超额完成？），已接受`, "warning");
  }
  if (office && spec.type === "number" && spec.unit && PLAUSIBILITY.countUnits.includes(spec.unit) && !Number.isInteger(v)) {
    at(row, header, `${v} is not a whole number of ${spec.unit}; accepted as written`, `${v} 不是整数（单位：${spec.unit}），按原值接受`, "warning");
  }
}

/** Check each whole-table totals row against the rows it totals (those of its date when it has one). */
function checkTotals(
  totals: { row: number; cells: unknown[]; kind: "grand" | "sub" }[],
  detail: RawSheet["rows"],
  specs: ColumnSpec[],
  positions: Map<string, number>,
  columns: Record<string, unknown[]>,
  raw: RawSheet,
  options: { points: Map<string, boolean>; commaMayBeDecimal: boolean },
  at: At,
): void {
  const grand = totals.filter((t) => t.kind === "grand");
  if (grand.length === 0 || detail.length === 0) return;
  const numeric = specs.filter(isNumeric);
  const rates = new Set(numeric.filter(isShare).map((s) => s.name));
  const dateSpec = specs.find((s) => s.type === "date");
  grand.forEach((t, gi) => {
    const values: Record<string, number | null> = {};
    for (const spec of numeric) {
      const c = coerceValue(t.cells[positions.get(spec.name)!], spec, { points: options.points.get(spec.name), commaMayBeDecimal: options.commaMayBeDecimal });
      values[spec.name] = c.ok && typeof c.value === "number" ? c.value : null;
    }
    // Which rows this total covers: those of its date; else, with several totals, those since the previous one.
    let members = detail.map((_, i) => i);
    const date = dateSpec ? coerceValue(t.cells[positions.get(dateSpec.name)!], dateSpec) : undefined;
    if (dateSpec && date?.ok && date.value) members = members.filter((i) => columns[dateSpec.name][i] === date.value);
    else if (grand.length > 1) {
      const from = gi === 0 ? 0 : grand[gi - 1].row;
      members = members.filter((i) => detail[i].row > from && detail[i].row < t.row);
    }
    const rows: Record<string, (number | null)[]> = {};
    for (const spec of numeric) rows[spec.name] = members.map((i) => columns[spec.name][i] as number | null);
    for (const m of checkTotalRow(values, rows, rates)) {
      const header = raw.header[positions.get(m.column)!];
      if (m.check === "sum") {
        at(t.row, header, `the total ${m.total} differs from the sum of the rows, ${m.expected}`, `合计 ${m.total} 与各行之和 ${m.expected} 不符`, "warning");
      } else {
        const [lo, hi] = m.expected as [number, number];
        at(
          t.row,
          header,
          `the total rate ${percent(m.total)} lies outside the rows' range ${percent(lo)}–${percent(hi)}`,
          `合计行的比率 ${percent(m.total)} 不在各行的范围 ${percent(lo)}–${percent(hi)} 之内`,
          "warning",
        );
      }
    }
  });
}

/** A code that stands for two different names in one file is a typing error or a renamed county: warn at the later row. */
function checkCodeNames(columns: Record<string, unknown[]>, rowNumbers: number[], headerOf: (name: string) => string, at: At): void {
  for (const [codeCol, nameCol] of Object.entries(CODE_COLUMNS)) {
    if (!nameCol || !columns[codeCol] || !columns[nameCol]) continue;
    const first = new Map<string, { name: string; row: number }>();
    const warned = new Set<string>();
    columns[codeCol].forEach((code, i) => {
      const name = columns[nameCol][i];
      if (typeof code !== "string" || typeof name !== "string" || name === "") return;
      const prev = first.get(code);
      if (!prev) first.set(code, { name, row: rowNumbers[i] });
      else if (prev.name !== name && !warned.has(`${code}|${name}`)) {
        warned.add(`${code}|${name}`);
        at(
          rowNumbers[i],
          headerOf(nameCol),
          `code ${code} is ${prev.name} in row ${prev.row} but ${name} here; check the code`,
          `代码 ${code} 在第 ${prev.row} 行是 ${prev.name}，此处却是 ${name}；请核对代码`,
          "warning",
        );
      }
    });
  }
}

function checkKeys(
  schema: TableSchema,
  columns: Record<string, unknown[]>,
  rowNumbers: number[],
  headerOf: (name: string) => string,
  at: At,
): void {
  const n = rowNumbers.length;
  const keyOf = (cols: readonly string[], i: number) => cols.map((c) => String(columns[c]?.[i] ?? "")).join(" | ");
  if (schema.primaryKey?.every((c) => columns[c])) {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = keyOf(schema.primaryKey, i);
      const prev = first.get(k);
      if (prev !== undefined) {
        const key = schema.primaryKey.map(headerOf);
        at(rowNumbers[i], key.join("+"), `duplicates row ${prev} (${key.join(", ")} = ${k})`, `与第 ${prev} 行重复（${key.join("、")} = ${k}）`);
      } else first.set(k, rowNumbers[i]);
    }
  }
  const ord = schema.ordered;
  if (ord && columns[ord.by] && ord.within.every((c) => columns[c])) {
    const last = new Map<string, { value: string; row: number }>();
    for (let i = 0; i < n; i++) {
      const v = columns[ord.by][i];
      if (v === null || v === undefined) continue;
      const g = keyOf(ord.within, i);
      const prev = last.get(g);
      if (prev && String(v) < prev.value) {
        at(
          rowNumbers[i],
          headerOf(ord.by),
          `${String(v)} comes after ${prev.value} (row ${prev.row}) for ${g}: dates out of order`,
          `${String(v)} 早于第 ${prev.row} 行的 ${prev.value}（${g}）：日期顺序颠倒`,
        );
      }
      if (!prev || String(v) >= prev.value) last.set(g, { value: String(v), row: rowNumbers[i] });
    }
  }
}
