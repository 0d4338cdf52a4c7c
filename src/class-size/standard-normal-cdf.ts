// The one exact standard normal CDF of the package lives in src/shared; class-size keeps its import path.
export { standardNormalCdf } from "../shared/standard-normal-cdf.js";
