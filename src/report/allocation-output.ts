import * as aq from "arquero";
import type { AllocationResult } from "../allocation/allocate.js";
import type { BaselineComparison } from "../allocation/compare-with-baseline.js";
import type { EquityMeasures } from "../allocation/equity.js";
import type { ProvisionEffects } from "../allocation/provision-effects.js";
import { FEN_PER_WAN_YUAN, FEN_PER_YUAN } from "../allocation/units-columns.js";
import type { Lang } from "../shared/i18n.js";

/** How a column's numbers are shown in Excel. */
export type OutputFormat = "text" | "integer" | "yuan" | "wanYuan" | "share" | "decimal";

/** Excel number formats: 元 to the fen (2 decimals), 万元 to the fen (6 decimals), shares as percentages. */
export const OUTPUT_NUMBER_FORMATS: Readonly<Record<OutputFormat, string | undefined>> = {
  text: undefined,
  integer: "#,##0",
  yuan: "#,##0.00",
  wanYuan: "#,##0.000000",
  share: "0.00%",
  decimal: "0.0000",
};

/** One column of an output sheet: its header in the chosen language and its number format. */
export interface OutputColumn {
  header: string;
  format: OutputFormat;
}

/** One view of an allocation (a sheet in Excel, a file in CSV). */
export interface OutputSheet {
  /** Sheet name (also the CSV file's suffix). */
  name: string;
  /** English slug for file names. */
  slug: string;
  columns: OutputColumn[];
  rows: (string | number | null)[][];
}

const L = (zh: string, en: string) => ({ zh, en });
const BINDING: Record<string, { zh: string; en: string }> = {
  none: L("无", "none"),
  floor: L("保底", "floor"),
  "hold-harmless": L("不低于上年比例", "hold-harmless"),
  ceiling: L("上限", "ceiling"),
  guarantee: L("最低保障", "funding guarantee"),
  "gains-cap": L("增幅上限", "gains cap"),
};

const yuan = (fen: number) => Math.round(fen) / FEN_PER_YUAN;
const wan = (fen: number) => Math.round(fen) / FEN_PER_WAN_YUAN;

/**
 * The views a planning office hands on, as sheets with headers in one language (Chinese by default): the allocation
 * with every factor's contribution, the change against a baseline (with gainers and losers by city and by
 * fiscal-capacity quartile), what each provision does, and the equity measures. Money is given in 元 to the fen
 * (2 decimals) and the allocation also in 万元 to the fen (6 decimals), as numbers; formats are set by the writer.
 *
 * @param result the allocation
 * @param lang header language
 * @param extra the baseline comparison, the provision effects and the equity measures, when computed
 * @returns sheets in display order
 * @example allocationOutputSheets(result, "zh")[0].columns[0].header // "区县代码"
 */
export function allocationOutputSheets(
  result: AllocationResult,
  lang: Lang,
  extra: { baseline?: BaselineComparison; baselineLabel?: string; provisions?: ProvisionEffects; equity?: EquityMeasures } = {},
): OutputSheet[] {
  const t = (l: { zh: string; en: string }) => l[lang];
  const zh = lang === "zh";
  const hasTransition = result.rows.some((r) => r.transitionAdjustmentFen !== 0) || result.transition !== null;
  const factorHeader = (f: AllocationResult["factors"][number]) => (zh ? `${f.label ?? f.id}（元）` : `${f.id} (yuan)`);
  const allocation: OutputSheet = {
    name: zh ? "分配结果" : "allocation",
    slug: "allocation",
    columns: [
      { header: t(L("区县代码", "county id")), format: "text" },
      { header: t(L("区县名称", "county")), format: "text" },
      { header: t(L("义务教育学生数", "pupils")), format: "integer" },
      ...result.factors.map((f) => ({ header: factorHeader(f), format: "yuan" as const })),
      { header: t(L("配套因素（元）", "matching (yuan)")), format: "yuan" },
      { header: t(L("系数调整（元）", "coefficient adjustment (yuan)")), format: "yuan" },
      { header: t(L("公式资金（元）", "formula money (yuan)")), format: "yuan" },
      { header: t(L("扣减（元）", "deduction (yuan)")), format: "yuan" },
      { header: t(L("奖励（元）", "reward (yuan)")), format: "yuan" },
      { header: t(L("保底与上限调整（元）", "floors and ceilings (yuan)")), format: "yuan" },
      ...(hasTransition ? [{ header: t(L("过渡调整（元）", "transition (yuan)")), format: "yuan" as const }] : []),
      { header: t(L("取整（元）", "rounding (yuan)")), format: "yuan" },
      { header: t(L("分配额（元）", "allocation (yuan)")), format: "yuan" },
      { header: t(L("分配额（万元）", "allocation (万元)")), format: "wanYuan" },
      { header: t(L("生均（元）", "per pupil (yuan)")), format: "yuan" },
      { header: t(L("起作用的约束", "binding provision")), format: "text" },
    ],
    rows: result.rows.map((r) => [
      r.countyId,
      r.countyName,
      r.pupils,
      ...result.factors.map((f) => yuan(r.contributionsFen[f.id])),
      yuan(r.matchingFen),
      yuan(r.coefficientAdjustmentFen),
      yuan(r.formulaFen),
      yuan(r.deductionFen),
      yuan(r.rewardFen),
      yuan(r.boundAdjustmentFen),
      ...(hasTransition ? [yuan(r.transitionAdjustmentFen)] : []),
      yuan(r.roundingFen),
      yuan(r.allocationFen),
      wan(r.allocationFen),
      r.allocationPerPupilYuan === null ? null : Math.round(r.allocationPerPupilYuan * 100) / 100,
      t(BINDING[r.binding] ?? L(r.binding, r.binding)),
    ]),
  };
  const sheets = [allocation];
  const b = extra.baseline;
  if (b) {
    const q = (k: number | null) => (k === null ? "" : zh ? `第 ${k} 四分位（${k === 1 ? "财力最弱" : k === 4 ? "财力最强" : "中间"}）` : `Q${k}${k === 1 ? " (lowest capacity)" : k === 4 ? " (highest capacity)" : ""}`);
    sheets.push({
      name: zh ? "与基期比较" : "change vs baseline",
      slug: "change-vs-baseline",
      columns: [
        { header: t(L("区县代码", "county id")), format: "text" },
        { header: t(L("区县名称", "county")), format: "text" },
        { header: t(L("所属市", "city")), format: "text" },
        { header: t(L("义务教育学生数", "pupils")), format: "integer" },
        { header: zh ? `基期（万元）${extra.baselineLabel ? `：${extra.baselineLabel}` : ""}` : `baseline (万元)${extra.baselineLabel ? `: ${extra.baselineLabel}` : ""}`, format: "wanYuan" },
        { header: t(L("本次（万元）", "this rule (万元)")), format: "wanYuan" },
        { header: t(L("增减（万元）", "change (万元)")), format: "wanYuan" },
        { header: t(L("生均增减（元）", "change per pupil (yuan)")), format: "yuan" },
        { header: t(L("增减幅度", "change (%)")), format: "share" },
        { header: t(L("人均财力四分位", "fiscal-capacity quartile")), format: "text" },
      ],
      rows: b.rows.map((r) => [
        r.countyId,
        r.countyName,
        r.city,
        r.pupils,
        wan(r.baselineFen),
        wan(r.allocationFen),
        wan(r.changeFen),
        r.changePerPupilYuan === null ? null : Math.round(r.changePerPupilYuan * 100) / 100,
        r.changeShare,
        q(r.fiscalCapacityQuartile),
      ]),
    });
    const groupRows = (kind: string, groups: BaselineComparison["byCity"]) =>
      groups.map((g) => [kind, g.group, g.counties, g.gainers, g.losers, g.unchanged, wan(g.changeFen), g.changePerPupilYuan === null ? null : Math.round(g.changePerPupilYuan * 100) / 100]);
    sheets.push({
      name: zh ? "增减汇总" : "gainers and losers",
      slug: "gainers-losers",
      columns: [
        { header: t(L("分组方式", "grouping")), format: "text" },
        { header: t(L("组", "group")), format: "text" },
        { header: t(L("县数", "counties")), format: "integer" },
        { header: t(L("增加的县", "gainers")), format: "integer" },
        { header: t(L("减少的县", "losers")), format: "integer" },
        { header: t(L("不变的县", "unchanged")), format: "integer" },
        { header: t(L("增减合计（万元）", "change (万元)")), format: "wanYuan" },
        { header: t(L("生均增减（元）", "change per pupil (yuan)")), format: "yuan" },
      ],
      rows: [...groupRows(zh ? "按市" : "by city", b.byCity), ...groupRows(zh ? "按人均财力四分位" : "by fiscal-capacity quartile", b.byFiscalCapacityQuartile)],
    });
  }
  const p = extra.provisions;
  if (p) {
    sheets.push({
      name: zh ? "各条款作用" : "provisions",
      slug: "provisions",
      columns: [
        { header: t(L("条款", "provision")), format: "text" },
        { header: t(L("去掉后变化的金额（万元）", "money it moves (万元)")), format: "wanYuan" },
        ...[1, 2, 3, 4].map((k) => ({ header: zh ? `人均财力第 ${k} 四分位（万元）` : `fiscal capacity Q${k} (万元)`, format: "wanYuan" as const })),
        ...[1, 2, 3, 4].map((k) => ({ header: zh ? `贫困第 ${k} 四分位（万元）` : `poverty Q${k} (万元)`, format: "wanYuan" as const })),
      ],
      rows: p.rows.map((r) => [
        zh ? r.labelZh : r.labelEn,
        wan(r.movedFen),
        ...r.byFiscalCapacityQuartileFen.map(wan),
        ...r.byPovertyQuartileFen.map(wan),
      ]),
    });
    if (p.increment) {
      const inc = p.increment;
      sheets.push({
        name: zh ? "增量去向" : "increment",
        slug: "increment",
        columns: [
          { header: t(L("区县代码", "county id")), format: "text" },
          { header: t(L("区县名称", "county")), format: "text" },
          { header: zh ? `增加 ${wan(inc.incrementFen)} 万元后多得（万元）` : `extra from ${wan(inc.incrementFen)} 万元 more (万元)`, format: "wanYuan" },
          { header: t(L("占增量比例", "share of the increment")), format: "share" },
        ],
        rows: inc.rows.map((r) => [r.countyId, r.countyName, wan(r.extraFen), r.share]),
      });
    }
  }
  const e = extra.equity;
  if (e) {
    const m: [string, string, number | null, OutputFormat][] = [
      ["生均分配额均值（元，按学生加权）", "mean per pupil (yuan, pupil-weighted)", e.mean, "yuan"],
      ["生均中位数（元）", "median per pupil (yuan)", e.median, "yuan"],
      ["基尼系数", "Gini", e.gini, "decimal"],
      ["泰尔指数", "Theil", e.theil, "decimal"],
      ["变异系数", "coefficient of variation", e.coefficientOfVariation, "decimal"],
      ["McLoone 指数", "McLoone index", e.mcLooneIndex, "decimal"],
      ["Verstegen 指数", "Verstegen index", e.verstegenIndex, "decimal"],
      ["联邦极差比（P95−P5）/P5", "federal range ratio", e.federalRangeRatio, "decimal"],
      ["与人均财力的相关系数", "correlation with fiscal capacity", e.fiscalCapacityCorrelation, "decimal"],
      ["对人均财力的弹性", "elasticity to fiscal capacity", e.fiscalCapacityElasticity, "decimal"],
      ["弥补经费缺口的比例", "share of the funding gap closed", e.gapClosedShare, "share"],
    ];
    sheets.push({
      name: zh ? "公平性" : "equity",
      slug: "equity",
      columns: [
        { header: t(L("指标", "measure")), format: "text" },
        { header: t(L("数值", "value")), format: "decimal" },
      ],
      rows: m.map(([a, b2, v]) => [zh ? a : b2, v === null || !Number.isFinite(v) ? null : v]),
    });
  }
  return sheets;
}

/**
 * An output sheet as an arquero table with its headers, for CSV.
 *
 * @param sheet one view
 * @returns a table whose column names are the sheet's headers
 */
export function outputSheetTable(sheet: OutputSheet): aq.ColumnTable {
  const columns: Record<string, unknown[]> = {};
  sheet.columns.forEach((c, k) => (columns[c.header] = sheet.rows.map((r) => r[k])));
  return aq.table(columns);
}
