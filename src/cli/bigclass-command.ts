import * as aq from "arquero";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { backtestBigClasses } from "../class-size/backtest-big-classes.js";
import type { BigClassOutlook } from "../class-size/big-class-outlook.js";
import { projectEliminationDrive } from "../class-size/project-elimination-drive.js";
import { BIRTH_PRESET_NAMES, birthPreset, URBANIZATION_PRESETS } from "../class-size/presets.js";
import { urbanizationScenarioSchema, type UrbanizationScenario } from "../class-size/urbanization-scenario.js";
import { tableToCsv, tableToXlsx } from "../data/convert-table.js";
import { loadBundledData } from "../data/load-bundled-data.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { chosenBigClassOutlook, classSizeInputs, OUTLOOK_BASE_YEAR, OUTLOOK_LAST_YEAR } from "../report/class-size-section.js";
import { DataValidationError, cannotReadMessage } from "../shared/errors.js";
import type { Lang } from "../shared/i18n.js";
import { printInputErrors } from "./print-input-errors.js";
import { parseJsonWithSchema } from "../shared/parse-with-schema.js";

/** Options of `gaibo bigclass`. */
export interface BigClassCommandOptions {
  /** An urbanization scenario file (JSON, as in datasets/scenarios/urbanization/) or a preset name: slow, base, fast. */
  scenario: string;
  /** Year by which big classes are removed in the plan columns (default 2020). */
  targetYear?: number;
  /** "synthetic" (the synthetic province, default) or "national" (the national calibration and drive). */
  region?: "synthetic" | "national";
  /** Output directory (default ./bigclass). */
  out?: string;
  /** Birth path: low, central (default), high (observed births 2000–2024, then the path) or two-child. */
  births?: string;
  lang: Lang;
}

/** Read an urbanization scenario: a preset name or a JSON file, validated field by field. */
export async function readUrbanizationScenario(spec: string): Promise<UrbanizationScenario> {
  if (spec in URBANIZATION_PRESETS) return URBANIZATION_PRESETS[spec as keyof typeof URBANIZATION_PRESETS];
  const name = path.basename(spec);
  let text: string;
  try {
    text = await readFile(spec, "utf8");
  } catch (err) {
    const { message, messageZh } = cannotReadMessage(err);
    throw new DataValidationError([
      { severity: "error", file: name, message: `${message}; presets are slow, base, fast`, messageZh: `${messageZh}；预设情景为 slow、base、fast` },
    ]);
  }
  return parseJsonWithSchema(urbanizationScenarioSchema, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, "parseUrbanizationScenario", name);
}

/** The yearly table of the synthetic province: central projection and the removal plan per year, level and area. */
function syntheticTable(o: BigClassOutlook): Record<string, unknown>[] {
  const plan = new Map<string, { stock: number; increment: number; m2: number; teachers: number; cost: number }>();
  for (const r of o.plan.rows) {
    for (const level of [r.level, "all"]) {
      for (const area of [r.area, "urban+town"]) {
        const key = `${r.year}:${level}:${area}`;
        const t = plan.get(key) ?? { stock: 0, increment: 0, m2: 0, teachers: 0, cost: 0 };
        t.stock += r.stockClassrooms;
        t.increment += r.incrementClassrooms;
        t.m2 += r.floorAreaM2;
        t.teachers += r.teachers;
        t.cost += r.costWanYuan;
        plan.set(key, t);
      }
    }
  }
  const levelOrder = ["primary", "junior", "all"];
  const areaOrder = ["urban", "town", "urban+town"];
  const sorted = [...o.rows].sort(
    (a, b) => a.year - b.year || levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area),
  );
  return sorted.map((r) => {
    const p = plan.get(`${r.year}:${r.level}:${r.area}`);
    return {
      scenario: o.scenario,
      year: r.year,
      level: r.level,
      area: r.area,
      pupils: round(r.pupils, 0),
      classrooms: round(r.classrooms, 1),
      classes: round(r.classes, 1),
      classes_56_plus: round(r.big, 1),
      classes_66_plus: round(r.veryBig, 1),
      share_56_plus: round(r.bigShare, 5),
      share_66_plus: round(r.veryBigShare, 5),
      plan_target_year: o.plan.targetYear,
      plan_stock_classrooms: round(p?.stock ?? 0, 1),
      plan_increment_classrooms: round(p?.increment ?? 0, 1),
      plan_floor_area_m2: round(p?.m2 ?? 0, 0),
      plan_teachers: round(p?.teachers ?? 0, 1),
      plan_cost_wan_yuan: round(p?.cost ?? 0, 1),
      synthetic: true,
    };
  });
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * `gaibo bigclass --scenario <json|preset> [--target-year n] [--region synthetic|national] [--out dir] [--lang en]`:
 * write the yearly big-class table as CSV and Excel. For the synthetic province: pupils, classrooms, classes,
 * 56+ and 66+ classes by year, level and area under the urbanization scenario with the planned classrooms,
 * and the classrooms, m², teachers and 万元 of removing big classes by the target year. For the nation: the
 * model calibrated to 2017 with the elimination drive fitted to 2018–2021, beside the published figures.
 * A bad scenario file is reported with its file and field and nothing is written (exit code 1).
 *
 * @param opts scenario, target year, region, output directory, language
 * @returns the process exit code: 0 on success, 1 on an input problem
 */
export async function runBigClass(opts: BigClassCommandOptions): Promise<number> {
  const zh = opts.lang === "zh";
  try {
    const urbanization = await readUrbanizationScenario(opts.scenario);
    const births = birthPreset(opts.births ?? "central");
    if (!births) {
      throw new DataValidationError([
        {
          severity: "error",
          column: "--births",
          message: `must be one of ${BIRTH_PRESET_NAMES.join(", ")}, got ${opts.births}`,
          messageZh: `必须是以下之一：${BIRTH_PRESET_NAMES.join("、")}，实际为 ${opts.births}`,
        },
      ]);
    }
    const targetYear = opts.targetYear ?? 2020;
    if (!Number.isInteger(targetYear) || targetYear <= OUTLOOK_BASE_YEAR || targetYear > OUTLOOK_LAST_YEAR) {
      throw new DataValidationError([
        {
          severity: "error",
          column: "--target-year",
          message: `must be a whole year from ${OUTLOOK_BASE_YEAR + 1} to ${OUTLOOK_LAST_YEAR}, got ${opts.targetYear}`,
          messageZh: `必须是 ${OUTLOOK_BASE_YEAR + 1} 到 ${OUTLOOK_LAST_YEAR} 之间的整数年份，实际为 ${opts.targetYear}`,
        },
      ]);
    }
    const region = opts.region ?? "synthetic";
    const data = await loadBundledData();
    const inputs = classSizeInputs(data);
    let rows: Record<string, unknown>[];
    let summary: string;
    if (region === "national") {
      const { cappedShareFitYear: _tail, ...uncapped } = inputs.national;
      const test = backtestBigClasses(uncapped);
      const all = backtestBigClasses({ ...uncapped, name: "national-elimination-drive", fitYears: inputs.national.years.slice(1), targetedShare: test.drive.targetedShare });
      const years = Array.from({ length: Math.max(targetYear, 2021) - 2017 + 1 }, (_, i) => 2017 + i);
      const pupilIndex = years.map((_, i) => (i < inputs.national.pupilIndex.length ? inputs.national.pupilIndex[i] : inputs.national.pupilIndex[inputs.national.pupilIndex.length - 1]));
      const common = { years, pupilIndex, calibration: all.calibration, baseClasses: all.baseClasses };
      const noDrive = projectEliminationDrive(common);
      const drive = projectEliminationDrive({ ...common, drive: all.drive });
      const published = (year: number, measure: string) => inputs.national.published.find((p) => p.year === year && p.measure === measure)?.value ?? null;
      rows = drive.map((r, i) => ({
        scenario: "national-elimination-drive",
        year: r.year,
        pupil_index: round(r.pupilIndex, 5),
        classrooms_added_per_year: round(all.drive.classroomsPerYear, 0),
        targeted_share: round(all.drive.targetedShare, 4),
        classes: round(r.classes, 0),
        classes_56_plus: round(r.big, 0),
        classes_66_plus: round(r.veryBig, 0),
        share_56_plus: round(r.bigShare, 5),
        share_66_plus: round(r.veryBigShare, 5),
        no_drive_share_56_plus: round(noDrive[i].bigShare, 5),
        no_drive_share_66_plus: round(noDrive[i].veryBigShare, 5),
        published_share_56_plus: published(r.year, "big_share"),
        published_share_66_plus: published(r.year, "very_big_share"),
        floor_area_m2_per_year: i > 0 ? round(all.drive.classroomsPerYear * inputs.standards.construction.floorAreaPerClassroomM2.primary, 0) : 0,
      }));
      summary = zh
        ? `全国：按 2017 年校准，专项行动每年约 ${Math.round(all.drive.classroomsPerYear).toLocaleString("en-US")} 间教室（2018–2021 拟合）；城镇化情景不影响全国单元模型`
        : `national: calibrated to 2017, drive of about ${Math.round(all.drive.classroomsPerYear).toLocaleString("en-US")} classrooms a year (fitted 2018–2021); the urbanization scenario does not enter the one-cell national model`;
    } else {
      // The outlook the report section shows, from the same function (county cap fitted to 广西, school-year cohorts).
      const o = chosenBigClassOutlook(data, { urbanization, targetYear, births });
      rows = syntheticTable(o);
      const m = o.milestones.find((x) => x.level === "all" && x.area === "urban+town")!;
      const t = o.plan.totals;
      summary = zh
        ? `合成省（模拟数据），情景 ${urbanization.name}：城镇大班额低于 5% 的年份 ${m.yearBelowLowShare ?? `${OUTLOOK_LAST_YEAR} 年前不会`}；${targetYear} 年前消除需教室 ${Math.round(o.costByTargetYear.find((c) => c.targetYear === targetYear)?.newClassrooms ?? t.newClassrooms)} 间`
        : `synthetic province (simulated), scenario ${urbanization.name}: urban+town 56+ share below 5% ${m.yearBelowLowShare !== null ? `from ${m.yearBelowLowShare}` : `not by ${OUTLOOK_LAST_YEAR}`}; removing big classes by ${targetYear} takes ${Math.round(o.costByTargetYear.find((c) => c.targetYear === targetYear)?.newClassrooms ?? t.newClassrooms)} classrooms`;
    }
    const table = aq.from(rows);
    const base = `bigclass-${region}-${slug(region === "national" ? "national-elimination-drive" : urbanization.name)}`;
    const written = await writeFilesAtomically(opts.out ?? "bigclass", [
      { path: `${base}.csv`, content: tableToCsv(table) },
      { path: `${base}.xlsx`, content: await tableToXlsx(table, "bigclass") },
    ], { owner: `bigclass:${base}` });
    console.log(summary);
    for (const f of written) console.log(f);
    return 0;
  } catch (err) {
    return printInputErrors(err, opts.lang);
  }
}

function slug(name: string): string {
  return name.trim().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "") || "scenario";
}
