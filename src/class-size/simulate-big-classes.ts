import { BIG_LOAD, VERY_BIG_LOAD } from "./crowding-rates.js";
import { normalCdfTable, TABLE_MIN, TABLE_STEPS_PER_UNIT } from "./normal-cdf-table.js";
import type { SimulationParameters } from "./draw-simulation-parameters.js";
import { standardNormalCdf } from "./standard-normal-cdf.js";
import { DEFAULT_MAX_Z, STANDARD_CLASS_SIZE, type Level } from "./types.js";
import { urbanizationFlowRates } from "./urbanization-flow-rates.js";
import type { UrbanizationScenario } from "./urbanization-scenario.js";

/**
 * Many units (counties) packed into flat arrays for the Monte Carlo simulation. Levels are indexed
 * primary 0, junior 1; areas urban 0, town 1, rural 2 (the order of LEVELS and AREAS); Y = years.length.
 */
export interface ClassSizeUnits {
  /** Number of units, ≥ 1. */
  unitCount: number;
  /** Consecutive school years; years[0] is the base year. */
  years: number[];
  /** Pupils of each unit and level by year under the central birth scenario, at [(u·2 + level)·Y + y]. */
  pupils: Float64Array;
  /**
   * The part of `pupils` born in years whose births are projected rather than observed, same layout; the
   * births draw scales this part (cohort projection is linear in births, so this is exact).
   */
  pupilsFromProjectedBirths: Float64Array;
  /** Base-year area shares of each unit and level, at [(u·2 + level)·3 + area], summing to 1 per unit and level. */
  areaShares: Float64Array;
  /** Effective classrooms (calibrated base plus planned additions) by cell and year, at [((u·2 + level)·3 + area)·Y + y]. */
  classrooms: Float64Array;
  /** Calibrated spread (log-sd) of each cell, at [(u·2 + level)·3 + area], 0.01–1.5. */
  spread: Float64Array;
}

/** Per-draw totals over all units, by level, area and year. */
export interface BigClassDraws {
  years: number[];
  /** Number of draws. */
  draws: number;
  /** 56+ classes at [((d·2 + level)·3 + area)·Y + y]. */
  big: Float64Array;
  /** 66+ classes, same layout. */
  veryBig: Float64Array;
  /** All classes, same layout. */
  classes: Float64Array;
  /** The parameters of each draw. */
  parameters: SimulationParameters;
}

/** Options of simulateBigClasses. */
export interface SimulateOptions {
  /** Truncation of the load distribution, log-sd above the median (default 3). */
  maxZ?: number;
  /** Standard class size by level (default 45 primary, 50 junior). */
  standardSize?: Readonly<Record<Level, number>>;
}

/** Check the packed arrays have the lengths their layout needs; name the first that does not. */
function checkUnits(units: ClassSizeUnits): void {
  const { unitCount: n, years } = units;
  const y = years.length;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`simulateBigClasses requires unitCount ≥ 1, got ${n}`);
  const expect: [keyof ClassSizeUnits, number][] = [
    ["pupils", n * 2 * y],
    ["pupilsFromProjectedBirths", n * 2 * y],
    ["areaShares", n * 6],
    ["classrooms", n * 6 * y],
    ["spread", n * 6],
  ];
  for (const [field, length] of expect) {
    const got = (units[field] as Float64Array).length;
    if (got !== length) throw new RangeError(`simulateBigClasses requires ${field} of length ${length}, got ${got}`);
  }
  for (let c = 0; c < n * 6; c++) {
    const s = units.spread[c];
    if (!(s >= 0.01 && s <= 1.5)) throw new RangeError(`simulateBigClasses requires spread between 0.01 and 1.5, got ${s} at cell ${c}`);
  }
}

/**
 * Monte Carlo simulation of big classes for many units (e.g. every county) at once.
 *
 * Each draw has its own urbanization speed, migrant schooling share and births factor (see
 * drawSimulationParameters). For each unit and level the area shares move by the draw's flow rates, pupils
 * are the central projection plus the births factor times the births-sensitive part, and each area's classes
 * follow from the crowding model at pupils ÷ classrooms. The class-size formulas are the closed forms of
 * classSizeDistribution with Φ read from a precomputed table (error < 3e-8 per classroom), on Float64Arrays
 * with no allocation per cell, so a national run (2,850 counties × 2 levels × 3 areas × 15 years × 1,000
 * draws) takes a few seconds.
 *
 * @param units packed units (see {@link ClassSizeUnits})
 * @param urbanization the central urbanization scenario that the draws scale
 * @param parameters per-draw speed, migrant schooling share and births factor
 * @param options truncation and standard sizes
 * @returns per-draw totals of 56+, 66+ and all classes by level, area and year
 * @throws {RangeError} simulateBigClasses requires packed arrays of the documented lengths and spreads in 0.01–1.5
 * @example simulateBigClasses(units, URBANIZATION_PRESETS.base, drawSimulationParameters({ draws: 100, random: createRandom(1), urbanization: URBANIZATION_PRESETS.base })).big.length // 100 × 6 × years
 * @see classSizeDistribution for the model; summarizeBigClassDraws for intervals
 */
export function simulateBigClasses(
  units: ClassSizeUnits,
  urbanization: UrbanizationScenario,
  parameters: SimulationParameters,
  options: SimulateOptions = {},
): BigClassDraws {
  checkUnits(units);
  const years = units.years;
  const Y = years.length;
  const U = units.unitCount;
  const D = parameters.speed.length;
  const maxZ = options.maxZ ?? DEFAULT_MAX_Z;
  const standard = options.standardSize ?? STANDARD_CLASS_SIZE;
  const table = normalCdfTable();
  const tableLast = table.length - 2;
  const phiZ = standardNormalCdf(maxZ);

  // Per-cell constants: with L = ln(mean load), a_t = (ln t + k1 − L)/σ where k1 = σ²/2 + ln(Φ(Z−σ)/Φ(Z)).
  const cells = U * 6;
  const invSigma = new Float64Array(cells);
  const sigmaOf = new Float64Array(cells);
  const cStd = new Float64Array(cells);
  const cBig = new Float64Array(cells);
  const cVeryBig = new Float64Array(cells);
  const invPhiZs = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    const sigma = units.spread[c];
    const phiZs = standardNormalCdf(maxZ - sigma);
    const k1 = (sigma * sigma) / 2 + Math.log(phiZs / phiZ);
    const level = ((c / 3) | 0) % 2;
    const s = level === 0 ? standard.primary : standard.junior;
    sigmaOf[c] = sigma;
    invSigma[c] = 1 / sigma;
    cStd[c] = Math.log(s) + k1;
    cBig[c] = Math.log(BIG_LOAD) + k1;
    cVeryBig[c] = Math.log(VERY_BIG_LOAD) + k1;
    invPhiZs[c] = 1 / phiZs;
  }
  const invS = [1 / standard.primary, 1 / standard.junior];
  const invPhiZ = 1 / phiZ;

  const big = new Float64Array(D * 6 * Y);
  const veryBig = new Float64Array(D * 6 * Y);
  const classes = new Float64Array(D * 6 * Y);
  // Pupils of each area (urban, town, rural blocks of Y) of the current unit and level by year.
  const areaPupils = new Float64Array(3 * Y);

  const pupilsArr = units.pupils;
  const projArr = units.pupilsFromProjectedBirths;
  const roomsArr = units.classrooms;
  const sharesArr = units.areaShares;
  const lo = TABLE_MIN;
  const steps = TABLE_STEPS_PER_UNIT;

  for (let d = 0; d < D; d++) {
    const rates = urbanizationFlowRates(urbanization, years, {
      speed: parameters.speed[d],
      migrantSchoolingShare: parameters.migrantSchoolingShare[d],
    });
    const rt = Float64Array.from(rates.ruralToTown);
    const ru = Float64Array.from(rates.ruralToUrban);
    const tu = Float64Array.from(rates.townToUrban);
    const birthsExtra = parameters.birthsFactor[d] - 1;
    for (let u = 0; u < U; u++) {
      for (let level = 0; level < 2; level++) {
        const ul = u * 2 + level;
        const pBase = ul * Y;
        let su = sharesArr[ul * 3];
        let st = sharesArr[ul * 3 + 1];
        let sr = sharesArr[ul * 3 + 2];
        for (let y = 0; y < Y; y++) {
          if (y > 0) {
            const moveRT = sr * rt[y];
            const moveRU = sr * ru[y];
            const moveTU = st * tu[y];
            sr -= moveRT + moveRU;
            st += moveRT - moveTU;
            su += moveRU + moveTU;
          }
          const t = pupilsArr[pBase + y] + birthsExtra * projArr[pBase + y];
          areaPupils[y] = su * t;
          areaPupils[Y + y] = st * t;
          areaPupils[2 * Y + y] = sr * t;
        }
        const inv = invS[level];
        for (let area = 0; area < 3; area++) {
          const pupilsBase = area * Y;
          const c = ul * 3 + area;
          const roomsBase = c * Y;
          const outBase = ((d * 2 + level) * 3 + area) * Y;
          const is = invSigma[c];
          const sigma = sigmaOf[c];
          const cs = cStd[c];
          const dBig = (cBig[c] - cs) * is;
          const dVery = (cVeryBig[c] - cs) * is;
          const ipz = invPhiZs[c];
          let prevLoad = 0;
          let prevL = 0;
          for (let y = 0; y < Y; y++) {
            const rooms = roomsArr[roomsBase + y];
            const pupils = areaPupils[pupilsBase + y];
            if (!(rooms > 0) || !(pupils > 0)) {
              prevLoad = 0;
              continue;
            }
            const load = pupils / rooms;
            // ln(load): loads change by a few percent a year, so the log is carried from the year before
            // with a 6-term log1p series (|g| < 0.04: error < g⁷/7 ≈ 2e-11), which is several times cheaper
            // than Math.log; big jumps (a plan's new school) fall back to Math.log.
            let L: number;
            const g = prevLoad > 0 ? load / prevLoad - 1 : 1;
            if (g < 0.04 && g > -0.04) {
              L = prevL + g * (1 - g * (0.5 - g * (1 / 3 - g * (0.25 - g * (0.2 - g * (1 / 6))))));
            } else {
              L = Math.log(load);
            }
            prevLoad = load;
            prevL = L;
            const aStd = (cs - L) * is;
            if (aStd >= maxZ) {
              // Every school fits within the standard size: classes = pupils ÷ standard, none big.
              classes[outBase + y] += pupils * inv;
              continue;
            }
            // Φ(aStd − σ) and Φ(aStd) by linear interpolation in the table.
            let x = (aStd - sigma - lo) * steps;
            let phiA = 0;
            if (x >= tableLast) phiA = 1;
            else if (x > 0) {
              const i = x | 0;
              phiA = table[i] + (x - i) * (table[i + 1] - table[i]);
            }
            x = (aStd - lo) * steps;
            let phiB = 0;
            if (x >= tableLast) phiB = 1;
            else if (x > 0) {
              const i = x | 0;
              phiB = table[i] + (x - i) * (table[i + 1] - table[i]);
            }
            classes[outBase + y] += rooms * (load * phiA * ipz * inv + (phiZ - phiB) * invPhiZ);
            const aBig = aStd + dBig;
            if (aBig < maxZ) {
              x = (aBig - lo) * steps;
              let phiC = 0;
              if (x >= tableLast) phiC = 1;
              else if (x > 0) {
                const i = x | 0;
                phiC = table[i] + (x - i) * (table[i + 1] - table[i]);
              }
              big[outBase + y] += rooms * (phiZ - phiC) * invPhiZ;
              const aVery = aStd + dVery;
              if (aVery < maxZ) {
                x = (aVery - lo) * steps;
                let phiD = 0;
                if (x >= tableLast) phiD = 1;
                else if (x > 0) {
                  const i = x | 0;
                  phiD = table[i] + (x - i) * (table[i + 1] - table[i]);
                }
                veryBig[outBase + y] += rooms * (phiZ - phiD) * invPhiZ;
              }
            }
          }
        }
      }
    }
  }
  return { years: [...years], draws: D, big, veryBig, classes, parameters };
}
