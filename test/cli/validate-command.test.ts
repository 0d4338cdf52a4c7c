import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { runValidate } from "../../src/cli/validate-command.js";
import { captureConsole } from "../helpers/capture-console.js";

let dir: string;
let sample: string;
const out = captureConsole();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-validate-"));
  // Text in a rate, dates out of order, an empty county code, and 竣工率 120% (a warning beside the errors).
  sample = path.join(dir, "bad.csv");
  await writeFile(sample, "县区代码,截至日期,开工率,竣工率\nA01,2015-06-30,abc,0.2\nA01,2015-04-30,0.5,1.2\n,2015-08-31,50%,\n");
});


describe("gaibo validate", () => {
  it("gaibo validate bad.csv speaks Chinese by default: errors, then the 120% warning, each with row and column", async () => {
    await main(["node", "gaibo", "validate", sample]);
    expect(process.exitCode).toBe(1);
    expect(out).toEqual([
      `${sample}: 发现 3 处错误，另有 1 条警告，未写出任何结果`,
      'bad.csv, 第 2 行, 列 开工率: "abc" 不是数字',
      "bad.csv, 第 3 行, 列 截至日期: 2015-04-30 早于第 2 行的 2015-06-30（A01）：日期顺序颠倒",
      "bad.csv, 第 4 行, 列 县区代码: 为空，但此列必填",
      "bad.csv, 第 3 行, 列 竣工率: 警告: 120% 超过 100%（超额完成？），已接受",
    ]);
  });

  it("gaibo validate bad.csv --lang en prints the same issues in English", async () => {
    await main(["node", "gaibo", "validate", sample, "--lang", "en"]);
    expect(process.exitCode).toBe(1);
    expect(out).toEqual([
      `${sample}: 3 error(s), 1 warning(s); nothing was written`,
      'bad.csv, row 2, column 开工率: "abc" is not a number',
      "bad.csv, row 3, column 截至日期: 2015-04-30 comes after 2015-06-30 (row 2) for A01: dates out of order",
      "bad.csv, row 4, column 县区代码: is empty but required",
      "bad.csv, row 3, column 竣工率: warning: 1.2 is above 1 (over-delivery?); accepted",
    ]);
  });

  it("runValidate(valid file with rates above 100%) exits 0 and prints the warnings in Chinese", async () => {
    const ok = path.join(dir, "ok.csv");
    await writeFile(ok, "县区代码,截至日期,开工率,竣工率\nA01,2015-06-30,105%,0.2\n");
    expect(await runValidate(ok, { lang: "zh" })).toBe(0);
    expect(out).toEqual(["ok.csv, 第 2 行, 列 开工率: 警告: 105% 超过 100%（超额完成？），已接受", `${ok}: 校验通过（双月报进度面板（县 × 日期）），1 行，1 条警告（表头第 1 行，UTF-8 编码）`]);
  });

  it("runValidate(missing file) says so in Chinese", async () => {
    expect(await runValidate(path.join(dir, "nope.csv"), { lang: "zh" })).toBe(1);
    expect(out[1]).toBe("nope.csv: 无法读取（文件不存在，ENOENT）");
  });

  it("runValidate(file with many warnings and an error) shows the errors in full and counts the warnings past ten", async () => {
    const many = path.join(dir, "many.csv");
    const rows = Array.from({ length: 12 }, (_, i) => `A${i},2015-06-30,1.1,0.2`);
    await writeFile(many, ["县区代码,截至日期,开工率,竣工率", ...rows, "B,2015-06-30,x,0.1"].join("\n") + "\n");
    expect(await runValidate(many, { lang: "zh" })).toBe(1);
    expect(out[0]).toBe(`${many}: 发现 1 处错误，另有 12 条警告，未写出任何结果`);
    expect(out[1]).toBe('many.csv, 第 14 行, 列 开工率: "x" 不是数字');
    expect(out.filter((l) => l.includes("警告: 110% 超过 100%"))).toHaveLength(10);
    expect(out.at(-1)).toBe("… 另有 2 条警告（开工率: 2）");
  });
});
