/**
 * Fused update kernel for the Traub–Miles population of the COBAHH benchmark (channels leak,
 * Na m³h, K n⁴ in that order; two single-exponential receptors without voltage block).
 *
 * Why: the generic update (population.ts, kernel.ts) streams every intermediate through a typed
 * array, about sixteen passes per step; here two loops per step keep nearly all of them in
 * registers (six arrays carry Σ rates and x∞ from the first loop to the second), which measured
 * about twice as fast. It is the same computation in the same floating-point order as the helpers
 * of kernel.ts, and reads every number (midpoints, rates, exponential groups, conductances, time
 * constants) from the population's compiled model, so parameter edits (VT, ḡ, E, φ, synaptic τ,
 * bias) still apply. Its results are bit-identical to the generic kernel's
 * (test/engines/cell/population.test.ts).
 *
 * `traubMilesKernel` returns null, and the population falls back to the generic kernel, whenever
 * a channel carries a kinetic drug block (channels.ts `ChannelBlock`), or the compiled structure differs from the one this loop hard-codes: the rate forms, their
 * exponential groups (|k| = 40 with powers 1, 8, 10, i.e. slopes 40, 5, 4; and |k| = 18) and the
 * signs with which each term uses its exponential.
 */
import { exp } from "./exp.js";
import {
  LINOID_SERIES_LIMIT as LIMIT,
  linoidSeries,
  type CompiledGate,
  type CompiledTerm,
  type ExpSource,
} from "./kernel.js";
import type { Population, PopulationKernel } from "./population.js";

type AffineTerm = Extract<CompiledTerm, { kind: "exponential" | "sigmoid" | "expLinear" }>;

function affine(t: CompiledTerm | null, kind: AffineTerm["kind"], sign: 1 | -1): AffineTerm | null {
  if (t === null || t.kind !== kind || t.source.sign !== sign) return null;
  return t;
}

function isSource(s: ExpSource, group: number, power: number): boolean {
  return s.group === group && s.power === power;
}

/** The fused kernel for `p`, or null when its structure is not the one handled here. */
export function traubMilesKernel(p: Population): PopulationKernel | null {
  const c = p.compiled;
  if (c.channels.length !== 3 || p.receptors.length !== 2 || c.blocks.length !== 0) return null;
  const [leak, na, kdr] = c.channels;
  if (leak.gates.length !== 0 || na.gates.length !== 2 || kdr.gates.length !== 1) return null;
  const [gm, gh] = na.gates;
  const gn: CompiledGate = kdr.gates[0];
  if (gm.kind !== "rates" || gh.kind !== "rates" || gn.kind !== "rates") return null;
  if (gm.power !== 3 || gh.power !== 1 || gn.power !== 4) return null;
  for (const r of p.receptors) if (r.h !== null || r.blocked) return null;

  const am = affine(gm.first, "expLinear", -1);
  const bm = affine(gm.second, "expLinear", 1);
  const ah = affine(gh.first, "exponential", 1);
  const bh = affine(gh.second, "sigmoid", -1);
  const an = affine(gn.first, "expLinear", -1);
  const bn = affine(gn.second, "exponential", 1);
  if (!am || !bm || !ah || !bh || !an || !bn) return null;
  if (c.expGroups.length !== 2) return null;
  const gA = bn.source.group;
  const gB = ah.source.group;
  if (gA === gB) return null;
  const groupA = c.expGroups[gA];
  const groupB = c.expGroups[gB];
  if (groupA.powers.join() !== "1,8,10" || groupB.powers.join() !== "1") return null;
  if (!isSource(bn.source, gA, 1) || !isSource(bm.source, gA, 8) || !isSource(bh.source, gA, 8)) return null;
  if (!isSource(an.source, gA, 8) || !isSource(am.source, gA, 10) || !isSource(ah.source, gB, 1)) return null;

  const [r0, r1] = p.receptors;
  const size = p.size;
  const plan: TraubMilesPlan = {
    size,
    cA: groupA.coefficient,
    cB: groupB.coefficient,
    amR: am.rate,
    amMid: am.midpoint,
    amInv: am.invSlope,
    amK: am.source.factor,
    bmR: bm.rate,
    bmMid: bm.midpoint,
    bmInv: bm.invSlope,
    bmK: bm.source.factor,
    ahR: ah.rate,
    ahK: ah.source.factor,
    bhR: bh.rate,
    bhOff: bh.offset,
    bhK: bh.source.factor,
    anR: an.rate,
    anMid: an.midpoint,
    anInv: an.invSlope,
    anK: an.source.factor,
    bnR: bn.rate,
    bnK: bn.source.factor,
    mPhi: gm.negPhiDt,
    hPhi: gh.negPhiDt,
    nPhi: gn.negPhiDt,
    gL: leak.conductance,
    gLE: leak.conductanceReversal,
    gNa: na.conductance,
    eNa: na.reversal,
    gK: kdr.conductance,
    eK: kdr.reversal,
    e0: r0.spec.reversal,
    d0: r0.decay,
    e1: r1.spec.reversal,
    d1: r1.decay,
    negDtOverC: c.negDtOverC,
    v: p.v,
    bias: p.bias,
    m: gm.value,
    h: gh.value,
    n: gn.value,
    g0: r0.g,
    g1: r1.g,
    sumM: new Float64Array(size),
    infM: new Float64Array(size),
    sumH: new Float64Array(size),
    infH: new Float64Array(size),
    sumN: new Float64Array(size),
    infN: new Float64Array(size),
  };
  return function traubMilesFused(): void {
    traubMilesRates(plan);
    traubMilesStates(plan);
  };
}

/**
 * Everything the two loops read: numbers from the compiled model and the population's arrays,
 * plus the per-neuron rate results (Σ rates and x∞ per gate) handed from the first loop to the
 * second. One object shape for every population, read into locals at the top of each loop
 * function: the loop functions exist once for all populations, so V8 compiles them once, and
 * locals (not closure variables, which V8 reloads when several closures share the code) keep the
 * constants in registers or stack slots. Measured: closures per population ran 1.5 times slower
 * as soon as there were two populations.
 */
interface TraubMilesPlan {
  readonly size: number;
  readonly cA: number;
  readonly cB: number;
  readonly amR: number;
  readonly amMid: number;
  readonly amInv: number;
  readonly amK: number;
  readonly bmR: number;
  readonly bmMid: number;
  readonly bmInv: number;
  readonly bmK: number;
  readonly ahR: number;
  readonly ahK: number;
  readonly bhR: number;
  readonly bhOff: number;
  readonly bhK: number;
  readonly anR: number;
  readonly anMid: number;
  readonly anInv: number;
  readonly anK: number;
  readonly bnR: number;
  readonly bnK: number;
  readonly mPhi: number;
  readonly hPhi: number;
  readonly nPhi: number;
  readonly gL: number;
  readonly gLE: number;
  readonly gNa: number;
  readonly eNa: number;
  readonly gK: number;
  readonly eK: number;
  readonly e0: number;
  readonly d0: number;
  readonly e1: number;
  readonly d1: number;
  readonly negDtOverC: number;
  readonly v: Float64Array;
  readonly bias: Float64Array;
  readonly m: Float64Array;
  readonly h: Float64Array;
  readonly n: Float64Array;
  readonly g0: Float64Array;
  readonly g1: Float64Array;
  readonly sumM: Float64Array;
  readonly infM: Float64Array;
  readonly sumH: Float64Array;
  readonly infH: Float64Array;
  readonly sumN: Float64Array;
  readonly infN: Float64Array;
}

// Two loops rather than one: a single loop body holds two dependent exponentials per gate (rates,
// then relaxation) and is bound by their latency; split, each body is short enough for the
// processor to overlap consecutive neurons (measured about 1.5 times faster). They are two
// functions because V8 inlines callees into one optimised function only up to a bytecode budget
// (920 bytes by default), and six inlined calls of `exp` would exceed it; a call left out boxes its
// double result on the heap. For the same reason the helpers of kernel.ts are written out by hand
// (same expressions, same order, so the results stay bit-identical).

/** Rates at the start-of-step V: Σ = α + β and x∞ = α/Σ for m, h, n. */
function traubMilesRates(p: TraubMilesPlan): void {
  const { size, cA, cB, v, sumM, infM, sumH, infH, sumN, infN } = p;
  const { amR, amMid, amInv, amK, bmR, bmMid, bmInv, bmK, ahR, ahK } = p;
  const { bhR, bhOff, bhK, anR, anMid, anInv, anK, bnR, bnK } = p;
  for (let k = 0; k < size; k++) {
    const vk = v[k];
    const b = exp(cA * vk);
    const b2 = b * b;
    const b4 = b2 * b2;
    const b8 = b4 * b4;
    const b10 = b2 * b8;
    const bB = exp(cB * vk);
    // linoidFromNegative, linoidFromPositive, r·w, sigmoidFromNegative, as in kernel.ts
    const xam = (vk - amMid) * amInv;
    const alphaM = xam > -LIMIT && xam < LIMIT ? amR * linoidSeries(xam) : (amR * xam) / (1 - b10 * amK);
    const xbm = (vk - bmMid) * bmInv;
    const wbm = b8 * bmK;
    const betaM = xbm > -LIMIT && xbm < LIMIT ? bmR * linoidSeries(xbm) : (bmR * xbm * wbm) / (wbm - 1);
    const alphaH = ahR * (bB * ahK);
    const betaH = bhOff + bhR / (1 + b8 * bhK);
    const xan = (vk - anMid) * anInv;
    const alphaN = xan > -LIMIT && xan < LIMIT ? anR * linoidSeries(xan) : (anR * xan) / (1 - b8 * anK);
    const betaN = bnR * (b * bnK);
    // relaxRates (first half), as in kernel.ts
    const sm = alphaM + betaM;
    sumM[k] = sm;
    infM[k] = alphaM / sm;
    const sh = alphaH + betaH;
    sumH[k] = sh;
    infH[k] = alphaH / sh;
    const sn = alphaN + betaN;
    sumN[k] = sn;
    infN[k] = alphaN / sn;
  }
}

/** Gates, synaptic conductances and V from the start-of-step state and the rates. */
function traubMilesStates(p: TraubMilesPlan): void {
  const { size, v, bias, m, h, n, g0, g1, sumM, infM, sumH, infH, sumN, infN } = p;
  const { mPhi, hPhi, nPhi, gL, gLE, gNa, eNa, gK, eK, e0, d0, e1, d1, negDtOverC } = p;
  for (let k = 0; k < size; k++) {
    const vk = v[k];
    const mk = m[k];
    const hk = h[k];
    const nk = n[k];
    const g0k = g0[k];
    const g1k = g1[k];
    // relaxRates (second half). Issued before the membrane arithmetic, whose inputs are all
    // start-of-step values, so that the exponentials' latencies overlap (V8 keeps source order;
    // this order measured 1.5 times faster than membrane first).
    const mInf = infM[k];
    m[k] = mInf + (mk - mInf) * exp(sumM[k] * mPhi);
    const hInf = infH[k];
    h[k] = hInf + (hk - hInf) * exp(sumH[k] * hPhi);
    const nInf = infN[k];
    n[k] = nInf + (nk - nInf) * exp(sumN[k] * nPhi);
    // Conductances from the start-of-step state, summed in the generic kernel's order.
    const gna = gNa * mk * mk * mk * hk;
    const gk = gK * nk * nk * nk * nk;
    const G = gL + gna + gk + g0k + g1k;
    const I = gLE + gna * eNa + gk * eK + g0k * e0 + g1k * e1;
    const vinf = (I + bias[k]) / G;
    v[k] = vinf + (vk - vinf) * exp(G * negDtOverC);
    g0[k] = g0k * d0;
    g1[k] = g1k * d1;
  }
}
