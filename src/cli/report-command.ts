import { loadBundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { bilingualVariants, reportFiles } from "../report/build-report.js";
import { readPlotlyBundle } from "../report/plotly-bundle.js";
import { DataValidationError, formatIssue } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";

/** `gaibo report`: build the briefing from the bundled datasets and write it with its chart CSVs. */
export async function runReport(opts: { out?: string; lang: Lang }): Promise<number> {
  const zh = opts.lang === "zh";
  const out = opts.out ?? DATASET_PATHS.reports();
  const step = (zh: string, en: string) => console.error(opts.lang === "zh" ? `· ${zh}` : `· ${en}`);
  try {
    step("读取并校验数据集", "loading and validating datasets");
    const data = await loadBundledData();
    step("生成图表", "building charts");
    const variants = bilingualVariants(data, opts.lang);
    const doc = variants[0].doc;
    const files = reportFiles(variants, await readPlotlyBundle());
    step("写出文件", "writing files");
    const written = await writeFilesAtomically(out, files);
    const charts = doc.sections.reduce((n, s) => n + s.charts.length, 0);
    console.log(zh ? `已生成 ${written[0]}（${charts} 张图，${written.length - 1} 个 CSV）` : `wrote ${written[0]} (${charts} charts, ${written.length - 1} CSV files)`);
    return 0;
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    console.error(zh ? "数据校验失败，未写出任何文件：" : "data validation failed; nothing was written:");
    for (const i of err.issues.filter((x) => x.severity === "error")) console.error(formatIssue(i, opts.lang));
    return 1;
  }
}
