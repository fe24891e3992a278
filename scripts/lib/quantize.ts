// Weight quantisation for the starter models, in the form TensorFlow.js reads natively (a weight
// spec's `quantization`: float16, or uint8/uint16 with `min` and `scale`). tfjs's converter does
// this in Python only; tfjs itself only decodes, so the encoding is written here.

/** How weights are stored: half floats, or 8/16-bit steps between each tensor's min and max. */
export type Quantization = 'float16' | 'uint8' | 'uint16';

/** A weight as a model.json manifest lists it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number };
}

/** IEEE half-precision bits of a float (round to nearest even; overflow to infinity). */
export function toFloat16(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // inf or NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign; // too small: zero
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // may carry into the exponent, as it should
  e = half >>> 10;
  return sign | (e >= 0x1f ? 0x7c00 : half);
}

/**
 * Quantises float32 weights (`data` holds them in `specs` order) to `q`. Returns the new specs
 * and bytes; tfjs dequantises on load (uint8/uint16: v · scale + min per tensor).
 */
export function quantizeWeights(
  specs: WeightSpec[],
  data: ArrayBuffer,
  q: Quantization,
): { specs: WeightSpec[]; data: Uint8Array } {
  const floats = new Float32Array(data);
  const parts: Uint8Array[] = [];
  const out: WeightSpec[] = [];
  let at = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype !== 'float32') throw new Error(`${spec.name}: only float32 weights are quantised`);
    const w = floats.subarray(at, at + n);
    at += n;
    if (q === 'float16') {
      parts.push(new Uint8Array(Uint16Array.from(w, toFloat16).buffer));
      out.push({ ...spec, quantization: { dtype: 'float16' } });
      continue;
    }
    const levels = q === 'uint8' ? 255 : 65535;
    // A loop, not Math.min(...w): spreading a large layer's weights overflows the call stack.
    let min = Infinity;
    let max = -Infinity;
    for (const v of w) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(max > min)) max = min + 1e-8;
    // Keep 0 exactly representable (zero biases stay zero), as tfjs's converter does.
    if (min > 0) min = 0;
    if (max < 0) max = 0;
    const scale = (max - min) / levels;
    const zero = Math.round(-min / scale);
    min = -zero * scale;
    const codes = Array.from(w, (v) => Math.max(0, Math.min(levels, Math.round((v - min) / scale))));
    parts.push(q === 'uint8' ? Uint8Array.from(codes) : new Uint8Array(Uint16Array.from(codes).buffer));
    out.push({ ...spec, quantization: { dtype: q, min, scale } });
  }
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const bytes = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    bytes.set(p, off);
    off += p.byteLength;
  }
  return { specs: out, data: bytes };
}
