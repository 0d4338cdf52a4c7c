import type { Bilingual, Lang } from "../shared/i18n.js";

/** What one row of a chart's units is: a county, or a province-level unit (the national view allocates to provinces). */
export type UnitLevel = "county" | "province";

// `whole` is what the units add up to: the province of a county page, the nation of the national view.
const NOUN: Record<UnitLevel, { one: Bilingual; many: Bilingual; whole: Bilingual; wholeAdjective: Bilingual }> = {
  county: { one: { zh: "县", en: "county" }, many: { zh: "县", en: "counties" }, whole: { zh: "全省", en: "province" }, wholeAdjective: { zh: "全省", en: "province" } },
  province: { one: { zh: "省级单位", en: "province" }, many: { zh: "省级单位", en: "provinces" }, whole: { zh: "全国", en: "nation" }, wholeAdjective: { zh: "全国", en: "national" } },
};

/**
 * A label naming the units in the scenario's own noun: `{units}` becomes 县/counties or 省级单位/provinces,
 * `{Units}` the same capitalised, `{unit}` the singular (county/province), `{whole}` what they add up to (全省/province,
 * 全国/nation), `{wholeAdjective}` the same before a noun (province/national completion). The chart builders take the level as an option rather than having
 * the report rewrite their labels afterwards, so a label that names the units cannot be missed by a rewrite.
 *
 * @param text the label in one language, with `{units}` / `{unit}` where the noun goes
 * @param lang the label's language
 * @param level the units (absent: counties, the programme's own unit)
 * @example unitLabel("{units} (largest first)", "en", "province") // "provinces (largest first)"
 */
export function unitLabel(text: string, lang: Lang, level: UnitLevel = "county"): string {
  const many = NOUN[level].many[lang];
  return text
    .replaceAll("{Units}", many.charAt(0).toUpperCase() + many.slice(1))
    .replaceAll("{units}", many)
    .replaceAll("{unit}", NOUN[level].one[lang])
    .replaceAll("{wholeAdjective}", NOUN[level].wholeAdjective[lang])
    .replaceAll("{whole}", NOUN[level].whole[lang]);
}
