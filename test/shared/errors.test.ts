import { describe, expect, it } from "vitest";
import { DataValidationError, cannotReadMessage, formatIssue, type DataIssue } from "../../src/shared/errors.js";

const issue: DataIssue = { severity: "error", file: "bad.csv", row: 2, column: "开工率", message: '"abc" is not a number', messageZh: '"abc" 不是数字' };

describe("formatIssue", () => {
  it('formatIssue(issue, "zh") shows messageZh in the Chinese frame', () => {
    expect(formatIssue(issue, "zh")).toBe('bad.csv, 第 2 行, 列 开工率: "abc" 不是数字');
  });

  it('formatIssue(issue, "en") and formatIssue(issue) show the English message', () => {
    expect(formatIssue(issue, "en")).toBe('bad.csv, row 2, column 开工率: "abc" is not a number');
    expect(formatIssue(issue)).toBe(formatIssue(issue, "en"));
  });

  it('formatIssue(issue without messageZh, "zh") falls back to the English message', () => {
    const { messageZh: _, ...english } = issue;
    expect(formatIssue(english, "zh")).toBe('bad.csv, 第 2 行, 列 开工率: "abc" is not a number');
  });

  it("formatIssue(warning) puts the warning prefix before the message in either language", () => {
    const w: DataIssue = { severity: "warning", row: 3, column: "竣工率", message: "1.2 is above 1 (over-delivery?); accepted", messageZh: "120% 超过 100%（超额完成？），已接受" };
    expect(formatIssue(w, "zh")).toBe("第 3 行, 列 竣工率: 警告: 120% 超过 100%（超额完成？），已接受");
    expect(formatIssue(w, "en")).toBe("row 3, column 竣工率: warning: 1.2 is above 1 (over-delivery?); accepted");
  });

  it("new DataValidationError(issues).message stays English", () => {
    expect(new DataValidationError([issue]).message).toBe('1 problem(s) in input\nbad.csv, row 2, column 开工率: "abc" is not a number');
  });
});

describe("cannotReadMessage", () => {
  it("cannotReadMessage(ENOENT) says the file does not exist in Chinese and keeps the code", () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory"), { code: "ENOENT" });
    expect(cannotReadMessage(err)).toEqual({ message: "cannot be read (ENOENT)", messageZh: "无法读取（文件不存在，ENOENT）" });
  });

  it("cannotReadMessage(error without a code) quotes the error's message", () => {
    expect(cannotReadMessage(new Error("boom"))).toEqual({ message: "cannot be read (boom)", messageZh: "无法读取（boom）" });
  });
});
