import { tableToCsv } from "../data/convert-table.js";
import type { BundledData } from "../data/load-bundled-data.js";
import * as aq from "arquero";
import type { OutputFile } from "../data/write-files.js";
import type { Lang } from "../shared/i18n.js";
import { applyScenario } from "../scenarios/apply-scenario.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import { foundationSections } from "./foundation-sections.js";
import { relabelUserData, rewriter } from "./relabel-user-data.js";
import { scenarioRegion, scenarioSettings } from "./scenario-region.js";
import { progressSections } from "./progress-section.js";
import { allocationSections } from "./allocation-section.js";
import { classSizeSections } from "./class-size-section.js";
import { realProgressSections } from "./real-progress-section.js";
import { pageInputs, type PageInputs } from "./page-inputs.js";
import { csvFolder, renderReportHtml, type ReportDocument, type ReportSection, type ReportVariant } from "./render-html.js";

/**
 * A section builder: each capability (progress curves, allocation, big classes) adds its sections.
 * It receives the data as the scenario's report date sees it, and the scenario itself when there is one.
 */
export type SectionBuilder = (data: BundledData, lang: Lang, scenario?: Scenario) => ReportSection[];

export const DEFAULT_SECTIONS: SectionBuilder[] = [foundationSections, progressSections, realProgressSections, allocationSections, classSizeSections];

/**
 * Assemble the briefing document from the bundled data.
 *
 * @param data bundled datasets
 * @param lang language of every label
 * @param builders section builders, in page order
 */
export function buildReportDocument(
  data: BundledData,
  lang: Lang,
  builders: SectionBuilder[] = DEFAULT_SECTIONS,
  scenario?: Scenario,
): ReportDocument {
  const zh = lang === "zh";
  const seen = scenario ? applyScenario(data, scenario) : data;
  const where = scenarioRegion(seen, scenario, lang);
  return {
    lang,
    title: zh ? "全面改薄工作简报（gaibo）" : "全面改薄 briefing (gaibo)",
    subtitle: scenario
      ? `${scenario.title[lang]}${scenario.description ? ` · ${scenario.description[lang]}` : ""}`
      : zh
      ? "全面改善贫困地区义务教育薄弱学校基本办学条件（2014–2019）· 种子文件数字为真实公开数字，合成省数据为模拟"
      : "Improving weak compulsory schools in poor areas (2014–2019) · seed figures are real published figures; the synthetic province is simulated",
    settings: scenario ? scenarioSettings(scenario, lang) : undefined,
    sections: numberSections(relabelUserData(builders.flatMap((b) => b(seen, lang, scenario)), scenario, lang, where), lang),
    footer: [
      where.profile.id === "henan"
        ? zh
          ? "标注“合成数据”的图表来自 gaibo 按固定随机种子生成的模拟省份，只用于演示方法，不代表任何真实地区。"
          : "Charts marked SYNTHETIC come from gaibo's simulated province (fixed random seed); they demonstrate methods and describe no real place."
        : zh
          ? `标注“合成数据”的图表来自 gaibo 按固定随机种子生成的合成${where.profile.name.zh}：县数、规划总额和公布的进度数字来自公开资料，各县数字是模拟的，未公布的部分为假设（见第一节的表）。`
          : `Charts marked SYNTHETIC come from gaibo's synthetic ${where.profile.name.en} (fixed random seed): county count, plan totals and published progress figures are public; every county figure is simulated, and what is not published is assumed (table in section 1).`,
      ...(Object.keys(where.userFiles).length
        ? [zh ? `标注“用户数据”的图表来自用户文件：${Object.values(where.userFiles).join("、")}。` : `Charts marked USER DATA come from the user's files: ${Object.values(where.userFiles).join(", ")}.`]
        : []),
      zh ? "重新生成：npm run report（每张图的数据见 data/ 目录下的 CSV）。" : "Rebuild with npm run report (each chart's data is in data/*.csv).",
    ],
  };
}

const CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];

/** Number headings in page order (builders do not know their place among the others). */
function numberSections(sections: ReportSection[], lang: Lang): ReportSection[] {
  return sections.map((s, i) => {
    const bare = s.heading.replace(/^([一二三四五六七八九十]+、|\d+\.\s*)/, "");
    return { ...s, heading: lang === "zh" ? `${CHINESE_NUMERALS[i] ?? i + 1}、${bare}` : `${i + 1}. ${bare}` };
  });
}

/**
 * The page's variants: the chosen language first, then the other, so one page carries both and a
 * switch flips between them.
 */
export function bilingualVariants(data: BundledData, lang: Lang, builders: SectionBuilder[] = DEFAULT_SECTIONS): ReportVariant[] {
  const order: Lang[] = lang === "zh" ? ["zh", "en"] : ["en", "zh"];
  const inputs = pageInputs(data);
  return order.map((l) => ({ key: l, doc: buildReportDocument(data, l, builders), inputs }));
}

/**
 * One variant per scenario and language, the first scenario in the chosen language first, for a
 * page whose selector switches between precomputed scenarios.
 *
 * @param runs each scenario with the data it reads
 * @param onVariant called after each variant is built (for a progress bar)
 */
export function scenarioVariants(
  runs: readonly { scenario: Scenario; data: BundledData }[],
  lang: Lang,
  builders: SectionBuilder[] = DEFAULT_SECTIONS,
  onVariant?: (done: number, total: number, label: string) => void,
): ReportVariant[] {
  const order: Lang[] = lang === "zh" ? ["zh", "en"] : ["en", "zh"];
  const total = runs.length * order.length;
  const out: ReportVariant[] = [];
  for (const { scenario, data } of runs) {
    // Language-neutral inputs of the page's recompute, computed once per scenario (the page stores equal ones once).
    // The recompute starts from the data the sections saw (reports up to the report date), so a recomputed
    // allocation under the scenario's own settings equals its card (山东 2015-06-30: Gini 0.139, not 0.133).
    const inputs = regionInputs(pageInputs(applyScenario(data, scenario), scenario), data, scenario);
    for (const l of order) {
      out.push({
        key: `${scenario.name}~${l}`,
        doc: buildReportDocument(data, l, builders, scenario),
        scenario: { name: scenario.name, title: scenario.title, settings: { zh: scenarioSettings(scenario, "zh"), en: scenarioSettings(scenario, "en") }, asOf: scenario.data.asOf },
        inputs,
      });
      onVariant?.(out.length, total, `${scenario.title[lang]} (${l})`);
    }
  }
  return out;
}

/**
 * The recompute inputs' sources and chart region in the scenario's own words: the page redraws charts from
 * them, and a redrawn chart must name the same region (and seed, or the user's file) as the one it replaces.
 */
function regionInputs(inputs: PageInputs, data: BundledData, scenario: Scenario): PageInputs {
  const seen = applyScenario(data, scenario);
  const where = { zh: scenarioRegion(seen, scenario, "zh"), en: scenarioRegion(seen, scenario, "en") };
  const user = (k: "progress" | "counties" | "enrolment") => scenario.data[k] !== "bundled";
  const fix = (b: { zh: string; en: string }, isUser: boolean) => ({ zh: rewriter(where.zh, isUser, "zh")(b.zh), en: rewriter(where.en, isUser, "en")(b.en) });
  const name = (l: Lang) => (user("enrolment") ? (l === "zh" ? "用户数据" : "User data") : where[l].profile.id === "henan" ? undefined : where[l].provinceName);
  const region = name("zh") && name("en") ? { zh: `${name("zh")}`, en: `${name("en")![0].toUpperCase()}${name("en")!.slice(1)}` } : undefined;
  return {
    ...inputs,
    ...(inputs.allocation ? { allocation: { ...inputs.allocation, source: fix(inputs.allocation.source, user("counties")), ...(where.zh.unitLevel === "province" ? { unitLevel: "province" as const } : {}) } } : {}),
    ...(inputs.bigClass ? { bigClass: { ...inputs.bigClass, source: fix(inputs.bigClass.source, user("enrolment")), ...(region ? { region } : {}) } } : {}),
    ...(inputs.progress ? { progress: { ...inputs.progress, source: fix(inputs.progress.source, user("progress")) } } : {}),
    ...(inputs.forecast ? { forecast: { ...inputs.forecast, source: fix(inputs.forecast.source, user("progress")), fanSource: fix(inputs.forecast.fanSource, user("progress")), ...(where.zh.unitLevel === "province" ? { unitLevel: "province" as const } : {}) } } : {}),
  };
}

/**
 * The files of a report: index.html plus one CSV per chart with the numbers it shows, per scenario
 * (languages show the same numbers, so each scenario's first variant supplies them).
 *
 * @param variants versions of the page, the default first
 * @param plotlyJs text of the plotly bundle to inline
 * @param pageJs text of the page script (`readPageBundle()`); the charts are drawn by it
 */
export function reportFiles(variants: readonly ReportVariant[], plotlyJs: string, pageJs = ""): OutputFile[] {
  const scenarioCount = new Set(variants.map((v) => v.scenario?.name)).size;
  const seen = new Set<string>();
  const csvs: OutputFile[] = [];
  for (const v of variants) {
    const dir = csvFolder(v, scenarioCount);
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const c of v.doc.sections.flatMap((s) => s.charts)) csvs.push({ path: `${dir}/${c.id}.csv`, content: tableToCsv(aq.from(c.rows)) });
  }
  return [{ path: "index.html", content: renderReportHtml(variants, plotlyJs, pageJs) }, ...csvs];
}
