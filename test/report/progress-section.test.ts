import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { supportedProbability } from "../../src/progress/supported-probability.js";
import { progressSections } from "../../src/report/progress-section.js";
import { placeName } from "../../src/charts/place-name.js";
import type { ReportSection } from "../../src/report/render-html.js";

describe("progressSections", () => {
  let data: BundledData;
  let sections: ReportSection[];
  beforeAll(async () => {
    data = await loadBundledData();
    sections = progressSections(data, "en");
  }, 120_000);
  const chart = (id: string) => sections.flatMap((s) => s.charts).find((c) => c.id === id)!;

  it("progressSections(bundled) gives a county one forecast: fan, band-narrowing, probability chart and risk table agree", () => {
    const deadline = "2017-12-31";
    const fan = chart("progress-fan-laggard-completion-rate").rows.find((r) => r.kind === "forecast" && r.date === deadline)!;
    const steps = chart("progress-band-narrowing-laggard-completion").rows;
    const last = steps[steps.length - 1];
    expect(last.median).toBe(fan.median);
    expect(last.lower).toBe(fan.lower);
    expect(last.upper).toBe(fan.upper);
    const title = chart("progress-fan-laggard-completion-rate").title;
    const county = String(title).split(" (")[0];
    // the English page names the county “Synthetic county 101”; chart rows keep 合成县101
    expect(county).toMatch(/^Synthetic county \d{3}$/);
    const probRow = chart("progress-target-probability-completion").rows.find((r) => placeName(String(r.county_name), "en") === county)!;
    expect(probRow.probability).toBe(last.probability);
    const risk = sections.flatMap((s) => s.tables ?? []).find((t) => t.title.startsWith("Counties with less than even odds"))!;
    const riskRow = risk.rows.find((r) => String(r[0]).startsWith(`${county} (`))!;
    expect(riskRow[4]).toBe(supportedProbability(last.probability as number).text);
    expect(riskRow[3]).toBe(`${((fan.median as number) * 100).toFixed(1)}%`);
  });

  it("progressSections(bundled) headlines the joint “both above 70%” probability with both forecasts and never prints 100.0%", () => {
    const headline = sections.flatMap((s) => s.headline ?? []);
    const joint = headline.find((h) => h.id === "p-completion-equipment-70")!;
    expect(joint.note).toMatch(/completion median \d+% \(\d+%–\d+%\), equipment \d+% \(\d+%–\d+%\)/);
    // No probability reads "100.0%" (a rate may: a province whose counties all reached the plan is at 100.0%).
    const tables = sections.flatMap((s) => s.tables ?? []);
    const probCells = tables.flatMap((t) => t.columns.flatMap((c, k) => (/probability/i.test(c) ? t.rows.map((r) => String(r[k])) : [])));
    expect(probCells.length).toBeGreaterThan(5);
    for (const c of probCells) expect(c).not.toContain("100.0%");
    for (const h of headline) expect(JSON.stringify(h.value ?? "")).not.toContain("100.0%");
    // every indicator of the 双月报 has its province fan
    for (const i of ["completion-rate", "equipment-rate", "start-rate", "funds-rate"]) expect(chart(`progress-fan-province-${i}`)).toBeDefined();
  });

  it("progressSections(bundled, \"en\"): county and city names in pinyin or as “Synthetic county 101”, Chinese only in brackets (chart data rows keep the names as in the data)", () => {
    const han: string[] = [];
    const walk = (o: unknown, path: string): void => {
      if (typeof o === "string") {
        // drop bracketed Chinese, then nothing Han may remain
        const rest = o.replace(/\([^()]*\)|（[^（）]*）/g, "");
        if (/[\u4e00-\u9fff]/.test(rest)) han.push(`${path}: ${o.slice(0, 60)}`);
      } else if (Array.isArray(o)) o.forEach((x) => walk(x, path));
      else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) if (k !== "rows" || !path.endsWith("charts")) walk(v, `${path}.${k}`);
    };
    for (const s of sections.filter((x) => x.id === "progress-counties")) walk(s, s.id);
    expect(han).toEqual([]);
    const risk = sections.flatMap((s) => s.tables ?? []).find((t) => t.columns[0] === "county")!;
    expect(risk.rows[0][0]).toMatch(/^Synthetic county \d{3} \(合成县\d{3}\)$/);
  });
});
