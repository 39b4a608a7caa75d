/**
 * The fused WebAssembly step of the 6-D Epileptor network (source: epileptor.as beside this
 * file, compiled by scripts/build-wasm.mjs): coupling, model equations, Euler–Maruyama or
 * stochastic Heun update, noise and divergence check, many steps per call. It computes what the
 * TypeScript path computes (EpileptorNetwork with DifferenceCoupling, the steppers of
 * numerics/integrators.ts, RandomStream.fillNormal, simulateNetwork's divergence test), in the
 * same order, so both give bit-identical results; epileptor.as says how.
 *
 * Why fused: on the TypeScript path a step of the 76-node network is several calls, each a loop
 * over the nodes, plus a call into the WebAssembly coupling with its copies in and out; here the
 * whole step runs in one module, the state never leaves its memory between samples, and the
 * update, noise and check loops are vectorised.
 *
 * One kernel per model holds the static data (weights, regional parameters); each run resets
 * the state, the delay histories and the random stream.
 */
import { EPILEPTOR_WASM_BASE64 } from "./epileptor-wasm.generated.js";
import type { CouplingGraph } from "../coupling.js";
import type { FusedNetworkStepper, FusedStepRequest } from "../model.js";
import { zigguratTables } from "../../../numerics/random.js";

/** What the kernel needs from an EpileptorNetwork. */
export interface EpileptorKernelConfig {
  graph: CouplingGraph;
  couplingScale: number;
  /** Shared parameters: a, b, c, d, s, aa, bb, tau, gamma, tt. */
  shared: {
    a: number;
    b: number;
    c: number;
    d: number;
    s: number;
    aa: number;
    bb: number;
    tau: number;
    gamma: number;
    tt: number;
  };
  /** Regional arrays in the kernel's order: x0, Iext, Iext2, r, slope, Ks, Kf, Kvf. */
  regional: readonly Float64Array[];
  needC1: boolean;
  needC2: boolean;
}

type Run = (steps: number) => number;

const PAGE_BYTES = 65536;
const MAX_PAGES = 65536;

// Header slots: the constants of epileptor.as (i32 slot k at byte 4k, f64 slot k at 256 + 8k).
const H = {
  n: 0,
  ns: 1,
  scheme: 2,
  flags: 3,
  coupling: 4,
  slots: 5,
  step: 6,
  dense: 7,
  rowStart: 8,
  column: 9,
  weight: 10,
  delay: 11,
  rowSum: 12,
  hist1: 13,
  hist2: 14,
  state: 15,
  k1: 16,
  k2: 17,
  pred: 18,
  noise: 19,
  c1: 20,
  c2: 21,
  regional: 22,
  zig: 23,
  rng: 24,
  noisy: 25,
  raw: 31,
  rawPos: 32,
} as const;
const F = {
  dt: 0,
  scale: 1,
  a: 2,
  b: 3,
  c: 4,
  d: 5,
  s: 6,
  aa: 7,
  bb: 8,
  invTau: 9,
  gamma: 10,
  tt: 11,
  zigR: 12,
  sigma: 13,
} as const;
const HEADER_BYTES = 512;
const ZIG_BYTES = 128 * 4 + 128 * 8 + 128 * 8;
/** Draws of the random stream made ahead (RAW_COUNT of epileptor.as). */
const RAW_COUNT = 1024;

/** undefined until first asked; null when this runtime cannot run the kernel. */
let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = null;
    if (typeof WebAssembly === "object" && typeof atob === "function") {
      const binary = atob(EPILEPTOR_WASM_BASE64);
      const bytes = new Uint8Array(new ArrayBuffer(binary.length));
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      // validate() is false on an engine without SIMD, since the module uses v128.
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  }
  return compiled;
}

/** Whether this runtime can run the fused Epileptor kernel. */
export function epileptorWasmAvailable(): boolean {
  return kernelModule() !== null;
}

/** Row length in memory: n rounded up to a multiple of 4 (epileptor.as). */
function paddedStride(n: number): number {
  return (n + 3) & ~3;
}

/**
 * Whether a graph without delays that is stored sparse (at most half its weights non-zero) is
 * still computed densely here: the dense SIMD product costs about 0.14 ns per weight, zeros
 * included, the sparse loop several times that per stored weight (an index load and a scalar
 * multiply-add), so the dense product wins from about a fifth non-zero (the bundled TVB 76-region
 * connectome has 27%), while the matrix stays small. The results are the same bits: an omitted
 * weight adds 0 * x = +-0 to a partial sum, which never changes it (see coupling.as), as long as
 * x is finite, which the state is at the start of every step of a run that has not diverged
 * (simulateNetwork starts the kernel only from a finite initial state).
 */
function denseInKernel(n: number, nonZero: number): boolean {
  return nonZero >= DENSE_MIN_FILL * n * n && 8 * n * paddedStride(n) <= DENSE_MAX_BYTES;
}
const DENSE_MIN_FILL = 0.2;
const DENSE_MAX_BYTES = 64 * 1024 * 1024;

/** The n x n row-major weights of a graph stored as compressed rows. */
function denseWeights(graph: CouplingGraph): Float64Array {
  const n = graph.nodes;
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = graph.rowStart[i]; k < graph.rowStart[i + 1]; k++)
      w[i * n + graph.column[k]] = graph.weight[k];
  }
  return w;
}

/** Bump allocator over byte offsets, 16-byte aligned. */
class Layout {
  bytes = HEADER_BYTES;
  take(size: number): number {
    const at = this.bytes;
    this.bytes += (size + 15) & ~15;
    return at;
  }
}

/**
 * The kernel of one model: a WebAssembly instance with the model's weights and parameters in its
 * memory. Not safe to share between two runs at the same time (JavaScript never does that: a run
 * is one synchronous call).
 */
export class EpileptorWasmKernel {
  private readonly n: number;
  private readonly ns: number;
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private readonly runSteps: Run;
  private readonly stateByte: number;
  private readonly hist1Byte: number;
  private readonly hist2Byte: number;
  private readonly slots: number;
  private readonly needC1: boolean;
  private readonly needC2: boolean;

  /**
   * Throws an Error when the kernel cannot run here (see epileptorWasmAvailable), a RangeError
   * when its memory cannot be allocated.
   */
  constructor(config: EpileptorKernelConfig) {
    const module = kernelModule();
    if (module === null) throw new Error("WebAssembly with SIMD is not available in this runtime");
    const { graph } = config;
    const n = graph.nodes;
    const ns = paddedStride(n);
    const delayed = graph.delaySteps !== null;
    const nnz = graph.rowStart[n];
    const mode = delayed ? 2 : graph.dense !== null || denseInKernel(n, nnz) ? 0 : 1;
    const lay = new Layout();
    const zig = lay.take(ZIG_BYTES);
    const rng = lay.take(16);
    const raw = lay.take(4 * RAW_COUNT);
    const regional = lay.take(8 * 8 * ns);
    const state = lay.take(8 * 6 * ns);
    const k1 = lay.take(8 * 6 * ns);
    const k2 = lay.take(8 * 6 * ns);
    const pred = lay.take(8 * 6 * ns);
    const noise = lay.take(8 * 6 * ns);
    const c1 = lay.take(8 * ns);
    const c2 = lay.take(8 * ns);
    const rowSum = lay.take(8 * ns);
    const dense = mode === 0 ? lay.take(8 * n * ns) : 0;
    const rowStart = mode !== 0 ? lay.take(4 * (4 * n + 1)) : 0;
    const column = mode !== 0 ? lay.take(4 * nnz) : 0;
    const weight = mode !== 0 ? lay.take(8 * nnz) : 0;
    const delay = mode === 2 ? lay.take(4 * nnz) : 0;
    const slots = graph.historySlots;
    const hist1 = mode === 2 && config.needC1 ? lay.take(8 * slots * n) : 0;
    const hist2 = mode === 2 && config.needC2 ? lay.take(8 * slots * n) : 0;
    const pages = Math.ceil(lay.bytes / PAGE_BYTES);
    if (pages > MAX_PAGES) {
      throw new RangeError(`Epileptor kernel: ${n} nodes need ${lay.bytes} bytes, over the 4 GiB of wasm32`);
    }
    const memory = new WebAssembly.Memory({ initial: pages });
    const instance = new WebAssembly.Instance(module, {
      env: { memory, exp: Math.exp, log: Math.log },
    });
    this.runSteps = instance.exports.run as Run;
    // The memory never grows after this, so the views stay attached to its buffer.
    const f64 = new Float64Array(memory.buffer);
    const i32 = new Int32Array(memory.buffer);
    const setI = (slot: number, value: number) => (i32[slot] = value);
    const setF = (slot: number, value: number) => (f64[32 + slot] = value);
    setI(H.n, n);
    setI(H.ns, ns);
    setI(H.flags, (config.needC1 ? 1 : 0) | (config.needC2 ? 2 : 0));
    setI(H.coupling, mode);
    setI(H.slots, slots);
    setI(H.dense, dense);
    setI(H.rowStart, rowStart);
    setI(H.column, column);
    setI(H.weight, weight);
    setI(H.delay, delay);
    setI(H.rowSum, rowSum);
    setI(H.hist1, hist1);
    setI(H.hist2, hist2);
    setI(H.state, state);
    setI(H.k1, k1);
    setI(H.k2, k2);
    setI(H.pred, pred);
    setI(H.noise, noise);
    setI(H.c1, c1);
    setI(H.c2, c2);
    setI(H.regional, regional);
    setI(H.zig, zig);
    setI(H.rng, rng);
    setI(H.raw, raw);
    const p = config.shared;
    setF(F.scale, config.couplingScale);
    setF(F.a, p.a);
    setF(F.b, p.b);
    setF(F.c, p.c);
    setF(F.d, p.d);
    setF(F.s, p.s);
    setF(F.aa, p.aa);
    setF(F.bb, p.bb);
    setF(F.invTau, 1 / p.tau);
    setF(F.gamma, p.gamma);
    setF(F.tt, p.tt);
    const tables = zigguratTables();
    setF(F.zigR, tables.r);
    i32.set(tables.kn, zig / 4);
    f64.set(tables.wn, (zig + 512) / 8);
    f64.set(tables.fn, (zig + 1536) / 8);
    if (config.regional.length !== 8) throw new Error("Epileptor kernel: expected 8 regional arrays");
    config.regional.forEach((values, k) => f64.set(values, regional / 8 + k * ns));
    f64.set(graph.rowSum, rowSum / 8);
    if (mode === 0) {
      // Panels of three rows (epileptor.as, coupleDense), or of two when both couplings are
      // computed (coupleDenseBoth): for each group of four columns the panel's rows' weights one
      // after the other; the n mod 3 (or n mod 2) last rows row by row; zero padding.
      const w = graph.dense ?? denseWeights(graph);
      const base = dense / 8;
      const rows = config.needC1 && config.needC2 ? 2 : 3;
      const blocks = Math.floor(n / rows);
      for (let b = 0; b < blocks; b++) {
        const panel = base + b * rows * ns;
        for (let r = 0; r < rows; r++) {
          const row = (rows * b + r) * n;
          for (let j = 0; j < n; j++) f64[panel + (j >> 2) * 4 * rows + r * 4 + (j & 3)] = w[row + j];
        }
      }
      for (let i = rows * blocks; i < n; i++) {
        const at = base + i * ns;
        for (let j = 0; j < n; j++) f64[at + j] = w[i * n + j];
      }
    } else {
      // Each row's entries grouped by partial sum (column mod 4), each group in ascending column
      // order: a stable partition of the row, which is in ascending column order already.
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let lane = 0; lane < 4; lane++) {
          i32[rowStart / 4 + 4 * i + lane] = k;
          for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
            if ((graph.column[e] & 3) !== lane) continue;
            i32[column / 4 + k] = graph.column[e];
            f64[weight / 8 + k] = graph.weight[e];
            if (graph.delaySteps !== null) i32[delay / 4 + k] = graph.delaySteps[e];
            k++;
          }
        }
      }
      i32[rowStart / 4 + 4 * n] = k;
    }
    this.n = n;
    this.ns = ns;
    this.f64 = f64;
    this.i32 = i32;
    this.stateByte = state;
    this.hist1Byte = hist1;
    this.hist2Byte = hist2;
    this.slots = slots;
    this.needC1 = config.needC1;
    this.needC2 = config.needC2;
  }

  /** Start a run: state, delay histories, step counter, scheme, dt, noise and random stream. */
  start(request: FusedStepRequest): FusedNetworkStepper {
    const { n, ns, f64, i32 } = this;
    const initial = request.initialState;
    if (initial.length !== 6 * n) throw new RangeError(`initial state must have ${6 * n} entries`);
    if (request.rngState.length !== 4) throw new RangeError("the random stream state has 4 words");
    // Every buffer of per-variable rows starts at +0, padding included (epileptor.as).
    const rows = (byte: number) => f64.fill(0, byte / 8, byte / 8 + 6 * ns);
    for (const slot of [H.state, H.k1, H.k2, H.pred, H.noise]) rows(i32[slot]);
    f64.fill(0, i32[H.c1] / 8, i32[H.c1] / 8 + ns);
    f64.fill(0, i32[H.c2] / 8, i32[H.c2] / 8 + ns);
    const state = this.stateByte / 8;
    for (let v = 0; v < 6; v++) f64.set(initial.subarray(v * n, (v + 1) * n), state + v * ns);
    // The history of a delayed coupling starts filled with the initial values (fillHistory).
    const fill = (byte: number, v: number) => {
      for (let s = 0; s < this.slots; s++) f64.set(initial.subarray(v * n, (v + 1) * n), byte / 8 + s * n);
    };
    if (this.hist1Byte !== 0 && this.needC1) fill(this.hist1Byte, 0);
    if (this.hist2Byte !== 0 && this.needC2) fill(this.hist2Byte, 3);
    i32[H.step] = 0;
    i32[H.scheme] = request.scheme === "heun" ? 1 : 0;
    const setF = (slot: number, value: number) => (f64[32 + slot] = value);
    setF(F.dt, request.dt);
    const noise = request.noise;
    for (let v = 0; v < 6; v++) {
      i32[H.noisy + v] = noise !== null && noise.variables.includes(v) ? 1 : 0;
      setF(F.sigma + v, noise === null ? 0 : noise.scale[v]);
    }
    const noisy = noise !== null && noise.variables.length > 0;
    i32[H.flags] = (i32[H.flags] & 3) | (noisy ? 4 : 0);
    const rng = i32[H.rng] / 4;
    for (let k = 0; k < 4; k++) i32[rng + k] = request.rngState[k];
    i32[H.rawPos] = RAW_COUNT; // no draws made ahead yet
    return {
      run: (count: number) => this.runSteps(count),
      readVariable: (v: number, out: Float64Array, offset: number) => {
        const from = state + v * ns;
        out.set(f64.subarray(from, from + n), offset);
      },
      readState: (out: Float64Array) => {
        for (let v = 0; v < 6; v++) out.set(f64.subarray(state + v * ns, state + v * ns + n), v * n);
      },
    };
  }
}
