import { monthsSinceStart } from "../shared/dates.js";
import type { CurveForecast } from "./forecast-curve.js";

/**
 * Probability that several targets are all met by a deadline — e.g. “双超70%”: completion ≥ 70 %
 * and equipment ≥ 70 % by 2017-12-31 — from joint predictive draws.
 *
 * Draw d of each forecast must describe the same simulated future (forecasts made with the same
 * `jointDraws`, so one county's indicators and the province-wide shock move together); the
 * probability is the share of draws in which every target is reached, not a product of marginal
 * probabilities. A target the history already shows reached counts as met in every draw.
 *
 * @param events forecast and target share of each condition (targets the forecasts simulated)
 * @param deadline ISO date or months since programme start
 * @returns probability, 0–1
 * @throws {RangeError} for no events, a target not simulated, forecasts without draw-ordered crossings, or unequal draws
 * @example
 * jointTargetProbability([{ forecast: completion.province, target: 0.7 }, { forecast: equipment.province, target: 0.7 }], "2017-12-31") // ≤ the smaller marginal
 */
export function jointTargetProbability(events: readonly { forecast: CurveForecast; target: number }[], deadline: string | number): number {
  if (events.length === 0) throw new RangeError("jointTargetProbability requires at least 1 event");
  const t = typeof deadline === "string" ? monthsSinceStart(deadline) : deadline;
  if (!Number.isFinite(t)) throw new RangeError(`jointTargetProbability requires a finite deadline, got ${String(deadline)}`);
  const crossings = events.map(({ forecast, target }, i) => {
    const c = forecast.crossings.find((x) => Math.abs(x.target - target) < 1e-12);
    if (!c) throw new RangeError(`jointTargetProbability requires targets the forecasts simulated, events[${i}] has ${target}`);
    if (!c.byDraw) throw new RangeError(`jointTargetProbability requires draw-ordered crossings, events[${i}] has none`);
    return c;
  });
  const D = crossings[0].byDraw!.length;
  crossings.forEach((c, i) => {
    if (c.byDraw!.length !== D) throw new RangeError(`jointTargetProbability requires equal draws, events[${i}] has ${c.byDraw!.length} not ${D}`);
  });
  let hits = 0;
  for (let d = 0; d < D; d++) {
    if (crossings.every((c) => (c.observedT !== null && c.observedT <= t) || c.byDraw![d] <= t + 1e-9)) hits++;
  }
  return D ? hits / D : 0;
}
