import path from "node:path";
import { DATASET_PATHS } from "../data/paths.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { SYNTHETIC_DEFAULTS, generateSyntheticProvince } from "../data/synthetic/generate-province.js";
import { syntheticProvinceFiles } from "../data/synthetic/synthetic-province-files.js";
import { generateRegionProvince } from "../data/synthetic/generate-region-province.js";
import { REGION_IDS, REGION_PROFILES } from "../data/synthetic/region-profiles.js";
import { regionProvinceFiles } from "../data/synthetic/region-province-files.js";
import { formatIssue } from "../shared/errors.js";

/**
 * `gaibo generate`: rewrite the synthetic provinces from their fixed seeds: 河南 in datasets/synthetic,
 * every other region in datasets/synthetic/<region>/ (all regions unless `--region` names one).
 * A region whose roll-up misses a published point by more than the tolerance writes nothing.
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
  for (const id of regions) {
    if (id === "henan") {
      const seed = opts.seed ?? SYNTHETIC_DEFAULTS.seed;
      const written = await writeFilesAtomically(root, syntheticProvinceFiles(generateSyntheticProvince({ seed }), seed), { owner: "generate", manifest: false });
      for (const f of written) console.log(f);
      continue;
    }
    const profile = opts.seed === undefined ? REGION_PROFILES[id] : { ...REGION_PROFILES[id], seed: opts.seed };
    const province = generateRegionProvince(profile);
    const misses = province.checks.filter((c) => !c.reportOnly && !c.within);
    if (misses.length) {
      for (const m of misses) {
        console.error(
          opts.lang === "en"
            ? `${profile.region} ${m.city ?? ""} ${m.indicator} ${m.asOf}: roll-up ${(m.rollUp * 100).toFixed(2)}% against published ${(m.value * 100).toFixed(2)}% (beyond ±1 pp); nothing written`
            : `${profile.region}${m.city ?? ""} ${m.indicator} ${m.asOf}：合成县汇总 ${(m.rollUp * 100).toFixed(2)}%，公布 ${(m.value * 100).toFixed(2)}%（超出 ±1 个百分点）；未写出文件`,
        );
      }
      return 1;
    }
    const written = await writeFilesAtomically(path.join(root, id), regionProvinceFiles(province), { owner: "generate", manifest: false });
    for (const f of written) console.log(f);
  }
  return 0;
}

