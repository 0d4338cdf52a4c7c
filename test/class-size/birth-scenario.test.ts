import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBirthScenario } from "../../src/class-size/birth-scenario.js";
import { birthsFromScenario } from "../../src/class-size/births-from-scenario.js";
import { TWO_CHILD_BIRTHS } from "../../src/class-size/presets.js";
import { DataValidationError } from "../../src/shared/errors.js";

const presetFile = new URL("../../datasets/scenarios/urbanization/births-two-child.json", import.meta.url);

describe("parseBirthScenario", () => {
  it("parseBirthScenario(json) accepts the two-child preset, which equals TWO_CHILD_BIRTHS", () => {
    const parsed = parseBirthScenario(JSON.parse(readFileSync(presetFile, "utf8")));
    expect(parsed).toEqual(TWO_CHILD_BIRTHS);
  });

  it("parseBirthScenario(input) matches its documented example", () => {
    expect(
      parseBirthScenario({ name: "flat", unit: "万人", baselineBirths: 1644, baselineYear: 2015, baselineAnnualChange: 0 })
        .baselineBirths,
    ).toBe(1644);
  });

  it("parseBirthScenario(input) names every bad field", () => {
    try {
      parseBirthScenario({ name: "x", unit: "万人", baselineBirths: -1, baselineYear: 2015, baselineAnnualChange: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      const columns = (e as DataValidationError).issues.map((i) => i.column);
      expect(columns).toEqual(["baselineBirths", "baselineAnnualChange"]);
      expect((e as Error).message).toContain("baselineAnnualChange must be between -0.5 and 0.5");
    }
  });
});

describe("birthsFromScenario", () => {
  it("birthsFromScenario(scenario, from, to) matches its documented example", () => {
    const b = birthsFromScenario(
      { name: "x", unit: "万人", baselineBirths: 100, baselineYear: 2015, baselineAnnualChange: -0.1, policyBump: { startYear: 2016, extraBirths: [5] } },
      2015,
      2017,
    );
    expect(b[2015]).toBe(100);
    expect(b[2016]).toBeCloseTo(95, 12);
    expect(b[2017]).toBeCloseTo(81, 12);
  });

  it("birthsFromScenario(TWO_CHILD_BIRTHS, …) keeps observed births and shows the bump fading", () => {
    const b = birthsFromScenario(TWO_CHILD_BIRTHS, 2014, 2024);
    expect([b[2016], b[2017], b[2018], b[2019]]).toEqual([1786, 1723, 1523, 1465]);
    expect(b[2014]).toBe(1644);
    // 2020: 1644 × 0.96^5 + 40 (bump fading); 2023 onwards: baseline only
    expect(b[2020]).toBeCloseTo(1644 * 0.96 ** 5 + 40, 9);
    expect(b[2023]).toBeCloseTo(1644 * 0.96 ** 8, 9);
    // Derived extra births reproduce the observed years from the baseline (to 0.1万).
    expect(1644 * 0.96 + 207.8).toBeCloseTo(1786, 0);
  });
});
