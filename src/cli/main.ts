import { Command, InvalidArgumentError, Option } from "commander";
import { runGenerate } from "./generate-command.js";
import { runValidate } from "./validate-command.js";
import { runReport, type ReportOptions } from "./report-command.js";
import { runDataDict } from "./datadict-command.js";
import { langFromArgv, reportCliError } from "./report-cli-error.js";

const langOption = () => new Option("--lang <lang>", "language of messages and reports / 语言").choices(["zh", "en"]).default("zh");
/** Repeatable options collect their values. */
const collect = (v: string, acc: string[]) => [...acc, v];
type AllocateOptions = import("./allocate-command.js").AllocateCommandOptions;
/** A whole number for an option such as --seed; anything else is a usage error naming the option (exit 2). */
const integerArg = (v: string) => {
  if (!/^[-+]?\d+$/.test(v.trim())) throw new InvalidArgumentError("Expected a whole number.");
  return Number.parseInt(v, 10);
};
/** A finite number for an option such as --budget-wan-yuan. */
const numberArg = (v: string) => {
  const n = Number(v.trim());
  if (v.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("Expected a number.");
  return n;
};

/**
 * Entry point of the `gaibo` command; commands parse arguments and call the package, nothing more. Every failure ends
 * in `reportCliError`: a message for a person (Chinese by default, English with --lang en), exit 1 for bad input and
 * 2 for a bad command line, never a stack trace (GAIBO_DEBUG=1 shows one for internal errors).
 */
export async function main(argv: string[]): Promise<void> {
  const lang = langFromArgv(argv);
  const program = new Command();
  // Commander's own errors come back as exceptions (set before the commands: subcommands inherit it), printed below.
  program
    .name("gaibo")
    .description("全面改薄分析工具 — 全面改薄 analysis toolkit")
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  program
    .command("validate")
    .description("校验 CSV/Excel 文件（双月报、县情、班额）/ check a CSV or Excel file against its dataset kind")
    .argument("<file>", ".csv or .xlsx file")
    .option("--kind <kind>", "dataset kind (progress, counties, enrolment); detected from the header when omitted")
    .option("--sheet <name>", "Excel sheet (first sheet by default)")
    .addOption(langOption())
    .action(async (file: string, opts: { kind?: string; sheet?: string; lang: "zh" | "en" }) => {
      process.exitCode = await runValidate(file, opts);
    });

  program
    .command("generate")
    .description("重新生成合成省数据（固定随机种子）/ regenerate the synthetic provinces (河南 in datasets/synthetic, other regions in datasets/synthetic/<region>/)")
    .option("--seed <n>", "random seed", integerArg)
    .option("--out <dir>", "output directory (default: datasets/synthetic; other regions in <dir>/<region>/)")
    .option("--region <id>", "one region (henan, shandong, xinjiang, yunnan, national); all by default")
    .addOption(langOption())
    .action(async (opts: { seed?: number; out?: string; region?: string; lang?: "zh" | "en" }) => {
      process.exitCode = await runGenerate(opts);
    });

  program
    .command("datadict")
    .description("由 datapackage.json 重写数据字典 datasets/README.md / rewrite the data dictionary")
    .action(async () => {
      process.exitCode = await runDataDict();
    });

  program
    .command("bigclass")
    .description("大班额年度表（CSV + Excel）/ yearly big-class table for the synthetic province or the national calibration")
    .requiredOption("--scenario <json|preset>", "urbanization scenario file (JSON) or preset: slow, base, fast")
    .option("--target-year <n>", "year by which big classes are removed (default 2020)", integerArg)
    .addOption(new Option("--region <region>", "synthetic province or national calibration").choices(["synthetic", "national"]).default("synthetic"))
    .option("--out <dir>", "output directory (default: bigclass)")
    .option("--births <path>", "birth path: low, central (default), high or two-child")
    .addOption(langOption())
    .action(async (opts: { scenario: string; targetYear?: number; region: "synthetic" | "national"; out?: string; births?: string; lang: "zh" | "en" }) => {
      const { runBigClass } = await import("./bigclass-command.js");
      process.exitCode = await runBigClass(opts);
    });

  program
    .command("forecast")
    .description("由各地公布的几个进度数字预测（p10/中位数/p90 与达标概率）/ forecast regions from their published progress figures")
    .requiredOption("--observations <file>", "published figures, .csv or .xlsx with region, indicator, date, value")
    .requiredOption("--as-of <date>", "use figures dated up to this date (YYYY-MM-DD)")
    .option("--at <date>", "forecast date (repeatable); default the end of each year to 2019", collect, [] as string[])
    .option("--target <share>", "target share, e.g. 0.7 or 70% (with --deadline)")
    .option("--deadline <date>", "date the target is due (with --target)")
    .option("--out <file.csv>", "write region, indicator, date, p10, median, p90[, probability]")
    .option("--sheet <name>", "Excel sheet (first sheet by default)")
    .option("--seed <n>", "random seed (default 20170430)", integerArg)
    .addOption(langOption())
    .action(async (opts: import("./forecast-command.js").ForecastCommandOptions) => {
      const { runForecast } = await import("./forecast-command.js");
      process.exitCode = await runForecast(opts);
    });

  program
    .command("allocate")
    .description("按分配规则分配资金（CSV + Excel）/ run an allocation rule on a county file")
    .option("--units <file>", "county units, .csv or .xlsx (default: the bundled synthetic province)")
    .requiredOption("--rule <name|file>", "allocation rule: a preset (need-only, central-2015, …), a .json file or an .xlsx with a 规则 sheet")
    .option("--budget-wan-yuan <n>", "budget in 万元 (overrides the rule's budgetWanYuan)", numberArg)
    .option("--sheet <name>", "Excel sheet (first sheet by default)")
    .option("--out <dir>", "output directory (default: allocation)")
    .option("--maximise <outcome>", "search the weights first for the most of an outcome (e.g. leverage, gapClosedShare)")
    .option("--minimise <outcome>", "search the weights first for the least of an outcome (e.g. gini)")
    .option("--max <outcome=value>", "constraint for the search, at most (repeatable), e.g. gini=0.2", collect, [] as string[])
    .option("--min <outcome=value>", "constraint for the search, at least (repeatable)", collect, [] as string[])
    .option("--max-weight <group=value>", "upper bound on a searched weight (group id or matching; repeatable)", collect, [] as string[])
    .option("--min-weight <group=value>", "lower bound on a searched weight (repeatable)", collect, [] as string[])
    .option("--elasticity <n>", "price elasticity of local matching for the search (default 0.3)", numberArg)
    .option("--search-matching", "search a weight on delivered local matching too (added to a rule without one)")
    .option("--baseline <file|rule>", "compare with a baseline: an allocation file (区县代码 + 分配额（万元）) or another rule; the rule's transition provisions protect against it")
    .option("--increment <n>", "trace where this many more 万元 would go (default 10000 = 1亿元)", (v: string) => Number(v))
    .addOption(langOption())
    .action(async (opts: AllocateOptions) => {
      const { runAllocate } = await import("./allocate-command.js");
      process.exitCode = await runAllocate(opts);
    });

  program
    .command("template")
    .description("写出县级因素表模板（Excel：因素表、说明、规则）/ write the county-units workbook template")
    .requiredOption("--out <file>", "output .xlsx, e.g. 模板.xlsx")
    .option("--rule <name|file>", "rule for the 规则 sheet (default: central-2015)")
    .addOption(langOption())
    .action(async (opts: { out: string; rule?: string; lang: "zh" | "en" }) => {
      const { runTemplate } = await import("./template-command.js");
      process.exitCode = await runTemplate(opts);
    });

  program
    .command("report")
    .description("生成简报 reports/index.html / build the briefing (all preset scenarios unless --scenario is given)")
    .option("--scenario <file>", "scenario file or preset name; repeat to compare (default: every preset)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--out <dir>", "output directory (default: reports)")
    .option("--pdf", "also print an A4 PDF (reports/briefing.pdf) with chromium")
    .option("--png", "also save one PNG per chart (reports/png/) with chromium")
    .addOption(langOption())
    .action(async (opts: ReportOptions) => {
      process.exitCode = await runReport(opts);
    });

  program
    .command("import")
    .description("把双月报（CSV/Excel，一期或多期，一个县或全省）导入本地面板库 / add 双月报 files to the panel store (one transaction)")
    .argument("<files...>", ".csv or .xlsx 双月报 files")
    .option("--db <path>", "panel store file (default: .gaibo/panel.duckdb)")
    .option("--sheet <name>", "Excel sheet (first sheet by default)")
    .addOption(langOption())
    .action(async (files: string[], opts: { db?: string; sheet?: string; lang: "zh" | "en" }) => {
      const { runImport } = await import("./import-command.js");
      process.exitCode = await runImport(files, opts);
    });

  program
    .command("history")
    .description("某县双月报的全部导入版本与修订 / every imported version of a county's 双月报")
    .argument("<county>", "county code, e.g. 410102")
    .option("--db <path>", "panel store file (default: .gaibo/panel.duckdb)")
    .addOption(langOption())
    .action(async (county: string, opts: { db?: string; lang: "zh" | "en" }) => {
      const { runHistory } = await import("./history-command.js");
      process.exitCode = await runHistory(county, opts);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    const command = program.commands.find((c) => argv.slice(2).includes(c.name()))?.name();
    process.exitCode = reportCliError(err, lang, command);
  }
}
