import { allocate, type AllocationResult } from "../allocation/allocate.js";
import type { UnitLevel } from "../charts/unit-noun.js";
import { allocationEquity } from "../allocation/allocation-equity.js";
import { compareRules } from "../allocation/compare-rules.js";
import { equityTable } from "../charts/equity-table.js";
import type { ReportTable } from "../report/render-html.js";
import type { EquityMeasures } from "../allocation/equity.js";
import type { AllocationRuleInput } from "../allocation/rule-schema.js";
import { FEN_PER_WAN_YUAN } from "../allocation/units-columns.js";
import { allocationByCountyChart } from "../charts/allocation-by-county-chart.js";
import { allocationWaterfallChart } from "../charts/allocation-waterfall-chart.js";
import type { Chart, Provenance } from "../charts/figure.js";
import { lorenzCurvesChart } from "../charts/lorenz-curves-chart.js";
import { formatMoneyWanYuan } from "../shared/format-number.js";
import type { Bilingual, Lang } from "../shared/i18n.js";

/** What the page needs to re-run the allocation: the counties, the preset rules and the default budget (plain JSON). */
export interface AllocationInputs {
  /** One object per county in `unitsColumns` names. */
  units: Record<string, unknown>[];
  /** Rules the page offers (descriptions and sources dropped), the first the scenario's own. */
  rules: AllocationRuleInput[];
  /** Names of the rules the section compares (its Lorenz curves); all rules when absent. */
  compared?: string[];
  budgetWanYuan: number;
  /** Price elasticity of local matching of the section's equity table (its leverage column); 0 when absent. */
  elasticity?: number;
  provenance: Provenance;
  source: Bilingual;
  /** What the units are (province-level on the national view); a redrawn chart names them as the section did. */
  unitLevel?: UnitLevel;
}

/** A leader's settings: which rule, how much money, and the rule's group weights (ids; `matching` for a matching share). */
export interface AllocationSettings {
  rule: string;
  budgetWanYuan: number;
  /** Weights as set, before they are scaled to sum to 1; a missing id keeps the rule's own weight. */
  weights?: Record<string, number>;
}

/** The re-run allocation: the rule as run, its result and equity, charts and headline numbers. */
export interface AllocationView {
  rule: AllocationRuleInput;
  result: AllocationResult;
  equity: EquityMeasures;
  charts: Chart[];
  /** The section's equity table (`allocation-equity`) for the rules compared, the rule as set first. */
  table: ReportTable;
  headline: { id: string; label: string; value: string; numeric: number; provenance: Provenance; note: string }[];
}

/** The weights a rule splits its formula pool by: each group's, and the matching share's when it has one. */
export function ruleWeights(rule: AllocationRuleInput): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(rule.groups.map((g) => [g.id, g.weight]));
  if (rule.matching?.kind === "matching-share") out.matching = rule.matching.weight;
  return out;
}

/**
 * A rule with new group (and matching-share) weights, scaled together so they sum to 1 as the rule schema requires.
 *
 * @param rule the preset
 * @param weights new weights by group id (`matching` for the matching share), any non-negative numbers
 * @throws RangeError when every weight is zero or one is negative or not a number
 * @example withWeights(rule, { basic: 3, input: 1 }) // basic 0.75, input 0.25 when the rule has those two groups
 */
export function withWeights(rule: AllocationRuleInput, weights: Record<string, number> | undefined): AllocationRuleInput {
  if (!weights) return rule;
  const merged = { ...ruleWeights(rule), ...Object.fromEntries(Object.entries(weights).filter(([k]) => k in ruleWeights(rule))) };
  for (const [k, w] of Object.entries(merged)) if (!(w >= 0)) throw new RangeError(`withWeights requires non-negative weights, got ${k}=${w}`);
  const total = Object.values(merged).reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new RangeError("withWeights requires at least one positive weight");
  return {
    ...rule,
    groups: rule.groups.map((g) => ({ ...g, weight: merged[g.id] / total })),
    ...(rule.matching?.kind === "matching-share" ? { matching: { ...rule.matching, weight: merged.matching / total } } : {}),
  };
}

/** The preset a setting names with its weights applied. @throws RangeError for an unknown rule */
export function settingsRule(inputs: AllocationInputs, settings: AllocationSettings): AllocationRuleInput {
  const base = inputs.rules.find((r) => r.name === settings.rule);
  if (!base) throw new RangeError(`allocationView requires one of the rules ${inputs.rules.map((r) => r.name).join(", ")}, got ${settings.rule}`);
  return withWeights(base, settings.weights);
}

const LABEL = {
  gini: { zh: "生均分配基尼系数（{rule}）", en: "Gini of allocation per pupil ({rule})" },
  note: { zh: "分配总额 {budget}；不含配套行为反应；权重为假设", en: "{budget} allocated; no matching response; weights assumed" },
};

/**
 * Re-run the briefing's allocation with a leader's settings, exactly as `gaibo allocate` does (same `allocate`, same
 * equity), and draw the allocation section's charts again with the ids the section uses, so the page can swap them.
 *
 * @param inputs counties, preset rules and default budget
 * @param settings rule, budget (万元, > 0) and weights
 * @param lang language of the charts
 * @returns the rule as run, the result, its equity, the charts (by county, Lorenz, the highest and lowest county's
 *   waterfalls) and the headline Gini
 * @throws RangeError for an unknown rule or weights that are all zero; as `allocate` for a bad budget
 */
export function allocationView(inputs: AllocationInputs, settings: AllocationSettings, lang: Lang): AllocationView {
  const rule = settingsRule(inputs, settings);
  const budgetFen = Math.round(settings.budgetWanYuan * FEN_PER_WAN_YUAN);
  const result = allocate(inputs.units, rule, { budgetFen });
  const equity = allocationEquity(result.rows.map((r) => r.allocationFen), inputs.units);
  const options = { provenance: inputs.provenance, source: inputs.source[lang], lang, assumedWeights: true, units: inputs.unitLevel };
  // The Lorenz curves: the rule as set, then the others the section compares (in the section's order).
  const compared = inputs.rules.filter((r) => r.name === rule.name || (inputs.compared ?? inputs.rules.map((x) => x.name)).includes(r.name));
  const others = [rule, ...compared.filter((r) => r.name !== rule.name)].map((r) => (r.name === rule.name ? result : allocate(inputs.units, r, { budgetFen })));
  const perPupil = (r: AllocationResult["rows"][number]) => r.allocationPerPupilYuan ?? 0;
  const sorted = [...result.rows].sort((a, b) => perPupil(b) - perPupil(a));
  const picks = [sorted[0], sorted[sorted.length - 1]];
  const charts = [
    allocationByCountyChart(result.rows, { ...options, ruleName: result.ruleName, perPupil: true, id: "synthetic-allocation-by-county" }),
    lorenzCurvesChart(
      others.map((res) => ({ ruleName: res.ruleName, perPupilYuan: res.rows.map(perPupil), pupils: res.rows.map((r) => r.pupils) })),
      { ...options, assumedWeights: false, id: "synthetic-allocation-lorenz" },
    ),
    ...picks.map((row, k) => allocationWaterfallChart(row, result.factors, { ...options, ruleName: result.ruleName, id: `synthetic-allocation-waterfall-${k + 1}` })),
  ];
  const budget = formatMoneyWanYuan(settings.budgetWanYuan, lang);
  // The equity table as the section computes it (compareRules with the matching response), on the rules the
  // section compares with the one set in its place, or first when the section does not compare it.
  const names = inputs.compared ?? inputs.rules.map((x) => x.name);
  const tableRules = names.includes(rule.name) ? names.map((n) => (n === rule.name ? rule : inputs.rules.find((r) => r.name === n)!)) : [rule, ...names.map((n) => inputs.rules.find((r) => r.name === n)!)];
  const elasticity = inputs.elasticity ?? 0;
  const table = {
    ...equityTable(compareRules(inputs.units, tableRules, { budgetFen, elasticity }), {
      lang,
      assumedWeightsNote: true,
      title:
        lang === "zh"
          ? `各分配规则的公平性与撬动（生均分配额按学生数加权；配套弹性 ${elasticity}；${budget}${settings.weights ? `，${rule.name} 使用所设权重` : ""}）`
          : `Equity and leverage of each rule (allocation per pupil, pupil-weighted; matching elasticity ${elasticity}; ${budget}${settings.weights ? `, ${rule.name} with the weights set` : ""})`,
    }),
    id: "allocation-equity",
  };
  return {
    rule,
    result,
    equity,
    charts,
    table,
    headline: [
      {
        id: "allocation-gini",
        label: LABEL.gini[lang].replace("{rule}", result.ruleName),
        value: equity.gini.toFixed(3),
        numeric: equity.gini,
        provenance: inputs.provenance,
        note: LABEL.note[lang].replace("{budget}", budget),
      },
    ],
  };
}

/** One county under every preset rule (the chosen one with the leader's weights): its waterfall and its rank. */
export interface CountyAllocation {
  countyId: string;
  countyName: string;
  rules: { ruleName: string; allocationWanYuan: number; perPupilYuan: number; rank: number; of: number; chart: Chart }[];
}

/**
 * A county's allocation under each preset rule at the leader's budget (the chosen rule with the leader's weights):
 * the waterfall that explains it and its rank by allocation per pupil (1 = most per pupil).
 *
 * @throws RangeError when the county is not among the units
 */
export function countyAllocation(inputs: AllocationInputs, settings: AllocationSettings, countyId: string, lang: Lang): CountyAllocation {
  const budgetFen = Math.round(settings.budgetWanYuan * FEN_PER_WAN_YUAN);
  const chosen = settingsRule(inputs, settings);
  const rules = inputs.rules.map((r) => (r.name === chosen.name ? chosen : r));
  const options = { provenance: inputs.provenance, source: inputs.source[lang], lang, assumedWeights: true, units: inputs.unitLevel };
  let countyName = countyId;
  const out = rules.map((rule) => {
    const result = allocate(inputs.units, rule, { budgetFen });
    const row = result.rows.find((r) => r.countyId === countyId);
    if (!row) throw new RangeError(`countyAllocation requires a county of the units, got ${countyId}`);
    countyName = row.countyName ?? countyId;
    const per = row.allocationPerPupilYuan ?? 0;
    const rank = 1 + result.rows.filter((r) => (r.allocationPerPupilYuan ?? 0) > per).length;
    return {
      ruleName: result.ruleName,
      allocationWanYuan: row.allocationFen / FEN_PER_WAN_YUAN,
      perPupilYuan: per,
      rank,
      of: result.rows.length,
      chart: allocationWaterfallChart(row, result.factors, { ...options, ruleName: result.ruleName, id: `county-waterfall-${rule.name}` }),
    };
  });
  return { countyId, countyName, rules: out };
}
