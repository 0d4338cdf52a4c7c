// The WebAssembly passes of the Monte Carlo kernel (source: wasm/monte-carlo-passes.ts, AssemblyScript; binary
// embedded by scripts/build-wasm.js) and the arena that lays the kernel's per-county arrays out in their memory.
import { MONTE_CARLO_PASSES_WASM } from "./monte-carlo-passes-wasm.js";

/** The exports of the compiled passes (see wasm/monte-carlo-passes.ts for what each computes). */
export interface MonteCarloPasses {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  setArrays(...addresses: number[]): void;
  deliverAndPlace(nPad: number, groups: number, delta: number, factor: number, a: number, c: number, w0: number, w1: number, w2: number, w3: number): number;
  fusedAmounts(nPad: number, groups: number, q0: number, q1: number, q2: number, q3: number, qm: number): number;
  recordAndBin(n: number, nPad: number, histograms: number, H: number, B: number, binScale: number): number;
  flushHistogram(cells: number): void;
  formulaPass(nPad: number, groups: number, q0: number, q1: number, q2: number, q3: number, qm: number, mode: number): number;
  rewardAmounts(nPad: number, rate: number, lambda: number): number;
  countiesInBin(nPad: number, bin: number, into: number): number;
}

// Node has WebAssembly; the TypeScript libs this package builds against do not declare it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** Byte addresses fixed by the passes: result words, then the noise generator's state (4 × i32x4). */
const SCRATCH = 1024;
const NOISE_STATE = 1088;
const ARENA_START = 4096;
const PAGE = 65536;

let compiled: object | null = null;

/**
 * A fresh instance of the passes with room for `bytes` of arrays, and views on its memory handed out in order.
 * Every view must be taken before the first pass runs (the memory is grown once, up front, so views stay valid).
 */
export class PassArena {
  readonly passes: MonteCarloPasses;
  /** The passes' result words (f64). */
  readonly results: Float64Array;
  /** The noise state: 16 words, lane-major per state word (s0 of lanes 0–3, then s1, s2, s3). */
  readonly noiseState: Int32Array;
  private at = ARENA_START;
  private readonly end: number;

  constructor(bytes: number) {
    compiled ??= new WebAssembly.Module(Buffer.from(MONTE_CARLO_PASSES_WASM, "base64"));
    const abort = () => {
      throw new Error("monte-carlo passes aborted");
    };
    this.passes = new WebAssembly.Instance(compiled, { env: { abort } }).exports as MonteCarloPasses;
    this.end = ARENA_START + bytes;
    this.passes.memory.grow(Math.ceil(this.end / PAGE));
    this.results = new Float64Array(this.passes.memory.buffer, SCRATCH, 8);
    this.noiseState = new Int32Array(this.passes.memory.buffer, NOISE_STATE, 16);
  }

  /** Bytes an arena needs for arrays of these byte lengths (each rounded up to 16 for SIMD alignment). */
  static bytesFor(lengths: readonly number[]): number {
    return lengths.reduce((s, b) => s + Math.ceil(b / 16) * 16, 0);
  }

  /** A zeroed Float64Array of `length` in the arena, with room for `padded` ≥ length elements (zeros after it). */
  f64(length: number, padded = length): Float64Array {
    return new Float64Array(this.passes.memory.buffer, this.take(padded * 8), length);
  }

  /** A zeroed Int32Array of `length` in the arena, with room for `padded` elements. */
  i32(length: number, padded = length): Int32Array {
    return new Int32Array(this.passes.memory.buffer, this.take(padded * 4), length);
  }

  /** A zeroed Uint8Array of `length` in the arena. */
  u8(length: number): Uint8Array {
    return new Uint8Array(this.passes.memory.buffer, this.take(length), length);
  }

  /** A zeroed Uint32Array of `length` in the arena. */
  u32(length: number): Uint32Array {
    return new Uint32Array(this.passes.memory.buffer, this.take(length * 4), length);
  }

  private take(bytes: number): number {
    const at = this.at;
    this.at += Math.ceil(bytes / 16) * 16;
    if (this.at > this.end) throw new RangeError("PassArena: more arrays than the arena was sized for");
    return at;
  }
}
