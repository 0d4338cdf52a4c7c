import type { ReferenceObservation } from "./reference-class-prior.js";

/** A region's name without its administrative suffix or note: 新疆维吾尔自治区 → 新疆, 山西省(98个项目县) → 山西. */
export function regionKey(name: string): string {
  return name
    .replace(/[（(].*?[）)]/g, "")
    .replace(/\s+/g, "")
    .replace(/(维吾尔|回族|壮族)?自治区$|特别行政区$|省$|市$|地区$|自治州$|州$|县$|区$/u, "");
}

/** Do two names denote the same region (山东 and 山东省, 新疆 and 新疆维吾尔自治区)? */
export function sameRegion(a: string, b: string): boolean {
  const x = regionKey(a);
  const y = regionKey(b);
  return x !== "" && x === y;
}

/**
 * The reference class without one region: drop the rows of the region itself and, for a province,
 * of its cities and counties (rows whose `province` is the region), so a forecast of the region
 * checked against its later figures is out of sample.
 *
 * @param observations reference rows (real and seed progress tables)
 * @param region the region being forecast, as its users write it (山东, 山东省, 新疆维吾尔自治区)
 * @returns the rows that do not describe the region
 * @example
 * leaveRegionOut(rows, "山东").some((r) => r.region === "德州市") // false: Shandong's cities leave with it
 */
export function leaveRegionOut<T extends ReferenceObservation & { province?: string | null }>(observations: readonly T[], region: string): T[] {
  return observations.filter((r) => !sameRegion(r.region, region) && !(r.province && sameRegion(r.province, region)));
}
