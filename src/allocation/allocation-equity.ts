import { equity, type EquityMeasures } from "./equity.js";
import { readUnitColumns, type CountyUnits } from "./read-unit-columns.js";
import { FEN_PER_YUAN } from "./units-columns.js";

/**
 * Equity of an allocation across pupils: per-pupil 元 weighted by pupils, fiscal neutrality against
 * `fiscalCapacityPerCapitaYuan` and the share of `fundingGapWanYuan` closed, when those columns are present.
 *
 * @param allocationFen whole or exact fen per county, in the order of `units`
 * @param units the county units the allocation was made for (needs `pupils`)
 * @returns `equity` measures of allocation per pupil in 元
 * @throws DataValidationError when pupils are missing or invalid; RangeError from `equity`
 * @example allocationEquity([100, 300], [{ countyId: "a", pupils: 1 }, { countyId: "b", pupils: 1 }]).mean // 2
 * @see equity
 */
export function allocationEquity(allocationFen: ArrayLike<number>, units: CountyUnits): EquityMeasures {
  const probe = readUnitColumns(units, [{ column: "pupils", kind: "number", min: 0, neededBy: "allocationEquity" }]);
  const pupils = probe.numbers.get("pupils")!;
  const optional = (column: string): Float64Array | undefined => {
    try {
      return readUnitColumns(units, [{ column, kind: "number", min: 0, exclusiveMin: column === "fiscalCapacityPerCapitaYuan", neededBy: "allocationEquity" }]).numbers.get(column);
    } catch {
      return undefined;
    }
  };
  const capacity = optional("fiscalCapacityPerCapitaYuan");
  const gapWanYuan = optional("fundingGapWanYuan");
  const perPupilYuan = Float64Array.from(pupils, (p, i) => (p > 0 ? allocationFen[i] / FEN_PER_YUAN / p : 0));
  return equity(perPupilYuan, {
    weights: pupils,
    ...(capacity ? { fiscalCapacity: capacity } : {}),
    ...(gapWanYuan ? { fundingGap: Float64Array.from(gapWanYuan, (g) => g * 10_000) } : {}),
  });
}
