/** Unit costs of removing big classes (money in 万元); see datasets/scenarios/costs/class-size-costs.json. */
export interface ClassSizeCosts {
  name: string;
  unit: string;
  /** Salary of one teacher for one year, 万元. */
  teacherSalaryWanYuanPerYear: number;
  /** Where the salary figure comes from: figure, page, quote and standing. */
  teacherSalarySource: { figure: string; source_url: string; quote: string; standing: string };
  /** Building cost, yuan per m². */
  yuanPerM2: number;
  /** Maintenance of a permanent classroom a year, share of its building cost. */
  maintenanceShareOfCapitalPerYear: number;
  /** Temporary capacity (rented or borrowed room, modular classroom), 万元 per classroom-year. */
  temporaryWanYuanPerClassroomYear: number;
  /** Years a school building stands. */
  buildingLifeYears: number;
  notes: string[];
}

/** Inputs of buildOrBridge: one area's classroom need through the turn and the unit costs. */
export interface BuildOrBridgeInput {
  /** Consecutive school years. */
  years: readonly number[];
  /** Classrooms beyond the base year's needed in each year to meet the target (aimed at the crowded schools), ≥ 0. */
  need: readonly number[];
  /** Year from which the need is met every year. */
  targetYear: number;
  /** First year of spending (capacity ramps up evenly to the target year); default the year after years[0]. */
  startYear?: number;
  /** Floor area of one classroom, m² (建标102-2002). */
  floorAreaPerClassroomM2: number;
  /** Teachers per added class (staffing standard). */
  teachersPerClass: number;
  costs: ClassSizeCosts;
  /** Years whose empty permanent classrooms are reported (default 2030 and 2035 where within the years). */
  strandedYears?: readonly number[];
}

/** The three ways of meeting the need. */
export type BuildPathName = "build" | "bridge" | "mixed";

/** One year of one path. */
export interface BuildPathYear {
  year: number;
  need: number;
  /** Permanent classrooms added so far (beyond the base year's). */
  permanent: number;
  /** Temporary classrooms in use this year. */
  temporary: number;
  /** Permanent classrooms standing empty (permanent − need, from the target year on). */
  stranded: number;
  /** Teachers for the added classes (one class per added room in use). */
  teachers: number;
  capitalWanYuan: number;
  maintenanceWanYuan: number;
  temporaryWanYuan: number;
  salaryWanYuan: number;
  totalWanYuan: number;
}

/** One path over the years. */
export interface BuildPath {
  path: BuildPathName;
  rows: BuildPathYear[];
  /** Permanent classrooms built in all. */
  built: number;
  /** Empty permanent classrooms and their building cost in the reported years. */
  stranded: { year: number; classrooms: number; capitalWanYuan: number }[];
  capitalWanYuan: number;
  maintenanceWanYuan: number;
  temporaryWanYuan: number;
  salaryWanYuan: number;
  /** All spending from startYear to the last year. */
  totalWanYuan: number;
  /** Building cost of permanent rooms still in use in the last year, not yet written off (straight line over the life). */
  residualWanYuan: number;
}

/**
 * Build or bridge: three ways of giving an area the classrooms its big classes need through the demographic turn,
 * year by year with their cost.
 *
 * - `build`: permanent classrooms only. Once built a room stays, so from the target year the stock is the largest
 *   need so far; when pupils fall it stands empty (stranded).
 * - `bridge`: temporary capacity only (rented or borrowed rooms, modular classrooms, pupils shifted to schools with
 *   room): each year exactly the need, paid by the classroom-year.
 * - `mixed`: build only the need that lasts to the last year (min of the need from each year on), bridge the peak
 *   above it: nothing stands empty within the horizon.
 *
 * Before the target year each path ramps up evenly from startYear. Every room in use hosts one class with its
 * teachers (the same in all paths: teachers follow classes, not buildings). Capital is paid in the year a room is
 * added: floor area × yuan/m².
 *
 * @param input years, need, target and start year, standards and unit costs; see {@link BuildOrBridgeInput}
 * @returns the three paths with rows, stranded rooms and totals
 * @throws {RangeError} buildOrBridge requires one need ≥ 0 per year, targetYear and startYear within the years (startYear ≤ targetYear), and positive unit costs
 * @example buildOrBridge({ years: [2024, 2025, 2026], need: [0, 10, 4], targetYear: 2025, startYear: 2025, floorAreaPerClassroomM2: 100, teachersPerClass: 2, costs }).find((p) => p.path === "build")!.rows[2].stranded // 6
 */
export function buildOrBridge(input: BuildOrBridgeInput): BuildPath[] {
  const { years, need, targetYear, costs } = input;
  const n = years.length;
  if (need.length !== n || need.some((x) => !(x >= 0) || !Number.isFinite(x))) {
    throw new RangeError(`buildOrBridge requires one need ≥ 0 per year, got ${need.length} values for ${n} years`);
  }
  const startYear = input.startYear ?? years[Math.min(1, n - 1)];
  const ti = years.indexOf(targetYear);
  const si = years.indexOf(startYear);
  if (ti < 0 || si < 0 || si > ti) {
    throw new RangeError(`buildOrBridge requires startYear ≤ targetYear within ${years[0]}–${years[n - 1]}, got ${startYear} and ${targetYear}`);
  }
  for (const [k, v] of [["floorAreaPerClassroomM2", input.floorAreaPerClassroomM2], ["teachersPerClass", input.teachersPerClass], ["yuanPerM2", costs.yuanPerM2], ["temporaryWanYuanPerClassroomYear", costs.temporaryWanYuanPerClassroomYear], ["teacherSalaryWanYuanPerYear", costs.teacherSalaryWanYuanPerYear], ["buildingLifeYears", costs.buildingLifeYears]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`buildOrBridge requires ${k} > 0, got ${v}`);
  }
  const roomCapital = (input.floorAreaPerClassroomM2 * costs.yuanPerM2) / 1e4;
  const ramp = (level: number, i: number) => (i < si ? 0 : (level * (i - si + 1)) / (ti - si + 1));

  // Permanent stock per path from the target year on.
  const buildStock = new Array<number>(n).fill(0);
  const floorStock = new Array<number>(n).fill(0);
  let peak = 0;
  for (let i = ti; i < n; i++) {
    peak = Math.max(peak, need[i]);
    buildStock[i] = peak;
  }
  let lasting = Infinity;
  for (let i = n - 1; i >= ti; i--) {
    lasting = Math.min(lasting, need[i]);
    floorStock[i] = lasting;
  }
  const strandedYears = input.strandedYears ?? [2030, 2035].filter((y) => y >= years[0] && y <= years[n - 1]);

  const run = (path: BuildPathName): BuildPath => {
    const rows: BuildPathYear[] = [];
    let before = 0;
    for (let i = 0; i < n; i++) {
      const inUse = i < ti ? ramp(need[ti], i) : need[i];
      const permanent = path === "bridge" ? 0 : i < ti ? ramp(path === "build" ? buildStock[ti] : floorStock[ti], i) : path === "build" ? buildStock[i] : floorStock[i];
      const temporary = Math.max(inUse - permanent, 0);
      const stranded = i >= ti ? Math.max(permanent - need[i], 0) : 0;
      const teachers = (permanent - stranded + temporary) * input.teachersPerClass;
      const capitalWanYuan = Math.max(permanent - before, 0) * roomCapital;
      before = Math.max(before, permanent);
      const maintenanceWanYuan = permanent * roomCapital * costs.maintenanceShareOfCapitalPerYear;
      const temporaryWanYuan = temporary * costs.temporaryWanYuanPerClassroomYear;
      const salaryWanYuan = teachers * costs.teacherSalaryWanYuanPerYear;
      rows.push({
        year: years[i], need: need[i], permanent, temporary, stranded, teachers, capitalWanYuan, maintenanceWanYuan, temporaryWanYuan, salaryWanYuan,
        totalWanYuan: capitalWanYuan + maintenanceWanYuan + temporaryWanYuan + salaryWanYuan,
      });
    }
    const sum = (k: keyof BuildPathYear) => rows.reduce((s, r) => s + (r[k] as number), 0);
    // Rooms still in use at the end keep (life − age)/life of their cost; age from the year each was added.
    let residual = 0;
    const last = rows[n - 1];
    let inUseLeft = Math.max(last.permanent - last.stranded, 0);
    for (let i = n - 1; i >= 0 && inUseLeft > 0; i--) {
      const added = rows[i].capitalWanYuan / roomCapital;
      const take = Math.min(added, inUseLeft);
      residual += take * roomCapital * Math.max(1 - (years[n - 1] - years[i]) / costs.buildingLifeYears, 0);
      inUseLeft -= take;
    }
    return {
      path,
      rows,
      built: before,
      stranded: strandedYears.map((y) => {
        const r = rows[years.indexOf(y)];
        return { year: y, classrooms: r.stranded, capitalWanYuan: r.stranded * roomCapital };
      }),
      capitalWanYuan: sum("capitalWanYuan"),
      maintenanceWanYuan: sum("maintenanceWanYuan"),
      temporaryWanYuan: sum("temporaryWanYuan"),
      salaryWanYuan: sum("salaryWanYuan"),
      totalWanYuan: sum("totalWanYuan"),
      residualWanYuan: residual,
    };
  };
  return (["build", "bridge", "mixed"] as const).map(run);
}
