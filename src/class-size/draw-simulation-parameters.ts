import type { Random } from "../shared/random.js";
import type { UrbanizationScenario } from "./urbanization-scenario.js";

/** The uncertain inputs of each Monte Carlo draw. */
export interface SimulationParameters {
  /** Multiplier on every population flow rate (urbanization speed), > 0. */
  speed: Float64Array;
  /** Share of moving children who go to school where their parents move, 0–1. */
  migrantSchoolingShare: Float64Array;
  /** Multiplier on projected (not yet observed) births, > 0. */
  birthsFactor: Float64Array;
}

/** Options of drawSimulationParameters. */
export interface DrawOptions {
  /** Number of draws, 1–1,000,000. */
  draws: number;
  /** Seeded random stream (createRandom(seed)); the same seed gives the same draws. */
  random: Random;
  /** Central scenario; its migrantSchoolingShare is the centre of that draw. */
  urbanization: UrbanizationScenario;
  /** Log-sd of the speed multiplier, 0–2 (default 0.25: the slow and fast presets, ×0.69 and ×1.38, sit near the 7th and 90th percentiles). */
  speedLogSd?: number;
  /** Standard deviation of the migrant schooling share, 0–0.5 (default 0.05; draws are clipped to 0–1). */
  migrantShareSd?: number;
  /** Log-sd of the births multiplier, 0–1 (default 0.1: 2016–2019 births moved ±10% from year to year). */
  birthsLogSd?: number;
}

/**
 * Draw urbanization speed, migrant schooling share and a births factor for each Monte Carlo draw.
 *
 * Speed and births are lognormal around 1, the schooling share normal around the scenario's; every draw
 * applies to all units at once (a national shock), which is what makes national totals uncertain. Drawing
 * the parameters first lets a caller split the draws across worker threads and still get the same result.
 *
 * @param options number of draws, the seeded random stream and the spreads; see {@link DrawOptions}
 * @returns one value per draw of each parameter
 * @throws {RangeError} drawSimulationParameters requires draws between 1 and 1,000,000 and spreads in range
 * @example drawSimulationParameters({ draws: 3, random: createRandom(7), urbanization: URBANIZATION_PRESETS.base }).speed.length // 3
 * @see STYLE.md principle 4 (randomness is passed in)
 */
export function drawSimulationParameters(options: DrawOptions): SimulationParameters {
  const { draws, random, urbanization } = options;
  const speedLogSd = options.speedLogSd ?? 0.25;
  const shareSd = options.migrantShareSd ?? 0.05;
  const birthsLogSd = options.birthsLogSd ?? 0.1;
  if (!Number.isInteger(draws) || draws < 1 || draws > 1_000_000) {
    throw new RangeError(`drawSimulationParameters requires draws between 1 and 1000000, got ${draws}`);
  }
  if (!(speedLogSd >= 0 && speedLogSd <= 2)) throw new RangeError(`drawSimulationParameters requires speedLogSd between 0 and 2, got ${speedLogSd}`);
  if (!(shareSd >= 0 && shareSd <= 0.5)) throw new RangeError(`drawSimulationParameters requires migrantShareSd between 0 and 0.5, got ${shareSd}`);
  if (!(birthsLogSd >= 0 && birthsLogSd <= 1)) throw new RangeError(`drawSimulationParameters requires birthsLogSd between 0 and 1, got ${birthsLogSd}`);
  const speed = new Float64Array(draws);
  const share = new Float64Array(draws);
  const births = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    // Centred lognormals would shift the mean by e^{σ²/2}; the median 1 keeps the central scenario central.
    speed[d] = Math.exp(speedLogSd * random.normal());
    share[d] = Math.min(1, Math.max(0, urbanization.migrantSchoolingShare + shareSd * random.normal()));
    births[d] = Math.exp(birthsLogSd * random.normal());
  }
  return { speed, migrantSchoolingShare: share, birthsFactor: births };
}
