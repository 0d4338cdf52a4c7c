import { z } from "zod";

/*
 * An allocation rule is plain JSON that a planning office can read, diff and version. This file is its schema:
 * every numeric field carries its allowed range in the error message, objects are strict so a misspelt key
 * ("weigth") is an error rather than silently ignored, and cross-field checks (weights summing to 1, unique ids)
 * run after the field checks.
 */

/** Numbers with an inclusive range whose messages state the range, so a planner sees what is allowed. */
function num(min: number, max: number) {
  const message = `must be a number from ${min} to ${max}`;
  return z.number({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** A positive finite number without an upper bound (money amounts). */
function positive(what: string) {
  const message = `must be a positive number (${what})`;
  return z.number({ error: message }).positive({ error: message }).finite({ error: message });
}

const identifier = z
  .string({ error: "must be a text identifier" })
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, { error: "must be a camelCase identifier (letters and digits, starting with a letter)" });

const columnName = z.string({ error: "must be a column name" }).min(1, { error: "must be a non-empty column name" });

/** How raw column values become non-negative scores; a factor's pool is shared in proportion to the scores. */
export const normalisations = ["share", "minmax", "zscore", "rank", "per-capita"] as const;
export type Normalisation = (typeof normalisations)[number];

/** `need`: more of the column → more money (need, effort, performance). `capacity`: more → less money. */
export const directions = ["need", "capacity"] as const;
export type Direction = (typeof directions)[number];

export const factorSchema = z
  .object({
    id: identifier.optional(),
    label: z.string().optional(),
    column: columnName,
    weight: num(0, 1),
    direction: z.enum(directions, { error: 'must be "need" or "capacity"' }),
    normalisation: z.enum(normalisations, { error: `must be one of ${normalisations.map((n) => `"${n}"`).join(", ")}` }),
    population: columnName.optional(),
  })
  .strict();

export const factorGroupSchema = z
  .object({
    id: identifier,
    label: z.string().optional(),
    weight: num(0, 1),
    factors: z.array(factorSchema).min(1, { error: "must list at least one factor" }),
  })
  .strict();

export const matchingSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("matching-share"),
        weight: num(0, 1),
        column: columnName.default("matchingDeliveredWanYuan"),
      })
      .strict(),
    z
      .object({
        kind: z.literal("matching-ratio"),
        ratio: num(0, 10),
        capRatio: num(0, 1),
        column: columnName.default("matchingDeliveredWanYuan"),
      })
      .strict(),
    z
      .object({
        kind: z.literal("matching-multiplier"),
        elasticity: num(0, 5).optional(),
        factor: num(0, 10).optional(),
        committedColumn: columnName.default("matchingCommittedWanYuan"),
        deliveredColumn: columnName.default("matchingDeliveredWanYuan"),
      })
      .strict()
      .refine((m) => (m.elasticity === undefined) !== (m.factor === undefined), {
        error: "needs exactly one of elasticity or factor",
      }),
  ],
  { error: 'kind must be "matching-share", "matching-ratio" or "matching-multiplier"' },
);

export const regionalSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("column"), column: columnName.default("regionCoefficient") }).strict(),
    z
      .object({
        kind: z.literal("lookup"),
        column: columnName.default("region"),
        multipliers: z.record(z.string(), num(0, 10)),
        otherwise: num(0, 10).default(1),
      })
      .strict(),
  ],
  { error: 'kind must be "column" or "lookup"' },
);

export const boundsSchema = z
  .object({
    floor: z
      .object({ perCountyWanYuan: num(0, 1e7).optional(), perPupilYuan: num(0, 1e6).optional() })
      .strict()
      .optional(),
    ceiling: z
      .object({
        perCountyWanYuan: positive("万元").optional(),
        perPupilYuan: positive("元 per pupil").optional(),
        budgetShare: num(0, 1).optional(),
      })
      .strict()
      .optional(),
    holdHarmless: z
      .object({ column: columnName.default("lastYearAllocationWanYuan"), share: num(0, 1) })
      .strict()
      .optional(),
  })
  .strict();

export const deductionSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("progress"),
        column: columnName.default("taskCompletionShare"),
        threshold: num(0, 10),
        share: num(0, 1),
      })
      .strict(),
    z
      .object({
        kind: z.literal("idle-balance"),
        column: columnName.default("idleBalanceWanYuan"),
        share: num(0, 1),
      })
      .strict(),
  ],
  { error: 'kind must be "progress" or "idle-balance"' },
);

export const incentivesSchema = z
  .object({
    rewardPoolShare: num(0, 0.5).default(0),
    reward: z
      .object({
        column: columnName.default("taskCompletionShare"),
        threshold: num(0, 10),
        basis: z.enum(["formula", "pupils", "equal"], { error: 'must be "formula", "pupils" or "equal"' }).default("formula"),
      })
      .strict()
      .optional(),
    deductions: z.array(deductionSchema).default([]),
  })
  .strict();

/**
 * Transition protections against a baseline (last year's allocation, or another rule's): a path over several years
 * toward the formula's end point, a minimum funding guarantee on the loss per pupil and a gains cap, the guarantee
 * paid by scaling every gain above the baseline (see `applyTransition`).
 */
export const transitionSchema = z
  .object({
    baselineColumn: columnName.default("lastYearAllocationWanYuan"),
    baselinePupilsColumn: columnName.optional(),
    guarantee: z.object({ maxLossPerPupilShare: num(0, 1) }).strict().optional(),
    gainsCap: z.object({ maxGainPerPupilShare: num(0, 100) }).strict().optional(),
    path: z
      .object({
        years: z.number({ error: "must be a whole number of years from 1 to 20" }).int({ error: "must be a whole number of years from 1 to 20" }).min(1, { error: "must be a whole number of years from 1 to 20" }).max(20, { error: "must be a whole number of years from 1 to 20" }),
        year: z.number({ error: "must be a whole number from 1 to years" }).int({ error: "must be a whole number from 1 to years" }).min(1, { error: "must be a whole number from 1 to years" }),
      })
      .strict()
      .refine((p) => p.year <= p.years, { error: "year must be at most years" })
      .optional(),
  })
  .strict();

export const sourceSchema = z
  .object({ title: z.string().min(1), url: z.string().min(1).optional(), quote: z.string().optional(), note: z.string().optional() })
  .strict();

/** Weights may drift by rounding when typed by hand; anything further off than this is a mistake. */
const WEIGHT_TOLERANCE = 1e-6;

export const allocationRuleSchema = z
  .object({
    name: z.string({ error: "must be a text name" }).min(1, { error: "must be a non-empty name" }),
    description: z.string().default(""),
    assumptions: z.array(z.string()).default([]),
    sources: z.array(sourceSchema).default([]),
    budgetWanYuan: positive("万元").optional(),
    groups: z.array(factorGroupSchema).min(1, { error: "must list at least one factor group" }),
    matching: matchingSchema.optional(),
    regional: regionalSchema.optional(),
    bounds: boundsSchema.optional(),
    incentives: incentivesSchema.optional(),
    transition: transitionSchema.optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const matchingWeight = rule.matching?.kind === "matching-share" ? rule.matching.weight : 0;
    const total = rule.groups.reduce((s, g) => s + g.weight, 0) + matchingWeight;
    if (Math.abs(total - 1) > WEIGHT_TOLERANCE) {
      ctx.addIssue({
        code: "custom",
        path: ["groups"],
        message: `group weights${matchingWeight ? " plus the matching-share weight" : ""} must sum to 1, got ${round(total)}`,
      });
    }
    const factorIds = new Map<string, string>();
    rule.groups.forEach((g, gi) => {
      const sum = g.factors.reduce((s, f) => s + f.weight, 0);
      if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
        ctx.addIssue({ code: "custom", path: ["groups", gi, "factors"], message: `factor weights in group ${g.id} must sum to 1, got ${round(sum)}` });
      }
      g.factors.forEach((f, fi) => {
        const id = f.id ?? f.column;
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(id)) {
          ctx.addIssue({ code: "custom", path: ["groups", gi, "factors", fi, "id"], message: `needs an id: column ${f.column} is not a camelCase identifier` });
        }
        const previous = factorIds.get(id);
        if (previous !== undefined) {
          ctx.addIssue({ code: "custom", path: ["groups", gi, "factors", fi, "id"], message: `factor id ${id} is already used at ${previous}; give one of them an id` });
        } else factorIds.set(id, `groups[${gi}].factors[${fi}]`);
        if (f.population !== undefined && f.normalisation !== "per-capita") {
          ctx.addIssue({ code: "custom", path: ["groups", gi, "factors", fi, "population"], message: 'is only used with normalisation "per-capita"' });
        }
      });
    });
    const groupIds = new Set<string>();
    rule.groups.forEach((g, gi) => {
      if (groupIds.has(g.id)) ctx.addIssue({ code: "custom", path: ["groups", gi, "id"], message: `group id ${g.id} is used twice` });
      groupIds.add(g.id);
    });
    const inc = rule.incentives;
    if (inc && inc.rewardPoolShare > 0 && !inc.reward) {
      ctx.addIssue({ code: "custom", path: ["incentives", "reward"], message: "is required when rewardPoolShare is above 0 (who shares the pool?)" });
    }
    const b = rule.bounds;
    if (b?.floor?.perCountyWanYuan !== undefined && b.ceiling?.perCountyWanYuan !== undefined && b.floor.perCountyWanYuan > b.ceiling.perCountyWanYuan) {
      ctx.addIssue({
        code: "custom",
        path: ["bounds", "floor", "perCountyWanYuan"],
        message: `floor ${b.floor.perCountyWanYuan} 万元 is above the ceiling ${b.ceiling.perCountyWanYuan} 万元`,
      });
    }
  });

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** A validated allocation rule, with defaults filled in (what `parseRule` returns and `allocate` uses). */
export type AllocationRule = z.output<typeof allocationRuleSchema>;
/** An allocation rule as written in JSON, before defaults are filled in. */
export type AllocationRuleInput = z.input<typeof allocationRuleSchema>;
export type Factor = z.output<typeof factorSchema>;
export type FactorGroup = z.output<typeof factorGroupSchema>;
export type Matching = z.output<typeof matchingSchema>;
export type Regional = z.output<typeof regionalSchema>;
export type Bounds = z.output<typeof boundsSchema>;
export type Deduction = z.output<typeof deductionSchema>;
export type Incentives = z.output<typeof incentivesSchema>;
export type RuleSource = z.output<typeof sourceSchema>;
export type Transition = z.output<typeof transitionSchema>;
