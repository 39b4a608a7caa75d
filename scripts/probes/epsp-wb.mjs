// Unitary AMPA EPSP (mV) of one E→I connection on the Wang–Buzsáki cell at rest, per weight (mS/cm²).
import { Network } from "../../dist/src/engines/cell/network.js";
import { wangBuzsakiInterneuron } from "../../dist/src/engines/cell/models.js";
import { ampaReceptor } from "../../dist/src/engines/cell/synapses.js";
for (const w of (process.argv[2] ?? "0.014,0.02,0.03").split(",").map(Number)) {
  const net = new Network({
    dt: 0.025,
    seed: 1,
    populations: [{ name: "I", size: 1, model: wangBuzsakiInterneuron(), receptors: [ampaReceptor()] }],
    projections: [],
  });
  const pop = net.population("I");
  net.run(Math.round(400 / 0.025));
  const v0 = pop.v[0];
  const a = pop.receptor("ampa");
  a.input[0] += w * a.inputScale;
  let peak = v0;
  for (let s = 0; s < 4000; s++) {
    net.run(1);
    peak = Math.max(peak, pop.v[0]);
  }
  console.log(`w ${w}: rest ${v0.toFixed(2)} mV, EPSP ${(peak - v0).toFixed(2)} mV`);
}
