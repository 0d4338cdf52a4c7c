import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { publishedFigures, referenceObservations } from "../../src/data/published-progress.js";
import { forecastRegion } from "../../src/progress/forecast-region.js";
import { leaveRegionOut, regionKey, sameRegion } from "../../src/progress/leave-region-out.js";
import { outOfSampleCheck } from "../../src/progress/out-of-sample-check.js";
import { referenceClassPrior } from "../../src/progress/reference-class-prior.js";
import { createRandom } from "../../src/shared/random.js";

let data: BundledData;
beforeAll(async () => {
  data = await loadBundledData();
});

describe("leaveRegionOut", () => {
  it("regionKey/sameRegion match 新疆 and 新疆维吾尔自治区, 山西 and 山西省(98个项目县)", () => {
    expect(regionKey("新疆维吾尔自治区")).toBe("新疆");
    expect(sameRegion("山西", "山西省(98个项目县)")).toBe(true);
    expect(sameRegion("山东省", "山西省")).toBe(false);
  });

  it("leaveRegionOut(reference, 山东) drops the province and its 15 cities", () => {
    const ref = referenceObservations(data);
    const out = leaveRegionOut(ref, "山东");
    expect(ref.filter((r) => r.region === "德州市").length).toBeGreaterThan(0);
    expect(out.some((r) => r.region === "德州市" || r.region === "山东省")).toBe(false);
    expect(out.some((r) => r.region === "新疆维吾尔自治区")).toBe(true);
  });
});

describe("forecastRegion", () => {
  it("forecastRegion(series) keeps p10 ≤ median ≤ p90, rising over time, and its target probability rises with the deadline", () => {
    const prior = referenceClassPrior(leaveRegionOut(referenceObservations(data), "新疆"), { indicator: "completion_rate" });
    const s = { region: "新疆", indicator: "completion_rate", dates: ["2017-04-30"], y: [0.36] };
    const f = forecastRegion(s, { prior, random: createRandom(1), asOf: "2017-04-30", at: ["2017-08-31", "2018-12-31"], target: 0.7, deadline: "2017-12-31" });
    expect(f.rows.map((r) => r.date)).toEqual(["2017-08-31", "2017-12-31", "2018-12-31"]);
    f.rows.forEach((r, i) => {
      expect(r.p10).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.p90);
      if (i > 0) expect(r.median).toBeGreaterThanOrEqual(f.rows[i - 1].median);
    });
    const later = forecastRegion(s, { prior, random: createRandom(1), asOf: "2017-04-30", at: ["2017-08-31"], target: 0.7, deadline: "2018-12-31" });
    expect(later.probability!).toBeGreaterThan(f.probability!);
    expect(() => forecastRegion(s, { prior, random: createRandom(1), asOf: "2017-04-30", at: ["2017-01-31"] })).toThrow("forecastRegion requires forecast dates after asOf 2017-04-30, at[0] is 2017-01-31");
  });
});

describe("outOfSampleCheck", () => {
  it("outOfSampleCheck(published figures) sets the later figures of 全国, 山东 and 新疆 beside forecasts from their earliest figure", () => {
    const rows = outOfSampleCheck(publishedFigures(data), referenceObservations(data), createRandom(20170430));
    const key = (r: (typeof rows)[number]) => `${r.region}|${r.indicator}|${r.fromDate}→${r.date}`;
    expect(rows.map(key)).toEqual([
      "全国|completion_rate|2015-10-31→2018-12-31",
      "全国|equipment_rate|2015-10-31→2018-12-31",
      "山东省|completion_rate|2015-06-30→2017-02-28",
      "新疆维吾尔自治区|completion_rate|2017-04-30→2017-08-31",
      "新疆维吾尔自治区|equipment_rate|2017-04-30→2017-08-31",
    ]);
    for (const r of rows) {
      expect(r.errorPp).toBeCloseTo(100 * (r.median - r.actual), 10);
      expect(r.inside80).toBe(r.actual >= r.p10 && r.actual <= r.p90);
    }
    // Measured (seed 20170430): the reference class is slower than 山东 and 新疆 were; the national forecast to end 2018 holds.
    const by = Object.fromEntries(rows.map((r) => [key(r), r]));
    expect(by["全国|completion_rate|2015-10-31→2018-12-31"].inside80).toBe(true);
    expect(by["山东省|completion_rate|2015-06-30→2017-02-28"].errorPp).toBeLessThan(-15);
    expect(by["新疆维吾尔自治区|equipment_rate|2017-04-30→2017-08-31"].inside80).toBe(false);
  });
});
