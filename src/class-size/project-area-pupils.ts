import type { AreaFlowRates } from "./urbanization-flow-rates.js";
import type { Area } from "./types.js";

/** Pupils of one level by area and year, with the moves between areas. */
export interface AreaPupils {
  years: number[];
  /** Pupils in urban (城区) schools by year. */
  urban: number[];
  /** Pupils in town (镇区) schools by year. */
  town: number[];
  /** Pupils in rural (乡村) schools by year. */
  rural: number[];
  /** Pupils moved from rural to town schools during the year ending in years[i] (entry 0 is 0). */
  movedRuralToTown: number[];
  /** Pupils moved from rural to urban schools (entry 0 is 0). */
  movedRuralToUrban: number[];
  /** Pupils moved from town to urban schools (entry 0 is 0). */
  movedTownToUrban: number[];
}

/**
 * Split a level's projected pupils into urban, town and rural schools as urbanization moves them.
 *
 * Each year the previous year's pupils move between areas at the scenario's rates — every pupil who
 * leaves a rural school arrives in a town or urban school, none is lost — and the three areas then grow
 * or shrink together to the next year's cohort total (new entrants join with the current area mix).
 *
 * @param totals pupils of the level by year (from projectCohorts), ≥ 0, one per rates.years entry
 * @param baseShares area shares of pupils in the first year, each 0–1, summing to 1 (±1e-9)
 * @param rates annual pupil flow rates (from urbanizationFlowRates)
 * @returns pupils by area and year; urban + town + rural equals totals every year
 * @throws {RangeError} projectAreaPupils requires one total per year and base shares summing to 1
 * @example projectAreaPupils([100, 100], { urban: 0.3, town: 0.3, rural: 0.4 }, { years: [2014, 2015], ruralToTown: [0, 0.1], ruralToUrban: [0, 0.05], townToUrban: [0, 0] }).rural // [40, 34]
 * @see 国务院 《关于统筹推进县域内城乡义务教育一体化改革发展的若干意见》(国发〔2016〕40号)
 */
export function projectAreaPupils(
  totals: readonly number[],
  baseShares: Readonly<Record<Area, number>>,
  rates: AreaFlowRates,
): AreaPupils {
  const n = rates.years.length;
  if (totals.length !== n) {
    throw new RangeError(`projectAreaPupils requires one total per year, got ${totals.length} totals for ${n} years`);
  }
  if (totals.some((t) => !(t >= 0) || !Number.isFinite(t))) throw new RangeError("projectAreaPupils requires totals ≥ 0");
  const { urban: su, town: st, rural: sr } = baseShares;
  if ([su, st, sr].some((s) => !(s >= 0 && s <= 1)) || Math.abs(su + st + sr - 1) > 1e-9) {
    throw new RangeError(`projectAreaPupils requires base shares between 0 and 1 summing to 1, got ${su + st + sr}`);
  }
  const out: AreaPupils = {
    years: [...rates.years],
    urban: new Array<number>(n),
    town: new Array<number>(n),
    rural: new Array<number>(n),
    movedRuralToTown: new Array<number>(n).fill(0),
    movedRuralToUrban: new Array<number>(n).fill(0),
    movedTownToUrban: new Array<number>(n).fill(0),
  };
  let u = totals[0] * su;
  let t = totals[0] * st;
  let r = totals[0] * sr;
  out.urban[0] = u;
  out.town[0] = t;
  out.rural[0] = r;
  for (let i = 1; i < n; i++) {
    const rt = r * rates.ruralToTown[i];
    const ru = r * rates.ruralToUrban[i];
    const tu = t * rates.townToUrban[i];
    r = r - rt - ru;
    t = t + rt - tu;
    u = u + ru + tu;
    const before = totals[i - 1];
    const grow = before > 0 ? totals[i] / before : 0;
    if (before > 0) {
      u *= grow;
      t *= grow;
      r *= grow;
    } else {
      // An empty level restarts with the base mix.
      u = totals[i] * su;
      t = totals[i] * st;
      r = totals[i] * sr;
    }
    out.movedRuralToTown[i] = rt;
    out.movedRuralToUrban[i] = ru;
    out.movedTownToUrban[i] = tu;
    out.urban[i] = u;
    out.town[i] = t;
    out.rural[i] = r;
  }
  return out;
}
