import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureConsole } from "../helpers/capture-console.js";

let dir: string;
const out = captureConsole();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gaibo-forecast-"));
  await writeFile(path.join(dir, "xj.csv"), "地区,指标,日期,数值\n新疆维吾尔自治区,竣工率,2017-04-30,36%\n新疆维吾尔自治区,设备采购完成率,2017-04-30,0.18\n新疆维吾尔自治区,竣工率,2017-08-31,0.73\n");
  await writeFile(path.join(dir, "bad.csv"), "region,indicator,date,value\n新疆,竣工率,2017-04-31,36\n新疆,毛坯率,2017-05-30,0.2\n");
});

describe("gaibo forecast", () => {
  it("gaibo forecast --observations xj.csv --as-of 2017-04-30 writes p10/median/p90 per date and the probability on the deadline row, ignoring figures after as-of", async () => {
    const csv = path.join(dir, "out.csv");
    await main(["node", "gaibo", "forecast", "--observations", path.join(dir, "xj.csv"), "--as-of", "2017-04-30", "--at", "2017-08-31", "--target", "0.7", "--deadline", "2017-12-31", "--out", csv]);
    expect(process.exitCode ?? 0).toBe(0);
    const lines = (await readFile(csv, "utf8")).replace(/^\ufeff/, "").trim().split("\n");
    expect(lines[0]).toBe("region,indicator,date,p10,median,p90,probability");
    expect(lines.map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "region,indicator,date",
      "新疆维吾尔自治区,completion_rate,2017-08-31",
      "新疆维吾尔自治区,completion_rate,2017-12-31",
      "新疆维吾尔自治区,equipment_rate,2017-08-31",
      "新疆维吾尔自治区,equipment_rate,2017-12-31",
    ]);
    for (const l of lines.slice(1)) {
      const [, , , p10, median, p90, probability] = l.split(",");
      expect(Number(p10)).toBeLessThanOrEqual(Number(median));
      expect(Number(median)).toBeLessThanOrEqual(Number(p90));
      if (l.includes("2017-12-31")) expect(Number(probability)).toBeGreaterThan(0);
      else expect(probability).toBe("");
    }
    // the later 73 % is not used (as-of 2017-04-30): the August median stays well below it
    expect(Number(lines[1].split(",")[4])).toBeLessThan(0.7);
    expect(out.join("\n")).toContain("新疆维吾尔自治区  校舍竣工率");
  });

  it("gaibo forecast on a bad file names file, row and column in Chinese, exits 1 and writes nothing", async () => {
    const csv = path.join(dir, "never.csv");
    await main(["node", "gaibo", "forecast", "--observations", path.join(dir, "bad.csv"), "--as-of", "2017-04-30", "--out", csv]);
    expect(process.exitCode).toBe(1);
    expect(existsSync(csv)).toBe(false);
    // 36 beside 0.2 is a mixed column (points need a strict majority above 1.5), so 36 stays an error, not a silent 36%
    expect(out[0]).toBe("发现 3 处错误，未写出任何结果：");
    expect(out).toContain("bad.csv, 第 2 行, 列 value: 36 超过最大值 5");
    expect(out).toContain('bad.csv, 第 2 行, 列 date: "2017-04-31" 不是日期（请写成 YYYY-MM-DD）');
    expect(out.join("\n")).not.toMatch(/at .*\.ts:\d+/);
  });

  it("gaibo forecast --seed abc says in Chinese that the seed must be a whole number (exit 2); English with --lang en", async () => {
    await main(["node", "gaibo", "forecast", "--seed", "abc"]);
    expect(process.exitCode).toBe(2);
    expect(out.join("\n")).toBe('命令行有误：选项 --seed <n> 的取值 "abc" 无效：应为整数。用 gaibo forecast --help 查看用法');
    expect(out.join("\n")).not.toMatch(/Expected|whole|number/);
    out.length = 0;
    process.exitCode = undefined;
    await main(["node", "gaibo", "forecast", "--seed", "abc", "--lang", "en"]);
    expect(process.exitCode).toBe(2);
    expect(out.join("\n")).toBe("usage error: option '--seed <n>' argument 'abc' is invalid. Expected a whole number. (see gaibo forecast --help)");
  });
});
