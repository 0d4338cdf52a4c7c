import { CommanderError } from "commander";
import { DataValidationError, formatIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";

/** Exit codes: 0 done, 1 a problem with the input (or an internal error), 2 a mistake in the command line. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;

// Commander speaks English; its messages a clerk meets, in Chinese. The quoted parts are kept as typed.
const USAGE_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/unknown option '([^']+)'(?:\s*\(Did you mean (.+)\?\))?/, (m) => `没有选项 ${m[1]}${m[2] ? `（是不是想用 ${m[2]}？）` : ""}`],
  [/unknown command '([^']+)'(?:\s*\(Did you mean (.+)\?\))?/, (m) => `没有命令 ${m[1]}${m[2] ? `（是不是想用 ${m[2]}？）` : ""}`],
  [/missing required argument '([^']+)'/, (m) => `缺少必填参数 <${m[1]}>`],
  [/option '([^']+)' argument missing/, (m) => `选项 ${m[1]} 后面缺少取值`],
  [/required option '([^']+)' not specified/, (m) => `缺少必填选项 ${m[1]}`],
  [/option '([^']+)' argument '([^']*)' is invalid\.\s*Allowed choices are (.+)\./, (m) => `选项 ${m[1]} 的取值 "${m[2]}" 无效；可选：${m[3]}`],
  [/option '([^']+)' argument '([^']*)' is invalid\.\s*(.*)/, (m) => `选项 ${m[1]} 的取值 "${m[2]}" 无效${reasonZh(m[3])}`],
  [/too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)/, (m) => `参数过多${m[1] ? `（命令 ${m[1]}）` : ""}：应为 ${m[2]} 个，实际 ${m[3]} 个`],
  [/(.+) cannot be used with (.+)/, (m) => `${m[1]} 不能与 ${m[2]} 同时使用`],
];

/** The reasons gaibo's own option parsers give (main.ts: integerArg, numberArg), in Chinese; anything else is dropped rather than mixed in. */
const REASON_ZH: Record<string, string> = { "Expected a whole number.": "：应为整数", "Expected a number.": "：应为数字" };
const reasonZh = (reason: string): string => REASON_ZH[reason.trim()] ?? "";

// File-system errors a user causes (a wrong path, a full disk, a read-only folder), said in words.
const SYSTEM_ZH: Record<string, [string, string]> = {
  ENOENT: ["文件或文件夹不存在", "no such file or folder"],
  EACCES: ["没有权限", "permission denied"],
  EPERM: ["没有权限", "operation not permitted"],
  EROFS: ["只读文件系统，无法写入", "read-only file system"],
  ENOSPC: ["磁盘已满", "no space left on the disk"],
  EISDIR: ["这是文件夹，不是文件", "is a folder, not a file"],
  ENOTDIR: ["路径中有一段不是文件夹", "a part of the path is not a folder"],
  EEXIST: ["已存在", "already exists"],
  EMFILE: ["打开的文件过多", "too many open files"],
  ENAMETOOLONG: ["路径过长", "path too long"],
};

/** The language asked for on the command line, read before commander parses it (its own errors need it too). */
export function langFromArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--lang" && argv[i + 1] === "en") return "en";
    if (argv[i] === "--lang=en") return "en";
  }
  return "zh";
}

/**
 * The one place a failed command ends: print what went wrong for a person, never a stack trace, and return the exit
 * code. Input problems (DataValidationError) list every problem with file, row and column (exit 1); command-line
 * mistakes say what was wrong and how to see the usage (exit 2); file-system errors name the path and the cause
 * (exit 1); anything else is a bug: one line, where to report it, and the stack only with GAIBO_DEBUG=1 (exit 1).
 *
 * @param err what the command threw
 * @param lang language of the message
 * @param command the subcommand (for the `--help` hint), when known
 * @returns the exit code
 */
export function reportCliError(err: unknown, lang: Lang, command?: string): number {
  const zh = lang === "zh";
  const say = (z: string, e: string) => console.error(zh ? z : e);
  const help = `gaibo ${command ? `${command} ` : ""}--help`;
  if (err instanceof CommanderError) {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return EXIT.ok;
    if (err.code === "commander.help") {
      say(`请给出一个命令；用 ${help} 查看全部命令`, `give a command; see ${help}`);
      return EXIT.usage;
    }
    const english = err.message.replace(/^error:\s*/, "");
    const hit = USAGE_ZH.map(([re, f]) => [re.exec(english), f] as const).find(([m]) => m);
    say(`命令行有误：${hit ? hit[1](hit[0]!) : english}。用 ${help} 查看用法`, `usage error: ${english} (see ${help})`);
    return EXIT.usage;
  }
  if (err instanceof DataValidationError) {
    const errors = err.issues.filter((i) => i.severity === "error");
    const shown = errors.slice(0, 50);
    say(`发现 ${errors.length} 处错误，未写出任何结果：`, `${errors.length} error(s); nothing was written:`);
    for (const i of shown) console.error(formatIssue(i, lang));
    if (errors.length > shown.length) say(`… 另有 ${errors.length - shown.length} 处错误`, `… ${errors.length - shown.length} more error(s)`);
    return EXIT.input;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === "string" && SYSTEM_ZH[e.code]) {
    const [z, en] = SYSTEM_ZH[e.code];
    const where = e.path ?? "";
    say(`无法${e.syscall === "open" || e.syscall === "read" ? "读写" : "访问"} ${where}：${z}（${e.code}），未写出任何结果`, `cannot access ${where}: ${en} (${e.code}); nothing was written`);
    return EXIT.input;
  }
  if (e instanceof RangeError && /Invalid string length|Array buffer allocation failed|Invalid typed array length/.test(e.message)) {
    say(
      "输入文件太大，无法整体读入内存；双月报请用 gaibo import 导入面板库（流式读取），再用情景文件的 \"store:\" 数据源",
      'an input file is too large to read whole; import 双月报 files with gaibo import (streamed) and point the scenario at "store:<path>"',
    );
    return EXIT.input;
  }
  if (/Out of Memory Error/.test(String((e as Error)?.message))) {
    say(
      "内存不足：面板库（DuckDB）在其内存上限内无法完成此操作；请关闭其他程序后重试，或把文件分几次导入（每次导入仍是全部或全不）",
      "out of memory: the panel store (DuckDB) could not finish within its memory limit; close other programs and retry, or import the files in several runs (each import is still all or nothing)",
    );
    return EXIT.input;
  }
  const first = String((e as Error)?.message ?? err).split("\n")[0];
  say(
    `gaibo 内部错误：${first}\n这不是您的操作问题。请把所用命令、输入文件和这条信息报告给 gaibo 的维护者（项目 issues）；设置环境变量 GAIBO_DEBUG=1 可显示详细堆栈`,
    `gaibo internal error: ${first}\nThis is a bug, not your mistake. Please report the command, the input files and this message to the gaibo maintainers (project issues); set GAIBO_DEBUG=1 to see the stack trace`,
  );
  if (process.env.GAIBO_DEBUG) console.error((e as Error)?.stack ?? err);
  return EXIT.input;
}
