import type { AllocationRow } from "./allocate.js";
import { countyQuartiles } from "./county-quartiles.js";
import { FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "./units-columns.js";

/** One county against the baseline. */
export interface BaselineChangeRow {
  countyId: string;
  countyName: string;
  /** City (省辖市) or region label, "" when the units carry none. */
  city: string;
  pupils: number;
  baselineFen: number;
  allocationFen: number;
  changeFen: number;
  changeWanYuan: number;
  /** Change per pupil, 元 (null without pupils). */
  changePerPupilYuan: number | null;
  /** Change as a share of the baseline (null when the baseline is 0). */
  changeShare: number | null;
  /** 1 = the quarter of counties with the lowest fiscal capacity per head (null without the column). */
  fiscalCapacityQuartile: 1 | 2 | 3 | 4 | null;
}

/** Gainers and losers in one group of counties (a city or a quartile). */
export interface BaselineGroupChange {
  group: string;
  counties: number;
  gainers: number;
  losers: number;
  unchanged: number;
  changeFen: number;
  /** Σ change ÷ Σ pupils of the group, 元 per pupil. */
  changePerPupilYuan: number | null;
}

/** Result of `compareWithBaseline`. */
export interface BaselineComparison {
  rows: BaselineChangeRow[];
  byCity: BaselineGroupChange[];
  byFiscalCapacityQuartile: BaselineGroupChange[];
  gainers: number;
  losers: number;
  baselineTotalFen: number;
  allocationTotalFen: number;
}

/**
 * Each county's allocation against a baseline (last year's allocation, or another rule's): the change in 万元 and
 * per pupil, and how many counties gain and lose in each city and each fiscal-capacity quartile — the winners and
 * losers table state finance simulators show beside a proposed formula.
 *
 * @param rows the allocation (`allocate(...).rows`)
 * @param baselineFen the baseline per county in the same order, fen
 * @param context per-county city labels and fiscal capacity per head (元), same order; either may be omitted
 * @returns per-county changes and gainers/losers by city and by fiscal-capacity quartile (1 = lowest capacity)
 * @throws RangeError when the baseline has another length than the rows
 * @example compareWithBaseline(result.rows, baseline).gainers // counties with more than their baseline
 * @see Education Funding Agency, NFF illustrative allocations (2017); state school-finance simulators
 */
export function compareWithBaseline(
  rows: readonly AllocationRow[],
  baselineFen: ArrayLike<number>,
  context: { city?: readonly string[]; fiscalCapacity?: ArrayLike<number> } = {},
): BaselineComparison {
  if (baselineFen.length !== rows.length) throw new RangeError(`compareWithBaseline requires one baseline per county, got ${baselineFen.length} for ${rows.length}`);
  const quartile = context.fiscalCapacity ? countyQuartiles(context.fiscalCapacity) : rows.map(() => null);
  const out: BaselineChangeRow[] = rows.map((r, i) => {
    const change = r.allocationFen - baselineFen[i];
    return {
      countyId: r.countyId,
      countyName: r.countyName,
      city: context.city?.[i] ?? "",
      pupils: r.pupils,
      baselineFen: baselineFen[i],
      allocationFen: r.allocationFen,
      changeFen: change,
      changeWanYuan: change / FEN_PER_WAN_YUAN,
      changePerPupilYuan: r.pupils > 0 ? change / FEN_PER_YUAN / r.pupils : null,
      changeShare: baselineFen[i] > 0 ? change / baselineFen[i] : null,
      fiscalCapacityQuartile: quartile[i],
    };
  });
  const group = (key: (r: BaselineChangeRow) => string | null): BaselineGroupChange[] => {
    const m = new Map<string, BaselineChangeRow[]>();
    for (const r of out) {
      const k = key(r);
      if (k === null) continue;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return [...m.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([g, list]) => {
        const pupils = list.reduce((s, r) => s + r.pupils, 0);
        const change = list.reduce((s, r) => s + r.changeFen, 0);
        return {
          group: g,
          counties: list.length,
          gainers: list.filter((r) => r.changeFen > 0).length,
          losers: list.filter((r) => r.changeFen < 0).length,
          unchanged: list.filter((r) => r.changeFen === 0).length,
          changeFen: change,
          changePerPupilYuan: pupils > 0 ? change / FEN_PER_YUAN / pupils : null,
        };
      });
  };
  return {
    rows: out,
    byCity: context.city ? group((r) => r.city) : [],
    byFiscalCapacityQuartile: group((r) => (r.fiscalCapacityQuartile === null ? null : `Q${r.fiscalCapacityQuartile}`)),
    gainers: out.filter((r) => r.changeFen > 0).length,
    losers: out.filter((r) => r.changeFen < 0).length,
    baselineTotalFen: out.reduce((s, r) => s + r.baselineFen, 0),
    allocationTotalFen: out.reduce((s, r) => s + r.allocationFen, 0),
  };
}
