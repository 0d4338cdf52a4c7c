import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadTable } from "../../src/data/load-table.js";
import { parseCsvRecords } from "../../src/data/parse-csv.js";
import { DATASET_PATHS } from "../../src/data/paths.js";
import { DataValidationError } from "../../src/shared/errors.js";
import { countyHistory } from "../../src/store/county-history.js";
import { importToStore } from "../../src/store/import-to-store.js";
import { loadPanelFromStore } from "../../src/store/load-panel-from-store.js";
import { splitCsvRecords } from "../../src/store/split-csv-records.js";
import { captureConsole } from "../helpers/capture-console.js";

let dir: string;
const progressCsv = path.join(DATASET_PATHS.synthetic(), "progress.csv");
const HEAD = "县区代码,县区,截至日期,开工率,竣工率\n";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-store-"));
});

/** Rows sorted by county and date, as plain objects: the comparison ignores row order only. */
const sorted = (t: Awaited<ReturnType<typeof loadPanelFromStore>>) =>
  (t.objects() as Record<string, unknown>[]).slice().sort((a, b) => String(a.county_id).localeCompare(String(b.county_id)) || String(a.as_of).localeCompare(String(b.as_of)));

/** Row counts of the store's tables, read straight from DuckDB (what "unchanged" means). */
async function storeCounts(db: string): Promise<{ versions: number; imports: number }> {
  const inst = await DuckDBInstance.create(db);
  const con = await inst.connect();
  const r = (await con.runAndReadAll("SELECT (SELECT count(*) FROM report_versions), (SELECT count(*) FROM imports)")).getRows()[0];
  con.closeSync();
  inst.closeSync();
  return { versions: Number(r[0]), imports: Number(r[1]) };
}

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const f = path.join(dir, name);
  await writeFile(f, content);
  return f;
}

describe("importToStore and loadPanelFromStore", () => {
  it.each([
    ["read whole by loadTable", undefined],
    ["streamed in batches", 0],
  ])("store → panel equals CSV → panel for the bundled 3,203-row 双月报 (%s)", async (_label, streamAboveBytes) => {
    const db = path.join(dir, `round-trip-${streamAboveBytes ?? "whole"}.duckdb`);
    const s = await importToStore([progressCsv], { db, streamAboveBytes, batchRows: 500 });
    expect(s.rows).toBe(3203);
    expect(s.revised).toBe(0);
    expect(s.files[0]).toMatchObject({ file: "progress.csv", rows: 3203, counties: 109, firstDate: "2014-10-31", lastDate: "2019-12-31" });
    const fromCsv = (await loadTable(progressCsv, "progress")).table;
    const fromStore = await loadPanelFromStore(db);
    expect(fromStore.columnNames()).toEqual(fromCsv.columnNames());
    expect(sorted(fromStore)).toEqual(sorted(fromCsv));
    // asOf keeps reports on or before the date: 2014-10-31 and 2014-12-31 of the 109 counties that report then.
    const early = await loadPanelFromStore(db, { asOf: "2014-12-31" });
    expect(early.numRows()).toBe(sorted(fromCsv).filter((r) => String(r.as_of) <= "2014-12-31").length);
  });

  it("a bad row in the third file imports nothing: the store is byte-for-byte the same panel, and the message names file, row and column", async () => {
    for (const streamAboveBytes of [undefined, 0]) {
      const db = path.join(dir, `tx-${streamAboveBytes ?? "whole"}.duckdb`);
      await importToStore([await file("base.csv", `${HEAD}410102,中原区,2016-08-31,50%,20%\n410103,二七区,2016-08-31,40%,10%\n`)], { db });
      const before = { counts: await storeCounts(db), panel: sorted(await loadPanelFromStore(db)) };
      const a = await file("a.csv", `${HEAD}410102,中原区,2016-10-31,60%,30%\n`);
      const b = await file("b.csv", `${HEAD}410103,二七区,2016-10-31,45%,15%\n410102,中原区,2016-12-31,70%,40%\n`);
      const bad = await file("c.csv", `${HEAD}410102,中原区,2017-02-28,80%,50%\n410103,二七区,2017-02-28,50%,abc\n`);
      const err = await importToStore([a, b, bad], { db, streamAboveBytes }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataValidationError);
      const issues = (err as DataValidationError).issues.filter((i) => i.severity === "error");
      expect(issues).toEqual([expect.objectContaining({ file: "c.csv", row: 3, column: "竣工率", message: '"abc" is not a number' })]);
      expect(await storeCounts(db)).toEqual(before.counts);
      expect(sorted(await loadPanelFromStore(db))).toEqual(before.panel);
    }
  });

  it("the same county and date twice in one import (across files) is an error naming both places", async () => {
    const db = path.join(dir, "dup.duckdb");
    const a = await file("dup-a.csv", `${HEAD}410102,中原区,2016-10-31,60%,30%\n`);
    const b = await file("dup-b.csv", `${HEAD}410103,二七区,2016-10-31,45%,15%\n410102,中原区,2016-10-31,61%,31%\n`);
    const err = (await importToStore([a, b], { db }).catch((e: unknown) => e)) as DataValidationError;
    expect(err.issues[0]).toMatchObject({ file: "dup-b.csv", row: 3, message: "county 410102 on 2016-10-31 appears more than once in this import (dup-a.csv row 2, dup-b.csv row 3); keep one" });
    expect(await storeCounts(db)).toEqual({ versions: 0, imports: 0 });
  });

  it("re-importing a period replaces it in the panel and keeps the earlier version: countyHistory shows both", async () => {
    const db = path.join(dir, "revise.duckdb");
    const first = await file("2016-10.csv", `${HEAD}410102,中原区,2016-08-31,50%,20%\n410102,中原区,2016-10-31,60%,30%\n410103,二七区,2016-10-31,40%,10%\n`);
    const revised = await file("2016-10-revised.csv", `${HEAD}410102,中原区,2016-10-31,60%,34.37%\n`);
    await importToStore([first], { db, now: "2016-11-05T09:00:00.000Z" });
    const s = await importToStore([revised], { db, now: "2016-11-20T09:00:00.000Z" });
    expect(s).toMatchObject({ importId: 2, rows: 1, revised: 1 });
    const panel = sorted(await loadPanelFromStore(db));
    expect(panel.map((r) => [r.county_id, r.as_of, r.completion_rate])).toEqual([
      ["410102", "2016-08-31", 0.2],
      ["410102", "2016-10-31", 0.3437],
      ["410103", "2016-10-31", 0.1],
    ]);
    // The panel as it stood after import 1 still has the first figure.
    expect(sorted(await loadPanelFromStore(db, { importId: 1 }))[1].completion_rate).toBe(0.3);
    const h = await countyHistory("410102", { db });
    expect(h.map((v) => [v.asOf, v.importId, v.sourceFile, v.sourceRow, v.completionRate, v.current])).toEqual([
      ["2016-08-31", 1, "2016-10.csv", 2, 0.2, true],
      ["2016-10-31", 1, "2016-10.csv", 3, 0.3, false],
      ["2016-10-31", 2, "2016-10-revised.csv", 2, 0.3437, true],
    ]);
  });

  it("gaibo history prints each version with its import and what the revision changed (English and Chinese)", async () => {
    const db = path.join(dir, "revise.duckdb");
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    await main(["node", "gaibo", "history", "410102", "--db", db, "--lang", "en"]);
    await main(["node", "gaibo", "history", "410102", "--db", db]);
    vi.restoreAllMocks();
    expect(process.exitCode ?? 0).toBe(0);
    expect(out[0]).toBe(`county 410102 中原区: 2 report date(s), 1 revision(s) (store ${db})`);
    expect(out[3]).toMatch(/^2016-10-31 +#1 +2016-11-05 09:00:00 +2016-10\.csv 3 +60% +30% +— +— +superseded$/);
    expect(out[4]).toMatch(/^2016-10-31 +#2 +2016-11-20 09:00:00 +2016-10-revised\.csv 2 +60% +34\.37% +— +— +current \(completion 30% → 34\.37%\)$/);
    expect(out[5]).toBe(`县 410102 中原区：2 期报告，1 次修订（库 ${db}）`);
    expect(out[9]).toMatch(/当前 \(竣工率 30% → 34\.37%\)$/);
  });

  it("streams a GB18030 CSV under a title row and an .xlsx with a title row, giving the same panel as UTF-8", async () => {
    const body = "县区代码,县区,截至日期,开工率,竣工率\n410102,中原区,2016-10-31,60%,30%\n410103,二七区,2016-10-31,40%,10%\n";
    const gbk = await file("gbk.csv", iconv.encode(`2016年10月全面改薄双月报,,,,\n${body}`, "gb18030"));
    const utf16 = await file("utf16.csv", iconv.encode(`\ufeff${body}`, "utf16le"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("双月报");
    ws.addRow(["2016年10月全面改薄双月报"]);
    ws.addRow(["填报单位：郑州市教育局"]);
    for (const line of body.trim().split("\n").map((l) => l.split(","))) ws.addRow(line.map((c) => (/^\d+%$/.test(c) ? Number(c.slice(0, -1)) / 100 : c)));
    const xlsx = path.join(dir, "title.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const expected = [
      { county_id: "410102", county_name: "中原区", as_of: "2016-10-31", start_rate: 0.6, completion_rate: 0.3 },
      { county_id: "410103", county_name: "二七区", as_of: "2016-10-31", start_rate: 0.4, completion_rate: 0.1 },
    ];
    for (const [name, f] of [["gbk", gbk], ["utf16", utf16], ["xlsx", xlsx]]) {
      const db = path.join(dir, `enc-${name}.duckdb`);
      const s = await importToStore([f], { db, streamAboveBytes: 0 });
      expect(s.rows).toBe(2);
      expect(sorted(await loadPanelFromStore(db))).toEqual(expected);
    }
  });

  it("a streamed points column stays points in every batch (later small values too), and a 合计 row is left out", async () => {
    // The first chunk (15 + batchRows rows) is plainly points; the 20 rows after it (0.3, 0.1) would look like
    // shares to a batch on its own. (A whole-file reader counts all rows and, here, calls the column shares.)
    const big = Array.from({ length: 15 }, (_, i) => `4101${String(i).padStart(2, "0")},县${i},2016-08-31,${30 + i},${10 + i}\n`).join("");
    const small = Array.from({ length: 20 }, (_, i) => `4102${String(i).padStart(2, "0")},县${i},2016-08-31,0.3,0.1\n`).join("");
    const f = await file("points.csv", `${HEAD}${big}合计,,2016-08-31,555,255\n${small}`);
    const db = path.join(dir, "points.duckdb");
    const s = await importToStore([f], { db, streamAboveBytes: 0, batchRows: 2 });
    expect(s.rows).toBe(35);
    expect(s.warnings.some((w) => /totals row \(合计\)/.test(w.message))).toBe(true);
    const panel = sorted(await loadPanelFromStore(db));
    expect(panel.slice(0, 15).map((r) => [r.start_rate, r.completion_rate])).toEqual(Array.from({ length: 15 }, (_, i) => [(30 + i) / 100, (10 + i) / 100]));
    expect(panel.slice(15).every((r) => r.start_rate === 0.003 && r.completion_rate === 0.001)).toBe(true);
  });

  it("a file that is not 双月报 text says so and imports nothing", async () => {
    const db = path.join(dir, "latin.duckdb");
    const latin = await file("latin1.csv", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0xff, 0xfe, 0xfd, 0x0a]));
    const err = (await importToStore([latin], { db, streamAboveBytes: 0 }).catch((e: unknown) => e)) as DataValidationError;
    expect(err.issues[0].message).toMatch(/neither UTF-8, GB18030\/GBK nor UTF-16/);
  });
});

describe("splitCsvRecords", () => {
  it("splitCsvRecords gives the records parseCsvRecords gives wherever the text is cut into pieces", () => {
    const cell = fc.oneof(fc.constantFrom("", "a", "中原区", '"q"', "x,y", "line\nbreak", "0.3437", "\r\n"), fc.string({ maxLength: 4 }));
    const quote = (c: string) => (/[",\n\r]/.test(c) || c === "" ? `"${c.replace(/"/g, '""')}"` : c);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(200), { maxLength: 6 }), (rows, cuts) => {
        const text = ["h1,h2,h3", ...rows.map((r) => r.map(quote).join(","))].join("\r\n") + "\n";
        const split = splitCsvRecords();
        const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
        const records = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          records.push(...split.push(text.slice(from, p)));
          from = p;
        }
        records.push(...split.end().records);
        const whole = parseCsvRecords(text, "t.csv");
        expect(records.map((r) => ({ row: r.line, cells: r.fields }))).toEqual(whole);
      }),
      { numRuns: 300, seed: 20161031 },
    );
  });
});

describe("gaibo import", () => {
  const out = captureConsole();
  
  it("gaibo import a.csv b.csv --db store says what it added, per file, in Chinese by default", async () => {
    const db = path.join(dir, "cli.duckdb");
    const a = await file("cli-a.csv", `${HEAD}410102,中原区,2016-08-31,50%,20%\n410103,二七区,2016-08-31,40%,10%\n`);
    const b = await file("cli-b.csv", `${HEAD}410102,中原区,2016-10-31,60%,30%\n`);
    await main(["node", "gaibo", "import", a, b, "--db", db]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(out).toEqual([
      "  cli-a.csv：2 行，2 个县，2016-08-31",
      "  cli-b.csv：1 行，1 个县，2016-10-31",
      `已导入 3 行（导入号 #1）到 ${db}；其中 0 行修订了库中已有的报告（旧版本保留，可用 gaibo history <县区代码> 查看）`,
    ]);
    expect(await readFile(db).then((b) => b.length > 0)).toBe(true);
  });
});
