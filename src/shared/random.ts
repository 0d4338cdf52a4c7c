import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";

/**
 * A seeded stream of random numbers. Every stochastic function in gaibo takes one of these
 * (never `Math.random`) so that a scenario with the same seed gives the same numbers.
 */
export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Integer uniform on 0..n-1. */
  int(n: number): number;
  /** An independent stream derived from this one, for parallel sub-tasks that must not share draws. */
  fork(): Random;
}

/**
 * Create a seeded random stream (xoroshiro128+ from pure-rand).
 *
 * @param seed any 32-bit integer; the same seed always yields the same sequence
 * @example createRandom(42).uniform() // same value on every run
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`createRandom requires a finite seed, got ${seed}`);
  const rng = xoroshiro128plus(Math.trunc(seed) | 0);
  let spare: number | undefined;
  const uniform = (): number => uniformFloat64(rng);
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // Marsaglia polar method: exact normals, two per accepted pair.
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    return u * m;
  };
  return {
    uniform,
    normal,
    int: (n: number) => Math.floor(uniform() * n),
    fork: () => createRandom(Math.floor(uniform() * 0x7fffffff) ^ 0x5bd1e995),
  };
}
