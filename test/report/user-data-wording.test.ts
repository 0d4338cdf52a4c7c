import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { buildReportDocument } from "../../src/report/build-report.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";

describe("a scenario on the user's own files (issue 14 item 5)", () => {
  it("buildReportDocument(user counties, 双月报 and enrolment) never speaks of the synthetic province and uses the user's county names", async () => {
    const bundled = await loadBundledData();
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-user-words-"));
    // The user's province: 40 counties with their own codes and names (taken from the synthetic panel, renamed).
    const keep = (t: aq.ColumnTable) => t.filter((d: { county_id: string }) => d.county_id <= "S040");
    const rename = (t: aq.ColumnTable) =>
      t.derive({ county_id: (d: { county_id: string }) => aq.op.replace(d.county_id, "S0", "41"), ...(t.columnNames().includes("county_name") ? { county_name: (d: { county_id: string }) => aq.op.replace(d.county_id, "S0", "豫东县") } : {}) });
    const counties = rename(keep(bundled.synthetic.counties))
      .derive({ city: (d: { city: string }) => aq.op.replace(d.city, "合成市", "豫东市") })
      .select(aq.not("synthetic"));
    const progress = rename(keep(bundled.synthetic.progress))
      .derive({ city: (d: { city: string }) => aq.op.replace(d.city, "合成市", "豫东市") })
      .select(aq.not("synthetic"));
    const enrolment = rename(keep(bundled.synthetic.enrolment)).select(aq.not("synthetic"));
    await writeFile(path.join(dir, "县情.csv"), tableToCsv(counties));
    await writeFile(path.join(dir, "双月报.csv"), tableToCsv(progress));
    await writeFile(path.join(dir, "班额.csv"), tableToCsv(enrolment));
    const preset = (await loadScenario("henan-plan")).scenario;
    const file = path.join(dir, "mine.json");
    await writeFile(file, JSON.stringify({ ...preset, name: "mine", data: { ...preset.data, counties: "县情.csv", progress: "双月报.csv", enrolment: "班额.csv" } }));
    const loaded = await loadScenario(file);
    const data = await loadScenarioData(loaded.scenario, loaded.file, bundled);

    for (const lang of ["zh", "en"] as const) {
      const doc = buildReportDocument(data, lang, undefined, loaded.scenario);
      const texts = [
        ...doc.sections.flatMap((s) => [
          s.heading,
          ...(s.paragraphs ?? []),
          ...s.charts.flatMap((c) => [c.title, c.source, JSON.stringify((c.figure.layout as { title?: unknown }).title ?? "")]),
          ...(s.tables ?? []).flatMap((t) => [t.title, t.note ?? "", ...t.rows.flat().map(String)]),
          ...(s.headline ?? []).flatMap((h) => [h.label, h.note ?? ""]),
        ]),
        ...doc.footer,
      ];
      const bad = lang === "zh" ? /合成省|合成市|模拟县|合成县|109 个/ : /synthetic province|simulated count|(?<!Henan's )109 (simulated |synthetic )?counties/i;
      expect(texts.filter((t) => bad.test(t)), lang).toEqual([]);
      // The county-level charts name the user's counties.
      const funds = doc.sections.flatMap((s) => s.charts).find((c) => c.id === "synthetic-county-funds")!;
      expect(funds.provenance).toBe("user");
      expect(JSON.stringify(funds.figure.data)).toContain("豫东县01");
      const plan = doc.sections.flatMap((s) => s.headline ?? []).find((h) => h.id === "plan-total")!;
      expect(plan.provenance).toBe("user");
      expect(plan.note).toContain("40");
      // Counts in titles are the user's: 40 counties in 18 cities.
      expect(texts.some((t) => (lang === "zh" ? t.includes("40 县、18 市") : t.includes("40 counties, 18 cities")))).toBe(true);
    }
  }, 600_000);
});
