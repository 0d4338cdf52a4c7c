import type { Lang } from "../shared/i18n.js";
import { makeChart, shareAxis, type Chart, type Provenance } from "./figure.js";
import { label } from "./labels.js";

/** A published share of big classes for one level and area. */
export interface BigClassShare {
  level: string;
  area: string;
  share: number;
  threshold_pupils?: number;
}

const AREA_COLOURS: Record<string, string> = { urban: "#8e2c2c", town: "#d4864a", rural: "#e9c46a", all: "#555" };

/**
 * Grouped bars of the share of classes with 56 or more pupils (大班额) by school level and area.
 *
 * @param shares shares 0–1 by level and area
 * @param options region for the title, provenance, source footnote, language
 */
export function bigClassSharesChart(
  shares: readonly BigClassShare[],
  options: { region: string; year?: number | string; provenance: Provenance; source: string; lang: Lang; id?: string },
): Chart {
  const { lang } = options;
  const levels = [...new Set(shares.map((s) => s.level))];
  const areas = [...new Set(shares.map((s) => s.area))];
  const data = areas.map((area) => {
    const pts = levels.map((lv) => shares.find((s) => s.level === lv && s.area === area)?.share ?? null);
    return {
      type: "bar",
      name: label(area, lang),
      x: levels.map((lv) => label(lv, lang)),
      y: pts,
      text: pts.map((v) => (v === null ? "" : `${(v * 100).toFixed(2)}%`)),
      textposition: "outside",
      marker: { color: AREA_COLOURS[area] ?? "#777" },
      hovertemplate: `${label(area, lang)} %{x}: %{text}<extra></extra>`,
    };
  });
  const year = options.year ? (lang === "zh" ? `${options.year}年` : ` ${options.year}`) : "";
  const title = lang === "zh" ? `${options.region}${year}大班额（56人及以上）班级占比` : `${options.region}${year}: share of classes with 56+ pupils`;
  return makeChart({
    id: options.id ?? "big-class-shares",
    title,
    provenance: options.provenance,
    source: options.source,
    lang,
    rows: shares.map((s) => ({ ...s })),
    data,
    layout: {
      barmode: "group",
      yaxis: shareAxis(label("share_axis", lang), { range: [0, 0.65] }),
      height: 400,
    },
  });
}
