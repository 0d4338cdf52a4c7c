import { curveModels, type CurveModelName } from "./curve-models.js";

/** Shares are clipped into [CLIP, 1 − CLIP] before linearising, so 0 and 1 stay finite. */
const CLIP = 1e-3;
/** Span assumed for a series observed at a single month (a one-year rise). */
const DEFAULT_SPAN_MONTHS = 12;

/**
 * Starting values for an S-curve fit, by linearising the curve; never fails on finite data.
 *
 * Each model becomes a straight line after a transform of the share z = y/cap: logit(z) = k(t − t0)
 * for the logistic (and Richards, started at ν = 1), −ln(−ln z) = k(t − t0) for the Gompertz, and
 * ln(−ln(1 − z)) = k·ln t − k·ln λ for the Weibull. A weighted least-squares line gives k and the
 * location; weights (dz/dg)² undo the stretching of the transform, so clipped values (0 %, 100 %,
 * over-delivery above cap) barely count. When the line is useless — all-zero, all-equal, falling,
 * one- or two-point series — the rate falls back to a rise over the observed span (k = 4/span) and
 * the location to the average that rate implies, so the result is always finite.
 *
 * @param model curve model name
 * @param t months since programme start, finite, at least one value
 * @param y completion shares (0–1, may exceed 1), finite, same length as t
 * @param cap ceiling used to scale y, > 0; default 1
 * @returns named starting parameters, including `cap` (and `nu` = 1 for the Richards curve)
 * @throws {RangeError} for empty or unequal-length input, non-finite values or cap ≤ 0
 * @example
 * curveStartValues("logistic", [12, 24, 36], [0.1, 0.5, 0.9]) // { cap: 1, k: ≈0.1831, t0: 24 }
 * @see Ritz & Streibig (2008), Nonlinear Regression with R, §3.2 on self-starting functions
 */
export function curveStartValues(
  model: CurveModelName,
  t: readonly number[],
  y: readonly number[],
  cap = 1,
): Record<string, number> {
  if (!curveModels[model]) throw new RangeError(`curveStartValues requires a known model, got ${String(model)}`);
  if (t.length !== y.length) throw new RangeError(`curveStartValues requires t and y of equal length, got ${t.length} and ${y.length}`);
  if (t.length === 0) throw new RangeError("curveStartValues requires at least 1 observation");
  if (!(cap > 0) || !Number.isFinite(cap)) throw new RangeError(`curveStartValues requires a finite cap > 0, got ${cap}`);
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i]) || !Number.isFinite(y[i])) {
      throw new RangeError(`curveStartValues requires finite t and y, got t[${i}] = ${t[i]}, y[${i}] = ${y[i]}`);
    }
  }
  const tmin = Math.min(...t);
  const tmax = Math.max(...t);
  const span = tmax > tmin ? tmax - tmin : DEFAULT_SPAN_MONTHS;
  const fallbackK = 4 / span;
  const z = y.map((v) => Math.min(1 - CLIP, Math.max(CLIP, v / cap)));

  if (model === "weibull") {
    const xs: number[] = [];
    const gs: number[] = [];
    const ws: number[] = [];
    z.forEach((zi, i) => {
      if (t[i] <= 0) return;
      const m = -Math.log1p(-zi);
      xs.push(Math.log(t[i]));
      gs.push(Math.log(m));
      ws.push(((1 - zi) * m) ** 2);
    });
    const line = weightedLine(xs, gs, ws);
    if (line && line.slope > 0) {
      return { cap, k: line.slope, lambda: Math.exp(-line.intercept / line.slope) };
    }
    // Shape 1.5: a mildly S-shaped Weibull; λ from the average location at that shape.
    const k = 1.5;
    const lambda = xs.length ? Math.exp(weightedMean(xs.map((x, i) => x - gs[i] / k), ws)) : Math.max(tmax, span);
    return { cap, k, lambda };
  }

  const g =
    model === "gompertz"
      ? z.map((zi) => -Math.log(-Math.log(zi)))
      : z.map((zi) => Math.log(zi / (1 - zi)));
  const w = model === "gompertz" ? z.map((zi) => (zi * -Math.log(zi)) ** 2) : z.map((zi) => (zi * (1 - zi)) ** 2);
  const line = weightedLine(t, g, w);
  let k: number;
  let t0: number;
  if (line && line.slope > 0) {
    k = line.slope;
    t0 = -line.intercept / line.slope;
  } else {
    k = fallbackK;
    t0 = weightedMean(t.map((ti, i) => ti - g[i] / k), w);
  }
  return model === "richards" ? { cap, k, t0, nu: 1 } : { cap, k, t0 };
}

function weightedMean(v: readonly number[], w: readonly number[]): number {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    sw += w[i];
    s += w[i] * v[i];
  }
  return s / sw;
}

/** Weighted least-squares line g = intercept + slope·x, or undefined when x has no spread. */
function weightedLine(
  x: readonly number[],
  g: readonly number[],
  w: readonly number[],
): { slope: number; intercept: number } | undefined {
  if (x.length < 2) return undefined;
  const xbar = weightedMean(x, w);
  const gbar = weightedMean(g, w);
  let sxx = 0;
  let sxg = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += w[i] * (x[i] - xbar) ** 2;
    sxg += w[i] * (x[i] - xbar) * (g[i] - gbar);
  }
  if (!(sxx > 0)) return undefined;
  const slope = sxg / sxx;
  const intercept = gbar - slope * xbar;
  return Number.isFinite(slope) && Number.isFinite(intercept) ? { slope, intercept } : undefined;
}
