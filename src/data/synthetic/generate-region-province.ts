import {
  NEUTRAL_TIMING,
  generateProvinceColumns,
  generateSyntheticProvince,
  type CountyColumns,
  type ProgressIndicator,
  type ProgressTiming,
  type SyntheticProvince,
  type SyntheticProvinceOptions,
} from "./generate-province.js";
import { POINT_TOLERANCE, type PublishedPoint, type RegionProfile } from "./region-profiles.js";
import { rollUpProgress } from "./roll-up-progress.js";
import { aggregateToProvinces } from "./aggregate-to-provinces.js";

/** A published point beside the roll-up of the generated counties on its date. */
export interface PointCheck extends PublishedPoint {
  rollUp: number;
  difference: number;
  /** |difference| ≤ POINT_TOLERANCE (report-only points are shown but not held to it). */
  within: boolean;
}

/** A region's synthetic province with the calibration that makes it reproduce the published points. */
export interface RegionProvince extends SyntheticProvince {
  profile: RegionProfile;
  options: SyntheticProvinceOptions;
  checks: PointCheck[];
}

type Row = Record<string, unknown>;
const INDICATORS: ProgressIndicator[] = ["start_rate", "completion_rate", "equipment_rate", "funds_rate"];

function rowsOf(cols: CountyColumns): Row[] {
  const keys = Object.keys(cols);
  const n = cols[keys[0]]?.length ?? 0;
  const out: Row[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Row = {};
    for (const k of keys) r[k] = cols[k][i];
    out[i] = r;
  }
  return out;
}

/** Bisection for a decreasing function f(x) = target on [lo, hi] (the roll-up falls as a curve is shifted later). */
function solveDecreasing(f: (x: number) => number, target: number, lo: number, hi: number, iterations = 28): number {
  for (let i = 0; i < iterations; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Bisection for an increasing function. */
function solveIncreasing(f: (x: number) => number, target: number, lo: number, hi: number, iterations = 28): number {
  return solveDecreasing((x) => -f(x), -target, lo, hi, iterations);
}

/**
 * Generate a region's synthetic province from what is published about it: the county count, the
 * plan by source and the published progress points, which the roll-up of the generated counties
 * reproduces on their dates within POINT_TOLERANCE (±1 pp). The county curves of the 河南 generator
 * are shifted and sped up per indicator (region-wide), per city where city figures are published
 * (山东's 15 cities, 云南's 16 州市), with city ceilings above 100% where a city published
 * over-delivery, and the cities' plan weights are tilted so their published rates average to the
 * province's. Everything else is the 河南 generator's (same seeded draws), stated as assumptions in
 * the profile. Deterministic: the same profile gives the same files.
 *
 * Hand-written (a few nested bisections and a 2×2 Newton step) because the roll-up is a
 * simulation, not a formula: no optimiser in the dependencies takes a black-box function and
 * stays deterministic across platforms without extra setup.
 *
 * @param profile the region's recipe (REGION_PROFILES)
 * @returns the three tables, the generator options found, and every published point beside its roll-up
 * @example generateRegionProvince(REGION_PROFILES.xinjiang).checks // completion 36% → 0.36±0.01 on 2017-04-30
 */
export function generateRegionProvince(profile: RegionProfile): RegionProvince {
  const options = calibrateRegionOptions(profile);
  const generated = generateSyntheticProvince(options);
  // The national view is written at the level the central fund is allocated to: its provinces.
  const province = profile.unitLevel === "province" ? aggregateToProvinces(generated) : generated;
  const checks = checkPoints(profile, province.counties.objects() as Row[], province.progress.objects() as Row[]);
  return { ...province, profile, options, checks };
}

/** Every published point of a profile beside the roll-up of the given tables. */
export function checkPoints(profile: RegionProfile, counties: readonly Row[], progress: readonly Row[]): PointCheck[] {
  return profile.points.map((p) => {
    const rollUp = rollUpProgress(counties, progress, p.indicator, p.asOf, p.city);
    const difference = rollUp - p.value;
    return { ...p, rollUp, difference, within: Math.abs(difference) <= POINT_TOLERANCE };
  });
}

function calibrateRegionOptions(profile: RegionProfile): SyntheticProvinceOptions {
  const cityCount = profile.cityNames.length;
  const shiftB: number[] = new Array(cityCount).fill(0);
  const shiftE: number[] = new Array(cityCount).fill(0);
  const capB: number[] = new Array(cityCount).fill(1);
  const capE: number[] = new Array(cityCount).fill(1);
  const timing: ProgressTiming = {
    shift: { ...NEUTRAL_TIMING.shift },
    speed: { ...NEUTRAL_TIMING.speed },
    cityShift: { building: shiftB, equipment: shiftE },
    cityCap: { building: capB, equipment: capE },
  };
  const cityWeights = { floorArea: new Array(cityCount).fill(1), equipment: new Array(cityCount).fill(1) };
  const options: SyntheticProvinceOptions = {
    seed: profile.seed,
    counties: profile.counties,
    cityNames: profile.cityNames,
    sourcesWanYuan: profile.sourcesWanYuan,
    equipmentWanYuan: profile.equipmentWanYuan,
    zeroCountyInputCounties: profile.zeroCountyInputCounties,
    timing,
    cityWeights,
  };
  if (profile.points.length === 0) return { ...options, timing: NEUTRAL_TIMING, cityWeights: undefined };

  const roll = (p: PublishedPoint): number => {
    const { counties, progress } = generateProvinceColumns(options);
    return rollUpProgress(rowsOf(counties), rowsOf(progress), p.indicator, p.asOf, p.city);
  };
  const targets = profile.points.filter((p) => !p.reportOnly);
  const cityIdx = (name: string) => profile.cityNames.indexOf(name);
  const building = (i: ProgressIndicator) => i === "start_rate" || i === "completion_rate";
  // A province figure on a date when every city has its own figure is the cities' weighted mean:
  // it is reproduced by the cities' weights, not by the region-wide timing.
  const coveredByCities = (p: PublishedPoint) =>
    !p.city && cityCount > 1 && profile.cityNames.every((c) => targets.some((q) => q.city === c && q.indicator === p.indicator && q.asOf === p.asOf));
  // Region-wide timing is fitted to every province figure (covered ones fix its speed between dates);
  // the city shifts are then re-centred so their mean stays in the region-wide shift.
  const provincePoints = targets.filter((p) => !p.city);
  const tiltPoints = targets.filter((p) => !p.city && coveredByCities(p));
  // Per city, the building shift follows its start figure if published, else its completion figure.
  const cityPoints = profile.cityNames.map((c) => ({
    building: targets.find((p) => p.city === c && p.indicator === "start_rate") ?? targets.find((p) => p.city === c && p.indicator === "completion_rate"),
    equipment: targets.find((p) => p.city === c && p.indicator === "equipment_rate"),
  }));
  // A city published at or above ~96% needs counties able to over-deliver to average that high.
  cityPoints.forEach((cp, i) => {
    if (cp.building) capB[i] = Math.max(1, cp.building.value / 0.96);
    if (cp.equipment) capE[i] = Math.max(1, cp.equipment.value / 0.96);
  });
  const has = (i: ProgressIndicator) => provincePoints.some((p) => p.indicator === i);
  const anyCity = (i: ProgressIndicator) => targets.some((p) => p.city && p.indicator === i);

  for (let round = 0; round < 8; round++) {
    for (const ind of INDICATORS) {
      const pts = provincePoints.filter((p) => p.indicator === ind).sort((a, b) => a.asOf.localeCompare(b.asOf));
      if (pts.length === 0) continue;
      fitIndicator(timing, ind, pts, roll);
    }
    // Regions publishing no start rate keep the 河南 lead of starts over completions; and vice versa.
    if (!has("start_rate") && !anyCity("start_rate")) {
      timing.shift.start_rate = timing.shift.completion_rate;
      timing.speed.start_rate = timing.speed.completion_rate;
    }
    if (!has("completion_rate") && !anyCity("completion_rate")) {
      timing.shift.completion_rate = timing.shift.start_rate;
      timing.speed.completion_rate = timing.speed.start_rate;
    }
    cityPoints.forEach((cp, i) => {
      if (cp.building) {
        const p = cp.building;
        shiftB[i] = solveDecreasing((x) => ((shiftB[i] = x), roll(p)), p.value, -60, 60, 22);
      }
      if (cp.equipment) {
        const p = cp.equipment;
        shiftE[i] = solveDecreasing((x) => ((shiftE[i] = x), roll(p)), p.value, -60, 60, 22);
      }
    });
    const recentre = (shifts: number[], inds: ProgressIndicator[], used: boolean) => {
      if (!used) return;
      const mean = shifts.reduce((a, b) => a + b, 0) / shifts.length;
      shifts.forEach((x, i) => (shifts[i] = x - mean));
      for (const ind of inds) timing.shift[ind] += mean;
    };
    recentre(shiftB, ["start_rate", "completion_rate"], cityPoints.every((cp) => cp.building));
    recentre(shiftE, ["equipment_rate"], cityPoints.every((cp) => cp.equipment));
    for (const p of tiltPoints) {
      const weights = building(p.indicator) ? cityWeights.floorArea : cityWeights.equipment;
      const cityValue = profile.cityNames.map((c) => targets.find((q) => q.city === c && q.indicator === p.indicator && q.asOf === p.asOf)!.value);
      const mean = cityValue.reduce((a, b) => a + b, 0) / cityCount;
      const base = [...weights];
      // Exponential tilt: cities above the mean weigh more as θ grows, so the roll-up rises with θ.
      const theta = solveIncreasing(
        (t) => {
          cityValue.forEach((v, i) => (weights[i] = base[i] * Math.exp(t * (v - mean))));
          return roll(p);
        },
        p.value,
        -60,
        60,
        24,
      );
      cityValue.forEach((v, i) => (weights[i] = base[i] * Math.exp(theta * (v - mean))));
    }
    // Stop once every target is within a fifth of the tolerance.
    const { counties, progress } = generateProvinceColumns(options);
    const [cr, pr] = [rowsOf(counties), rowsOf(progress)];
    if (targets.every((p) => Math.abs(rollUpProgress(cr, pr, p.indicator, p.asOf, p.city) - p.value) <= POINT_TOLERANCE / 5)) break;
  }
  return options;
}

/** Fit one indicator's region-wide shift (one point) or shift and speed (two or more: the first and last). */
function fitIndicator(timing: ProgressTiming, ind: ProgressIndicator, pts: PublishedPoint[], roll: (p: PublishedPoint) => number): void {
  const setShift = (x: number) => (timing.shift[ind] = x);
  if (pts.length === 1) {
    setShift(solveDecreasing((x) => (setShift(x), roll(pts[0])), pts[0].value, -60, 60));
    return;
  }
  const [a, b] = [pts[0], pts[pts.length - 1]];
  // Start: speed 1, shift through the point nearer 50% (where the curve is best determined).
  const mid = Math.abs(a.value - 0.5) < Math.abs(b.value - 0.5) ? a : b;
  setShift(solveDecreasing((x) => (setShift(x), roll(mid)), mid.value, -60, 60));
  let ls = Math.log(timing.speed[ind]);
  const residual = (shift: number, logSpeed: number): [number, number] => {
    timing.shift[ind] = shift;
    timing.speed[ind] = Math.exp(logSpeed);
    return [roll(a) - a.value, roll(b) - b.value];
  };
  let shift = timing.shift[ind];
  let r = residual(shift, ls);
  for (let it = 0; it < 20 && Math.max(Math.abs(r[0]), Math.abs(r[1])) > 0.002; it++) {
    const hs = 0.25;
    const hl = 0.02;
    const rs = residual(shift + hs, ls);
    const rl = residual(shift, ls + hl);
    const j = [
      [(rs[0] - r[0]) / hs, (rl[0] - r[0]) / hl],
      [(rs[1] - r[1]) / hs, (rl[1] - r[1]) / hl],
    ];
    const det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
    if (!Number.isFinite(det) || Math.abs(det) < 1e-12) break;
    let ds = -(j[1][1] * r[0] - j[0][1] * r[1]) / det;
    let dl = -(-j[1][0] * r[0] + j[0][0] * r[1]) / det;
    // Damped: never more than 6 months or a factor e^0.4 of speed per step.
    const scale = Math.min(1, 6 / Math.abs(ds), 0.4 / Math.abs(dl));
    ds *= scale;
    dl *= scale;
    shift += ds;
    ls = Math.max(-1.5, Math.min(2.3, ls + dl));
    r = residual(shift, ls);
  }
  timing.shift[ind] = shift;
  timing.speed[ind] = Math.exp(ls);
}
