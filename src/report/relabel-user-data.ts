import { provenanceSubtitle } from "../charts/figure.js";
import type { Lang } from "../shared/i18n.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import type { ReportSection } from "./render-html.js";

/**
 * Which charts and headline numbers show which bundled table, by id. Those not listed (allocation,
 * which adds simulated attributes to any county file) stay synthetic whatever the scenario supplies.
 */
const CHARTS_BY_TABLE: Record<"progress" | "counties" | "enrolment", RegExp> = {
  progress: /^(progress-|synthetic-spread-|p-completion|counties-at-risk|mean-completion)/,
  counties: /^synthetic-county-funds$/,
  enrolment: /^(synthetic-(big-class-|classroom-|county-spread)|big-class)/,
};

/**
 * When a scenario replaces bundled tables with the user's own files, the charts drawn from them are
 * no longer synthetic: mark them as user data and name the file, so no chart claims the wrong origin.
 *
 * @param sections sections as the builders made them
 * @param scenario the scenario (its data.progress / counties / enrolment name the files)
 * @param lang language of the marks
 */
export function relabelUserData(sections: ReportSection[], scenario: Scenario | undefined, lang: Lang): ReportSection[] {
  if (!scenario) return sections;
  const userTables = (Object.keys(CHARTS_BY_TABLE) as (keyof typeof CHARTS_BY_TABLE)[]).filter((k) => scenario.data[k] !== "bundled");
  if (userTables.length === 0) return sections;
  return sections.map((s) => ({
    ...s,
    charts: s.charts.map((c) => {
      const table = userTables.find((k) => CHARTS_BY_TABLE[k].test(c.id));
      if (!table || c.provenance !== "synthetic") return c;
      const source = `${lang === "zh" ? "用户文件" : "user file"} ${scenario.data[table]}`;
      const layout = c.figure.layout as { title?: { subtitle?: { text: string } } };
      const title = layout.title ? { ...layout.title, subtitle: { ...layout.title.subtitle, text: provenanceSubtitle("user", source, lang) } } : undefined;
      return { ...c, provenance: "user" as const, source, figure: { ...c.figure, layout: { ...c.figure.layout, ...(title ? { title } : {}) } } };
    }),
    headline: s.headline?.map((h) => (h.provenance === "synthetic" && userTables.some((k) => CHARTS_BY_TABLE[k].test(h.id)) ? { ...h, provenance: "user" as const } : h)),
  }));
}
