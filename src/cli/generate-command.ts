import { DATASET_PATHS } from "../data/paths.js";
import { writeFilesAtomically } from "../data/write-files.js";
import { SYNTHETIC_DEFAULTS, generateSyntheticProvince } from "../data/synthetic/generate-province.js";
import { syntheticProvinceFiles } from "../data/synthetic/synthetic-province-files.js";

/** `gaibo generate`: rewrite datasets/synthetic from the fixed seed. */
export async function runGenerate(opts: { seed?: number; out?: string }): Promise<number> {
  const seed = opts.seed ?? SYNTHETIC_DEFAULTS.seed;
  const files = syntheticProvinceFiles(generateSyntheticProvince({ seed }), seed);
  const written = await writeFilesAtomically(opts.out ?? DATASET_PATHS.synthetic(), files, { owner: "generate", manifest: false });
  for (const f of written) console.log(f);
  return 0;
}
