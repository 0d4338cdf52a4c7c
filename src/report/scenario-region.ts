import { formatMoneyWanYuan } from "../shared/format-number.js";
import type { ColumnTable } from "arquero";
import { REGION_PROFILES, type RegionProfile } from "../data/synthetic/region-profiles.js";
import type { BundledData } from "../data/load-bundled-data.js";
import type { Lang } from "../shared/i18n.js";
import type { Scenario } from "../scenarios/scenario-schema.js";

/** Which bundled table a scenario replaced with the user's own file. */
export type DataKind = "progress" | "counties" | "enrolment";

/** What a page is about: the scenario's region and where each table comes from, in words for the page. */
export interface ScenarioRegion {
  profile: RegionProfile;
  /** Region name for sentences: 河南 / Henan. */
  name: string;
  /** The counties as the page names them: "合成山东 111 个模拟县", or "用户数据 87 个县（counties.xlsx）". */
  countiesPhrase: string;
  /** The province as the page names it: "合成山东" / "synthetic Shandong", or "用户数据" / "the user's data". */
  provinceName: string;
  /** Number of counties in the counties table the page uses (province-level units on the national view). */
  countyCount: number;
  /** What a row of the counties table is: a county, or a province-level unit (the national view). */
  unitLevel: "county" | "province";
  /** Number of distinct cities (prefectures) among them (0 when the file has no city column). */
  cityCount: number;
  /** The user's file for each replaced table. */
  userFiles: Partial<Record<DataKind, string>>;
  /** Chart source text for the synthetic tables of this region. */
  syntheticSource: string;
}

const count = (t: ColumnTable | undefined) => t?.numRows() ?? 0;

/**
 * The region a scenario's page describes and how to speak of its data: every section names the
 * same province, with the same county count, and says "user data" where the user's files replace
 * the synthetic tables.
 *
 * @param data the data the page reads (the scenario's region, or the user's files)
 * @param scenario the scenario (absent: the default 河南 province)
 * @param lang page language
 */
export function scenarioRegion(data: BundledData, scenario: Scenario | undefined, lang: Lang): ScenarioRegion {
  const zh = lang === "zh";
  const profile = REGION_PROFILES[scenario?.region ?? "henan"] ?? REGION_PROFILES.henan;
  const userFiles: Partial<Record<DataKind, string>> = {};
  for (const k of ["progress", "counties", "enrolment"] as const) if (scenario && scenario.data[k] !== "bundled") userFiles[k] = scenario.data[k];
  const countyCount = count(data.synthetic.counties);
  const synthName =
    profile.id === "henan"
      ? zh
        ? "合成省"
        : "the synthetic province"
      : zh
          ? `合成${profile.name.zh}`
          : `synthetic ${profile.name.en}`;
  const user = userFiles.counties !== undefined;
  const unitLevel = !user && profile.unitLevel === "province" ? "province" : "county";
  return {
    profile,
    name: profile.name[lang],
    provinceName: user ? (zh ? "用户数据" : "the user's data") : synthName,
    countyCount,
    unitLevel,
    cityCount: data.synthetic.counties?.columnNames().includes("city") ? new Set(data.synthetic.counties.array("city") as unknown[]).size : 0,
    countiesPhrase: user
      ? zh
        ? `用户数据 ${countyCount} 个县（${userFiles.counties}）`
        : `${countyCount} counties of the user's data (${userFiles.counties})`
      : unitLevel === "province"
        ? zh
          ? `${synthName} ${countyCount} 个省级单位（由 ${profile.counties} 个模拟县按省汇总）`
          : `${countyCount} province-level units of ${synthName} (${profile.counties.toLocaleString("en")} simulated counties folded into their provinces)`
        : zh
          ? `${synthName} ${countyCount} 个模拟县`
          : `${countyCount} simulated counties of ${synthName}`,
    userFiles,
    syntheticSource:
      profile.id === "henan"
        ? zh
          ? "gaibo 合成省（generateSyntheticProvince，种子 20140901；总量取自河南规划）"
          : "gaibo synthetic province (generateSyntheticProvince, seed 20140901; totals from the Henan plan)"
        : zh
          ? `gaibo 合成${profile.name.zh}（generateRegionProvince，种子 ${profile.seed}；由公布数字生成，未公布的字段为假设）`
          : `gaibo synthetic ${profile.name.en} (generateRegionProvince, seed ${profile.seed}; built on published figures, unpublished fields assumed)`,
  };
}

const URBANIZATION_NAME: Record<string, { zh: string; en: string }> = {
  slow: { zh: "慢速城镇化", en: "slow urbanization" },
  base: { zh: "基准城镇化", en: "base urbanization" },
  fast: { zh: "快速城镇化", en: "fast urbanization" },
};

/**
 * A scenario's settings in one line, so the page header and each comparison column say what they
 * were computed under: region, report date, allocation rule and budget (and the rules compared),
 * urbanization, births, big-class target year, draws and seed.
 *
 * @example scenarioSettings(xinjiang, "zh") // "地区：新疆 · 报告日 2017-04-30 · 分配规则 central-2015（对比 need-only、matching-heavy），预算 101.52 亿元 · 慢速城镇化 · 出生：二孩情景 · 大班额目标年 2020 · 模拟 400 次（种子 2017）"
 */
export function scenarioSettings(scenario: Scenario, lang: Lang): string {
  const zh = lang === "zh";
  const profile = REGION_PROFILES[scenario.region] ?? REGION_PROFILES.henan;
  const u = URBANIZATION_NAME[scenario.bigClass.urbanization]?.[lang] ?? (zh ? `城镇化：${scenario.bigClass.urbanization}` : `urbanization: ${scenario.bigClass.urbanization}`);
  const births = scenario.bigClass.births ?? "central";
  const BIRTHS: Record<string, { zh: string; en: string }> = {
    low: { zh: "低出生", en: "low births" },
    central: { zh: "中出生", en: "central births" },
    high: { zh: "高出生", en: "high births" },
    "two-child": { zh: "二孩情景", en: "two-child path" },
  };
  const birthName = BIRTHS[births]?.[lang] ?? births;
  const budget = (scenario.allocation.budgetWanYuan / 10_000).toLocaleString("en", { maximumFractionDigits: 2 });
  const cmp = scenario.allocation.compareWith;
  const userData = (["progress", "counties", "enrolment"] as const).filter((k) => scenario.data[k] !== "bundled");
  return zh
    ? [
        `地区：${profile.name.zh}${userData.length ? `（用户数据：${userData.map((k) => scenario.data[k]).join("、")}）` : ""}`,
        `报告日 ${scenario.data.asOf}`,
        `分配规则 ${scenario.allocation.rule}${cmp.length ? `（对比 ${cmp.join("、")}）` : ""}，预算 ${budget} 亿元`,
        u,
        `出生：${birthName}`,
        `大班额目标年 ${scenario.bigClass.targetYear}`,
        `模拟 ${scenario.monteCarlo.draws} 次（种子 ${scenario.monteCarlo.seed}）`,
      ].join(" · ")
    : [
        `Region: ${profile.name.en}${userData.length ? ` (user data: ${userData.map((k) => scenario.data[k]).join(", ")})` : ""}`,
        `report date ${scenario.data.asOf}`,
        `allocation rule ${scenario.allocation.rule}${cmp.length ? ` (compared with ${cmp.join(", ")})` : ""}, budget ${formatMoneyWanYuan(scenario.allocation.budgetWanYuan, "en")}`,
        u,
        `births: ${birthName}`,
        `big-class target year ${scenario.bigClass.targetYear}`,
        `${scenario.monteCarlo.draws} draws (seed ${scenario.monteCarlo.seed})`,
      ].join(" · ");
}
