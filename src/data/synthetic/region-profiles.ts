import { apportion } from "../../shared/apportion.js";
import type { PlanSources, ProgressIndicator } from "./generate-province.js";
import { HENAN_PLAN } from "./henan-plan.js";

/** A progress figure published for a region (or one of its cities) that the generated counties must reproduce. */
export interface PublishedPoint {
  indicator: ProgressIndicator;
  asOf: string;
  /** Share (0.3437 = 34.37%), as published. */
  value: number;
  /** A city of the region (its name as in `cityNames`); absent for the region as a whole. */
  city?: string;
  /** Where it is published: seed file or datasets/real file and league. */
  source: string;
  /** Reported beside the roll-up but not a calibration target (e.g. two 云南 州市 completion rates whose start rates already fix the city). */
  reportOnly?: boolean;
}

/** One stated assumption: a field nothing published fixes, and what the generator takes instead. */
export interface RegionAssumption {
  field: string;
  zh: string;
  en: string;
}

/**
 * What is published about a region, and what the generator assumes where nothing is: the recipe of a
 * synthetic province. Counts and money in the units of the county file (万元).
 */
export interface RegionProfile {
  /** Folder and scenario name: datasets/synthetic/<id>/ (河南 stays in datasets/synthetic/ itself). */
  id: string;
  /** The region as the seeds and real tables name it (山东省, 全国). */
  region: string;
  name: { zh: string; en: string };
  seed: number;
  counties: number;
  /** Prefecture cities (or provinces for the national view); published names where there are some. */
  cityNames: readonly string[];
  sourcesWanYuan: PlanSources;
  equipmentWanYuan: number;
  zeroCountyInputCounties: number;
  /** The plan total as published (万元), when it is published as such. */
  publishedTotalWanYuan?: number;
  points: readonly PublishedPoint[];
  assumptions: readonly RegionAssumption[];
  /** Where the plan totals come from. */
  planSource: { zh: string; en: string };
  /**
   * "province": the generated counties are folded into their provinces (`cityNames`) before they are
   * written, so the view works on province-level units (the national view: the level the central fund
   * is allocated to). Absent: the counties themselves.
   */
  unitLevel?: "province";
}

/** Largest allowed gap between a published point and the roll-up of the generated counties: ±1 percentage point. */
export const POINT_TOLERANCE = 0.01;

const synth = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);

/** Split a total like the Henan plan splits its 267.92亿 over the six sources (the assumption for regions that publish only a total). */
function henanShares(totalWanYuan: number): PlanSources {
  const s = HENAN_PLAN.sourcesWanYuan;
  const keys = ["central_gaibo", "central_other", "provincial", "city", "county", "other"] as const;
  const parts = apportion(totalWanYuan, keys.map((k) => s[k]));
  return Object.fromEntries(keys.map((k, i) => [k, parts[i]])) as unknown as PlanSources;
}
const henanTotal = Object.values(HENAN_PLAN.sourcesWanYuan).reduce((a, b) => a + b, 0);
const henanEquipmentShare = (totalWanYuan: number) => Math.round((totalWanYuan * HENAN_PLAN.equipmentWanYuan) / henanTotal);

const SHANDONG_CITIES = ["德州市", "菏泽市", "淄博市", "潍坊市", "聊城市", "济宁市", "滨州市", "济南市", "日照市", "莱芜市", "临沂市", "枣庄市", "泰安市", "烟台市", "东营市"] as const;
// 山东 工作简报 总第22期 (datasets/real/progress_observations.csv, league SD-briefing), end of Feb 2017.
const SHANDONG_COMPLETION = [0.943, 0.8922, 0.8919, 0.8885, 0.8856, 0.8688, 0.8653, 0.862, 0.8616, 0.8556, 0.8501, 0.8436, 0.8377, 0.779, 0.6671];
const SHANDONG_EQUIPMENT: Record<string, number> = {
  枣庄市: 1.227, 淄博市: 1.1595, 济南市: 1.0652, 莱芜市: 1.044, 日照市: 1.0439, 德州市: 1.0336, 济宁市: 1.0209, 东营市: 1.0086,
  泰安市: 1.0078, 潍坊市: 1.0046, 滨州市: 1.0032, 烟台市: 0.9906, 临沂市: 0.9572, 聊城市: 0.9009, 菏泽市: 0.8916,
};
const SD = "datasets/real/progress_observations.csv (SD-briefing, 工作简报总第22期)";

const YUNNAN_START: Record<string, number> = {
  德宏州: 1, 迪庆州: 1, 昆明市: 0.98, 临沧市: 0.9777, 玉溪市: 0.9698, 楚雄州: 0.9616, 昭通市: 0.9604, 大理州: 0.9601,
  红河州: 0.9503, 曲靖市: 0.9336, 文山州: 0.9316, 保山市: 0.9314, 普洱市: 0.9286, 丽江市: 0.9175, 西双版纳州: 0.8918, 怒江州: 0.8774,
};
const YN = "datasets/real/progress_observations.csv (YN-2017-10)";

const SHANDONG_TOTAL = 4_208_800; // 420.88亿, seed 001 (fund_plans.csv)
// 新疆: 162.72亿 secured = 80.79% of the plan (seed 002) → plan ≈ 201.41亿 (derived, not published as such).
const XINJIANG_TOTAL = Math.round(1_627_200 / 0.8079);
const YUNNAN = { central: 923_300, provincial: 467_000, prefectureAndCounty: 461_700 }; // 2014–2017 invested, provincial_totals.csv
const NATIONAL_TOTAL = 52_270_000; // 5227亿 (english.gov.cn, progress_quantities.csv)
const NATIONAL_CENTRAL = 17_500_000; // 1750亿 over five years (seeds 000 and 001)

const yunnanCityCounty = apportion(YUNNAN.prefectureAndCounty, [HENAN_PLAN.sourcesWanYuan.city, HENAN_PLAN.sourcesWanYuan.county]);
const nationalLocal = apportion(NATIONAL_TOTAL - NATIONAL_CENTRAL, [
  HENAN_PLAN.sourcesWanYuan.provincial,
  HENAN_PLAN.sourcesWanYuan.city,
  HENAN_PLAN.sourcesWanYuan.county,
  HENAN_PLAN.sourcesWanYuan.other,
]);

const SOURCES_ASSUMED = (total: string, totalEn: string): RegionAssumption => ({
  field: "plan by fund source",
  zh: `只公布了总额（${total}）；分来源结构按河南规划比例假设（中央薄改 50.4%、其他中央 9.3%、省级 15.8%、地市 0.5%、县级 23.4%、其他 0.6%）`,
  en: `only the total is published (${totalEn}); the split by source is assumed to follow the Henan plan (central 改薄 50.4%, other central 9.3%, provincial 15.8%, city 0.5%, county 23.4%, other 0.6%)`,
});
const EQUIPMENT_ASSUMED: RegionAssumption = {
  field: "equipment money",
  zh: "设备投资未公布；按河南规划的设备占比 20.3% 假设",
  en: "equipment money is not published; assumed at the Henan plan's 20.3% of the total",
};
const ZERO_INPUT_ASSUMED: RegionAssumption = {
  field: "counties with zero county input",
  zh: "未公布县级投入为 0 的县数；假设没有",
  en: "the number of counties putting in no county money is not published; assumed none",
};
const COUNTY_ATTRIBUTES: RegionAssumption = {
  field: "county attributes",
  zh: "各县学生数、薄弱学校数、财力、贫困人口比例、在校生与班额均未公布，按与河南合成省相同的分布模拟",
  en: "pupils, weak schools, fiscal capacity, poverty share, enrolment and class counts per county are not published; drawn from the same distributions as the Henan synthetic province",
};
const START_FROM_COMPLETION: RegionAssumption = {
  field: "start_rate",
  zh: "未公布开工率；假设开工领先竣工约 7 个月（与河南合成省相同）",
  en: "no start rate is published; starts are assumed to lead completions by about 7 months (as in the Henan synthetic province)",
};
const FUNDS_NEUTRAL: RegionAssumption = {
  field: "funds_rate",
  zh: "未公布资金到位率；按河南合成省的节奏模拟",
  en: "no funds-in-place rate is published; simulated at the Henan synthetic province's pace",
};

/**
 * Every region the generator can build, from what is published about it (seeds and datasets/real)
 * and the assumptions it states where nothing is. 河南 is today's province (datasets/synthetic/);
 * the others go to datasets/synthetic/<id>/.
 */
export const REGION_PROFILES: Record<string, RegionProfile> = {
  henan: {
    id: "henan",
    region: "河南省",
    name: { zh: "河南", en: "Henan" },
    seed: 20140901,
    counties: HENAN_PLAN.counties,
    cityNames: synth("合成市", 18),
    sourcesWanYuan: HENAN_PLAN.sourcesWanYuan,
    equipmentWanYuan: HENAN_PLAN.equipmentWanYuan,
    zeroCountyInputCounties: HENAN_PLAN.zeroCountyInputCounties,
    publishedTotalWanYuan: HENAN_PLAN.totalWanYuan,
    points: [],
    planSource: { zh: "河南省五年规划（种子文件 001）", en: "Henan five-year plan (seed 001)" },
    assumptions: [
      {
        field: "progress",
        zh: "未公布全省进度；各县进度曲线按假设节奏模拟（三门峡、许昌等市的公布数字只作参照，不作校准目标）",
        en: "no province-wide progress is published; county curves follow an assumed pace (the published 三门峡 and 许昌 city figures are shown for reference, not calibrated to)",
      },
      { field: "cities", zh: "18 个省辖市（公布数目），名称为合成", en: "18 prefecture cities (published count), synthetic names" },
      COUNTY_ATTRIBUTES,
    ],
  },
  shandong: {
    id: "shandong",
    region: "山东省",
    name: { zh: "山东", en: "Shandong" },
    seed: 20150630,
    counties: 111,
    cityNames: SHANDONG_CITIES,
    sourcesWanYuan: henanShares(SHANDONG_TOTAL),
    equipmentWanYuan: henanEquipmentShare(SHANDONG_TOTAL),
    zeroCountyInputCounties: 0,
    publishedTotalWanYuan: SHANDONG_TOTAL,
    planSource: { zh: "山东规划 420.88 亿元、111 个县（种子文件 001）", en: "Shandong plan, 42.09 bn yuan (420.88亿), 111 counties (seed 001)" },
    points: [
      { indicator: "start_rate", asOf: "2015-06-30", value: 0.3437, source: "seed 001 (progress_rates.csv)" },
      { indicator: "completion_rate", asOf: "2015-06-30", value: 0.1777, source: "seed 001 (progress_rates.csv)" },
      { indicator: "completion_rate", asOf: "2017-02-28", value: 0.8718, source: SD },
      { indicator: "equipment_rate", asOf: "2017-02-28", value: 0.9719, source: SD },
      ...SHANDONG_CITIES.map((city, i): PublishedPoint => ({ indicator: "completion_rate", asOf: "2017-02-28", value: SHANDONG_COMPLETION[i], city, source: SD })),
      ...SHANDONG_CITIES.map((city): PublishedPoint => ({ indicator: "equipment_rate", asOf: "2017-02-28", value: SHANDONG_EQUIPMENT[city], city, source: SD })),
    ],
    assumptions: [
      SOURCES_ASSUMED("420.88 亿元", "42.088 bn yuan"),
      EQUIPMENT_ASSUMED,
      ZERO_INPUT_ASSUMED,
      { field: "cities", zh: "县分到简报所列 15 个市（每市县数为假设）", en: "counties spread over the 15 cities of the briefing (counties per city assumed)" },
      {
        field: "unit cost and equipment share",
        zh: "各市校舍单价和设备投资占比不同（使各市的面积和设备权重重现全省 2017 年 2 月的竣工率 87.18% 与设备采购完成率 97.19%；公布的 15 市数字要求低进度的市规模大），为假设",
        en: "building unit cost and equipment share differ by city (so the cities' floor-area and equipment weights reproduce the province's Feb 2017 completion 87.18% and equipment 97.19%; the 15 published city rates require the slower cities to be the larger ones); assumed",
      },
      FUNDS_NEUTRAL,
      COUNTY_ATTRIBUTES,
    ],
  },
  xinjiang: {
    id: "xinjiang",
    region: "新疆维吾尔自治区",
    name: { zh: "新疆", en: "Xinjiang" },
    seed: 20170430,
    counties: 94,
    cityNames: synth("合成地州", 14),
    sourcesWanYuan: henanShares(XINJIANG_TOTAL),
    equipmentWanYuan: henanEquipmentShare(XINJIANG_TOTAL),
    zeroCountyInputCounties: 0,
    planSource: {
      zh: "新疆规划总额由“已落实 162.72 亿元，占规划总投入的 80.79%”推算为 201.41 亿元（种子文件 002，推算值）",
      en: "Xinjiang plan total derived as 20.14 bn yuan (201.41亿) from 16.27 bn yuan (162.72亿) “secured, 80.79% of the plan” (seed 002; derived)",
    },
    points: [
      { indicator: "completion_rate", asOf: "2017-04-30", value: 0.36, source: "seed 002 (progress_rates.csv)" },
      { indicator: "equipment_rate", asOf: "2017-04-30", value: 0.18, source: "seed 002 (progress_rates.csv)" },
      { indicator: "completion_rate", asOf: "2017-08-31", value: 0.73, source: "seed 002 (progress_rates.csv)" },
      { indicator: "equipment_rate", asOf: "2017-08-31", value: 0.87, source: "seed 002 (progress_rates.csv)" },
      { indicator: "funds_rate", asOf: "2017-10-11", value: 0.8079, source: "seed 002 (progress_rates.csv)" },
    ],
    assumptions: [
      {
        field: "counties",
        zh: "项目县总数未公布（2017 年 8 月督查了 14 个地州市的 64 个县）；假设 94 个县，分属 14 个地州市（名称为合成）",
        en: "the number of programme counties is not published (64 counties in 14 prefectures were inspected in Aug 2017); assumed 94 counties in 14 prefectures (synthetic names)",
      },
      SOURCES_ASSUMED("201.41 亿元，推算", "20.141 bn yuan, derived"),
      EQUIPMENT_ASSUMED,
      ZERO_INPUT_ASSUMED,
      START_FROM_COMPLETION,
      {
        field: "scope",
        zh: "公布的竣工率、设备采购完成率针对 2014–2016 年任务；合成省把它们当作全部规划的进度",
        en: "the published completion and equipment rates refer to the 2014–2016 tasks; the synthetic province treats them as progress on the whole plan",
      },
      COUNTY_ATTRIBUTES,
    ],
  },
  yunnan: {
    id: "yunnan",
    region: "云南省",
    name: { zh: "云南", en: "Yunnan" },
    seed: 20171031,
    counties: 129,
    cityNames: Object.keys(YUNNAN_START),
    sourcesWanYuan: { central_gaibo: YUNNAN.central, central_other: 0, provincial: YUNNAN.provincial, city: yunnanCityCounty[0], county: yunnanCityCounty[1], other: 0 },
    equipmentWanYuan: henanEquipmentShare(YUNNAN.central + YUNNAN.provincial + YUNNAN.prefectureAndCounty),
    zeroCountyInputCounties: 0,
    planSource: { zh: "云南 2014–2017 年累计投入 185.2 亿元（中央 92.33、省级 46.7、州市县 46.17）", en: "Yunnan invested 18.52 bn yuan (185.2亿) in 2014–2017 (central 9.233, provincial 4.67, prefectures and counties 4.617 bn yuan)" },
    points: [
      { indicator: "start_rate", asOf: "2017-10-31", value: 0.9479, source: YN },
      { indicator: "completion_rate", asOf: "2017-10-31", value: 0.7359, source: YN },
      { indicator: "equipment_rate", asOf: "2017-10-31", value: 0.958, source: YN },
      ...Object.entries(YUNNAN_START).map(([city, value]): PublishedPoint => ({ indicator: "start_rate", asOf: "2017-10-31", value, city, source: YN })),
      { indicator: "completion_rate", asOf: "2017-10-31", value: 0.8544, city: "昭通市", source: YN, reportOnly: true },
      { indicator: "completion_rate", asOf: "2017-10-31", value: 0.8138, city: "玉溪市", source: YN, reportOnly: true },
    ],
    assumptions: [
      { field: "counties", zh: "项目县数未公布；假设 129 个县，分属 16 个州市", en: "the number of programme counties is not published; assumed 129 counties in the 16 prefectures" },
      {
        field: "plan by fund source",
        zh: "用 2014–2017 年累计投入代替五年规划；州市县合计 46.17 亿元按河南地市:县级比例拆分；中央资金全部记为薄改专项",
        en: "2014–2017 investment stands in for the five-year plan; the 4.617 bn yuan (46.17亿) of prefectures and counties is split by Henan's city:county ratio; all central money is counted as the 改薄 fund",
      },
      EQUIPMENT_ASSUMED,
      ZERO_INPUT_ASSUMED,
      FUNDS_NEUTRAL,
      COUNTY_ATTRIBUTES,
    ],
  },
  national: {
    id: "national",
    region: "全国",
    name: { zh: "全国", en: "China" },
    seed: 20181231,
    counties: 2600,
    unitLevel: "province",
    cityNames: synth("合成省", 31),
    sourcesWanYuan: { central_gaibo: NATIONAL_CENTRAL, central_other: 0, provincial: nationalLocal[0], city: nationalLocal[1], county: nationalLocal[2], other: nationalLocal[3] },
    equipmentWanYuan: 10_000_000,
    zeroCountyInputCounties: 0,
    publishedTotalWanYuan: NATIONAL_TOTAL,
    planSource: { zh: "全国规划 5227 亿元（国务院英文网），中央五年 1750 亿元（种子文件 000、001）", en: "national plan 522.7 bn yuan (english.gov.cn), central 175 bn over five years (seeds 000, 001)" },
    points: [
      { indicator: "completion_rate", asOf: "2015-10-31", value: 0.2348, source: "progress_quantities.csv (DERIVED 5166万 / 22000万 m²)" },
      { indicator: "equipment_rate", asOf: "2015-10-31", value: 0.2645, source: "progress_quantities.csv (DERIVED 282 / 1066亿)" },
      { indicator: "completion_rate", asOf: "2018-12-31", value: 0.9834, source: "datasets/real/progress_observations.csv (CN-MOE)" },
      { indicator: "equipment_rate", asOf: "2018-12-31", value: 0.997, source: "datasets/real/progress_observations.csv (CN-MOE)" },
    ],
    assumptions: [
      {
        field: "counties",
        zh: "“2600 多个县”取 2600 个，分属 31 个省份（名称为合成）；生成后按省汇总为 31 个省级单位（中央资金分配到省），各省的进度为其各县按规划加权的汇总",
        en: "“more than 2,600 counties” taken as 2,600, in 31 provinces (synthetic names); after generation they are folded into 31 province-level units (the central fund is allocated to provinces), each province's progress being its counties' plan-weighted roll-up",
      },
      {
        field: "plan by fund source",
        zh: "中央 1750 亿元全部记为薄改专项；其余 3477 亿元按河南地方资金结构分到省、市、县和其他",
        en: "the central 175 bn yuan (1,750亿) is all counted as the 改薄 fund; the other 347.7 bn yuan (3,477亿) is split by Henan's local mix over provinces, cities, counties and other",
      },
      { field: "equipment money", zh: "“1000 多亿元”设备投资取 1000 亿元", en: "“more than 100 bn yuan” of equipment taken as 100 bn" },
      ZERO_INPUT_ASSUMED,
      START_FROM_COMPLETION,
      FUNDS_NEUTRAL,
      { field: "progress 2015", zh: "2015 年 10 月的竣工率、设备完成率是由数量推算的（非公布比率）", en: "the Oct 2015 completion and equipment rates are derived from quantities (not published rates)" },
      COUNTY_ATTRIBUTES,
    ],
  },
};

/** Region ids the generator and scenarios accept. */
export const REGION_IDS = Object.keys(REGION_PROFILES);
