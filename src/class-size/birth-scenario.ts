import { z } from "zod";
import { parseWithSchema } from "../shared/parse-with-schema.js";

const year = (field: string) =>
  z.number({ error: `${field} must be a year` }).int({ error: `${field} must be a whole year` }).min(1950, {
    error: `${field} must be between 1950 and 2100`,
  }).max(2100, { error: `${field} must be between 1950 and 2100` });

/**
 * Schema of a birth-policy scenario: a baseline trend, the extra births of a policy (the 2016 universal
 * two-child policy, 全面两孩) year by year as it fades, and observed births that override both.
 */
export const birthScenarioSchema = z
  .object({
    name: z.string({ error: "name must be a text" }).min(1, { error: "name must not be empty" }),
    unit: z.string({ error: "unit must be a text such as 万人 or persons" }),
    baselineBirths: z.number({ error: "baselineBirths must be a number" }).positive({ error: "baselineBirths must be > 0" }),
    baselineYear: year("baselineYear"),
    baselineAnnualChange: z
      .number({ error: "baselineAnnualChange must be a number" })
      .min(-0.5, { error: "baselineAnnualChange must be between -0.5 and 0.5 (share per year)" })
      .max(0.5, { error: "baselineAnnualChange must be between -0.5 and 0.5 (share per year)" }),
    policyBump: z
      .object({
        startYear: year("policyBump.startYear"),
        extraBirths: z.array(z.number({ error: "policyBump.extraBirths must hold numbers" }), {
          error: "policyBump.extraBirths must be a list of extra births per year from startYear",
        }),
      })
      .strict()
      .optional(),
    observedBirths: z
      .record(
        z.string().regex(/^\d{4}$/, { error: "observedBirths keys must be four-digit years" }),
        z.number({ error: "observedBirths values must be numbers" }).nonnegative({ error: "observedBirths values must be ≥ 0" }),
      )
      .optional(),
    source: z.string().optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict();

/** A birth-policy scenario as plain data (see {@link birthScenarioSchema}). */
export type BirthScenario = z.infer<typeof birthScenarioSchema>;

/**
 * Check a birth-policy scenario read from JSON and return it typed.
 *
 * @param input parsed JSON (unknown shape)
 * @param file optional file name, shown in error messages
 * @returns the scenario, unchanged
 * @throws {DataValidationError} listing every field that is missing or out of range
 * @example parseBirthScenario({ name: "flat", unit: "万人", baselineBirths: 1644, baselineYear: 2015, baselineAnnualChange: 0 }).baselineBirths // 1644
 * @see datasets/scenarios/urbanization/births-two-child.json
 */
export function parseBirthScenario(input: unknown, file?: string): BirthScenario {
  return parseWithSchema(birthScenarioSchema, input, "parseBirthScenario", file);
}
