import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { scenarioVariants } from "../../src/report/build-report.js";
import { renderReportHtml, type ReportVariant } from "../../src/report/render-html.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";
import { formatMoneyWanYuan, formatMonth, formatNumber, formatShare } from "../../src/shared/format-number.js";

describe("format-number (hand-checked values)", () => {
  it("formatNumber never prints -0 and separates thousands", () => {
    expect(formatNumber(-0.001, 2)).toBe("0.00");
    expect(formatNumber(-0.004)).toBe("0");
    expect(formatNumber(-0.01, 2)).toBe("-0.01");
    expect(formatNumber(21946.6)).toBe("21,947");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatShare(0.7361, 1)).toBe("73.6%");
  });
  it("formatMoneyWanYuan: 亿元/万元 on the Chinese page, bn/m yuan on the English (135.04亿元 = 13.50 bn yuan)", () => {
    expect(formatMoneyWanYuan(1350400, "zh")).toBe("135.04 亿元");
    expect(formatMoneyWanYuan(2350, "zh")).toBe("2,350 万元");
    expect(formatMoneyWanYuan(1350400, "en")).toBe("13.50 bn yuan");
    expect(formatMoneyWanYuan(2679100, "en")).toBe("26.79 bn yuan");
    expect(formatMoneyWanYuan(2350, "en")).toBe("23.5 m yuan");
    expect(formatMonth("2015-07-31", "zh")).toBe("2015年7月");
    expect(formatMonth("2015-07-31", "en")).toBe("Jul 2015");
  });
});

/**
 * One number, one value: every element that shows a headline quantity (the card and the table cells marked
 * with the same `data-kpi`) shows the same numbers, and the pages keep one language and one money convention.
 */
describe("the briefing's numbers agree with each other", () => {
  let variants: ReportVariant[];
  // Every preset of the default report, the national view included (each on its own region's data).
  const PRESETS = ["henan-plan", "shandong-midyear", "xinjiang-2017", "national-2015"];
  beforeAll(async () => {
    const bundled = await loadBundledData();
    const runs = [];
    for (const name of PRESETS) {
      const { scenario, file } = await loadScenario(name);
      runs.push({ scenario, data: await loadScenarioData(scenario, file, bundled) });
    }
    variants = scenarioVariants(runs, "zh");
  }, 600_000);

  // One variant's own part of the page: up to the next variant or the comparison view (which holds every scenario's cells).
  const variantPart = (html: string, key: string) => {
    const start = html.indexOf(`data-variant="${key}"`);
    const ends = [html.indexOf('data-variant="', start + 20), html.indexOf("data-compare-lang=", start)].filter((i) => i > 0);
    return html.slice(start, ends.length ? Math.min(...ends) : undefined);
  };
  const numbers = (s: string) => (s.match(/\d[\d,]*(\.\d+)?/g) ?? []).map((x) => Number(x.replace(/,/g, "")));

  it("a card and the table cells with its data-kpi show the same value and interval, in both languages", () => {
    const html = renderReportHtml(variants, "");
    let compared = 0;
    for (const v of variants) {
      const part = variantPart(html, v.key);
      const cards = [...part.matchAll(/<div class="value" data-kpi="([^"]+)"[^>]*>([^<]*)</g)].map((m) => ({ kpi: m[1], text: m[2] }));
      const cells = [...part.matchAll(/<td[^>]*? data-kpi="([^"]+)"[^>]*>([^<]*)</g)].map((m) => ({ kpi: m[1], text: m[2] }));
      expect(cards.length, v.key).toBeGreaterThan(0);
      // Every card carries data-kpi; those whose quantity a table also shows must show it alike. The 2020 big
      // classes stand on a card and in the milestone table on every page.
      expect(cells.map((c) => c.kpi), v.key).toContain("big-classes-2020");
      for (const card of cards) {
        const same = cells.filter((c) => c.kpi === card.kpi);
        for (const c of same) {
          expect(numbers(c.text), `${v.key} ${card.kpi}`).toEqual(numbers(card.text));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(2 * PRESETS.length);
    expect(new Set(variants.map((v) => v.scenario?.name))).toEqual(new Set(PRESETS));
  });

  it("both languages of a scenario carry the same data-kpi numbers (money converted: 亿元 ÷ 10 = bn yuan)", () => {
    const html = renderReportHtml(variants, "");
    const kpis = (key: string) => {
      const part = variantPart(html, key);
      return Object.fromEntries(
        [...part.matchAll(/<div class="value" data-kpi="([^"]+)"(?: data-kpi-value="([^"]*)")?(?: data-kpi-unit="([^"]*)")?/g)].map((m) => [m[1], { value: m[2] === undefined ? null : Number(m[2]), unit: m[3] ?? null }]),
      );
    };
    for (const name of PRESETS) {
      const zh = kpis(`${name}~zh`);
      const en = kpis(`${name}~en`);
      expect(Object.keys(en).sort(), name).toEqual(Object.keys(zh).sort());
      for (const [k, z] of Object.entries(zh)) {
        if (z.value === null) continue;
        const factor = z.unit === "亿元" && en[k].unit === "bn yuan" ? 10 : 1;
        expect(en[k].value! * factor, `${name} ${k}`).toBeCloseTo(z.value, 1);
      }
    }
  });

  it("tables print no '-0.00' and the English page names money in bn yuan only (no 'hundred-million', '×100m', bare 亿)", () => {
    for (const v of variants) {
      const cells = v.doc.sections.flatMap((s) => (s.tables ?? []).flatMap((t) => t.rows.flat().map(String)));
      expect(cells.filter((c) => /^-0(\.0+)?$/.test(c)), v.key).toEqual([]);
      if (v.doc.lang !== "en") continue;
      const text = [
        ...v.doc.sections.flatMap((s) => [...(s.paragraphs ?? []), ...(s.headline ?? []).flatMap((h) => [h.value, h.note ?? ""]), ...(s.tables ?? []).flatMap((t) => [t.title, ...t.columns, t.note ?? ""])]),
        ...v.doc.sections.flatMap((s) => s.charts.map((c) => c.title)),
      ].join("\n");
      expect(text).not.toMatch(/hundred-million|×100m|100 million yuan/);
      // 亿 may appear only inside brackets beside the English amount (a quote), never as the amount's unit.
      expect(text.replace(/\([^)]*\)|（[^）]*）/g, "")).not.toMatch(/\d\s*亿/);
    }
  });
});

describe("notebookTableHtml", () => {
  it("notebookTableHtml(rows) formats numbers (separators, decimals, no -0.00), right-aligns them and prints missing values as —", async () => {
    const { notebookTableHtml } = await import("../../src/report/notebook-table.js");
    const html = notebookTableHtml(
      [
        { 县: "合成县001", 人数: 21946, 概率: 0.12345, 差: "-0.00", 缺: null },
        { 县: "合成县002", 人数: 1234567, 概率: -0.0001, 差: "0.01", 缺: Number.NaN },
      ],
      { digits: { 概率: 2 }, title: "表" },
    );
    const cells = [...html.matchAll(/<td style="[^"]*text-align:(\w+)">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(cells).toEqual([
      ["left", "合成县001"], ["right", "21,946"], ["right", "0.12"], ["right", "0.00"], ["right", "—"],
      ["left", "合成县002"], ["right", "1,234,567"], ["right", "0.00"], ["right", "0.01"], ["right", "—"],
    ]);
    expect(html).toContain("<caption");
    expect(html).toContain("<th");
  });
});

describe("dropEmptyColumns", () => {
  it("dropEmptyColumns(table) leaves out columns that are — in every row, keeps the label column and moves kpi cells", async () => {
    const { dropEmptyColumns } = await import("../../src/report/render-html.js");
    const t = dropEmptyColumns({
      title: "回测",
      columns: ["方法", "≤6 月", "12–18 月", "全部"],
      rows: [
        ["pooled", "1.20", "—", "1.50"],
        ["—", "2.00", "—", "2.10"],
      ],
      kpiCells: [{ kpi: "x", row: 0, column: 3 }],
    });
    expect(t.columns).toEqual(["方法", "≤6 月", "全部"]);
    expect(t.rows).toEqual([
      ["pooled", "1.20", "1.50"],
      ["—", "2.00", "2.10"],
    ]);
    expect(t.kpiCells).toEqual([{ kpi: "x", row: 0, column: 2 }]);
  });
});
