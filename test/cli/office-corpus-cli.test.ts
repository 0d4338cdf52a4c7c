import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

const ROOT = path.join(import.meta.dirname, "..", "..");
const DIR = path.join(ROOT, "test", "fixtures", "office");
const cases: { file: string; sheet?: string; allocate?: string; expect: { ok: boolean } }[] = JSON.parse(await readFile(path.join(DIR, "manifest.json"), "utf8"));
// A stack frame as Node prints it: "    at fn (file:line:col)".
const STACK_LINE = /^\s+at .+[(:]/m;

/** Run the CLI in this process, capturing what it prints and its exit code (a throw is printed with its stack, as bin/gaibo.js would). */
async function run(args: string[]): Promise<{ out: string; code: number }> {
  const lines: string[] = [];
  const capture = (...a: unknown[]) => void lines.push(a.map((x) => (x instanceof Error ? (x.stack ?? String(x)) : String(x))).join(" "));
  const spies = (["log", "warn", "error", "info"] as const).map((k) => vi.spyOn(console, k).mockImplementation(capture));
  process.exitCode = undefined;
  try {
    await main(["node", "gaibo", ...args]);
  } catch (err) {
    capture(err);
    process.exitCode = 1;
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out: lines.join("\n"), code };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("the CLI on every office-corpus file", () => {
  it.each(cases.map((c) => [`${c.file}${c.sheet ? ` --sheet ${c.sheet}` : ""}`, c] as const))("gaibo validate %s prints no stack trace, in either language", async (_, c) => {
    for (const lang of ["zh", "en"]) {
      const { out, code } = await run(["validate", path.join(DIR, c.file), ...(c.sheet ? ["--sheet", c.sheet] : []), "--lang", lang]);
      expect(out, out).not.toMatch(STACK_LINE);
      expect(code, out).toBe(c.expect.ok ? 0 : 1);
      if (lang === "zh") expect(out).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(cases.filter((c) => c.allocate).map((c) => [c.file, c] as const))("gaibo allocate --units %s runs without a stack trace and without giving a totals row money", async (_, c) => {
    const out = await mkdtemp(path.join(tmpdir(), "gaibo-alloc-"));
    const r = await run(["allocate", "--units", path.join(DIR, c.file), "--rule", path.join(ROOT, c.allocate!), "--budget-wan-yuan", "10000", "--out", out]);
    expect(r.out, r.out).not.toMatch(STACK_LINE);
    expect(r.code, r.out).toBe(0);
    const ledger = (await readFile(path.join(out, "allocation-need-only.csv"), "utf8")).split(/\r?\n/).filter(Boolean);
    expect(ledger.length - 1).toBe(3); // three counties, no 合计 row
    expect(ledger.join("\n")).not.toMatch(/合计/);
  });

  // The built launcher, as a user runs it (npm test builds first); a few files only, to keep the test cheap.
  it.runIf(existsSync(path.join(ROOT, "dist", "cli", "main.js")))("node bin/gaibo.js validate prints no stack trace on a GBK, a UTF-16 and a broken workbook", async () => {
    const exec = promisify(execFile);
    for (const f of ["progress-gbk-points.csv", "progress-unicode-text.txt", "progress-formula-errors.xlsx", "old-format.xls"]) {
      const r = await exec(process.execPath, [path.join(ROOT, "bin", "gaibo.js"), "validate", path.join(DIR, f)]).catch((e: { stdout: string; stderr: string; code: number }) => e);
      expect(`${r.stdout}${r.stderr}`, f).not.toMatch(STACK_LINE);
    }
  });
});
