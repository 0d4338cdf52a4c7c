import { DEFAULT_PANEL_STORE } from "../store/open-panel-store.js";
import { importToStore } from "../store/import-to-store.js";
import { formatIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";

/** Options of `gaibo import`. */
export interface ImportCommandOptions {
  db?: string;
  sheet?: string;
  lang: Lang;
}

const SHOWN_WARNINGS = 10;

/**
 * `gaibo import <files…> [--db path]`: add 双月报 files to the panel store in one transaction (all rows of all files
 * or none), then say what was added and how many reports revised an earlier version.
 *
 * @returns the exit code: 0 on success (input problems are thrown as DataValidationError for main to print)
 */
export async function runImport(files: string[], opts: ImportCommandOptions): Promise<number> {
  const zh = opts.lang === "zh";
  const db = opts.db ?? DEFAULT_PANEL_STORE;
  let lastShown = Date.now();
  const summary = await importToStore(files, {
    db,
    sheet: opts.sheet,
    onProgress: (file, rows) => {
      if (Date.now() - lastShown < 5000) return;
      lastShown = Date.now();
      console.error(zh ? `  ${file}：已读 ${rows.toLocaleString("en-US")} 行` : `  ${file}: ${rows.toLocaleString("en-US")} rows read`);
    },
  });
  for (const w of summary.warnings.slice(0, SHOWN_WARNINGS)) console.warn(formatIssue(w, opts.lang));
  if (summary.warnings.length > SHOWN_WARNINGS) {
    console.warn(zh ? `… 另有 ${summary.warnings.length - SHOWN_WARNINGS} 条警告` : `… ${summary.warnings.length - SHOWN_WARNINGS} more warning(s)`);
  }
  for (const f of summary.files) {
    const span = f.firstDate === f.lastDate ? f.firstDate : `${f.firstDate} – ${f.lastDate}`;
    console.log(zh ? `  ${f.file}：${f.rows} 行，${f.counties} 个县，${span}` : `  ${f.file}: ${f.rows} rows, ${f.counties} counties, ${span}`);
  }
  console.log(
    zh
      ? `已导入 ${summary.rows} 行（导入号 #${summary.importId}）到 ${db}；其中 ${summary.revised} 行修订了库中已有的报告（旧版本保留，可用 gaibo history <县区代码> 查看）`
      : `imported ${summary.rows} rows (import #${summary.importId}) into ${db}; ${summary.revised} of them revise a report already in the store (the earlier version is kept: gaibo history <county code>)`,
  );
  return 0;
}
