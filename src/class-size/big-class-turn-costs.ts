import type { Random } from "../shared/random.js";
import type { BigClassOutlook } from "./big-class-outlook.js";
import { buildOrBridge, type BuildPath, type BuildPathName, type BuildPathYear, type ClassSizeCosts } from "./build-or-bridge.js";
import type { ConstructionStandards } from "./construction-standards.js";
import { financingGap, smallestFlatBudget, type FinancingGapRow } from "./financing-gap.js";
import { LEVELS, type Level } from "./types.js";

/** Inputs of bigClassTurnCosts. */
export interface BigClassTurnCostsInput {
  /** An outlook with needByGroup (and drawBigUrbanTown for intervals). */
  outlook: Pick<BigClassOutlook, "years" | "rows" | "needByGroup" | "drawBigUrbanTown">;
  /** Year from which no class of 56+ is left (the need is met every year from then on). */
  targetYear: number;
  /** First year of spending (default the year after the base year). */
  startYear?: number;
  standards: ConstructionStandards;
  costs: ClassSizeCosts;
  /** Annual budget, 万元 (one number or one per year); default the smallest flat budget at `probability`. */
  budgetWanYuan?: number | readonly number[];
  /** Probability with which the budget must pay for the cheapest path up to the target year (default 0.9). */
  probability?: number;
  /** Log-sd of the building cost per m² across draws (construction uncertainty; default 0.15, ASSUMPTION). */
  constructionLogSd?: number;
  /** Random stream for the construction draws (required with draws). */
  random?: Random;
}

/** One area (urban, town) and target (no 56+, no 66+): what the need does through the turn. */
export interface TurnNeedRow {
  area: "urban" | "town";
  target: "big" | "veryBig";
  atTarget: number;
  peak: number;
  peakYear: number;
  /** Need in 2030 and 2035 (where projected). */
  in2030: number | null;
  in2035: number | null;
  /** Empty permanent rooms on the build-only path in 2030 and 2035. */
  stranded2030: number | null;
  stranded2035: number | null;
}

/** A [low, median, high] interval (5%, 50%, 95%). */
export type Interval = [number, number, number];

/** Result of bigClassTurnCosts. */
export interface BigClassTurnCosts {
  years: number[];
  /** The three paths for no 56+ class, summed over levels and urban + town schools. */
  paths: BuildPath[];
  /** The same for no 66+ class. */
  pathsVeryBig: BuildPath[];
  needRows: TurnNeedRow[];
  /** The path with the lowest spending net of the residual building value. */
  cheapest: BuildPathName;
  budgetWanYuan: number[];
  /** Whether the budget came from the input (false: the smallest flat budget). */
  budgetGiven: boolean;
  financing: FinancingGapRow[];
  /** Smallest flat annual budget paying for the cheapest path to the target year with `probability`. */
  smallestBudgetWanYuan: number;
  probability: number;
  /** Monte Carlo intervals (5%, 50%, 95%), when the outlook has draws. */
  intervals?: {
    draws: number;
    /** Year (after the base year) with the most urban and town 56+ classes, and that number. */
    peakYear: Interval;
    peakBig: Interval;
    stranded2030: Interval | null;
    stranded2035: Interval | null;
    totalWanYuan: Interval;
  };
}

function quantiles(values: number[]): Interval {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  };
  return [q(0.05), q(0.5), q(0.95)];
}

function sumPaths(groups: BuildPath[][]): BuildPath[] {
  return groups[0].map((p0, k) => {
    const rows = p0.rows.map((r, i) => {
      const out = { ...r };
      for (const g of groups.slice(1)) {
        const o = g[k].rows[i];
        for (const key of ["need", "permanent", "temporary", "stranded", "teachers", "capitalWanYuan", "maintenanceWanYuan", "temporaryWanYuan", "salaryWanYuan", "totalWanYuan"] as const) out[key] += o[key];
      }
      return out as BuildPathYear;
    });
    const add = (key: "built" | "capitalWanYuan" | "maintenanceWanYuan" | "temporaryWanYuan" | "salaryWanYuan" | "totalWanYuan" | "residualWanYuan") => groups.reduce((s, g) => s + g[k][key], 0);
    return {
      path: p0.path,
      rows,
      built: add("built"),
      stranded: p0.stranded.map((st, j) => ({ year: st.year, classrooms: groups.reduce((s, g) => s + g[k].stranded[j].classrooms, 0), capitalWanYuan: groups.reduce((s, g) => s + g[k].stranded[j].capitalWanYuan, 0) })),
      capitalWanYuan: add("capitalWanYuan"),
      maintenanceWanYuan: add("maintenanceWanYuan"),
      temporaryWanYuan: add("temporaryWanYuan"),
      salaryWanYuan: add("salaryWanYuan"),
      totalWanYuan: add("totalWanYuan"),
      residualWanYuan: add("residualWanYuan"),
    };
  });
}

/**
 * Through the demographic turn: build or bridge for each level and area, the cheapest path, its running costs
 * against a budget, the smallest budget that pays for it by the target year with a stated probability, and Monte
 * Carlo intervals on the peak of big classes, the stranded classrooms and the cost.
 *
 * The Monte Carlo reuses the outlook's draws (births, urbanization speed, migrant schooling): a draw's classroom
 * need is the central need scaled each year by that draw's urban and town 56+ classes over the central
 * projection's (an approximation: the need is taken as proportional to the big classes), and its building cost
 * per m² by exp(constructionLogSd · z).
 *
 * @param input outlook, target and start year, standards, unit costs, budget, probability; see {@link BigClassTurnCostsInput}
 * @returns paths, need by area, financing gap, smallest budget and intervals
 * @throws {RangeError} bigClassTurnCosts requires targetYear within the outlook's years, and the errors of buildOrBridge
 * @example bigClassTurnCosts({ outlook, targetYear: 2020, standards: DEFAULT_CONSTRUCTION_STANDARDS, costs: CLASS_SIZE_COSTS }).cheapest // "mixed"
 */
export function bigClassTurnCosts(input: BigClassTurnCostsInput): BigClassTurnCosts {
  const { outlook, targetYear, standards, costs } = input;
  const years = outlook.years;
  const Y = years.length;
  if (!years.includes(targetYear) || targetYear === years[0]) {
    throw new RangeError(`bigClassTurnCosts requires targetYear after ${years[0]} and at most ${years[Y - 1]}, got ${targetYear}`);
  }
  const startYear = input.startYear ?? years[1];
  const probability = input.probability ?? 0.9;
  const series = (level: Level, area: "urban" | "town", key: "big" | "veryBig") => {
    const out = new Array<number>(Y).fill(0);
    for (const r of outlook.needByGroup) if (r.level === level && r.area === area) out[years.indexOf(r.year)] = r[key];
    return out;
  };
  const groups = LEVELS.flatMap((level) => (["urban", "town"] as const).map((area) => ({ level, area })));
  const run = (key: "big" | "veryBig", scale: (i: number) => number = () => 1, costFactor = 1) =>
    groups.map((g) =>
      buildOrBridge({
        years, need: series(g.level, g.area, key).map((x, i) => x * scale(i)), targetYear, startYear,
        floorAreaPerClassroomM2: standards.floorAreaPerClassroomM2[g.level], teachersPerClass: standards.teachersPerClass[g.level],
        costs: { ...costs, yuanPerM2: costs.yuanPerM2 * costFactor },
      }),
    );
  const byGroup = run("big");
  const byGroupVeryBig = run("veryBig");
  const paths = sumPaths(byGroup);
  const pathsVeryBig = sumPaths(byGroupVeryBig);
  const net = (p: BuildPath) => p.totalWanYuan - p.residualWanYuan;
  const cheapestIndex = paths.reduce((best, p, k) => (net(p) < net(paths[best]) ? k : best), 0);
  const cheapest = paths[cheapestIndex].path;

  const at = (arr: number[], y: number) => (years.includes(y) ? arr[years.indexOf(y)] : null);
  const needRows: TurnNeedRow[] = [];
  for (const area of ["urban", "town"] as const) {
    for (const [target, set] of [["big", byGroup], ["veryBig", byGroupVeryBig]] as const) {
      const idx = groups.map((g, k) => (g.area === area ? k : -1)).filter((k) => k >= 0);
      const need = years.map((_, i) => idx.reduce((s, k) => s + set[k][0].rows[i].need, 0));
      const stranded = years.map((_, i) => idx.reduce((s, k) => s + set[k][0].rows[i].stranded, 0));
      const ti = years.indexOf(targetYear);
      let peakI = ti;
      for (let i = ti; i < Y; i++) if (need[i] > need[peakI]) peakI = i;
      needRows.push({
        area, target, atTarget: need[ti], peak: need[peakI], peakYear: years[peakI],
        in2030: at(need, 2030), in2035: at(need, 2035), stranded2030: at(stranded, 2030), stranded2035: at(stranded, 2035),
      });
    }
  }

  // Central financing: the cheapest path against the budget.
  const cost = paths[cheapestIndex].rows.map((r) => r.totalWanYuan);
  const draws = outlook.drawBigUrbanTown;
  const central = years.map((y) => outlook.rows.find((r) => r.year === y && r.level === "all" && r.area === "urban+town")?.big ?? 0);
  let intervals: BigClassTurnCosts["intervals"];
  const costDraws: number[][] = [];
  if (draws && draws.length >= Y) {
    const D = Math.floor(draws.length / Y);
    const rnd = input.random;
    if (!rnd) throw new RangeError("bigClassTurnCosts requires random when the outlook has draws (construction cost draws)");
    const sd = input.constructionLogSd ?? 0.15;
    const peakYear: number[] = [];
    const peakBig: number[] = [];
    const s2030: number[] = [];
    const s2035: number[] = [];
    const total: number[] = [];
    for (let d = 0; d < D; d++) {
      // The peak of the projection: years after the base year (the base year is the observed table).
      let pk = Math.min(1, Y - 1);
      for (let i = pk + 1; i < Y; i++) if (draws[d * Y + i] > draws[d * Y + pk]) pk = i;
      peakYear.push(years[pk]);
      peakBig.push(draws[d * Y + pk]);
      const ratio = (i: number) => (central[i] > 0 ? draws[d * Y + i] / central[i] : 1);
      const p = sumPaths(run("big", ratio, Math.exp(sd * rnd.normal())));
      const build = p.find((x) => x.path === "build")!;
      const s30 = build.stranded.find((s) => s.year === 2030);
      const s35 = build.stranded.find((s) => s.year === 2035);
      if (s30) s2030.push(s30.classrooms);
      if (s35) s2035.push(s35.classrooms);
      const chosen = p[cheapestIndex];
      total.push(chosen.totalWanYuan);
      costDraws.push(chosen.rows.map((r) => r.totalWanYuan));
    }
    intervals = {
      draws: D,
      peakYear: quantiles(peakYear),
      peakBig: quantiles(peakBig),
      stranded2030: s2030.length ? quantiles(s2030) : null,
      stranded2035: s2035.length ? quantiles(s2035) : null,
      totalWanYuan: quantiles(total),
    };
  }
  const smallestBudgetWanYuan = smallestFlatBudget(years, costDraws.length ? costDraws : [cost], startYear, targetYear, probability);
  const budgetGiven = input.budgetWanYuan !== undefined;
  const budgetValue = input.budgetWanYuan ?? smallestBudgetWanYuan;
  const budgetWanYuan = years.map((y, i) => (y < startYear ? 0 : typeof budgetValue === "number" ? budgetValue : budgetValue[i]));
  return {
    years, paths, pathsVeryBig, needRows, cheapest, budgetWanYuan, budgetGiven,
    financing: financingGap(years, cost, budgetWanYuan), smallestBudgetWanYuan, probability, ...(intervals ? { intervals } : {}),
  };
}
