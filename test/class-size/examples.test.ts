import { describe, expect, it } from "vitest";
import * as gaibo from "../../src/index.js";
import { DEFAULT_CONSTRUCTION_STANDARDS } from "../../src/class-size/construction-standards.js";
import { drawSimulationParameters } from "../../src/class-size/draw-simulation-parameters.js";
import { packClassSizeUnits } from "../../src/class-size/pack-class-size-units.js";
import { TWO_CHILD_BIRTHS, URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { simulateBigClasses } from "../../src/class-size/simulate-big-classes.js";
import { createRandom } from "../../src/shared/random.js";

const cell = { meanLoad: 40, spread: 0.25 };
const unit = {
  pupils: { primary: [1000, 1000], junior: [500, 500] },
  areaShares: { primary: { urban: 0.5, town: 0.3, rural: 0.2 }, junior: { urban: 0.5, town: 0.3, rural: 0.2 } },
  calibration: { primary: { urban: cell, town: cell, rural: cell }, junior: { urban: cell, town: cell, rural: cell } },
};

describe("documented examples of constants and packing", () => {
  it("URBANIZATION_PRESETS, TWO_CHILD_BIRTHS and DEFAULT_CONSTRUCTION_STANDARDS hold their documented values", () => {
    expect(URBANIZATION_PRESETS.base.migrantSchoolingShare).toBe(0.48);
    expect(TWO_CHILD_BIRTHS.observedBirths?.["2016"]).toBe(1786);
    expect(DEFAULT_CONSTRUCTION_STANDARDS.floorAreaPerClassroomM2.primary).toBe(242.16666666666666);
  });

  it("packClassSizeUnits(units, years) lays one unit out as 6 cells × years", () => {
    expect(packClassSizeUnits([unit], [2015, 2016]).classrooms.length).toBe(12);
  });

  it("simulateBigClasses(units, scenario, parameters) returns draws × 6 cells × years values", () => {
    const units = packClassSizeUnits([unit], [2015, 2016]);
    const p = drawSimulationParameters({ draws: 100, random: createRandom(1), urbanization: URBANIZATION_PRESETS.base });
    expect(simulateBigClasses(units, URBANIZATION_PRESETS.base, p).big.length).toBe(100 * 6 * 2);
  });

  it("gaibo's public index exports the class-size API", () => {
    for (const name of [
      "projectCohorts", "birthsFromScenario", "parseBirthScenario", "parseUrbanizationScenario", "urbanizationFlowRates",
      "projectAreaPupils", "classSizeDistribution", "calibrateClassSize", "projectBigClasses", "planBigClassRemoval",
      "drawSimulationParameters", "packClassSizeUnits", "simulateBigClasses", "summarizeBigClassDraws", "standardNormalCdf",
    ]) {
      expect(typeof (gaibo as Record<string, unknown>)[name]).toBe("function");
    }
  });
});
