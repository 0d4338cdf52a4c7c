import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { DATASET_PATHS } from "../../src/data/paths.js";
import { unitsFromSyntheticProvince } from "../../src/allocation/units-from-synthetic-province.js";
import { createRandom } from "../../src/shared/random.js";
import { captureConsole } from "../helpers/capture-console.js";

let dir: string;
const out = captureConsole();
const f = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-nostack-"));
  await writeFile(f("garbage.xlsx"), "this is not a zip");
  await writeFile(f("bad-row.csv"), "县区代码,截至日期,开工率,竣工率\n410102,2016-10-31,60%,abc\n");
  await writeFile(f("a-file"), "x");
  await writeFile(f("not-a-store.duckdb"), "county_id\n");
  await writeFile(f("rule.json"), "{ not json");
  const data = await loadBundledData();
  const units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(2015) }).table;
  await writeFile(f("units-zero.csv"), tableToCsv(units.derive({ pupils: () => 0 })));
  await writeFile(f("units.csv"), tableToCsv(units));
  // A scenario whose 双月报 uses county codes the counties file does not have (lost prefix / numeric codes).
  const scen = JSON.parse(await (await import("node:fs/promises")).readFile(path.join(DATASET_PATHS.scenarios(), "henan-plan.json"), "utf8"));
  await writeFile(f("numeric.csv"), "county_id,as_of,start_rate,completion_rate\n410101,2016-08-31,0.5,0.2\n410101,2016-10-31,0.6,0.3\n410102,2016-08-31,0.5,0.2\n410102,2016-10-31,0.6,0.3\n");
  await writeFile(f("numeric.json"), JSON.stringify({ ...scen, name: "numeric", data: { ...scen.data, progress: "numeric.csv" } }));
});


// [what, argv after "gaibo", exit code, a fragment the Chinese message must hold]
const CASES: [string, () => string[], number, RegExp][] = [
  ["unknown command", () => ["bogus"], 2, /没有命令 bogus/],
  ["unknown option", () => ["validate", f("bad-row.csv"), "--colour"], 2, /没有选项 --colour/],
  ["missing argument", () => ["validate"], 2, /缺少必填参数 <file>/],
  ["missing required option", () => ["allocate", "--units", f("units-zero.csv")], 2, /缺少必填选项 --rule/],
  ["invalid choice", () => ["report", "--lang", "fr"], 2, /--lang <lang> 的取值 "fr" 无效；可选：zh, en/],
  ["non-numeric seed", () => ["generate", "--seed", "abc", "--out", f("gen")], 2, /--seed <n> 的取值 "abc" 无效/],
  ["non-numeric budget", () => ["allocate", "--units", f("units-zero.csv"), "--rule", "x.json", "--budget-wan-yuan", "many"], 2, /--budget-wan-yuan <n> 的取值 "many" 无效/],
  ["unknown dataset kind", () => ["validate", f("bad-row.csv"), "--kind", "progres"], 2, /--kind 的取值 "progres" 无效/],
  ["validate a missing file", () => ["validate", f("nope.csv")], 1, /nope\.csv: 无法读取（文件不存在，ENOENT）/],
  ["validate a non-workbook .xlsx", () => ["validate", f("garbage.xlsx")], 1, /garbage\.xlsx/],
  ["import a bad row", () => ["import", f("bad-row.csv"), "--db", f("s.duckdb")], 1, /bad-row\.csv, 第 2 行, 列 竣工率: "abc" 不是数字/],
  ["import into a file that is not a store", () => ["import", f("bad-row.csv"), "--db", f("not-a-store.duckdb")], 1, /not-a-store\.duckdb: 不是 DuckDB 数据库文件/],
  ["import with no file", () => ["import"], 2, /缺少必填参数 <files>/],
  ["history without a store", () => ["history", "410102", "--db", f("none.duckdb")], 1, /这里没有面板库；请先用 gaibo import/],
  ["allocate a broken rule", () => ["allocate", "--units", f("units-zero.csv"), "--rule", f("rule.json"), "--budget-wan-yuan", "100", "--out", f("alloc")], 1, /rule\.json/],
  ["allocate all-zero pupils", () => ["allocate", "--units", f("units-zero.csv"), "--rule", path.join(DATASET_PATHS.rules(), "need-only.json"), "--budget-wan-yuan", "100", "--out", f("alloc")], 1, /未写出任何结果/],
  ["allocate --out naming a file", () => ["allocate", "--units", f("units.csv"), "--rule", path.join(DATASET_PATHS.rules(), "need-only.json"), "--budget-wan-yuan", "135040", "--out", f("a-file")], 1, /a-file: 是一个文件，不是文件夹；--out 请指定一个文件夹/],
  ["bigclass a missing scenario", () => ["bigclass", "--scenario", f("nope.json"), "--out", f("bc")], 1, /nope\.json/],
  ["bigclass a non-numeric year", () => ["bigclass", "--scenario", "base", "--target-year", "soon"], 2, /--target-year <n> 的取值 "soon" 无效/],
  ["report a missing scenario", () => ["report", "--scenario", f("nope.json"), "--out", f("rep")], 1, /没有名为 .*nope\.json 的情景文件或预设情景|nope\.json/],
  ["report on codes missing from the counties file", () => ["report", "--scenario", f("numeric.json"), "--out", f("rep")], 1, /2 个县区代码不在县情文件 .* 中：410101、410102/],
  ["generate into a file", () => ["generate", "--out", f("a-file")], 1, /a-file: 是一个文件，不是文件夹/],
];

describe("no raw stack trace for any user mistake", () => {
  it.each(CASES)("gaibo %s: a message and the right exit code, no stack trace", async (_what, args, code, fragment) => {
    await main(["node", "gaibo", ...args()]);
    const text = out.join("\n");
    expect(process.exitCode).toBe(code);
    expect(text).toMatch(fragment);
    expect(text).not.toMatch(/\n\s+at |\bat .*\.[jt]s:\d+|Error:|内部错误/);
  });

  it("the same mistakes speak English with --lang en", async () => {
    await main(["node", "gaibo", "validate", f("nope.csv"), "--lang", "en"]);
    expect(out.join("\n")).toBe("1 error(s); nothing was written:\nnope.csv: cannot be read (ENOENT)".replace(/^1 error\(s\); nothing was written:\n/, `${f("nope.csv")}: 1 error(s); nothing was written\n`));
    out.length = 0;
    await main(["node", "gaibo", "import", "--lang", "en", "--frobnicate"]);
    expect(process.exitCode).toBe(2);
    expect(out.join("\n")).toBe("usage error: unknown option '--frobnicate' (see gaibo import --help)");
  });

  it("an internal error is one line and where to report it; the stack only with GAIBO_DEBUG=1", async () => {
    const { reportCliError } = await import("../../src/cli/report-cli-error.js");
    expect(reportCliError(new TypeError("x is undefined"), "en")).toBe(1);
    expect(out.join("\n")).toMatch(/^gaibo internal error: x is undefined\nThis is a bug, not your mistake\. Please report/);
    expect(out.join("\n")).not.toMatch(/\n\s+at /);
    out.length = 0;
    process.env.GAIBO_DEBUG = "1";
    try {
      reportCliError(new TypeError("x is undefined"), "zh");
    } finally {
      delete process.env.GAIBO_DEBUG;
    }
    expect(out.join("\n")).toMatch(/^gaibo 内部错误：x is undefined[\s\S]*\n\s+at /);
  });
});
