import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runBigClass } from "../../src/cli/bigclass-command.js";
import { BIRTH_PRESETS, URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { chosenBigClassOutlook, classSizeResults } from "../../src/report/class-size-section.js";

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

  it("runBigClass({ scenario: base, target 2021 }) writes the outlook the report section shows, row for row (county cap, school-year cohorts)", async () => {
    const out = path.join(dir, "same");
    expect(await runBigClass({ scenario: "base", targetYear: 2021, out, lang: "en" })).toBe(0);
    const [head, ...lines] = (await readFile(path.join(out, "bigclass-synthetic-base.csv"), "utf8")).trim().split("\n");
    const col = head.split(",");
    const rows = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [col[i], v])));
    const data = await loadBundledData();
    // The section's chosen outlook (what the page prints) is this same cached object …
    const section = classSizeResults(data, { urbanization: URBANIZATION_PRESETS.base, targetYear: 2021, draws: 20, seed: 2014, births: BIRTH_PRESETS.central });
    const chosen = chosenBigClassOutlook(data, { urbanization: URBANIZATION_PRESETS.base, targetYear: 2021, births: BIRTH_PRESETS.central });
    expect(section.chosen).toBe(chosen);
    expect(chosen.plan.targetYear).toBe(2021);
    // … and the CLI's table carries its numbers: every year, level and area, 56+ and 66+ classes to the written 0.1.
    let checked = 0;
    for (const r of chosen.rows) {
      if (r.area === "rural") continue;
      const row = rows.find((x) => Number(x.year) === r.year && x.level === r.level && x.area === r.area)!;
      expect(Number(row.classes_56_plus)).toBeCloseTo(r.big, 1);
      expect(Number(row.classes_66_plus)).toBeCloseTo(r.veryBig, 1);
      checked++;
    }
    expect(checked).toBe(21 * 9);
    // The county cap acts: 66+ classes of the capped counties are gone after the base year (56+ unchanged).
    const y2020 = rows.find((x) => x.year === "2020" && x.level === "all" && x.area === "urban+town")!;
    expect(Number(y2020.classes_66_plus)).toBeLessThan(0.25 * Number(y2020.classes_56_plus));
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
