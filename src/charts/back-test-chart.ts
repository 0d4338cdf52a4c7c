import type { BackTestMethod, BackTestResult } from "../progress/back-test.js";
import type { Bilingual, Lang } from "../shared/i18n.js";
import { makeChart, type Chart, type Provenance } from "./figure.js";
import { label } from "./labels.js";

/** Names of the back-tested methods. */
export const BACK_TEST_METHOD_LABELS: Record<BackTestMethod, Bilingual> = {
  pooled: { zh: "分层模型（部分合并）", en: "pooled model (partial pooling)" },
  unpooled: { zh: "各县单独拟合", en: "each county alone" },
  "last-value": { zh: "沿用最近一期", en: "last value carried forward" },
  "linear-trend": { zh: "最近三期线性外推", en: "linear trend, last 3 reports" },
};

const TEXT: Record<string, Bilingual> = {
  title: { zh: "回测：各方法预测误差", en: "Back-test: forecast error by method" },
  mae: { zh: "平均绝对误差（百分点）", en: "mean absolute error (percentage points)" },
  horizon: { zh: "预测期（月）", en: "horizon (months)" },
};

const COLOURS: Record<BackTestMethod, string> = { pooled: "#c25e00", unpooled: "#e3a35c", "last-value": "#888888", "linear-trend": "#1f5fa8" };

/**
 * Back-test comparison: mean absolute error by horizon, one bar per method (lower is better).
 *
 * @param result a back-test (`backTest`)
 * @param options provenance, source, language
 * @returns a chart whose rows are the scores (MAE, bias, coverage per method and horizon)
 */
export function backTestChart(result: BackTestResult, options: { provenance: Provenance; source: string; lang: Lang; id?: string }): Chart {
  const { lang } = options;
  const methods = [...new Set(result.scores.map((s) => s.method))];
  const horizons = [...new Set(result.scores.map((s) => s.horizon))];
  const data = methods.map((m) => {
    const pts = horizons.map((h) => result.scores.find((s) => s.method === m && s.horizon === h));
    return {
      type: "bar",
      name: BACK_TEST_METHOD_LABELS[m][lang],
      x: horizons.map((h) => (h === "all" ? (lang === "zh" ? "全部" : "all") : h)),
      y: pts.map((s) => (s ? Number(s.maePp.toFixed(2)) : null)),
      marker: { color: COLOURS[m] },
      hovertemplate: "%{x}: %{y:.2f}<extra>%{fullData.name}</extra>",
    };
  });
  const title = lang === "zh" ? `${TEXT.title.zh}（${label(result.indicator, lang)}）` : `${TEXT.title.en} (${label(result.indicator, lang).toLowerCase()})`;
  return makeChart({
    id: options.id ?? `back-test-${result.indicator.replace("_", "-")}`,
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: result.scores.map((s) => ({ ...s })),
    data,
    layout: {
      barmode: "group",
      legend: { orientation: "h", y: 1.02, x: 0, yanchor: "bottom" },
      margin: { l: 70, r: 30, t: 110, b: 60 },
      xaxis: { title: { text: TEXT.horizon[lang] } },
      yaxis: { title: { text: TEXT.mae[lang] }, gridcolor: "#e6e6e6", rangemode: "tozero" },
    },
  });
}
