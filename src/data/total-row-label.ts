import { normalizeCellText } from "./normalize-cell-text.js";

/** A totals row's label and whether it totals the whole table ("grand": 合计, 总计, 全省) or a part ("sub": 小计, 郑州市合计). */
export interface TotalLabel {
  label: string;
  kind: "grand" | "sub";
}

// Whole-table totals: 合计, 总计, 累计, 全省/全市/全州/全盟/全区/全县/全国 (alone or with 合计), Total.
const GRAND = /^(合计|总计|累计|总合计|全(省|市|州|盟|区|县|国|地区)(合计|总计|汇总)?|(grand)?total|sum)$/i;
// Part totals: 小计, or a place followed by 合计/小计/汇总 (郑州市合计). Only short labels, so a note is not taken for one.
const SUB = /^(小计|subtotal|.{1,16}(合计|小计|汇总|总计))$/i;

const HINT = /[合总小累全汇计]|total|sum/i;

/**
 * Recognise a totals row by its label: the first text cell (of those given) that reads 合计, 总计,
 * 小计, 全省, 全市, 全州, 全国, "郑州市小计", Total and the like, spaces and colons ignored ("合　计：").
 * A county whose name starts with 全 (全椒县) is not a total: 全X must stand alone or with 合计.
 *
 * Pure over cells, so a streaming importer can test each row as it arrives.
 *
 * @param cells the row's text cells (leave numeric columns out so a note column's "小计" is not read in them)
 * @returns the label and its kind, or undefined for an ordinary row
 * @example totalRowLabel(["", "合　计"]) // { label: "合　计", kind: "grand" }
 */
export function totalRowLabel(cells: readonly unknown[]): TotalLabel | undefined {
  for (const c of cells) {
    // Every label holds one of these; most cells do not, and skip the normalising.
    if (typeof c !== "string" || !HINT.test(c)) continue;
    const t = normalizeCellText(c).replace(/[\s:：]+/g, "");
    if (t === "") continue;
    if (GRAND.test(t)) return { label: c.trim(), kind: "grand" };
    if (SUB.test(t)) return { label: c.trim(), kind: "sub" };
  }
  return undefined;
}
