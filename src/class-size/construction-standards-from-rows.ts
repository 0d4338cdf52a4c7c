import type { ConstructionStandards } from "./construction-standards.js";
import { DEFAULT_CONSTRUCTION_STANDARDS } from "./construction-standards.js";
import type { Level } from "./types.js";

/** A row of datasets/real/standards.csv, as plain values (empty cells null or undefined). */
export interface StandardRow {
  standard: string;
  measure: string;
  level: string;
  area: string;
  table?: string | null;
  school_classes?: number | null;
  pupils_per_class?: number | null;
  term?: string | null;
  min_pupils?: number | null;
  building_area_m2?: number | null;
  building_area_m2_per_pupil?: number | null;
  source_url: string;
  source_title?: string;
}

/** Standards read from the curated table, with where each came from. */
export interface TableStandards {
  construction: ConstructionStandards;
  /** Standard class size by level, pupils (建标102-2002 第六条: 45 primary, 50 junior). */
  standardClassSize: Record<Level, number>;
  /** Smallest 大班额 and 超大班额 class sizes (56, 66) from the class-size bands. */
  bigClassSize: number;
  veryBigClassSize: number;
  /** School size (classes) whose table 4-1(1) row gave the floor area per class. */
  schoolClasses: number;
  /** Source address of each figure. */
  sources: { floorArea: string; classSize: string; bands: string };
}

/**
 * Floor area per classroom, standard class sizes and the 大班额 bands from the rows of standards.csv.
 *
 * Floor area per class is the whole-school building area of 建标102-2002 table 4-1(1) (basic indicators)
 * for a school of `schoolClasses` classes divided by that number of classes; floor area per pupil is the
 * table's per-pupil value. Teachers per class and the cost per m² are not in the table and keep the
 * documented assumptions of DEFAULT_CONSTRUCTION_STANDARDS.
 *
 * @param rows rows of datasets/real/standards.csv (loadBundledData().real.standards.objects())
 * @param schoolClasses school size to read, one of 12, 18, 24, 30 (default 24)
 * @returns the standards and their sources
 * @throws {RangeError} constructionStandardsFromRows requires table 4-1(1) rows for primary and junior at schoolClasses, urban class sizes and the 56/66 bands
 * @example constructionStandardsFromRows(rows).construction.floorAreaPerClassroomM2.primary // 242.1666… (5812 / 24)
 * @see 《城市普通中小学校校舍建设标准》(建标102-2002) 表4-1 and 第六条
 */
export function constructionStandardsFromRows(rows: readonly StandardRow[], schoolClasses = 24): TableStandards {
  const area = (level: Level) => {
    const r = rows.find((x) => x.measure === "building_area" && x.table === "4-1(1)" && x.level === level && x.school_classes === schoolClasses);
    if (!r || !(Number(r.building_area_m2) > 0)) {
      throw new RangeError(`constructionStandardsFromRows requires a table 4-1(1) building_area row for ${level} at ${schoolClasses} classes`);
    }
    return r;
  };
  const size = (level: Level) => {
    const r = rows.find((x) => x.measure === "class_size" && x.level === level && x.area === "urban" && x.term === "standard");
    if (!r || !(Number(r.pupils_per_class) > 0)) throw new RangeError(`constructionStandardsFromRows requires the urban standard class size for ${level}`);
    return r;
  };
  const band = (measure: string) => {
    const r = rows.find((x) => x.measure === measure);
    if (!r || !(Number(r.min_pupils) > 0)) throw new RangeError(`constructionStandardsFromRows requires the ${measure} row`);
    return r;
  };
  const p = area("primary");
  const j = area("junior");
  const big = band("class_size_band_big");
  const veryBig = band("class_size_band_super_big");
  return {
    construction: {
      floorAreaPerClassroomM2: { primary: Number(p.building_area_m2) / schoolClasses, junior: Number(j.building_area_m2) / schoolClasses },
      floorAreaPerPupilM2: { primary: Number(p.building_area_m2_per_pupil), junior: Number(j.building_area_m2_per_pupil) },
      teachersPerClass: { ...DEFAULT_CONSTRUCTION_STANDARDS.teachersPerClass },
      costYuanPerM2: DEFAULT_CONSTRUCTION_STANDARDS.costYuanPerM2,
    },
    standardClassSize: { primary: Number(size("primary").pupils_per_class), junior: Number(size("junior").pupils_per_class) },
    bigClassSize: Number(big.min_pupils),
    veryBigClassSize: Number(veryBig.min_pupils),
    schoolClasses,
    sources: { floorArea: p.source_url, classSize: size("primary").source_url, bands: big.source_url },
  };
}
