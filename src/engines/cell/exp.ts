/**
 * A table-driven exponential for the cell engine's hot loops.
 *
 * Why not Math.exp: V8 calls out to its C++ `ieee754::exp` for every Math.exp, a call it cannot
 * inline; in the conductance-based update (about ten exponentials per neuron and step) that call
 * measured 8–10 ns on this project's machine and was most of the step. This function is plain
 * arithmetic and two table loads, so TurboFan inlines it into the loop.
 *
 * Method: Tang, P.T.P. (1989) "Table-driven implementation of the exponential function in IEEE
 * floating-point arithmetic", ACM Trans Math Softw 15(2):144–157, with N = 256 table entries:
 *
 *   x = (k/N)·ln2 + r,   k = round(x·N/ln2),   |r| <= ln2/(2N)
 *   exp(x) = 2^(k>>8) · 2^((k&255)/256) · exp(r)
 *   exp(r) - 1 ≈ r + r²/2 + r³/6 + r⁴/24   (Taylor; the remainder r⁵/120 < 4e-17)
 *
 * r is formed with Cody–Waite two-part ln2/N (its leading part has 35 significant bits so k·hi is
 * exact for every k that can occur), the table holds 2^(j/256) as a double plus the next 53 bits,
 * and 2^(k>>8) comes from a table of powers of two (multiplying by it is exact). Deviation from
 * Tang: a degree-4 Taylor polynomial instead of his minimax polynomial (the table is larger:
 * 256 entries rather than 32, so |r| is smaller). The error measured against Math.exp is at most
 * one unit in the last place (test/engines/cell/exp.test.ts).
 *
 * Range: the fast path covers -708 < x < 709, where the result is a normal double; everything
 * else (overflow to Infinity, subnormal results, underflow to 0, NaN, ±Infinity) goes to Math.exp.
 *
 * The tables are computed here at load time from exact integer arithmetic (BigInt), not copied
 * from anywhere: 2^(1/256) to 120 fractional bits by eight integer square roots of 2, then the
 * powers 2^(j/256) by repeated fixed-point multiplication.
 */

const TABLE_SIZE = 256;
const FRACTION_BITS = 120n;
const ONE_FIXED = 1n << FRACTION_BITS;

/** floor(sqrt(n)) for n >= 0 (Newton's iteration from above). */
function integerSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)) * 1.000001)) + 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * One table, so the hot function loads a single module binding: entries 0..511 are 2^(j/256) for
 * j = 0..255 as (hi, lo) pairs (hi the nearest double, lo the next bits), entries from
 * POW2_OFFSET + e are 2^e for e = -1022..1022 (all normal doubles).
 */
const POW2_OFFSET = 2 * TABLE_SIZE + 1022;
const TABLE = new Float64Array(2 * TABLE_SIZE + 2 * 1022 + 1);
(function buildTable() {
  // 2^(1/256) in fixed point: eight square roots of 2, each at 120 fractional bits.
  let root = 2n * ONE_FIXED;
  for (let i = 0; i < 8; i++) root = integerSqrt(root * ONE_FIXED);
  const scale = 2 ** Number(FRACTION_BITS);
  let power = ONE_FIXED;
  for (let j = 0; j < TABLE_SIZE; j++) {
    const hi = Number(power) / scale; // Number(bigint) rounds to nearest
    const rest = power - BigInt(hi * scale); // hi * scale is an integer-valued double: exact
    TABLE[2 * j] = hi;
    TABLE[2 * j + 1] = Number(rest) / scale;
    power = (power * root) >> FRACTION_BITS;
  }
  for (let e = -1022; e <= 1022; e++) TABLE[POW2_OFFSET + e] = 2 ** e;
})();

/*
 * Constants, written as literals in `exp` because V8 charges every module-binding load against
 * its inlining budget (exp must stay small enough to be inlined several times into one loop):
 *   369.3299304675746       N/ln2 (only selects k, so its rounding does not matter)
 *   0.002707606173999011    STEP_HI: ln2/N with its low 18 bits cleared (35 significant bits),
 *                           so k·STEP_HI is exact for |k| < 2^18
 *   6.327543041662719e-14   STEP_LO = ln2/N - STEP_HI, from ln2 as a double-double
 *   6755399441055744        1.5·2^52: adding and subtracting it rounds |y| < 2^51 to an integer
 *   1534 = POW2_OFFSET       index of 2^0 in TABLE
 * They are re-derived here and checked at load time.
 */
(function checkConstants() {
  const LN2_HI = 0.6931471805599453;
  const LN2_LO = 2.3190468138462996e-17;
  const bits = new BigUint64Array(new Float64Array([LN2_HI / TABLE_SIZE]).buffer);
  bits[0] &= ~((1n << 18n) - 1n);
  const stepHi = new Float64Array(bits.buffer)[0];
  const stepLo = LN2_HI / TABLE_SIZE - stepHi + LN2_LO / TABLE_SIZE;
  if (
    TABLE_SIZE / LN2_HI !== 369.3299304675746 ||
    stepHi !== 0.002707606173999011 ||
    stepLo !== 6.327543041662719e-14 ||
    POW2_OFFSET !== 1534
  ) {
    throw new Error("exp: literal constants disagree with their derivation");
  }
})();

/** e^x, within one unit in the last place of Math.exp(x); see the module comment. */
export function exp(x: number): number {
  if (x > -708 && x < 709) {
    const kd = x * 369.3299304675746 + 6755399441055744 - 6755399441055744;
    const r = x - kd * 0.002707606173999011 - kd * 6.327543041662719e-14;
    const k = kd | 0;
    const i = (k & 255) << 1;
    const t = TABLE;
    const hi = t[i];
    const r2 = r * r;
    const q = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * 0.041666666666666664;
    return (hi + (t[i + 1] + hi * q)) * t[(k >> 8) + 1534];
  }
  return Math.exp(x);
}
