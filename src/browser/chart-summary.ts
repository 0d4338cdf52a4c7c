import type { Lang } from "../shared/i18n.js";

type Trace = Record<string, unknown>;

const finite = (a: unknown): number[] => (Array.isArray(a) ? a.filter((v): v is number => typeof v === "number" && Number.isFinite(v)) : []);
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toLocaleString("en-US", { maximumFractionDigits: 0 }) : x.toLocaleString("en-US", { maximumSignificantDigits: 3 }));
const plain = (s: unknown) => String(s ?? "").replace(/<[^>]*>/g, "").trim();

/**
 * A sentence or two that says what a chart shows, for screen readers (the plot's aria-label) and the table view's
 * caption: its title, then each named series with its number of points and the range of its values.
 *
 * @param title the chart's title
 * @param data the plotly traces
 * @param lang language of the sentence
 * @example chartSummary("T", [{ name: "a", y: [1, 3] }], "en") // "T. 1 series: a, 2 values from 1 to 3."
 */
export function chartSummary(title: string, data: readonly Trace[], lang: Lang): string {
  const zh = lang === "zh";
  const horizontal = (t: Trace) => t.orientation === "h";
  const parts = data
    .filter((t) => t.showlegend !== false || data.length <= 3)
    .slice(0, 8)
    .map((t, i) => {
      const values = finite(horizontal(t) ? t.x : t.y ?? t.x);
      const name = plain(t.name) || (zh ? `系列 ${i + 1}` : `series ${i + 1}`);
      if (values.length === 0) return name;
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return zh ? `${name}：${values.length} 个数值，${fmt(lo)} 至 ${fmt(hi)}` : `${name}, ${values.length} values from ${fmt(lo)} to ${fmt(hi)}`;
    });
  const more = data.length > parts.length ? (zh ? `等 ${data.length} 个系列` : ` (of ${data.length})`) : "";
  return zh ? `${plain(title)}。${parts.length} 个系列${more}：${parts.join("；")}。` : `${plain(title)}. ${parts.length} series${more}: ${parts.join("; ")}.`;
}
