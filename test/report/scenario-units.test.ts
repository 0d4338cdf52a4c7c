import { beforeAll, describe, expect, it } from "vitest";
import type { Chart } from "../../src/charts/figure.js";
import { unitLabel } from "../../src/charts/unit-noun.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { allocationView } from "../../src/browser/allocation-view.js";
import { deadlineView } from "../../src/browser/progress-view.js";
import { buildReportDocument, scenarioVariants } from "../../src/report/build-report.js";
import { allocationSections } from "../../src/report/allocation-section.js";
import { progressSections } from "../../src/report/progress-section.js";
import { foundationSections } from "../../src/report/foundation-sections.js";
import type { ReportDocument } from "../../src/report/render-html.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";

describe("unitLabel", () => {
  it("names counties by default and province-level units on the national view", () => {
    expect(unitLabel("{units}（从多到少）", "zh")).toBe("县（从多到少）");
    expect(unitLabel("{units}（从多到少）", "zh", "province")).toBe("省级单位（从多到少）");
    expect(unitLabel("{Units} with less than even odds", "en", "province")).toBe("Provinces with less than even odds");
    expect(unitLabel("{unit} league table, of {units}", "en", "county")).toBe("county league table, of counties");
    expect(unitLabel("{whole} > 95%", "zh", "province")).toBe("全国 > 95%");
    expect(unitLabel("{whole} > 95%", "en")).toBe("province > 95%");
  });
});

/** Every text of a chart that names what its rows are: axis titles, legend (trace) names, hover templates, notes. */
function unitTexts(chart: Chart): string[] {
  const f = chart.figure as { data?: { name?: string; hovertemplate?: string | string[] }[]; layout?: Record<string, unknown> };
  const layout = f.layout ?? {};
  const out: string[] = [];
  for (const [k, axis] of Object.entries(layout)) {
    const title = /^[xy]axis\d*$/.test(k) ? (axis as { title?: string | { text?: string } }).title : undefined;
    if (title) out.push(typeof title === "string" ? title : (title.text ?? ""));
  }
  for (const t of f.data ?? []) {
    if (t.name) out.push(t.name);
    if (t.hovertemplate) out.push(...[t.hovertemplate].flat());
  }
  for (const a of (layout.annotations as { text?: string }[] | undefined) ?? []) if (a.text) out.push(a.text);
  return out;
}

/**
 * The national preset allocates over 31 province-level units: its progress and allocation sections (built alone,
 * without the rest of the report) must not call them counties anywhere a chart or table names the rows; the 河南
 * page, whose rows are counties, still does. The published matching splits (section "matching", real 县级 shares
 * of the money) are a government tier, not the page's units, and are not read here.
 */
describe("the units a page names are the scenario's own (national: provinces, 河南: counties)", () => {
  const docs: Record<string, ReportDocument> = {};
  const runs: Parameters<typeof scenarioVariants>[0][number][] = [];
  beforeAll(async () => {
    const bundled = await loadBundledData();
    for (const name of ["national-2015", "henan-plan"]) {
      const { scenario, file } = await loadScenario(name);
      const data = await loadScenarioData(scenario, file, bundled);
      runs.push({ scenario, data });
      for (const lang of ["zh", "en"] as const) {
        docs[`${name}~${lang}`] = buildReportDocument(data, lang, [progressSections, allocationSections], scenario);
        docs[`${name}~${lang}~foundation`] = buildReportDocument(data, lang, [foundationSections], scenario);
      }
    }
  }, 600_000);

  const texts = (key: string) => {
    const sections = docs[key].sections.filter((s) => /^(progress|allocation)/.test(s.id));
    expect(sections.length, key).toBeGreaterThanOrEqual(2);
    // Each text with where it stands (the chart id, or the table), so a failure says where; the ids themselves
    // (synthetic-allocation-by-county…) are file names, not page text, and are not tested.
    return [
      ...sections.flatMap((s) => s.charts.flatMap((c) => unitTexts(c).map((text) => ({ at: c.id, text })))),
      ...sections.flatMap((s) => (s.tables ?? []).flatMap((t) => [t.title, ...t.columns].map((text) => ({ at: `table ${t.title}`, text })))),
    ];
  };
  const at = (all: { at: string; text: string }[], where: string) => all.filter((t) => t.at === where).map((t) => t.text);
  const COUNTY = /县|count(y|ies)/i;

  it.each(["zh", "en"])("national (%s): no axis title, legend, hover template, note or column header speaks of 县/county", (lang) => {
    const all = texts(`national-2015~${lang}`);
    expect(all.filter((t) => COUNTY.test(t.text))).toEqual([]);
    // …and the units are named as provinces where the rows are named at all.
    const provinces = lang === "zh" ? "省级单位" : "provinces";
    expect(at(all, "synthetic-allocation-by-county")).toContain(lang === "zh" ? "省级单位（从多到少）" : "provinces (largest first)");
    expect(at(all, "progress-target-probability-completion")).toContain(lang === "zh" ? "其余省级单位" : "other provinces");
    // The line the units add up to is the nation's, not a province's.
    expect(at(all, "progress-target-probability-completion").some((t) => t.startsWith(lang === "zh" ? "全国 " : "nation "))).toBe(true);
    expect(all.filter((t) => t.text.includes(provinces)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(["zh", "en"])("national (%s): the progress method sentences pool provinces towards the nation's curve", (lang) => {
    const section = docs[`national-2015~${lang}`].sections.find((s) => s.id === "progress-curves")!;
    const text = (section.paragraphs ?? []).join("\n");
    // The sentences written for a province of counties (units, what they pool towards, the between-unit SD).
    expect(text).not.toMatch(lang === "zh" ? /报告少或波动大的县|汇总到全省|同一县|典型县|县间|模型，全省/ : /counties with few|counties are rolled|one county's|typical county's|between-county|the province's|synthetic-province/);
    expect(text).toMatch(lang === "zh" ? /报告少或波动大的省向全国的典型曲线[\s\S]*按校准后的模型，全国 [\s\S]*典型省竣工曲线/ : /provinces with few or noisy reports borrow strength from the nation's typical curve[\s\S]*the nation's completion rate at[\s\S]*between-province SD/);
    // The fund composition's count of units without county money names provinces too.
    const funds = docs[`national-2015~${lang}~foundation`].sections.flatMap((s) => s.paragraphs ?? []).join("\n");
    expect(funds).not.toMatch(lang === "zh" ? /县级投入为 0 的县/ : /\d+ counties put in no county money|County figures are simulated/);
    expect(funds).toMatch(lang === "zh" ? /县级投入为 0 的省级单位 \d+ 个/ : /\d+ provinces put in no county-level money/);
    // Headline labels of the fund and progress cards name provinces and the nation.
    const labels = ["foundation", ""].flatMap((k) => docs[`national-2015~${lang}${k ? `~${k}` : ""}`].sections.flatMap((s) => (s.headline ?? []).map((h) => h.label)));
    expect(labels.filter((l) => (lang === "zh" ? /县(?!级投入)|全省/ : /[Cc]ount(y|ies)(?!-level)|province completion/).test(l))).toEqual([]);
    // 河南's page keeps its counties and province.
    const henan = (docs[`henan-plan~${lang}`].sections.find((s) => s.id === "progress-curves")!.paragraphs ?? []).join("\n");
    expect(henan).toMatch(lang === "zh" ? /报告少或波动大的县向全省的典型曲线/ : /counties with few or noisy reports borrow strength from the province's typical curve/);
  });

  it.each(["zh", "en"])("henan (%s): the same charts and tables still name counties", (lang) => {
    const all = texts(`henan-plan~${lang}`);
    expect(at(all, "synthetic-allocation-by-county")).toContain(lang === "zh" ? "县（从多到少）" : "counties (largest first)");
    expect(at(all, "progress-target-probability-completion")).toContain(lang === "zh" ? "其余县" : "other counties");
    // The 2014 national illustration table shares money among provinces on every page; nothing else names provinces.
    expect(all.filter((t) => !/National illustration|全国示例/.test(t.at) && /省级单位|全国|\bprovinces\b|\bnation\b/.test(t.text))).toEqual([]);
  });

  it("the page's recompute redraws the allocation chart with the same noun (national: provinces; 河南: counties)", () => {
    // No sections (builders []): only the page's recompute inputs, as the page carries them.
    const variants = scenarioVariants(runs, "en", []);
    const axis = (name: string, lang: "zh" | "en") => {
      const a = variants.find((v) => v.scenario?.name === name)!.inputs!.allocation!;
      const chart = allocationView(a, { rule: a.rules[0].name, budgetWanYuan: a.budgetWanYuan }, lang).charts.find((c) => c.id === "synthetic-allocation-by-county")!;
      return (chart.figure.layout as { xaxis: { title: { text: string } } }).xaxis.title.text;
    };
    expect(axis("national-2015", "en")).toBe("provinces (largest first)");
    expect(axis("national-2015", "zh")).toBe("省级单位（从多到少）");
    expect(axis("henan-plan", "en")).toBe("counties (largest first)");
    // The deadline recount redraws the progress cards and the probability chart: provinces and the nation on the
    // national page (the labels come from the inputs' unit level, not from a rewrite of the report's text).
    const recount = (name: string, lang: "zh" | "en") => {
      const f = variants.find((v) => v.scenario?.name === name)!.inputs!.forecast!;
      return deadlineView(f, { deadline: f.deadline, level: 0.7 }, lang);
    };
    const national = recount("national-2015", "en");
    expect(national.headline.map((h) => h.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^P\(national completion ≥ 70%/), "Provinces with less than even odds"]));
    expect(recount("national-2015", "zh").headline.map((h) => h.label)).toContain("达标概率低于一半的省级单位");
    expect(national.charts.find((c) => c.id === "progress-target-probability-completion")!.figure.data.map((t) => (t as { name?: string }).name)).toContain("other provinces");
    expect(recount("henan-plan", "en").headline.map((h) => h.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^P\(province completion ≥ 70%/), "Counties with less than even odds"]));
  }, 300_000);
});
