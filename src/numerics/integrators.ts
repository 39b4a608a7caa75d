/**
 * Fixed-step integrators for ordinary and stochastic differential equations with additive noise.
 *
 * State is one flat Float64Array. A system exposes `beginStep`, called once per step with the
 * state at the start of the step (this is where network coupling and delayed terms are sampled),
 * and `derivative`, the drift, called once per stage. Holding the coupling over all stages of a
 * step is what The Virtual Brain does (Sanz Leon et al. 2013, Front Neuroinform 7:10; tvb-root
 * `simulator/integrators.py`), and the reference implementation in shared/reference/epileptor
 * follows it.
 *
 * Schemes:
 * - Euler (deterministic) / Euler–Maruyama (Kloeden & Platen 1992, ch. 9.1):
 *     X' = X + dt f(X) + n
 * - Heun (deterministic: explicit trapezoidal rule; stochastic: the TVB form, Kloeden & Platen
 *   ch. 15.1 for additive noise, the same increment n in predictor and corrector):
 *     Xp = X + dt f(X) + n ;  X' = X + dt/2 (f(X) + f(Xp)) + n
 * - RK4, the classical fourth-order Runge–Kutta method (deterministic only).
 *
 * n is the additive noise increment of the step, n_k = sigma_k sqrt(dt) xi_k with xi ~ N(0, 1);
 * TVB writes sigma_k = sqrt(2 D_k) for a noise "nsig" D_k. For additive noise Euler–Maruyama and
 * stochastic Heun both converge with strong order 1; deterministic orders are 1, 2 and 4.
 */

export interface OdeSystem {
  /** Number of state components. */
  readonly dimension: number;
  /** Called once per step, before any stage, with the state at the start of the step. */
  beginStep(t: number, state: Float64Array): void;
  /** Drift f(t, state) written into `out` (length `dimension`). Must not allocate. */
  derivative(t: number, state: Float64Array, out: Float64Array): void;
}

export const SCHEMES = ["euler", "heun", "rk4"] as const;
export type SchemeName = (typeof SCHEMES)[number];

/** One step of a scheme, in place. `noise` (may be null) is the additive increment of the step. */
export interface Stepper {
  readonly scheme: SchemeName;
  step(system: OdeSystem, t: number, dt: number, state: Float64Array, noise: Float64Array | null): void;
}

class EulerStepper implements Stepper {
  readonly scheme = "euler" as const;
  private readonly k1: Float64Array;
  constructor(dimension: number) {
    this.k1 = new Float64Array(dimension);
  }
  step(system: OdeSystem, t: number, dt: number, x: Float64Array, noise: Float64Array | null): void {
    const k1 = this.k1;
    system.beginStep(t, x);
    system.derivative(t, x, k1);
    const n = x.length;
    if (noise === null) for (let i = 0; i < n; i++) x[i] += dt * k1[i];
    else for (let i = 0; i < n; i++) x[i] += dt * k1[i] + noise[i];
  }
}

class HeunStepper implements Stepper {
  readonly scheme = "heun" as const;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly predictor: Float64Array;
  constructor(dimension: number) {
    this.k1 = new Float64Array(dimension);
    this.k2 = new Float64Array(dimension);
    this.predictor = new Float64Array(dimension);
  }
  step(system: OdeSystem, t: number, dt: number, x: Float64Array, noise: Float64Array | null): void {
    const { k1, k2, predictor } = this;
    const n = x.length;
    system.beginStep(t, x);
    system.derivative(t, x, k1);
    if (noise === null) for (let i = 0; i < n; i++) predictor[i] = x[i] + dt * k1[i];
    else for (let i = 0; i < n; i++) predictor[i] = x[i] + dt * k1[i] + noise[i];
    system.derivative(t + dt, predictor, k2);
    const half = 0.5 * dt;
    if (noise === null) for (let i = 0; i < n; i++) x[i] += half * (k1[i] + k2[i]);
    else for (let i = 0; i < n; i++) x[i] += half * (k1[i] + k2[i]) + noise[i];
  }
}

class Rk4Stepper implements Stepper {
  readonly scheme = "rk4" as const;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly stage: Float64Array;
  constructor(dimension: number) {
    this.k1 = new Float64Array(dimension);
    this.k2 = new Float64Array(dimension);
    this.k3 = new Float64Array(dimension);
    this.k4 = new Float64Array(dimension);
    this.stage = new Float64Array(dimension);
  }
  step(system: OdeSystem, t: number, dt: number, x: Float64Array, noise: Float64Array | null): void {
    if (noise !== null) {
      throw new Error("scheme 'rk4' is deterministic: use 'heun' or 'euler' when noise is on");
    }
    const { k1, k2, k3, k4, stage } = this;
    const n = x.length;
    const half = 0.5 * dt;
    system.beginStep(t, x);
    system.derivative(t, x, k1);
    for (let i = 0; i < n; i++) stage[i] = x[i] + half * k1[i];
    system.derivative(t + half, stage, k2);
    for (let i = 0; i < n; i++) stage[i] = x[i] + half * k2[i];
    system.derivative(t + half, stage, k3);
    for (let i = 0; i < n; i++) stage[i] = x[i] + dt * k3[i];
    system.derivative(t + dt, stage, k4);
    const sixth = dt / 6;
    for (let i = 0; i < n; i++) x[i] += sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
}

/** A stepper for `scheme` with its scratch buffers sized for `dimension` (allocated once). */
export function createStepper(scheme: SchemeName, dimension: number): Stepper {
  switch (scheme) {
    case "euler":
      return new EulerStepper(dimension);
    case "heun":
      return new HeunStepper(dimension);
    case "rk4":
      return new Rk4Stepper(dimension);
    default:
      throw new RangeError(`integrator scheme must be one of ${SCHEMES.join(", ")}, got '${String(scheme)}'`);
  }
}
