import { describe, expect, it } from "vitest";
import { calibrateClassSize } from "../../src/class-size/calibrate-class-size.js";
import { drawSimulationParameters } from "../../src/class-size/draw-simulation-parameters.js";
import { packClassSizeUnits, type ClassSizeUnitInput } from "../../src/class-size/pack-class-size-units.js";
import { URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { emulatorGrid, interpolateEmulator, simulateBigClasses } from "../../src/class-size/simulate-big-classes.js";
import { createRandom } from "../../src/shared/random.js";

const years = Array.from({ length: 15 }, (_, i) => 2015 + i);
const r = createRandom(11);
const units: ClassSizeUnitInput[] = Array.from({ length: 60 }, () => {
  const size = Math.exp(0.5 * r.normal());
  const cell = (share: number, s: number) => ({ meanLoad: calibrateClassSize({ standardSize: s, bigShare: share }).meanLoad, spread: 0.2 + 0.1 * r.uniform() });
  const primary = years.map((_, i) => 30_000 * size * (1 + 0.01 * i));
  return {
    pupils: { primary, junior: primary.map((p) => p / 2) },
    pupilsFromProjectedBirths: { primary: years.map((y, i) => (y >= 2026 ? 0.1 * primary[i] : 0)), junior: years.map(() => 0) },
    areaShares: { primary: { urban: 0.3, town: 0.3, rural: 0.4 }, junior: { urban: 0.3, town: 0.35, rural: 0.35 } },
    calibration: {
      primary: { urban: cell(0.3 + 0.3 * r.uniform(), 45), town: cell(0.2 + 0.3 * r.uniform(), 45), rural: cell(0.02, 45) },
      junior: { urban: cell(0.3 + 0.3 * r.uniform(), 50), town: cell(0.2 + 0.3 * r.uniform(), 50), rural: cell(0.03, 50) },
    },
  };
});
const packed = packClassSizeUnits(units, years);

describe("simulateBigClasses with the emulator", () => {
  it("simulateBigClasses(units, scenario, 300 draws, emulator) matches every draw's exact totals to 1e-4 of the cell's classes", () => {
    const p = drawSimulationParameters({ draws: 300, random: createRandom(2014), urbanization: URBANIZATION_PRESETS.base });
    const exact = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p);
    const emulated = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p, { method: "emulator" });
    let worst = 0;
    for (const key of ["big", "veryBig", "classes"] as const) {
      for (let i = 0; i < exact[key].length; i++) worst = Math.max(worst, Math.abs(exact[key][i] - emulated[key][i]) / exact.classes[i]);
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it("simulateBigClasses(…, emulator) falls back to the exact run when there are no more draws than grid nodes", () => {
    const p = drawSimulationParameters({ draws: 50, random: createRandom(3), urbanization: URBANIZATION_PRESETS.base });
    const exact = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p);
    const emulated = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p, { method: "emulator" });
    expect(Array.from(emulated.big)).toEqual(Array.from(exact.big));
    expect(() => simulateBigClasses(packed, URBANIZATION_PRESETS.base, p, { method: "emulator", emulatorNodes: { flow: 1 } })).toThrow(
      "simulateBigClasses requires emulatorNodes.flow between 2 and 64, got 1",
    );
  });

  it("emulatorGrid(parameters) gives 72 nodes that can be run in parts (as the bench's workers do) and interpolated", () => {
    const p = drawSimulationParameters({ draws: 200, random: createRandom(5), urbanization: URBANIZATION_PRESETS.base });
    const grid = emulatorGrid(p);
    expect(grid.nodes.speed.length).toBe(72);
    const part = (from: number, to: number) => simulateBigClasses(packed, URBANIZATION_PRESETS.base, {
      speed: grid.nodes.speed.slice(from, to), migrantSchoolingShare: grid.nodes.migrantSchoolingShare.slice(from, to), birthsFactor: grid.nodes.birthsFactor.slice(from, to),
    });
    const a = part(0, 30);
    const b = part(30, 72);
    const joined = { years: a.years, draws: 72, big: Float64Array.of(...a.big, ...b.big), veryBig: Float64Array.of(...a.veryBig, ...b.veryBig), classes: Float64Array.of(...a.classes, ...b.classes), parameters: grid.nodes };
    const whole = simulateBigClasses(packed, URBANIZATION_PRESETS.base, p, { method: "emulator" });
    expect(Array.from(interpolateEmulator(joined, grid, p).big)).toEqual(Array.from(whole.big));
  });
});
