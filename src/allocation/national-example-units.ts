/** One province's row of `datasets/real/demography_provincial.csv` (2015, 中国统计年鉴2016 表2-8). */
export interface ProvinceDemography {
  province: string;
  population_persons: number;
  urbanisation_share: number;
  birth_rate_per_mille: number;
}

/**
 * Provinces as allocation units for the national illustration of the central factor method: real
 * 2015 population, rural population (population × (1 − urbanisation)) and births (population × birth
 * rate). The columns are real; using them for 改薄 need is the rule's stated assumption.
 *
 * @param rows provincial demography rows
 * @returns units with countyId/countyName = province (the allocation code calls every unit a county)
 * @throws RangeError when a row has a non-finite or negative figure
 */
export function nationalExampleUnits(rows: readonly ProvinceDemography[]): Record<string, string | number>[] {
  return rows.map((r, i) => {
    const pop = r.population_persons;
    if (!(pop >= 0) || !(r.urbanisation_share >= 0 && r.urbanisation_share <= 1) || !(r.birth_rate_per_mille >= 0)) {
      throw new RangeError(`nationalExampleUnits requires finite non-negative figures, row ${i} (${r.province}) is not`);
    }
    return {
      countyId: r.province,
      countyName: r.province,
      population: pop,
      // allocate() reports amounts per pupil; provincial pupil counts are not curated, so the
      // “per pupil” figures of this illustration are per resident.
      pupils: pop,
      ruralPopulation: Math.round(pop * (1 - r.urbanisation_share)),
      births: Math.round((pop * r.birth_rate_per_mille) / 1000),
    };
  });
}
