import { readdir } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { loadBundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { checkOutputFolder, writeFilesAtomically } from "../data/write-files.js";
import { reportFiles, scenarioVariants } from "../report/build-report.js";
import { readPageBundle, readPlotlyBundle } from "../report/plotly-bundle.js";
import { renderInBrowser } from "../report/render-in-browser.js";
import { loadScenario, loadScenarioData } from "../scenarios/load-scenario.js";
import { DataValidationError, formatIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";
import type { Scenario } from "../scenarios/scenario-schema.js";

export interface ReportOptions {
  out?: string;
  lang: Lang;
  /** Scenario files or preset names; all presets in datasets/scenarios when empty. */
  scenario?: string[];
  pdf?: boolean;
  png?: boolean;
}

/** The preset scenarios, the Henan plan first (the default view). */
async function presetNames(): Promise<string[]> {
  const names = (await readdir(DATASET_PATHS.scenarios())).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));
  return names.sort((a, b) => (a === "henan-plan" ? -1 : b === "henan-plan" ? 1 : a.localeCompare(b)));
}

/**
 * `gaibo report`: build the briefing for one or more scenarios (a selector switches between them in
 * the page), write it with one CSV per chart, and optionally print it to PDF and PNG with chromium.
 * Nothing is written unless every input validates.
 */
export async function runReport(opts: ReportOptions): Promise<number> {
  const zh = opts.lang === "zh";
  const out = opts.out ?? DATASET_PATHS.reports();
  const say = (z: string, e: string) => console.error(zh ? z : e);
  try {
    await checkOutputFolder(out);
    say("· 读取并校验数据集与情景文件", "· loading and validating datasets and scenarios");
    const bundled = await loadBundledData();
    const names = opts.scenario?.length ? opts.scenario : await presetNames();
    const runs = [];
    for (const name of names) {
      const { scenario, file } = await loadScenario(name);
      const warnings: import("../shared/errors.js").DataIssue[] = [];
      runs.push({ scenario, data: await loadScenarioData(scenario, file, bundled, warnings) });
      // How the user's files were read (header row, totals rows left out, rates read as points) is said, never silent.
      for (const w of warnings) console.error(formatIssue(w, opts.lang));
    }
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar({ format: `${zh ? "  生成" : "  building"} [{bar}] {value}/{total} {label}`, clearOnComplete: true }, cliProgress.Presets.shades_classic)
      : undefined;
    bar?.start(runs.length * 2, 0, { label: "" });
    let variants;
    try {
      variants = scenarioVariants(runs, opts.lang, undefined, (done, total, label) => {
        if (bar) bar.update(done, { label });
        else console.error(`  ${done}/${total} ${label}`);
      });
    } catch (err) {
      bar?.stop();
      throw userDataFailure(err, runs.map((r) => r.scenario));
    }
    bar?.stop();
    const files = reportFiles(variants, await readPlotlyBundle(), await readPageBundle());
    say("· 写出文件", "· writing files");
    // The PDF and PNGs are printed from the staged page, so they go in together with it (or not at all).
    const printing = opts.pdf || opts.png;
    if (printing) say("· 用 chromium 输出 PDF / PNG", "· printing PDF / PNG with chromium");
    const written = await writeFilesAtomically(out, files, {
      owner: "report",
      ownedFolders: ["data", "png"],
      afterStaging: printing
        ? (staged) =>
            renderInBrowser(path.join(staged, "index.html"), {
              pdf: opts.pdf ? path.join(staged, "briefing.pdf") : undefined,
              pngDir: opts.png ? path.join(staged, "png") : undefined,
            })
        : undefined,
    });
    const charts = variants[0].doc.sections.reduce((n, s) => n + s.charts.length, 0);
    const csvCount = written.filter((f) => f.endsWith(".csv")).length;
    console.log(
      zh
        ? `已生成 ${written[0]}（${runs.length} 个情景 × 2 种语言，每页 ${charts} 张图，${csvCount} 个 CSV）`
        : `wrote ${written[0]} (${runs.length} scenario(s) × 2 languages, ${charts} charts each, ${csvCount} CSV files)`,
    );
    const printed = written.filter((f) => f.endsWith(".pdf") || f.endsWith(".png"));
    if (printing) console.log(zh ? `已输出 ${printed.length} 个文件：${printed.filter((f) => f.endsWith(".pdf")).join("") || path.join(out, "png")}` : `printed ${printed.length} file(s)`);
    return 0;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith("renderInBrowser requires chromium")) {
      err = new DataValidationError([{ severity: "error", column: opts.pdf ? "--pdf" : "--png", message: `needs chromium: ${err.message.replace(/^renderInBrowser requires /, "")}`, messageZh: `需要 chromium 浏览器：${err.message.replace(/^renderInBrowser requires chromium at (\S+) \((.*)\)$/, "$1 不存在（请安装：$2）")}；或去掉此选项` }]);
    }
    if (!(err instanceof DataValidationError)) throw err;
    say("输入校验失败，未写出任何文件：", "input validation failed; nothing was written:");
    for (const i of err.issues.filter((x) => x.severity === "error")) console.error(formatIssue(i, opts.lang));
    return 1;
  }
}

/**
 * A model that fails on a user's data (too few reports for a curve, a county the models cannot place) is a problem
 * with the data, not a bug: name the scenario and its files and say what the briefing needs. Bundled data that fails
 * is a bug and goes on as it is.
 */
function userDataFailure(err: unknown, scenarios: readonly Scenario[]): unknown {
  if (!(err instanceof RangeError || err instanceof TypeError)) return err;
  const own = scenarios.filter((s) => (["progress", "counties", "enrolment"] as const).some((k) => s.data[k] !== "bundled"));
  if (own.length === 0) return err;
  const files = own.map((s) => `${s.name}: ${(["progress", "counties", "enrolment"] as const).filter((k) => s.data[k] !== "bundled").map((k) => s.data[k]).join(", ")}`).join("; ");
  return new DataValidationError([
    {
      severity: "error",
      file: own.map((s) => s.name).join(", "),
      message: `the briefing cannot be built from this data (${err.message}); files: ${files}. The 双月报 needs several report dates for several counties up to data.asOf, every county in the counties file; check them with gaibo validate`,
      messageZh: `无法用这些数据生成简报（${err.message}）；文件：${files}。双月报在 data.asOf 之前需有多个县的多期报告，且每个县都在县情文件中；请先用 gaibo validate 检查这些文件`,
    },
  ]);
}
