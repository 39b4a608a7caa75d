/**
 * Noise-free VEP set-up (TVB tutorial; Jirsa et al. 2017) on the 76-region connectome, with and
 * without conduction delays, against the independent numpy implementation in
 * shared/reference/epileptor (outputs copied to test/fixtures/epileptor with their README's
 * tolerance: |Δ| <= 1e-4 on x1, z, x2 at every stored sample; same seizures, onsets and offsets
 * within ±2 model time units).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConnectome } from "../../src/io/connectome.js";
import { runNetworkScenario } from "../../src/pipeline/run-network.js";
import { networkExample, readF32, ROOT } from "../helpers.js";

interface ReferenceSummary {
  seizures: { region: string; onset: number; offset: number }[];
  labels: string[];
  x0: number[];
  file: { samples: number; nodes: number; sample_period: number };
}

for (const [example, prefix] of [
  ["vep-deterministic.yaml", "det_nodelay"],
  ["vep-deterministic-delay3.yaml", "det_delay3"],
] as const) {
  test(`${example} reproduces the reference ${prefix} (trajectories and seizures)`, () => {
    // Python wrote the infinite speed as the non-JSON token Infinity.
    const refText = readFileSync(join(ROOT, "test/fixtures/epileptor", `${prefix}.json`), "utf8").replace(
      /\bInfinity\b/g,
      "null",
    );
    const ref = JSON.parse(refText) as ReferenceSummary;
    const data = readF32(join(ROOT, "test/fixtures/epileptor", `${prefix}.f32`));
    const scenario = networkExample(example);
    const connectome = loadConnectome("tvb76");
    assert.deepEqual(connectome.labels, ref.labels);
    const run = runNetworkScenario(scenario, { connectome, sensors: null });
    assert.deepEqual(Array.from(run.x0), ref.x0);

    const S = ref.file.samples;
    const n = ref.file.nodes;
    const stride = Math.round(ref.file.sample_period / run.simulation.samplePeriod);
    const names = ["x1", "z", "x2"];
    let worst = 0;
    for (let s = 0; s < S; s++) {
      assert.equal(run.simulation.times[s * stride], data[s]);
      names.forEach((v, vi) => {
        const ours = run.simulation.recorded[v];
        for (let i = 0; i < n; i++) {
          const diff = Math.abs(ours[s * stride * n + i] - data[S + vi * S * n + s * n + i]);
          if (diff > worst) worst = diff;
        }
      });
    }
    assert.ok(worst <= 1e-4, `largest deviation from the reference ${worst} exceeds 1e-4`);

    assert.equal(run.seizures.length, ref.seizures.length, "number of seizures");
    const ours = [...run.seizures].sort((a, b) => a.onset - b.onset);
    ref.seizures.forEach((r, k) => {
      assert.equal(ours[k].region, r.region, `seizure ${k} region`);
      assert.ok(Math.abs(ours[k].onset - r.onset) <= 2, `seizure ${k} onset ${ours[k].onset} vs ${r.onset}`);
      assert.ok(
        Math.abs(ours[k].offset - r.offset) <= 2,
        `seizure ${k} offset ${ours[k].offset} vs ${r.offset}`,
      );
    });
  });
}
