import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATASETS, isIsoDate, num, one, rankViolations, readHeader, readPackage, readRows, validateRows, type Row } from "./dataset-helpers.js";

const REAL = path.join(DATASETS, "real");
const RAW = "/work/shared/realdata";
const pkg = readPackage("real");
const t = Object.fromEntries(pkg.resources.map((r) => [r.name, readRows(path.join(REAL, r.path))])) as Record<string, Row[]>;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("datasets/real datapackage.json", () => {
  it("datapackage.json lists every CSV in datasets/real and nothing else", () => {
    const csvs = fs.readdirSync(REAL).filter((f) => f.endsWith(".csv")).sort();
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(csvs);
    expect(csvs.length).toBe(14);
  });

  it("every column of each real CSV is declared in datapackage.json, in order, and vice versa", () => {
    for (const r of pkg.resources) expect(readHeader(path.join(REAL, r.path)), r.path).toEqual(r.schema.fields.map((f) => f.name));
  });

  it("every resource is marked provenance real, lists its source pages, and describes every field (with a unit for numbers and dates)", () => {
    for (const r of pkg.resources) {
      expect(r.provenance).toBe("real");
      expect(r.sources?.length, r.name).toBe(new Set(t[r.name].map((x) => x.source_url)).size);
      for (const f of r.schema.fields) {
        expect(f.description, `${r.name}.${f.name}`).toBeTruthy();
        if (f.type === "number" || f.type === "integer" || f.type === "date") expect(f.unit, `${r.name}.${f.name}`).toBeTruthy();
      }
    }
  });

  it("every row satisfies its field types, required cells, enums and ranges", () => {
    expect(pkg.resources.flatMap((r) => validateRows(r.path, t[r.name], r.schema.fields))).toEqual([]);
  });
});

describe("real provenance", () => {
  it("every real row has a source_url, title, quote and caveat, and every non-government page carries a copy caveat", () => {
    let n = 0;
    for (const [name, rows] of Object.entries(t))
      for (const r of rows) {
        n++;
        expect(r.source_url, name).toMatch(/^https?:\/\//);
        expect(r.source_title.length, name).toBeGreaterThan(0);
        expect(r.quote.length, name).toBeGreaterThan(0);
        if (!/\.gov\.cn\//.test(r.source_url)) expect(r.caveat, `${name} ${r.source_url}`).not.toBe("official page");
      }
    expect(n).toBeGreaterThan(450);
  });

  it("every real quote appears verbatim in a raw quote from the same page (when /work/shared/realdata is present)", () => {
    if (!fs.existsSync(RAW)) return;
    const raw = new Map<string, string[]>();
    for (const dir of fs.readdirSync(RAW).filter((d) => fs.statSync(path.join(RAW, d)).isDirectory()))
      for (const f of fs.readdirSync(path.join(RAW, dir)).filter((x) => x.endsWith(".csv")))
        for (const r of readRows(path.join(RAW, dir, f))) raw.set(r.source_url, [...(raw.get(r.source_url) ?? []), r.quote]);
    const missing = Object.entries(t).flatMap(([name, rows]) =>
      rows.filter((r) => !(raw.get(r.source_url) ?? []).some((q) => q.includes(r.quote))).map((r) => `${name}: ${r.quote}`),
    );
    expect(missing).toEqual([]);
  });

  it("all date cells are valid ISO dates and all shares lie within [0, 20]", () => {
    for (const res of pkg.resources)
      for (const f of res.schema.fields) {
        for (const r of t[res.name]) {
          const v = r[f.name];
          if (v === "") continue;
          if (f.type === "date") expect(isIsoDate(v), `${res.name}.${f.name}=${v}`).toBe(true);
          if (f.unit?.startsWith("share")) {
            expect(Number(v), `${res.name}.${f.name}`).toBeGreaterThanOrEqual(0);
            expect(Number(v), `${res.name}.${f.name}`).toBeLessThanOrEqual(20);
          }
        }
      }
  });

  it("EXCLUDED.md lists the left-out rows with a reason each", () => {
    const text = fs.readFileSync(path.join(REAL, "EXCLUDED.md"), "utf8");
    const rows = text.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| raw file"));
    expect(rows.length).toBe(10); // 8 + the 2023 primary school count and floor area (not demographic measures)
    for (const l of rows) expect(l.split("|").at(-2)?.trim().length).toBeGreaterThan(20);
    expect(text).toContain("桂林市");
    expect(text).toContain("我省");
  });
});

describe("progress_observations.csv league tables", () => {
  const po = t.progress_observations;
  const league = (id: string, indicator: string, level: string) => po.filter((r) => r.league === id && r.indicator === indicator && r.region_level === level);

  it("published ranks agree with published values in every league table (山东 15 cities, 云南 16 州市, 宁德 counties, 许昌 counties)", () => {
    const groups = new Map<string, Row[]>();
    for (const r of po.filter((x) => x.rank !== "")) {
      const k = `${r.league}|${r.indicator}|${r.region_level}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    expect(groups.size).toBeGreaterThanOrEqual(7);
    for (const [k, rows] of groups) expect(rankViolations(rows, "value_share"), k).toEqual([]);
    for (const r of po.filter((x) => x.rank !== "")) expect(num(r, "rank")).toBeLessThanOrEqual(num(r, "rank_of"));
  });

  it("山东's two 2017-02-28 tables rank all 15 cities 1 to 15, and the province lies within the city range", () => {
    for (const ind of ["completion_rate", "equipment_rate"]) {
      const cities = league("SD-briefing", ind, "city");
      expect(cities.map((r) => num(r, "rank")).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      const v = cities.map((r) => num(r, "value_share"));
      const prov = num(one(po, { league: "SD-briefing", indicator: ind, region_level: "province" }), "value_share");
      expect(prov).toBeGreaterThanOrEqual(Math.min(...v));
      expect(prov).toBeLessThanOrEqual(Math.max(...v));
    }
    expect(num(one(po, { region: "德州市", indicator: "completion_rate" }), "value_share")).toBe(0.943);
    expect(num(one(po, { region: "枣庄市", league: "SD-briefing", indicator: "equipment_rate" }), "value_share")).toBe(1.227);
  });

  it("云南's 16 州市 start rates are ranked 1 to 16 and 宁德's 9 counties 1 to 9", () => {
    expect(league("YN-2017-10", "start_rate", "city").map((r) => r.rank)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    expect(league("FJ-Ningde", "start_rate", "county").map((r) => r.rank)).toEqual(Array.from({ length: 9 }, (_, i) => String(i + 1)));
    expect(league("FJ-Ningde", "equipment_rate", "county").length).toBe(9);
  });

  it("许昌's five counties carry their published ranks among 河南's 110 counties", () => {
    const start = league("HA-Xuchang", "start_rate", "county");
    expect(start.map((r) => [r.region, r.value_share, r.rank, r.rank_of])).toEqual([
      ["禹州市", "0.9187", "23", "110"],
      ["襄城县", "0.8861", "29", "110"],
      ["鄢陵县", "0.85", "39", "110"],
      ["长葛市", "0.823", "44", "110"],
      ["许昌县", "0.808", "50", "110"],
    ]);
  });

  it("shares are the published percentages divided by 100", () => {
    for (const r of po) expect(num(r, "value_share")).toBeCloseTo(Number(r.value_pct_as_published) / 100, 10);
    for (const r of t.analog_programmes) expect(num(r, "value_share")).toBeCloseTo(Number(r.value_pct_as_published) / 100, 10);
  });
});

describe("progress_quantities.csv", () => {
  const pq = t.progress_quantities;
  it("宁德's published rates follow from its quantities: 31.35/33.9 ≈ 92.4%, 27.6/33.9 ≈ 81.4%, 14025/16684 = 84.06%", () => {
    const nd = (stage: string, item: string) => one(pq, { region: "宁德市", stage, item });
    expect(num(nd("started", "school_buildings"), "area_m2") / num(nd("planned", "school_buildings"), "area_m2")).toBeCloseTo(0.9237, 2);
    expect(num(nd("completed", "school_buildings"), "area_m2") / num(nd("planned", "school_buildings"), "area_m2")).toBeCloseTo(0.814, 3);
    expect(num(nd("completed", "equipment"), "amount_yi_yuan") / num(nd("planned", "equipment"), "amount_yi_yuan")).toBeCloseTo(0.8406, 4);
  });

  it("西安's 967 completed + 199 under construction + 26 in preparation = 1192 project schools", () => {
    const xa = (stage: string) => num(one(pq, { region: "西安市", stage }), "schools");
    expect(xa("completed") + xa("under_construction") + xa("preparation")).toBe(xa("planned"));
    expect(xa("planned")).toBe(1192);
  });

  it("山东's 1865.19万 m² completed at 87.18% implies a plan within 0.1% of seed file 001's 2140.51万 m²", () => {
    const done = num(one(pq, { region: "山东省", item: "school_buildings" }), "area_m2");
    const rate = num(one(t.progress_observations, { region: "山东省", indicator: "completion_rate" }), "value_share");
    expect(done).toBe(18651900);
    expect(Math.abs(done / rate - 21405100) / 21405100).toBeLessThan(0.001);
  });
});

describe("big_class_national.csv", () => {
  const bn = t.big_class_national;
  const count = (year: string, thr: string) => num(one(bn, { measure: "big_class_count", year, threshold_pupils: thr }), "classes");
  const change = (year: string, thr: string) => num(one(bn, { measure: "big_class_change", year, threshold_pupils: thr }), "classes_change");

  it("national 56+ classes: 36.8万 (2017) − 10.3万 reduction = 26.5万 (2018), the reading of the page that drops decimal points", () => {
    expect(count("2017", "56")).toBe(368000);
    expect(count("2017", "56") + change("2018", "56")).toBe(count("2018", "56"));
    expect(count("2018", "56")).toBe(265000);
  });

  it("national 66+ classes: 8.6万 (2017) − 6.7万 ≈ 1.87万 (2018) within rounding of the published 万", () => {
    expect(Math.abs(count("2017", "66") + change("2018", "66") - count("2018", "66"))).toBeLessThanOrEqual(500);
  });

  it("2018 shares match counts over the 375.49万 classes: 26.5/375.49 = 7.06%, 1.87/375.49 ≈ 0.5%", () => {
    const total = num(one(bn, { measure: "classes_total", year: "2018", level: "compulsory" }), "classes");
    expect(total).toBe(3754900);
    const share = (thr: string) => num(one(bn, { measure: "big_class_share", year: "2018", threshold_pupils: thr, bound: "exact" }), "share");
    expect(count("2018", "56") / total).toBeCloseTo(share("56"), 3);
    expect(count("2018", "66") / total).toBeCloseTo(share("66"), 3);
  });

  it("the 2018 decrease of 28% is 10.3万 / 36.8万, and 2017 counts match 10.1% and 2.4% shares of one class total", () => {
    const pct = num(one(bn, { measure: "big_class_change_share", year: "2018", threshold_pupils: "56" }), "share");
    expect(-change("2018", "56") / count("2017", "56")).toBeCloseTo(pct, 2);
    const s56 = num(one(bn, { measure: "big_class_share", year: "2017", threshold_pupils: "56" }), "share");
    const s66 = num(one(bn, { measure: "big_class_share", year: "2017", threshold_pupils: "66" }), "share");
    // both imply about 360万 classes; 2.4% is rounded to 0.1 point, so allow 2.5%
    expect(Math.abs(count("2017", "56") / s56 / (count("2017", "66") / s66) - 1)).toBeLessThan(0.025);
  });

  it("2018 primary classes by area stay below the primary total", () => {
    const p = (area: string) => num(one(bn, { measure: "classes_total", year: "2018", level: "primary", area }), "classes");
    expect(p("urban") + p("town")).toBeLessThan(p("all"));
    expect(p("all")).toBe(2753904);
  });

  it("the big-class share falls from 17.8% (2012) through 10.1%, 7.06%, 3.98% to 0.71% (2021)", () => {
    const series = bn
      .filter((r) => r.measure === "big_class_share" && r.threshold_pupils === "56" && r.level === "compulsory" && r.bound === "exact")
      .map((r) => [Number(r.year), num(r, "share")] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(series.map((s) => s[1])).toEqual([0.178, 0.101, 0.0706, 0.0398, 0.0071]);
  });
});

describe("big_class_provincial.csv", () => {
  const bp = t.big_class_provincial;
  it("河南's 56+ share fell from 26.13% (2013) to 13.01% (end 2018) and 66+ from 12.42% to 1.99%, meeting its 2018 66+ target of 5%", () => {
    const hn = (thr: string, year: string) => num(one(bp, { region: "河南", measure: "big_class_share", threshold_pupils: thr, year, bound: "exact" }), "share");
    expect([hn("56", "2013"), hn("56", "2018"), hn("66", "2013"), hn("66", "2018")]).toEqual([0.2613, 0.1301, 0.1242, 0.0199]);
    const target = num(one(bp, { region: "河南", threshold_pupils: "66", year: "2018", bound: "target_max" }), "share");
    expect(hn("66", "2018")).toBeLessThanOrEqual(target);
  });

  it("广西's county distribution counts stay within its 111 counties", () => {
    const gx = bp.filter((r) => r.region === "广西" && r.of_regions !== "");
    expect(gx.map((r) => num(r, "regions")).sort((a, b) => a - b)).toEqual([16, 40, 63]);
    for (const r of gx) expect(num(r, "regions")).toBeLessThanOrEqual(num(r, "of_regions"));
    const zero = num(one(gx, { bound: "eliminated" }), "regions");
    const below2 = num(one(gx, { threshold_pupils: "66", bound: "below" }), "regions");
    expect(zero).toBeLessThanOrEqual(below2);
  });

  it("耒阳's 740 classes of 66+ are among its 1437 of 56+, out of 3782 classes", () => {
    const ly = (measure: string, thr = "") => num(one(bp, { region: "耒阳市", measure, threshold_pupils: thr }), "classes");
    expect(ly("big_class_count", "66")).toBeLessThan(ly("big_class_count", "56"));
    expect(ly("big_class_count", "56")).toBeLessThan(ly("classes_total"));
  });

  it("河南's 3752 completed urban projects are within the 4105 planned", () => {
    const hn = (measure: string) => num(one(bp, { region: "河南", measure }), "projects");
    expect(hn("urban_projects_completed")).toBeLessThanOrEqual(hn("urban_projects_planned"));
  });
});

describe("standards.csv", () => {
  it("建标102-2002 per-pupil areas equal school area / (classes × 45 or 50 pupils) to within 0.1 m²", () => {
    const rows = t.standards.filter((r) => r.measure === "building_area");
    expect(rows.length).toBe(16);
    for (const r of rows) {
      const perPupil = num(r, "building_area_m2") / (num(r, "school_classes") * num(r, "pupils_per_class"));
      expect(Math.abs(perPupil - num(r, "building_area_m2_per_pupil")), `${r.level} ${r.table} ${r.school_classes}`).toBeLessThanOrEqual(0.1);
    }
  });

  it("planning indicators (4-1(2)) exceed basic indicators (4-1(1)) and per-pupil area falls with school size", () => {
    const area = (table: string, level: string, size: string) =>
      num(one(t.standards, { measure: "building_area", table, level, school_classes: size }), "building_area_m2_per_pupil");
    for (const level of ["primary", "junior"]) {
      const sizes = ["12", "18", "24", "30"];
      for (const s of sizes) expect(area("4-1(2)", level, s)).toBeGreaterThan(area("4-1(1)", level, s));
      for (let i = 1; i < sizes.length; i++) expect(area("4-1(1)", level, sizes[i])).toBeLessThan(area("4-1(1)", level, sizes[i - 1]));
    }
  });

  it("class-size standards: urban 45 / 50, rural near-term 45 / 50 and long-term 40 / 45, small rural primary 30, big class from 56", () => {
    const cs = (level: string, area: string, term: string) => one(t.standards, { measure: "class_size", level, area, term }).pupils_per_class;
    expect([cs("primary", "urban", "standard"), cs("junior", "urban", "standard")]).toEqual(["45", "50"]);
    expect([cs("primary", "rural", "near_term"), cs("junior", "rural", "near_term")]).toEqual(["45", "50"]);
    expect([cs("primary", "rural", "long_term"), cs("junior", "rural", "long_term")]).toEqual(["40", "45"]);
    expect(cs("primary_incomplete", "rural", "standard")).toBe("30");
    expect(one(t.standards, { measure: "class_size_band_big" }).min_pupils).toBe("56");
  });
});

describe("demography", () => {
  it("provincial 2015 rows reproduce the yearbook line quoted on each row", () => {
    expect(t.demography_provincial.length).toBe(26);
    for (const r of t.demography_provincial) {
      const f = r.quote.split("|");
      expect(f[0]).toBe(r.province);
      expect(num(r, "population_persons")).toBeCloseTo(Number(f[1]) * 10000, 0);
      expect(num(r, "urbanisation_share")).toBeCloseTo(Number(f[3]) / 100, 6);
      expect(num(r, "birth_rate_per_mille")).toBe(Number(f[6]));
      expect(num(r, "urban_population_persons") / num(r, "population_persons")).toBeCloseTo(num(r, "urbanisation_share"), 2);
    }
  });

  it("national births 2016–2019 (NBS) fall 1786万 → 1723万 → 1523万 → 1465万", () => {
    const births = t.demography.filter((r) => r.measure === "births");
    const byYear = new Map(births.map((r) => [r.year, num(r, "persons")]));
    expect([...["2016", "2017", "2018", "2019"].map((y) => byYear.get(y))]).toEqual([17860000, 17230000, 15230000, 14650000]);
  });

  it("2017 first births 724万 + second births 883万 stay below all births 1723万, and 883/1723 = 51.2%", () => {
    const v = (measure: string, col = "persons") => num(t.demography.find((r) => r.measure === measure && r.year === "2017")!, col);
    expect(v("first_births") + v("second_births")).toBeLessThan(v("births"));
    expect(v("second_births") / v("births")).toBeCloseTo(v("second_birth_share", "share"), 3);
  });
});

describe("allocation tables", () => {
  it("the central factor method has 4 groups whose sub-factors add up to 10", () => {
    const groups = t.allocation_factors.filter((r) => r.factor_group_en !== "all");
    expect(groups.length).toBe(4);
    expect(sum(groups.map((r) => num(r, "subfactor_count")))).toBe(num(one(t.allocation_factors, { factor_group_en: "all" }), "subfactor_count"));
    for (const r of groups) expect(r.subfactors.split("; ").length).toBe(num(r, "subfactor_count"));
    expect(t.allocation_factors.every((r) => r.weight === "")).toBe(true);
  });

  it("national totals: central 1699亿 + local 3727亿 exceed the 5227亿 plan by ≈200亿, and 1699亿 is within 3% of 350 × 5", () => {
    const ct = t.central_totals;
    const c = (measure: string, amount: string) => one(ct, { measure, amount_yi_yuan: amount, published: "2019-02-26" });
    const plan = num(one(ct, { measure: "plan_total_all_sources", amount_yi_yuan: "5227" }), "amount_yi_yuan");
    const total = num(c("central_invested", "1699"), "amount_yi_yuan") + num(c("local_invested", "3727"), "amount_yi_yuan");
    expect(Math.abs(total - plan - 200)).toBeLessThanOrEqual(5);
    expect(Math.abs(1699 / 1750 - 1)).toBeLessThan(0.03);
    expect(ct.filter((r) => r.measure === "central_allocated" && r.period_start_year === "2014").map((r) => r.amount_yi_yuan)).toEqual(["310", "310"]);
  });

  it("provincial splits add up: 甘肃 39.42 + 4.61 + 1.04 = 45.07, 云南 92.33 + 46.7 + 46.17 = 185.2, 平凉 12.15 + 4.76 + 0.6491 + 5.16 ≈ 22.72", () => {
    const pt = t.provincial_totals;
    const parts = (region: string, fund: string, period_end: string) => {
      const rows = pt.filter((r) => r.region === region && r.fund === fund && r.period_end_year === period_end && r.amount_yi_yuan !== "");
      const total = num(rows.find((r) => r.fund_source === "all_levels")!, "amount_yi_yuan");
      return [sum(rows.filter((r) => r.fund_source !== "all_levels").map((r) => num(r, "amount_yi_yuan"))), total];
    };
    const [gs, gsT] = parts("甘肃省", "bogai_2010_2013", "2013");
    expect(gs).toBeCloseTo(gsT, 6);
    const [yn, ynT] = parts("云南省", "gaibo", "2017");
    expect(yn).toBeCloseTo(ynT, 6);
    const [pl, plT] = parts("平凉市", "gaibo", "2018");
    expect(Math.abs(pl - plT)).toBeLessThanOrEqual(0.005);
  });

  it("河南's cumulative 全面改薄 investment grows from 259.45亿 (early 2018) to 311.43亿 (end 2018)", () => {
    const hn = t.provincial_totals.filter((r) => r.region === "河南省" && r.measure === "invested").map((r) => num(r, "amount_yi_yuan"));
    expect(hn).toEqual([259.45, 311.43]);
  });

  it("广西's 2017 allocation 37.28亿 is 2.56亿 (7.4%) above 2016", () => {
    const gx = (measure: string) => one(t.provincial_allocations, { region: "广西", measure });
    const total = num(gx("allocation"), "amount_yi_yuan");
    const change = num(gx("allocation_change"), "amount_yi_yuan");
    expect(change / (total - change)).toBeCloseTo(num(gx("allocation_change"), "growth_share"), 3);
  });

  it("浙江 2021: pre-issued + this batch = total for every row, and complete cities equal the sum of their counties", () => {
    const zj = t.county_allocations.filter((r) => r.fund === "successor_2019");
    const get = (region: string, measure: string) => num(one(zj, { region, measure }), "amount_wan_yuan");
    const regions = [...new Set(zj.map((r) => r.region))];
    expect(regions.length).toBe(16);
    for (const r of regions) expect(get(r, "pre_issued") + get(r, "this_batch"), r).toBe(get(r, "total"));
    const countiesOf = (city: string) => sum(zj.filter((r) => r.city === city && r.region_level === "county" && r.measure === "total").map((r) => num(r, "amount_wan_yuan")));
    for (const city of ["杭州市", "温州市", "金华市"]) expect(countiesOf(city), city).toBe(get(city, "total"));
    expect(countiesOf("衢州市")).toBeLessThan(get("衢州市", "total"));
    const cities = sum(zj.filter((r) => r.region_level === "city" && r.measure === "total").map((r) => num(r, "amount_wan_yuan")));
    expect(cities).toBeLessThanOrEqual(get("浙江省", "total"));
  });

  it("county receipts add up: 尉氏 2561 + 2446 = 5007 = buildings 3699.75 + equipment 1307.25; 剑川 517 + 282 + 40 + 95 = 934; 吉林 483 + 49.1 = 532.1", () => {
    const ca = t.county_allocations;
    const w = (region: string, match: Row) => ca.filter((r) => r.region === region && Object.entries(match).every(([k, v]) => r[k] === v)).map((r) => num(r, "amount_wan_yuan"));
    expect(sum(w("尉氏县", { measure: "received", budget_year: "2014" })) + sum(w("尉氏县", { measure: "received", budget_year: "2015" }))).toBe(5007);
    expect(sum(w("尉氏县", { measure: "received_buildings" })) + sum(w("尉氏县", { measure: "received_equipment" }))).toBeCloseTo(5007, 6);
    expect(sum(w("尉氏县", { measure: "received", budget_year: "2014-2015" }))).toBe(5007);
    expect(sum(w("剑川县", { fund_source: "central" })) + sum(w("剑川县", { fund_source: "provincial" })) + sum(w("剑川县", { fund_source: "prefecture" })) + sum(w("剑川县", { fund_source: "county" }))).toBe(934);
    expect(sum(w("吉林市城区", { fund_source: "provincial" })) + sum(w("吉林市城区", { fund_source: "local_match" }))).toBeCloseTo(532.1, 6);
  });

  it("rules hold the national 70% (end 2017) target and leave the garbled 90% deadline empty", () => {
    const seventy = one(t.rules, { rule_kind: "target", region: "全国", threshold_share: "0.7" });
    expect(seventy.deadline).toBe("2017-12-31");
    expect(one(t.rules, { rule_kind: "target", threshold_share: "0.9" }).deadline).toBe("");
    expect(one(t.rules, { rule_kind: "target", region: "河北" }).threshold_share).toBe("0.8");
  });
});
