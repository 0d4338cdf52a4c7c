import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRule } from "../allocation/parse-rule.js";
import type { AllocationRuleInput } from "../allocation/rule-schema.js";
import { unitsFromSyntheticProvince } from "../allocation/units-from-synthetic-province.js";
import type { AllocationInputs } from "../browser/allocation-view.js";
import type { BundledData } from "../data/load-bundled-data.js";
import { DATASET_PATHS } from "../data/paths.js";
import type { Scenario } from "../scenarios/scenario-schema.js";
import { createRandom } from "../shared/random.js";
import { ALLOCATION_BUDGET_WAN_YUAN, ALLOCATION_PRESETS, ALLOCATION_SECTION_AS_OF, ALLOCATION_SECTION_SEED } from "./allocation-section.js";
import { memo, tablesKey } from "./report-memo.js";

/** What the page carries to recompute and drill down, once per scenario and in no language (plain JSON). */
export interface PageInputs {
  allocation?: AllocationInputs;
  /** Counties the drill-down offers (id and name), in the province's order. */
  counties: { id: string; name: string }[];
}

/**
 * The inputs the interactive page recomputes from: the allocation section's synthetic counties (same seed and
 * progress date as the section, so the page's default view reproduces it) and the preset rules.
 *
 * @param data the scenario's data
 * @param _scenario the scenario (the allocation does not depend on it yet; kept for the section builders' shape)
 */
export function pageInputs(data: BundledData, _scenario?: Scenario): PageInputs {
  return memo(tablesKey([data.synthetic.counties, data.synthetic.progress]), "page-inputs", () => {
    const units = unitsFromSyntheticProvince(data.synthetic.counties, data.synthetic.progress, { random: createRandom(ALLOCATION_SECTION_SEED), asOf: ALLOCATION_SECTION_AS_OF });
    const rules = ALLOCATION_PRESETS.map((name) => {
      const { description: _d, assumptions: _a, sources: _s, ...structure } = parseRule(readFileSync(path.join(DATASET_PATHS.rules(), `${name}.json`), "utf8"), `${name}.json`);
      return structure as AllocationRuleInput;
    });
    const rows = units.rows.map((r) => ({ ...r })) as Record<string, unknown>[];
    return {
      allocation: {
        units: rows,
        rules,
        budgetWanYuan: ALLOCATION_BUDGET_WAN_YUAN,
        provenance: "synthetic",
        source: {
          zh: "gaibo 合成省（模拟县，派生列种子 20150101）；页面内按所选设置重新计算",
          en: "gaibo synthetic province (simulated counties, derived columns seed 20150101); recomputed in the page with the settings chosen",
        },
      },
      counties: rows.map((r) => ({ id: String(r.countyId), name: String(r.countyName ?? r.countyId) })),
    };
  });
}
