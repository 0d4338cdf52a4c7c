import path from "node:path";
import { DATASET_PATHS } from "../data/paths.js";
import { checkOutputFolder, writeFilesAtomically } from "../data/write-files.js";
import { SYNTHETIC_DEFAULTS, generateSyntheticProvince } from "../data/synthetic/generate-province.js";
import { syntheticProvinceFiles } from "../data/synthetic/synthetic-province-files.js";
import { generateRegionProvince } from "../data/synthetic/generate-region-province.js";
import { REGION_IDS, REGION_PROFILES } from "../data/synthetic/region-profiles.js";
import { regionProvinceFiles } from "../data/synthetic/region-province-files.js";
import { formatIssue } from "../shared/errors.js";

/**
 * `gaibo generate`: rewrite the synthetic provinces from their fixed seeds: 河南 in datasets/synthetic,
 * every other region in datasets/synthetic/<region>/ (all regions unless `--region` names one).
 * When any region's roll-up misses a published point by more than the tolerance, nothing is written.
 */
export async function runGenerate(opts: { seed?: number; out?: string; region?: string; lang?: "zh" | "en" }): Promise<number> {
  const regions = opts.region ? [opts.region] : REGION_IDS;
  const unknown = regions.find((r) => !REGION_PROFILES[r]);
  if (unknown) {
    const issue = {
      severity: "error" as const,
      column: "--region",
      message: `unknown region ${unknown}; one of ${REGION_IDS.join(", ")}`,
      messageZh: `未知地区 ${unknown}；可选 ${REGION_IDS.join("、")}`,
    };
    console.error(formatIssue(issue, opts.lang ?? "zh"));
    return 1;
  }
  const root = opts.out ?? DATASET_PATHS.synthetic();
  // A --out that names a file fails before the regions are generated (the national one takes a while).
  await checkOutputFolder(root);
  // Every region is generated and checked before anything is written: one region missing its published
  // points leaves every folder as it was (河南 included).
  const planned: { dir: string; files: ReturnType<typeof regionProvinceFiles> }[] = [];
  let missed = false;
  for (const id of regions) {
    if (id === "henan") {
      const seed = opts.seed ?? SYNTHETIC_DEFAULTS.seed;
      planned.push({ dir: root, files: syntheticProvinceFiles(generateSyntheticProvince({ seed }), seed) });
      continue;
    }
    const profile = opts.seed === undefined ? REGION_PROFILES[id] : { ...REGION_PROFILES[id], seed: opts.seed };
    const province = generateRegionProvince(profile);
    const misses = province.checks.filter((c) => !c.reportOnly && !c.within);
    for (const m of misses) {
      console.error(
        opts.lang === "en"
          ? `${profile.region} ${m.city ?? ""} ${m.indicator} ${m.asOf}: roll-up ${(m.rollUp * 100).toFixed(2)}% against published ${(m.value * 100).toFixed(2)}% (beyond ±1 pp)`
          : `${profile.region}${m.city ?? ""} ${m.indicator} ${m.asOf}：合成县汇总 ${(m.rollUp * 100).toFixed(2)}%，公布 ${(m.value * 100).toFixed(2)}%（超出 ±1 个百分点）`,
      );
    }
    if (misses.length) missed = true;
    else planned.push({ dir: path.join(root, id), files: regionProvinceFiles(province) });
  }
  if (missed) {
    console.error(opts.lang === "en" ? "nothing written (no region was changed)" : "未写出任何文件（各地区的文件均未改动）");
    return 1;
  }
  for (const { dir, files } of planned) {
    const written = await writeFilesAtomically(dir, files, { owner: "generate", manifest: false });
    for (const f of written) console.log(f);
  }
  return 0;
}

