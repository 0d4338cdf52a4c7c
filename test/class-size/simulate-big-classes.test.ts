import { describe, expect, it } from "vitest";
import { calibrateClassSize } from "../../src/class-size/calibrate-class-size.js";
import { drawSimulationParameters } from "../../src/class-size/draw-simulation-parameters.js";
import { packClassSizeUnits, type ClassSizeUnitInput } from "../../src/class-size/pack-class-size-units.js";
import { URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { projectBigClasses } from "../../src/class-size/project-big-classes.js";
import { simulateBigClasses } from "../../src/class-size/simulate-big-classes.js";
import { summarizeBigClassDraws } from "../../src/class-size/summarize-big-class-draws.js";
import { AREAS, LEVELS } from "../../src/class-size/types.js";
import { createRandom } from "../../src/shared/random.js";

const years = Array.from({ length: 15 }, (_, i) => 2015 + i);
const Y = years.length;
const cal = (standardSize: number, bigShare: number) => calibrateClassSize({ standardSize, bigShare });
const calibration = {
  primary: { urban: cal(45, 0.5129), town: cal(45, 0.463), rural: { ...cal(45, 0.02), meanLoad: 25 } },
  junior: { urban: cal(50, 0.4737), town: cal(50, 0.4479), rural: { ...cal(50, 0.02), meanLoad: 30 } },
};
const growing = (base: number) => years.map((_, i) => base * (1 + 0.01 * i));
const plan = (perYear: number) => years.map((_, i) => (i === 0 ? 0 : perYear));
const unit: ClassSizeUnitInput = {
  pupils: { primary: growing(600_000), junior: growing(300_000) },
  pupilsFromProjectedBirths: { primary: years.map((y, i) => (y >= 2026 ? 0.1 * growing(600_000)[i] : 0)), junior: years.map(() => 0) },
  areaShares: { primary: { urban: 0.3, town: 0.35, rural: 0.35 }, junior: { urban: 0.3, town: 0.4, rural: 0.3 } },
  calibration,
  classroomsAdded: { primary: { urban: plan(300), town: plan(300) }, junior: { urban: plan(150), town: plan(150) } },
};
const central = {
  speed: Float64Array.of(1),
  migrantSchoolingShare: Float64Array.of(URBANIZATION_PRESETS.base.migrantSchoolingShare),
  birthsFactor: Float64Array.of(1),
};

describe("simulateBigClasses", () => {
  it("simulateBigClasses(units, scenario, central draw) reproduces projectBigClasses to 1e-6 classes per classroom", () => {
    const units = packClassSizeUnits([unit], years);
    const sim = simulateBigClasses(units, URBANIZATION_PRESETS.base, central);
    const det = projectBigClasses({
      years,
      pupils: unit.pupils,
      baseAreaShares: unit.areaShares,
      urbanization: URBANIZATION_PRESETS.base,
      calibration,
      classroomsAdded: unit.classroomsAdded,
    });
    for (const row of det.rows) {
      const li = LEVELS.indexOf(row.level);
      const ai = AREAS.indexOf(row.area);
      const at = (li * 3 + ai) * Y + years.indexOf(row.year);
      expect(Math.abs(sim.big[at] - row.big)).toBeLessThanOrEqual(1e-6 * (row.classrooms + 1));
      expect(Math.abs(sim.veryBig[at] - row.veryBig)).toBeLessThanOrEqual(1e-6 * (row.classrooms + 1));
      expect(Math.abs(sim.classes[at] - row.classes)).toBeLessThanOrEqual(1e-6 * (row.classrooms + 1));
    }
  });

  it("simulateBigClasses(units, scenario, parameters) gives the same draws whether run at once or split in two", () => {
    const units = packClassSizeUnits([unit, { ...unit, areaShares: { ...unit.areaShares, primary: { urban: 0.5, town: 0.3, rural: 0.2 } } }], years);
    const p = drawSimulationParameters({ draws: 40, random: createRandom(2014), urbanization: URBANIZATION_PRESETS.base });
    const whole = simulateBigClasses(units, URBANIZATION_PRESETS.base, p);
    const part = (from: number, to: number) => ({
      speed: p.speed.slice(from, to),
      migrantSchoolingShare: p.migrantSchoolingShare.slice(from, to),
      birthsFactor: p.birthsFactor.slice(from, to),
    });
    const a = simulateBigClasses(units, URBANIZATION_PRESETS.base, part(0, 15));
    const b = simulateBigClasses(units, URBANIZATION_PRESETS.base, part(15, 40));
    expect(Array.from(whole.big)).toEqual([...a.big, ...b.big]);
  });

  it("simulateBigClasses(units, …) names the packed array of the wrong length", () => {
    const units = packClassSizeUnits([unit], years);
    expect(() => simulateBigClasses({ ...units, spread: new Float64Array(3) }, URBANIZATION_PRESETS.base, central)).toThrow(
      "simulateBigClasses requires spread of length 6, got 3",
    );
  });
});

describe("drawSimulationParameters", () => {
  it("drawSimulationParameters(options) repeats for the same seed and matches its documented example", () => {
    const a = drawSimulationParameters({ draws: 3, random: createRandom(7), urbanization: URBANIZATION_PRESETS.base });
    const b = drawSimulationParameters({ draws: 3, random: createRandom(7), urbanization: URBANIZATION_PRESETS.base });
    expect(a.speed.length).toBe(3);
    expect(Array.from(a.speed)).toEqual(Array.from(b.speed));
    expect(Array.from(a.birthsFactor)).toEqual(Array.from(b.birthsFactor));
    expect(() => drawSimulationParameters({ draws: 0, random: createRandom(7), urbanization: URBANIZATION_PRESETS.base })).toThrow(
      "drawSimulationParameters requires draws between 1 and 1000000, got 0",
    );
  });
});

describe("summarizeBigClassDraws", () => {
  const units = packClassSizeUnits([unit], years);
  const p = drawSimulationParameters({ draws: 400, random: createRandom(2016), urbanization: URBANIZATION_PRESETS.base });
  const summary = summarizeBigClassDraws(simulateBigClasses(units, URBANIZATION_PRESETS.base, p));

  it("summarizeBigClassDraws(draws) gives ordered intervals that widen after the base year", () => {
    const all = summary.series.filter((s) => s.level === "all" && s.area === "urban+town");
    expect(all).toHaveLength(Y);
    for (const row of all) {
      expect(row.big[0]).toBeLessThanOrEqual(row.big[1]);
      expect(row.big[1]).toBeLessThanOrEqual(row.big[2]);
    }
    // The base year is observed: every draw agrees (up to rounding).
    expect(all[0].big[2] - all[0].big[0]).toBeLessThan(1e-6 * all[0].big[1]);
    expect(all[Y - 1].big[2] - all[Y - 1].big[0]).toBeGreaterThan(0);
  });

  it("summarizeBigClassDraws(draws) dates the fall below 5% within the years when rooms outpace pupils", () => {
    const low = summary.milestones.find((m) => m.level === "all" && m.area === "urban+town" && m.threshold === "low")!;
    expect(low.shareNever).toBeLessThan(0.05);
    const [p05, p50, p95] = low.year as number[];
    expect(p05).toBeGreaterThan(2015);
    expect(p05).toBeLessThanOrEqual(p50);
    expect(p50).toBeLessThanOrEqual(p95);
    const zero = summary.milestones.find((m) => m.level === "all" && m.area === "urban+town" && m.threshold === "zero")!;
    if (zero.year[1] !== null) expect(zero.year[1]).toBeGreaterThanOrEqual(p50);
  });

  it("summarizeBigClassDraws(draws, bad quantiles) rejects quantiles outside 0–1", () => {
    expect(() => summarizeBigClassDraws(simulateBigClasses(units, URBANIZATION_PRESETS.base, central), { quantiles: [1.5] })).toThrow(
      "summarizeBigClassDraws requires quantiles between 0 and 1, got [1.5]",
    );
  });
});
