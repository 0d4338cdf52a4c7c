import { curveModels, type CurveModelName } from "./curve-models.js";

/**
 * Completion shares predicted by a fitted S-curve at the given months.
 *
 * The evaluation half of `fitCurve`: a fit is plain data (model name + named parameters), and this
 * turns it back into numbers, so a stored or transmitted fit can be re-used without refitting.
 *
 * @param model curve model name: "logistic", "gompertz", "richards" or "weibull"
 * @param params named parameters as returned in `fitCurve(...).params` (including `cap`)
 * @param t months since programme start (any finite values, in any order)
 * @returns predicted completion shares, 0–cap, one per entry of t
 * @throws {RangeError} for an unknown model, a missing or non-finite parameter, or a non-finite t
 * @example
 * predictCurve("logistic", { cap: 1, k: 0.2, t0: 24 }, [24]) // [0.5]
 */
export function predictCurve(model: CurveModelName, params: Readonly<Record<string, number>>, t: readonly number[]): number[] {
  const spec = curveModels[model];
  if (!spec) throw new RangeError(`predictCurve requires a known model (logistic, gompertz, richards, weibull), got ${String(model)}`);
  const p = spec.params.map((name) => {
    const v = params[name];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`predictCurve requires a finite parameter ${name} for the ${model} model, got ${String(v)}`);
    }
    return v;
  });
  return t.map((ti, i) => {
    if (!Number.isFinite(ti)) throw new RangeError(`predictCurve requires finite t values, t[${i}] is ${ti}`);
    return spec.value(ti, p);
  });
}
