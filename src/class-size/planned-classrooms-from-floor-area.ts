import type { ConstructionStandards } from "./construction-standards.js";
import type { EnrolmentCell } from "./calibrate-enrolment-cell.js";

/** A unit's planned floor area (e.g. the 改薄 plan's school buildings), m². */
export interface PlannedFloorArea {
  unit: string;
  /** Planned school-building floor area, m², ≥ 0. */
  floorAreaM2: number;
}

/**
 * Classrooms that a unit's planned floor area adds to its urban and town schools.
 *
 * ASSUMPTION: the plan's floor area goes to areas in proportion to their pupils, and the urban and town part
 * is turned into classrooms with the whole-school floor area per class of 建标102-2002 table 4-1(1)
 * (primary 5812 m² / 24 classes, junior 7972 m² / 24), weighted by the unit's primary and junior pupils.
 * Rural schools' share is left out: it does not add big-class capacity.
 *
 * @param plans planned floor area per unit, m²
 * @param cells base-year enrolment cells (pupils by unit, level and area)
 * @param standards floor area per classroom by level, m² (constructionStandardsFromRows or the defaults)
 * @returns planned classrooms per unit (urban + town), ≥ 0; units without cells get none
 * @throws {RangeError} plannedClassroomsFromFloorArea requires floorAreaM2 ≥ 0, naming the unit
 * @example plannedClassroomsFromFloorArea([{ unit: "A", floorAreaM2: 24_216.7 }], [{ unit: "A", level: "primary", area: "urban", pupils: 100, classes: 2, classrooms: 2, big: 0, veryBig: 0 }], DEFAULT_CONSTRUCTION_STANDARDS)[0].classrooms // ≈ 100
 * @see datasets/real/standards.csv (建标102-2002 table 4-1(1)); datasets/synthetic/counties.csv planned_floor_area_m2
 */
export function plannedClassroomsFromFloorArea(
  plans: readonly PlannedFloorArea[],
  cells: readonly EnrolmentCell[],
  standards: ConstructionStandards,
): { unit: string; classrooms: number }[] {
  return plans.map((p) => {
    if (!(p.floorAreaM2 >= 0) || !Number.isFinite(p.floorAreaM2)) {
      throw new RangeError(`plannedClassroomsFromFloorArea requires floorAreaM2 ≥ 0, got ${p.floorAreaM2} for ${p.unit}`);
    }
    const own = cells.filter((c) => c.unit === p.unit);
    const total = own.reduce((s, c) => s + c.pupils, 0);
    if (total === 0) return { unit: p.unit, classrooms: 0 };
    let rooms = 0;
    for (const c of own) {
      if (c.area === "rural") continue;
      rooms += (p.floorAreaM2 * (c.pupils / total)) / standards.floorAreaPerClassroomM2[c.level];
    }
    return { unit: p.unit, classrooms: rooms };
  });
}
