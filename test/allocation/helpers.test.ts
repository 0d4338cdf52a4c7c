import { describe, expect, it } from "vitest";
import { clampToBudget } from "../../src/allocation/clamp-to-budget.js";
import { largestRemainder } from "../../src/shared/largest-remainder.js";
import { normaliseFactor } from "../../src/allocation/normalise-factor.js";
import { readUnitColumns } from "../../src/allocation/read-unit-columns.js";
import { unitsColumns } from "../../src/allocation/units-columns.js";

describe("allocation helpers (doc examples)", () => {
  it("largestRemainder([1.5, 1.3, 2.2], 5) gives the leftover fen to the largest remainder", () => {
    expect(Array.from(largestRemainder([1.5, 1.3, 2.2], 5))).toEqual([2, 1, 2]);
  });

  it("clampToBudget caps, lifts and rescales the rest to keep the total", () => {
    const r = clampToBudget([60, 30, 10], [0, 0, 20], [50, Infinity, Infinity], 100);
    expect(Array.from(r.valuesFen)).toEqual([50, 30, 20]);
    expect(Array.from(r.status)).toEqual([1, 0, -1]);
  });

  it("normaliseFactor min-max, rank and capacity share", () => {
    expect(Array.from(normaliseFactor([1, 2, 5], "need", "minmax"))).toEqual([0, 0.25, 1]);
    expect(Array.from(normaliseFactor([3, 1, 3], "capacity", "rank"))).toEqual([1.5, 3, 1.5]);
    expect(Array.from(normaliseFactor([2, 4], "capacity", "share"))).toEqual([0.5, 0.25]);
    expect(Array.from(normaliseFactor([0.1, 0.2], "need", "per-capita", [100, 50]))).toEqual([10, 10]);
  });

  it("readUnitColumns doc example reads a column; unitsColumns documents units", () => {
    expect(readUnitColumns([{ pupils: 10 }], [{ column: "pupils", kind: "number", min: 0, neededBy: "x" }]).numbers.get("pupils")?.[0]).toBe(10);
    expect(unitsColumns.fiscalCapacityPerCapitaYuan.unit).toBe("元/人");
  });
});
