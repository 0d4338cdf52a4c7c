/**
 * A probability as it may be shown to a leader: the value, or the bound the back-test supports when
 * the value is closer to 0 or 1 than that (“> 95%”, “< 5%”), never “100.0%”.
 *
 * Forecast probabilities are calibrated on a rolling-origin back-test whose intervals were checked up
 * to the 95 % level (2.5 % in each tail); beyond that the back-test has too few misses to tell 97 %
 * from 99.9 %, so the honest statement is the bound.
 *
 * @param p probability, 0–1
 * @param bound smallest tail the back-test supports, 0–0.5; default 0.05
 * @returns the text (“63%”, “> 95%”, “< 5%”) and the number it stands for (clipped to [bound, 1 − bound])
 * @throws {RangeError} for p outside [0, 1] or an invalid bound
 * @example
 * supportedProbability(0.999).text // "> 95%"
 * supportedProbability(0.634).text // "63%"
 */
export function supportedProbability(p: number, bound = 0.05): { text: string; value: number; clipped: boolean } {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`supportedProbability requires p in [0, 1], got ${p}`);
  if (!(bound > 0 && bound < 0.5)) throw new RangeError(`supportedProbability requires bound in (0, 0.5), got ${bound}`);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (p > 1 - bound) return { text: `> ${pct(1 - bound)}`, value: 1 - bound, clipped: true };
  if (p < bound) return { text: `< ${pct(bound)}`, value: bound, clipped: true };
  return { text: pct(p), value: p, clipped: false };
}
