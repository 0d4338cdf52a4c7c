import { z } from "zod";
import { parseWithSchema } from "../shared/parse-with-schema.js";

const share = (field: string, what: string) =>
  z
    .number({ error: `${field} must be a number (${what})` })
    .min(0, { error: `${field} must be between 0 and 1 (${what})` })
    .max(1, { error: `${field} must be between 0 and 1 (${what})` });

const common = {
  name: z.string({ error: "name must be a text" }).min(1, { error: "name must not be empty" }),
  description: z.string().optional(),
  townToUrbanRate: share("townToUrbanRate", "share of town residents moving to urban areas per year"),
  migrantSchoolingShare: share(
    "migrantSchoolingShare",
    "share of moving children who attend school where their parents move; the rest stay behind in rural schools",
  ),
  source: z.string().optional(),
  notes: z.array(z.string()).optional(),
};

const flowRatesSchema = z
  .object({
    kind: z.literal("flow-rates"),
    ...common,
    ruralToTownRate: share("ruralToTownRate", "share of rural residents moving to towns per year"),
    ruralToUrbanRate: share("ruralToUrbanRate", "share of rural residents moving to urban areas per year"),
  })
  .strict()
  .refine((s) => s.ruralToTownRate + s.ruralToUrbanRate <= 1, {
    error: "ruralToTownRate + ruralToUrbanRate must not exceed 1",
    path: ["ruralToUrbanRate"],
  });

const ratePathSchema = z
  .object({
    kind: z.literal("rate-path"),
    ...common,
    years: z.array(z.number().int({ error: "years must be whole years" }), { error: "years must be a list of years" }).min(2, {
      error: "years must list at least 2 consecutive years",
    }),
    urbanizationRate: z.array(share("urbanizationRate", "urban + town residents over all residents"), {
      error: "urbanizationRate must be a list of shares, one per year",
    }),
    townShareOfArrivals: share("townShareOfArrivals", "share of people leaving rural areas who settle in towns"),
  })
  .strict()
  .refine((s) => s.years.length === s.urbanizationRate.length, {
    error: "urbanizationRate must have one value per entry of years",
    path: ["urbanizationRate"],
  })
  .refine((s) => s.years.every((y, i) => i === 0 || y === s.years[i - 1] + 1), {
    error: "years must be consecutive and increasing",
    path: ["years"],
  });

/**
 * Schema of an urbanization scenario, a tagged union:
 * - `flow-rates`: constant annual population flows rural→town, rural→urban, town→urban (shares of the
 *   origin's residents per year);
 * - `rate-path`: a path of the resident urbanization rate (urban + town share), from which the rural
 *   outflow of each year follows, split between towns and urban areas by `townShareOfArrivals`.
 * Both carry `migrantSchoolingShare`: the share of children of movers who go to school at the destination
 * (随迁子女) rather than stay behind (留守儿童); pupil flows are population flows times this share.
 */
export const urbanizationScenarioSchema = z.discriminatedUnion("kind", [flowRatesSchema, ratePathSchema], {
  error: 'kind must be "flow-rates" or "rate-path"',
});

/** An urbanization scenario as plain data (see {@link urbanizationScenarioSchema}). */
export type UrbanizationScenario = z.infer<typeof urbanizationScenarioSchema>;

/**
 * Check an urbanization scenario read from JSON (a preset or a user's own path) and return it typed.
 *
 * @param input parsed JSON (unknown shape)
 * @param file optional file name, shown in error messages
 * @returns the scenario, unchanged
 * @throws {DataValidationError} listing every field that is missing or out of range, by field name
 * @example parseUrbanizationScenario({ kind: "flow-rates", name: "none", ruralToTownRate: 0, ruralToUrbanRate: 0, townToUrbanRate: 0, migrantSchoolingShare: 0.5 }).name // "none"
 * @see datasets/scenarios/urbanization/README.md for the presets slow, base and fast
 */
export function parseUrbanizationScenario(input: unknown, file?: string): UrbanizationScenario {
  return parseWithSchema(urbanizationScenarioSchema, input, "parseUrbanizationScenario", file);
}
