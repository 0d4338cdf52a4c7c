import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/allocation/allocate.js";
import { parseRule } from "../../src/allocation/parse-rule.js";
import { ruleColumns } from "../../src/allocation/rule-columns.js";
import { validateRule } from "../../src/allocation/validate-rule.js";
import { DataValidationError } from "../../src/shared/errors.js";
import { createRandom } from "../../src/shared/random.js";

const rulesDir = fileURLToPath(new URL("../../datasets/rules/", import.meta.url));
const readRule = (file: string) => parseRule(readFileSync(rulesDir + file, "utf8"), file);

/** Synthetic counties with every standard column, from a seeded stream (tests only; the real generator is in data/). */
function randomCounties(n: number, seed: number) {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const pupils = Math.round(5_000 + r.uniform() * 120_000);
    const committed = r.uniform() * 8_000;
    return {
      countyId: `41${String(i).padStart(4, "0")}`,
      countyName: `县${i}`,
      region: ["east", "central", "west"][r.int(3)],
      pupils,
      poorPopulation: Math.round(r.uniform() * 150_000),
      poorShare: r.uniform() * 0.4,
      fiscalCapacityPerCapitaYuan: 1_500 + r.uniform() * 20_000,
      perPupilSpendingYuan: 6_000 + r.uniform() * 12_000,
      spendingGrowthRate: -0.1 + r.uniform() * 0.3,
      provincialFundsLastYearWanYuan: r.uniform() * 3_000,
      fundingGapWanYuan: r.uniform() * 60_000,
      taskCompletionShare: r.uniform() * 1.1,
      standardsMetShare: r.uniform(),
      planQualityScore: 50 + r.uniform() * 50,
      supervisionScore: 50 + r.uniform() * 50,
      matchingCommittedWanYuan: committed,
      matchingDeliveredWanYuan: r.uniform() < 0.2 ? 0 : committed * r.uniform(),
      lastYearAllocationWanYuan: r.uniform() * 3_000,
      idleBalanceWanYuan: r.uniform() < 0.7 ? 0 : r.uniform() * 500,
      regionCoefficient: 1 + r.uniform() * 0.3,
    };
  });
}

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof DataValidationError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
}

describe("rule presets", () => {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith(".json"));

  it("every preset in datasets/rules parses, names its sources and flags its weights as assumptions", () => {
    expect(files).toEqual(expect.arrayContaining(["central-2015.json", "need-only.json", "matching-heavy.json", "hebei-progress.json"]));
    for (const f of files) {
      const rule = readRule(f);
      expect(rule.name).toBe(f.replace(/\.json$/, ""));
      expect(rule.sources.length).toBeGreaterThan(0);
      expect(rule.assumptions.some((a) => a.startsWith("ASSUMED"))).toBe(true);
    }
  });

  it("parseRule(central-2015.json) mirrors the 4 factor groups and 10 sub-factors with the source quote", () => {
    const rule = readRule("central-2015.json");
    expect(rule.groups.map((g) => g.label)).toEqual(["基础因素", "投入因素", "绩效因素", "管理因素"]);
    expect(rule.groups.map((g) => g.factors.length)).toEqual([4, 3, 1, 2]);
    expect(rule.groups.flatMap((g) => g.factors).length).toBe(10);
    expect(rule.sources[0].url).toBe("http://www.3gcnzx.cn/JiaoYuXinWen/453.html");
    expect(rule.sources[0].quote).toContain("4類因素、10個子因素");
  });

  it("every preset runs on 300 random counties with a 310亿元 budget and conserves it to the fen", () => {
    const budgetFen = 3_100_000_000_000; // 310亿元, the 2014 central total, as a stress size
    // need-transition protects against last year's one-year allocation; at 310亿 every county would gain far past
    // its cap, which the transition refuses (tested in transition.test.ts)
    for (const f of files.filter((x) => x !== "need-transition.json")) {
      const counties = randomCounties(300, 2014);
      const result = allocate(counties, readRule(f), { budgetFen });
      expect(result.rows.reduce((s, r) => s + r.allocationFen, 0)).toBe(budgetFen);
      expect(result.rows.every((r) => Number.isInteger(r.allocationFen) && r.allocationFen >= 0)).toBe(true);
    }
  });

  it("allocate(random units, central-2015) conserves money for any seed, size and budget", () => {
    const rule = readRule("central-2015.json");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer(), fc.integer({ min: 1, max: 3_100_000_000_000 }), (n, seed, budgetFen) => {
        const result = allocate(randomCounties(n, seed), rule, { budgetFen });
        expect(result.rows.reduce((s, r) => s + r.allocationFen, 0)).toBe(budgetFen);
      }),
      { numRuns: 60, seed: 310 },
    );
  });

  it("ruleColumns(central-2015) lists the columns a county file must provide", () => {
    const columns = [...new Set(ruleColumns(readRule("central-2015.json")).map((r) => r.column))];
    expect(columns).toEqual([
      "countyId",
      "pupils",
      "poorShare",
      "poorPopulation",
      "fiscalCapacityPerCapitaYuan",
      "fundingGapWanYuan",
      "perPupilSpendingYuan",
      "spendingGrowthRate",
      "provincialFundsLastYearWanYuan",
      "taskCompletionShare",
      "planQualityScore",
      "supervisionScore",
    ]);
  });
});

describe("validateRule", () => {
  const good = {
    name: "ok",
    groups: [{ id: "base", weight: 1, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "share" }] }],
  };

  it("validateRule doc example returns the rule with defaults", () => {
    const rule = validateRule(good);
    expect(rule.groups[0].factors[0].column).toBe("pupils");
    expect(rule.assumptions).toEqual([]);
  });

  it("validateRule names the field path and the allowed range of a bad weight", () => {
    const bad = structuredClone(good);
    bad.groups[0].factors[0].weight = 1.5;
    expect(problems(() => validateRule(bad, "bad.json"))).toContain("groups[0].factors[0].weight: must be a number from 0 to 1, got 1.5");
  });

  it("validateRule reports every problem at once: misspelt key, bad enum, weights not summing to 1, missing name", () => {
    const bad = {
      groups: [
        { id: "a", weight: 0.5, factors: [{ column: "pupils", weigth: 1, weight: 1, direction: "needs", normalisation: "share" }] },
        { id: "b", weight: 0.3, factors: [{ column: "poorPopulation", weight: 0.5, direction: "need", normalisation: "percent" }] },
      ],
      matching: { kind: "matching-shares", weight: 0.2 },
    };
    const messages = problems(() => validateRule(bad, "bad.json"));
    expect(messages).toEqual(
      expect.arrayContaining([
        "name: is required",
        'groups[0].factors[0]: unknown field(s) "weigth"',
        'groups[0].factors[0].direction: must be "need" or "capacity", got "needs"',
        'groups[1].factors[0].normalisation: must be one of "share", "minmax", "zscore", "rank", "per-capita", got "percent"',
        'matching.kind: kind must be "matching-share", "matching-ratio" or "matching-multiplier"',
      ]),
    );
  });

  it("validateRule checks that weights sum to 1 and that ids are unique", () => {
    const bad = {
      name: "sums",
      groups: [
        { id: "a", weight: 0.5, factors: [{ column: "pupils", weight: 0.6, direction: "need", normalisation: "share" }] },
        { id: "a", weight: 0.3, factors: [{ column: "pupils", weight: 1, direction: "need", normalisation: "rank" }] },
      ],
    };
    expect(problems(() => validateRule(bad))).toEqual([
      "groups: group weights must sum to 1, got 0.8",
      "groups[0].factors: factor weights in group a must sum to 1, got 0.6",
      "groups[1].factors[0].id: factor id pupils is already used at groups[0].factors[0]; give one of them an id",
      "groups[1].id: group id a is used twice",
    ]);
  });

  it("validateRule requires exactly one of elasticity or factor in a matching multiplier", () => {
    const bad = { ...good, matching: { kind: "matching-multiplier", elasticity: 0.5, factor: 0.2 } };
    expect(problems(() => validateRule(bad))).toEqual(["matching: needs exactly one of elasticity or factor"]);
  });

  it("parseRule reports invalid JSON with the file name", () => {
    expect(() => parseRule("{ not json", "broken.json")).toThrow("broken.json: is not valid JSON");
  });

  it("parseRule doc example parses a one-factor rule", () => {
    const text =
      '{"name":"pupils only","groups":[{"id":"base","weight":1,"factors":[{"column":"pupils","weight":1,"direction":"need","normalisation":"share"}]}]}';
    expect(parseRule(text, "p.json").name).toBe("pupils only");
  });

  it("the error message of a malformed rule file shows file and field", () => {
    const bad = structuredClone(good);
    bad.groups[0].weight = -1;
    expect(() => parseRule(JSON.stringify(bad), "mine.json")).toThrow("mine.json: groups[0].weight: must be a number from 0 to 1, got -1");
  });
});
