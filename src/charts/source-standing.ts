import type { Lang } from "../shared/i18n.js";

/**
 * What a real figure's source is: the office's own page, an official figure read on an unofficial copy
 * (a repost on a news aggregator or forum), or a number gaibo derived from published ones. The badge
 * 真实公开数据 is kept for the first two; a repost carries its caveat beside the badge.
 */
export type SourceStanding = "official" | "repost" | "derived";

const LABEL: Record<SourceStanding, { zh: string; en: string }> = {
  official: { zh: "官方页面", en: "official page" },
  repost: { zh: "官方数字，非官方转载", en: "official figure, unofficial copy" },
  derived: { zh: "由公开数字推算", en: "derived from published figures" },
};

/**
 * The standing in the page's language.
 *
 * @example standingLabel("repost", "zh") // "官方数字，非官方转载"
 */
export function standingLabel(standing: SourceStanding, lang: Lang): string {
  return LABEL[standing][lang];
}

/**
 * The standing of a row of the real tables from its `caveat` (datasets/real/NOTES.md lists the values):
 * "official page" is official; any "unofficial copy", "copy on …", "secondary source" or "English
 * rendering" is a repost; a caveat or note that says DERIVED is derived.
 *
 * @param caveat the row's `caveat` column
 * @param note the row's `note` or `derived_note` column, when it may say DERIVED
 * @example sourceStanding("official figure, unofficial copy") // "repost"
 */
export function sourceStanding(caveat: string, note = ""): SourceStanding {
  if (/derived/i.test(caveat) || /^\s*DERIVED/.test(note)) return "derived";
  if (/^\s*official page\s*$/i.test(caveat)) return "official";
  return "repost";
}

/**
 * The weakest standing of several rows shown in one chart: derived if any is derived, a repost if any
 * is a repost, official only when all are.
 */
export function weakestStanding(standings: readonly SourceStanding[]): SourceStanding {
  if (standings.includes("derived")) return "derived";
  if (standings.includes("repost") || standings.length === 0) return "repost";
  return "official";
}

/** Hosts of the official pages gaibo cites (government sites publish their own figures). */
const OFFICIAL_HOST = /(^|\.)gov\.cn$/;

/**
 * The standing of a real chart's source read from the pages it cites, when the builder did not say:
 * any page off a government site is at best an official figure on an unofficial copy; only government
 * pages are official. A source that cites no page gives no standing (undefined), rather than a guess.
 *
 * @example standingFromSource("published: https://feifmx.com/a · http://www.moe.gov.cn/b") // "repost"
 */
export function standingFromSource(source: string): SourceStanding | undefined {
  const hosts = [...source.matchAll(/https?:\/\/([^/\s·，；;)）]+)/g)].map((m) => m[1].toLowerCase());
  if (hosts.length === 0) return undefined;
  return hosts.every((h) => OFFICIAL_HOST.test(h)) ? "official" : "repost";
}

/**
 * A source note with its web addresses shortened to their site (https://feifmx.com/domesticgd/… → feifmx.com),
 * for the chart's subtitle; the full addresses stay in the caption and the CSV.
 *
 * @example shortenUrls("见 https://www.feifmx.com/a/b.html") // "见 feifmx.com"
 */
export function shortenUrls(source: string): string {
  return source.replace(/https?:\/\/(?:www\.|m\.)?([^/\s·，；;)）]+)[^\s·，；;)）]*/g, "$1");
}
