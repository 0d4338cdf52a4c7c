import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bigClassKernelAvailable } from "../../src/class-size/big-class-kernel.js";
import { drawSimulationParameters } from "../../src/class-size/draw-simulation-parameters.js";
import { packClassSizeUnits, type ClassSizeUnitInput } from "../../src/class-size/pack-class-size-units.js";
import { URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { simulateBigClasses, type BigClassDraws } from "../../src/class-size/simulate-big-classes.js";
import { createRandom } from "../../src/shared/random.js";

// The WebAssembly kernel against the scalar JavaScript kernel (the kernel every earlier figure came from, unchanged):
// same units, same draws. They differ only where ln is not carried by the log1p series (a cell's first year, big
// jumps): there the scalar kernel calls V8's Math.log, the WebAssembly one AssemblyScript's (musl); both are within
// an ulp of ln, so a total may move by a few ulps of its classes. Stated bound: 1e-13 of the cell-year's classes.
const years = Array.from({ length: 15 }, (_, i) => 2015 + i);

/** Counties in the bench's ranges, plus the edge cases the kernel branches on. */
function units(): ClassSizeUnitInput[] {
  const r = createRandom(17);
  const out: ClassSizeUnitInput[] = [];
  for (let u = 0; u < 24; u++) {
    const size = Math.exp(0.6 * r.normal());
    const primary0 = 30_000 * size;
    const junior0 = 15_000 * size;
    const urban = 0.15 + 0.25 * r.uniform();
    const town = 0.25 + 0.2 * r.uniform();
    const shares = { urban, town, rural: 1 - urban - town };
    const path = (base: number, peak: number) => years.map((y) => base * (1 + 0.015 * Math.min(y - 2015, peak - 2015) - 0.02 * Math.max(0, y - peak)));
    const pupils = { primary: path(primary0, 2021), junior: path(junior0, 2024) };
    const cell = (meanLoad: number) => ({ meanLoad, spread: 0.2 + 0.1 * r.uniform() });
    const calibration = {
      primary: { urban: cell(48 + 8 * r.uniform()), town: cell(46 + 8 * r.uniform()), rural: cell(28 + 6 * r.uniform()) },
      junior: { urban: cell(50 + 8 * r.uniform()), town: cell(48 + 8 * r.uniform()), rural: cell(35 + 6 * r.uniform()) },
    };
    // Unit 0: a new school in 2020 (a 40% jump in rooms: ln by Math.log, not the series); unit 1: crowded far beyond
    // the table (loads of 300+, Φ clamped); unit 2: every school within the standard (no Φ at all); unit 3: no
    // pupils in town (rooms but no load).
    const jump = u === 0 ? years.map((y) => (y === 2020 ? 400 : 0)) : years.map(() => 0);
    if (u === 1) calibration.primary.urban = { meanLoad: 300, spread: 0.3 };
    if (u === 2) for (const level of ["primary", "junior"] as const) for (const a of ["urban", "town", "rural"] as const) calibration[level][a] = { meanLoad: 20, spread: 0.1 };
    const areaShares = u === 3 ? { urban: 0.5, town: 0, rural: 0.5 } : shares;
    out.push({
      pupils,
      pupilsFromProjectedBirths: { primary: pupils.primary.map((p, i) => (years[i] >= 2026 ? (p * (years[i] - 2025)) / 6 : 0)), junior: years.map(() => 0) },
      areaShares: { primary: areaShares, junior: areaShares },
      calibration,
      classroomsAdded: {
        primary: { urban: jump, town: years.map((_, i) => (i === 0 ? 0 : 10)) },
        junior: { urban: years.map(() => 0), town: years.map(() => 0) },
      },
    });
  }
  return out;
}

function largestDifference(a: BigClassDraws, b: BigClassDraws): number {
  let worst = 0;
  for (const key of ["big", "veryBig", "classes"] as const) {
    for (let j = 0; j < a[key].length; j++) {
      const diff = Math.abs(a[key][j] - b[key][j]);
      worst = Math.max(worst, diff / Math.max(1, a.classes[j]));
    }
  }
  return worst;
}

describe("the WebAssembly kernel of simulateBigClasses", () => {
  const packed = packClassSizeUnits(units(), years);

  it("runs here (Node has WebAssembly SIMD), so the default exact run is the WebAssembly one", () => {
    expect(bigClassKernelAvailable()).toBe(true);
  });

  it.each([1, 2, 63, 64, 65, 131])("simulateBigClasses(24 counties, %i draws) matches the scalar kernel to 1e-13 of each cell-year's classes", (draws) => {
    const p = drawSimulationParameters({ draws, random: createRandom(2014 + draws), urbanization: URBANIZATION_PRESETS.base });
    const wasm = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p);
    const scalar = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p, { kernel: "scalar" });
    expect(wasm.big.length).toBe(draws * 6 * years.length);
    expect(largestDifference(scalar, wasm)).toBeLessThanOrEqual(1e-13);
    // Not trivially equal: the edge cases produce big classes, none and clamped ones.
    expect(scalar.big.some((v) => v > 0)).toBe(true);
    expect(scalar.veryBig.some((v) => v > 0)).toBe(true);
  });

  it("reproduces the scalar kernel's totals of commit d49c010 (before the WebAssembly kernel) on this run", () => {
    // 24 counties × 65 draws, seed 2079: sums over every draw, level, area and year, printed by the scalar kernel at
    // d49c010 (its src/ run by vite-node).
    const p = drawSimulationParameters({ draws: 65, random: createRandom(2079), urbanization: URBANIZATION_PRESETS.base });
    const wasm = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(wasm.big)).toBeCloseTo(GOLDEN.big, 6);
    expect(sum(wasm.veryBig)).toBeCloseTo(GOLDEN.veryBig, 6);
    expect(sum(wasm.classes)).toBeCloseTo(GOLDEN.classes, 6);
  });

  it("the embedded binary is a fresh compile of src/class-size/wasm/big-class-kernel.ts (npm run build:wasm)", async () => {
    // @ts-expect-error: a plain JavaScript build script
    const { generatedModule } = await import("../../scripts/build-wasm.js");
    const committed = readFileSync(new URL("../../src/class-size/big-class-kernel-wasm.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generatedModule("classSize"));
  }, 60_000);
});

const GOLDEN = { big: 5088235.184557303, veryBig: 2531140.245137693, classes: 22490729.03958886 };
