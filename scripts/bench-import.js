// Benchmark: `gaibo import` of a school-level 双月报 panel, 1,000,000 rows as CSV and as .xlsx, into a fresh panel
// store; prints the import time and the peak resident memory (target: under 1 GB for either), beside DuckDB's own
// native read_csv of the same CSV as a peer. Each import runs in its own child process, whose peak RSS is its
// process.resourceUsage().maxRSS (VmHWM). Inputs are generated in a temporary folder (deterministic) and removed.
//
// Usage: npm run build && node scripts/bench-import.js [rows]   (npm run bench -- import)
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const PERIODS = 30;
const SCHOOLS = Math.ceil(ROWS / PERIODS);
const TARGET_MB = 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (process.argv[2] === "--child") {
  // Child: one import, then its figures as JSON on stdout.
  const [, , , kind, file, db] = process.argv;
  const t0 = performance.now();
  if (kind === "duckdb-read-csv") {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const inst = await DuckDBInstance.create(db, { memory_limit: "512MB", threads: "2" });
    const con = await inst.connect();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}', header = true, skip = 1)`);
    con.closeSync();
    inst.closeSync();
  } else {
    const { importToStore } = await import(path.join(root, "dist/store/import-to-store.js"));
    const s = await importToStore([file], { db });
    if (s.rows !== Number(process.argv[6])) throw new Error(`imported ${s.rows} rows`);
  }
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

/** Report dates every two months from end October 2014, as offices number them. */
function periods() {
  const out = [];
  for (let i = 0; i < PERIODS; i++) {
    const m = 10 + 2 * i;
    const y = 2014 + Math.floor((m - 1) / 12);
    const mm = ((m - 1) % 12) + 1;
    const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
    out.push(`${y}-${String(mm).padStart(2, "0")}-${last}`);
  }
  return out;
}

/** Rows in report-date order: every school in one period, then the next (how a province's files are stacked). */
function* rows() {
  const dates = periods();
  let n = 0;
  for (let p = 0; p < PERIODS; p++) {
    for (let s = 0; s < SCHOOLS && n < ROWS; s++, n++) {
      const start = Math.min(1, (p + 1) / 20 + ((s * 7919) % 100) / 2000);
      const done = Math.max(0, start - 0.15);
      yield [`${410000 + (s % 9000)}${String(s).padStart(6, "0")}`, `学校${s}`, `市${s % 18}`, dates[p], Number(start.toFixed(4)), Number(done.toFixed(4))];
    }
  }
}

const HEADER = ["县区代码", "学校", "省辖市", "截至日期", "开工率", "竣工率"];

async function writeCsv(file) {
  const out = createWriteStream(file);
  out.write(`\ufeff全国全面改薄学校双月报（基准测试，合成数据）,,,,,\n${HEADER.join(",")}\n`);
  let buf = "";
  for (const r of rows()) {
    buf += r.join(",") + "\n";
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

async function writeXlsx(file) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet("双月报");
  ws.addRow(HEADER).commit();
  for (const r of rows()) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

function child(kind, file, db) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", kind, file, db, String(ROWS)], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).split("\n").slice(0, 3).join(" ") };
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const dir = mkdtempSync(path.join(os.tmpdir(), "gaibo-bench-import-"));
try {
  const csv = path.join(dir, "panel.csv");
  const xlsx = path.join(dir, "panel.xlsx");
  let t = performance.now();
  await writeCsv(csv);
  console.log(`inputs: ${ROWS.toLocaleString("en-US")} rows (${SCHOOLS.toLocaleString("en-US")} schools × ${PERIODS} periods); CSV ${(statSync(csv).size / 1e6).toFixed(0)} MB written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  await writeXlsx(xlsx);
  console.log(`        xlsx ${(statSync(xlsx).size / 1e6).toFixed(0)} MB written in ${((performance.now() - t) / 1000).toFixed(1)} s (exceljs streaming writer)`);
  const runs = [
    ["gaibo import, CSV", "import", csv],
    ["gaibo import, xlsx", "import", xlsx],
    ["peer: DuckDB read_csv (native, no validation)", "duckdb-read-csv", csv],
  ];
  let failed = false;
  console.log(`\n${"run".padEnd(48)}${"seconds".padStart(9)}${"rows/s".padStart(11)}${"peak RSS MB".padStart(13)}  target < ${TARGET_MB} MB`);
  for (const [label, kind, file] of runs) {
    const db = path.join(dir, `${kind}-${path.extname(file).slice(1)}.duckdb`);
    const r = child(kind, file, db);
    if (r.error) {
      console.log(`${label.padEnd(48)} FAILED: ${r.error}`);
      failed = true;
      continue;
    }
    const ok = kind !== "import" || r.maxRssMb < TARGET_MB;
    if (!ok) failed = true;
    console.log(`${label.padEnd(48)}${r.seconds.toFixed(1).padStart(9)}${Math.round(ROWS / r.seconds).toLocaleString("en-US").padStart(11)}${r.maxRssMb.toFixed(0).padStart(13)}  ${kind === "import" ? (ok ? "ok" : "OVER") : ""}`);
  }
  // Times on a shared machine mean little without its load; memory does not depend on it.
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
