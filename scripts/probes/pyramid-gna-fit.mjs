// The f–I refit of the Golomb pyramid's g_Na for a moved Na inactivation midpoint θh
// (docs/experiments/pyramid-na-inactivation.md §2), shared by pyramid-na-inactivation.mjs and
// theta52-inap.mjs: the smallest g_Na on a ×1.05 grid from 35 mS/cm² whose f–I curve at
// FI_FIT µA/cm² is increasing (a healthy train) and reaches the default cell's rate at 4 µA/cm²,
// then bisection against the previous grid point if that one was healthy too; the parameter
// table's bound (1000) if only it qualifies, NaN if nothing does. −45 (the published cell) gives 35.
import { fICurve } from "../../dist/src/engines/cell/analysis.js";
import { golombPyramidal } from "../../dist/src/engines/cell/models.js";

export const CLAMP = { dt: 0.01, duration: 1000, settle: 200 };
const FI_FIT = [1, 2, 4, 10, 20];
const REF_RATE4 = fICurve(golombPyramidal(), [4], CLAMP).rate[0];

function healthy(thetaH, gNa) {
  const r = Array.from(fICurve(golombPyramidal({ thetaH, gNa }), FI_FIT, CLAMP).rate);
  return { ok: r.every((x, k) => k === 0 || x > r[k - 1]), rate4: r[2] };
}

export function fitGNaToFI(thetaH) {
  if (thetaH === -45) return 35;
  let prev = null;
  for (let g = 35; g <= 1000; g *= 1.05) {
    const h = healthy(thetaH, g);
    if (h.ok && h.rate4 >= REF_RATE4) {
      if (prev === null) return Math.round(g * 100) / 100;
      let lo = prev;
      let hi = g;
      for (let k = 0; k < 10; k++) {
        const mid = 0.5 * (lo + hi);
        const hm = healthy(thetaH, mid);
        if (hm.ok && hm.rate4 >= REF_RATE4) hi = mid;
        else lo = mid;
      }
      return Math.round(hi * 100) / 100;
    }
    prev = h.ok ? g : null;
  }
  return healthy(thetaH, 1000).ok ? 1000 : NaN;
}
