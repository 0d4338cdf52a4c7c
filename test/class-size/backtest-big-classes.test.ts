import { beforeAll, describe, expect, it } from "vitest";
import { backtestBigClasses, type BigClassBacktest } from "../../src/class-size/backtest-big-classes.js";
import { fitEliminationDrive } from "../../src/class-size/fit-elimination-drive.js";
import { interpolateGeometric } from "../../src/class-size/interpolate-geometric.js";
import { loadBundledData } from "../../src/data/load-bundled-data.js";
import { classSizeInputs, type ClassSizeInputs } from "../../src/report/class-size-section.js";

// Inputs come from the curated real tables (big_class_national.csv, big_class_provincial.csv, demography.csv,
// standards.csv) through classSizeInputs; the numbers asserted below are the out-of-sample errors the briefing states.
let inputs: ClassSizeInputs;
let national: BigClassBacktest;
let nationalAll: BigClassBacktest;
let henan: BigClassBacktest;
let henanExact: BigClassBacktest;
const error = (t: BigClassBacktest, year: number, measure: string) => t.comparison.find((r) => r.year === year && r.measure === measure)!;

beforeAll(async () => {
  inputs = classSizeInputs(await loadBundledData());
  national = backtestBigClasses(inputs.national);
  nationalAll = backtestBigClasses({ ...inputs.national, fitYears: [2018, 2019, 2020, 2021], targetedShare: national.drive.targetedShare });
  henan = backtestBigClasses({ ...inputs.henan, targetedShare: national.drive.targetedShare });
  henanExact = backtestBigClasses(inputs.henan);
});

describe("backtestBigClasses on the national figures", () => {
  it("backtestBigClasses(national) calibrates to 2017: 10.1% and 2.4% of 3,643,564 classes (36.8万 ÷ 10.1%)", () => {
    expect(national.calibration.bigShare).toBeCloseTo(0.101, 10);
    expect(national.calibration.veryBigShare).toBeCloseTo(0.024, 10);
    expect(national.baseClasses).toBeCloseTo(368_000 / 0.101, 3);
    expect(error(national, 2017, "very_big_count").published).toBe(86_000);
  });

  it("backtestBigClasses(national) with the drive fitted to 2018 misses 2020 by −3.98 pp and 2021 by −0.71 pp (model already at 0)", () => {
    expect(national.drive.classroomsPerYear).toBeCloseTo(226_273, -1);
    expect(national.drive.targetedShare).toBeCloseTo(0.1367, 3);
    expect(error(national, 2020, "big_share").role).toBe("out-of-sample");
    expect(error(national, 2020, "big_share").error).toBeCloseTo(-0.0398, 4);
    expect(error(national, 2021, "big_share").error).toBeCloseTo(-0.0071, 4);
    expect(error(national, 2021, "very_big_share").error).toBeCloseTo(-0.0001, 5);
    expect(error(national, 2020, "very_big_share").approx).toBe(true);
  });

  it("backtestBigClasses(national) predicts the 2018 class counts out of sample within 1%", () => {
    // 2018 published: 375.49万 classes, 26.5万 of 56+, 1.87万 of 66+.
    expect(error(national, 2018, "classes_total").relativeError).toBeCloseTo(0.0059, 3);
    expect(error(national, 2018, "big_count").relativeError).toBeCloseTo(0.0063, 3);
    expect(error(national, 2018, "very_big_count").relativeError).toBeCloseTo(0.0099, 3);
  });

  it("backtestBigClasses(national) without new classrooms would have risen to 11.47% in 2018 (published 7.06%)", () => {
    expect(error(national, 2018, "big_share").noDrive).toBeCloseTo(0.1147, 4);
    expect(error(national, 2018, "big_share").errorNoDrive).toBeCloseTo(0.0441, 4);
  });

  it("backtestBigClasses(national, all years) finds one pace of about 172,500 rooms a year within ±1.05 pp of every published 56+ share", () => {
    expect(nationalAll.drive.classroomsPerYear).toBeCloseTo(172_515, -1);
    expect(error(nationalAll, 2018, "big_share").error).toBeCloseTo(0.0105, 4);
    expect(error(nationalAll, 2020, "big_share").error).toBeCloseTo(-0.0044, 4);
    expect(error(nationalAll, 2021, "big_share").error).toBeCloseTo(0.0009, 4);
  });
});

describe("backtestBigClasses on 河南", () => {
  it("backtestBigClasses(henan, national aim) fits 13.01% in 2018 and misses the out-of-sample 66+ share by +1.02 pp", () => {
    expect(error(henan, 2018, "big_share").error).toBeCloseTo(0, 8);
    expect(error(henan, 2018, "very_big_share").role).toBe("out-of-sample");
    expect(error(henan, 2018, "very_big_share").error).toBeCloseTo(0.0102, 4);
    expect(henan.drive.classroomsPerYear).toBeCloseTo(0.0588, 4); // rooms a year per base-year room
    expect(henan.classesKnown).toBe(false);
  });

  it("backtestBigClasses(henan) fits both 2018 shares with 5.2% of base rooms a year, 23% aimed", () => {
    expect(henanExact.drive.classroomsPerYear).toBeCloseTo(0.0522, 4);
    expect(henanExact.drive.targetedShare).toBeCloseTo(0.2314, 3);
    expect(error(henanExact, 2018, "very_big_share").error).toBeCloseTo(0, 8);
  });
});

describe("fitEliminationDrive and interpolateGeometric", () => {
  it("fitEliminationDrive(input) rejects an observation outside the years", () => {
    expect(() =>
      fitEliminationDrive({ years: [2017, 2018], pupilIndex: [1, 1], calibration: national.calibration, baseClasses: 1, observed: [{ year: 2025, bigShare: 0.05 }] }),
    ).toThrow("fitEliminationDrive requires observations after 2017 within the years, got 2025");
  });

  it("interpolateGeometric(anchors, years) matches its documented example", () => {
    const [a, b] = interpolateGeometric([{ year: 2014, value: 100 }, { year: 2016, value: 121 }], [2013, 2015]);
    expect(a).toBeCloseTo(100 / 1.1, 9);
    expect(b).toBeCloseTo(110, 9);
    expect(() => interpolateGeometric([], [2015])).toThrow("interpolateGeometric requires at least one anchor");
  });
});
