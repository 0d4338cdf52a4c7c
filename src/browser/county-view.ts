import type { BigClassOutlook } from "../class-size/big-class-outlook.js";
import { bigClassStockIncrementChart } from "../charts/big-class-stock-increment-chart.js";
import type { Chart } from "../charts/figure.js";
import { progressObservationsChart } from "../charts/progress-observations-chart.js";
import type { Lang } from "../shared/i18n.js";
import { bigClassView, type BigClassInputs, type BigClassSettings } from "./big-class-view.js";

/** Every county's bi-monthly reports, column by column (dates shared), as the page carries them. */
export interface ProgressSeries {
  dates: string[];
  indicators: string[];
  /** county id → indicator → share complete per date (null where not reported). */
  counties: Record<string, Record<string, (number | null)[]>>;
  /** Report date of the scenario: later reports are not shown. */
  asOf?: string;
  source: { zh: string; en: string };
}

/**
 * One county's reported progress, every indicator in one chart, with its rank among the counties on the latest
 * report (1 = furthest on).
 *
 * @returns the chart and, per indicator, the latest share and rank; undefined when the county has no reports
 */
export function countyProgress(series: ProgressSeries, countyId: string, countyName: string, lang: Lang) {
  const own = series.counties[countyId];
  if (!own) return undefined;
  const shown = series.dates.map((d, i) => [d, i] as const).filter(([d]) => !series.asOf || d <= series.asOf);
  const observations = series.indicators.flatMap((indicator) =>
    // No region on the points: every point is this county's, and the title names it.
    shown.flatMap(([as_of, i]) => (own[indicator]?.[i] == null ? [] : [{ region: "", indicator, as_of, value_share: own[indicator][i]! }])),
  );
  const last = shown.length ? shown[shown.length - 1][1] : -1;
  const ranks = series.indicators.map((indicator) => {
    const value = own[indicator]?.[last] ?? null;
    const all = Object.values(series.counties).map((c) => c[indicator]?.[last]).filter((v): v is number => typeof v === "number");
    return { indicator, value, rank: value === null ? null : 1 + all.filter((v) => v > value).length, of: all.length, asOf: last >= 0 ? series.dates[last] : null };
  });
  const title = lang === "zh" ? `${countyName}：各指标上报进度` : `${countyName}: reported progress by indicator`;
  const chart: Chart = progressObservationsChart(observations, { provenance: "synthetic", source: series.source[lang], lang, id: `county-progress-${countyId}`, title });
  return { chart, ranks };
}

/**
 * One county's big-class outlook: the same `bigClassOutlook` on its own cells (every unit is projected on its own,
 * so this is its share of the province's run), with its removal plan by year and the numbers that matter.
 */
export function countyBigClass(inputs: BigClassInputs, settings: BigClassSettings, countyId: string, lang: Lang, countyName = countyId): { outlook: BigClassOutlook; chart: Chart } | undefined {
  const cells = inputs.base.cells.filter((c) => c.unit === countyId);
  if (cells.length === 0) return undefined;
  const own: BigClassInputs = {
    ...inputs,
    base: { ...inputs.base, cells, plannedClassrooms: (inputs.base.plannedClassrooms ?? []).filter((p) => p.unit === countyId) },
    calibration: inputs.calibration.filter((c) => c.unit === countyId),
  };
  const view = bigClassView(own, settings, lang, countyName);
  const chart = { ...view.charts[0], id: `county-big-class-${countyId}` };
  return { outlook: view.outlook, chart };
}
