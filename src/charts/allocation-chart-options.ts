import type { Bilingual, Lang } from "../shared/i18n.js";
import type { Provenance } from "./figure.js";
import type { UnitLevel } from "./unit-noun.js";

/** Options every allocation chart takes: where its numbers come from, the language and whether weights are assumed. */
export interface AllocationChartOptions {
  /** synthetic for anything built on the synthetic province (the subtitle then says so). */
  provenance: Provenance;
  /** Source footnote shown in the subtitle. */
  source: string;
  lang: Lang;
  /** File-safe id (start it with `synthetic-` when provenance is synthetic). */
  id?: string;
  /** The rule's weights are assumptions (e.g. the central-2015 preset): the title says so. */
  assumedWeights?: boolean;
  /** What the rows are: counties (default) or province-level units (the national view); axis titles and notes name them. */
  units?: UnitLevel;
}

export const ASSUMED_WEIGHTS: Bilingual = { zh: "（权重为假设）", en: " (weights assumed)" };
export const WAN_YUAN: Bilingual = { zh: "万元", en: "10k yuan (万元)" };
export const YUAN_PER_PUPIL: Bilingual = { zh: "元/生", en: "yuan per pupil" };

/** Title with the assumed-weights mark when the options ask for it. */
export function allocationTitle(title: Bilingual, options: Pick<AllocationChartOptions, "lang" | "assumedWeights">): string {
  return title[options.lang] + (options.assumedWeights ? ASSUMED_WEIGHTS[options.lang] : "");
}
