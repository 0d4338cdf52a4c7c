import { provenanceSubtitle } from "../charts/figure.js";
import type { Chart } from "../charts/figure.js";
import type { Lang } from "../shared/i18n.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import type { ReportSection, ReportTable } from "./render-html.js";
import type { DataKind, ScenarioRegion } from "./scenario-region.js";

/**
 * Which charts and headline numbers show which bundled table, by id. Those not listed (allocation,
 * which adds simulated attributes to any county file) stay synthetic whatever the scenario supplies.
 */
const CHARTS_BY_TABLE: Record<DataKind, RegExp> = {
  progress: /^(progress-|synthetic-spread-|p-completion|counties-at-risk|mean-completion)/,
  counties: /^(synthetic-county-funds|fund-composition|plan-total|zero-input-counties|county-count)$/,
  enrolment: /^(synthetic-(big-class-|classroom-|county-spread)|big-class)/,
};

/** Which tables each section's text speaks of (by section id), for the wording pass. */
const SECTION_TABLES: [RegExp, DataKind[]][] = [
  [/^funds$/, ["counties"]],
  [/^(progress|real-)/, ["progress"]],
  [/^class-size/, ["enrolment", "counties"]],
  [/^(allocation|matching)/, ["counties"]],
];

const HENAN_SOURCE = /gaibo 合成省（generateSyntheticProvince，种子 20140901；总量取自河南规划）|gaibo synthetic province \(generateSyntheticProvince, seed 20140901; totals from the Henan plan\)/g;

/**
 * (Exported for the page's recompute inputs, whose sources are written for the default province too.)
 * A text rewriter that makes a sentence written for the default 河南 synthetic province speak of
 * the page's own data: another region's synthetic province ("合成山东 111 个模拟县"), or the user's
 * data ("用户数据", the user's county count). Only phrases naming the synthetic province or its
 * simulated counties change: a published 河南 figure ("22 of Henan's 109 counties") stays.
 */
export function rewriter(where: ScenarioRegion, user: boolean, lang: Lang): (s: string) => string {
  const n = where.countyCount;
  const zh = lang === "zh";
  const base = rewriterFor(where, user, lang);
  // "109 县、18 市" / "109 counties, 18 cities": the page's own counts.
  const c = where.cityCount;
  if (user || (where.profile.id !== "henan" && where.unitLevel !== "province")) {
    return zh
      ? (s) => base(s).replace(/(\d+)\s*县、\d+\s*市/g, c ? `${n} 县、${c} 市` : `${n} 县`)
      : (s) => base(s).replace(/\d+ counties, \d+ cities/g, c ? `${n} counties, ${c} cities` : `${n} counties`);
  }
  return base;
}

const HENAN_SEED = /（种子 20140901）|\(seed 20140901\)/g;

function rewriterFor(where: ScenarioRegion, user: boolean, lang: Lang): (s: string) => string {
  const n = where.countyCount;
  const zh = lang === "zh";
  if (user) {
    // The user's files have no generator seed: the default province's seed is dropped, not carried over.
    const noSeed = (s: string) => s.replace(/\s?(（种子 20140901）|\(seed 20140901\))/g, "");
    return zh
      ? (s) =>
          noSeed(
            s
              .replace(HENAN_SOURCE, where.syntheticSource)
              .replace(/合成省\s*\d+\s*个模拟县/g, where.countiesPhrase)
              .replace(/合成省\s*\d+\s*(个)?县/g, `用户数据 ${n} $1县`)
              .replace(/合成省/g, "用户数据")
              .replace(/\d+\s*个模拟县/g, `${n} 个县`)
              .replace(/\d+\s*个合成县/g, `${n} 个县`)
              .replace(/合成县是模拟数据（[^）]*）/g, "各县为用户数据")
              .replace(/（合成县）/g, "（用户数据）")
              .replace(/县是合成县/g, "县来自用户数据")
              .replace(/模拟县|合成县/g, "县"),
          )
      : (s) =>
          noSeed(
            s
              .replace(HENAN_SOURCE, where.syntheticSource)
              .replace(/the \d+ simulated counties of the synthetic province/g, `the ${n} counties of the user's data`)
              .replace(/\d+ (simulated|synthetic) counties/g, `${n} counties`)
              .replace(/[Tt]he synthetic province/g, (m) => (m[0] === "T" ? "The user's data" : "the user's data"))
              .replace(/[Ss]ynthetic province/g, (m) => (m[0] === "S" ? "User data" : "user data"))
              .replace(/(simulated|synthetic) count(y|ies)/g, "count$2")
              .replace(/\(synthetic counties\)/g, "(user data)"),
          );
  }
  if (where.profile.id === "henan") return (s) => s;
  // The region's own generator seed replaces the default province's.
  const seedZh = `（种子 ${where.profile.seed}）`;
  const seedEn = `(seed ${where.profile.seed})`;
  const nameZh = where.provinceName;
  const nameEn = where.provinceName;
  const capEn = nameEn[0].toUpperCase() + nameEn.slice(1);
  const region = zh
    ? (s: string) =>
        s
          .replace(HENAN_SOURCE, where.syntheticSource)
          .replace(HENAN_SEED, seedZh)
          .replace(/合成省\s*109\s*个模拟县/g, where.countiesPhrase)
          .replace(/合成省\s*109\s*县/g, `${nameZh} ${n} 县`)
          .replace(/109\s*个(模拟|合成)县/g, `${n} 个$1县`)
          .replace(/按河南总量生成/g, `按${where.profile.name.zh}公布的数字生成`)
          .replace(/(?<!河南)合成省(?!\d)/g, nameZh)
    : (s: string) =>
        s
          .replace(HENAN_SOURCE, where.syntheticSource)
          .replace(HENAN_SEED, seedEn)
          .replace(/the 109 simulated counties of the synthetic province/g, `the ${where.countiesPhrase}`)
          .replace(/([Ss]ynthetic province), 109 counties/g, `$1, ${n} counties`)
          .replace(/109 (simulated|synthetic) counties/g, `${n} $1 counties`)
          .replace(/generated from the Henan totals/g, `generated from ${where.profile.name.en}'s published figures`)
          .replace(/[Tt]he synthetic province/g, (m) => (m[0] === "T" ? capEn : nameEn))
          .replace(/(?<!Henan )[Ss]ynthetic province/g, (m) => (m[0] === "S" ? capEn : nameEn));
  if (where.unitLevel !== "province") return region;
  // The national view's rows are provinces: the sentences written for counties speak of province-level units
  // (a county's own money, 县级投入, stays a county-level source; 许昌's real counties stay counties).
  return zh
    ? (s) =>
        region(s)
          .replace(/(\d+)\s*县、\d+\s*市/g, "$1 个省级单位")
          .replace(/(\d+)\s*个(模拟|合成)县/g, "$1 个$2省级单位")
          .replace(new RegExp(`${nameZh} ${n} 县`, "g"), `${nameZh} ${n} 个省级单位`)
          .replace(/真实分县数据/g, "真实分省数据")
          .replace(/按县(?!级)/g, "按省")
          .replace(/（模拟县，/g, "（模拟省级单位，")
          .replace(/(\d+) 个县(增加|减少)/g, "$1 个省$2")
          .replace(/合成县汇总/g, "合成省级单位汇总")
          .replace(/（(落后|停滞|超额完成)县）/g, "（$1省）")
          .replace(/(?<!许昌|广西|其)各县/g, "各省")
          .replace(/每个县/g, "每个省")
          .replace(/县是合成县/g, "省是合成省")
          // The progress section's method sentences: the units pool towards the nation's curve, not a province's.
          .replace(/报告少或波动大的县向全省的典型曲线/g, "报告少或波动大的省向全国的典型曲线")
          .replace(/加权汇总到全省/g, "加权汇总到全国")
          .replace(/各指标共用全省冲击，同一县的各指标相关/g, "各指标共用全国冲击，同一省的各指标相关")
          .replace(/按校准后的模型，全省 /g, "按校准后的模型，全国 ")
          .replace(/典型县竣工曲线/g, "典型省竣工曲线")
          .replace(/县间标准差/g, "省间标准差")
          .replace(/县级投入为 0 的县/g, "县级投入为 0 的省级单位")
    : (s) =>
        region(s)
          .replace(/(\d+) counties, \d+ cities/g, "$1 province-level units")
          .replace(/(\d+) (simulated|synthetic) counties/g, "$1 $2 province-level units")
          .replace(new RegExp(`(${nameEn}), ${n} counties`, "g"), `$1, ${n} province-level units`)
          .replace(/\bby county\b/g, "by province")
          .replace(/\(simulated counties,/g, "(simulated province-level units,")
          .replace(/gives (\d+) counties more and (\d+) less/g, "gives $1 provinces more and $2 less")
          .replace(/synthetic counties' roll-up/g, "synthetic provinces' roll-up")
          .replace(/\((laggard|stalled|over-delivering)\)/g, "($1 province)")
          .replace(/(?<!Xuchang's |Guangxi's )\b[Cc]ounty spread\b/g, (m) => (m[0] === "C" ? "Province spread" : "province spread"))
          .replace(/each county's/g, "each province's")
          .replace(/counties with few or noisy reports borrow strength from the province's typical curve/g, "provinces with few or noisy reports borrow strength from the nation's typical curve")
          .replace(/and counties are rolled up by planned floor area/g, "and provinces are rolled up by planned floor area")
          .replace(/indicators share the province-wide shock; one county's indicators move together/g, "indicators share the nation-wide shock; one province's indicators move together")
          .replace(/the province's completion rate at/g, "the nation's completion rate at")
          .replace(/the typical county's completion curve/g, "the typical province's completion curve")
          .replace(/between-county SD/g, "between-province SD")
          .replace(/they are not synthetic-province data/g, "they are not this page's synthetic data")
          .replace(/(\d+) counties put in no county money/g, "$1 provinces put in no county-level money")
          .replace(/County figures are simulated/g, "Provincial figures are simulated")
          // Headline labels.
          .replace(/^Counties putting in nothing$/, "Provinces putting in no county-level money")
          .replace(/\(counties rolled up by floor area\)/g, "(provinces rolled up by floor area)");
}

function rewriteChart(c: Chart, fix: (s: string) => string): Chart {
  const layout = c.figure.layout as { title?: { text?: string; subtitle?: { text: string } } };
  const title = layout.title
    ? { ...layout.title, ...(layout.title.text ? { text: fix(layout.title.text) } : {}), ...(layout.title.subtitle ? { subtitle: { ...layout.title.subtitle, text: fix(layout.title.subtitle.text) } } : {}) }
    : undefined;
  return { ...c, title: fix(c.title), source: fix(c.source), figure: { ...c.figure, layout: { ...c.figure.layout, ...(title ? { title } : {}) } } };
}

function rewriteTable(t: ReportTable, fix: (s: string) => string): ReportTable {
  return { ...t, title: fix(t.title), columns: t.columns.map(fix), rows: t.rows.map((r) => r.map((v) => (typeof v === "string" ? fix(v) : v))), ...(t.note ? { note: fix(t.note) } : {}) };
}

/**
 * Make every section speak of the page's own data. When a scenario replaces bundled tables with the
 * user's own files, the charts drawn from them are no longer synthetic: mark them as user data and
 * name the file, and reword the text of the sections built on them so nothing still speaks of the
 * synthetic province. For a region other than 河南, text written for the default province names the
 * region's synthetic province and county count instead.
 *
 * @param sections sections as the builders made them
 * @param scenario the scenario (its data.progress / counties / enrolment name the files)
 * @param lang language of the marks
 * @param where the page's region and data (scenarioRegion); without it only the marks change
 */
export function relabelUserData(sections: ReportSection[], scenario: Scenario | undefined, lang: Lang, where?: ScenarioRegion): ReportSection[] {
  if (!scenario) return sections;
  const userTables = (Object.keys(CHARTS_BY_TABLE) as DataKind[]).filter((k) => scenario.data[k] !== "bundled");
  const marked = userTables.length === 0 ? sections : sections.map((s) => markUserCharts(s, userTables, scenario, lang));
  if (!where) return marked;
  return marked.map((s) => {
    const kinds = SECTION_TABLES.find(([re]) => re.test(s.id))?.[1] ?? [];
    const user = kinds.some((k) => userTables.includes(k));
    const fix = rewriter(where, user, lang);
    return {
      ...s,
      heading: fix(s.heading),
      paragraphs: s.paragraphs?.map(fix),
      charts: s.charts.map((c) => rewriteChart(c, fix)),
      tables: s.tables?.map((t) => rewriteTable(t, fix)),
      headline: s.headline?.map((h) => ({ ...h, label: fix(h.label), ...(h.note ? { note: fix(h.note) } : {}) })),
    };
  });
}

function markUserCharts(s: ReportSection, userTables: DataKind[], scenario: Scenario, lang: Lang): ReportSection {
  return {
    ...s,
    charts: s.charts.map((c) => {
      const table = userTables.find((k) => CHARTS_BY_TABLE[k].test(c.id));
      if (!table || c.provenance !== "synthetic") return c;
      const ref = scenario.data[table];
      // A panel read from a store (gaibo import) is named as such, not as a file called "store:…".
      const source = ref.startsWith("store:") ? `${lang === "zh" ? "面板库" : "panel store"} ${ref.slice("store:".length)}` : `${lang === "zh" ? "用户文件" : "user file"} ${ref}`;
      const layout = c.figure.layout as { title?: { subtitle?: { text: string } } };
      const title = layout.title ? { ...layout.title, subtitle: { ...layout.title.subtitle, text: provenanceSubtitle("user", source, lang) } } : undefined;
      return { ...c, provenance: "user" as const, source, figure: { ...c.figure, layout: { ...c.figure.layout, ...(title ? { title } : {}) } } };
    }),
    headline: s.headline?.map((h) => (h.provenance === "synthetic" && userTables.some((k) => CHARTS_BY_TABLE[k].test(h.id)) ? { ...h, provenance: "user" as const } : h)),
  };
}
