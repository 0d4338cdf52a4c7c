import { rename, rm, writeFile } from "node:fs/promises";
import { csvField } from "../data/convert-table.js";
import path from "node:path";
import { loadBundledData } from "../data/load-bundled-data.js";
import { loadTable } from "../data/load-table.js";
import { INDICATOR_ALIASES, PUBLISHED_POINTS_SCHEMA } from "../data/published-points-schema.js";
import { referenceObservations } from "../data/published-progress.js";
import { label } from "../charts/labels.js";
import { forecastRegions, regionForecastCsvRows, type PublishedPoint } from "../progress/forecast-regions.js";
import { supportedProbability } from "../progress/supported-probability.js";
import { isoDate } from "../shared/dates.js";
import { DataValidationError, type DataIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";
import { createRandom } from "../shared/random.js";
import { printInputErrors } from "./print-input-errors.js";

/** Options of `gaibo forecast`. */
export interface ForecastCommandOptions {
  /** published figures, .csv or .xlsx with region, indicator, date, value */
  observations: string;
  asOf: string;
  at?: string[];
  target?: string;
  deadline?: string;
  out?: string;
  sheet?: string;
  seed?: number;
  lang: Lang;
}

const option = (name: string, message: string, messageZh: string): DataIssue => ({ severity: "error", column: name, message, messageZh });

/** An option's date as ISO, accepting what the data files accept (2017-04-30, 2017/4/30, 2017年4月30日). */
function optionDate(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.trim());
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/**
 * `gaibo forecast --observations <csv|xlsx> --as-of <date> [--at <date>…] [--target 0.7 --deadline <date>]
 * [--out file.csv] [--lang en]`: forecast provinces or cities from their few published figures
 * (`forecastRegions`, reference class of real regions leaving each region out); prints a table and
 * writes `region, indicator, date, p10, median, p90[, probability]` with `--out`.
 *
 * @returns exit code: 0, or 1 for bad input (messages name file, row, column or option; nothing written)
 */
export async function runForecast(opts: ForecastCommandOptions): Promise<number> {
  const zh = opts.lang === "zh";
  try {
    const issues: DataIssue[] = [];
    const asOf = optionDate(opts.asOf);
    if (!asOf) issues.push(option("--as-of", `"${opts.asOf}" is not a date (write YYYY-MM-DD)`, `"${opts.asOf}" 不是日期（请写成 YYYY-MM-DD）`));
    const at = (opts.at ?? []).map((d) => {
      const iso = optionDate(d);
      if (!iso) issues.push(option("--at", `"${d}" is not a date (write YYYY-MM-DD)`, `"${d}" 不是日期（请写成 YYYY-MM-DD）`));
      else if (asOf && !(iso > asOf)) issues.push(option("--at", `${iso} is not after --as-of ${asOf}`, `${iso} 不晚于 --as-of ${asOf}`));
      return iso ?? "";
    });
    const deadline = optionDate(opts.deadline);
    if (opts.deadline !== undefined && !deadline) issues.push(option("--deadline", `"${opts.deadline}" is not a date (write YYYY-MM-DD)`, `"${opts.deadline}" 不是日期（请写成 YYYY-MM-DD）`));
    if (deadline && asOf && !(deadline > asOf)) issues.push(option("--deadline", `${deadline} is not after --as-of ${asOf}`, `${deadline} 不晚于 --as-of ${asOf}`));
    let target: number | undefined;
    if (opts.target !== undefined) {
      const s = opts.target.trim();
      target = s.endsWith("%") ? Number(s.slice(0, -1)) / 100 : Number(s);
      if (!(target > 0 && target <= 2)) issues.push(option("--target", `"${opts.target}" is not a share in (0, 2] (write 0.7 or 70%)`, `"${opts.target}" 不是 (0, 2] 之间的比例（请写 0.7 或 70%）`));
    }
    if ((opts.target === undefined) !== (opts.deadline === undefined)) issues.push(option(opts.target === undefined ? "--target" : "--deadline", "--target and --deadline go together", "--target 与 --deadline 须同时给出"));
    if (opts.out && path.extname(opts.out).toLowerCase() !== ".csv") issues.push(option("--out", `${opts.out} must end in .csv`, `${opts.out} 须以 .csv 结尾`));
    if (issues.length) throw new DataValidationError(issues);

    const { table, warnings, rowNumbers } = await loadTable(opts.observations, PUBLISHED_POINTS_SCHEMA, { sheet: opts.sheet });
    for (const w of warnings) console.warn(formatWarning(w, opts.lang));
    const points: PublishedPoint[] = (table.objects() as Record<string, unknown>[]).map((r) => ({
      region: String(r.region),
      indicator: INDICATOR_ALIASES[String(r.indicator)],
      date: String(r.date),
      value: Number(r.value),
    }));
    // Two figures of one region, indicator and date written differently (竣工率 and completion_rate) are one duplicate.
    const seen = new Map<string, number>();
    const dupes: DataIssue[] = [];
    points.forEach((p, i) => {
      const key = `${p.region}|${p.indicator}|${p.date}`;
      if (seen.has(key)) dupes.push({ severity: "error", file: path.basename(opts.observations), row: rowNumbers[i], column: "indicator", message: `repeats row ${seen.get(key)} (${p.region}, ${p.indicator}, ${p.date})`, messageZh: `与第 ${seen.get(key)} 行重复（${p.region}，${p.indicator}，${p.date}）` });
      else seen.set(key, rowNumbers[i]);
    });
    if (dupes.length) throw new DataValidationError(dupes);
    if (points.length === 0) throw new DataValidationError([{ severity: "error", file: path.basename(opts.observations), message: "has no figures", messageZh: "没有任何数字" }]);

    const data = await loadBundledData();
    let forecasts;
    try {
      forecasts = forecastRegions(points, {
        reference: referenceObservations(data),
        random: createRandom(opts.seed !== undefined ? Number(opts.seed) : 20170430),
        asOf: asOf!,
        at: at.length ? at : undefined,
        target,
        deadline,
      });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new DataValidationError([{ severity: "error", file: path.basename(opts.observations), column: "indicator", message: err.message, messageZh: `无法预测：${err.message}` }]);
    }

    // The terminal table.
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(zh ? `截至 ${asOf} 的公布数字预测（参照类先验，不含本地区；80% 区间）` : `Forecast from published figures up to ${asOf} (reference-class prior without the region; 80% band)`);
    const head = zh ? ["地区", "指标", "日期", "p10", "中位数", "p90", "达标概率"] : ["region", "indicator", "date", "p10", "median", "p90", "probability"];
    const lines: string[][] = [head];
    for (const f of forecasts) {
      if (f.used.length === 0) console.log(zh ? `注意：${f.region} ${label(f.indicator, opts.lang)} 在 ${asOf} 前没有数字，预测仅来自参照类` : `note: ${f.region} ${label(f.indicator, opts.lang)} has no figure up to ${asOf}; the forecast is the reference class alone`);
      for (const r of f.rows) lines.push([f.region, label(f.indicator, opts.lang), r.date, pct(r.p10), pct(r.median), pct(r.p90), r.probability !== undefined ? supportedProbability(r.probability).text : ""]);
    }
    const width = head.map((_, j) => Math.max(...lines.map((l) => displayWidth(l[j]))));
    for (const l of lines) console.log(l.map((c, j) => c + " ".repeat(width[j] - displayWidth(c))).join("  ").trimEnd());

    if (opts.out) {
      const csv = regionForecastCsvRows(forecasts)
        // csvField quotes as RFC 4180 does and neutralises text Excel would run as a formula (a region named "=…").
        .map((r) => r.map((c) => csvField(c)).join(","))
        .join("\n");
      // One file: written beside its target and renamed into place, so a failed run leaves no partial CSV.
      const tmp = `${opts.out}.tmp-${process.pid}`;
      try {
        await writeFile(tmp, `\ufeff${csv}\n`);
        await rename(tmp, opts.out);
      } catch (err) {
        await rm(tmp, { force: true });
        throw new DataValidationError([{ severity: "error", file: opts.out, ...cannotWriteMessage(err) }]);
      }
      console.log(zh ? `已写出 ${opts.out}` : `wrote ${opts.out}`);
    }
    return 0;
  } catch (err) {
    return printInputErrors(err, opts.lang);
  }
}

function formatWarning(w: DataIssue, lang: Lang): string {
  const where = [w.file, w.row !== undefined ? (lang === "zh" ? `第 ${w.row} 行` : `row ${w.row}`) : undefined, w.column ? (lang === "zh" ? `列 ${w.column}` : `column ${w.column}`) : undefined].filter(Boolean).join(", ");
  return `${where}: ${lang === "zh" ? "警告: " : "warning: "}${lang === "zh" ? (w.messageZh ?? w.message) : w.message}`;
}

/** Terminal columns of a string: CJK characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function cannotWriteMessage(err: unknown): { message: string; messageZh: string } {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return { message: `cannot be written (${code})`, messageZh: `无法写出（${code}）` };
}
