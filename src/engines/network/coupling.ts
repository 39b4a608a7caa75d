/**
 * Linear difference coupling on a connectome, with optional conduction delays.
 *
 *   C_i(t) = a * sum_j w_ij * ( x_j(t - D_ij) - x_i(t) )
 *
 * as TVB's `Difference` coupling (Sanz Leon et al. 2013, Front Neuroinform 7:10; tvb-root
 * `simulator/coupling.py`). Weights are stored row = target, column = source (TVB convention),
 * the diagonal kept as shipped (its term cancels when D_ii = 0). Delays are whole steps,
 * D_ij = round(L_ij / (speed * dt)) with L the tract length (mm) and speed in mm per model time
 * unit; an infinite speed means no delays. The history is a ring buffer of H = max(D) + 1 slots:
 * at step s the current values are written to slot s mod H before the coupling is read, so a
 * zero delay reads the present state.
 *
 * Storage is compressed sparse rows (non-zero weights only); when more than half of the weights
 * are non-zero and there are no delays, a dense row-major copy is used instead because it avoids
 * the column-index loads. Summation order (the same on every path, so dense, sparse and
 * zero-delay results are bit-identical; an omitted zero weight adds an exact zero): four partial
 * sums over the columns j with j mod 4 = 0, 1, 2, 3, each in ascending j, combined as
 * (s0 + s1) + (s2 + s3). Four independent accumulators let the dense loop run without waiting on
 * one long chain of dependent additions, which measured about 1.7 times faster than a single sum.
 *
 * The dense product also has a WebAssembly SIMD kernel (kernels/dense-wasm.ts), which keeps this
 * summation order exactly and so gives results bit-identical to the TypeScript loop. Per call it
 * measured (x86-64, Node 20) 1.6 times faster than that loop at 8 nodes, 2.9 at 32, 3.5 at 76 and
 * 3.6 at 1000, but slower below 4 nodes, where the call and copies cost more than the sums; so it
 * is used from WASM_MIN_NODES up, wherever WebAssembly with SIMD is available. The TypeScript loop
 * stays as the fallback and as the reference the kernel is tested against.
 */

import { DenseWasmKernel, denseWasmAvailable } from "./kernels/dense-wasm.js";
import { checkKernelChoice, type KernelChoice } from "./kernels/choice.js";

/** Longest delay a ring buffer may hold: 1e6 steps (50 000 model units at dt 0.05), far beyond
 *  any physiological conduction delay, and a guard against a mistyped speed filling memory. */
export const MAX_DELAY_STEPS = 1_000_000;

export interface CouplingGraph {
  readonly nodes: number;
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly weight: Float64Array;
  /** Delay of each stored edge in steps, or null when there are no delays. */
  readonly delaySteps: Int32Array | null;
  /** sum_j w_ij over the whole row (including zeros and the diagonal). */
  readonly rowSum: Float64Array;
  /** Dense copy of the weights (n*n, row-major) when used, else null. */
  readonly dense: Float64Array | null;
  /** Ring-buffer length: max delay + 1. */
  readonly historySlots: number;
}

export interface CouplingGraphOptions {
  /** n*n tract lengths (mm), needed when `speed` is finite. */
  tractLengths?: Float64Array | null;
  /** Conduction speed in mm per model time unit; Infinity disables delays. */
  speed: number;
  /** Integration step (model time units). */
  dt: number;
}

export function buildCouplingGraph(
  weights: Float64Array,
  nodes: number,
  options: CouplingGraphOptions,
): CouplingGraph {
  if (weights.length !== nodes * nodes) {
    throw new RangeError(
      `weights must have ${nodes}x${nodes} = ${nodes * nodes} entries, got ${weights.length}`,
    );
  }
  const { speed, dt } = options;
  if (!(speed > 0))
    throw new RangeError(`conduction speed must be > 0 (Infinity for no delays), got ${speed}`);
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dt must be a finite number > 0, got ${dt}`);
  const delayed = Number.isFinite(speed);
  const lengths = options.tractLengths ?? null;
  if (delayed && (lengths === null || lengths.length !== nodes * nodes)) {
    throw new RangeError("a finite conduction speed needs tract lengths with one entry per weight");
  }
  const rowStart = new Int32Array(nodes + 1);
  const rowSum = new Float64Array(nodes);
  let nonZero = 0;
  for (let i = 0; i < nodes; i++) {
    let sum = 0;
    for (let j = 0; j < nodes; j++) {
      const w = weights[i * nodes + j];
      if (!Number.isFinite(w)) throw new RangeError(`weights[${i}][${j}] is not finite (${w})`);
      sum += w;
      if (w !== 0) nonZero++;
    }
    rowSum[i] = sum;
    rowStart[i + 1] = nonZero;
  }
  const column = new Int32Array(nonZero);
  const weight = new Float64Array(nonZero);
  const delaySteps = delayed ? new Int32Array(nonZero) : null;
  let maxDelay = 0;
  let k = 0;
  for (let i = 0; i < nodes; i++) {
    for (let j = 0; j < nodes; j++) {
      const w = weights[i * nodes + j];
      if (w === 0) continue;
      column[k] = j;
      weight[k] = w;
      if (delaySteps !== null && lengths !== null) {
        const length = lengths[i * nodes + j];
        if (!(length >= 0) || !Number.isFinite(length)) {
          throw new RangeError(`tract_lengths[${i}][${j}] must be a finite length >= 0 mm, got ${length}`);
        }
        const d = Math.round(length / speed / dt);
        if (d > MAX_DELAY_STEPS) {
          throw new RangeError(
            `delay of edge [${i}][${j}] is ${d} steps (tract ${length} mm / speed ${speed} / dt ${dt}); at most ${MAX_DELAY_STEPS} steps are supported: raise the conduction speed or dt`,
          );
        }
        delaySteps[k] = d;
        if (d > maxDelay) maxDelay = d;
      }
      k++;
    }
  }
  const useDense = !delayed && nonZero > 0.5 * nodes * nodes;
  return {
    nodes,
    rowStart,
    column,
    weight,
    delaySteps,
    rowSum,
    dense: useDense ? Float64Array.from(weights) : null,
    historySlots: maxDelay + 1,
  };
}

/**
 * Which implementation computes the dense product:
 * - "auto": the WebAssembly SIMD kernel for graphs of at least WASM_MIN_NODES nodes where this
 *   runtime has it and its memory can be allocated, else the TypeScript loop;
 * - "typescript": always the TypeScript loop (the reference);
 * - "wasm": the WebAssembly kernel, or an error when it cannot run here or the graph is not on
 *   the dense path.
 * The choice never changes results, which are bit-identical on both; only speed.
 */
export type CouplingKernel = KernelChoice;

export interface DifferenceCouplingOptions {
  /** Defaults to the value set by setDefaultCouplingKernel ("auto" unless changed). */
  kernel?: CouplingKernel;
}

let defaultKernel: CouplingKernel = "auto";

/** Smallest graph on which "auto" picks the WebAssembly kernel (see the timings above). */
export const WASM_MIN_NODES = 8;

/**
 * Set the kernel of every DifferenceCoupling constructed afterwards without a `kernel` option, and
 * return the previous default. The engines construct their couplings themselves, so this is how a
 * benchmark or a test runs a whole simulation on one implementation.
 */
export function setDefaultCouplingKernel(kernel: CouplingKernel): CouplingKernel {
  checkKernel(kernel);
  const previous = defaultKernel;
  defaultKernel = kernel;
  return previous;
}

function checkKernel(kernel: CouplingKernel): void {
  checkKernelChoice("coupling kernel", kernel);
}

/**
 * WebAssembly kernels by graph. Couplings of several variables on one connectome (x1 and x2 of
 * the Epileptor) share one copy of the weights: at 1000 nodes a copy is 8 MB. Sharing is safe
 * because compute() runs to completion before another can start, and a graph is not modified
 * after buildCouplingGraph (the kernel copies its weights once, at the first construction).
 */
const wasmKernels = new WeakMap<CouplingGraph, DenseWasmKernel>();

function wasmKernelFor(graph: CouplingGraph, dense: Float64Array, required: boolean): DenseWasmKernel | null {
  const cached = wasmKernels.get(graph);
  if (cached !== undefined) return cached;
  if (!required && !denseWasmAvailable()) return null;
  let kernel: DenseWasmKernel;
  try {
    kernel = new DenseWasmKernel(dense, graph.rowSum, graph.nodes);
  } catch (error) {
    // A RangeError is memory that could not be had (too large a matrix for this runtime or for
    // wasm32): "auto" keeps the TypeScript loop, which needs no second copy of the weights.
    if (required || !(error instanceof RangeError)) throw error;
    return null;
  }
  wasmKernels.set(graph, kernel);
  return kernel;
}

/**
 * History of one coupled variable and the difference coupling computed from it.
 * Allocates only in the constructor.
 */
export class DifferenceCoupling {
  private readonly history: Float64Array;
  private readonly sourceScratch: Float64Array;
  /** The four partial sums of one row (see the summation order above). */
  private readonly partial = new Float64Array(4);
  /** The WebAssembly kernel of the dense product, or null for the TypeScript loops. */
  private readonly wasm: DenseWasmKernel | null;
  /** The implementation in use: "wasm" only on the dense path with the WebAssembly kernel. */
  readonly kernel: "typescript" | "wasm";

  constructor(
    private readonly graph: CouplingGraph,
    /** Global coupling factor `a` of TVB's Difference coupling. */
    private readonly scale: number,
    options: DifferenceCouplingOptions = {},
  ) {
    this.history = new Float64Array(graph.historySlots * graph.nodes);
    this.sourceScratch = new Float64Array(graph.nodes);
    const choice = options.kernel ?? defaultKernel;
    checkKernel(choice);
    const dense = graph.delaySteps === null ? graph.dense : null;
    if (choice === "wasm" && dense === null) {
      throw new RangeError(
        "the wasm coupling kernel needs a graph on the dense path (no delays, more than half the weights non-zero)",
      );
    }
    const useWasm =
      dense !== null && (choice === "wasm" || (choice === "auto" && graph.nodes >= WASM_MIN_NODES));
    this.wasm = useWasm ? wasmKernelFor(graph, dense, choice === "wasm") : null;
    this.kernel = this.wasm !== null ? "wasm" : "typescript";
  }

  /** Fill every history slot with `values[offset .. offset+n)` (the initial condition). */
  fillHistory(values: Float64Array, offset: number): void {
    const n = this.graph.nodes;
    for (let s = 0; s < this.graph.historySlots; s++) {
      for (let i = 0; i < n; i++) this.history[s * n + i] = values[offset + i];
    }
  }

  /**
   * Record the present values (at step `step`) and write C_i into out[outOffset + i].
   * `values[offset + i]` is x_i(t).
   */
  compute(step: number, values: Float64Array, offset: number, out: Float64Array, outOffset: number): void {
    const g = this.graph;
    const n = g.nodes;
    const a = this.scale;
    const rowSum = g.rowSum;
    if (g.delaySteps === null) {
      const wasm = this.wasm;
      if (wasm !== null) {
        wasm.compute(a, values, offset, out, outOffset);
        return;
      }
      const x = this.sourceScratch;
      for (let i = 0; i < n; i++) x[i] = values[offset + i];
      const dense = g.dense;
      if (dense !== null) {
        const n4 = n - (n & 3);
        for (let i = 0; i < n; i++) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          const base = i * n;
          let j = 0;
          for (; j < n4; j += 4) {
            s0 += dense[base + j] * x[j];
            s1 += dense[base + j + 1] * x[j + 1];
            s2 += dense[base + j + 2] * x[j + 2];
            s3 += dense[base + j + 3] * x[j + 3];
          }
          if (j < n) s0 += dense[base + j] * x[j];
          if (j + 1 < n) s1 += dense[base + j + 1] * x[j + 1];
          if (j + 2 < n) s2 += dense[base + j + 2] * x[j + 2];
          out[outOffset + i] = a * (s0 + s1 + (s2 + s3) - rowSum[i] * x[i]);
        }
      } else {
        const { rowStart, column, weight } = g;
        const acc = this.partial;
        for (let i = 0; i < n; i++) {
          acc[0] = 0;
          acc[1] = 0;
          acc[2] = 0;
          acc[3] = 0;
          const end = rowStart[i + 1];
          for (let k = rowStart[i]; k < end; k++) {
            const c = column[k];
            acc[c & 3] += weight[k] * x[c];
          }
          out[outOffset + i] = a * (acc[0] + acc[1] + (acc[2] + acc[3]) - rowSum[i] * x[i]);
        }
      }
      return;
    }
    const slots = g.historySlots;
    const hist = this.history;
    const slot = step % slots;
    const base = slot * n;
    for (let i = 0; i < n; i++) hist[base + i] = values[offset + i];
    const { rowStart, column, weight, delaySteps } = g;
    const acc = this.partial;
    for (let i = 0; i < n; i++) {
      acc[0] = 0;
      acc[1] = 0;
      acc[2] = 0;
      acc[3] = 0;
      const end = rowStart[i + 1];
      for (let k = rowStart[i]; k < end; k++) {
        let s = slot - delaySteps[k];
        if (s < 0) s += slots;
        const c = column[k];
        acc[c & 3] += weight[k] * hist[s * n + c];
      }
      out[outOffset + i] = a * (acc[0] + acc[1] + (acc[2] + acc[3]) - rowSum[i] * values[offset + i]);
    }
  }
}
