// allocate's RangeErrors are for programmers; these are the ones a rule or a units file can cause.
const ALLOCATE_FAILURES_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^allocate requires at least one county$/, () => "县级因素表中没有任何县"],
  [/^allocate requires unique countyId values, got (.+) twice$/, (m) => `县代码 countyId 必须唯一，${m[1]} 出现了两次`],
  [/^allocate requires a positive regional or matching coefficient/, () => "所有分得公式资金的县的地区系数或配套系数都不大于 0，无法分配"],
  [/^allocate cannot meet county (.+)'s floor (.+) because its ceiling is (.+)$/, (m) => `县 ${m[1]} 的下限 ${m[2]} 高于其上限 ${m[3]}，无法同时满足`],
  [/^allocate cannot meet the floors: they sum to (.+) but the budget is (.+)$/, (m) => `各县下限合计 ${m[1]}，超过预算 ${m[2]}，无法满足`],
  [/^allocate cannot place the budget under the ceilings: they sum to (.+) but the budget is (.+)$/, (m) => `各县上限合计 ${m[1]}，低于预算 ${m[2]}，预算分不完`],
  [/^normaliseFactor requires positive values for a (capacity share|per-capita capacity), got (.+) at index (\d+)$/, (m) => `capacity 方向的因素要求各县数值都大于 0，但（按文件顺序）第 ${Number(m[3]) + 1} 个县为 ${m[2]}`],
];

/**
 * The Chinese of an `allocate` RangeError that a rule or a units file can cause (floors above the budget, ceilings
 * below it, a zero capacity value), with fen amounts written 分; one not in the table is quoted after a Chinese lead.
 *
 * @param message the RangeError's message
 * @returns the message in Chinese
 * @example allocateFailureZh("allocate requires at least one county") // "县级因素表中没有任何县"
 */
export function allocateFailureZh(message: string): string {
  for (const [re, zh] of ALLOCATE_FAILURES_ZH) {
    const m = re.exec(message);
    if (m) return zh(m).replace(/ fen \(([^)]*) 万元\)/g, " 分（$1 万元）");
  }
  return `无法按此规则分配：${message}`;
}

