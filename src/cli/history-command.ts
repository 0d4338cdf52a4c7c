import { countyHistory, type ReportVersion } from "../store/county-history.js";
import { DEFAULT_PANEL_STORE } from "../store/open-panel-store.js";
import type { Lang } from "../shared/i18n.js";

// Shares are shown as a clerk reads them; toPrecision drops float noise.
const pct = (x: number | null) => (x === null ? "—" : `${Number((x * 100).toPrecision(10))}%`);

/** What changed from the previous version of the same date, e.g. `竣工率 34.37% → 36%`. */
function changes(prev: ReportVersion, cur: ReportVersion, zh: boolean): string {
  const fields: [keyof ReportVersion, string, string][] = [
    ["startRate", "开工率", "start"],
    ["completionRate", "竣工率", "completion"],
    ["equipmentRate", "设备采购完成率", "equipment"],
    ["fundsRate", "资金到位率", "funds"],
  ];
  const diffs = fields
    .filter(([k]) => prev[k] !== cur[k])
    .map(([k, z, e]) => `${zh ? z : e} ${pct(prev[k] as number | null)} → ${pct(cur[k] as number | null)}`);
  return diffs.length ? diffs.join(zh ? "，" : ", ") : zh ? "数值未变" : "no change in values";
}

/**
 * `gaibo history <county code> [--db path]`: every imported version of a county's 双月报, date by date, with the
 * import, file and row it came from, which version is current and what each revision changed.
 */
export async function runHistory(countyId: string, opts: { db?: string; lang: Lang }): Promise<number> {
  const zh = opts.lang === "zh";
  const db = opts.db ?? DEFAULT_PANEL_STORE;
  const versions = await countyHistory(countyId, { db });
  const name = versions.find((v) => v.countyName)?.countyName;
  const dates = new Set(versions.map((v) => v.asOf)).size;
  const revised = versions.length - dates;
  console.log(
    zh
      ? `县 ${countyId}${name ? ` ${name}` : ""}：${dates} 期报告，${revised} 次修订（库 ${db}）`
      : `county ${countyId}${name ? ` ${name}` : ""}: ${dates} report date(s), ${revised} revision(s) (store ${db})`,
  );
  const head = zh
    ? ["截至日期", "导入", "导入时间", "来源（文件 行）", "开工率", "竣工率", "设备", "资金", "状态"]
    : ["as of", "import", "imported at", "source (file row)", "start", "completion", "equipment", "funds", "status"];
  const rows = versions.map((v, i) => {
    const prev = i > 0 && versions[i - 1].asOf === v.asOf ? versions[i - 1] : undefined;
    const status = [v.current ? (zh ? "当前" : "current") : zh ? "已被取代" : "superseded", prev ? `(${changes(prev, v, zh)})` : ""].filter(Boolean).join(" ");
    return [v.asOf, `#${v.importId}`, v.importedAt.replace("T", " ").slice(0, 19), `${v.sourceFile} ${v.sourceRow ?? ""}`.trim(), pct(v.startRate), pct(v.completionRate), pct(v.equipmentRate), pct(v.fundsRate), status];
  });
  // Chinese characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]))));
  const line = (cells: string[]) => cells.map((s, c) => (c === cells.length - 1 ? s : s + " ".repeat(widths[c] - width(s)))).join("  ");
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  return 0;
}
