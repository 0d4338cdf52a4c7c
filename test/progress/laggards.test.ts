import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { findLaggards } from "../../src/progress/find-laggards.js";
import { leagueTable } from "../../src/progress/league-table.js";
import { spreadSummary } from "../../src/progress/spread-summary.js";

// Six counties in two cities; D missed the 2015-06-30 report, F reported only later.
const table = aq.from([
  { county_id: "A", county_name: "甲县", city: "一市", as_of: "2015-06-30", start_rate: 0.45 },
  { county_id: "B", county_name: "乙县", city: "一市", as_of: "2015-06-30", start_rate: 0.25 },
  { county_id: "C", county_name: "丙县", city: "一市", as_of: "2015-06-30", start_rate: 0.15 },
  { county_id: "D", county_name: "丁县", city: "二市", as_of: "2015-04-30", start_rate: 0.18 },
  { county_id: "E", county_name: "戊县", city: "二市", as_of: "2015-06-30", start_rate: 0.25 },
  { county_id: "E", county_name: "戊县", city: "二市", as_of: "2015-04-30", start_rate: 0.1 },
  { county_id: "F", county_name: "己县", city: "二市", as_of: "2015-08-31", start_rate: 0.05 },
]);

describe("leagueTable", () => {
  it("leagueTable(table, { asOf }) ranks the latest reports in the province and the city, ties sharing a rank", () => {
    const rows = leagueTable(table, { indicator: "start_rate", asOf: "2015-06-30" });
    // By hand: A 0.45 (1st), B and E 0.25 (2nd, tied), D 0.18 (4th, report of 04-30), C 0.15 (5th); F has no report yet.
    expect(rows.map((r) => [r.countyId, r.provinceRank, r.cityRank, r.cityCount])).toEqual([
      ["A", 1, 1, 3],
      ["B", 2, 2, 3],
      ["E", 2, 1, 2],
      ["D", 4, 2, 2],
      ["C", 5, 3, 3],
    ]);
    expect(rows.find((r) => r.countyId === "D")!.reportDate).toBe("2015-04-30");
    expect(rows[0].provinceCount).toBe(5);
  });
});

describe("findLaggards", () => {
  it("findLaggards(table, { asOf }) lists counties below 30 % and 20 %, worst first, with the spread", () => {
    const lag = findLaggards(table, { indicator: "start_rate", asOf: "2015-06-30" });
    // By hand: below 0.3: C 0.15, D 0.18, B 0.25, E 0.25 (4 of 5); below 0.2: C, D (2 of 5).
    expect(lag.byThreshold.map((b) => [b.threshold, b.counties.map((c) => c.countyId)])).toEqual([
      [0.3, ["C", "D", "E", "B"]],
      [0.2, ["C", "D"]],
    ]);
    expect(lag.spread.below).toEqual([
      { threshold: 0.3, count: 4, share: 0.8 },
      { threshold: 0.2, count: 2, share: 0.4 },
    ]);
    expect(lag.spread.min).toBe(0.15);
    expect(lag.spread.max).toBe(0.45);
    expect(lag.spread.median).toBe(0.25);
    expect(lag.spread.mean).toBeCloseTo(1.28 / 5, 12);
    expect(lag.atRisk).toEqual([]);
  });
});

describe("spreadSummary", () => {
  it("spreadSummary(values) gives R's type-7 quartiles", () => {
    // R: quantile(c(0.1, 0.25, 0.4, 0.8), c(0.25, 0.5, 0.75)) → 0.2125 0.3250 0.5000
    const s = spreadSummary([0.1, 0.25, 0.4, 0.8]);
    expect(s.q25).toBeCloseTo(0.2125, 12);
    expect(s.median).toBeCloseTo(0.325, 12);
    expect(s.q75).toBeCloseTo(0.5, 12);
    expect(s.mean).toBeCloseTo(0.3875, 12);
    expect(s.below).toEqual([
      { threshold: 0.3, count: 2, share: 0.5 },
      { threshold: 0.2, count: 1, share: 0.25 },
    ]);
  });
});
