/**
 * The WebAssembly SIMD kernel of the dense difference coupling (source: coupling.as beside this
 * file, compiled by scripts/build-wasm.mjs). It computes exactly what the TypeScript dense loop of
 * ../coupling.ts computes, in the same summation order, so the two give bit-identical results;
 * coupling.as explains why.
 *
 * The module is embedded as base64 and instantiated synchronously, so it needs no I/O and works
 * in Node and in browsers alike. Where WebAssembly or its SIMD extension is missing, or the
 * memory for a large matrix cannot be had, callers keep the TypeScript loop.
 */
import { COUPLING_WASM_BASE64 } from "./coupling-wasm.generated.js";

type CoupleDense = (
  n: number,
  stride: number,
  a: number,
  w: number,
  x: number,
  rowSum: number,
  out: number,
) => void;

const PAGE_BYTES = 65536;
/** A wasm32 memory holds at most 2^16 pages (4 GiB). */
const MAX_PAGES = 65536;

/** undefined until first asked; null when this runtime cannot run the kernel. */
let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The compiled module, or null where WebAssembly with SIMD is unavailable. Compiled once. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = null;
    if (typeof WebAssembly === "object" && typeof atob === "function") {
      const bytes = decodeBase64(COUPLING_WASM_BASE64);
      // validate() is false on an engine without SIMD, since the module uses v128.
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  }
  return compiled;
}

/** Whether this runtime can run the WebAssembly SIMD kernel. */
export function denseWasmAvailable(): boolean {
  return kernelModule() !== null;
}

/** Bytes of WebAssembly memory the kernel needs for n nodes (the layout of DenseWasmKernel). */
export function denseWasmBytes(n: number): number {
  const stride = paddedStride(n);
  return 8 * (n * stride + stride + 2 * n);
}

/** Row length in memory: n rounded up to a multiple of 4 (see coupling.as). */
function paddedStride(n: number): number {
  return (n + 3) & ~3;
}

/**
 * One instance of the kernel holding one weight matrix. Memory layout (f64 indices): the padded
 * rows of the weights at 0, then x (padded with zeros), rowSum and out. The weights and row sums
 * are copied in once; each call copies x in and the couplings out.
 */
export class DenseWasmKernel {
  private readonly n: number;
  private readonly stride: number;
  private readonly memory: Float64Array;
  private readonly xIndex: number;
  private readonly outIndex: number;
  private readonly xByte: number;
  private readonly rowSumByte: number;
  private readonly outByte: number;
  private readonly run: CoupleDense;

  /**
   * Throws an Error when the kernel cannot run here (see denseWasmAvailable), a RangeError when
   * the memory for the matrix cannot be allocated.
   */
  constructor(dense: Float64Array, rowSum: Float64Array, n: number) {
    const module = kernelModule();
    if (module === null) throw new Error("WebAssembly with SIMD is not available in this runtime");
    if (dense.length !== n * n || rowSum.length !== n) {
      throw new Error(`dense kernel: expected ${n * n} weights and ${n} row sums`);
    }
    const stride = paddedStride(n);
    const bytes = denseWasmBytes(n);
    const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    if (pages > MAX_PAGES) {
      throw new RangeError(`dense kernel: ${n} nodes need ${bytes} bytes, over the 4 GiB of wasm32`);
    }
    const memory = new WebAssembly.Memory({ initial: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.run = instance.exports.coupleDense as CoupleDense;
    // The memory never grows after this, so the view stays attached to its buffer.
    const view = new Float64Array(memory.buffer);
    for (let i = 0; i < n; i++) {
      const from = i * n;
      const to = i * stride;
      for (let j = 0; j < n; j++) view[to + j] = dense[from + j];
    }
    const xIndex = n * stride;
    const rowSumIndex = xIndex + stride;
    const outIndex = rowSumIndex + n;
    for (let i = 0; i < n; i++) view[rowSumIndex + i] = rowSum[i];
    this.n = n;
    this.stride = stride;
    this.memory = view;
    this.xIndex = xIndex;
    this.outIndex = outIndex;
    this.xByte = 8 * xIndex;
    this.rowSumByte = 8 * rowSumIndex;
    this.outByte = 8 * outIndex;
  }

  /** out[outOffset + i] = a * (sum_j w_ij x_j - rowSum_i x_i), x_j = values[offset + j]. */
  compute(a: number, values: Float64Array, offset: number, out: Float64Array, outOffset: number): void {
    const n = this.n;
    const mem = this.memory;
    const xIndex = this.xIndex;
    for (let i = 0; i < n; i++) mem[xIndex + i] = values[offset + i];
    this.run(n, this.stride, a, 0, this.xByte, this.rowSumByte, this.outByte);
    const outIndex = this.outIndex;
    for (let i = 0; i < n; i++) out[outOffset + i] = mem[outIndex + i];
  }
}
