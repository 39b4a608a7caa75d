/**
 * Time loop of a network simulation: integrator, additive noise, sampling monitor, divergence
 * check. Pure numerics: typed arrays in, typed arrays out; no I/O.
 *
 * Noise: additive, per state variable, increment n = sigma_v sqrt(dt) xi with xi ~ N(0, 1) drawn
 * from one seeded stream for the whole run (variables with sigma 0 draw nothing). In TVB's
 * notation sigma_v = sqrt(2 nsig_v) (tvb-root `simulator/noise.py`, Additive). Sigma may also be
 * given per variable and node (a model whose noise amplitude depends on regional parameters, as
 * the Wendling input noise on A); a variable draws for all its nodes when any of them is noisy.
 *
 * Sampling: the state at the start of every `sampleEvery`-th step is recorded, so sample k holds
 * t = k * sampleEvery * dt (as the reference shared/reference/epileptor/vep_reference.py).
 *
 * Divergence: after every step the state is summed; a non-finite sum means some entry may be NaN
 * or infinite, and the first such entry stops the run with a DivergenceError naming the step, the
 * time, the variable and the node. (A sum that overflows while every entry is finite is not a
 * divergence: the run goes on.)
 *
 * Step kernel: a model that offers a fused stepper (FusedNetworkModel: the 6-D Epileptor's
 * WebAssembly step) runs whole stretches of steps in it, between samples, with the same bits as
 * the TypeScript path here (its tests compare the two); "typescript" forces the path here, which
 * stays the reference and the fallback where WebAssembly SIMD is missing. RK4 is TypeScript only.
 */
import { createStepper, type SchemeName } from "../../numerics/integrators.js";
import { deriveStreamState, RandomStream } from "../../numerics/random.js";
import type { FusedNetworkModel, FusedNetworkStepper, NetworkModel } from "./model.js";
import { checkKernelChoice, type KernelChoice } from "./kernels/choice.js";

export interface NetworkSimulationOptions {
  /** Step in model time units. */
  dt: number;
  /** Number of steps. */
  steps: number;
  scheme: SchemeName;
  /** Initial state (copied, not modified). */
  initialState: Float64Array;
  /** Noise amplitude sigma per state variable (length = model.variables.length), or per variable
   *  and node (length = variables x nodes, variable-major, as the state); null = none. */
  noiseSigma: Float64Array | null;
  /** Scenario seed and the path naming this unit of work's random stream. */
  seed: number;
  streamPath: string;
  /** Record every k-th step. */
  sampleEvery: number;
  /** Names of the variables to record. */
  record: readonly string[];
  /** Called about every `progressSteps` steps with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
  progressSteps?: number;
  /** Which implementation integrates; defaults to the value of setDefaultStepKernel ("auto"). */
  kernel?: StepKernel;
}

/**
 * - "auto": the model's fused stepper where it has one and it can run here, else TypeScript;
 * - "typescript": the loop of this file with the model's beginStep and derivative;
 * - "wasm": the fused stepper, or an error when the model or this runtime has none.
 * The choice never changes results, only speed.
 */
export type StepKernel = KernelChoice;

let defaultStepKernel: StepKernel = "auto";

/** Set the kernel of every later run without a `kernel` option; returns the previous default. */
export function setDefaultStepKernel(kernel: StepKernel): StepKernel {
  checkStepKernel(kernel);
  const previous = defaultStepKernel;
  defaultStepKernel = kernel;
  return previous;
}

function checkStepKernel(kernel: StepKernel): void {
  checkKernelChoice("step kernel", kernel);
}

function isFused(model: NetworkModel): model is FusedNetworkModel {
  return typeof (model as Partial<FusedNetworkModel>).fusedStepper === "function";
}

export interface NetworkSimulationResult {
  nodes: number;
  /** Sample times (model time units). */
  times: Float64Array;
  /** Sample period (model time units). */
  samplePeriod: number;
  /** Recorded variables: samples x nodes, sample-major. */
  recorded: Record<string, Float64Array>;
  finalState: Float64Array;
  /** Which implementation integrated the run. */
  kernel: "typescript" | "wasm";
}

export class DivergenceError extends Error {
  constructor(
    readonly step: number,
    readonly time: number,
    readonly node: number,
    readonly variable: string,
    readonly value: number,
  ) {
    super(`simulation diverged at step ${step} (t = ${time}): ${variable} of node ${node} became ${value}`);
    this.name = "DivergenceError";
  }
}

export function simulateNetwork(
  model: NetworkModel,
  options: NetworkSimulationOptions,
): NetworkSimulationResult {
  const { dt, steps, scheme, sampleEvery } = options;
  const n = model.nodes;
  const nv = model.variables.length;
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dt must be a finite number > 0, got ${dt}`);
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`steps must be an integer >= 1, got ${steps}`);
  if (!Number.isInteger(sampleEvery) || sampleEvery < 1)
    throw new RangeError(`sampleEvery must be an integer >= 1, got ${sampleEvery}`);
  if (options.initialState.length !== model.dimension) {
    throw new RangeError(
      `initial state must have ${model.dimension} entries, got ${options.initialState.length}`,
    );
  }
  const recordIdx = options.record.map((name) => {
    const v = model.variables.indexOf(name);
    if (v < 0) throw new RangeError(`cannot record '${name}': variables are ${model.variables.join(", ")}`);
    return v;
  });

  const state = Float64Array.from(options.initialState);
  model.initialise(state);
  const stepper = createStepper(scheme, model.dimension);

  // Noise set-up: amplitude per variable, only noisy variables draw.
  const sigma = options.noiseSigma;
  if (sigma !== null && sigma.length !== nv && sigma.length !== nv * n)
    throw new RangeError(
      `noise needs one sigma per variable (${nv}) or per variable and node (${nv * n}), got ${sigma.length}`,
    );
  const perNode = sigma !== null && sigma.length === nv * n && nv !== nv * n;
  const noisyVars: number[] = [];
  if (sigma !== null) {
    const per = perNode ? n : 1;
    for (let v = 0; v < nv; v++) {
      let noisy = false;
      for (let i = 0; i < per; i++) {
        const s = sigma[v * per + i];
        if (!(s >= 0) || !Number.isFinite(s))
          throw new RangeError(`noise sigma of ${model.variables[v]} must be finite and >= 0, got ${s}`);
        if (s > 0) noisy = true;
      }
      if (noisy) noisyVars.push(v);
    }
  }
  const noise = noisyVars.length > 0 ? new Float64Array(model.dimension) : null;
  const rng = RandomStream.for(options.seed, options.streamPath);
  const sqrtDt = Math.sqrt(dt);

  const samples = Math.ceil(steps / sampleEvery);
  const times = new Float64Array(samples);
  const recorded: Record<string, Float64Array> = {};
  const buffers = recordIdx.map((v) => (recorded[model.variables[v]] = new Float64Array(samples * n)));

  const progressSteps = options.progressSteps ?? Math.max(1, Math.floor(steps / 100));
  const onProgress = options.onProgress;

  const kernel = options.kernel ?? defaultStepKernel;
  checkStepKernel(kernel);
  let fused: FusedNetworkStepper | null = null;
  if (kernel !== "typescript") {
    const schemeOk = scheme === "euler" || scheme === "heun";
    if (kernel === "wasm" && (!isFused(model) || !schemeOk || perNode)) {
      throw new RangeError(
        `the wasm step kernel needs a model with a fused stepper, the euler or heun scheme (got ${scheme}) and one noise sigma per variable (not per node)`,
      );
    }
    // A non-finite initial state diverges at the first step on either path; the TypeScript one
    // reports it (the kernel may compute a sparse coupling densely, which needs finite values).
    if (isFused(model) && schemeOk && !perNode && state.every(Number.isFinite)) {
      fused = model.fusedStepper(
        {
          scheme,
          dt,
          noise:
            noise === null || sigma === null
              ? null
              : { variables: noisyVars, scale: Float64Array.from(sigma, (v) => v * sqrtDt) },
          rngState: deriveStreamState(options.seed, options.streamPath),
          initialState: state,
        },
        kernel === "wasm",
      );
    }
  }

  let sample = 0;
  const record = (step: number, read: (v: number, out: Float64Array, offset: number) => void) => {
    times[sample] = step * dt;
    for (let r = 0; r < recordIdx.length; r++) read(recordIdx[r], buffers[r], sample * n);
    sample++;
  };
  const diverged = (step: number): DivergenceError => {
    const k = state.findIndex((x) => !Number.isFinite(x));
    return new DivergenceError(step, step * dt + dt, k % n, model.variables[Math.floor(k / n)], state[k]);
  };

  if (fused !== null) {
    const stepper = fused;
    const readVariable = stepper.readVariable;
    let step = 0;
    while (step < steps) {
      if (step % sampleEvery === 0) record(step, readVariable);
      // Run to the next sample, or to just after the next step that reports progress.
      let end = Math.min(steps, (Math.floor(step / sampleEvery) + 1) * sampleEvery);
      if (onProgress !== undefined) end = Math.min(end, Math.ceil(step / progressSteps) * progressSteps + 1);
      const bad = stepper.run(end - step);
      if (bad >= 0) {
        stepper.readState(state);
        throw diverged(step + bad);
      }
      if (onProgress !== undefined && (end - 1) % progressSteps === 0) onProgress((end - 1) / steps);
      step = end;
    }
    stepper.readState(state);
  } else {
    const fromState = (v: number, out: Float64Array, offset: number) =>
      out.set(state.subarray(v * n, (v + 1) * n), offset);
    for (let step = 0; step < steps; step++) {
      const t = step * dt;
      if (step % sampleEvery === 0) record(step, fromState);
      if (noise !== null && sigma !== null) {
        for (let q = 0; q < noisyVars.length; q++) {
          const v = noisyVars[q];
          if (perNode) {
            rng.fillNormal(noise, v * n, n, sqrtDt);
            for (let i = v * n; i < (v + 1) * n; i++) noise[i] *= sigma[i];
          } else rng.fillNormal(noise, v * n, n, sigma[v] * sqrtDt);
        }
      }
      stepper.step(model, t, dt, state, noise);
      let total = 0;
      for (let k = 0; k < state.length; k++) total += state[k];
      if (!Number.isFinite(total) && state.some((x) => !Number.isFinite(x))) throw diverged(step);
      if (onProgress !== undefined && step % progressSteps === 0) onProgress(step / steps);
    }
  }
  if (onProgress !== undefined) onProgress(1);
  return {
    nodes: n,
    times,
    samplePeriod: sampleEvery * dt,
    recorded,
    finalState: state,
    kernel: fused !== null ? "wasm" : "typescript",
  };
}
