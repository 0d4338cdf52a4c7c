import { baseLayout, PROVENANCE_COLOUR, type Chart } from "./figure.js";
import { allocationTitle, WAN_YUAN, type AllocationChartOptions } from "./allocation-chart-options.js";

/** The ledger of one county's allocation in fen (an `AllocationRow` fits). */
export interface AllocationLedger {
  countyId: string;
  countyName: string;
  contributionsFen: Record<string, number>;
  matchingFen: number;
  coefficientAdjustmentFen: number;
  deductionFen: number;
  rewardFen: number;
  boundAdjustmentFen: number;
  roundingFen: number;
  allocationFen: number;
}

/** A factor's id and its label as written in the rule (an `AllocationResult["factors"]` entry fits). */
export interface FactorLabel {
  id: string;
  label?: string;
}

const LABELS = {
  title: { zh: "为什么是这个数：{county}分配额的因素分解", en: "Why this amount: {county}'s allocation by factor" },
  matching: { zh: "配套资金因素", en: "local matching" },
  coefficient: { zh: "区域/配套系数调整", en: "regional / matching coefficient" },
  deduction: { zh: "进度或结余扣减", en: "deduction (slow progress, idle balance)" },
  reward: { zh: "奖励", en: "reward" },
  bound: { zh: "保底/封顶调整", en: "floor / ceiling adjustment" },
  rounding: { zh: "取整到分", en: "rounding to the fen" },
  total: { zh: "分配额", en: "allocation" },
} as const;

const FEN_PER_WAN_YUAN = 1_000_000;

/**
 * A waterfall of one county's allocation: each factor's money, then local matching, regional coefficients,
 * deductions, rewards and floors/ceilings, ending in the amount the county receives, so a leader sees *why* it got
 * what it got. Steps that are zero, and whole-fen rounding below 10 元, are left out; the bars add up to the allocation
 * (the ledger's identity) up to that rounding.
 *
 * @param row one county's ledger (from `allocate(...).rows`)
 * @param factors factor ids and labels (from `allocate(...).factors`), in the rule's order
 * @param options rule name, provenance, source, language
 * @returns a plotly waterfall chart whose rows are the steps in 万元
 * @example allocationWaterfallChart(result.rows[0], result.factors, opts).figure.data[0].type // "waterfall"
 * @see allocate (the ledger identity)
 */
export function allocationWaterfallChart(row: AllocationLedger, factors: readonly FactorLabel[], options: AllocationChartOptions & { ruleName: string }): Chart {
  const { lang } = options;
  const steps: { code: string; name: string; fen: number; measure: "relative" | "total" }[] = [];
  const ids = factors.length ? factors.map((f) => f.id) : Object.keys(row.contributionsFen);
  for (const id of ids) {
    const f = factors.find((x) => x.id === id);
    const name = lang === "zh" ? (f?.label ?? id) : id;
    steps.push({ code: id, name, fen: row.contributionsFen[id] ?? 0, measure: "relative" });
  }
  const extra: [keyof typeof LABELS, number][] = [
    ["matching", row.matchingFen],
    ["coefficient", row.coefficientAdjustmentFen],
    ["deduction", -row.deductionFen],
    ["reward", row.rewardFen],
    ["bound", row.boundAdjustmentFen],
    ["rounding", row.roundingFen],
  ];
  for (const [code, fen] of extra) if (fen !== 0 && !(code === "rounding" && Math.abs(fen) < 1_000)) steps.push({ code, name: LABELS[code][lang], fen, measure: "relative" });
  steps.push({ code: "total", name: LABELS.total[lang], fen: row.allocationFen, measure: "total" });
  const wan = (fen: number) => fen / FEN_PER_WAN_YUAN;
  const title = `${allocationTitle({ zh: LABELS.title.zh.replace("{county}", row.countyName), en: LABELS.title.en.replace("{county}", row.countyName) }, options)} · ${options.ruleName}`;
  const colour = PROVENANCE_COLOUR[options.provenance];
  return {
    id: options.id ?? `allocation-waterfall-${row.countyId}`,
    title,
    provenance: options.provenance,
    source: options.source,
    rows: steps.map((s) => ({ county_id: row.countyId, step: s.code, label: s.name, amount_wan_yuan: wan(s.fen), measure: s.measure })),
    figure: {
      data: [
        {
          type: "waterfall",
          orientation: "v",
          measure: steps.map((s) => s.measure),
          x: steps.map((s) => s.name),
          y: steps.map((s) => wan(s.fen)),
          text: steps.map((s) => wan(s.fen).toLocaleString("en-US", { maximumFractionDigits: 0 })),
          textposition: "outside",
          connector: { line: { color: "#bbb", width: 1 } },
          increasing: { marker: { color: colour } },
          decreasing: { marker: { color: "#b03a2e" } },
          totals: { marker: { color: "#123a6b" } },
          hovertemplate: `%{x}: %{y:,.1f} ${WAN_YUAN[lang]}<extra></extra>`,
        },
      ],
      layout: baseLayout(title, options.provenance, options.source, lang, {
        showlegend: false,
        height: 460,
        margin: { l: 70, r: 30, t: 84, b: 120 },
        xaxis: { tickangle: -30 },
        yaxis: { title: { text: WAN_YUAN[lang] }, gridcolor: "#e6e6e6" },
      }),
    },
  };
}
