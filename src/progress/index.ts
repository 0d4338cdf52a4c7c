// Public API of the progress domain; re-exported by src/index.ts.

// Nonlinear least squares engine
export { nls } from "./nls.js";
export type { NlsJacobian, NlsModel, NlsOptions, NlsResult } from "./nls.js";

// S-curve models and single-series fitting
export { curveModels, curveModelNames } from "./curve-models.js";
export type { CurveModel, CurveModelName } from "./curve-models.js";
export { curveStartValues } from "./curve-start-values.js";
export { fitCurve } from "./fit-curve.js";
export type { CurveFit, CurveFitSummary, FitCurveOptions } from "./fit-curve.js";
export { predictCurve } from "./predict-curve.js";
export { akaikeWeights } from "./akaike-weights.js";

// Panel fitting, forecasts with uncertainty, back-tests, laggards
export * from "./panel-api.js";
