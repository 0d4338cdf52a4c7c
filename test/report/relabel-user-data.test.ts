import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tableToCsv } from "../../src/data/convert-table.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { buildReportDocument } from "../../src/report/build-report.js";
import { foundationSections } from "../../src/report/foundation-sections.js";
import { loadScenario, loadScenarioData } from "../../src/scenarios/load-scenario.js";

describe("relabelUserData", () => {
  it("buildReportDocument(scenario with the user's 双月报) marks the charts drawn from it as user data and names the file", async () => {
    const bundled = await loadBundledData();
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-user-"));
    // A user's own progress file: here the first 20 counties of the synthetic panel, saved as CSV.
    const own = bundled.synthetic.progress.filter((d: { county_id: string }) => d.county_id <= "S020").select("county_id", "as_of", "start_rate", "completion_rate");
    await writeFile(path.join(dir, "my-report.csv"), tableToCsv(own));
    const preset = (await loadScenario("henan-plan")).scenario;
    const scenario = { ...preset, data: { ...preset.data, progress: "my-report.csv" } };
    const file = path.join(dir, "mine.json");
    await writeFile(file, JSON.stringify(scenario));
    const loaded = await loadScenario(file);
    const data = await loadScenarioData(loaded.scenario, loaded.file, bundled);
    expect(data.synthetic.progress.numRows()).toBe(own.numRows());

    const doc = buildReportDocument(data, "zh", [foundationSections], loaded.scenario);
    const charts = Object.fromEntries(doc.sections.flatMap((s) => s.charts).map((c) => [c.id, c]));
    const spread = charts["synthetic-spread-start-rate"];
    expect(spread.provenance).toBe("user");
    expect(spread.source).toBe("用户文件 my-report.csv");
    expect((spread.figure.layout.title as { subtitle: { text: string } }).subtitle.text).toContain("用户数据");
    // The county funds still come from the bundled synthetic counties.
    expect(charts["synthetic-county-funds"].provenance).toBe("synthetic");
    expect(doc.sections.flatMap((s) => s.headline ?? []).find((h) => h.id === "mean-completion-latest")?.provenance).toBe("user");
  });
});
