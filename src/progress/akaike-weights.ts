/**
 * Akaike weights: the relative support for each candidate model given their information criteria.
 *
 * wᵢ = exp(−Δᵢ/2) / Σⱼ exp(−Δⱼ/2) with Δᵢ = AICcᵢ − min AICc. A weight reads as the probability
 * that model i is the best of the set for these data; callers can average predictions with it
 * instead of trusting one curve. Candidates with an infinite criterion (too few observations, or
 * not fitted) get weight 0.
 *
 * @param criteria AIC or AICc values (lower is better); Infinity marks an unusable candidate
 * @returns weights in [0, 1] summing to 1 (all 0 when no candidate is usable)
 * @throws {RangeError} if a criterion is NaN or −Infinity
 * @example
 * akaikeWeights([100, 102]) // [0.7310585786300049, 0.2689414213699951]
 * @see Burnham & Anderson (2002), Model Selection and Multimodel Inference, §2.9
 */
export function akaikeWeights(criteria: readonly number[]): number[] {
  criteria.forEach((c, i) => {
    if (Number.isNaN(c) || c === -Infinity) throw new RangeError(`akaikeWeights requires finite or +Infinity criteria, criteria[${i}] is ${c}`);
  });
  const best = Math.min(...criteria);
  if (!Number.isFinite(best)) return criteria.map(() => 0);
  const raw = criteria.map((c) => (Number.isFinite(c) ? Math.exp(-(c - best) / 2) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}
