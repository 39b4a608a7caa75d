/**
 * The choice between a computation's TypeScript reference and its WebAssembly kernel, shared by
 * the coupling (coupling.ts) and the whole step (simulate.ts). Each says what "auto" picks; the
 * choice never changes results, which are bit-identical on both, only speed.
 */
export type KernelChoice = "auto" | "typescript" | "wasm";

const KERNEL_CHOICES: readonly KernelChoice[] = ["auto", "typescript", "wasm"];

/** Throw a RangeError naming `what` (e.g. "step kernel") unless `kernel` is a KernelChoice. */
export function checkKernelChoice(what: string, kernel: KernelChoice): void {
  if (!KERNEL_CHOICES.includes(kernel)) {
    throw new RangeError(`${what} must be one of ${KERNEL_CHOICES.join(", ")}, got ${String(kernel)}`);
  }
}
