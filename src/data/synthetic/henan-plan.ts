/**
 * The Henan five-year 全面改薄 plan (2014–2018) as stated in seed 001_4cca479e5fb5f4f3.txt, in 万元:
 * "全省109个县(市)共投资267.91亿元，其中，中央专款159.82亿元(中央薄改计划专项资金135.04亿元、统筹的其他中央专项资金
 * 24.79亿元)，地方财政资金106.47亿元(省级42.4亿元、地市级1.38亿元、县级62.69亿元)，其他资金1.62亿元。计划用于校舍建设
 * 投资213.47亿元，购置图书、课桌凳、计算机、教学仪器设备等投资54.43亿元。" and "有22个县(市)投入资金为“0”".
 * The same figures are in datasets/seeds/fund_plans.csv; a test checks the two agree.
 *
 * The published parts do not add up exactly (source rounding): 135.04 + 24.79 = 159.83 (stated
 * 159.82), the six sources sum to 267.92 (stated 267.91) and buildings + equipment to 267.90.
 * The synthetic province keeps every source amount exact, so its total is 267.92亿.
 */
export const HENAN_PLAN = {
  counties: 109,
  zeroCountyInputCounties: 22,
  sourcesWanYuan: {
    central_gaibo: 1_350_400,
    central_other: 247_900,
    provincial: 424_000,
    city: 13_800,
    county: 626_900,
    other: 16_200,
  },
  /** As stated; the sources above sum to 2_679_200. */
  totalWanYuan: 2_679_100,
  buildingsWanYuan: 2_134_700,
  equipmentWanYuan: 544_300,
} as const;
