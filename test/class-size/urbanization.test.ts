import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { URBANIZATION_PRESETS } from "../../src/class-size/presets.js";
import { projectAreaPupils } from "../../src/class-size/project-area-pupils.js";
import { urbanizationFlowRates } from "../../src/class-size/urbanization-flow-rates.js";
import { parseUrbanizationScenario } from "../../src/class-size/urbanization-scenario.js";
import { DataValidationError } from "../../src/shared/errors.js";

const dir = new URL("../../datasets/scenarios/urbanization/", import.meta.url);
const years = Array.from({ length: 15 }, (_, i) => 2014 + i);

describe("parseUrbanizationScenario", () => {
  it("parseUrbanizationScenario(json) accepts the slow, base and fast presets, equal to URBANIZATION_PRESETS", () => {
    for (const name of ["slow", "base", "fast"] as const) {
      const parsed = parseUrbanizationScenario(JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8")), `${name}.json`);
      expect(parsed).toEqual(URBANIZATION_PRESETS[name]);
    }
  });

  it("parseUrbanizationScenario(input) matches its documented example", () => {
    const s = parseUrbanizationScenario({
      kind: "flow-rates", name: "none", ruralToTownRate: 0, ruralToUrbanRate: 0, townToUrbanRate: 0, migrantSchoolingShare: 0.5,
    });
    expect(s.name).toBe("none");
  });

  it("parseUrbanizationScenario(input) names each bad field with its allowed range", () => {
    try {
      parseUrbanizationScenario(
        { kind: "flow-rates", name: "bad", ruralToTownRate: 1.5, ruralToUrbanRate: 0, townToUrbanRate: -0.1, migrantSchoolingShare: 0.5 },
        "bad.json",
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      const issues = (e as DataValidationError).issues;
      expect(issues.map((i) => i.column)).toEqual(["townToUrbanRate", "ruralToTownRate", "ruralToUrbanRate"]);
      expect(issues[2].message).toBe("ruralToTownRate + ruralToUrbanRate must not exceed 1");
      expect((e as Error).message).toContain("bad.json, column ruralToTownRate: ruralToTownRate must be between 0 and 1");
    }
    expect(() => parseUrbanizationScenario({ kind: "teleport", name: "x" })).toThrow(/kind must be "flow-rates" or "rate-path"/);
    expect(() =>
      parseUrbanizationScenario({
        kind: "rate-path", name: "gap", years: [2015, 2017], urbanizationRate: [0.56, 0.58], townShareOfArrivals: 0.5,
        townToUrbanRate: 0, migrantSchoolingShare: 0.5,
      }),
    ).toThrow(/years must be consecutive and increasing/);
  });
});

describe("urbanizationFlowRates", () => {
  it("urbanizationFlowRates(scenario, years) matches its documented example", () => {
    const r = urbanizationFlowRates(
      { kind: "flow-rates", name: "x", ruralToTownRate: 0.02, ruralToUrbanRate: 0.01, townToUrbanRate: 0.01, migrantSchoolingShare: 0.5 },
      [2014, 2015],
    );
    expect(r.ruralToTown).toEqual([0, 0.01]);
  });

  it("urbanizationFlowRates(ratePath, years) turns a rise in the urbanization rate into the rural outflow", () => {
    const path = parseUrbanizationScenario({
      kind: "rate-path", name: "national", years: [2015, 2016, 2017], urbanizationRate: [0.561, 0.5735, 0.5852],
      townShareOfArrivals: 0.4, townToUrbanRate: 0.01, migrantSchoolingShare: 0.5,
    });
    const r = urbanizationFlowRates(path, [2016, 2017]);
    // 2017: (0.5852 − 0.5735) / (1 − 0.5735) = 0.027432…; × 0.4 town × 0.5 schooling
    const out = (0.5852 - 0.5735) / (1 - 0.5735);
    expect(r.ruralToTown[1]).toBeCloseTo(out * 0.4 * 0.5, 12);
    expect(r.ruralToUrban[1]).toBeCloseTo(out * 0.6 * 0.5, 12);
    expect(() => urbanizationFlowRates(path, [2017, 2018])).toThrow(
      "urbanizationFlowRates requires urbanizationRate for every year from 2017 to 2018, missing 2018",
    );
  });
});

describe("projectAreaPupils", () => {
  it("projectAreaPupils(totals, shares, rates) matches its documented example", () => {
    const p = projectAreaPupils([100, 100], { urban: 0.3, town: 0.3, rural: 0.4 }, {
      years: [2014, 2015], ruralToTown: [0, 0.1], ruralToUrban: [0, 0.05], townToUrban: [0, 0],
    });
    expect(p.rural).toEqual([40, 34]);
    expect(p.town[1]).toBeCloseTo(34, 12);
    expect(p.urban[1]).toBeCloseTo(32, 12);
  });

  it("projectAreaPupils(totals, shares, rates) loses no pupil: every rural leaver arrives in town or urban schools", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 15, maxLength: 15 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.constantFrom("slow", "base", "fast"),
        (totals, a, b, speed, preset) => {
          const urban = a * (1 - b);
          const town = (1 - a) * (1 - b);
          const shares = { urban, town, rural: 1 - urban - town };
          const rates = urbanizationFlowRates(URBANIZATION_PRESETS[preset as "base"], years, { speed });
          const p = projectAreaPupils(totals, shares, rates);
          for (let i = 0; i < years.length; i++) {
            expect(p.urban[i] + p.town[i] + p.rural[i]).toBeCloseTo(totals[i], 6 - Math.log10(totals[i]));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("projectAreaPupils(constant totals, …) moves pupils without creating or losing any", () => {
    const totals = new Array<number>(years.length).fill(1_000_000);
    const rates = urbanizationFlowRates(URBANIZATION_PRESETS.fast, years);
    const p = projectAreaPupils(totals, { urban: 0.2, town: 0.3, rural: 0.5 }, rates);
    let ruralLeft = 0;
    let townArrived = 0;
    let urbanArrived = 0;
    for (let i = 1; i < years.length; i++) {
      ruralLeft += p.movedRuralToTown[i] + p.movedRuralToUrban[i];
      townArrived += p.movedRuralToTown[i] - p.movedTownToUrban[i];
      urbanArrived += p.movedRuralToUrban[i] + p.movedTownToUrban[i];
    }
    const last = years.length - 1;
    expect(500_000 - p.rural[last]).toBeCloseTo(ruralLeft, 6);
    expect(p.town[last] - 300_000).toBeCloseTo(townArrived, 6);
    expect(p.urban[last] - 200_000).toBeCloseTo(urbanArrived, 6);
    expect(ruralLeft).toBeCloseTo(townArrived + urbanArrived - 0, 6);
    expect(p.urban[last] + p.town[last] + p.rural[last]).toBeCloseTo(1_000_000, 6);
  });
});
