import type { BirthScenario } from "./birth-scenario.js";
import type { UrbanizationScenario } from "./urbanization-scenario.js";
import type { ClassSizeCosts } from "./build-or-bridge.js";

/**
 * The urbanization presets slow, base and fast, mirrored from datasets/scenarios/urbanization/*.json so that
 * pure code can use them without reading files (a test keeps both copies identical).
 * Rates are shares of the origin's residents moving per year; see each preset's notes for derivations.
 * @example URBANIZATION_PRESETS.base.migrantSchoolingShare // 0.48
 * @see datasets/scenarios/urbanization/README.md
 */
export const URBANIZATION_PRESETS: Readonly<Record<"slow" | "base" | "fast", UrbanizationScenario>> = {
  "slow": {
    "kind": "flow-rates",
    "name": "slow",
    "description": "Slow urbanization: rural residents leave at about 1.8% a year (urbanization rate +0.75 pp a year), fewer children go with their parents.",
    "ruralToTownRate": 0.009,
    "ruralToUrbanRate": 0.009,
    "townToUrbanRate": 0.005,
    "migrantSchoolingShare": 0.4,
    "source": "demography.csv (国家统计局 urbanization_rate_resident 2015-2019; 教育部 migrant_children_compulsory and left_behind_children_compulsory 2013, 2014, 2017)",
    "notes": [
      "ASSUMPTION: rural outflow two thirds of base (1.8% vs 2.6% of rural residents a year).",
      "migrantSchoolingShare 0.40 is near the 2013-2014 level: 1294.73 / (1294.73 + 2075.42) = 0.384 (2014).",
      "ASSUMPTION: half of rural leavers settle in towns, half in urban areas; town-to-urban 0.5% a year."
    ]
  },
  "base": {
    "kind": "flow-rates",
    "name": "base",
    "description": "Base urbanization as in 2016-2019: rural residents leave at about 2.6% a year (urbanization rate +1.1 pp a year); 48% of moving children go to school where their parents move.",
    "ruralToTownRate": 0.013,
    "ruralToUrbanRate": 0.013,
    "townToUrbanRate": 0.008,
    "migrantSchoolingShare": 0.48,
    "source": "demography.csv (国家统计局 urbanization_rate_resident 2015-2019; 教育部 migrant_children_compulsory and left_behind_children_compulsory 2013, 2014, 2017)",
    "notes": [
      "DERIVED: resident urbanization rose 1.25 (2016), 1.17 (2017), 1.06 (2018), 1.02 (2019) pp a year; with ~41.5% of people rural, about 1.1 / 41.5 = 2.6% of rural residents leave each year.",
      "DERIVED: migrantSchoolingShare = migrant children / (migrant + left-behind children), 2017: 1406.63 / (1406.63 + 1550.56) = 0.476.",
      "ASSUMPTION: half of rural leavers settle in towns, half in urban areas; town-to-urban 0.8% a year.",
      "Pupil moves from school consolidation (撤点并校) are not part of these rates."
    ]
  },
  "fast": {
    "kind": "flow-rates",
    "name": "fast",
    "description": "Fast urbanization: rural residents leave at about 3.6% a year (urbanization rate +1.5 pp a year), more children go with their parents.",
    "ruralToTownRate": 0.018,
    "ruralToUrbanRate": 0.018,
    "townToUrbanRate": 0.012,
    "migrantSchoolingShare": 0.56,
    "source": "demography.csv (国家统计局 urbanization_rate_resident 2015-2019; 教育部 migrant_children_compulsory and left_behind_children_compulsory 2013, 2014, 2017)",
    "notes": [
      "ASSUMPTION: rural outflow 1.4 times base (the 2015-2020 census-revised path, 56.1% to 63.89%, averages 1.56 pp a year).",
      "ASSUMPTION: migrantSchoolingShare rises beyond 2017's 0.476 to 0.56 as cities open public schools to migrant children.",
      "ASSUMPTION: half of rural leavers settle in towns, half in urban areas; town-to-urban 1.2% a year."
    ]
  }
};

/**
 * National births (万人) with the 2016 universal two-child bump and its fade, mirrored from
 * datasets/scenarios/urbanization/births-two-child.json.
 * @example TWO_CHILD_BIRTHS.observedBirths?.["2016"] // 1786
 * @see demography.csv rows births and births_avg_2011_2015
 */
export const TWO_CHILD_BIRTHS: BirthScenario = {
  "name": "two-child-national",
  "unit": "万人",
  "baselineBirths": 1644,
  "baselineYear": 2015,
  "baselineAnnualChange": -0.04,
  "policyBump": {
    "startYear": 2016,
    "extraBirths": [
      207.8,
      207.9,
      68.5,
      68.7,
      40,
      20,
      10
    ]
  },
  "observedBirths": {
    "2016": 1786,
    "2017": 1723,
    "2018": 1523,
    "2019": 1465
  },
  "source": "demography.csv: births 2016-2019 and births_avg_2011_2015 (国家统计局 via 新华社 and 统计公报 reposts)",
  "notes": [
    "Years up to 2015 carry the 2011-2015 average, 1644万 a year: demography.csv has no births by year before 2016.",
    "ASSUMPTION: without the universal two-child policy (全面两孩, 2016) births would have fallen 4% a year from 2015.",
    "DERIVED: extraBirths 2016-2019 = observed births minus that baseline (e.g. 2016: 1786 - 1644 x 0.96 = 207.8).",
    "ASSUMPTION: the bump fades to 40, 20 and 10万 in 2020-2022 and ends in 2023."
  ]
};

/** Births 2000–2024 (万人) as observed: the same in every birth path, which differ only after 2024 (a test keeps them equal to datasets/real/demography.csv). */
const OBSERVED_BIRTHS: Readonly<Record<string, number>> = {
    "2000": 1765,
    "2001": 1696,
    "2002": 1641,
    "2003": 1594,
    "2004": 1588,
    "2005": 1612,
    "2006": 1581,
    "2007": 1591,
    "2008": 1604,
    "2009": 1587,
    "2010": 1588,
    "2011": 1600,
    "2012": 1635,
    "2013": 1640,
    "2014": 1687,
    "2015": 1655,
    "2016": 1786,
    "2017": 1723,
    "2018": 1523,
    "2019": 1465,
    "2020": 1202,
    "2021": 1062,
    "2022": 956,
    "2023": 902,
    "2024": 954
  };

/**
 * Birth scenarios through the demographic turn: observed births 2000–2024 (国家统计局, datasets/real/demography.csv)
 * and, after 2024, a low, central and high path (ASSUMPTIONS stated in each scenario's notes). Mirrored from
 * datasets/scenarios/urbanization/births-{low,central,high}.json (a test keeps the copies and the observed births equal).
 * @example BIRTH_PRESETS.central.observedBirths?.["2023"] // 902
 * @see datasets/scenarios/urbanization/README.md
 */
export const BIRTH_PRESETS: Readonly<Record<"low" | "central" | "high", BirthScenario>> = {
  "low": {
    "name": "births-low",
    "unit": "万人",
    "baselineBirths": 902,
    "baselineYear": 2024,
    "baselineAnnualChange": -0.06,
    "observedBirths": OBSERVED_BIRTHS,
    "source": "datasets/real/demography.csv: births 2000-2024 (国家统计局, via reposts: see source_url per row)",
    "notes": [
      "Observed births 2000-2024 are copied from datasets/real/demography.csv (a test keeps them equal).",
      "ASSUMPTION: after 2024 births fall 6% a year from the 2023 level (902万): the 2020-2023 pace (1202 to 902万 is -9% a year) slowing a little; the 2024 rise to 954万 (dragon year) is read as one-off."
    ]
  },
  "central": {
    "name": "births-central",
    "unit": "万人",
    "baselineBirths": 902,
    "baselineYear": 2024,
    "baselineAnnualChange": -0.03,
    "observedBirths": OBSERVED_BIRTHS,
    "source": "datasets/real/demography.csv: births 2000-2024 (国家统计局, via reposts: see source_url per row)",
    "notes": [
      "Observed births 2000-2024 are copied from datasets/real/demography.csv (a test keeps them equal).",
      "ASSUMPTION: after 2024 births fall 3% a year from the 2023 level (902万), about a third of the 2020-2023 pace; the 2024 rise to 954万 (dragon year) is read as one-off."
    ]
  },
  "high": {
    "name": "births-high",
    "unit": "万人",
    "baselineBirths": 954,
    "baselineYear": 2024,
    "baselineAnnualChange": 0.0,
    "observedBirths": OBSERVED_BIRTHS,
    "source": "datasets/real/demography.csv: births 2000-2024 (国家统计局, via reposts: see source_url per row)",
    "notes": [
      "Observed births 2000-2024 are copied from datasets/real/demography.csv (a test keeps them equal).",
      "ASSUMPTION: births stay at the 2024 level (954万) after 2024, as if the 2024 rise held."
    ]
  }
};

/** Last school year the big-class outlook projects (the demographic turn: births after 2024 reach junior schools by 2035). */
export const BIG_CLASS_HORIZON = 2035;

/** Names a scenario's `bigClass.births` may take: the three birth presets and the older two-child path. */
export const BIRTH_PRESET_NAMES = ["low", "central", "high", "two-child"] as const;

/**
 * The birth scenario a preset name stands for.
 * @param name low, central, high or two-child
 * @returns the scenario, or undefined for an unknown name (callers name the field in their message)
 * @example birthPreset("central")?.name // "births-central"
 */
export function birthPreset(name: string): BirthScenario | undefined {
  if (name === "two-child") return TWO_CHILD_BIRTHS;
  return name === "low" || name === "central" || name === "high" ? BIRTH_PRESETS[name] : undefined;
}

/**
 * Unit costs of removing big classes, mirrored from datasets/scenarios/costs/class-size-costs.json (a test keeps
 * the copies equal): teacher salary (real: NBS 2022 education-sector average wage, 120,422 yuan), building cost per
 * m², maintenance, temporary capacity and building life (ASSUMPTIONS, see notes).
 * @example CLASS_SIZE_COSTS.teacherSalaryWanYuanPerYear // 12.0422
 */
export const CLASS_SIZE_COSTS: ClassSizeCosts = {
  "name": "class-size-costs",
  "unit": "万元",
  "teacherSalaryWanYuanPerYear": 12.0422,
  "teacherSalarySource": {
    "figure": "120422 元: 2022 average annual wage, urban non-private units, sector 教育 (国家统计局)",
    "source_url": "https://shanshicn.com/zhiku/info.aspx?itemid=7951",
    "quote": "教育 |\n120422 |\n111392 |\n8.1",
    "standing": "official figure, unofficial copy (NBS release 2023-05-09 reposted); wages only, employer social contributions not included"
  },
  "yuanPerM2": 2000,
  "maintenanceShareOfCapitalPerYear": 0.02,
  "temporaryWanYuanPerClassroomYear": 3,
  "buildingLifeYears": 50,
  "notes": [
    "REAL: teacher salary per year = the 2022 average wage of the education sector (urban non-private units), 120,422 yuan (NBS).",
    "ASSUMPTION: 2000 yuan per m² of school building (seed 004), the figure the removal plan already uses.",
    "ASSUMPTION: maintenance 2% of the building cost a year.",
    "ASSUMPTION: temporary capacity (a rented or borrowed room, or a modular classroom, with its running cost) 3万元 per classroom-year.",
    "ASSUMPTION: a school building stands 50 years (建标 design life of ordinary buildings); rooms empty before then are stranded."
  ]
};
