export { createRandom } from "./random.js";
export type { Random } from "./random.js";
export { DataValidationError, formatIssue } from "./errors.js";
export type { DataIssue } from "./errors.js";
