// The WebAssembly form of simulateBigClasses' exact kernel (source: wasm/big-class-kernel.ts, AssemblyScript; binary
// embedded by scripts/build-wasm.js) and the arena that lays its arrays out in the module's memory. It computes the
// same numbers as the scalar kernel in simulate-big-classes.ts (to 1e-13 of a total's classes: only ln differs, in
// the last bit at most; test/class-size/big-class-kernel.test.ts), about four times faster (two draws per SIMD
// instruction, no per-element checks).
import { BIG_CLASS_KERNEL_WASM } from "./big-class-kernel-wasm.js";

// Node and browsers have WebAssembly and atob; the TypeScript libs this package builds against do not declare them.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};
declare const atob: ((text: string) => string) | undefined;

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  setArrays(...addresses: number[]): void;
  setParams(Y: number, D: number, D2: number, B: number, maxZ: number, phiZ: number, invS0: number, invS1: number, lo: number, steps: number, tableLast: number): void;
  startBlock(): void;
  runUnits(d0: number, u0: number, u1: number): void;
  endBlock(d0: number): void;
}

/** Inputs of the exact kernel, already reduced to per-cell constants (see simulateExact). */
export interface KernelInputs {
  unitCount: number;
  years: number;
  draws: number;
  /** Draws per block (even). */
  block: number;
  pupils: Float64Array;
  projected: Float64Array;
  shares: Float64Array;
  rooms: Float64Array;
  invSigma: Float64Array;
  sigma: Float64Array;
  cStd: Float64Array;
  dBig: Float64Array;
  dVery: Float64Array;
  invPhiZs: Float64Array;
  /** Flow rates [d·Y + y] and births extra [d], D draws. */
  rt: Float64Array;
  ru: Float64Array;
  tu: Float64Array;
  birthsExtra: Float64Array;
  table: Float64Array;
  maxZ: number;
  phiZ: number;
  invStandard: [number, number];
  tableMin: number;
  tableStepsPerUnit: number;
  tableLast: number;
}

const PAGE = 65536;
/** Units per call of the kernel. */
const UNIT_SLICE = 16;
let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) or atob is missing: the caller then runs the scalar kernel. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      if (typeof WebAssembly === "undefined" || typeof atob !== "function") throw new Error("no WebAssembly");
      const text = atob(BIG_CLASS_KERNEL_WASM);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** True when the WebAssembly kernel can run here. */
export function bigClassKernelAvailable(): boolean {
  return kernelModule() !== null;
}

/**
 * Run the WebAssembly kernel; returns the per-draw totals in simulateBigClasses' layout, or null when WebAssembly is
 * not available.
 */
export function runBigClassKernel(k: KernelInputs): { big: Float64Array; veryBig: Float64Array; classes: Float64Array } | null {
  const module = kernelModule();
  if (module === null) return null;
  const exports = new WebAssembly.Instance(module, { env: { abort: () => undefined } }).exports as KernelExports;
  const U = k.unitCount;
  const Y = k.years;
  const D = k.draws;
  const D2 = D + (D % 2);
  const B = k.block;
  const out = D * 6 * Y;
  const lengths = [
    U * 2 * Y, U * 2 * Y, U * 6, U * 6 * Y, U * 6, U * 6, U * 6, U * 6, U * 6, U * 6,
    D2 * Y, D2 * Y, D2 * Y, D2, k.table.length, out, out, out,
    4 * B + 6 * B + 3 * 6 * Y * B,
    32, // the kernel's constants (16 f64x2)
  ];
  const addresses: number[] = [];
  let at = Math.ceil(exports.heapBase() / 16) * 16;
  for (const n of lengths) {
    addresses.push(at);
    at += Math.ceil((n * 8) / 16) * 16;
  }
  exports.memory.grow(Math.ceil(at / PAGE) - exports.memory.buffer.byteLength / PAGE);
  const buffer = exports.memory.buffer;
  const view = (i: number) => new Float64Array(buffer, addresses[i], lengths[i]);
  // Padded draw (when D is odd): no flow, no births shock; its results are not written out.
  const inputs = [k.pupils, k.projected, k.shares, k.rooms, k.invSigma, k.sigma, k.cStd, k.dBig, k.dVery, k.invPhiZs, k.rt, k.ru, k.tu, k.birthsExtra, k.table];
  inputs.forEach((a, i) => view(i).set(a));
  exports.setArrays(...addresses);
  exports.setParams(Y, D, D2, B, k.maxZ, k.phiZ, k.invStandard[0], k.invStandard[1], k.tableMin, k.tableStepsPerUnit, k.tableLast);
  // Units in slices: V8 swaps the optimised kernel in only between calls (see wasm/big-class-kernel.ts).
  for (let d0 = 0; d0 < D2; d0 += B) {
    exports.startBlock();
    for (let u0 = 0; u0 < U; u0 += UNIT_SLICE) exports.runUnits(d0, u0, Math.min(U, u0 + UNIT_SLICE));
    exports.endBlock(d0);
  }
  return { big: view(15).slice(), veryBig: view(16).slice(), classes: view(17).slice() };
}
