import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load-table.js";
import { DataValidationError, type DataIssue } from "../../src/shared/errors.js";
// @ts-expect-error the generator is plain JavaScript run by node
import { makeOfficeFixtures } from "../../scripts/make-office-fixtures.js";

/** One corpus file and what reading it must give (written by scripts/make-office-fixtures.js). */
interface Case {
  file: string;
  sheet?: string;
  about: string;
  allocate?: string;
  expect: {
    ok: boolean;
    kind?: string;
    rows?: number;
    values?: Record<string, unknown[]>;
    warnings?: string[];
    errors?: { row?: number; column?: string; message: string }[];
  };
}

const DIR = path.join(import.meta.dirname, "..", "fixtures", "office");
const cases: Case[] = JSON.parse(await readFile(path.join(DIR, "manifest.json"), "utf8"));

/** The issues of a load, whether it passed (warnings) or failed (errors and warnings). */
async function load(c: Case) {
  try {
    const r = await loadTable(path.join(DIR, c.file), undefined, c.sheet ? { sheet: c.sheet } : {});
    return { ok: true as const, ...r, issues: r.warnings };
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    return { ok: false as const, issues: err.issues };
  }
}

const has = (issues: DataIssue[], severity: DataIssue["severity"], want: { row?: number; column?: string; message: string }) =>
  issues.some((i) => i.severity === severity && `${i.column ?? ""} ${i.message}`.includes(want.message) && (want.row === undefined || i.row === want.row) && (want.column === undefined || i.column === want.column));

describe("office-file corpus (test/fixtures/office)", () => {
  it.each(cases.map((c) => [`${c.file}${c.sheet ? ` [${c.sheet}]` : ""}: ${c.about}`, c] as const))("loadTable(%s)", async (_, c) => {
    const r = await load(c);
    const shown = r.issues.map((i) => `${i.severity} ${i.row ?? "-"} ${i.column ?? "-"} ${i.message}`).join("\n");
    expect(r.ok, shown).toBe(c.expect.ok);
    for (const w of c.expect.warnings ?? []) expect(has(r.issues, "warning", { message: w }), `warning "${w}" in\n${shown}`).toBe(true);
    for (const e of c.expect.errors ?? []) expect(has(r.issues, "error", e), `error ${JSON.stringify(e)} in\n${shown}`).toBe(true);
    // Every message is also said in Chinese.
    for (const i of r.issues) expect(i.messageZh, i.message).toMatch(/[\u4e00-\u9fff]/);
    if (r.ok) {
      expect(r.schema.kind).toBe(c.expect.kind);
      expect(r.table.numRows()).toBe(c.expect.rows);
      for (const [col, want] of Object.entries(c.expect.values ?? {})) {
        const got = r.table.array(col) as unknown[];
        want.forEach((w, k) => (typeof w === "number" ? expect(got[k] as number, `${col}[${k}]`).toBeCloseTo(w, 12) : expect(got[k], `${col}[${k}]`).toBe(w)));
      }
    }
  });

  it("scripts/make-office-fixtures.js reproduces the committed corpus byte for byte", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "gaibo-office-"));
    const written: string[] = await makeOfficeFixtures(out);
    expect([...written].sort()).toEqual((await readdir(DIR)).sort());
    for (const f of written) expect((await readFile(path.join(out, f))).equals(await readFile(path.join(DIR, f))), f).toBe(true);
  });
});
