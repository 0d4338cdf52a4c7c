import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runBigClass } from "../../src/cli/bigclass-command.js";

let dir: string;
let errors: string[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-bigclass-"));
  errors = [];
  vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(String(m)));
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe("runBigClass", () => {
  it("runBigClass({ scenario: preset }) writes the synthetic province's yearly table as CSV and Excel", async () => {
    const out = path.join(dir, "out");
    expect(await runBigClass({ scenario: "fast", targetYear: 2018, out, lang: "en" })).toBe(0);
    // Besides the owner manifest (.gaibo-outputs.json, written by writeFilesAtomically), exactly the two tables.
    expect((await readdir(out)).filter((f) => !f.startsWith(".")).sort()).toEqual(["bigclass-synthetic-fast.csv", "bigclass-synthetic-fast.xlsx"]);
    const csv = await readFile(path.join(out, "bigclass-synthetic-fast.csv"), "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toContain("classes_56_plus,classes_66_plus,share_56_plus");
    expect(lines.length - 1).toBe(21 * 9); // 2015–2035 × (primary, junior, all) × (urban, town, urban+town)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "bigclass-synthetic-fast.xlsx"));
    expect(wb.worksheets[0].rowCount).toBe(lines.length);
  });

  it("runBigClass({ scenario: file, region: national }) accepts a scenario file and writes the national drive table", async () => {
    const file = path.join(dir, "mine.json");
    await writeFile(file, JSON.stringify({ kind: "flow-rates", name: "mine", ruralToTownRate: 0.01, ruralToUrbanRate: 0.01, townToUrbanRate: 0.005, migrantSchoolingShare: 0.5 }));
    const out = path.join(dir, "nat");
    expect(await runBigClass({ scenario: file, region: "national", out, lang: "zh" })).toBe(0);
    const csv = await readFile(path.join(out, "bigclass-national-national-elimination-drive.csv"), "utf8");
    expect(csv).toContain("published_share_56_plus");
    expect(csv.split("\n")[2]).toMatch(/^national-elimination-drive,2018,/);
  });

  it("runBigClass({ scenario: bad file }) names the file and every bad field, exits 1 and writes nothing", async () => {
    const file = path.join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ kind: "flow-rates", name: "bad", ruralToTownRate: 1.5, ruralToUrbanRate: 0.01, townToUrbanRate: 0.01, migrantSchoolingShare: "half" }));
    const out = path.join(dir, "never");
    expect(await runBigClass({ scenario: file, out, lang: "en" })).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(errors[0]).toBe("2 error(s); nothing was written:");
    expect(errors.some((e) => e.startsWith("bad.json, column ruralToTownRate: ruralToTownRate must be between 0 and 1"))).toBe(true);
    expect(errors.some((e) => e.startsWith("bad.json, column migrantSchoolingShare:"))).toBe(true);
  });

  it("runBigClass({ scenario: broken JSON or unknown name }) exits 1 and writes nothing", async () => {
    const file = path.join(dir, "broken.json");
    await writeFile(file, '{ "kind": "flow-rates", ');
    const out = path.join(dir, "never");
    expect(await runBigClass({ scenario: file, out, lang: "en" })).toBe(1);
    expect(errors.some((e) => e.startsWith("broken.json") && e.includes("is not valid JSON"))).toBe(true);
    expect(await runBigClass({ scenario: "medium", out, lang: "en" })).toBe(1);
    expect(errors.some((e) => e.startsWith("medium: cannot be read"))).toBe(true);
    expect(await runBigClass({ scenario: "base", targetYear: 2050, out, lang: "en" })).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
