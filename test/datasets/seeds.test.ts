import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DATASETS,
  isIsoDate,
  num,
  one,
  rankViolations,
  readHeader,
  readPackage,
  readResource,
  readRows,
  validateRows,
  type Row,
} from "./dataset-helpers.js";

const SEEDS = path.join(DATASETS, "seeds");
const pkg = readPackage("seeds");
const tables = Object.fromEntries(pkg.resources.map((r) => [r.name, readRows(path.join(SEEDS, r.path))])) as Record<string, Row[]>;
const sourceText = (file: string) => fs.readFileSync(path.join(SEEDS, "sources", file), "utf8");

describe("datasets/seeds datapackage.json", () => {
  it("datapackage.json lists every CSV in datasets/seeds and nothing else", () => {
    const csvs = fs.readdirSync(SEEDS).filter((f) => f.endsWith(".csv")).sort();
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(csvs);
    expect(csvs.length).toBe(9);
  });

  it("every column of each seed CSV is declared in datapackage.json, in order, and vice versa", () => {
    for (const r of pkg.resources) {
      expect(readHeader(path.join(SEEDS, r.path)), r.path).toEqual(r.schema.fields.map((f) => f.name));
    }
  });

  it("every resource is marked provenance seed and every field has a description; numeric fields have a unit", () => {
    for (const r of pkg.resources) {
      expect(r.provenance).toBe("seed");
      expect(r.sources?.length).toBeGreaterThan(0);
      for (const f of r.schema.fields) {
        expect(f.description, `${r.name}.${f.name}`).toBeTruthy();
        if (f.type === "number" || f.type === "integer" || f.type === "date") expect(f.unit, `${r.name}.${f.name}`).toBeTruthy();
      }
    }
  });

  it("every row satisfies its field types, required cells, enums and ranges", () => {
    const problems = pkg.resources.flatMap((r) => validateRows(r.path, tables[r.name], r.schema.fields));
    expect(problems).toEqual([]);
  });
});

describe("seed provenance", () => {
  it("every seed row names an existing seed file and quotes a clause that appears verbatim in it", () => {
    const missing: string[] = [];
    let n = 0;
    for (const [name, rows] of Object.entries(tables)) {
      for (const row of rows) {
        n++;
        expect(row.source_file).toMatch(/^00\d_[0-9a-f]{16}\.txt$/);
        expect(row.quote.length).toBeGreaterThan(0);
        if (!sourceText(row.source_file).includes(row.quote)) missing.push(`${name}: ${row.quote}`);
      }
    }
    expect(missing).toEqual([]);
    expect(n).toBeGreaterThan(150);
  });

  it("the vendored seed copies are byte-identical to /work/shared/seeds when that folder exists", () => {
    const shared = "/work/shared/seeds";
    if (!fs.existsSync(shared)) return;
    for (const f of fs.readdirSync(path.join(SEEDS, "sources"))) {
      expect(fs.readFileSync(path.join(SEEDS, "sources", f)).equals(fs.readFileSync(path.join(shared, f))), f).toBe(true);
    }
  });

  it("every number in a quote-bearing amount row appears in its quote (amount_as_published is taken from the quote)", () => {
    for (const row of tables.fund_plans) {
      const digits = row.amount_as_published.match(/[\d.]+/)?.[0];
      if (digits) expect(row.quote.replace(/\s/g, ""), row.quote).toContain(digits);
    }
  });

  it("all date cells in the seed tables are valid ISO dates", () => {
    const dateCols = pkg.resources.flatMap((r) => r.schema.fields.filter((f) => f.type === "date").map((f) => [r.name, f.name] as const));
    expect(dateCols.length).toBeGreaterThanOrEqual(8);
    for (const [t, c] of dateCols) for (const row of tables[t]) if (row[c] !== "") expect(isIsoDate(row[c]), `${t}.${c}=${row[c]}`).toBe(true);
  });

  it("all share columns lie within [0, 20]", () => {
    const shareCols: [string, string][] = [
      ["progress_rates", "value_share"],
      ["progress_distribution", "threshold_share"],
      ["big_class_shares", "share"],
      ["structure_shares", "share"],
      ["programme_targets", "threshold_share"],
    ];
    for (const [t, c] of shareCols)
      for (const row of tables[t]) if (row[c] !== "") expect(num(row, c), `${t}.${c}`).toBeGreaterThanOrEqual(0), expect(num(row, c)).toBeLessThanOrEqual(20);
  });
});

describe("fund_plans.csv arithmetic", () => {
  const fp = tables.fund_plans;
  const henan = (fund_source: string, use = "all") => num(one(fp, { region: "河南省", scope: "five_year_plan", fund_source, use }), "amount_yi_yuan");

  it("Henan central 159.82 = central 全面改薄 135.04 + other central 24.79 within rounding", () => {
    expect(henan("central_total")).toBe(159.82);
    expect(henan("central_gaibo") + henan("central_other")).toBeCloseTo(159.82, 1);
    expect(Math.abs(henan("central_gaibo") + henan("central_other") - henan("central_total"))).toBeLessThanOrEqual(0.011);
  });

  it("Henan local 106.47 = province 42.4 + city 1.38 + county 62.69", () => {
    expect(henan("provincial") + henan("city") + henan("county")).toBeCloseTo(henan("local_total"), 6);
    expect(henan("local_total")).toBe(106.47);
  });

  it("Henan total 267.91 = central 159.82 + local 106.47 + other 1.62, and buildings 213.47 + equipment 54.43 = 267.90 ≈ 267.91 (±0.01 rounding)", () => {
    expect(henan("central_total") + henan("local_total") + henan("other")).toBeCloseTo(henan("total"), 6);
    const split = henan("total", "buildings") + henan("total", "equipment");
    expect(split).toBeCloseTo(267.9, 6);
    expect(Math.abs(split - henan("total"))).toBeLessThanOrEqual(0.011);
    expect(henan("total")).toBe(267.91);
  });

  it("the national central budget is 350亿 a year and 350 × 5 = 1750亿 over five years", () => {
    const annual = num(one(fp, { region: "全国", scope: "annual" }), "amount_yi_yuan");
    const five = fp.filter((r) => r.region === "全国" && r.scope === "five_year_plan").map((r) => num(r, "amount_yi_yuan"));
    expect(annual).toBe(350);
    expect(five).toEqual([1750, 1750]);
    expect(annual * 5).toBe(five[0]);
  });

  it("Zhongmou 7400 + 1765 + 40534 = 49699万元, stored exactly as 4.9699亿元", () => {
    const zm = (fund_source: string) => num(one(fp, { region: "中牟县", scope: "five_year_plan", fund_source, use: "all" }), "amount_yi_yuan");
    expect(zm("total")).toBe(4.9699);
    expect(Math.round((zm("central_total") + zm("provincial") + zm("county")) * 10000)).toBe(49699);
    expect(num(one(fp, { region: "中牟县", scope: "five_year_plan", use: "equipment" }), "amount_yi_yuan")).toBe(0.783);
  });

  it("Taihe's itemised uses 5.5 + 5.86 + 2.28 = 13.64亿 stay below the 14.5亿 total, leaving 0.86亿 unexplained", () => {
    const th = (use: string) => num(one(fp, { region: "太和县", scope: "cumulative", use }), "amount_yi_yuan");
    const parts = th("rural_buildings") + th("urban_schools") + th("equipment");
    expect(parts).toBeCloseTo(13.64, 6);
    expect(parts).toBeLessThan(th("all"));
    expect(th("all") - parts).toBeCloseTo(0.86, 6);
    expect(th("land")).toBe(0.56);
  });

  it("Shandong's 129.98亿 invested by mid-2015 is 30.88% of the 420.88亿 plan", () => {
    const plan = num(one(fp, { region: "山东省", scope: "five_year_plan" }), "amount_yi_yuan");
    const done = num(one(fp, { region: "山东省", fund_source: "total", stage: "invested" }), "amount_yi_yuan");
    const share = num(one(tables.progress_rates, { region: "山东省", indicator: "investment_share" }), "value_share");
    expect(done / plan).toBeCloseTo(share, 3);
  });

  it("Shandong's city money 4.65亿 at 3.5% of funds in implies about 133亿 in, consistent with 129.98亿 invested", () => {
    const city = num(one(fp, { region: "山东省", fund_source: "city", stage: "invested" }), "amount_yi_yuan");
    const share = num(one(tables.structure_shares, { region: "山东省", numerator: "city-level funds invested" }), "share");
    expect(share).toBe(0.035);
    expect(Math.abs(city / share - 129.98) / 129.98).toBeLessThan(0.05);
  });
});

describe("progress_rates.csv and progress_distribution.csv", () => {
  const pr = tables.progress_rates;

  it("Xinjiang's completion rose from 36% (2017-04-30) to 73% (2017-08-31) and equipment from 18% to 87%, both past the 70% target", () => {
    const xj = (indicator: string, as_of: string) => num(one(pr, { region: "新疆维吾尔自治区", indicator, as_of }), "value_share");
    expect(xj("completion_rate", "2017-04-30")).toBe(0.36);
    expect(xj("equipment_rate", "2017-04-30")).toBe(0.18);
    expect(xj("completion_rate", "2017-08-31")).toBe(0.73);
    expect(xj("equipment_rate", "2017-08-31")).toBe(0.87);
    const targets = tables.programme_targets.filter((t) => t.deadline === "2017-12-31");
    expect(targets.map((t) => [t.indicator, t.comparison, t.threshold_share]).sort()).toEqual([
      ["completion_rate", "above", "0.7"],
      ["equipment_rate", "above", "0.7"],
    ]);
    for (const t of targets) expect(xj(t.indicator, "2017-08-31")).toBeGreaterThan(num(t, "threshold_share"));
  });

  it("Sanmenxia at 2016-10-31: start 86.03% ranks 2nd, completion 60.17% 3rd, equipment 93.71% 1st of 18 cities", () => {
    const smx = pr.filter((r) => r.region === "三门峡市");
    expect(smx.map((r) => [r.indicator, r.value_share, r.rank, r.rank_of, r.as_of])).toEqual([
      ["start_rate", "0.8603", "2", "18", "2016-10-31"],
      ["completion_rate", "0.6017", "3", "18", "2016-10-31"],
      ["equipment_rate", "0.9371", "1", "18", "2016-10-31"],
    ]);
  });

  it("Zhongmou's 2016 shares match their counts: 10 / 7 ≈ 143% and 188000 / 14648 m² ≈ 1283%", () => {
    const pq = tables.plan_quantities;
    const q = (stage: string, item: string) => num(one(pq, { region: "中牟县", scope: "annual", stage, item }), "quantity");
    const share = (indicator: string) => num(one(pr, { region: "中牟县", scope: "annual_plan_2016", indicator }), "value_share");
    expect(q("started", "schools") / q("planned", "schools")).toBeCloseTo(share("schools_started_share"), 2);
    expect(q("started", "projects") / q("planned", "projects")).toBeCloseTo(share("projects_started_share"), 2);
    expect(q("started", "school_buildings_m2") / q("planned", "school_buildings_m2")).toBeCloseTo(share("start_rate"), 2);
  });

  it("Zhongmou's published 761% equipment rate contradicts its own amounts and the row says so", () => {
    const row = one(pr, { region: "中牟县", scope: "annual_plan_2016", indicator: "equipment_rate" });
    expect(num(row, "value_share")).toBe(7.61);
    const planned = num(one(tables.fund_plans, { region: "中牟县", scope: "annual", stage: "planned" }), "amount_yi_yuan");
    const bought = num(one(tables.fund_plans, { region: "中牟县", scope: "annual", stage: "invested", use: "equipment" }), "amount_yi_yuan");
    expect(bought / planned).toBe(1);
    expect(row.note).toMatch(/INCONSISTENT/);
  });

  it("Bengbu's completion 108.3% and equipment 91.9% are stored as 1.083 and 0.919 with no date", () => {
    expect(pr.filter((r) => r.region === "蚌埠市").map((r) => [r.indicator, r.value_share, r.as_of])).toEqual([
      ["completion_rate", "1.083", ""],
      ["equipment_rate", "0.919", ""],
      ["equipment_projects_done_share", "1", ""],
    ]);
  });

  it("published ranks in the seed league tables agree with the published values", () => {
    const groups = new Map<string, Row[]>();
    for (const r of pr.filter((x) => x.rank !== "" && x.value_share !== "")) {
      const k = `${r.rank_scope}|${r.indicator}|${r.as_of}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const rows of groups.values()) expect(rankViolations(rows, "value_share")).toEqual([]);
    for (const r of pr.filter((x) => x.rank !== "" && x.rank_of !== "")) expect(num(r, "rank")).toBeLessThanOrEqual(num(r, "rank_of"));
  });

  it("Shandong's distribution statements are coherent: 5 above 50%, 4 below 30% of which 2 below 20%, of 15 cities", () => {
    const d = tables.progress_distribution.filter((r) => r.indicator === "start_rate" && r.count_qualifier === "exact");
    const c = (bound: string, t: string) => d.filter((r) => r.bound === bound && r.threshold_share === t).map((r) => num(r, "count_regions"));
    expect(c("above", "0.5")).toEqual([5, 5]);
    expect(c("below", "0.3")).toEqual([4]);
    expect(c("below", "0.2")).toEqual([2]);
    expect(c("below", "0.2")[0]).toBeLessThanOrEqual(c("below", "0.3")[0]);
    expect(c("above", "0.5")[0] + c("below", "0.3")[0]).toBeLessThanOrEqual(15);
    for (const r of tables.progress_distribution) if (r.of_regions !== "") expect(num(r, "count_regions")).toBeLessThanOrEqual(num(r, "of_regions"));
  });
});

describe("big_class_shares.csv, plan_quantities.csv, programme_targets.csv", () => {
  it("Shandong 2015 big-class shares are urban/town primary 51.29%/46.30% and junior 47.37%/44.79%", () => {
    const rows = tables.big_class_shares.filter((r) => r.denominator === "classes");
    expect(rows.map((r) => [r.level, r.area, r.share, r.threshold_pupils, r.survey_year])).toEqual([
      ["primary", "urban", "0.5129", "56", "2015"],
      ["primary", "town", "0.463", "56", "2015"],
      ["junior", "urban", "0.4737", "56", "2015"],
      ["junior", "town", "0.4479", "56", "2015"],
    ]);
  });

  it("Shandong's plan quantities are converted from 万 exactly (2140.51万 m² → 21405100 m²)", () => {
    const sd = (item: string) => num(one(tables.plan_quantities, { region: "山东省", scope: "five_year_plan", item }), "quantity");
    expect(sd("school_buildings_m2")).toBe(21405100);
    expect(sd("sports_grounds_m2")).toBe(22005800);
    expect(sd("desk_sets")).toBe(2653700);
    expect(sd("books")).toBe(65033000);
    expect(sd("computers")).toBe(430500);
    expect(sd("beds")).toBe(599700);
    expect(sd("schools")).toBe(9765);
    expect(sd("counties")).toBe(111);
  });

  it("programme rules carry the published durations and reporting days", () => {
    const pt = tables.programme_targets;
    expect(num(one(pt, { region: "全国", rule_kind: "deadline", duration_months: "24" }), "duration_months")).toBe(24);
    expect(num(one(pt, { region: "全国", rule_kind: "deadline", duration_months: "6" }), "duration_months")).toBe(6);
    expect(one(pt, { region: "全国", rule_kind: "reporting", start_date: "2014-10-01" }).interval_months).toBe("2");
    expect(one(pt, { region: "河南省", day_of_month: "5" }).interval_months).toBe("2");
    expect(one(pt, { region: "山东省", rule_kind: "target", indicator: "start_rate" }).duration_months).toBe("36");
    expect(one(pt, { region: "全国", rule_kind: "goal", deadline: "2018-12-31" }).source_file).toBe("000_ad37a7042b57e381.txt");
  });

  it("every figure that rests on an inferred year says so in its note", () => {
    for (const [name, rows] of Object.entries(tables))
      for (const r of rows) {
        const basis = r.as_of_basis ?? r.deadline_basis ?? r.date_basis ?? "";
        if (basis.startsWith("inferred") || r.quote.includes("20xx")) expect(r.note.length, `${name}: ${r.quote}`).toBeGreaterThan(10);
      }
  });
});
