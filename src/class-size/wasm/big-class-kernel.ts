// AssemblyScript, compiled to WebAssembly with 128-bit SIMD by `npm run build:wasm` (scripts/build-wasm.js); not
// part of the TypeScript build. The exact kernel of simulateBigClasses (see simulate-big-classes.ts, whose scalar
// JavaScript kernel is the reference): the same arithmetic in the same order, two draws per f64x2 lane pair. V8
// compiles these to packed SSE arithmetic with no per-element checks, which plain JavaScript cannot reach. Φ is read
// from the same table (two scalar loads per lane). ln, where the carried log1p series does not apply (a cell's first
// year, big jumps), is AssemblyScript's Math.log (musl's, < 0.52 ulp) where the scalar kernel has the host's: the
// two can differ in the last bit, which moves a total by less than 1e-13 of its classes (test). Importing the host's
// log instead matched every bit but made the kernel three times slower (a call into JavaScript per log). Branches
// of the scalar kernel become lane masks; a pair skips a step only when both lanes skip it.
//
// Memory: big-class-kernel-arena.ts lays every array out in this module's memory (16-byte aligned) and tells the
// module where they are with `setArrays`; draws are padded to an even number.

/** First byte after the module's own data (musl's log tables): the arena starts above it. */
export function heapBase(): usize {
  return __heap_base;
}

let pupilsP: usize = 0; // [(u·2 + level)·Y + y]
let projP: usize = 0; // same layout
let sharesP: usize = 0; // [(u·2 + level)·3 + area]
let roomsP: usize = 0; // [((u·2 + level)·3 + area)·Y + y]
let invSigmaP: usize = 0; // per cell [(u·2 + level)·3 + area]
let sigmaP: usize = 0;
let cStdP: usize = 0;
let dBigP: usize = 0;
let dVeryP: usize = 0;
let invPhiZsP: usize = 0;
let rtP: usize = 0; // [d·Y + y], draws padded
let ruP: usize = 0;
let tuP: usize = 0;
let extraP: usize = 0; // [d]
let tableP: usize = 0; // Φ table
let bigP: usize = 0; // outputs [((d·2 + level)·3 + area)·Y + y], d < D
let veryP: usize = 0;
let classesP: usize = 0;
let scratchP: usize = 0; // su, st, sr, tot (B each), prevLoad, prevL (3B each), accBig, accVery, accClasses (6·Y·B each)
let constP: usize = 0; // NCONST f64x2 constants (see setParams), 16-byte aligned

/** Where the arrays live (byte addresses of f64 arrays). */
export function setArrays(
  pupils: usize, proj: usize, shares: usize, rooms: usize, invSigma: usize, sigma: usize, cStd: usize, dBig: usize, dVery: usize,
  invPhiZs: usize, rt: usize, ru: usize, tu: usize, extra: usize, table: usize, big: usize, very: usize, classes: usize, scratch: usize,
  constants: usize,
): void {
  constP = constants;
  pupilsP = pupils;
  projP = proj;
  sharesP = shares;
  roomsP = rooms;
  invSigmaP = invSigma;
  sigmaP = sigma;
  cStdP = cStd;
  dBigP = dBig;
  dVeryP = dVery;
  invPhiZsP = invPhiZs;
  rtP = rt;
  ruP = ru;
  tuP = tu;
  extraP = extra;
  tableP = table;
  bigP = big;
  veryP = very;
  classesP = classes;
  scratchP = scratch;
}

/** Φ at both lanes of a by linear interpolation in the table, the argument clamped to it (as the scalar kernel). */
// @ts-ignore: decorator
@inline
function phi2(a: v128, cP: usize, tP: usize): v128 {
  let x = f64x2.mul(f64x2.sub(a, v128.load(cP, K_LO)), v128.load(cP, K_STEPS));
  // Scalar: x < 0 ? 0 : x > last ? last : x — the same for every number (pmax/pmin keep x unless the bound wins).
  x = f64x2.pmin(v128.load(cP, K_LAST), f64x2.pmax(f64x2.splat(0), x));
  // The index: floor (= x | 0 for x ≥ 0), read off as an integer from the low bits of floor + 2⁵² (two instructions
  // where i32x4.trunc_sat_f64x2_s_zero takes about eight on x64).
  const fl = f64x2.floor(x);
  const bits = f64x2.add(fl, v128.load(cP, K_MAGIC));
  const i0 = <usize>(<u32>i64x2.extract_lane(bits, 0));
  const i1 = <usize>(<u32>i64x2.extract_lane(bits, 1));
  const p0 = v128.load(tP + (i0 << 3)); // table[i0], table[i0 + 1]
  const p1 = v128.load(tP + (i1 << 3));
  const t0 = v128.shuffle<f64>(p0, p1, 0, 2);
  const t1 = v128.shuffle<f64>(p0, p1, 1, 3);
  const frac = f64x2.sub(x, fl);
  return f64x2.add(t0, f64x2.mul(frac, f64x2.sub(t1, t0)));
}

let gY: i32 = 0;
let gD: i32 = 0;
let gD2: i32 = 0;
let gB: i32 = 0;
let gMaxZ: f64 = 0;
let gPhiZ: f64 = 0;
let gInvS0: f64 = 0;
let gInvS1: f64 = 0;
let gLo: f64 = 0;
let gSteps: f64 = 0;
let gTableLast: f64 = 0;

// Constants of the hot loop, kept in memory (one load each, often folded into the arithmetic) because V8 rebuilds a
// splatted constant with three instructions at every use inside a loop instead of keeping it in a register.
const K_ONE: usize = 0;
const K_C2: usize = 16;
const K_C3: usize = 32;
const K_C4: usize = 48;
const K_C5: usize = 64;
const K_C6: usize = 80;
const K_GHI: usize = 96;
const K_GLO: usize = 112;
const K_LO: usize = 128;
const K_STEPS: usize = 144;
const K_LAST: usize = 160;
const K_MAXZ: usize = 176;
const K_PHIZ: usize = 192;
const K_INVPHIZ: usize = 208;
const K_MAGIC: usize = 224;

/** The run's sizes and constants. D2 = draws padded to even; B = draws per block (even). */
export function setParams(Y: i32, D: i32, D2: i32, B: i32, maxZ: f64, phiZ: f64, invS0: f64, invS1: f64, lo: f64, steps: f64, tableLast: f64): void {
  gY = Y;
  gD = D;
  gD2 = D2;
  gB = B;
  gMaxZ = maxZ;
  gPhiZ = phiZ;
  gInvS0 = invS0;
  gInvS1 = invS1;
  gLo = lo;
  gSteps = steps;
  gTableLast = tableLast;
  const put = (at: usize, x: f64): void => v128.store(constP + at, f64x2.splat(x));
  put(K_ONE, 1);
  put(K_C2, 0.5);
  put(K_C3, 1.0 / 3.0);
  put(K_C4, 0.25);
  put(K_C5, 0.2);
  put(K_C6, 1.0 / 6.0);
  put(K_GHI, 0.04);
  put(K_GLO, -0.04);
  put(K_LO, lo);
  put(K_STEPS, steps);
  put(K_LAST, tableLast);
  put(K_MAXZ, maxZ);
  put(K_PHIZ, phiZ);
  put(K_INVPHIZ, 1 / phiZ);
  put(K_MAGIC, 4503599627370496.0);
}

/** Byte address of the scratch arrays: su, st, sr, tot (B each), prevLoad, prevL (3B each), then the accumulators. */
// @ts-ignore: decorator
@inline
function accStart(): usize {
  return scratchP + (<usize>(10 * gB) << 3);
}

/** Zero the block's accumulators (accBig, accVery, accClasses: 6·Y·B each). */
export function startBlock(): void {
  memory.fill(accStart(), 0, <usize>(3 * 6 * gY * gB) << 3);
}

/**
 * Units u0 … u1 − 1 of the block of draws starting at d0 through the crowding model (simulateExact of
 * simulate-big-classes.ts, same loop order: draws innermost). The caller walks the units in slices so that V8, which
 * first runs a function in its baseline compiler and swaps in optimised code only between calls, soon runs the
 * optimised kernel (one call for everything stayed in the baseline code: 2.5 times slower).
 */
export function runUnits(d0: i32, u0: i32, u1: i32): void {
  const Y = gY;
  const B = gB;
  const invS0 = gInvS0;
  const invS1 = gInvS1;
  const bB = <usize>B << 3;
  const suP = scratchP;
  const stP = suP + bB;
  const srP = stP + bB;
  const totP = srP + bB;
  const prevLoadP = totP + bB;
  const prevLP = prevLoadP + 3 * bB;
  const accBigP = prevLP + 3 * bB;
  const cellYears = 6 * Y;
  const accBytes = <usize>(cellYears * B) << 3;
  const accVeryP = accBigP + accBytes;
  const accClassesP = accVeryP + accBytes;

  const cP = constP;
  const tP = tableP;
  const zero = f64x2.splat(0);

  {
    const nb = min(B, gD2 - d0);
    for (let u = u0; u < u1; u++) {
      for (let level = 0; level < 2; level++) {
        const ul = u * 2 + level;
        const pBase = <usize>(ul * Y) << 3;
        const su0 = f64x2.splat(load<f64>(sharesP + (<usize>(ul * 3) << 3)));
        const st0 = f64x2.splat(load<f64>(sharesP + (<usize>(ul * 3) << 3), 8));
        const sr0 = f64x2.splat(load<f64>(sharesP + (<usize>(ul * 3) << 3), 16));
        for (let k = 0; k < nb; k += 2) {
          const o = <usize>k << 3;
          v128.store(suP + o, su0);
          v128.store(stP + o, st0);
          v128.store(srP + o, sr0);
        }
        memory.fill(prevLoadP, 0, 3 * bB);
        const inv = f64x2.splat(level == 0 ? invS0 : invS1);
        for (let y = 0; y < Y; y++) {
          if (y > 0) {
            for (let k = 0; k < nb; k += 2) {
              const o = <usize>k << 3;
              const r = <usize>((d0 + k) * Y + y) << 3;
              // Two draws' rates: [d·Y + y] and [(d + 1)·Y + y].
              const rt = f64x2.replace_lane(f64x2.splat(load<f64>(rtP + r)), 1, load<f64>(rtP + r + (<usize>Y << 3)));
              const ru = f64x2.replace_lane(f64x2.splat(load<f64>(ruP + r)), 1, load<f64>(ruP + r + (<usize>Y << 3)));
              const tu = f64x2.replace_lane(f64x2.splat(load<f64>(tuP + r)), 1, load<f64>(tuP + r + (<usize>Y << 3)));
              const sr = v128.load(srP + o);
              const st = v128.load(stP + o);
              const su = v128.load(suP + o);
              const moveRT = f64x2.mul(sr, rt);
              const moveRU = f64x2.mul(sr, ru);
              const moveTU = f64x2.mul(st, tu);
              v128.store(srP + o, f64x2.sub(sr, f64x2.add(moveRT, moveRU)));
              v128.store(stP + o, f64x2.add(st, f64x2.sub(moveRT, moveTU)));
              v128.store(suP + o, f64x2.add(su, f64x2.add(moveRU, moveTU)));
            }
          }
          const p = f64x2.splat(load<f64>(pupilsP + pBase + (<usize>y << 3)));
          const q = f64x2.splat(load<f64>(projP + pBase + (<usize>y << 3)));
          for (let k = 0; k < nb; k += 2) {
            const o = <usize>k << 3;
            v128.store(totP + o, f64x2.add(p, f64x2.mul(v128.load(extraP + (<usize>(d0 + k) << 3)), q)));
          }
          for (let area = 0; area < 3; area++) {
            const c = ul * 3 + area;
            const cOff = <usize>c << 3;
            const shareP = area == 0 ? suP : area == 1 ? stP : srP;
            const plP = prevLoadP + <usize>area * bB;
            const pLP = prevLP + <usize>area * bB;
            const roomsS = load<f64>(roomsP + (<usize>(c * Y + y) << 3));
            if (!(roomsS > 0)) {
              memory.fill(plP, 0, bB);
              continue;
            }
            const rooms = f64x2.splat(roomsS);
            const invRooms = f64x2.splat(1 / roomsS);
            const is = f64x2.splat(load<f64>(invSigmaP + cOff));
            const sigma = f64x2.splat(load<f64>(sigmaP + cOff));
            const cs = f64x2.splat(load<f64>(cStdP + cOff));
            const dBig = f64x2.splat(load<f64>(dBigP + cOff));
            const dVery = f64x2.splat(load<f64>(dVeryP + cOff));
            const ipz = f64x2.splat(load<f64>(invPhiZsP + cOff));
            const out = <usize>(((level * 3 + area) * Y + y) * B) << 3;
            // Pass 1: ln of every draw's load (the log1p series from last year's, else Math.log), kept in prevL.
            // Pass 2 reads it: with the calls to Math.log in a loop of their own, V8 keeps pass 2's values in
            // registers instead of spilling them around a call on every iteration.
            for (let k = 0; k < nb; k += 2) {
              const o = <usize>k << 3;
              const pupils = f64x2.mul(v128.load(shareP + o), v128.load(totP + o));
              const pos = f64x2.gt(pupils, zero);
              if (!v128.any_true(pos)) {
                v128.store(plP + o, zero);
                continue;
              }
              const load_ = f64x2.mul(pupils, invRooms);
              const before = v128.load(plP + o);
              const one = v128.load(cP, K_ONE);
              const g = v128.bitselect(f64x2.sub(f64x2.div(load_, before), one), one, f64x2.gt(before, zero));
              let L = f64x2.add(
                v128.load(pLP + o),
                f64x2.mul(g, f64x2.sub(one, f64x2.mul(g, f64x2.sub(v128.load(cP, K_C2), f64x2.mul(g, f64x2.sub(v128.load(cP, K_C3), f64x2.mul(g, f64x2.sub(v128.load(cP, K_C4), f64x2.mul(g, f64x2.sub(v128.load(cP, K_C5), f64x2.mul(g, v128.load(cP, K_C6)))))))))))),
              );
              const series = v128.and(f64x2.lt(g, v128.load(cP, K_GHI)), f64x2.gt(g, v128.load(cP, K_GLO)));
              // Lanes outside the series' range (first year, big jumps) take Math.log, as the scalar kernel.
              const needLog = v128.andnot(pos, series);
              if (v128.any_true(needLog)) {
                if (i64x2.extract_lane(needLog, 0) != 0) L = f64x2.replace_lane(L, 0, Math.log(f64x2.extract_lane(load_, 0)));
                if (i64x2.extract_lane(needLog, 1) != 0) L = f64x2.replace_lane(L, 1, Math.log(f64x2.extract_lane(load_, 1)));
              }
              v128.store(plP + o, v128.and(load_, pos));
              v128.store(pLP + o, L);
            }
            // Pass 2: the crowding model at each load (no calls).
            for (let k = 0; k < nb; k += 2) {
              const o = <usize>k << 3;
              const pupils = f64x2.mul(v128.load(shareP + o), v128.load(totP + o));
              const pos = f64x2.gt(pupils, zero);
              if (!v128.any_true(pos)) continue;
              const load_ = f64x2.mul(pupils, invRooms);
              const L = v128.load(pLP + o);
              const aStd = f64x2.mul(f64x2.sub(cs, L), is);
              const vMaxZ = v128.load(cP, K_MAXZ);
              const fits = f64x2.ge(aStd, vMaxZ);
              const crowded = v128.andnot(pos, fits); // lanes through Φ
              const inFit = v128.and(pos, fits);
              let addClasses = v128.and(f64x2.mul(pupils, inv), inFit);
              if (v128.any_true(crowded)) {
                const vPhiZ = v128.load(cP, K_PHIZ);
                const vInvPhiZ = v128.load(cP, K_INVPHIZ);
                const phiA = phi2(f64x2.sub(aStd, sigma), cP, tP);
                const phiB = phi2(aStd, cP, tP);
                const cl = f64x2.mul(
                  rooms,
                  f64x2.add(f64x2.mul(f64x2.mul(f64x2.mul(load_, phiA), ipz), inv), f64x2.mul(f64x2.sub(vPhiZ, phiB), vInvPhiZ)),
                );
                addClasses = v128.or(addClasses, v128.and(cl, crowded));
                const aBig = f64x2.add(aStd, dBig);
                const bigLanes = v128.and(crowded, f64x2.lt(aBig, vMaxZ));
                if (v128.any_true(bigLanes)) {
                  const phiC = phi2(aBig, cP, tP);
                  const b = f64x2.mul(f64x2.mul(rooms, f64x2.sub(vPhiZ, phiC)), vInvPhiZ);
                  v128.store(accBigP + out + o, f64x2.add(v128.load(accBigP + out + o), v128.and(b, bigLanes)));
                  const aVery = f64x2.add(aStd, dVery);
                  const veryLanes = v128.and(bigLanes, f64x2.lt(aVery, vMaxZ));
                  if (v128.any_true(veryLanes)) {
                    const phiD = phi2(aVery, cP, tP);
                    const v = f64x2.mul(f64x2.mul(rooms, f64x2.sub(vPhiZ, phiD)), vInvPhiZ);
                    v128.store(accVeryP + out + o, f64x2.add(v128.load(accVeryP + out + o), v128.and(v, veryLanes)));
                  }
                }
              }
              v128.store(accClassesP + out + o, f64x2.add(v128.load(accClassesP + out + o), addClasses));
            }
          }
        }
      }
    }
  }
}

/** Scatter the block of draws starting at d0 into the documented layout [((d·2 + level)·3 + area)·Y + y], d < D. */
export function endBlock(d0: i32): void {
  const Y = gY;
  const B = gB;
  const cellYears = 6 * Y;
  const accBigP = accStart();
  const accBytes = <usize>(cellYears * B) << 3;
  const accVeryP = accBigP + accBytes;
  const accClassesP = accVeryP + accBytes;
  const nReal = min(min(B, gD2 - d0), gD - d0);
  for (let k = 0; k < nReal; k++) {
    const dst = <usize>((d0 + k) * cellYears) << 3;
    for (let cy = 0; cy < cellYears; cy++) {
      const src = <usize>(cy * B + k) << 3;
      const at = dst + (<usize>cy << 3);
      store<f64>(bigP + at, load<f64>(accBigP + src));
      store<f64>(veryP + at, load<f64>(accVeryP + src));
      store<f64>(classesP + at, load<f64>(accClassesP + src));
    }
  }
}
