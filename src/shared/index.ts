export { createRandom } from "./random.js";
export type { Random } from "./random.js";
export { DataValidationError, formatIssue } from "./errors.js";
export { apportion } from "./apportion.js";
export type { DataIssue } from "./errors.js";
export { PROGRAMME_START, monthsSinceStart, dateFromMonths, endOfMonth, bimonthlyReportDates, isValidIsoDate } from "./dates.js";
export { parseWithSchema, parseJsonWithSchema, formatFieldPath, describeZodIssue, describeZodIssueZh, zodIssueMessage, zodIssueMessageZh } from "./parse-with-schema.js";
export { largestRemainder } from "./largest-remainder.js";
export { formatMoneyWanYuan, formatMoneyYi, formatMonth, formatNumber, formatShare, moneyUnit, yiToPageUnit } from "./format-number.js";
