/**
 * Convergence tests of the fixed-step integrators.
 *
 * Deterministic: observed orders on linear problems with closed-form solutions (x' = lambda x and
 * the harmonic oscillator). Stochastic: strong order of Euler–Maruyama and stochastic Heun on the
 * Ornstein–Uhlenbeck process with additive noise, measured against a fine-step path driven by
 * the same Brownian motion, and the stationary variance of the discretised process.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createStepper, type OdeSystem, type SchemeName } from "../../src/numerics/integrators.js";
import { RandomStream } from "../../src/numerics/random.js";

/** x' = A x for a constant matrix A (row-major, dim x dim). */
class LinearSystem implements OdeSystem {
  constructor(
    readonly dimension: number,
    private readonly matrix: Float64Array,
  ) {}
  beginStep(): void {}
  derivative(_t: number, x: Float64Array, out: Float64Array): void {
    const n = this.dimension;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += this.matrix[i * n + j] * x[j];
      out[i] = s;
    }
  }
}

/** M independent copies of dX = -theta X dt (+ noise passed to the stepper). */
class OrnsteinUhlenbeck implements OdeSystem {
  constructor(
    readonly dimension: number,
    private readonly theta: number,
  ) {}
  beginStep(): void {}
  derivative(_t: number, x: Float64Array, out: Float64Array): void {
    for (let i = 0; i < this.dimension; i++) out[i] = -this.theta * x[i];
  }
}

function integrate(
  scheme: SchemeName,
  system: OdeSystem,
  x0: number[],
  T: number,
  steps: number,
): Float64Array {
  const stepper = createStepper(scheme, system.dimension);
  const x = Float64Array.from(x0);
  const dt = T / steps;
  for (let k = 0; k < steps; k++) stepper.step(system, k * dt, dt, x, null);
  return x;
}

/** Observed orders log2(e(h) / e(h/2)) for a sequence of errors at halving steps. */
function observedOrders(errors: number[]): number[] {
  const orders: number[] = [];
  for (let k = 0; k + 1 < errors.length; k++) orders.push(Math.log2(errors[k] / errors[k + 1]));
  return orders;
}

/** Least-squares slope of log(error) against log(h). */
function fittedOrder(hs: number[], errors: number[]): number {
  const lx = hs.map(Math.log);
  const ly = errors.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

const EXPECTED_ORDER: Record<SchemeName, number> = { euler: 1, heun: 2, rk4: 4 };
/** Coarsest step per scheme: small enough to be in the asymptotic regime, large enough that
 * the finest error stays far above round-off (rk4 at h/8 is still ~1e-10, 10^4 times that). */
const COARSEST_STEPS: Record<SchemeName, number> = { euler: 40, heun: 20, rk4: 20 };

for (const scheme of ["euler", "heun", "rk4"] as const) {
  test(`${scheme}: observed order ${EXPECTED_ORDER[scheme]} on x' = lambda x`, () => {
    const lambda = -1.3;
    const T = 2;
    const exact = Math.exp(lambda * T);
    const system = new LinearSystem(1, Float64Array.of(lambda));
    const errors = [0, 1, 2, 3].map((k) => {
      const steps = COARSEST_STEPS[scheme] * 2 ** k;
      return Math.abs(integrate(scheme, system, [1], T, steps)[0] - exact);
    });
    for (const p of observedOrders(errors)) {
      assert.ok(
        Math.abs(p - EXPECTED_ORDER[scheme]) < 0.15,
        `${scheme}: orders ${observedOrders(errors)} from errors ${errors}`,
      );
    }
  });

  test(`${scheme}: observed order ${EXPECTED_ORDER[scheme]} on the harmonic oscillator`, () => {
    // x' = v, v' = -omega^2 x; x(0) = 1, v(0) = 0 => x = cos(omega t), v = -omega sin(omega t).
    const omega = 2;
    const T = 3;
    const system = new LinearSystem(2, Float64Array.of(0, 1, -omega * omega, 0));
    const errors = [0, 1, 2, 3].map((k) => {
      const steps = 3 * COARSEST_STEPS[scheme] * 2 ** k;
      const x = integrate(scheme, system, [1, 0], T, steps);
      return Math.hypot(x[0] - Math.cos(omega * T), x[1] + omega * Math.sin(omega * T));
    });
    for (const p of observedOrders(errors)) {
      assert.ok(
        Math.abs(p - EXPECTED_ORDER[scheme]) < 0.15,
        `${scheme}: orders ${observedOrders(errors)} from errors ${errors}`,
      );
    }
  });
}

test("one step of each scheme equals its textbook formula (nonlinear x' = x^2 + t)", () => {
  const f = (t: number, x: number) => x * x + t;
  const system: OdeSystem = {
    dimension: 1,
    beginStep() {},
    derivative(t, x, out) {
      out[0] = f(t, x[0]);
    },
  };
  const t = 0.3;
  const h = 0.1;
  const x0 = 0.7;
  const run = (scheme: SchemeName, noise: Float64Array | null) => {
    const x = Float64Array.of(x0);
    createStepper(scheme, 1).step(system, t, h, x, noise);
    return x[0];
  };
  const k1 = f(t, x0);
  assert.equal(run("euler", null), x0 + h * k1);
  assert.equal(run("euler", Float64Array.of(0.02)), x0 + (h * k1 + 0.02));
  assert.equal(run("heun", null), x0 + 0.5 * h * (k1 + f(t + h, x0 + h * k1)));
  // Stochastic Heun: the same increment in predictor and corrector.
  const n = -0.03;
  assert.equal(run("heun", Float64Array.of(n)), x0 + (0.5 * h * (k1 + f(t + h, x0 + h * k1 + n)) + n));
  const r2 = f(t + h / 2, x0 + (h / 2) * k1);
  const r3 = f(t + h / 2, x0 + (h / 2) * r2);
  const r4 = f(t + h, x0 + h * r3);
  assert.equal(run("rk4", null), x0 + (h / 6) * (k1 + 2 * r2 + 2 * r3 + r4));
});

test("beginStep once per step (start-of-step state), derivative 1/2/4 times per step", () => {
  for (const [scheme, perStep] of [
    ["euler", 1],
    ["heun", 2],
    ["rk4", 4],
  ] as const) {
    const begins: { t: number; x: number }[] = [];
    let derivatives = 0;
    let derivativesBeforeFirstBegin = 0;
    const system: OdeSystem = {
      dimension: 3,
      beginStep(t, x) {
        begins.push({ t, x: x[0] });
      },
      derivative(_t, x, out) {
        if (begins.length === 0) derivativesBeforeFirstBegin++;
        derivatives++;
        for (let i = 0; i < 3; i++) out[i] = -x[i];
      },
    };
    const stepper = createStepper(scheme, 3);
    assert.equal(stepper.scheme, scheme);
    const x = Float64Array.of(1, 2, 3);
    const steps = 7;
    const dt = 0.1;
    const startValues: number[] = [];
    for (let k = 0; k < steps; k++) {
      startValues.push(x[0]);
      stepper.step(system, k * dt, dt, x, null);
    }
    assert.equal(begins.length, steps, `${scheme}: beginStep calls`);
    assert.equal(derivatives, perStep * steps, `${scheme}: derivative calls`);
    assert.equal(derivativesBeforeFirstBegin, 0, `${scheme}: derivative before beginStep`);
    assert.deepEqual(
      begins.map((b) => b.x),
      startValues,
      `${scheme}: beginStep must see the state at the start of the step`,
    );
    assert.deepEqual(
      begins.map((b) => b.t),
      startValues.map((_, k) => k * dt),
    );
  }
});

test("rk4 refuses noise; unknown schemes are rejected", () => {
  const system = new LinearSystem(2, Float64Array.of(-1, 0, 0, -1));
  const stepper = createStepper("rk4", 2);
  assert.throws(
    () => stepper.step(system, 0, 0.1, Float64Array.of(1, 1), Float64Array.of(0, 0)),
    /deterministic/,
  );
  assert.throws(
    () => createStepper("midpoint" as SchemeName, 2),
    /integrator scheme must be one of euler, heun, rk4/,
  );
});

/**
 * Strong error E|X_h(T) - X_ref(T)| over `paths` Ornstein–Uhlenbeck paths for several coarse
 * steps, all driven by one Brownian motion sampled at the fine step: the coarse increments are
 * sums of the fine ones, so every discretisation sees the same realisation.
 */
function ouStrongErrors(
  scheme: "euler" | "heun",
  coarseRatios: number[],
  fineSteps: number,
  paths: number,
): { hs: number[]; errors: number[] } {
  const theta = 1.5;
  const sigma = 0.8;
  const T = 1;
  const x0 = 1;
  const hf = T / fineSteps;
  const system = new OrnsteinUhlenbeck(paths, theta);
  const reference = new Float64Array(paths).fill(x0);
  const refStepper = createStepper("heun", paths);
  const levels = coarseRatios.map((ratio) => ({
    ratio,
    state: new Float64Array(paths).fill(x0),
    stepper: createStepper(scheme, paths),
    increment: new Float64Array(paths),
  }));
  const rng = RandomStream.for(11, `test/integrators/ou/${scheme}`);
  const dW = new Float64Array(paths);
  const fineNoise = new Float64Array(paths);
  const sqrtHf = Math.sqrt(hf);
  for (let k = 0; k < fineSteps; k++) {
    for (let p = 0; p < paths; p++) {
      dW[p] = sqrtHf * rng.normal();
      fineNoise[p] = sigma * dW[p];
    }
    refStepper.step(system, k * hf, hf, reference, fineNoise);
    for (const level of levels) {
      for (let p = 0; p < paths; p++) level.increment[p] += dW[p];
      if ((k + 1) % level.ratio === 0) {
        const h = level.ratio * hf;
        const coarseIndex = (k + 1) / level.ratio - 1;
        for (let p = 0; p < paths; p++) level.increment[p] *= sigma;
        level.stepper.step(system, coarseIndex * h, h, level.state, level.increment);
        level.increment.fill(0);
      }
    }
  }
  const errors = levels.map((level) => {
    let s = 0;
    for (let p = 0; p < paths; p++) s += Math.abs(level.state[p] - reference[p]);
    return s / paths;
  });
  return { hs: coarseRatios.map((r) => r * hf), errors };
}

for (const scheme of ["euler", "heun"] as const) {
  test(`${scheme} with additive noise: strong order 1 on Ornstein–Uhlenbeck (500 paths)`, () => {
    const fineSteps = 2 ** 14;
    const { hs, errors } = ouStrongErrors(scheme, [2 ** 11, 2 ** 10, 2 ** 9, 2 ** 8, 2 ** 7], fineSteps, 500);
    const order = fittedOrder(hs, errors);
    assert.ok(
      Math.abs(order - 1) < 0.15,
      `${scheme}: fitted strong order ${order}; errors ${errors} at h ${hs}`,
    );
    for (const p of observedOrders(errors))
      assert.ok(Math.abs(p - 1) < 0.25, `${scheme}: pairwise orders ${observedOrders(errors)}`);
  });
}

test("stationary variance of Ornstein–Uhlenbeck: Heun ~ sigma^2/(2 theta), Euler–Maruyama its own discrete value", () => {
  // Both schemes driven by the same increments. The exact stationary variances of the discrete
  // linear recursions are
  //   Euler–Maruyama: sigma^2 / (theta (2 - theta h))                      (+2.6% at theta h = 0.05)
  //   Heun:           sigma^2 / (2 theta) (1 - theta h/2) / (1 - theta h/2 + (theta h)^2/4)  (-0.06%)
  const theta = 1;
  const sigma = 1;
  const h = 0.05;
  const paths = 1000;
  const burnIn = Math.round(10 / h);
  const steps = Math.round(200 / h);
  const system = new OrnsteinUhlenbeck(paths, theta);
  const heun = createStepper("heun", paths);
  const euler = createStepper("euler", paths);
  const xh = new Float64Array(paths);
  const xe = new Float64Array(paths);
  const noise = new Float64Array(paths);
  const rng = RandomStream.for(3, "test/integrators/ou-stationary");
  const amp = sigma * Math.sqrt(h);
  let sumH = 0;
  let sumE = 0;
  for (let k = 0; k < burnIn + steps; k++) {
    for (let p = 0; p < paths; p++) noise[p] = amp * rng.normal();
    heun.step(system, k * h, h, xh, noise);
    euler.step(system, k * h, h, xe, noise);
    if (k >= burnIn) {
      for (let p = 0; p < paths; p++) {
        sumH += xh[p] * xh[p];
        sumE += xe[p] * xe[p];
      }
    }
  }
  const varH = sumH / (steps * paths);
  const varE = sumE / (steps * paths);
  const continuous = (sigma * sigma) / (2 * theta);
  const th = theta * h;
  const discreteEuler = (sigma * sigma) / (theta * (2 - th));
  const discreteHeun = continuous * ((1 - th / 2) / (1 - th / 2 + (th * th) / 4));
  // Relative standard error of each estimate is about sqrt(2 / (T theta paths)) = 0.3%.
  assert.ok(
    Math.abs(varH / continuous - 1) < 0.02,
    `Heun stationary variance ${varH}, continuous ${continuous}`,
  );
  assert.ok(
    Math.abs(varE / discreteEuler - 1) < 0.02,
    `Euler–Maruyama stationary variance ${varE}, discrete ${discreteEuler}`,
  );
  // The two estimates share their noise, so their ratio is far more precise than either.
  const ratio = varE / varH;
  const expectedRatio = discreteEuler / discreteHeun;
  assert.ok(
    Math.abs(ratio / expectedRatio - 1) < 0.005,
    `variance ratio EM/Heun ${ratio}, expected ${expectedRatio}`,
  );
});
