import { curveModels, type CurveModelName } from "./curve-models.js";

/**
 * The unconstrained scale on which panel fits pool curve parameters: logarithms of the positive
 * parameters (ceiling `cap`, rate or shape `k`, Richards `nu`, Weibull `lambda`) and the inflection
 * month `t0` as it is. On this scale county parameters are roughly normal across a province, so a
 * normal prior (the province distribution) is a sensible shrinkage target.
 */
export interface CurveParameterSpace {
  model: CurveModelName;
  /** names of the free parameters, in vector order (cap first when estimated) */
  names: string[];
  /** true where the parameter is pooled on the log scale */
  logScale: boolean[];
  /** box on the transformed scale, wide enough to be inactive on real series */
  lower: number[];
  upper: number[];
  /** ceiling used when it is not estimated */
  fixedCap: number;
  estimateCap: boolean;
}

const LOG_BOUNDS: Record<string, readonly [number, number]> = {
  cap: [0.5, 2],
  k: [1e-3, 5],
  nu: [0.01, 50],
  lambda: [1, 600],
};
/** t0 may lie well outside the data (a county that has barely started or long finished). */
const T0_BOUNDS: readonly [number, number] = [-120, 240];

/** Build the transformed parameter space of a curve model. */
export function curveParameterSpace(
  model: CurveModelName,
  estimateCap: boolean,
  fixedCap = 1,
  capBounds: readonly [number, number] = [0.5, 2],
): CurveParameterSpace {
  const spec = curveModels[model];
  const names = spec.params.filter((n) => estimateCap || n !== "cap");
  const logScale = names.map((n) => n !== "t0");
  const bound = (n: string) => (n === "t0" ? T0_BOUNDS : n === "cap" ? capBounds : LOG_BOUNDS[n]);
  return {
    model,
    names,
    logScale,
    lower: names.map((n, j) => (logScale[j] ? Math.log(bound(n)[0]) : bound(n)[0])),
    upper: names.map((n, j) => (logScale[j] ? Math.log(bound(n)[1]) : bound(n)[1])),
    fixedCap,
    estimateCap,
  };
}

/** Natural-scale named parameters (always including cap) from a transformed vector. */
export function naturalParams(space: CurveParameterSpace, phi: readonly number[]): Record<string, number> {
  const out: Record<string, number> = { cap: space.fixedCap };
  space.names.forEach((n, j) => (out[n] = space.logScale[j] ? Math.exp(phi[j]) : phi[j]));
  return out;
}

/** Transformed vector from natural named parameters, clipped into the box. */
export function transformedParams(space: CurveParameterSpace, params: Readonly<Record<string, number>>): number[] {
  return space.names.map((n, j) => {
    const v = space.logScale[j] ? Math.log(Math.max(params[n], 1e-300)) : params[n];
    return Math.min(space.upper[j], Math.max(space.lower[j], Number.isFinite(v) ? v : (space.lower[j] + space.upper[j]) / 2));
  });
}

/**
 * Evaluators of the curve on the transformed scale: value and chain-rule gradient, with scratch
 * buffers reused between calls (no allocation per observation).
 */
export function curveEvaluator(space: CurveParameterSpace) {
  const spec = curveModels[space.model];
  const full = new Array<number>(spec.params.length).fill(space.fixedCap);
  const grad = new Array<number>(spec.params.length).fill(0);
  const index = space.names.map((n) => spec.params.indexOf(n));
  const load = (phi: ArrayLike<number>) => {
    for (let j = 0; j < index.length; j++) full[index[j]] = space.logScale[j] ? Math.exp(phi[j]) : phi[j];
  };
  return {
    value(t: number, phi: ArrayLike<number>): number {
      load(phi);
      return spec.value(t, full);
    },
    gradient(t: number, phi: ArrayLike<number>, out: number[]): number[] {
      load(phi);
      spec.gradient(t, full, grad);
      for (let j = 0; j < index.length; j++) {
        const g = grad[index[j]];
        out[j] = space.logScale[j] ? g * full[index[j]] : g;
      }
      return out;
    },
  };
}
