import { readdir } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { loadBundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { reportFiles, scenarioVariants } from "../report/build-report.js";
import { readPlotlyBundle } from "../report/plotly-bundle.js";
import { renderInBrowser } from "../report/render-in-browser.js";
import { loadScenario, loadScenarioData } from "../scenarios/load-scenario.js";
import { DataValidationError, formatIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";

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
    const variants = scenarioVariants(runs, opts.lang, undefined, (done, total, label) => {
      if (bar) bar.update(done, { label });
      else console.error(`  ${done}/${total} ${label}`);
    });
    bar?.stop();
    const files = reportFiles(variants, await readPlotlyBundle());
    say("· 写出文件", "· writing files");
    const written = await writeFilesAtomically(out, files);
    const charts = variants[0].doc.sections.reduce((n, s) => n + s.charts.length, 0);
    console.log(
      zh
        ? `已生成 ${written[0]}（${runs.length} 个情景 × 2 种语言，每页 ${charts} 张图，${written.length - 1} 个 CSV）`
        : `wrote ${written[0]} (${runs.length} scenario(s) × 2 languages, ${charts} charts each, ${written.length - 1} CSV files)`,
    );
    if (opts.pdf || opts.png) {
      say("· 用 chromium 输出 PDF / PNG", "· printing PDF / PNG with chromium");
      const printed = await renderInBrowser(written[0], {
        pdf: opts.pdf ? path.join(out, "briefing.pdf") : undefined,
        pngDir: opts.png ? path.join(out, "png") : undefined,
      });
      console.log(zh ? `已输出 ${printed.length} 个文件：${printed.filter((f) => f.endsWith(".pdf")).join("") || path.join(out, "png")}` : `printed ${printed.length} file(s)`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    say("输入校验失败，未写出任何文件：", "input validation failed; nothing was written:");
    for (const i of err.issues.filter((x) => x.severity === "error")) console.error(formatIssue(i, opts.lang));
    return 1;
  }
}
