import type { DataPackage } from "./table-schema.js";

const PROVENANCE_NOTE: Record<string, string> = {
  seed: "Figures from the seed documents (speeches and bulletins, kept verbatim in `seeds/sources/`); every row carries `source_file` and the `quote` it comes from.",
  real: "Published figures beyond the seeds, curated from public pages; every row carries `source_url`, `source_title`, `quote` and a `caveat` (most pages are reposts: official figure, unofficial copy).",
  synthetic: "**SYNTHETIC** — generated deterministically by `generateSyntheticProvince` (fixed seed); not real data. Regenerate with `npm run generate`, never edit by hand.",
};

const esc = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * The data dictionary (`datasets/README.md`) written from the data packages themselves, so the
 * dictionary cannot drift from the files the loader validates.
 *
 * @param packages folder name and data package of each bundled folder
 */
export function renderDataDictionary(packages: { folder: string; pkg: DataPackage }[]): string {
  const out: string[] = [
    "# Datasets — data dictionary",
    "",
    "Generated from the `datapackage.json` files by `npm run datadict`; edit those, not this file.",
    "Every bundled file is validated against its entry when it is loaded (`loadDataPackage`), and a test checks this file is current.",
    "",
    "Units: money in 亿元 (`_yi_yuan`), 万元 (`_wan_yuan`) or 元 (`_yuan`); shares as fractions 0–1 (`_share`, `_rate`: 0.3437 = 34.37%, and above 1 when a plan is over-delivered); dates ISO `YYYY-MM-DD`; areas m².",
    "",
    "| folder | provenance |",
    "|---|---|",
    ...packages.map(({ folder, pkg }) => `| [\`${folder}/\`](#${folder}) | ${esc(PROVENANCE_NOTE[pkg.resources[0]?.provenance ?? ""] ?? pkg.description)} |`),
    "",
    "Other bundled inputs: `rules/` (allocation rules as JSON) and `scenarios/` (scenario files as JSON) are validated by their own parsers.",
    "",
  ];
  for (const { folder, pkg } of packages) {
    out.push(`## ${folder}`, "", `**${esc(pkg.title ?? pkg.name)}** — ${esc(pkg.description)}`, "");
    for (const r of pkg.resources) {
      out.push(`### \`${folder}/${r.path}\` — ${esc(r.title ?? r.name)}`, "");
      if (r.description) out.push(esc(r.description), "");
      out.push(`Provenance: ${r.provenance ?? "—"}${r.schema.primaryKey ? ` · key: ${[r.schema.primaryKey].flat().join(" + ")}` : ""}`, "");
      out.push("| column | type | unit | description | constraints |", "|---|---|---|---|---|");
      for (const f of r.schema.fields) {
        const c = f.constraints ?? {};
        const cons = [
          c.required ? "required" : "",
          c.minimum !== undefined ? `≥ ${c.minimum}` : "",
          c.maximum !== undefined ? `≤ ${c.maximum}` : "",
          f.warnAbove !== undefined ? `warn > ${f.warnAbove}` : "",
          c.enum ? `one of ${c.enum.join(", ")}` : "",
        ].filter(Boolean).join("; ");
        out.push(`| \`${f.name}\` | ${f.type} | ${esc(f.unit)} | ${esc(f.description)} | ${esc(cons)} |`);
      }
      out.push("");
    }
  }
  return out.join("\n");
}
