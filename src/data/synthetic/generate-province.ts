import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { errorFunction } from "simple-statistics";
import { apportion } from "../../shared/apportion.js";
import { bimonthlyReportDates, monthsSinceStart } from "../../shared/dates.js";
import { createRandom, type Random } from "../../shared/random.js";
import { HENAN_PLAN } from "./henan-plan.js";

/** Options of the synthetic province; the defaults reproduce the Henan plan in the seeds. */
export interface SyntheticProvinceOptions {
  seed?: number;
  counties?: number;
  cities?: number;
  zeroCountyInputCounties?: number;
  /** First and last 双月报 report dates. */
  firstReport?: string;
  lastReport?: string;
  /** Base year of the enrolment table. */
  enrolmentYear?: number;
  /** Names of the cities (prefectures); default 合成市01…; when given, `cities` is its length. */
  cityNames?: readonly string[];
  /** Plan funds by source in 万元; default the Henan plan. */
  sourcesWanYuan?: PlanSources;
  /** Plan equipment money in 万元 (the rest is buildings); default the Henan plan. */
  equipmentWanYuan?: number;
  /** Shifts and speeds of the progress curves, set by calibrateRegionProvince to reproduce published points. */
  timing?: ProgressTiming;
  /** Per-city multipliers of planned floor area (through the unit cost) and of equipment money: they move the weight of a city in the province roll-up without changing any total. */
  cityWeights?: { floorArea?: readonly number[]; equipment?: readonly number[] };
}

/** Plan funds by source, 万元. */
export interface PlanSources {
  central_gaibo: number;
  central_other: number;
  provincial: number;
  city: number;
  county: number;
  other: number;
}

/** Progress indicators the generator draws. */
export type ProgressIndicator = "start_rate" | "completion_rate" | "equipment_rate" | "funds_rate";

/**
 * How a region's counties move compared with the default (河南) timing: months added to every
 * county's midpoint and a speed multiplier, per indicator; per-city extra shifts (building: start and
 * completion together; equipment) and per-city ceilings (a city published above 100% needs counties
 * that over-deliver).
 */
export interface ProgressTiming {
  shift: Record<ProgressIndicator, number>;
  speed: Record<ProgressIndicator, number>;
  cityShift?: { building?: readonly number[]; equipment?: readonly number[] };
  cityCap?: { building?: readonly number[]; equipment?: readonly number[] };
}

/** The default timing: no shift, no speed change (reproduces the 河南 province byte for byte). */
export const NEUTRAL_TIMING: ProgressTiming = {
  shift: { start_rate: 0, completion_rate: 0, equipment_rate: 0, funds_rate: 0 },
  speed: { start_rate: 1, completion_rate: 1, equipment_rate: 1, funds_rate: 1 },
};

/** The generated province: three tidy tables, every row marked `synthetic = true`. */
export interface SyntheticProvince {
  counties: ColumnTable;
  progress: ColumnTable;
  enrolment: ColumnTable;
}

export const SYNTHETIC_DEFAULTS = {
  seed: 20140901,
  counties: HENAN_PLAN.counties,
  cities: 18,
  zeroCountyInputCounties: HENAN_PLAN.zeroCountyInputCounties,
  firstReport: "2014-10-01",
  lastReport: "2019-12-31",
  enrolmentYear: 2015,
} as const;

const lognormal = (r: Random, median: number, sigma: number) => median * Math.exp(sigma * r.normal());
const logistic = (t: number, k: number, t0: number) => 1 / (1 + Math.exp(-k * (t - t0)));
const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Pick `count` distinct indices out of n, deterministically from r. */
function pick(r: Random, n: number, count: number): Set<number> {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return new Set(idx.slice(0, count));
}

function drawCounties(rAttr: Random, count: number, cityNames: readonly string[]): CountyDraw[] {
  return Array.from({ length: count }, (_, i) => {
    const pupils = Math.round(lognormal(rAttr, 75_000, 0.45));
    const fiscal = Math.round(lognormal(rAttr, 2_600, 0.35));
    // Need for building money grows with pupils and with poverty (low fiscal capacity).
    const need = pupils * Math.pow(2_600 / fiscal, 0.5) * lognormal(rAttr, 1, 0.25);
    const urbanShare = Math.min(0.4, Math.max(0.05, 0.14 + 0.06 * rAttr.normal()));
    const townShare = Math.min(0.55, Math.max(0.15, 0.33 + 0.07 * rAttr.normal()));
    return {
      id: `S${String(i + 1).padStart(count >= 1000 ? 4 : 3, "0")}`,
      name: `合成县${String(i + 1).padStart(count >= 1000 ? 4 : 3, "0")}`,
      city: cityNames[i % cityNames.length],
      cityIndex: i % cityNames.length,
      pupils,
      need,
      fiscal,
      urbanShare,
      townShare,
    };
  });
}

interface CountyDraw {
  id: string;
  name: string;
  city: string;
  cityIndex: number;
  pupils: number;
  need: number;
  fiscal: number;
  urbanShare: number;
  townShare: number;
}

/**
 * Generate a synthetic province deterministically from a seed: ~109 counties whose five-year plan
 * funds add up exactly (to the 万元) to the Henan plan in the seeds, split by source and by
 * buildings/equipment, with 22 counties that put in no county money; each county's attributes
 * (pupils, weak schools, fiscal capacity, committed and delivered matching funds), its bi-monthly
 * 双月报 series of start, completion, equipment and funds rates (S-shaped with county-specific speed,
 * stalls, late or missing reports and over-delivery above 100%), and its urban/town/rural enrolment
 * with class counts.
 *
 * Nothing here is real: every row carries `synthetic = true`, and every chart or report that shows
 * it says so. The seeds give totals only; how the totals spread over counties is invented.
 *
 * Every fund source is reproduced exactly; because the published parts carry rounding (they sum to
 * 267.92亿, not the stated 267.91亿), equipment is kept exact at 54.43亿 and buildings take the rest
 * (213.49亿 against the stated 213.47亿). See HENAN_PLAN.
 *
 * @param options seed and sizes; defaults reproduce the Henan plan
 * @returns counties, progress panel and enrolment tables
 * @example generateSyntheticProvince().counties.numRows() // 109
 */
export function generateSyntheticProvince(options: SyntheticProvinceOptions = {}): SyntheticProvince {
  const o = { ...SYNTHETIC_DEFAULTS, ...options };
  const cityCount = options.cityNames?.length ?? o.cities;
  if (o.zeroCountyInputCounties >= o.counties) {
    throw new RangeError("generateSyntheticProvince requires fewer zero-input counties than counties");
  }
  const root = createRandom(o.seed);
  const rAttr = root.fork();
  const rFunds = root.fork();
  const rProgress = root.fork();
  const rEnrol = root.fork();

  const cityNames = options.cityNames ?? Array.from({ length: cityCount }, (_, i) => `合成市${String(i + 1).padStart(2, "0")}`);
  const draws = drawCounties(rAttr, o.counties, cityNames);

  const plan = { sources: options.sourcesWanYuan ?? HENAN_PLAN.sourcesWanYuan, equipment: options.equipmentWanYuan ?? HENAN_PLAN.equipmentWanYuan };
  const counties = aq.table(buildCounties(draws, rFunds, o.zeroCountyInputCounties, rAttr, plan, options.cityWeights));
  const progress = aq.table(buildProgressColumns(draws, rProgress, o.firstReport, o.lastReport, options.timing ?? NEUTRAL_TIMING));
  const enrolment = buildEnrolment(draws, rEnrol, o.enrolmentYear);
  return { counties, progress, enrolment };
}

/** The county columns before they become a table (so calibration can read them without arquero). */
export type CountyColumns = Record<string, unknown[]>;

function buildCounties(
  draws: CountyDraw[],
  r: Random,
  zeroCount: number,
  rAttr: Random,
  funds: { sources: PlanSources; equipment: number },
  cityWeights: SyntheticProvinceOptions["cityWeights"],
): CountyColumns {
  const n = draws.length;
  const plan = funds.sources;
  const eqCity = (i: number) => cityWeights?.equipment?.[draws[i].cityIndex] ?? 1;
  const areaCity = (i: number) => cityWeights?.floorArea?.[draws[i].cityIndex] ?? 1;
  const need = draws.map((d) => d.need);
  const zero = pick(r, n, zeroCount);
  const withCity = pick(r, n, Math.round(n * 0.3));
  const withOther = pick(r, n, Math.round(n * 0.2));
  const jitter = () => lognormal(r, 1, 0.2);
  const central = apportion(plan.central_gaibo, need.map((x, i) => x * Math.pow(2_600 / draws[i].fiscal, 0.3) * jitter()));
  const centralOther = apportion(plan.central_other, need.map((x) => x * jitter()));
  const provincial = apportion(plan.provincial, need.map((x) => x * jitter()));
  const city = apportion(plan.city, need.map((x, i) => (withCity.has(i) ? x * jitter() : 0)));
  // Richer counties commit more of their own money; 22 commit nothing (the seed's “投入资金为0”).
  const county = apportion(plan.county, need.map((x, i) => (zero.has(i) ? 0 : x * (draws[i].fiscal / 2_600) * lognormal(r, 1, 0.5))));
  const other = apportion(plan.other, need.map((x, i) => (withOther.has(i) ? x * jitter() : 0)));
  const total = draws.map((_, i) => central[i] + centralOther[i] + provincial[i] + city[i] + county[i] + other[i]);
  const equipment = apportion(funds.equipment, total.map((t, i) => t * Math.min(0.35, Math.max(0.1, 0.2 + 0.05 * r.normal())) * eqCity(i)));
  const buildings = total.map((t, i) => t - equipment[i]);
  // Unit building cost 2,000–3,200 元/m² (assumption for the synthetic data only).
  const floorArea = buildings.map((b, i) => Math.round(((b * 10_000) / (2_600 * lognormal(r, 1, 0.1))) * areaCity(i)));
  const committed = draws.map((_, i) => city[i] + county[i]);
  const delivered = committed.map((c) => Math.round(c * Math.min(1.1, Math.max(0, 0.75 + 0.2 * rAttr.normal()))));
  const weakSchools = draws.map((d) => Math.max(3, Math.round((d.pupils / 1_400) * lognormal(rAttr, 1, 0.3))));
  const poorShare = draws.map((d) => round4(Math.min(0.45, Math.max(0.01, 0.09 * Math.pow(2_600 / d.fiscal, 1.2) * lognormal(rAttr, 1, 0.3)))));
  return {
    county_id: draws.map((d) => d.id),
    county_name: draws.map((d) => d.name),
    city: draws.map((d) => d.city),
    plan_central_gaibo_wan_yuan: central,
    plan_central_other_wan_yuan: centralOther,
    plan_provincial_wan_yuan: provincial,
    plan_city_wan_yuan: city,
    plan_county_wan_yuan: county,
    plan_other_wan_yuan: other,
    plan_buildings_wan_yuan: buildings,
    plan_equipment_wan_yuan: equipment,
    planned_floor_area_m2: floorArea,
    pupils: draws.map((d) => d.pupils),
    weak_schools: weakSchools,
    fiscal_capacity_per_capita_yuan: draws.map((d) => d.fiscal),
    population: draws.map((d) => Math.round(d.pupils * lognormal(rAttr, 6.5, 0.1))),
    poor_share: poorShare,
    matching_committed_wan_yuan: committed,
    matching_delivered_wan_yuan: delivered,
    synthetic: draws.map(() => true),
  };
}

/**
 * The county and progress columns of a synthetic province, without building tables: what
 * calibrateRegionProvince evaluates many times. Same draws as generateSyntheticProvince.
 */
export function generateProvinceColumns(options: SyntheticProvinceOptions = {}): { counties: CountyColumns; progress: CountyColumns } {
  const o = { ...SYNTHETIC_DEFAULTS, ...options };
  const cityCount = options.cityNames?.length ?? o.cities;
  const root = createRandom(o.seed);
  const rAttr = root.fork();
  const rFunds = root.fork();
  const rProgress = root.fork();
  const cityNames = options.cityNames ?? Array.from({ length: cityCount }, (_, i) => `合成市${String(i + 1).padStart(2, "0")}`);
  const draws = drawCounties(rAttr, o.counties, cityNames);
  const plan = { sources: options.sourcesWanYuan ?? HENAN_PLAN.sourcesWanYuan, equipment: options.equipmentWanYuan ?? HENAN_PLAN.equipmentWanYuan };
  const counties = buildCounties(draws, rFunds, o.zeroCountyInputCounties, rAttr, plan, options.cityWeights);
  return { counties, progress: buildProgressColumns(draws, rProgress, o.firstReport, o.lastReport, options.timing ?? NEUTRAL_TIMING) };
}

function buildProgressColumns(draws: CountyDraw[], r: Random, first: string, last: string, timing: ProgressTiming): CountyColumns {
  const dates = bimonthlyReportDates(first, last);
  const ts = dates.map((d) => monthsSinceStart(d));
  const cols: Record<string, unknown[]> = {
    county_id: [], county_name: [], city: [], as_of: [],
    start_rate: [], completion_rate: [], equipment_rate: [], funds_rate: [], synthetic: [],
  };
  for (const d of draws) {
    // County speed: province-wide start midpoint ≈ month 24 (end 2015), completion ≈ 8 months later,
    // equipment and funds earlier; chosen so the synthetic province passes through the seed's
    // published orders of magnitude (Sanmenxia Oct 2016: start 86%, completion 60%).
    const speed = lognormal(r, 1, 0.25);
    const delay = 5 * r.normal();
    const { shift: sh, speed: sp } = timing;
    const cityBuilding = timing.cityShift?.building?.[d.cityIndex] ?? 0;
    const cityEquip = timing.cityShift?.equipment?.[d.cityIndex] ?? 0;
    // A faster region also moves its counties closer together in time (a push with a national
    // deadline, like 新疆 in 2017): speed divides the county delays as well as multiplying slopes.
    // With the neutral timing every expression evaluates exactly as the 河南 generator's did.
    const t0Start = 24 + sh.start_rate + cityBuilding + delay / sp.start_rate;
    const lag = 2.5 * Math.abs(r.normal());
    const t0DoneBase = sp.completion_rate === 1 ? t0Start + 7 + lag : t0Start + (7 + lag) / sp.completion_rate;
    const t0Done = t0DoneBase - sh.start_rate + sh.completion_rate;
    const t0Equip = 22 + sh.equipment_rate + cityEquip + delay / sp.equipment_rate + (3 * r.normal()) / sp.equipment_rate;
    const t0Funds = 18 + sh.funds_rate + (0.7 * delay) / sp.funds_rate + (2 * r.normal()) / sp.funds_rate;
    const k = 0.2 * speed;
    const capBuilding = timing.cityCap?.building?.[d.cityIndex] ?? 1;
    const capStart = (r.uniform() < 0.08 ? 1 + 0.4 * r.uniform() : 1) * capBuilding;
    const capDone = capStart > capBuilding ? capBuilding + (capStart - capBuilding) * r.uniform() : capBuilding;
    const capEquip = (r.uniform() < 0.1 ? 1 + 0.3 * r.uniform() : 1) * (timing.cityCap?.equipment?.[d.cityIndex] ?? 1);
    const capFunds = r.uniform() < 0.05 ? 1 + 0.05 * r.uniform() : 1;
    // A stall freezes a county for 4–10 months (land, approvals, winter), shifting the rest of its curve.
    const stallAt = r.uniform() < 0.2 ? 14 + 30 * r.uniform() : Infinity;
    const stallLen = 4 + 6 * r.uniform();
    // Stalls shorten in a faster region (same factor as its curves; exactly the 河南 stall when neutral).
    const stallSpan = stallLen / Math.max(sp.start_rate, sp.completion_rate, sp.equipment_rate);
    const clock = (t: number) => (t < stallAt ? t : Math.max(stallAt, t - stallSpan));
    // Reporting gaps: some counties start reporting late, some skip reports.
    const firstReportT = r.uniform() < 0.08 ? 20 + 12 * r.uniform() : -Infinity;
    const skip = r.uniform() < 0.15 ? 0.25 : 0.02;
    const noise = 0.01 * lognormal(r, 1, 0.4);
    const prev = { s: 0, c: 0, e: 0, f: 0 };
    ts.forEach((t, j) => {
      const skipThis = r.uniform() < skip;
      const eps = () => noise * r.normal();
      const tc = clock(t);
      // Reported rates are cumulative: never below the previous report, never negative.
      // Noise cannot carry a county past its own ceiling: only the over-delivering ones exceed 100%.
      const s = Math.max(prev.s, Math.min(capStart, capStart * logistic(tc, k * sp.start_rate, t0Start) + eps()), 0);
      const c = Math.max(prev.c, Math.min(capDone, s, capDone * logistic(tc, k * 0.9 * sp.completion_rate, t0Done) + eps()), 0);
      const e = Math.max(prev.e, Math.min(capEquip, capEquip * logistic(tc, k * 1.2 * sp.equipment_rate, t0Equip) + eps()), 0);
      const f = Math.max(prev.f, Math.min(capFunds, logistic(t, 0.25 * speed * sp.funds_rate, t0Funds) + eps()), 0);
      Object.assign(prev, { s, c, e, f });
      if (t < firstReportT || (skipThis && j > 0 && j < ts.length - 1)) return;
      cols.county_id.push(d.id);
      cols.county_name.push(d.name);
      cols.city.push(d.city);
      cols.as_of.push(dates[j]);
      cols.start_rate.push(round4(s));
      cols.completion_rate.push(round4(c));
      cols.equipment_rate.push(round4(e));
      cols.funds_rate.push(round4(f));
      cols.synthetic.push(true);
    });
  }
  return cols;
}

const AREAS = ["urban", "town", "rural"] as const;
const LEVELS = [
  { level: "primary", share: 0.66, standard: 45 },
  { level: "junior", share: 0.34, standard: 50 },
] as const;

function buildEnrolment(draws: CountyDraw[], r: Random, year: number): ColumnTable {
  const cols: Record<string, unknown[]> = {
    county_id: [], year: [], area: [], level: [], pupils: [], classes: [], classrooms: [],
    classes_56_plus: [], classes_66_plus: [], synthetic: [],
  };
  // Mean class size by area relative to the standard: crowded towns and cities, small rural classes.
  const crowding = { urban: 1.18, town: 1.12, rural: 0.82 } as const;
  for (const d of draws) {
    const areaShare = { urban: d.urbanShare, town: d.townShare, rural: 1 - d.urbanShare - d.townShare };
    for (const lv of LEVELS) {
      for (const area of AREAS) {
        const pupils = Math.round(d.pupils * lv.share * areaShare[area]);
        const mean = lv.standard * crowding[area] * lognormal(r, 1, 0.08);
        const classes = Math.max(1, Math.round(pupils / mean));
        const sd = 0.22 * mean;
        // Share of classes at or above a size if class sizes spread normally around the mean.
        const tail = (x: number) => 0.5 * (1 - errorFunction((x - 0.5 - mean) / (sd * Math.SQRT2)));
        const big = Math.round(classes * tail(56));
        const huge = Math.min(big, Math.round(classes * tail(66)));
        cols.county_id.push(d.id);
        cols.year.push(year);
        cols.area.push(area);
        cols.level.push(lv.level);
        cols.pupils.push(pupils);
        cols.classes.push(classes);
        cols.classrooms.push(Math.max(1, Math.round(classes * (area === "rural" ? 1.05 : 0.97))));
        cols.classes_56_plus.push(big);
        cols.classes_66_plus.push(huge);
        cols.synthetic.push(true);
      }
    }
  }
  return aq.table(cols);
}
