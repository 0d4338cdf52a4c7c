import type { UrbanizationScenario } from "./urbanization-scenario.js";

/** Annual pupil flow rates between areas; entry i applies to the move from years[i − 1] to years[i]. */
export interface AreaFlowRates {
  /** School years of the projection. */
  years: number[];
  /** Share of rural pupils who move to town schools, per year, 0–1 (entry 0 is 0). */
  ruralToTown: number[];
  /** Share of rural pupils who move to urban schools, per year, 0–1 (entry 0 is 0). */
  ruralToUrban: number[];
  /** Share of town pupils who move to urban schools, per year, 0–1 (entry 0 is 0). */
  townToUrban: number[];
}

/** Adjustments applied on top of a scenario, as the Monte Carlo simulation draws them. */
export interface FlowRateOptions {
  /** Multiplier on every population flow rate (urbanization speed), ≥ 0 (default 1). */
  speed?: number;
  /** Replaces the scenario's migrantSchoolingShare, 0–1. */
  migrantSchoolingShare?: number;
}

/**
 * Annual pupil flow rates between rural, town and urban schools implied by an urbanization scenario.
 *
 * Pupil flows are population flows times the share of moving children who change school with their
 * parents. For a `rate-path` scenario the rural outflow of year t is (u_t − u_{t−1}) / (1 − u_{t−1}), the
 * share of rural residents who left (a falling rate gives no outflow: return flows are not modelled).
 *
 * @param scenario a validated urbanization scenario
 * @param years consecutive school years of the projection (at least 1)
 * @param options speed multiplier (≥ 0) and migrant schooling share override (0–1)
 * @returns flow rates per year, each 0–1
 * @throws {RangeError} urbanizationFlowRates requires consecutive years, a rate path covering them, and
 *   rural outflow rates that sum to at most 1 after the speed multiplier
 * @example urbanizationFlowRates({ kind: "flow-rates", name: "x", ruralToTownRate: 0.02, ruralToUrbanRate: 0.01, townToUrbanRate: 0.01, migrantSchoolingShare: 0.5 }, [2014, 2015]).ruralToTown // [0, 0.01]
 * @see demography.csv: urbanization_rate_resident 2015–2020, migrant_children and left_behind_children
 */
export function urbanizationFlowRates(
  scenario: UrbanizationScenario,
  years: readonly number[],
  options: FlowRateOptions = {},
): AreaFlowRates {
  const speed = options.speed ?? 1;
  const schooling = options.migrantSchoolingShare ?? scenario.migrantSchoolingShare;
  if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError(`urbanizationFlowRates requires speed ≥ 0, got ${speed}`);
  if (!(schooling >= 0 && schooling <= 1)) {
    throw new RangeError(`urbanizationFlowRates requires migrantSchoolingShare between 0 and 1, got ${schooling}`);
  }
  if (years.length === 0 || years.some((y, i) => !Number.isInteger(y) || (i > 0 && y !== years[i - 1] + 1))) {
    throw new RangeError("urbanizationFlowRates requires consecutive whole years");
  }
  const n = years.length;
  const rt = new Array<number>(n).fill(0);
  const ru = new Array<number>(n).fill(0);
  const tu = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) {
    let outRT: number;
    let outRU: number;
    if (scenario.kind === "flow-rates") {
      outRT = scenario.ruralToTownRate;
      outRU = scenario.ruralToUrbanRate;
    } else {
      const k = scenario.years.indexOf(years[i]);
      if (k < 1) {
        throw new RangeError(
          `urbanizationFlowRates requires urbanizationRate for every year from ${years[0]} to ${years[n - 1]}, missing ${k === 0 ? years[i] - 1 : years[i]}`,
        );
      }
      const before = scenario.urbanizationRate[k - 1];
      const out = before < 1 ? Math.max(scenario.urbanizationRate[k] - before, 0) / (1 - before) : 0;
      outRT = out * scenario.townShareOfArrivals;
      outRU = out * (1 - scenario.townShareOfArrivals);
    }
    if ((outRT + outRU) * speed > 1 || scenario.townToUrbanRate * speed > 1) {
      throw new RangeError(`urbanizationFlowRates requires flow rates ≤ 1 after speed ${speed}, in ${years[i]}`);
    }
    rt[i] = outRT * speed * schooling;
    ru[i] = outRU * speed * schooling;
    tu[i] = scenario.townToUrbanRate * speed * schooling;
  }
  return { years: [...years], ruralToTown: rt, ruralToUrban: ru, townToUrban: tu };
}
