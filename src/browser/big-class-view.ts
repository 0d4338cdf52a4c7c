import type { BirthScenario } from "../class-size/birth-scenario.js";
import { bigClassOutlook, type BigClassOutlook, type BigClassOutlookInput } from "../class-size/big-class-outlook.js";
import { BIRTH_PRESET_NAMES, birthPreset, URBANIZATION_PRESETS } from "../class-size/presets.js";
import type { UrbanizationScenario } from "../class-size/urbanization-scenario.js";
import { bigClassStockIncrementChart } from "../charts/big-class-stock-increment-chart.js";
import { scenarioName } from "../charts/class-size-labels.js";
import type { Chart } from "../charts/figure.js";
import { formatMoneyWanYuan, yiToPageUnit } from "../shared/format-number.js";
import type { Bilingual, Lang } from "../shared/i18n.js";

/** What the page needs to re-run the big-class outlook (plain JSON): the cells, plans, standards and calibration. */
export interface BigClassInputs {
  base: Pick<BigClassOutlookInput, "cells" | "baseYear" | "lastYear" | "plannedClassrooms" | "compareTargetYears" | "standards" | "standardClassSize" | "cellYear" | "cappedShare">;
  /** The calibrated cells of the section's run, so the page skips calibrating (≈ 70% of an outlook's time). */
  calibration: BigClassOutlook["calibration"];
  /** The scenario's own settings (the section's view). */
  defaults: BigClassSettings;
  source: Bilingual;
  /** The region the redrawn chart names (the scenario's own); absent: the default synthetic province. */
  region?: Bilingual;
}

/** Birth paths offered: the presets a scenario's `bigClass.births` and `gaibo bigclass --births` take. */
export const BIRTH_CHOICES = BIRTH_PRESET_NAMES;
export type BirthChoice = (typeof BIRTH_CHOICES)[number];

/** A leader's big-class settings. */
export interface BigClassSettings {
  urbanization: "slow" | "base" | "fast";
  /** Multiplier of the preset's flow rates (1 = the preset; 0–3). */
  speed: number;
  births: BirthChoice;
  /** Year by which every 56+ class is to be removed. */
  targetYear: number;
}

/**
 * An urbanization preset run faster or slower: its rural-to-town, rural-to-urban and town-to-urban rates times
 * `speed` (the share of children schooled where parents move is kept).
 *
 * @throws RangeError when speed is outside 0–3 or the rural outflow would exceed 100% a year
 * @example urbanizationAtSpeed("base", 2).ruralToTownRate // 0.026
 */
export function urbanizationAtSpeed(preset: BigClassSettings["urbanization"], speed: number): UrbanizationScenario {
  if (!(speed >= 0 && speed <= 3)) throw new RangeError(`urbanizationAtSpeed requires a speed between 0 and 3, got ${speed}`);
  const p = URBANIZATION_PRESETS[preset];
  if (p.kind !== "flow-rates") return p;
  if (speed === 1) return p;
  return { ...p, name: `${p.name}×${speed}`, ruralToTownRate: p.ruralToTownRate * speed, ruralToUrbanRate: p.ruralToUrbanRate * speed, townToUrbanRate: Math.min(1, p.townToUrbanRate * speed) };
}

/** The birth scenario a choice names. @throws RangeError for a name that is not a preset */
export function birthsOf(choice: string): BirthScenario {
  const b = birthPreset(choice);
  if (!b) throw new RangeError(`birthsOf requires one of ${BIRTH_PRESET_NAMES.join(", ")}, got ${choice}`);
  return b;
}

const int = (x: number) => Math.round(x).toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The re-run outlook, the section's stock/increment chart and its two headline numbers. */
export interface BigClassView {
  outlook: BigClassOutlook;
  charts: Chart[];
  headline: { id: string; label: string; value: string; numeric: number; provenance: "synthetic"; note: string }[];
}

/**
 * Re-run the big-class outlook of the synthetic province with a leader's urbanization path, speed, births and
 * target year (central projection, the same `bigClassOutlook` the section and `gaibo bigclass` run), and draw the
 * charts and headline numbers that depend on them with the section's ids.
 *
 * @param region name in the chart title (default: the synthetic province)
 * @throws RangeError for a speed outside 0–3 or a target year outside the projection
 */
export function bigClassView(inputs: BigClassInputs, settings: BigClassSettings, lang: Lang, region?: string): BigClassView {
  const zh = lang === "zh";
  const { baseYear, lastYear } = inputs.base;
  if (!(settings.targetYear > baseYear && settings.targetYear <= lastYear)) throw new RangeError(`bigClassView requires a target year from ${baseYear + 1} to ${lastYear}, got ${settings.targetYear}`);
  const urbanization = urbanizationAtSpeed(settings.urbanization, settings.speed);
  // Entry by school-year cohort, as the section runs it (and gaibo bigclass for every path but two-child).
  const compareTargetYears = [...new Set([...(inputs.base.compareTargetYears ?? []), settings.targetYear])].sort((a, b) => a - b);
  const outlook = bigClassOutlook({ ...inputs.base, compareTargetYears, schoolYearCohorts: true, calibration: inputs.calibration, urbanization, births: birthsOf(settings.births), targetYear: settings.targetYear });
  const name = `${scenarioName(settings.urbanization, lang)}${settings.speed === 1 ? "" : ` ×${settings.speed}`}`;
  const byYear = new Map<number, { stock: number; increment: number }>();
  for (const r of outlook.plan.rows) {
    const t = byYear.get(r.year) ?? { stock: 0, increment: 0 };
    t.stock += r.stockClassrooms;
    t.increment += r.incrementClassrooms;
    byYear.set(r.year, t);
  }
  const source = inputs.source[lang];
  const stock = bigClassStockIncrementChart([...byYear].map(([year, v]) => ({ year, ...v })), { lang, source, id: "synthetic-big-class-stock-increment", targetYear: settings.targetYear, scenario: name, ...(region ? { region } : {}) });
  const y2020 = outlook.rows.find((r) => r.level === "all" && r.area === "urban+town" && r.year === Math.min(2020, lastYear))!;
  const cost = outlook.costByTargetYear.find((c) => c.targetYear === settings.targetYear)!;
  const costWanYuan = cost.costWanYuan;
  return {
    outlook,
    charts: [stock],
    headline: [
      {
        id: "big-classes-2020",
        label: zh ? `2020 年城镇大班额（${name}）` : `Urban and town big classes in 2020 (${name})`,
        value: zh ? `${int(y2020.big)} 个班` : `${int(y2020.big)} classes`,
        numeric: Math.round(y2020.big),
        note: zh ? `占 ${pct(y2020.bigShare)}；已规划教室平均投放；页面内重算` : `${pct(y2020.bigShare)} of classes; planned rooms spread evenly; recomputed in the page`,
        provenance: "synthetic",
      },
      {
        id: "big-class-removal-cost",
        label: zh ? `${settings.targetYear} 年前消除大班额的投入` : `Cost to remove big classes by ${settings.targetYear}`,
        value: formatMoneyWanYuan(costWanYuan, lang),
        numeric: yiToPageUnit(costWanYuan / 10_000, lang),
        note: zh ? `${int(cost.newClassrooms)} 间教室，${int(cost.teachers)} 名教师` : `${int(cost.newClassrooms)} classrooms, ${int(cost.teachers)} teachers`,
        provenance: "synthetic",
      },
    ],
  };
}
