import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRule } from "../allocation/parse-rule.js";
import type { AllocationRuleInput } from "../allocation/rule-schema.js";
import { unitsFromSyntheticProvince } from "../allocation/units-from-synthetic-province.js";
import type { AllocationInputs } from "../browser/allocation-view.js";
import { BIRTH_CHOICES, birthsOf, type BigClassInputs } from "../browser/big-class-view.js";
import type { ProgressSeries } from "../browser/county-view.js";
import { URBANIZATION_PRESETS } from "../class-size/presets.js";
import { classSizeResults, COST_TARGET_YEARS, OUTLOOK_BASE_YEAR, OUTLOOK_LAST_YEAR } from "./class-size-section.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import { createRandom } from "../shared/random.js";
import { existsSync } from "node:fs";
import { ALLOCATION_PRESETS, ALLOCATION_SECTION_AS_OF, ALLOCATION_SECTION_SEED, DEFAULT_ALLOCATION_SETTINGS } from "./allocation-section.js";
import { memo, tablesKey } from "./report-memo.js";

/** What the page carries to recompute and drill down, once per scenario and in no language (plain JSON). */
export interface PageInputs {
  allocation?: AllocationInputs;
  bigClass?: BigClassInputs;
  /** Every county's reports for the drill-down (dates shared, one array per indicator). */
  progress?: ProgressSeries;
  /** Counties the drill-down offers (id and name), in the province's order. */
  counties: { id: string; name: string }[];
}

/**
 * The inputs the interactive page recomputes from: the allocation section's synthetic counties (same seed and
 * progress date as the section, so the page's default view reproduces it) and the preset rules.
 *
 * @param data the scenario's data
 * @param _scenario the scenario (the allocation does not depend on it yet; kept for the section builders' shape)
 */
export function pageInputs(data: BundledData, scenario?: Scenario): PageInputs {
  const base = allocationInputs(data, scenario);
  return {
    ...base,
    ...(data.synthetic.enrolment ? { bigClass: bigClassInputs(data, scenario) } : {}),
    ...(data.synthetic.progress ? { progress: { ...progressSeries(data), asOf: scenario?.data.asOf } } : {}),
  };
}

const INDICATORS = ["start_rate", "completion_rate", "equipment_rate", "funds_rate"];

/** The synthetic counties' reports, columnar (about 100 KB for 109 counties), stored once for every scenario. */
function progressSeries(data: BundledData): ProgressSeries {
  return memo(tablesKey([data.synthetic.progress]), "page-progress", () => {
    const rows = data.synthetic.progress.objects() as Record<string, unknown>[];
    const dates = [...new Set(rows.map((r) => String(r.as_of)))].sort();
    const at = new Map(dates.map((d, i) => [d, i]));
    const indicators = INDICATORS.filter((k) => rows.some((r) => typeof r[k] === "number"));
    const counties: ProgressSeries["counties"] = {};
    for (const r of rows) {
      const id = String(r.county_id);
      const c = (counties[id] ??= Object.fromEntries(indicators.map((k) => [k, dates.map(() => null)])));
      for (const k of indicators) if (typeof r[k] === "number") c[k][at.get(String(r.as_of))!] = r[k] as number;
    }
    return {
      dates,
      indicators,
      counties,
      source: { zh: "gaibo 合成省（种子 20140901）双月报，各县上报值", en: "gaibo synthetic province (seed 20140901) bi-monthly reports, as each county reported" },
    };
  });
}

/**
 * The big-class outlook's inputs with the calibration of the section's own run (the section memoises it, so this
 * costs nothing more), and the scenario's settings as the page's defaults.
 */
function bigClassInputs(data: BundledData, scenario?: Scenario): BigClassInputs {
  const name = scenario?.bigClass.urbanization;
  const urbanization = name === "slow" || name === "fast" ? name : "base";
  const targetYear = Math.min(Math.max(scenario?.bigClass.targetYear ?? 2020, OUTLOOK_BASE_YEAR + 1), OUTLOOK_LAST_YEAR);
  const birthsName = scenario?.bigClass.births ?? "central";
  const births = (BIRTH_CHOICES as readonly string[]).includes(birthsName) ? (birthsName as BigClassInputs["defaults"]["births"]) : "central";
  // The same options as the section, so its memoised run (and calibration) is reused.
  const res = classSizeResults(data, { urbanization: URBANIZATION_PRESETS[urbanization], targetYear, draws: scenario?.monteCarlo.draws ?? 400, seed: scenario?.monteCarlo.seed ?? 2014, births: birthsOf(births) });
  return {
    base: {
      cells: res.inputs.cells,
      baseYear: OUTLOOK_BASE_YEAR,
      lastYear: OUTLOOK_LAST_YEAR,
      plannedClassrooms: res.inputs.plannedClassrooms,
      compareTargetYears: COST_TARGET_YEARS,
      standards: res.inputs.standards.construction,
      standardClassSize: res.inputs.standards.standardClassSize,
      // The county cap fitted to 广西, as the section's chosen outlook and gaibo bigclass (it moves 66+ classes only).
      cappedShare: res.spreadCap.cappedShare,
    },
    calibration: res.chosen.calibration,
    defaults: { urbanization, speed: 1, births, targetYear },
    source: {
      zh: "gaibo 合成省（种子 20140901）2015 年班额；中心预测，按页面所选城镇化、出生与目标年重新计算；教室面积：建标102-2002",
      en: "gaibo synthetic province (seed 20140901), 2015 class counts; central projection recomputed in the page with the urbanization, births and target year chosen; floor area: 建标102-2002",
    },
  };
}

/**
 * The allocation section's counties and the scenario's rules (its own, the ones it compares with, then the other
 * presets so the page can switch to any), with the scenario's budget.
 */
function allocationInputs(data: BundledData, scenario?: Scenario): PageInputs {
  const settings = scenario?.allocation ?? DEFAULT_ALLOCATION_SETTINGS;
  const compared = [settings.rule, ...settings.compareWith.filter((n) => n !== settings.rule)];
  const names = [...compared, ...ALLOCATION_PRESETS.filter((n) => !compared.includes(n))];
  const units = memo(tablesKey([data.synthetic.counties, data.synthetic.progress]), "page-units", () =>
    unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(ALLOCATION_SECTION_SEED), asOf: ALLOCATION_SECTION_AS_OF }),
  );
  const rows = units.rows.map((r) => ({ ...r })) as Record<string, unknown>[];
  return {
    allocation: {
      units: rows,
      rules: names.map(readRule),
      compared,
      budgetWanYuan: settings.budgetWanYuan,
      provenance: "synthetic",
      source: {
        zh: `gaibo 合成省（模拟县，派生列种子 ${ALLOCATION_SECTION_SEED}）；页面内按所选设置重新计算`,
        en: `gaibo synthetic province (simulated counties, derived columns seed ${ALLOCATION_SECTION_SEED}); recomputed in the page with the settings chosen`,
      },
    },
    counties: rows.map((r) => ({ id: String(r.countyId), name: String(r.countyName ?? r.countyId) })),
  };
}

/** A preset by name, or a rule file's path as the scenario gives it (as the allocation section reads it), without its prose. */
function readRule(name: string): AllocationRuleInput {
  const preset = path.join(DATASET_PATHS.rules(), `${name}.json`);
  const file = existsSync(preset) ? preset : name;
  const { description: _d, assumptions: _a, sources: _s, ...structure } = parseRule(readFileSync(file, "utf8").replace(/^\ufeff/, ""), path.basename(file));
  return structure as AllocationRuleInput;
}
