/**
 * The radix-2 FFT against a direct DFT and Parseval's theorem; Welch's PSD on sinusoids (peak at
 * the tone, integral equal to the power a^2 / 2) and on white noise (integral equal to the
 * variance, flat level 2 sigma^2 / fs).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bandPower, Fft, peakFrequency, welchPsd } from "../../src/numerics/spectrum.js";
import { RandomStream } from "../../src/numerics/random.js";

test("FFT equals a direct DFT and keeps Parseval's identity", () => {
  const rng = RandomStream.for(1, "test/fft");
  for (const n of [1, 2, 8, 64, 256]) {
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    rng.fillNormal(re);
    rng.fillNormal(im);
    const x = Float64Array.from(re);
    const y = Float64Array.from(im);
    new Fft(n).transform(re, im);
    let energyTime = 0;
    let energyFreq = 0;
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const phase = (-2 * Math.PI * ((k * j) % n)) / n;
        sr += x[j] * Math.cos(phase) - y[j] * Math.sin(phase);
        si += x[j] * Math.sin(phase) + y[j] * Math.cos(phase);
      }
      assert.ok(Math.abs(re[k] - sr) < 1e-9 * n && Math.abs(im[k] - si) < 1e-9 * n, `n=${n} bin ${k}`);
      energyTime += x[k] * x[k] + y[k] * y[k];
      energyFreq += re[k] * re[k] + im[k] * im[k];
    }
    assert.ok(Math.abs(energyFreq / n - energyTime) <= 1e-10 * energyTime, `Parseval n=${n}`);
  }
  assert.throws(() => new Fft(12), /power of two/);
});

test("Welch PSD of a sinusoid peaks at its frequency and integrates to a^2/2", () => {
  const fs = 500;
  for (const [f, amplitude] of [
    [4.5, 3],
    [10.7, 1],
    [37, 0.2],
  ] as const) {
    const x = new Float64Array(10 * fs);
    for (let k = 0; k < x.length; k++) x[k] = 7 + amplitude * Math.sin(2 * Math.PI * f * (k / fs) + 0.3);
    const psd = welchPsd(x, fs);
    assert.equal(psd.segments, 18); // 2 s of samples rounded down to 512, half overlap
    const peak = peakFrequency(psd, 1, 100);
    assert.ok(Math.abs(peak - f) <= psd.resolution / 2 + 1e-12, `peak ${peak} Hz for a ${f} Hz tone`);
    const power = bandPower(psd, 0, fs / 2 + 1);
    const expected = (amplitude * amplitude) / 2;
    assert.ok(Math.abs(power - expected) < 0.02 * expected, `power ${power}, expected ${expected}`);
    // The mean (7) is removed per segment: left in, it would dominate the 0 Hz bin.
    assert.ok(psd.density[0] < 0.05 * Math.max(...psd.density));
  }
});

test("Welch PSD of white noise is flat at 2 sigma^2 / fs and integrates to the variance", () => {
  const fs = 256;
  const sigma = 2;
  const x = new Float64Array(200 * fs);
  RandomStream.for(3, "test/welch").fillNormal(x, 0, x.length, sigma);
  const psd = welchPsd(x, fs, { segmentLength: 256 });
  const power = bandPower(psd, 0, fs);
  assert.ok(Math.abs(power - sigma * sigma) < 0.03 * sigma * sigma, `integral ${power}`);
  const level = bandPower(psd, 20, 100) / 80;
  assert.ok(Math.abs(level - (2 * sigma * sigma) / fs) < 0.05 * ((2 * sigma * sigma) / fs), `level ${level}`);
  assert.throws(() => welchPsd(x, fs, { segmentLength: 100 }), /power of two/);
  assert.throws(() => welchPsd(x, 0), /sample rate/);
});
