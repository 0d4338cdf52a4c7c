import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseRule } from "../../src/allocation/parse-rule.js";
import type { AllocationRule } from "../../src/allocation/rule-schema.js";

/** Test helper: a preset rule from datasets/rules by file name. */
export const rulesDir = fileURLToPath(new URL("../../datasets/rules/", import.meta.url));
export const readRule = (file: string): AllocationRule => parseRule(readFileSync(rulesDir + file, "utf8"), file);
