import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRule } from "../allocation/parse-rule.js";
import type { AllocationRuleInput } from "../allocation/rule-schema.js";
import { unitsFromSyntheticProvince } from "../allocation/units-from-synthetic-province.js";
import type { AllocationInputs } from "../browser/allocation-view.js";
import { BIRTH_CHOICES, birthsOf, type BigClassInputs } from "../browser/big-class-view.js";
import type { ProgressSeries } from "../browser/county-view.js";
import { COUNTY_FAN_QUANTILES, DAYS_PER_MONTH, type ProgressInputs } from "../browser/progress-view.js";
import type { CurveForecast } from "../progress/forecast-curve.js";
import { PAGE_TARGET_LEVELS, scenarioProgressRun } from "./progress-section.js";
import { URBANIZATION_PRESETS } from "../class-size/presets.js";
import { classSizeResults, COST_TARGET_YEARS, OUTLOOK_BASE_YEAR, OUTLOOK_LAST_YEAR } from "./class-size-section.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import { createRandom } from "../shared/random.js";
import { existsSync } from "node:fs";
import { ALLOCATION_PRESETS, ALLOCATION_SECTION_AS_OF, FRONTIER_ELASTICITY, ALLOCATION_SECTION_SEED, DEFAULT_ALLOCATION_SETTINGS } from "./allocation-section.js";
import { memo, tablesKey } from "./report-memo.js";

/** What the page carries to recompute and drill down, once per scenario and in no language (plain JSON). */
export interface PageInputs {
  allocation?: AllocationInputs;
  bigClass?: BigClassInputs;
  /** Every county's reports for the drill-down (dates shared, one array per indicator). */
  progress?: ProgressSeries;
  /** The progress section's joint draws, summarised: province crossing dates per draw, province and county fans. */
  forecast?: ProgressInputs;
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
    ...(data.synthetic.progress && data.synthetic.counties ? { forecast: forecastInputs(data, scenario) } : {}),
  };
}

/**
 * The progress section's own forecasts (the same memoised run, so the page counts the draws the section counted):
 * each indicator's province crossing per draw at every level of PAGE_TARGET_LEVELS, as whole days rounded up, so a
 * recount at a date deadline equals `jointTargetProbability`'s to the draw; the province fans; and every county's fan on the common
 * grid in thousandths (0.1 point, finer than a chart shows).
 */
function forecastInputs(data: BundledData, scenario?: Scenario): ProgressInputs | undefined {
  const p = scenarioProgressRun(data, scenario);
  if (!p) return undefined;
  const { run } = p;
  const anyProvince = run.forecasts[run.indicators[0]].province;
  const grid = anyProvince.dates;
  const qIndex = (fc: CurveForecast, q: number) => fc.quantiles.findIndex((x) => Math.abs(x - q) < 1e-12);
  const levels = [...PAGE_TARGET_LEVELS];
  const crossings: ProgressInputs["crossings"] = {};
  const province: ProgressInputs["province"] = {};
  const counties: ProgressInputs["counties"] = {};
  const observations: ProgressInputs["observations"] = {};
  for (const i of run.indicators) {
    const fc = run.forecasts[i];
    const cs = levels.map((l) => fc.province.crossings.find((c) => Math.abs(c.target - l) < 1e-12)!);
    crossings[i] = {
      observedT: cs.map((c) => c.observedT),
      // Whole days, rounded up: a date deadline counts a draw exactly when jointTargetProbability does (see countyCrossings).
      byDay: cs.map((c) => c.byDraw!.map((x) => (Number.isFinite(x) ? Math.ceil(x * DAYS_PER_MONTH - 1e-9 * DAYS_PER_MONTH) : null))),
    };
    province[i] = {
      bands: COUNTY_FAN_QUANTILES.map((q) => fc.province.bands[qIndex(fc.province, q)].map((v) => Math.round(v * 1e6) / 1e6)),
      history: { dates: fc.province.history.dates, y: fc.province.history.y.map((v) => Math.round(v * 1e6) / 1e6) },
    };
    for (const c of fc.counties) {
      // The county's grid starts at its own last report; the page keeps the common grid's dates.
      const at = grid.map((d) => c.dates.indexOf(d));
      (counties[c.id] ??= {})[i] = COUNTY_FAN_QUANTILES.map((q) => at.map((g) => (g < 0 ? Math.round(c.bands[qIndex(c, q)][0] * 1000) : Math.round(c.bands[qIndex(c, q)][g] * 1000))));
    }
    observations[i] = p.observations(i);
  }
  // Each county's completion crossings at 70 % as whole days, rounded up (a crossing on the deadline's day at or
  // before midnight counts, as targetProbability's 1e-9-month slack): sorted, delta-encoded, never-reached counted.
  const completion = run.forecasts.completion_rate;
  const countyCrossings = completion && {
    level: 0.7,
    counties: completion.counties.map((c) => {
      const times = c.crossings.find((x) => Math.abs(x.target - 0.7) < 1e-12)!.times;
      const days = times.filter(Number.isFinite).map((m) => Math.ceil(m * DAYS_PER_MONTH - 1e-9 * DAYS_PER_MONTH));
      return { id: c.id, name: c.name, city: c.city, days: days.map((d, k) => (k ? d - days[k - 1] : d)), never: times.length - days.length };
    }),
  };
  return {
    origin: p.origin,
    deadline: p.deadline,
    ...(countyCrossings ? { countyCrossings } : {}),
    level: 0.7,
    horizon: grid[grid.length - 1],
    draws: p.draws,
    levels,
    crossings,
    dates: grid,
    quantiles: [...COUNTY_FAN_QUANTILES],
    province,
    counties,
    observations,
    source: p.source.synthetic,
    fanSource: p.source.fan,
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
      elasticity: FRONTIER_ELASTICITY,
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
