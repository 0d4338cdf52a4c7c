/** Names of the S-curve models gaibo fits to completion series. */
export type CurveModelName = "logistic" | "gompertz" | "richards" | "weibull";

/**
 * One S-curve: its parameter names, value and analytic gradient.
 *
 * Parameter vectors are ordered as `params` (the ceiling `cap` always first). Both functions are
 * written so they never overflow to NaN: far from the inflection they return exactly 0 or cap and
 * a zero gradient, which is what a solver needs on long flat tails.
 */
export interface CurveModel {
  name: CurveModelName;
  /** parameter names, in the order of the vectors passed to `value` and `gradient` */
  params: readonly string[];
  /** completion share at time t (months since programme start) */
  value(t: number, p: ArrayLike<number>): number;
  /** ∂value/∂p written into `out` (length = params.length), which is returned */
  gradient(t: number, p: ArrayLike<number>, out: number[]): number[];
}

/**
 * Logistic curve cap / (1 + exp(−k(t − t0))).
 *
 * Symmetric S-curve: half of the ceiling is reached at t0 (months), where growth is fastest (k·cap/4 per month).
 */
const logistic: CurveModel = {
  name: "logistic",
  params: ["cap", "k", "t0"],
  value(t, p) {
    const z = p[1] * (t - p[2]);
    return z >= 0 ? p[0] / (1 + Math.exp(-z)) : (p[0] * Math.exp(z)) / (1 + Math.exp(z));
  },
  gradient(t, p, out) {
    const d = t - p[2];
    const z = p[1] * d;
    // s and 1 − s from the side where exp cannot overflow, so s(1 − s) keeps full precision.
    let s: number;
    let c: number;
    if (z >= 0) {
      const e = Math.exp(-z);
      s = 1 / (1 + e);
      c = e * s;
    } else {
      const e = Math.exp(z);
      c = 1 / (1 + e);
      s = e * c;
    }
    const g = p[0] * s * c;
    out[0] = s;
    out[1] = g * d;
    out[2] = -g * p[1];
    return out;
  },
};

/**
 * Gompertz curve cap · exp(−exp(−k(t − t0))).
 *
 * Asymmetric S-curve with a slow approach to the ceiling; the inflection is at t0 with value cap/e ≈ 0.37·cap.
 */
const gompertz: CurveModel = {
  name: "gompertz",
  params: ["cap", "k", "t0"],
  value(t, p) {
    return p[0] * Math.exp(-Math.exp(-p[1] * (t - p[2])));
  },
  gradient(t, p, out) {
    const d = t - p[2];
    const z = p[1] * d;
    const g = Math.exp(-Math.exp(-z));
    // g·exp(−z) = exp(−z − exp(−z)) stays finite (→ 0) where exp(−z) alone overflows.
    const gh = Math.exp(-z - Math.exp(-z));
    out[0] = g;
    out[1] = p[0] * gh * d;
    out[2] = -p[0] * gh * p[1];
    return out;
  },
};

/**
 * Richards (generalised logistic) curve cap · (1 + ν·exp(−k(t − t0)))^(−1/ν), ν > 0.
 *
 * In this parameterisation t0 is the inflection time for every ν (as in the logistic and Gompertz
 * models, so t0 means the same thing across models); ν = 1 gives the logistic curve and ν → 0 the
 * Gompertz curve. The value at the inflection is cap·(1 + ν)^(−1/ν).
 */
const richards: CurveModel = {
  name: "richards",
  params: ["cap", "k", "t0", "nu"],
  value(t, p) {
    const u = p[3] * Math.exp(-p[1] * (t - p[2]));
    return p[0] * Math.exp(-Math.log1p(u) / p[3]);
  },
  gradient(t, p, out) {
    const cap = p[0];
    const k = p[1];
    const nu = p[3];
    const d = t - p[2];
    const u = nu * Math.exp(-k * d);
    const lg = Math.log1p(u);
    const base = Math.exp(-lg / nu);
    const y = cap * base;
    if (y === 0) {
      out[0] = base;
      out[1] = 0;
      out[2] = 0;
      out[3] = 0;
      return out;
    }
    // w = u/(1 + u) written to stay finite when u overflows to Infinity.
    const w = 1 / (1 + 1 / u);
    out[0] = base;
    out[1] = (y / nu) * d * w;
    out[2] = -(y / nu) * k * w;
    out[3] = (y / (nu * nu)) * (lg - w);
    return out;
  },
};

/**
 * Weibull curve cap · (1 − exp(−(t/λ)^k)) for t > 0, and 0 for t ≤ 0.
 *
 * Starts exactly at zero at programme start (t = 0), which suits series counted from the launch
 * month; λ (months) is the time by which 1 − 1/e ≈ 63 % of the ceiling is reached, k the shape.
 */
const weibull: CurveModel = {
  name: "weibull",
  params: ["cap", "k", "lambda"],
  value(t, p) {
    if (t <= 0) return 0;
    const q = Math.pow(t / p[2], p[1]);
    return -p[0] * Math.expm1(-q);
  },
  gradient(t, p, out) {
    if (t <= 0) {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
      return out;
    }
    const k = p[1];
    const lr = Math.log(t / p[2]);
    const kl = k * lr;
    const q = Math.exp(kl);
    // exp(−q)·q = exp(kl − exp(kl)) stays finite where q overflows.
    const eq = Math.exp(kl - q);
    out[0] = -Math.expm1(-q);
    out[1] = p[0] * eq * lr;
    out[2] = (-p[0] * eq * k) / p[2];
    return out;
  },
};

/**
 * The S-curve models for completion shares, by name, with values and analytic gradients.
 *
 * Time t is in months since programme start; values are completion shares (0–1 of the target,
 * or above 1 where a county over-delivers) with ceiling `cap`. `curveModels.richards.params` lists
 * the parameter names in vector order.
 *
 * @example
 * curveModels.logistic.value(24, [1, 0.2, 24]) // 0.5
 * curveModels.logistic.params // ["cap", "k", "t0"]
 * @see Richards (1959), A flexible growth function for empirical use, J. Exp. Bot. 10(2)
 */
export const curveModels: Readonly<Record<CurveModelName, CurveModel>> = Object.freeze({
  logistic,
  gompertz,
  richards,
  weibull,
});

/** The model names, in the order `fitCurve` tries them under `model: "auto"`. */
export const curveModelNames: readonly CurveModelName[] = Object.freeze(["logistic", "gompertz", "richards", "weibull"]);
