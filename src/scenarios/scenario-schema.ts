import { z } from "zod";
import { BIG_CLASS_HORIZON, BIRTH_PRESET_NAMES, URBANIZATION_PRESETS } from "../class-size/presets.js";
import { isValidIsoDate } from "../shared/dates.js";

const isoDate = z.string().refine(isValidIsoDate, "must be a date YYYY-MM-DD");
const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const share = z.number().min(0).max(20);

/** Regions with a bundled synthetic province (datasets/synthetic/ for 河南, datasets/synthetic/<id>/ for the others). */
export const SCENARIO_REGIONS = ["henan", "shandong", "xinjiang", "yunnan", "national"] as const;
/** Allocation rule presets in datasets/rules (a test keeps the list equal to the folder). */
export const RULE_PRESETS = ["central-2015", "hebei-progress", "matching-heavy", "need-only", "need-transition", "national/national-2014-illustrative"] as const;
/** Urbanization presets (datasets/scenarios/urbanization, URBANIZATION_PRESETS). */
export const URBANIZATION_PRESET_NAMES = Object.keys(URBANIZATION_PRESETS) as (keyof typeof URBANIZATION_PRESETS)[];
/** Birth scenario presets (BIRTH_PRESETS in class-size/presets.ts, as data in datasets/scenarios/urbanization/births-*.json). */
export { BIRTH_PRESET_NAMES };
/** Years the big-class projection covers: after the 2015 base year, up to its horizon. */
export const TARGET_YEAR_RANGE = { min: 2016, max: BIG_CLASS_HORIZON } as const;
/** Report dates the bundled synthetic provinces cover (their first and last 双月报). */
export const BUNDLED_REPORT_RANGE = { first: "2014-10-31", last: "2019-12-31" } as const;

const isPath = (s: string) => /[/\\]|\.json$/i.test(s);
/** A preset name from the list, or a path to the user's own .json file; anything else is an error naming the field. */
const presetOrPath = (kind: string, names: readonly string[]) =>
  z.string().refine((v) => names.includes(v) || isPath(v), {
    error: (iss) => `unknown ${kind} ${JSON.stringify(iss.input)}; one of ${names.join(", ")} or a path to a .json file`,
  });

/** A preset name from the list; anything else is an error naming the field. */
const presetName = (kind: string, names: readonly string[]) =>
  z.string().refine((v) => names.includes(v), { error: (iss) => `unknown ${kind} ${JSON.stringify(iss.input)}; one of ${names.join(", ")}` });

/** A deadline target, e.g. completion ≥ 70% by 2017-12-31 (the national “双超70%”). */
export const targetSchema = z
  .object({
    indicator: z.enum(["start_rate", "completion_rate", "equipment_rate", "funds_rate"]),
    threshold: share.describe("share 0–1 (0.7 = 70%)"),
    deadline: isoDate,
    label: bilingual.optional(),
  })
  .strict();

/**
 * A scenario fixes everything one run needs: which data, the report date, targets and deadlines,
 * the allocation rule and budget, the urbanization and birth scenario, Monte Carlo draws and seed.
 * Plain JSON, so a planning office can read, diff and version it.
 */
export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
    title: bilingual,
    description: bilingual.optional(),
    data: z
      .object({
        /**
         * "bundled" = datasets/synthetic (the synthetic province); or paths to the user's files, relative to the scenario file.
         * The 双月报 panel may also come from a panel store (`gaibo import`): "store:.gaibo/panel.duckdb" or { "store": path }.
         */
        progress: z
          .union([z.string(), z.object({ store: z.string().min(1) }).strict().transform((o) => `store:${o.store}`)])
          .default("bundled"),
        counties: z.string().default("bundled"),
        enrolment: z.string().default("bundled"),
        /** Report date: reports after it are treated as unknown, and forecasts start from it. */
        asOf: isoDate,
      })
      .strict(),
    /**
     * The region the scenario describes: "bundled" data resolve to its synthetic province, generated from
     * what is published about it (datasets/synthetic/<region>/). Default henan (datasets/synthetic/).
     */
    region: z.enum(SCENARIO_REGIONS, { error: () => `must be one of ${SCENARIO_REGIONS.join(", ")}` }).default("henan"),
    /** Region whose published (seed or real) figures are drawn beside the model, e.g. 新疆维吾尔自治区. */
    referenceRegion: z.string().optional(),
    targets: z.array(targetSchema).min(1),
    allocation: z
      .object({
        /** A preset in datasets/rules (e.g. "central-2015") or a path to a rule file. */
        rule: presetOrPath("rule", RULE_PRESETS).default("central-2015"),
        compareWith: z.array(presetOrPath("rule", RULE_PRESETS)).default([]),
        budgetWanYuan: z.number().positive().max(1e9),
      })
      .strict(),
    bigClass: z
      .object({
        // Presets only: the big-class section resolves these by name (a path would be silently unusable).
        urbanization: presetName("urbanization preset", URBANIZATION_PRESET_NAMES).default("base"),
        births: presetName("birth scenario", BIRTH_PRESET_NAMES).optional(),
        targetYear: z
          .number()
          .int()
          .refine((y) => y >= TARGET_YEAR_RANGE.min && y <= TARGET_YEAR_RANGE.max, {
            error: (iss) => `must be a year from ${TARGET_YEAR_RANGE.min} to ${TARGET_YEAR_RANGE.max} (the big-class projection's years), got ${JSON.stringify(iss.input)}`,
          })
          .default(2020),
        /** Annual budget for removing big classes (building, temporary rooms, teachers), 万元; default: the smallest that meets the target with 90%. */
        budgetWanYuanPerYear: z.number().positive().max(1e9).optional(),
      })
      .strict(),
    monteCarlo: z
      .object({
        draws: z.number().int().min(10).max(100_000).default(400),
        seed: z.number().int().default(2014),
      })
      .strict(),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.targets.forEach((t, i) => {
      if (t.deadline <= s.data.asOf) ctx.addIssue({ code: "custom", path: ["targets", i, "deadline"], message: `must fall after data.asOf ${s.data.asOf}` });
      const j = s.targets.findIndex((u) => u.indicator === t.indicator && u.deadline === t.deadline);
      if (j < i) ctx.addIssue({ code: "custom", path: ["targets", i], message: `repeats targets[${j}] (same indicator and deadline)` });
    });
    // Unsupported combinations: they would be silently reinterpreted otherwise.
    const bundledProgress = s.data.progress === "bundled";
    if (bundledProgress && (s.data.asOf < BUNDLED_REPORT_RANGE.first || s.data.asOf > BUNDLED_REPORT_RANGE.last)) {
      ctx.addIssue({
        code: "custom",
        path: ["data", "asOf"],
        message: `must be from ${BUNDLED_REPORT_RANGE.first} to ${BUNDLED_REPORT_RANGE.last} with bundled progress data (the synthetic reports cover those dates)`,
      });
    }
    s.allocation.compareWith.forEach((r, i) => {
      if (r === s.allocation.rule) ctx.addIssue({ code: "custom", path: ["allocation", "compareWith", i], message: `is the scenario's own rule ${r}; list other rules to compare with` });
      else if (s.allocation.compareWith.indexOf(r) < i) ctx.addIssue({ code: "custom", path: ["allocation", "compareWith", i], message: `lists ${r} twice` });
    });
    // The national/ rules share money among provinces; the bundled counties file holds counties.
    if (s.data.counties === "bundled") {
      [s.allocation.rule, ...s.allocation.compareWith].forEach((r, i) => {
        if (!r.startsWith("national/")) return;
        ctx.addIssue({
          code: "custom",
          path: i === 0 ? ["allocation", "rule"] : ["allocation", "compareWith", i - 1],
          message: `${r} shares money among provinces, but the bundled data of region ${s.region} are counties; use a county rule or your own provinces file in data.counties`,
        });
      });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Target = z.infer<typeof targetSchema>;
