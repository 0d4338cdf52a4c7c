import ExcelJS from "exceljs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bundledCountyUnits } from "../../src/allocation/bundled-county-units.js";
import { provisionEffects } from "../../src/allocation/provision-effects.js";
import { runAllocate } from "../../src/cli/allocate-command.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { readRule } from "./read-rule.js";

let dir: string;
let units: Awaited<ReturnType<typeof bundledCountyUnits>>;
const logs: string[] = [];
const errors: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-baseline-"));
  const data = await loadBundledData();
  units = bundledCountyUnits(data.synthetic.counties, data.synthetic.progress);
});
beforeEach(() => {
  logs.length = 0;
  errors.length = 0;
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

const cells = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe("provisionEffects", () => {
  it.each(["hebei-progress.json", "matching-heavy.json", "need-only.json", "need-transition.json"])("provisionEffects(%s) adds up: each row sums to 0 over quartiles, single rows + interaction = all", (file) => {
    const rule = readRule(file);
    const budgetFen = (rule.budgetWanYuan ?? 1_350_400) * 1e6;
    const ctx = { fiscalCapacity: units.rows.map((r) => r.fiscalCapacityPerCapitaYuan!), poorShare: units.rows.map((r) => r.poorShare!) };
    const eff = provisionEffects(units.table, rule, budgetFen, ctx, 1e10);
    const ids = eff.rows.map((r) => r.id);
    expect(ids.slice(-2)).toEqual(["all", "interaction"]);
    for (const r of eff.rows) {
      expect(r.byFiscalCapacityQuartileFen.reduce((s, x) => s + x, 0)).toBe(0);
      expect(r.byPovertyQuartileFen.reduce((s, x) => s + x, 0)).toBe(0);
      expect(r.perCountyFen.reduce((s, x) => s + x, 0)).toBe(0);
    }
    const singles = eff.rows.slice(0, -2);
    const all = eff.rows[eff.rows.length - 2];
    const interaction = eff.rows[eff.rows.length - 1];
    for (let q = 0; q < 4; q++) {
      expect(singles.reduce((s, r) => s + r.byFiscalCapacityQuartileFen[q], 0) + interaction.byFiscalCapacityQuartileFen[q]).toBe(all.byFiscalCapacityQuartileFen[q]);
      expect(singles.reduce((s, r) => s + r.byPovertyQuartileFen[q], 0) + interaction.byPovertyQuartileFen[q]).toBe(all.byPovertyQuartileFen[q]);
    }
    // where the next 1亿 goes: to the fen
    expect(eff.increment!.rows.reduce((s, r) => s + r.extraFen, 0)).toBe(1e10);
    if (file === "hebei-progress.json") expect(singles.map((r) => r.id)).toEqual(["reward", "deductions"]);
    if (file === "need-transition.json") expect(singles.map((r) => r.id)).toEqual(["floor", "guarantee", "gainsCap", "path"]);
    if (file === "need-only.json") {
      // the 200 万元 floor moves money toward small counties; it is the only provision, so no interaction
      expect(singles.map((r) => r.id)).toEqual(["floor"]);
      expect(interaction.movedFen).toBe(0);
    }
  });
});

describe("gaibo allocate --baseline, and the outputs an office hands on", () => {
  it("runAllocate(need-transition) from the box: the guarantee (−2%) and the cap (+10%) hold to the fen against last year, in a workbook with Chinese headers and formats", async () => {
    const out = path.join(dir, "transition");
    expect(await runAllocate({ rule: "need-transition", out, lang: "zh" })).toBe(0);
    expect(errors).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "allocation-need-transition.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["分配结果", "与基期比较", "增减汇总", "各条款作用", "增量去向", "公平性"]);
    const alloc = wb.getWorksheet("分配结果")!;
    const header = cells(alloc, 1) as string[];
    expect(header.slice(0, 4)).toEqual(["区县代码", "区县名称", "义务教育学生数", "基本办学条件经费理论缺口数（元）"]);
    const yuanCol = header.indexOf("分配额（元）") + 1;
    const wanCol = header.indexOf("分配额（万元）") + 1;
    expect(alloc.getRow(2).getCell(yuanCol).numFmt).toBe("#,##0.00");
    expect(alloc.getRow(2).getCell(wanCol).numFmt).toBe("#,##0.000000");
    let fen = 0;
    for (let r = 2; r <= alloc.rowCount; r++) {
      const y = alloc.getRow(r).getCell(yuanCol).value as number;
      const w = alloc.getRow(r).getCell(wanCol).value as number;
      expect(typeof y).toBe("number");
      expect(Math.round(y * 100)).toBe(Math.round(w * 1e6)); // 元 and 万元 agree to the fen
      fen += Math.round(y * 100);
    }
    expect(fen).toBe(270_080 * 1e6);
    const change = wb.getWorksheet("与基期比较")!;
    expect(cells(change, 1)).toEqual(["区县代码", "区县名称", "所属市", "义务教育学生数", "基期（万元）：lastYearAllocationWanYuan", "本次（万元）", "增减（万元）", "生均增减（元）", "增减幅度", "人均财力四分位"]);
    let guaranteed = 0;
    for (let r = 2; r <= change.rowCount; r++) {
      const [baseWan, nowWan] = [5, 6].map((c) => change.getRow(r).getCell(c).value as number);
      const [base, now] = [Math.round(baseWan * 1e6), Math.round(nowWan * 1e6)];
      expect(now).toBeGreaterThanOrEqual(Math.ceil(0.98 * base - 1e-6));
      expect(now).toBeLessThanOrEqual(Math.floor(1.1 * base + 1e-6));
      if (now === Math.ceil(0.98 * base - 1e-6)) guaranteed++;
    }
    expect(guaranteed).toBeGreaterThan(10); // the guarantee binds for many counties
    expect(change.getRow(2).getCell(9).numFmt).toBe("0.00%");
    const summary = wb.getWorksheet("增减汇总")!;
    expect(cells(summary, 2)[0]).toBe("按市");
    expect(logs.join("\n")).toMatch(/与基期（lastYearAllocationWanYuan）相比：\d+ 个县增加、\d+ 个县减少/);
    expect(logs.join("\n")).toMatch(/过渡条款：最低保障花费 [\d.]+ 万元，增幅按 0\.\d{4} 缩放/);
    // CSV likewise with Chinese headers
    const csv = (await readFile(path.join(out, "allocation-need-transition-provisions.csv"), "utf8")).replace(/^\ufeff/, "").split("\n");
    expect(csv[0].split(",").slice(0, 2)).toEqual(["条款", "去掉后变化的金额（万元）"]);
    expect(csv.map((l) => l.split(",")[0])).toContain("最低保障（生均降幅上限）");
  });

  it("runAllocate --baseline <allocation file with Chinese headers> counts gainers and losers, --lang en writes English headers", async () => {
    const first = path.join(dir, "first");
    expect(await runAllocate({ rule: "need-only", out: first, lang: "zh" })).toBe(0);
    // last year's file = this run's own output (区县代码, 分配额（万元）): against itself nothing changes
    const self = path.join(dir, "self");
    expect(await runAllocate({ rule: "need-only", baseline: path.join(first, "allocation-need-only.csv"), out: self, lang: "en" })).toBe(0);
    expect(logs.join("\n")).toContain("against the baseline (allocation-need-only.csv): 0 counties gain, 0 lose");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(self, "allocation-need-only.xlsx"));
    expect(cells(wb.getWorksheet("allocation")!, 1).slice(0, 3)).toEqual(["county id", "county", "pupils"]);
    // against another rule: gainers and losers by fiscal-capacity quartile add up to 109
    logs.length = 0;
    expect(await runAllocate({ rule: "central-2015", baseline: "need-only", out: path.join(dir, "vs"), lang: "zh" })).toBe(0);
    const m = /与基期（need-only）相比：(\d+) 个县增加、(\d+) 个县减少/.exec(logs.join("\n"))!;
    expect(Number(m[1]) + Number(m[2])).toBe(109);
    // a baseline file missing counties is refused, naming them
    const partial = path.join(dir, "partial.csv");
    await writeFile(partial, "区县代码,分配额（万元）\nS001,100\n");
    expect(await runAllocate({ rule: "need-only", baseline: partial, out: path.join(dir, "partial-out"), lang: "zh" })).toBe(1);
    expect(errors.join("\n")).toContain("partial.csv, 列 countyId: 缺少 108 个县的基期数：S002、S003、S004、S005、S006等");
  });
});
