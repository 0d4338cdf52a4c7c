import { describe, expect, it } from "vitest";
import { calibrateClassSize } from "../../src/class-size/calibrate-class-size.js";
import { classSizeDistribution } from "../../src/class-size/class-size-distribution.js";
import { projectEliminationDrive } from "../../src/class-size/project-elimination-drive.js";
import { standardNormalCdf } from "../../src/class-size/standard-normal-cdf.js";

const calibration = calibrateClassSize({ standardSize: 45, bigShare: 0.101, veryBigShare: 0.024 });
const years = [2017, 2018, 2019, 2020, 2021];
const pupilIndex = [1, 1.02, 1.04, 1.06, 1.08];
const baseClasses = 3_643_564;

/** Independent check: rooms to bring every school above τ to the cap, by midpoint integration over the truncated lognormal. */
function roomsByQuadrature(meanLoad: number, sigma: number, maxZ: number, tau: number, cap: number, rooms: number): number {
  const phiZ = standardNormalCdf(maxZ);
  const phiZs = standardNormalCdf(maxZ - sigma);
  const mu = Math.log(meanLoad) - (sigma * sigma) / 2 - Math.log(phiZs / phiZ);
  const n = 200_000;
  const z0 = -12;
  const h = (maxZ - z0) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const z = z0 + (i + 0.5) * h;
    const x = Math.exp(mu + sigma * z);
    if (x > tau) sum += ((x / cap - 1) * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI) * h;
  }
  return (rooms * sum) / phiZ;
}

describe("projectEliminationDrive", () => {
  it("projectEliminationDrive(input) without a drive and with flat pupils reproduces classSizeDistribution", () => {
    const rows = projectEliminationDrive({ years, pupilIndex: years.map(() => 1), calibration, baseClasses });
    const rooms = baseClasses / classSizeDistribution(calibration.meanLoad, 1, calibration).classes;
    const d = classSizeDistribution(calibration.meanLoad * rooms, rooms, calibration);
    for (const r of rows) {
      expect(r.classes).toBeCloseTo(d.classes, 4);
      expect(r.big).toBeCloseTo(d.big, 4);
      expect(r.veryBig).toBeCloseTo(d.veryBig, 4);
    }
    expect(rows[0].bigShare).toBeCloseTo(0.101, 10);
  });

  it("projectEliminationDrive(input) keeps shares in 0–1 with 66+ ≤ 56+ ≤ classes, and more pace never raises the 56+ share", () => {
    let previous = projectEliminationDrive({ years, pupilIndex, calibration, baseClasses });
    for (const pace of [20_000, 60_000, 120_000, 240_000, 480_000]) {
      for (const targetedShare of [0, 0.3, 1]) {
        const rows = projectEliminationDrive({ years, pupilIndex, calibration, baseClasses, drive: { classroomsPerYear: pace, targetedShare } });
        for (const r of rows) {
          expect(r.veryBig).toBeLessThanOrEqual(r.big + 1e-9);
          expect(r.big).toBeLessThanOrEqual(r.classes);
          expect(r.bigShare).toBeGreaterThanOrEqual(0);
          expect(r.bigShare).toBeLessThanOrEqual(1);
          expect(r.spareClassrooms).toBeLessThanOrEqual(r.targetedClassrooms + 1e-9);
        }
        if (targetedShare === 0) {
          rows.forEach((r, i) => expect(r.bigShare).toBeLessThanOrEqual(previous[i].bigShare + 1e-12));
          previous = rows;
        }
      }
    }
  });

  it("projectEliminationDrive(input) uses exactly its targeted rooms on the schools above τ (checked by quadrature)", () => {
    const rows = projectEliminationDrive({ years, pupilIndex: years.map(() => 1), calibration, baseClasses, drive: { classroomsPerYear: 50_000, targetedShare: 1, maxClassSize: 45 } });
    const r = rows[1];
    expect(Number.isFinite(r.fixedAbove)).toBe(true);
    const rooms = baseClasses / classSizeDistribution(calibration.meanLoad, 1, calibration).classes;
    const used = roomsByQuadrature(calibration.meanLoad, calibration.spread, calibration.maxZ, r.fixedAbove, 45, rooms);
    expect(used / (r.targetedClassrooms - r.spareClassrooms)).toBeCloseTo(1, 4); // midpoint rule, jump at τ: error ~1e-5
  });

  it("projectEliminationDrive(input) with enough aimed rooms leaves no 56+ class and names bad inputs", () => {
    const rows = projectEliminationDrive({ years, pupilIndex, calibration, baseClasses, drive: { classroomsPerYear: 2e6, targetedShare: 1 } });
    expect(rows[1].big).toBe(0);
    expect(rows[1].spareClassrooms).toBeGreaterThan(0);
    expect(() => projectEliminationDrive({ years, pupilIndex: [1], calibration, baseClasses })).toThrow(
      "projectEliminationDrive requires one pupilIndex value > 0 per year, got 1 for 5 years",
    );
    expect(() => projectEliminationDrive({ years, pupilIndex, calibration, baseClasses, drive: { classroomsPerYear: 1, targetedShare: 2 } })).toThrow(
      "projectEliminationDrive requires targetedShare between 0 and 1, got 2",
    );
  });
});
