import type { AllocationRule } from "./rule-schema.js";
import { FEN_PER_WAN_YUAN } from "./units-columns.js";

/**
 * How much local matching money counties deliver when central money rewards it: a constant-elasticity response to
 * the price of local money.
 *
 * If each local yuan brings m central yuan (the marginal match rate), a county's price of one yuan of school
 * spending falls to 1/(1 + m); with price elasticity ε of local effort, delivered funds scale by (1 + m)^ε. A county
 * delivers at most what it committed in its plan (河南's plan books county matching it may not deliver), and a county
 * that delivers nothing stays at nothing (22 河南 counties put in 0: no fiscal room, not a price problem).
 *
 * @param deliveredWanYuan delivered matching per county, 万元 (≥ 0)
 * @param committedWanYuan committed matching per county, 万元 (≥ 0); the cap
 * @param matchRate central yuan per extra local yuan, ≥ 0 (see `marginalMatchRate`)
 * @param elasticity response elasticity ε ≥ 0 (0 = no response); uncertain, so simulations draw it
 * @returns delivered matching after the response, 万元
 * @throws RangeError on mismatched lengths or negative rate/elasticity
 * @example Array.from(matchingResponse([50, 0, 80], [100, 100, 80], 1, 0.5)) // [70.71…, 0, 80]
 * @see Gramlich (1977) on matching grants and price elasticities of local spending
 */
export function matchingResponse(
  deliveredWanYuan: ArrayLike<number>,
  committedWanYuan: ArrayLike<number>,
  matchRate: number,
  elasticity: number,
): Float64Array {
  if (deliveredWanYuan.length !== committedWanYuan.length) {
    throw new RangeError(`matchingResponse requires delivered and committed of the same length, got ${deliveredWanYuan.length} and ${committedWanYuan.length}`);
  }
  if (!(matchRate >= 0) || !(elasticity >= 0)) throw new RangeError(`matchingResponse requires a non-negative match rate and elasticity, got ${matchRate} and ${elasticity}`);
  const factor = (1 + matchRate) ** elasticity;
  const out = new Float64Array(deliveredWanYuan.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(Math.max(committedWanYuan[i], deliveredWanYuan[i]), deliveredWanYuan[i] * factor);
  return out;
}

/**
 * The central yuan a county gains per extra yuan of delivered matching under a rule, averaged over counties.
 *
 * `matching-share` with weight w over a formula pool F and delivered total D: about w·F/D per yuan (exact for a
 * county with a small share of D). `matching-ratio`: the ratio, scaled down when the cap binds. A
 * `matching-multiplier` or no matching entry: 0 (the multiplier's reward is capped at full delivery and is small at
 * the margin; treating it as 0 understates the response).
 *
 * @param rule a validated rule
 * @param budgetFen the budget, fen
 * @param deliveredTotalWanYuan total delivered matching, 万元
 * @returns yuan of central money per yuan of local matching, ≥ 0
 * @example marginalMatchRate({ ...rule, matching: { kind: "matching-ratio", ratio: 1, capRatio: 1, column: "m" } }, 1e9, 100) // 1
 * @see matchingResponse
 */
export function marginalMatchRate(rule: AllocationRule, budgetFen: number, deliveredTotalWanYuan: number): number {
  const m = rule.matching;
  const formulaFen = budgetFen * (1 - (rule.incentives?.rewardPoolShare ?? 0));
  const deliveredFen = deliveredTotalWanYuan * FEN_PER_WAN_YUAN;
  if (m?.kind === "matching-share") return deliveredFen > 0 ? (m.weight * formulaFen) / deliveredFen : 0;
  if (m?.kind === "matching-ratio") {
    const claims = m.ratio * deliveredFen;
    const cap = m.capRatio * formulaFen;
    return claims > cap && claims > 0 ? (m.ratio * cap) / claims : m.ratio;
  }
  return 0;
}
