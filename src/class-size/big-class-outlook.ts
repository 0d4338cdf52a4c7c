import type { Random } from "../shared/random.js";
import type { BirthScenario } from "./birth-scenario.js";
import { birthsFromScenario } from "./births-from-scenario.js";
import { calibrateEnrolmentCell, type CalibratedCell, type EnrolmentCell } from "./calibrate-enrolment-cell.js";
import { DEFAULT_CONSTRUCTION_STANDARDS, type ConstructionStandards } from "./construction-standards.js";
import { targetedGapPerRoom } from "./crowding-rates.js";
import { drawSimulationParameters } from "./draw-simulation-parameters.js";
import { firstYearStayingBelow } from "./first-year-staying-below.js";
import { packClassSizeUnits, type ClassSizeUnitInput } from "./pack-class-size-units.js";
import { planBigClassRemoval, type BigClassRemovalRow, type BigClassRemovalTotals } from "./plan-big-class-removal.js";
import { projectAreaPupils } from "./project-area-pupils.js";
import { projectBigClasses, type ByLevelArea, type BigClassRow } from "./project-big-classes.js";
import { projectCohorts } from "./project-cohorts.js";
import { schoolYearBirths } from "./school-year-births.js";
import { simulateBigClasses } from "./simulate-big-classes.js";
import { summarizeBigClassDraws, type BigClassDrawSummary } from "./summarize-big-class-draws.js";
import { AREAS, LEVELS, STANDARD_CLASS_SIZE, type Area, type Level } from "./types.js";
import { urbanizationFlowRates } from "./urbanization-flow-rates.js";
import type { UrbanizationScenario } from "./urbanization-scenario.js";
import type { CountyCell } from "./compare-county-spread.js";

/** Inputs of bigClassOutlook: base-year cells of many units (counties) and the scenario. */
export interface BigClassOutlookInput {
  /** Base-year enrolment cells by unit, level and area (e.g. datasets/synthetic/enrolment.csv). */
  cells: readonly EnrolmentCell[];
  /** School year of the cells. */
  baseYear: number;
  /** Last school year projected, > baseYear. */
  lastYear: number;
  /** Births by year (national scenario; each unit's pupils follow its relative path). */
  births: BirthScenario;
  /**
   * Enter school by school-year cohort (born September to August, schoolYearBirths) instead of by calendar
   * year of birth (default false, the older behaviour).
   */
  schoolYearCohorts?: boolean;
  urbanization: UrbanizationScenario;
  /** Classrooms planned per unit for its urban and town schools, completed in equal parts over planYears. */
  plannedClassrooms?: readonly { unit: string; classrooms: number }[];
  /** School years in which planned classrooms are completed (default baseYear + 1 … baseYear + 3). */
  planYears?: readonly number[];
  /** Year by which the removal plan removes every 56+ class. */
  targetYear: number;
  /** Further target years whose plan totals are wanted (cost by target year). */
  compareTargetYears?: readonly number[];
  standards?: ConstructionStandards;
  standardClassSize?: Readonly<Record<Level, number>>;
  /**
   * Calibrated cells from an earlier outlook of the same cells (its `calibration`), to skip calibrating
   * again when only the scenario changes.
   */
  calibration?: BigClassOutlook["calibration"];
  /** Year whose per-cell pupils and effective classrooms are returned in `cellsAt` (for county spreads). */
  cellYear?: number;
  /**
   * Share of counties, 0–1, that hold every class at 65 (their would-be 66+ classes count as 56–65 ones), spread
   * evenly over the counties ranked by base-year 56+ share, as fitted to 广西's county counts (compareCountySpread
   * with mechanism "cap"), after the base year. Applies to the central rows and unit totals, not to the Monte Carlo draws. Default 0.
   */
  cappedShare?: number;
  /** Monte Carlo over speed, migrant schooling and births; omit for the central projection only. */
  monteCarlo?: { draws: number; random: Random };
}

/** One year of one level (or all) and area group, summed over units, central projection. */
export interface OutlookRow {
  year: number;
  level: Level | "all";
  area: Area | "urban+town";
  pupils: number;
  classrooms: number;
  classes: number;
  big: number;
  veryBig: number;
  bigShare: number;
  veryBigShare: number;
}

/** When a group's big classes go, central projection. */
export interface OutlookMilestone {
  level: Level | "all";
  area: Area | "urban+town";
  /** First year from which the 56+ share stays below 5%. */
  yearBelowLowShare: number | null;
  /** First year from which fewer than 0.5 classes of 56+ remain (summed over units). */
  yearBigGone: number | null;
  yearVeryBigGone: number | null;
}

/** Classrooms a year needs for no 56+ class (targeted), against those planned. */
export interface ClassroomGapRow {
  year: number;
  /** Classrooms beyond the base year's that the schools of that year need for no class of 56+ (targeted, cumulative). */
  neededClassrooms: number;
  /** Classrooms planned up to that year (cumulative). */
  plannedClassrooms: number;
  /** needed − planned (negative: the plan has more rooms than a targeted minimum needs). */
  gap: number;
}

/** One unit's totals in one year (urban, town and rural, both levels), for county spreads. */
export interface OutlookUnitRow {
  unit: string;
  year: number;
  classes: number;
  big: number;
  veryBig: number;
}

/** Result of bigClassOutlook. */
export interface BigClassOutlook {
  scenario: string;
  years: number[];
  rows: OutlookRow[];
  milestones: OutlookMilestone[];
  gap: ClassroomGapRow[];
  /** Removal plan for targetYear, summed over units, by year, level and area. */
  plan: { targetYear: number; rows: BigClassRemovalRow[]; totals: BigClassRemovalTotals };
  /** For each compared target year, what its plan builds up to and including that year (to remove big classes by then). */
  costByTargetYear: ({ targetYear: number } & BigClassRemovalTotals)[];
  units: OutlookUnitRow[];
  /** Per-cell state in input.cellYear (central projection), empty without it. */
  cellsAt: CountyCell[];
  /** Calibrated parameters per cell (unit, level, area). */
  calibration: (CalibratedCell & { unit: string; level: Level; area: Area })[];
  draws?: BigClassDrawSummary;
  /**
   * Classrooms beyond the base year's needed (aimed at the crowded schools, summed over units) for no 56+ class
   * (`big`) and for no 66+ class (`veryBig`), by year, level and area (urban, town).
   */
  needByGroup: { year: number; level: Level; area: "urban" | "town"; big: number; veryBig: number }[];
  /** Per draw, urban and town 56+ classes summed over levels: [d·Y + y] (with monteCarlo). */
  drawBigUrbanTown?: Float64Array;
}

const GROUPS: { level: Level | "all"; area: Area | "urban+town" }[] = (["primary", "junior", "all"] as const).flatMap((level) =>
  (["urban", "town", "urban+town"] as const).map((area) => ({ level, area })),
);

/**
 * Big classes of many units (the synthetic province's counties) year by year under an urbanization scenario
 * with the classrooms planned, what removing them by a target year takes, and Monte Carlo intervals.
 *
 * Each unit's cells are calibrated to their base-year 56+ and 66+ classes (calibrateEnrolmentCell); pupils
 * follow the national cohort projection of the birth scenario (each unit keeps its base-year size); the
 * urbanization scenario moves pupils from rural to town and urban schools; planned classrooms go to urban
 * and town cells in proportion to their pupils (spread like existing rooms, projectBigClasses). The removal
 * plan (planBigClassRemoval, targeted, 消化存量 + 控制增量) is computed per unit and summed.
 *
 * @param input cells, years, births, urbanization, plan and options; see {@link BigClassOutlookInput}
 * @returns central rows per year and group, milestones, classroom gap, removal plan, unit totals and draws
 * @throws {RangeError} bigClassOutlook requires lastYear > baseYear, targetYear within the years, and the
 *   errors of the functions it calls (naming unit, level and area)
 * @example bigClassOutlook({ cells, baseYear: 2015, lastYear: 2030, births: TWO_CHILD_BIRTHS, urbanization: URBANIZATION_PRESETS.base, targetYear: 2020 }).milestones
 * @see projectBigClasses, planBigClassRemoval, simulateBigClasses
 */
export function bigClassOutlook(input: BigClassOutlookInput): BigClassOutlook {
  const { baseYear, lastYear, targetYear } = input;
  if (!(Number.isInteger(baseYear) && Number.isInteger(lastYear) && lastYear > baseYear)) {
    throw new RangeError(`bigClassOutlook requires whole years with lastYear > baseYear, got ${baseYear}–${lastYear}`);
  }
  if (!(targetYear > baseYear && targetYear <= lastYear)) {
    throw new RangeError(`bigClassOutlook requires targetYear after ${baseYear} and at most ${lastYear}, got ${targetYear}`);
  }
  const standards = input.standards ?? DEFAULT_CONSTRUCTION_STANDARDS;
  const standardSize = input.standardClassSize ?? STANDARD_CLASS_SIZE;
  const years = Array.from({ length: lastYear - baseYear + 1 }, (_, i) => baseYear + i);
  const Y = years.length;
  const planYears = input.planYears ?? [baseYear + 1, baseYear + 2, baseYear + 3];

  // National pupils by level: central path and the part born in projected (not observed) years.
  const calendar = birthsFromScenario(input.births, baseYear - 15, lastYear - 6);
  const observed = Object.keys(input.births.observedBirths ?? {}).map(Number);
  const lastObserved = observed.length ? Math.max(...observed) : baseYear - 6;
  const calendarProjected = Object.fromEntries(Object.entries(calendar).map(([y, b]) => [y, Number(y) > lastObserved ? b : 0]));
  const toCohorts = (b: Record<number, number>) => (input.schoolYearCohorts ? schoolYearBirths(b, baseYear - 14, lastYear - 6) : b);
  const births = toCohorts(calendar);
  const cohorts = projectCohorts({ births, firstYear: baseYear, lastYear });
  const projectedOnly = toCohorts(calendarProjected);
  const fromProjected = projectCohorts({ births: projectedOnly, firstYear: baseYear, lastYear });
  const index = (level: Level, arr: number[]) => arr.map((p) => p / cohorts[level][0]);
  const nationalIndex = { primary: index("primary", cohorts.primary), junior: index("junior", cohorts.junior) };
  const projectedIndex = { primary: index("primary", fromProjected.primary), junior: index("junior", fromProjected.junior) };

  // Group cells by unit.
  const byUnit = new Map<string, Map<string, EnrolmentCell>>();
  for (const c of input.cells) {
    if (!byUnit.has(c.unit)) byUnit.set(c.unit, new Map());
    byUnit.get(c.unit)!.set(`${c.level}:${c.area}`, c);
  }
  const known = new Map((input.calibration ?? []).map((c) => [`${c.unit}:${c.level}:${c.area}`, c]));
  const planned = new Map((input.plannedClassrooms ?? []).map((p) => [p.unit, p.classrooms]));
  const rates = urbanizationFlowRates(input.urbanization, years);

  // Capped counties: evenly over the ranks by base-year 56+ share (county r is capped when ⌊(r+1)q⌋ steps up).
  const q = input.cappedShare ?? 0;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`bigClassOutlook requires cappedShare from 0 to 1, got ${q}`);
  const crowding = [...byUnit].map(([unit, cs]) => {
    let big = 0;
    let classes = 0;
    for (const c of cs.values()) {
      big += c.big;
      classes += c.classes;
    }
    return { unit, share: classes > 0 ? big / classes : 0 };
  }).sort((a, b) => a.share - b.share || (a.unit < b.unit ? -1 : 1));
  const cappedUnits = new Set(crowding.filter((_, r) => Math.floor((r + 1) * q + 1e-9) > Math.floor(r * q + 1e-9)).map((c) => c.unit));
  const acc = new Map<string, OutlookRow>();
  const add = (row: BigClassRow) => {
    for (const g of GROUPS) {
      if (g.level !== "all" && g.level !== row.level) continue;
      if (g.area !== "urban+town" && g.area !== row.area) continue;
      if (g.area === "urban+town" && row.area === "rural") continue;
      const key = `${g.level}:${g.area}:${row.year}`;
      const r = acc.get(key) ?? { year: row.year, level: g.level, area: g.area, pupils: 0, classrooms: 0, classes: 0, big: 0, veryBig: 0, bigShare: 0, veryBigShare: 0 };
      r.pupils += row.pupils;
      r.classrooms += row.classrooms;
      r.classes += row.classes;
      r.big += row.big;
      r.veryBig += row.veryBig;
      acc.set(key, r);
    }
  };
  const units: OutlookUnitRow[] = [];
  const cellsAt: CountyCell[] = [];
  const calibrationOut: BigClassOutlook["calibration"] = [];
  const unitInputs: ClassSizeUnitInput[] = [];
  const planRows = new Map<string, BigClassRemovalRow>();
  const planTotals: BigClassRemovalTotals = { stockClassrooms: 0, incrementClassrooms: 0, newClassrooms: 0, floorAreaM2: 0, teachers: 0, costWanYuan: 0 };
  const targets = [...new Set([...(input.compareTargetYears ?? []), targetYear])].filter((t) => t > baseYear && t <= lastYear).sort((a, b) => a - b);
  const costByTarget = new Map<number, BigClassRemovalTotals>(targets.map((t) => [t, { stockClassrooms: 0, incrementClassrooms: 0, newClassrooms: 0, floorAreaM2: 0, teachers: 0, costWanYuan: 0 }]));
  const needed = new Float64Array(Y);
  const needGroups = new Map(LEVELS.flatMap((level) => (["urban", "town"] as const).map((area) => [`${level}:${area}`, { level, area, big: new Float64Array(Y), veryBig: new Float64Array(Y) }] as const)));
  const plannedCum = new Float64Array(Y);

  for (const [unit, cells] of byUnit) {
    const cell = (level: Level, area: Area): EnrolmentCell =>
      cells.get(`${level}:${area}`) ?? { unit, level, area, pupils: 0, classes: 0, classrooms: 0, big: 0, veryBig: 0 };
    const calibration = {} as Record<Level, Record<Area, CalibratedCell>>;
    const pupils = {} as Record<Level, number[]>;
    const sensitive = {} as Record<Level, number[]>;
    const shares = {} as Record<Level, Record<Area, number>>;
    for (const level of LEVELS) {
      calibration[level] = {} as Record<Area, CalibratedCell>;
      const total = AREAS.reduce((s, a) => s + cell(level, a).pupils, 0);
      pupils[level] = nationalIndex[level].map((g) => total * g);
      sensitive[level] = projectedIndex[level].map((g) => total * g);
      shares[level] = {} as Record<Area, number>;
      for (const area of AREAS) {
        const c = known.get(`${unit}:${level}:${area}`) ?? { ...calibrateEnrolmentCell(cell(level, area), standardSize), unit, level, area };
        calibration[level][area] = c;
        calibrationOut.push(c);
        shares[level][area] = total > 0 ? cell(level, area).pupils / total : area === "rural" ? 1 : 0;
      }
    }
    // Planned classrooms: urban and town cells in proportion to their pupils, equal parts over planYears.
    const plannedTotal = planned.get(unit) ?? 0;
    const urbanTown = LEVELS.reduce((s, l) => s + cell(l, "urban").pupils + cell(l, "town").pupils, 0);
    const classroomsAdded: ByLevelArea<number[]> = {};
    for (const level of LEVELS) {
      classroomsAdded[level] = {};
      for (const area of ["urban", "town"] as const) {
        const part = urbanTown > 0 ? (plannedTotal * cell(level, area).pupils) / urbanTown : 0;
        classroomsAdded[level]![area] = years.map((y, i) => (i > 0 && planYears.includes(y) ? part / planYears.length : 0));
      }
    }
    years.forEach((y, i) => {
      if (i > 0 && planYears.includes(y)) for (let k = i; k < Y; k++) plannedCum[k] += plannedTotal / planYears.length;
    });

    const projection = projectBigClasses({
      years, pupils, baseAreaShares: shares, urbanization: input.urbanization, calibration, classroomsAdded,
    });
    const unitYear = new Map<number, OutlookUnitRow>();
    const capped = cappedUnits.has(unit);
    for (const row of projection.rows) {
      if (capped && row.year > baseYear) row.veryBig = 0; // the base year is the observed table
      add(row);
      if (row.year === input.cellYear) {
        const c = calibration[row.level][row.area];
        cellsAt.push({ unit, pupils: row.pupils, classrooms: row.classrooms, standardSize: c.standardSize, spread: c.spread, maxZ: c.maxZ });
      }
      const u = unitYear.get(row.year) ?? { unit, year: row.year, classes: 0, big: 0, veryBig: 0 };
      u.classes += row.classes;
      u.big += row.big;
      u.veryBig += row.veryBig;
      unitYear.set(row.year, u);
    }
    units.push(...unitYear.values());

    // Removal plan (urban and town), per unit.
    const areaPupils: ByLevelArea<number[]> = {};
    const planCalibration: ByLevelArea<CalibratedCell> = {};
    for (const level of LEVELS) {
      const ap = projectAreaPupils(pupils[level], shares[level], rates);
      areaPupils[level] = { urban: ap.urban, town: ap.town };
      planCalibration[level] = { urban: calibration[level].urban, town: calibration[level].town };
      for (const area of ["urban", "town"] as const) {
        const p = ap[area];
        const c = calibration[level][area];
        if (!(p[0] > 0)) continue;
        const rooms0 = p[0] / c.meanLoad;
        const group = needGroups.get(`${level}:${area}`)!;
        for (let i = 1; i < Y; i++) {
          const big = rooms0 * targetedGapPerRoom(c.meanLoad, p[i] / p[0], 55, c);
          needed[i] += big;
          group.big[i] += big;
          group.veryBig[i] += rooms0 * targetedGapPerRoom(c.meanLoad, p[i] / p[0], 65, c);
        }
      }
    }
    for (const t of targets) {
      const plan = planBigClassRemoval({ years, targetYear: t, pupils: areaPupils, calibration: planCalibration, standards });
      const tot = costByTarget.get(t)!;
      for (const r of plan.rows) {
        if (r.year > t) continue;
        tot.stockClassrooms += r.stockClassrooms;
        tot.incrementClassrooms += r.incrementClassrooms;
        tot.newClassrooms += r.newClassrooms;
        tot.floorAreaM2 += r.floorAreaM2;
        tot.teachers += r.teachers;
        tot.costWanYuan += r.costWanYuan;
      }
      if (t !== targetYear) continue;
      for (const k of Object.keys(planTotals) as (keyof BigClassRemovalTotals)[]) planTotals[k] += plan.totals[k];
      for (const r of plan.rows) {
        const key = `${r.year}:${r.level}:${r.area}`;
        const sum = planRows.get(key);
        if (!sum) planRows.set(key, { ...r });
        else {
          sum.stockClassrooms += r.stockClassrooms;
          sum.incrementClassrooms += r.incrementClassrooms;
          sum.newClassrooms += r.newClassrooms;
          sum.cumulativeClassrooms += r.cumulativeClassrooms;
          sum.floorAreaM2 += r.floorAreaM2;
          sum.teachers += r.teachers;
          sum.costWanYuan += r.costWanYuan;
        }
      }
    }
    unitInputs.push({
      pupils,
      pupilsFromProjectedBirths: sensitive,
      areaShares: shares,
      calibration,
      classroomsAdded,
    });
  }

  const rows = [...acc.values()].sort((a, b) => a.year - b.year);
  for (const r of rows) {
    r.bigShare = r.classes > 0 ? r.big / r.classes : 0;
    r.veryBigShare = r.classes > 0 ? r.veryBig / r.classes : 0;
  }
  const milestones = GROUPS.map((g): OutlookMilestone => {
    const series = rows.filter((r) => r.level === g.level && r.area === g.area);
    const ys = series.map((r) => r.year);
    return {
      ...g,
      yearBelowLowShare: firstYearStayingBelow(ys, series.map((r) => r.bigShare), 0.05),
      yearBigGone: firstYearStayingBelow(ys, series.map((r) => r.big), 0.5),
      yearVeryBigGone: firstYearStayingBelow(ys, series.map((r) => r.veryBig), 0.5),
    };
  });
  let draws: BigClassDrawSummary | undefined;
  let drawBigUrbanTown: Float64Array | undefined;
  if (input.monteCarlo) {
    const packed = packClassSizeUnits(unitInputs, years);
    const parameters = drawSimulationParameters({ draws: input.monteCarlo.draws, random: input.monteCarlo.random, urbanization: input.urbanization });
    const sim = simulateBigClasses(packed, input.urbanization, parameters, { standardSize, method: "emulator" });
    draws = summarizeBigClassDraws(sim);
    // Layout [((d·2 + level)·3 + area)·Y + y], areas urban, town, rural (AREAS order).
    drawBigUrbanTown = new Float64Array(sim.draws * Y);
    for (let d = 0; d < sim.draws; d++) {
      for (let l = 0; l < 2; l++) {
        for (let a = 0; a < 2; a++) {
          const off = ((d * 2 + l) * 3 + a) * Y;
          for (let y = 0; y < Y; y++) drawBigUrbanTown[d * Y + y] += sim.big[off + y];
        }
      }
    }
  }
  return {
    scenario: input.urbanization.name,
    years,
    rows,
    milestones,
    gap: years.map((year, i) => ({ year, neededClassrooms: needed[i], plannedClassrooms: plannedCum[i], gap: needed[i] - plannedCum[i] })),
    plan: { targetYear, rows: [...planRows.values()], totals: planTotals },
    costByTargetYear: targets.map((t) => ({ targetYear: t, ...costByTarget.get(t)! })),
    units,
    cellsAt,
    calibration: calibrationOut,
    ...(draws ? { draws } : {}),
    needByGroup: [...needGroups.values()].flatMap((g) => years.map((year, i) => ({ year, level: g.level, area: g.area, big: g.big[i], veryBig: g.veryBig[i] }))),
    ...(drawBigUrbanTown ? { drawBigUrbanTown } : {}),
  };
}
