import { describe, expect, it } from "vitest";
import { projectCohorts } from "../../src/class-size/project-cohorts.js";

// Births 2000…2010 = 10…20 (y − 1990); entry ratio 0.9; grade 1→2 ratio 0.95, primary→junior 0.8, others 1.
const births: Record<number, number> = {};
for (let y = 2000; y <= 2010; y++) births[y] = y - 1990;
const ratios = [0.95, 1, 1, 1, 1, 0.8, 1, 1];

describe("projectCohorts", () => {
  it("projectCohorts(input) matches a hand computation of entrants, grades and level totals", () => {
    const p = projectCohorts({ births, firstYear: 2014, lastYear: 2016, entryRatio: 0.9, progressionRatios: ratios });
    // Hand computation, 2014: grade g was born in 2009 − g.
    // g1 18×0.9 = 16.2; g2 17×0.9×0.95 = 14.535; g3 13.68; g4 12.825; g5 11.97; g6 11.115;
    // g7 12×0.855×0.8 = 8.208; g8 7.524; g9 6.84 → primary 80.325, junior 22.572.
    const expected2014 = [16.2, 14.535, 13.68, 12.825, 11.97, 11.115, 8.208, 7.524, 6.84];
    p.byGrade[0].forEach((v, g) => expect(v).toBeCloseTo(expected2014[g], 10));
    expect(p.primary[0]).toBeCloseTo(80.325, 10);
    expect(p.junior[0]).toBeCloseTo(22.572, 10);
    // 2015: g1 = births 2009 × 0.9 = 17.1; g2 = 16.2 × 0.95 = 15.39; g7 = 11.115 × 0.8 = 8.892
    // primary 17.1+15.39+14.535+13.68+12.825+11.97 = 85.5; junior 8.892+8.208+7.524 = 24.624.
    expect(p.entrants).toEqual([16.2, 17.1, 18]);
    expect(p.byGrade[1][1]).toBeCloseTo(15.39, 10);
    expect(p.byGrade[1][6]).toBeCloseTo(8.892, 10);
    expect(p.primary[1]).toBeCloseTo(85.5, 10);
    expect(p.junior[1]).toBeCloseTo(24.624, 10);
    expect(p.years).toEqual([2014, 2015, 2016]);
  });

  it("projectCohorts(input) takes junior grade 7 from births twelve years earlier", () => {
    const p = projectCohorts({ births, firstYear: 2014, lastYear: 2016, entryRatio: 0.9, progressionRatios: ratios });
    // 2016 grade 7 born 2004 (= 14): 14 × 0.9 × 0.95 × 0.8
    expect(p.byGrade[2][6]).toBeCloseTo(14 * 0.9 * 0.95 * 0.8, 12);
  });

  it("projectCohorts(input) matches its documented example", () => {
    const p = projectCohorts({
      births: { 2009: 110 },
      firstYear: 2014,
      lastYear: 2015,
      baseEnrolment: [90, 90, 90, 90, 90, 90, 80, 80, 80],
    });
    expect(p.entrants).toEqual([90, 110]);
    expect(p.primary).toEqual([540, 110 + 5 * 90]);
    expect(p.junior).toEqual([240, 90 + 160]);
  });

  it("projectCohorts(input) is linear in births", () => {
    const doubled: Record<number, number> = {};
    for (const [y, b] of Object.entries(births)) doubled[Number(y)] = 2 * b;
    const a = projectCohorts({ births, firstYear: 2014, lastYear: 2016 });
    const b = projectCohorts({ births: doubled, firstYear: 2014, lastYear: 2016 });
    a.primary.forEach((v, i) => expect(b.primary[i]).toBeCloseTo(2 * v, 12));
  });

  it("projectCohorts(input) requires births for every year it needs and names the missing ones", () => {
    const partial = { ...births };
    delete partial[2003];
    expect(() => projectCohorts({ births: partial, firstYear: 2014, lastYear: 2016 })).toThrow(
      "projectCohorts requires births for every year from 2000 to 2010, missing 2003",
    );
    expect(() => projectCohorts({ births, firstYear: 2014, lastYear: 2016, progressionRatios: [1, 1] })).toThrow(
      /projectCohorts requires 8 progressionRatios/,
    );
  });
});
