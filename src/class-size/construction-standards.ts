import type { Level } from "./types.js";

/** Per-class and per-pupil standards used to turn classrooms into floor area, teachers and money. */
export interface ConstructionStandards {
  /** School building floor area per class, m², by level (whole school: classrooms, labs, offices). */
  floorAreaPerClassroomM2: Readonly<Record<Level, number>>;
  /** School building floor area per pupil, m², by level. */
  floorAreaPerPupilM2: Readonly<Record<Level, number>>;
  /** Teachers needed per additional class, by level. */
  teachersPerClass: Readonly<Record<Level, number>>;
  /** Building cost, yuan per m² of floor area. */
  costYuanPerM2: number;
}

/**
 * Default construction standards, each with its source or marked as an assumption.
 *
 * - Floor area: 《城市普通中小学校校舍建设标准》(建标102-2002) table 4-1(1) basic indicators for a 24-class school:
 *   primary 5812 m² (5.4 m²/pupil), junior 7972 m² (6.7 m²/pupil), so 5812 / 24 = 242.2 and 7972 / 24 = 332.2 m²
 *   per class (standards.csv rows building_area_total_table4-1(1) and building_area_per_pupil_table4-1(1)).
 * - Teachers, ASSUMPTION: the 2014 unified staffing standard (中央编办发〔2014〕72号), pupil–teacher ratios
 *   1:19 primary and 1:13.5 junior, applied to a class at the standard size: 45 / 19 = 2.37 and 50 / 13.5 = 3.70
 *   teachers per class.
 * - Cost, ASSUMPTION: 2000 yuan/m². Seed 004 (中牟县): 49699万元 for 220323 m² with 7830万元 of equipment, i.e.
 *   (49699 − 7830) / 220323 ≈ 1900 yuan/m²; seed 001 (河南 plan): 213.47亿元 of building for about 600万 m²,
 *   about 3560 yuan/m² (includes sports grounds). Use the high value for a cost ceiling.
 *
 * @example DEFAULT_CONSTRUCTION_STANDARDS.floorAreaPerClassroomM2.primary // 242.16666666666666
 * @see /work/shared/realdata/bigclass/standards.csv; seeds 001 and 004
 */
export const DEFAULT_CONSTRUCTION_STANDARDS: ConstructionStandards = {
  floorAreaPerClassroomM2: { primary: 5812 / 24, junior: 7972 / 24 },
  floorAreaPerPupilM2: { primary: 5.4, junior: 6.7 },
  teachersPerClass: { primary: 45 / 19, junior: 50 / 13.5 },
  costYuanPerM2: 2000,
};
