import { DEFAULT_MAX_Z, type ClassSizeShape } from "./types.js";

/** Fill the default truncation and check every field of a crowding-model shape; `caller` names the function in errors. */
export function validateShape(
  shape: { standardSize: number; spread: number; maxZ?: number },
  caller: string,
): ClassSizeShape {
  const maxZ = shape.maxZ ?? DEFAULT_MAX_Z;
  if (!(shape.standardSize >= 20 && shape.standardSize <= 55)) {
    throw new RangeError(`${caller} requires standardSize between 20 and 55 pupils, got ${shape.standardSize}`);
  }
  if (!(shape.spread >= 0.01 && shape.spread <= 1.5)) {
    throw new RangeError(`${caller} requires spread between 0.01 and 1.5, got ${shape.spread}`);
  }
  if (!(maxZ >= 1 && maxZ <= 8)) {
    throw new RangeError(`${caller} requires maxZ between 1 and 8, got ${maxZ}`);
  }
  return { standardSize: shape.standardSize, spread: shape.spread, maxZ };
}
