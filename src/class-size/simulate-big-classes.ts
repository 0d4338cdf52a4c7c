import { runBigClassKernel } from "./big-class-kernel.js";
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
  /**
   * "exact" (default): every draw through the crowding model. "emulator": the model is run only at a
   * Chebyshev grid of the two numbers through which a draw acts (flow multiplier = speed × migrant schooling
   * share, and births factor), and each draw's totals are interpolated on that grid. Draws are national
   * shocks, so a county's outcome depends on nothing else; the totals are smooth in both numbers, so 12 × 6
   * nodes reproduce the exact totals to about 1e-5 relative (see test) at a small fraction of the cost when
   * draws are many. Used only when there are more draws than grid nodes.
   */
  method?: "exact" | "emulator";
  /** Grid nodes of the emulator: flow multiplier (default 12) and births factor (default 6), 2–64 each. */
  emulatorNodes?: { flow?: number; births?: number };
  /**
   * The exact kernel: "wasm" (default; WebAssembly SIMD, two draws per instruction) or "scalar" (plain
   * JavaScript, used anyway where WebAssembly is missing). Both give the same numbers to the bit (see test).
   */
  kernel?: "wasm" | "scalar";
}

/** Draws processed together in the innermost loop (see simulateBigClasses). */
const DRAW_BLOCK = 64;

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
 * with no allocation per cell. The kernel runs in WebAssembly with SIMD (big-class-kernel.ts, two draws per
 * instruction; the same numbers as the scalar JavaScript kernel to 1e-13 of a total's classes), about three times
 * as fast as the scalar one: a national run (2,850 counties × 2 levels × 3 areas × 15 years × 1,000 draws) takes
 * about 3 s of CPU, which the caller may split over workers (scripts/bench-class-size.js).
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
  const D = parameters.speed.length;
  const nFlow = options.emulatorNodes?.flow ?? 12;
  const nBirths = options.emulatorNodes?.births ?? 6;
  if (options.method === "emulator") {
    for (const [name, n] of [["flow", nFlow], ["births", nBirths]] as const) {
      if (!Number.isInteger(n) || n < 2 || n > 64) throw new RangeError(`simulateBigClasses requires emulatorNodes.${name} between 2 and 64, got ${n}`);
    }
  }
  if (options.method !== "emulator" || D <= nFlow * nBirths) {
    const { big, veryBig, classes } = simulateExact(units, urbanization, parameters, options);
    return { years: [...units.years], draws: D, big, veryBig, classes, parameters };
  }
  const grid = emulatorGrid(parameters, { flow: nFlow, births: nBirths });
  const atNodes = simulateExact(units, urbanization, grid.nodes, options);
  return interpolateEmulator({ years: [...units.years], draws: grid.nodes.speed.length, ...atNodes, parameters: grid.nodes }, grid, parameters);
}

/** The grid of the emulator: where the model runs, and how the draws map onto it. */
export interface EmulatorGrid {
  /** Flow multipliers κ = speed × migrant schooling share at the nodes (Chebyshev–Lobatto points over the draws' range). */
  flow: Float64Array;
  /** Births factors at the nodes. */
  births: Float64Array;
  /** The node parameters to run exactly (speed = κ, schooling share 1), flow-major: node i·births.length + j. */
  nodes: SimulationParameters;
}

/**
 * The emulator's grid for a set of draws: Chebyshev–Lobatto points over the range of the draws' flow
 * multiplier (speed × migrant schooling share) and births factor, and the parameters to run at them. Running
 * the nodes (possibly split across workers, like draws) and then interpolateEmulator gives what
 * simulateBigClasses(…, { method: "emulator" }) gives.
 *
 * @param parameters the draws
 * @param nodes grid nodes per dimension, 2–64 each (default 12 flow × 6 births)
 * @returns the grid and the node parameters
 * @throws {RangeError} emulatorGrid requires nodes between 2 and 64
 * @example emulatorGrid(drawSimulationParameters({ draws: 1000, random: createRandom(1), urbanization: URBANIZATION_PRESETS.base })).nodes.speed.length // 72
 * @see Berrut & Trefethen, "Barycentric Lagrange interpolation", SIAM Review 46 (2004)
 */
export function emulatorGrid(parameters: SimulationParameters, nodes: { flow?: number; births?: number } = {}): EmulatorGrid {
  const nFlow = nodes.flow ?? 12;
  const nBirths = nodes.births ?? 6;
  for (const [name, n] of [["flow", nFlow], ["births", nBirths]] as const) {
    if (!Number.isInteger(n) || n < 2 || n > 64) throw new RangeError(`emulatorGrid requires ${name} nodes between 2 and 64, got ${n}`);
  }
  const D = parameters.speed.length;
  const kappa = new Float64Array(D);
  for (let d = 0; d < D; d++) kappa[d] = parameters.speed[d] * parameters.migrantSchoolingShare[d];
  const flow = chebyshevGrid(kappa, nFlow);
  const births = chebyshevGrid(parameters.birthsFactor, nBirths);
  const G = flow.length * births.length;
  const nodeParameters: SimulationParameters = { speed: new Float64Array(G), migrantSchoolingShare: new Float64Array(G), birthsFactor: new Float64Array(G) };
  for (let i = 0; i < flow.length; i++) {
    for (let j = 0; j < births.length; j++) {
      nodeParameters.speed[i * births.length + j] = flow[i];
      nodeParameters.migrantSchoolingShare[i * births.length + j] = 1;
      nodeParameters.birthsFactor[i * births.length + j] = births[j];
    }
  }
  return { flow, births, nodes: nodeParameters };
}

/**
 * Each draw's totals interpolated from the model run at the emulator's nodes (barycentric Chebyshev
 * interpolation in the flow multiplier and the births factor).
 *
 * @param atNodes simulateBigClasses(units, scenario, grid.nodes) (exact), nodes in grid order
 * @param grid emulatorGrid(parameters)
 * @param parameters the draws the grid was built for
 * @returns per-draw totals in the layout of simulateBigClasses
 * @throws {RangeError} interpolateEmulator requires one run per grid node
 * @example interpolateEmulator(simulateBigClasses(units, scenario, grid.nodes), grid, parameters).draws // parameters.speed.length
 */
export function interpolateEmulator(atNodes: BigClassDraws, grid: EmulatorGrid, parameters: SimulationParameters): BigClassDraws {
  const nF = grid.flow.length;
  const nB = grid.births.length;
  const cellYears = 6 * atNodes.years.length;
  if (atNodes.big.length !== nF * nB * cellYears) {
    throw new RangeError(`interpolateEmulator requires one run per grid node (${nF * nB}), got ${atNodes.big.length / cellYears}`);
  }
  const D = parameters.speed.length;
  const big = new Float64Array(D * cellYears);
  const veryBig = new Float64Array(D * cellYears);
  const classes = new Float64Array(D * cellYears);
  const wFlow = new Float64Array(nF);
  const wBirths = new Float64Array(nB);
  for (let d = 0; d < D; d++) {
    barycentricWeights(grid.flow, parameters.speed[d] * parameters.migrantSchoolingShare[d], wFlow);
    barycentricWeights(grid.births, parameters.birthsFactor[d], wBirths);
    const dst = d * cellYears;
    for (let i = 0; i < nF; i++) {
      for (let j = 0; j < nB; j++) {
        const w = wFlow[i] * wBirths[j];
        if (w === 0) continue;
        const src = (i * nB + j) * cellYears;
        for (let cy = 0; cy < cellYears; cy++) {
          big[dst + cy] += w * atNodes.big[src + cy];
          veryBig[dst + cy] += w * atNodes.veryBig[src + cy];
          classes[dst + cy] += w * atNodes.classes[src + cy];
        }
      }
    }
  }
  return { years: [...atNodes.years], draws: D, big, veryBig, classes, parameters };
}

/** Chebyshev–Lobatto points spanning the values (a single point when they are all equal). */
function chebyshevGrid(values: Float64Array, n: number): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi - lo > 1e-12 * Math.max(1, Math.abs(hi)))) return Float64Array.of(lo);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = (lo + hi) / 2 + ((hi - lo) / 2) * Math.cos((Math.PI * j) / (n - 1));
  return out;
}

/** Weights of the barycentric interpolant through Chebyshev–Lobatto points at x (Berrut & Trefethen 2004). */
function barycentricWeights(grid: Float64Array, x: number, out: Float64Array): void {
  const n = grid.length;
  if (n === 1) {
    out[0] = 1;
    return;
  }
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const diff = x - grid[j];
    if (diff === 0) {
      out.fill(0);
      out[j] = 1;
      return;
    }
    const w = (j % 2 === 0 ? 1 : -1) * (j === 0 || j === n - 1 ? 0.5 : 1);
    out[j] = w / diff;
    sum += out[j];
  }
  for (let j = 0; j < n; j++) out[j] /= sum;
}

/** The crowding model for every draw (the "exact" method). */
function simulateExact(
  units: ClassSizeUnits,
  urbanization: UrbanizationScenario,
  parameters: SimulationParameters,
  options: SimulateOptions,
): { big: Float64Array; veryBig: Float64Array; classes: Float64Array } {
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

  // Flow rates of every draw at [d·Y + y], computed once per draw.
  const rtAll = new Float64Array(D * Y);
  const ruAll = new Float64Array(D * Y);
  const tuAll = new Float64Array(D * Y);
  const birthsExtra = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    const rates = urbanizationFlowRates(urbanization, years, {
      speed: parameters.speed[d],
      migrantSchoolingShare: parameters.migrantSchoolingShare[d],
    });
    rtAll.set(rates.ruralToTown, d * Y);
    ruAll.set(rates.ruralToUrban, d * Y);
    tuAll.set(rates.townToUrban, d * Y);
    birthsExtra[d] = parameters.birthsFactor[d] - 1;
  }

  if (options.kernel !== "scalar") {
    const dBig = new Float64Array(cells);
    const dVery = new Float64Array(cells);
    for (let c = 0; c < cells; c++) {
      dBig[c] = (cBig[c] - cStd[c]) * invSigma[c];
      dVery[c] = (cVeryBig[c] - cStd[c]) * invSigma[c];
    }
    const wasm = runBigClassKernel({
      unitCount: U, years: Y, draws: D, block: Math.min(DRAW_BLOCK, D + (D % 2)),
      pupils: units.pupils, projected: units.pupilsFromProjectedBirths, shares: units.areaShares, rooms: units.classrooms,
      invSigma, sigma: sigmaOf, cStd, dBig, dVery, invPhiZs, rt: rtAll, ru: ruAll, tu: tuAll, birthsExtra, table,
      maxZ, phiZ, invStandard: [invS[0], invS[1]], tableMin: TABLE_MIN, tableStepsPerUnit: TABLE_STEPS_PER_UNIT, tableLast,
    });
    if (wasm) return wasm;
  }

  const big = new Float64Array(D * 6 * Y);
  const veryBig = new Float64Array(D * 6 * Y);
  const classes = new Float64Array(D * 6 * Y);

  // Loop order: draws are processed in blocks of B and are the innermost loop, so the constants of a cell
  // and year stay in registers while B draws run through it, and the block's accumulators
  // (6·Y·B values of each output, about 140 kB for B = 64) stay in cache while the units stream past once
  // per block. Each draw's arithmetic is the same whatever the block, so splitting draws changes nothing.
  const B = Math.min(DRAW_BLOCK, D);
  const su = new Float64Array(B);
  const st = new Float64Array(B);
  const sr = new Float64Array(B);
  const tot = new Float64Array(B);
  // Previous year's load and its log per area and draw, for the log1p step.
  const prevLoad = new Float64Array(3 * B);
  const prevL = new Float64Array(3 * B);
  const cellYears = 6 * Y;
  const accBig = new Float64Array(cellYears * B);
  const accVeryBig = new Float64Array(cellYears * B);
  const accClasses = new Float64Array(cellYears * B);

  const pupilsArr = units.pupils;
  const projArr = units.pupilsFromProjectedBirths;
  const roomsArr = units.classrooms;
  const sharesArr = units.areaShares;
  const lo = TABLE_MIN;
  const steps = TABLE_STEPS_PER_UNIT;

  for (let d0 = 0; d0 < D; d0 += B) {
    const nb = Math.min(B, D - d0);
    accBig.fill(0);
    accVeryBig.fill(0);
    accClasses.fill(0);
    for (let u = 0; u < U; u++) {
      for (let level = 0; level < 2; level++) {
        const ul = u * 2 + level;
        const pBase = ul * Y;
        const su0 = sharesArr[ul * 3];
        const st0 = sharesArr[ul * 3 + 1];
        const sr0 = sharesArr[ul * 3 + 2];
        for (let k = 0; k < nb; k++) {
          su[k] = su0;
          st[k] = st0;
          sr[k] = sr0;
        }
        prevLoad.fill(0);
        const inv = invS[level];
        for (let y = 0; y < Y; y++) {
          if (y > 0) {
            for (let k = 0; k < nb; k++) {
              const r = (d0 + k) * Y + y;
              const moveRT = sr[k] * rtAll[r];
              const moveRU = sr[k] * ruAll[r];
              const moveTU = st[k] * tuAll[r];
              sr[k] -= moveRT + moveRU;
              st[k] += moveRT - moveTU;
              su[k] += moveRU + moveTU;
            }
          }
          const p = pupilsArr[pBase + y];
          const q = projArr[pBase + y];
          for (let k = 0; k < nb; k++) tot[k] = p + birthsExtra[d0 + k] * q;
          for (let area = 0; area < 3; area++) {
            const c = ul * 3 + area;
            const share = area === 0 ? su : area === 1 ? st : sr;
            const pl = area * B;
            const rooms = roomsArr[c * Y + y];
            if (!(rooms > 0)) {
              for (let k = 0; k < nb; k++) prevLoad[pl + k] = 0;
              continue;
            }
            const invRooms = 1 / rooms;
            const is = invSigma[c];
            const sigma = sigmaOf[c];
            const cs = cStd[c];
            const dBig = (cBig[c] - cs) * is;
            const dVery = (cVeryBig[c] - cs) * is;
            const ipz = invPhiZs[c];
            const out = ((level * 3 + area) * Y + y) * B;
            for (let k = 0; k < nb; k++) {
              const pupils = share[k] * tot[k];
              if (!(pupils > 0)) {
                prevLoad[pl + k] = 0;
                continue;
              }
              const load = pupils * invRooms;
              // ln(load): loads change by a few percent a year, so the log is carried from the year before
              // with a 6-term log1p series (|g| < 0.04: error < g⁷/7 ≈ 2e-11), several times cheaper than
              // Math.log; big jumps (a plan's new school) fall back to Math.log.
              const before = prevLoad[pl + k];
              const g = before > 0 ? load / before - 1 : 1;
              const L =
                g < 0.04 && g > -0.04
                  ? prevL[pl + k] + g * (1 - g * (0.5 - g * (1 / 3 - g * (0.25 - g * (0.2 - g * (1 / 6))))))
                  : Math.log(load);
              prevLoad[pl + k] = load;
              prevL[pl + k] = L;
              const aStd = (cs - L) * is;
              if (aStd >= maxZ) {
                // Every school fits within the standard size: classes = pupils ÷ standard, none big.
                accClasses[out + k] += pupils * inv;
                continue;
              }
              // Φ by linear interpolation in the table, the argument clamped to its range (no branches).
              let x = (aStd - sigma - lo) * steps;
              x = x < 0 ? 0 : x > tableLast ? tableLast : x;
              let i = x | 0;
              const phiA = table[i] + (x - i) * (table[i + 1] - table[i]);
              x = (aStd - lo) * steps;
              x = x < 0 ? 0 : x > tableLast ? tableLast : x;
              i = x | 0;
              const phiB = table[i] + (x - i) * (table[i + 1] - table[i]);
              accClasses[out + k] += rooms * (load * phiA * ipz * inv + (phiZ - phiB) * invPhiZ);
              const aBig = aStd + dBig;
              if (aBig < maxZ) {
                x = (aBig - lo) * steps;
                x = x < 0 ? 0 : x > tableLast ? tableLast : x;
                i = x | 0;
                const phiC = table[i] + (x - i) * (table[i + 1] - table[i]);
                accBig[out + k] += rooms * (phiZ - phiC) * invPhiZ;
                const aVery = aStd + dVery;
                if (aVery < maxZ) {
                  x = (aVery - lo) * steps;
                  x = x < 0 ? 0 : x > tableLast ? tableLast : x;
                  i = x | 0;
                  const phiD = table[i] + (x - i) * (table[i + 1] - table[i]);
                  accVeryBig[out + k] += rooms * (phiZ - phiD) * invPhiZ;
                }
              }
            }
          }
        }
      }
    }
    // Scatter the block into the documented layout [((d·2 + level)·3 + area)·Y + y].
    for (let k = 0; k < nb; k++) {
      const dst = (d0 + k) * cellYears;
      for (let cy = 0; cy < cellYears; cy++) {
        big[dst + cy] = accBig[cy * B + k];
        veryBig[dst + cy] = accVeryBig[cy * B + k];
        classes[dst + cy] = accClasses[cy * B + k];
      }
    }
  }
  return { big, veryBig, classes };
}
