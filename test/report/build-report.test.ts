import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundledData, type BundledData } from "../../src/data/load-bundled-data.js";
import { writeFilesAtomically } from "../../src/data/write-files.js";
import { bilingualVariants, buildReportDocument, reportFiles } from "../../src/report/build-report.js";
import { renderReportHtml } from "../../src/report/render-html.js";

let data: BundledData;
beforeAll(async () => {
  data = await loadBundledData();
});

describe("buildReportDocument", () => {
  it("buildReportDocument(bundled, zh) marks every chart built on the synthetic province as synthetic", () => {
    const doc = buildReportDocument(data, "zh");
    const charts = doc.sections.flatMap((s) => s.charts);
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const c of charts) {
      const subtitle = (c.figure.layout.title as { subtitle: { text: string } }).subtitle.text;
      // The mark in the figure itself matches the chart's provenance.
      expect(subtitle.includes("合成数据"), c.id).toBe(c.provenance === "synthetic");
      if (/^(synthetic|progress)-/.test(c.id)) expect(c.provenance, c.id).toBe("synthetic");
      if (/^(henan|seed|shandong)-/.test(c.id)) expect(c.provenance, c.id).toBe("seed");
      if (c.id.startsWith("real-")) expect(c.provenance, c.id).toBe("real");
      expect(c.rows.length).toBeGreaterThan(0);
    }
  });

  it("buildReportDocument(bundled) reproduces the Henan check: parts of the central fund add to 159.83 against 159.82 stated", () => {
    const doc = buildReportDocument(data, "en");
    const check = doc.sections[0].tables![0].rows[0];
    expect(check).toEqual(["central = 改薄 fund + other central", "159.82", "159.83", "0.01"]);
  });
});

describe("renderReportHtml", () => {
  it("renderReportHtml(variants) inlines the bundle once, one plot container per chart and language, and no external resource", () => {
    const variants = bilingualVariants(data, "zh");
    const html = renderReportHtml(variants, "/*PLOTLY*/ window.Plotly={newPlot(){}}; '</script>'");
    expect(html.match(/\/\*PLOTLY\*\//g)).toHaveLength(1);
    expect(html).not.toContain("'</script>'");
    for (const v of variants) for (const c of v.doc.sections.flatMap((s) => s.charts)) expect(html).toContain(`id="plot-${v.key}-${c.id}"`);
    expect(html).toContain('<div class="variant" data-variant="en" lang="en" hidden>');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    expect(html).toContain('<html lang="zh-CN">');
  });
});

describe("writeFilesAtomically", () => {
  it("writeFilesAtomically(dir, files) leaves the previous report untouched when a write fails", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gaibo-report-"));
    await writeFile(path.join(dir, "index.html"), "previous good report");
    const files = reportFiles(bilingualVariants(data, "zh"), "");
    // A file path that cannot be created (a NUL byte) makes the staging write fail midway.
    await expect(writeFilesAtomically(dir, [...files, { path: "data/bad\0name.csv", content: "x" }])).rejects.toThrow();
    expect(await readFile(path.join(dir, "index.html"), "utf8")).toBe("previous good report");
    expect(await readdir(dir)).toEqual(["index.html"]);
  });
});
