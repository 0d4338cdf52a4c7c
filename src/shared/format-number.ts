import type { Lang } from "./i18n.js";

/**
 * Number and money formatting for pages, tables and notebooks, one convention per language: the Chinese
 * page writes 万元/亿元 with no SI suffix; the English page writes money in "bn yuan" (or "m yuan" below
 * 0.1 bn) everywhere. Zero never prints as "-0.00". Written by hand (not Intl alone) because Intl has
 * no 亿元 / bn-yuan switch and prints "-0" for tiny negative values.
 */

/**
 * A number with thousands separators and a fixed number of decimals; rounding to zero prints "0", never "-0".
 *
 * @param x the number (NaN or ±Infinity print "—")
 * @param digits decimals (default 0)
 * @example formatNumber(-0.001, 2) // "0.00"
 * @example formatNumber(21946.6) // "21,947"
 */
export function formatNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "—";
  const s = x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // A value that rounds to zero keeps no sign.
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/**
 * A share (0–1) as a percentage.
 *
 * @example formatShare(0.7361, 1) // "73.6%"
 */
export function formatShare(share: number, digits = 0): string {
  return Number.isFinite(share) ? `${formatNumber(share * 100, digits)}%` : "—";
}

/** The money unit of a page: its label and how many of it make one 亿元. */
export function moneyUnit(lang: Lang): { label: string; perYi: number } {
  return lang === "zh" ? { label: "亿元", perYi: 1 } : { label: "bn yuan", perYi: 0.1 };
}

/**
 * An amount in 亿元 converted to the page's money unit (亿元 on the Chinese page, bn yuan on the English).
 *
 * @example yiToPageUnit(135.04, "en") // 13.504
 */
export function yiToPageUnit(yi: number, lang: Lang): number {
  return yi * moneyUnit(lang).perYi;
}

/**
 * Money given in 万元, in the page's convention: zh "135.04 亿元" from 1 亿 up, else "2,350 万元";
 * en "13.50 bn yuan" from 0.1 bn up, else "23.5 m yuan".
 *
 * @param wanYuan amount in 万元
 * @param lang page language
 * @param digits decimals of the large unit (default 2)
 * @example formatMoneyWanYuan(1350400, "zh") // "135.04 亿元"
 * @example formatMoneyWanYuan(1350400, "en") // "13.50 bn yuan"
 * @example formatMoneyWanYuan(2350, "en") // "23.5 m yuan"
 */
export function formatMoneyWanYuan(wanYuan: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(wanYuan)) return "—";
  if (lang === "zh") return Math.abs(wanYuan) >= 1e4 ? `${formatNumber(wanYuan / 1e4, digits)} 亿元` : `${formatNumber(wanYuan, 0)} 万元`;
  const bn = wanYuan / 1e5;
  return Math.abs(bn) >= 0.1 ? `${formatNumber(bn, digits)} bn yuan` : `${formatNumber(wanYuan / 100, 1)} m yuan`;
}

/**
 * Money given in 亿元, in the page's convention (see `formatMoneyWanYuan`).
 *
 * @example formatMoneyYi(267.91, "en") // "26.79 bn yuan"
 */
export function formatMoneyYi(yi: number, lang: Lang, digits = 2): string {
  return formatMoneyWanYuan(yi * 1e4, lang, digits);
}

/**
 * A month as a tick or table label: "2015年7月" on the Chinese page, "Jul 2015" on the English.
 *
 * @param iso an ISO date (YYYY-MM or YYYY-MM-DD)
 * @example formatMonth("2015-07-31", "zh") // "2015年7月"
 */
export function formatMonth(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  if (lang === "zh") return `${m[1]}年${month}月`;
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]} ${m[1]}`;
}
