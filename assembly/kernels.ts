// AssemblyScript: wasm SIMD kernels for the shapes where tfjs-backend-wasm (XNNPACK) is slow.
// Compiled by `npm run build:wasm` to src/workers/kernels/simd/kernels.wasm. Every pointer is a
// byte offset into this module's own memory; the caller (simdKernels.ts) lays the data out. Kernels whose
// last two arguments are `from, to` compute only that range of their output (rows, images, channels or
// output rows, as each says), so that threads sharing the module's memory can split one call
// (kernels-shared.wasm, the same code on imported shared memory: simd/kernelPool.ts).
// Built with `--enable relaxed-simd` too (kernels-relaxed*.wasm): there the products' sums are fused
// multiply-adds, one instruction where the plain build has two; see madd.

/**
 * c + a·b lane by lane: a fused multiply-add (f32x4.relaxed_madd) in the relaxed-SIMD build, else a multiply
 * and an add, bit for bit the sum the kernels made before madd existed. A fused sum rounds once instead of
 * twice, so the two builds differ in the last bits; either gives the same result on any thread count.
 */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * Copies n images of h x w floats (one channel) from src into rows of pw floats, ph rows per
 * image, at row `top` and column `left` of each, zeroing everything else: a zero-padded input.
 * Rows or columns that do not fit are dropped.
 */
export function padImages(src: usize, dst: usize, n: i32, h: i32, w: i32, ph: i32, pw: i32, top: i32, left: i32): void {
  memory.fill(dst, 0, <usize>(n * ph * pw) << 2);
  const rows = min(h, ph - top);
  const cols = min(w, pw - left);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < rows; y++) {
      memory.copy(dst + ((<usize>((b * ph + y + top) * pw + left)) << 2), src + ((<usize>((b * h + y) * w)) << 2), <usize>cols << 2);
    }
  }
}

/**
 * dyT[o][r][0..w4) = dy[r][x][o] for r < rows, x < w; zero for w <= x < w4. Moves an NHWC
 * gradient's channels first so the filter gradient can run over contiguous rows. Four pixels by four
 * channels at a time, transposed in registers (lanes past c read the next pixel, or up to 12 bytes after
 * dy, and are not stored); the pixels past the last four of a row one at a time.
 */
export function channelsFirst(dy: usize, dyT: usize, rows: i32, w: i32, w4: i32, c: i32): void {
  const plane = <usize>(rows * w4) << 2;
  const px = <usize>c << 2;
  const w0 = w & ~3;
  for (let r = 0; r < rows; r++) {
    const src = dy + ((<usize>(r * w * c)) << 2);
    const row = dyT + ((<usize>(r * w4)) << 2);
    for (let o = 0; o < c; o += 4) {
      const n = min(4, c - o);
      let dst = row + (<usize>o) * plane;
      let s = src + (<usize>o << 2);
      for (let x = 0; x < w0; x += 4, s += 4 * px, dst += 16) {
        const p0 = v128.load(s), p1 = v128.load(s + px), p2 = v128.load(s + 2 * px), p3 = v128.load(s + 3 * px);
        // [a0 b0 a1 b1], [a2 b2 a3 b3], [c0 d0 c1 d1], [c2 d2 c3 d3] -> channel j of the four pixels.
        const ab01 = i32x4.shuffle(p0, p1, 0, 4, 1, 5), ab23 = i32x4.shuffle(p0, p1, 2, 6, 3, 7);
        const cd01 = i32x4.shuffle(p2, p3, 0, 4, 1, 5), cd23 = i32x4.shuffle(p2, p3, 2, 6, 3, 7);
        v128.store(dst, i64x2.shuffle(ab01, cd01, 0, 2));
        if (n > 1) v128.store(dst + plane, i64x2.shuffle(ab01, cd01, 1, 3));
        if (n > 2) v128.store(dst + 2 * plane, i64x2.shuffle(ab23, cd23, 0, 2));
        if (n > 3) v128.store(dst + 3 * plane, i64x2.shuffle(ab23, cd23, 1, 3));
      }
    }
    for (let o = 0; o < c; o++) {
      const dst = row + (<usize>o) * plane;
      for (let x = w0; x < w; x++) store<f32>(dst + (<usize>x << 2), load<f32>(src + (<usize>(x * c + o) << 2)));
      for (let x = w; x < w4; x++) store<f32>(dst + (<usize>x << 2), 0);
    }
  }
}

@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * Filter gradient of a stride-1 convolution with one input channel:
 * out[ky][kx][o] = sum over (b, y, x) of xp[b][y + ky][x + kx] * dyT[o][b][y][x], where xp is the
 * zero-padded input (rows of pw floats, ph rows per image) and dyT holds rows of w4 floats
 * (w4 a multiple of 4, zero past the output width; pw >= w4 + kw - 1; 32 readable bytes after xp).
 * Two output channels and five taps (a 5-wide kernel's row) at a time, in ten independent accumulators:
 * each input load serves two products, each dy load five (one channel at a time loaded six vectors per
 * five products). `from, to`: a range of (pair of output channels, kernel row) units, pair-major; a last
 * channel without a pair runs alone.
 */
export function filterGradC1(xp: usize, dyT: usize, out: usize, n: i32, oh: i32, w4: i32, ph: i32, pw: i32,
  oc: i32, kh: i32, kw: i32, from: i32, to: i32): void {
  const plane = <usize>(n * oh * w4) << 2;
  const step = <usize>oc << 2;
  for (let u = from; u < to; u++) {
    const q = u / kh;
    const ky = u - q * kh;
    const o = q << 1;
    if (o + 1 == oc) {
      filterGradC1Row(xp, dyT, out, n, oh, w4, ph, pw, oc, kw, o, ky);
      continue;
    }
    for (let kx = 0; kx < kw; kx += 5) {
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0), a4 = f32x4.splat(0);
      let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0), b4 = f32x4.splat(0);
      for (let b = 0; b < n; b++) {
        for (let y = 0; y < oh; y++) {
          let xr = xp + ((<usize>((b * ph + y + ky) * pw + kx)) << 2);
          let dr = dyT + ((<usize>(((o * n + b) * oh + y) * w4)) << 2);
          const end = dr + (<usize>w4 << 2);
          for (; dr < end; dr += 16, xr += 16) {
            const d = v128.load(dr);
            const e = v128.load(dr + plane);
            let v = v128.load(xr);
            a0 = madd(v, d, a0); b0 = madd(v, e, b0);
            v = v128.load(xr, 4);
            a1 = madd(v, d, a1); b1 = madd(v, e, b1);
            v = v128.load(xr, 8);
            a2 = madd(v, d, a2); b2 = madd(v, e, b2);
            v = v128.load(xr, 12);
            a3 = madd(v, d, a3); b3 = madd(v, e, b3);
            v = v128.load(xr, 16);
            a4 = madd(v, d, a4); b4 = madd(v, e, b4);
          }
        }
      }
      const at = out + ((<usize>((ky * kw + kx) * oc + o)) << 2);
      store<f32>(at, hsum(a0)); store<f32>(at, hsum(b0), 4);
      if (kx + 1 < kw) { store<f32>(at + step, hsum(a1)); store<f32>(at + step, hsum(b1), 4); }
      if (kx + 2 < kw) { store<f32>(at + 2 * step, hsum(a2)); store<f32>(at + 2 * step, hsum(b2), 4); }
      if (kx + 3 < kw) { store<f32>(at + 3 * step, hsum(a3)); store<f32>(at + 3 * step, hsum(b3), 4); }
      if (kx + 4 < kw) { store<f32>(at + 4 * step, hsum(a4)); store<f32>(at + 4 * step, hsum(b4), 4); }
    }
  }
}

/** {@link filterGradC1} for output channel o alone, at kernel row ky. */
function filterGradC1Row(xp: usize, dyT: usize, out: usize, n: i32, oh: i32, w4: i32, ph: i32, pw: i32,
  oc: i32, kw: i32, o: i32, ky: i32): void {
  for (let kx = 0; kx < kw; kx += 5) {
    let a4 = f32x4.splat(0);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < oh; y++) {
        let xr = xp + ((<usize>((b * ph + y + ky) * pw + kx)) << 2);
        let dr = dyT + ((<usize>(((o * n + b) * oh + y) * w4)) << 2);
        const end = dr + (<usize>w4 << 2);
        for (; dr < end; dr += 16, xr += 16) {
          const d = v128.load(dr);
          a0 = madd(v128.load(xr), d, a0);
          a1 = madd(v128.load(xr, 4), d, a1);
          a2 = madd(v128.load(xr, 8), d, a2);
          a3 = madd(v128.load(xr, 12), d, a3);
          a4 = madd(v128.load(xr, 16), d, a4);
        }
      }
    }
    const at = out + ((<usize>((ky * kw + kx) * oc + o)) << 2);
    const step = <usize>oc << 2;
    store<f32>(at, hsum(a0));
    if (kx + 1 < kw) store<f32>(at + step, hsum(a1));
    if (kx + 2 < kw) store<f32>(at + 2 * step, hsum(a2));
    if (kx + 3 < kw) store<f32>(at + 3 * step, hsum(a3));
    if (kx + 4 < kw) store<f32>(at + 4 * step, hsum(a4));
  }
}

/**
 * Gradient of 2x2, stride-2, unpadded max pooling of NHWC x ([n, h, w, c]; g: [n, oh, ow, c]):
 * each window's gradient goes to its first maximum in row-major order; dx is zero elsewhere.
 * A window holding NaN passes no gradient.
 */
export function maxPoolGrad2x2(x: usize, g: usize, dx: usize, n: i32, h: i32, w: i32, c: i32, oh: i32, ow: i32,
  from: i32, to: i32): void {
  // Every input of a window is written below; only an odd last row or column is left to zero.
  if (2 * oh < h || 2 * ow < w) memory.fill(dx + ((<usize>(from * h * w * c)) << 2), 0, <usize>((to - from) * h * w * c) << 2);
  const row = <usize>(w * c) << 2;
  const px = <usize>c << 2;
  const c4 = c & ~3;
  for (let b = from; b < to; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const top = (<usize>((b * h + 2 * oy) * w * c)) << 2;
      let gp = g + ((<usize>((b * oh + oy) * ow * c)) << 2);
      for (let ox = 0; ox < ow; ox++) {
        const at = top + <usize>(2 * ox) * px;
        let ch = 0;
        for (; ch < c4; ch += 4, gp += 16) maxPoolGrad4(x, dx, gp, at + (<usize>ch << 2), px, row);
        // A partial last vector (6 channels: LeNet-5's conv1) as the last four channels, overlapping the one
        // before: the lanes both cover get the same values twice.
        if (c4 < c && c4 > 0) {
          maxPoolGrad4(x, dx, gp - ((<usize>(4 - (c - c4))) << 2), at + (<usize>(c - 4) << 2), px, row);
          gp += <usize>(c - c4) << 2;
          ch = c;
        }
        for (; ch < c; ch++, gp += 4) {
          const o = at + (<usize>ch << 2);
          const a = load<f32>(x + o);
          const bb = load<f32>(x + o + px);
          const cc = load<f32>(x + o + row);
          const d = load<f32>(x + o + row + px);
          const m = max(max(a, bb), max(cc, d));
          const gv = load<f32>(gp);
          const at: i32 = a == m ? 0 : bb == m ? 1 : cc == m ? 2 : d == m ? 3 : 4;
          store<f32>(dx + o, at == 0 ? gv : 0);
          store<f32>(dx + o + px, at == 1 ? gv : 0);
          store<f32>(dx + o + row, at == 2 ? gv : 0);
          store<f32>(dx + o + row + px, at == 3 ? gv : 0);
        }
      }
    }
  }
}

/** One 2x2 window's gradient for four channels: x and dx at offset o, the window's gradient at gp. */
@inline function maxPoolGrad4(x: usize, dx: usize, gp: usize, o: usize, px: usize, row: usize): void {
  const a = v128.load(x + o);
  const bb = v128.load(x + o + px);
  const cc = v128.load(x + o + row);
  const d = v128.load(x + o + row + px);
  const m = f32x4.max(f32x4.max(a, bb), f32x4.max(cc, d));
  const gv = v128.load(gp);
  const ea = f32x4.eq(a, m);
  const eb = v128.andnot(f32x4.eq(bb, m), ea);
  const seen = v128.or(ea, eb);
  const ec = v128.andnot(f32x4.eq(cc, m), seen);
  const ed = v128.andnot(f32x4.eq(d, m), v128.or(seen, ec));
  v128.store(dx + o, v128.and(gv, ea));
  v128.store(dx + o + px, v128.and(gv, eb));
  v128.store(dx + o + row, v128.and(gv, ec));
  v128.store(dx + o + row + px, v128.and(gv, ed));
}

/** Stores the first `count` (1-4) lanes of v at p. */
@inline function storeLanes(p: usize, v: v128, count: i32): void {
  if (count >= 4) v128.store(p, v);
  else {
    if (count >= 2) v128.store64_lane(p, v, 0);
    else v128.store32_lane(p, v, 0);
    if (count == 3) v128.store32_lane(p + 8, v, 2);
  }
}

/**
 * Stride-1 convolution, plus bias and an optional ReLU:
 * out[b][y][x][o] = act(bias[o] + sum over (ky, kx, ci) of xp[b][y + ky][x + kx][ci] * wp[ky][kx][ci][o]),
 * out NHWC ([n, oh, ow, oc]). xp is the zero-padded input (ph rows of pw pixels of c floats per image); wp
 * and bias hold ocp floats per tap (ocp = oc rounded up to 8, zero past oc). A row of kw pixels' c channels
 * is kw·c contiguous taps. Four pixels at a time share each weight load, in eight independent accumulators.
 * The image's own rows are rows top to top + rows of xp; taps on padding rows are skipped (an input
 * gradient's full correlation pads by the kernel size less one: LeNet-5's conv2 skips 29% of its taps).
 */
export function convForward(xp: usize, wp: usize, bias: usize, out: usize, n: i32, oh: i32, ow: i32, ph: i32, pw: i32,
  kh: i32, kw: i32, c: i32, oc: i32, ocp: i32, relu: i32, top: i32, rows: i32, from: i32, to: i32): void {
  const zero = f32x4.splat(0);
  const step = <usize>oc << 2;
  const cs = <usize>c << 2;
  const taps = kw * c;
  const wstep = <usize>ocp << 2;
  for (let r = from; r < to; r++) {
    {
      const b = r / oh;
      const y = r - b * oh;
      // Only the taps on the image's own rows (top to top + rows of the padded input): the rest multiply zeros.
      const ky0 = max(0, top - y);
      const ky1 = min(kh, top + rows - y);
      const outRow = out + ((<usize>(r * ow * oc)) << 2);
      for (let ob = 0; ob < ocp; ob += 8) {
        const bv0 = v128.load(bias + (<usize>ob << 2));
        const bv1 = v128.load(bias + (<usize>ob << 2), 16);
        const n0 = min(4, oc - ob);
        const n1 = oc - ob - 4;
        let x = 0;
        for (; x + 4 <= ow; x += 4) {
          let a0 = bv0, a1 = bv1, b0 = bv0, b1 = bv1, c0 = bv0, c1 = bv1, d0 = bv0, d1 = bv1;
          for (let ky = ky0; ky < ky1; ky++) {
            let xr = xp + ((<usize>(((b * ph + y + ky) * pw + x) * c)) << 2);
            let wr = wp + ((<usize>(ky * taps * ocp + ob)) << 2);
            for (let t = 0; t < taps; t++, xr += 4, wr += wstep) {
              const w0 = v128.load(wr);
              const w1 = v128.load(wr, 16);
              const p0 = v128.load32_splat(xr);
              const p1 = v128.load32_splat(xr + cs);
              const p2 = v128.load32_splat(xr + 2 * cs);
              const p3 = v128.load32_splat(xr + 3 * cs);
              a0 = madd(p0, w0, a0); a1 = madd(p0, w1, a1);
              b0 = madd(p1, w0, b0); b1 = madd(p1, w1, b1);
              c0 = madd(p2, w0, c0); c1 = madd(p2, w1, c1);
              d0 = madd(p3, w0, d0); d1 = madd(p3, w1, d1);
            }
          }
          if (relu) {
            a0 = f32x4.max(a0, zero); a1 = f32x4.max(a1, zero); b0 = f32x4.max(b0, zero); b1 = f32x4.max(b1, zero);
            c0 = f32x4.max(c0, zero); c1 = f32x4.max(c1, zero); d0 = f32x4.max(d0, zero); d1 = f32x4.max(d1, zero);
          }
          const dst = outRow + ((<usize>(x * oc + ob)) << 2);
          storeLanes(dst, a0, n0); if (n1 > 0) storeLanes(dst + 16, a1, n1);
          storeLanes(dst + step, b0, n0); if (n1 > 0) storeLanes(dst + step + 16, b1, n1);
          storeLanes(dst + 2 * step, c0, n0); if (n1 > 0) storeLanes(dst + 2 * step + 16, c1, n1);
          storeLanes(dst + 3 * step, d0, n0); if (n1 > 0) storeLanes(dst + 3 * step + 16, d1, n1);
        }
        for (; x < ow; x++) {
          let a0 = bv0, a1 = bv1;
          for (let ky = ky0; ky < ky1; ky++) {
            let xr = xp + ((<usize>(((b * ph + y + ky) * pw + x) * c)) << 2);
            let wr = wp + ((<usize>(ky * taps * ocp + ob)) << 2);
            for (let t = 0; t < taps; t++, xr += 4, wr += wstep) {
              const p0 = v128.load32_splat(xr);
              a0 = madd(p0, v128.load(wr), a0);
              a1 = madd(p0, v128.load(wr, 16), a1);
            }
          }
          if (relu) { a0 = f32x4.max(a0, zero); a1 = f32x4.max(a1, zero); }
          const dst = outRow + ((<usize>(x * oc + ob)) << 2);
          storeLanes(dst, a0, n0); if (n1 > 0) storeLanes(dst + 16, a1, n1);
        }
      }
    }
  }
}

/**
 * Per-channel sums over the rows of an [rows, c] array (a bias gradient), into sum[0..c). When
 * `y` is non-zero, first masks dy by y > 0 (the gradient through a ReLU whose output is y) and
 * writes the masked gradient to g. `acc` is scratch for lcm(c, 4) floats.
 */
export function reluGradSum(dy: usize, y: usize, g: usize, sum: usize, acc: usize, rows: i32, c: i32): void {
  const total = rows * c;
  if (y) {
    const zero = f32x4.splat(0);
    const end = total & ~3;
    for (let i = 0; i < end; i += 4) {
      const o = <usize>i << 2;
      v128.store(g + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)));
    }
    for (let i = end; i < total; i++) {
      const o = <usize>i << 2;
      store<f32>(g + o, load<f32>(y + o) > 0 ? load<f32>(dy + o) : 0);
    }
  }
  const src = y ? g : dy;
  // Sum in vectors over a period of lcm(c, 4) floats, so that lane j of the period is always channel j % c.
  const period = c % 4 == 0 ? c : c % 2 == 0 ? 2 * c : 4 * c;
  memory.fill(acc, 0, <usize>period << 2);
  const chunks = total / period;
  for (let k = 0; k < chunks; k++) {
    const base = src + (<usize>(k * period) << 2);
    for (let v = 0; v < period; v += 4) {
      const a = acc + (<usize>v << 2);
      v128.store(a, f32x4.add(v128.load(a), v128.load(base + (<usize>v << 2))));
    }
  }
  for (let j = 0; j < c; j++) store<f32>(sum + (<usize>j << 2), 0);
  for (let j = 0; j < period; j++) {
    const s = sum + (<usize>(j % c) << 2);
    store<f32>(s, load<f32>(s) + load<f32>(acc + (<usize>j << 2)));
  }
  for (let i = chunks * period; i < total; i++) {
    const s = sum + (<usize>(i % c) << 2);
    store<f32>(s, load<f32>(s) + load<f32>(src + (<usize>i << 2)));
  }
}

/**
 * One Adam step over `count` weights, as tfjs computes it in float32, from w, m, v into wo, mo, vo (the same
 * buffers, or others: then a step reads tfjs's tensors and writes its new ones with no copy):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; w -= lr (m/c1) / (sqrt(v/c2) + eps).
 */
export function adamStep(w: usize, m: usize, v: usize, g: usize, wo: usize, mo: usize, vo: usize, count: i32,
  b1: f32, b2: f32, eps: f32, lr: f32, c1: f32, c2: f32): void {
  const vb1 = f32x4.splat(b1), vk1 = f32x4.splat(1 - b1), vb2 = f32x4.splat(b2), vk2 = f32x4.splat(1 - b2);
  const veps = f32x4.splat(eps), vlr = f32x4.splat(lr), vc1 = f32x4.splat(c1), vc2 = f32x4.splat(c2);
  const end = count & ~3;
  for (let i = 0; i < end; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vk1, gi));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(vk2, f32x4.mul(gi, gi)));
    v128.store(mo + o, mi);
    v128.store(vo + o, vi);
    const step = f32x4.div(f32x4.mul(vlr, f32x4.div(mi, vc1)), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), veps));
    v128.store(wo + o, f32x4.sub(v128.load(w + o), step));
  }
  for (let i = end; i < count; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = b1 * load<f32>(m + o) + (1 - b1) * gi;
    const vi = b2 * load<f32>(v + o) + (1 - b2) * gi * gi;
    store<f32>(mo + o, mi);
    store<f32>(vo + o, vi);
    store<f32>(wo + o, load<f32>(w + o) - (lr * (mi / c1)) / (Mathf.sqrt(vi / c2) + eps));
  }
}

/** One SGD step in place over `count` weights, as tfjs computes it in float32: w = w + (-lr·g). */
export function sgdStep(w: usize, g: usize, count: i32, lr: f32): void {
  const vneg = f32x4.splat(-lr);
  const end = count & ~3;
  for (let i = 0; i < end; i += 4) {
    const o = <usize>i << 2;
    v128.store(w + o, f32x4.add(v128.load(w + o), f32x4.mul(vneg, v128.load(g + o))));
  }
  for (let i = end; i < count; i++) {
    const o = <usize>i << 2;
    store<f32>(w + o, load<f32>(w + o) + -lr * load<f32>(g + o));
  }
}

/**
 * out[m][n] = sum over p < k of A(i, p) · B(p, j), for the small products of a dense layer at small batches
 * (where XNNPACK packs a weight matrix per call and the packing costs more than the product). A is stored
 * m x k, or k x m when transA; B is stored k x n, or n x k when transB. Rows of B (and of out) run in SIMD
 * when B is stored k x n; with transB each output is a dot product of two contiguous rows.
 */
export function matMulSmall(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, transA: i32, transB: i32,
  from: i32, to: i32): void {
  const n4 = n & ~3;
  if (!transB) {
    for (let i = from; i < to; i++) {
      const o = out + ((<usize>(i * n)) << 2);
      memory.fill(o, 0, <usize>n << 2);
      for (let p = 0; p < k; p++) {
        const av = load<f32>(a + ((<usize>(transA ? p * m + i : i * k + p)) << 2));
        if (av == 0) continue; // ReLU zeros and one-hot rows: common, and free to skip
        const s = f32x4.splat(av);
        const br = b + ((<usize>(p * n)) << 2);
        let j = 0;
        for (; j < n4; j += 4) {
          const at = o + (<usize>j << 2);
          v128.store(at, madd(s, v128.load(br + (<usize>j << 2)), v128.load(at)));
        }
        for (; j < n; j++) {
          const at = o + (<usize>j << 2);
          store<f32>(at, load<f32>(at) + av * load<f32>(br + (<usize>j << 2)));
        }
      }
    }
    return;
  }
  const k4 = k & ~3;
  for (let i = from; i < to; i++) {
    for (let j = 0; j < n; j++) {
      const br = b + ((<usize>(j * k)) << 2);
      let sum: f32 = 0;
      if (!transA) {
        const ar = a + ((<usize>(i * k)) << 2);
        let acc = f32x4.splat(0);
        let p = 0;
        for (; p < k4; p += 4) acc = madd(v128.load(ar + (<usize>p << 2)), v128.load(br + (<usize>p << 2)), acc);
        sum = hsum(acc);
        for (; p < k; p++) sum += load<f32>(ar + (<usize>p << 2)) * load<f32>(br + (<usize>p << 2));
      } else {
        for (let p = 0; p < k; p++) sum += load<f32>(a + ((<usize>(p * m + i)) << 2)) * load<f32>(br + (<usize>p << 2));
      }
      store<f32>(out + ((<usize>(i * n + j)) << 2), sum);
    }
  }
}

/** Adds a vector's first `count` lanes (1 to 4) to the floats at p. */
@inline function addLanes(p: usize, v: v128, count: i32): void {
  if (count >= 4) v128.store(p, f32x4.add(v128.load(p), v));
  else {
    store<f32>(p, load<f32>(p) + f32x4.extract_lane(v, 0));
    if (count > 1) store<f32>(p, load<f32>(p, 4) + f32x4.extract_lane(v, 1), 4);
    if (count > 2) store<f32>(p, load<f32>(p, 8) + f32x4.extract_lane(v, 2), 8);
  }
}

/**
 * How many bytes of images (their padded input and their output gradient) {@link filterGrad} takes in one
 * pass of all its units: a quarter of the smallest L2 cache seen here (512 KB, AMD EPYC), so that they stay
 * in cache from one unit to the next.
 */
const FILTER_GRAD_IMAGE_BYTES = 128 << 10;

/**
 * Filter gradient of a stride-1 convolution with c input channels:
 * out[ky][kx][ci][o] = sum over (b, y, x) of xp[b][y + ky][x + kx][ci] * dy[b][y][x][o], where xp is the
 * zero-padded input (ph rows of pw pixels of c floats per image) and dy is NHWC ([n, oh, ow, oc]); out is
 * a tfjs filter ([kh, kw, c, oc]). Four input channels by eight output channels at a time, in eight
 * independent accumulators, over the output pixels of a group of images; the first `six` blocks of channels
 * are six wide, in twelve accumulators ({@link filterGrad6}: six channels, as in LeNet-5's conv2, are one
 * block with no idle lanes, not a block of four and one of two). Lanes past c or oc read the next pixel's
 * values (or the 32 readable bytes after a buffer) and are not stored. `from, to`: a range of (tap, block of
 * input channels) pairs, tap-major; a tap has `six` + ceil((c - 6·six) / 4) blocks.
 * Images go in groups of {@link FILTER_GRAD_IMAGE_BYTES}, every unit of the range over one group before the
 * next, each group's sums added to out: a unit's pass over all images at once read them all from memory
 * again (the CIFAR LeNet's conv2 at batch 64: 2.6 MB for each of its 144 passes, 13.4 ms at 8.6 GFLOP/s in
 * Node, where LeNet-5's conv2, whose 0.6 MB stay in cache, ran at 32). The group depends on the shapes
 * alone, so the sums' order, and the result, does not depend on the threads.
 */
export function filterGrad(xp: usize, dy: usize, out: usize, n: i32, oh: i32, ow: i32, ph: i32, pw: i32,
  kh: i32, kw: i32, c: i32, oc: i32, six: i32, from: i32, to: i32): void {
  const cb = six + ((c - 6 * six + 3) >> 2);
  const cs = <usize>c << 2;
  const ds = <usize>oc << 2;
  for (let r = from; r < to; r++) {
    const t = r / cb;
    const blk = r - t * cb;
    const ci = blk < six ? blk * 6 : 6 * six + ((blk - six) << 2);
    const cn = blk < six ? 6 : min(4, c - ci);
    memory.fill(out + ((<usize>((t * c + ci) * oc)) << 2), 0, <usize>(cn * oc) << 2);
  }
  const group = max(1, FILTER_GRAD_IMAGE_BYTES / ((ph * pw * c + oh * ow * oc) << 2));
  for (let g = 0; g < n; g += group) {
    const gEnd = min(n, g + group);
    for (let r = from; r < to; r++) {
      const t = r / cb;
      const blk = r - t * cb;
      const ky = t / kw;
      const kx = t - ky * kw;
      if (blk < six) {
        filterGrad6(xp, dy, out, g, gEnd, oh, ow, ph, pw, c, oc, t, ky, kx, blk * 6);
        continue;
      }
      const ci = 6 * six + ((blk - six) << 2);
      const cn = min(4, c - ci);
      for (let ob = 0; ob < oc; ob += 8) {
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
        let c0 = f32x4.splat(0), c1 = f32x4.splat(0), d0 = f32x4.splat(0), d1 = f32x4.splat(0);
        for (let b = g; b < gEnd; b++) {
          for (let y = 0; y < oh; y++) {
            let xr = xp + ((<usize>(((b * ph + y + ky) * pw + kx) * c + ci)) << 2);
            let dr = dy + ((<usize>(((b * oh + y) * ow) * oc + ob)) << 2);
            for (let x = 0; x < ow; x++, xr += cs, dr += ds) {
              const w0 = v128.load(dr);
              const w1 = v128.load(dr, 16);
              const p0 = v128.load32_splat(xr);
              const p1 = v128.load32_splat(xr + 4);
              const p2 = v128.load32_splat(xr + 8);
              const p3 = v128.load32_splat(xr + 12);
              a0 = madd(p0, w0, a0); a1 = madd(p0, w1, a1);
              b0 = madd(p1, w0, b0); b1 = madd(p1, w1, b1);
              c0 = madd(p2, w0, c0); c1 = madd(p2, w1, c1);
              d0 = madd(p3, w0, d0); d1 = madd(p3, w1, d1);
            }
          }
        }
        const n0 = min(4, oc - ob);
        const n1 = oc - ob - 4;
        const dst = out + ((<usize>((t * c + ci) * oc + ob)) << 2);
        addLanes(dst, a0, n0); if (n1 > 0) addLanes(dst + 16, a1, n1);
        if (cn > 1) { addLanes(dst + ds, b0, n0); if (n1 > 0) addLanes(dst + ds + 16, b1, n1); }
        if (cn > 2) { addLanes(dst + 2 * ds, c0, n0); if (n1 > 0) addLanes(dst + 2 * ds + 16, c1, n1); }
        if (cn > 3) { addLanes(dst + 3 * ds, d0, n0); if (n1 > 0) addLanes(dst + 3 * ds + 16, d1, n1); }
      }
    }
  }
}

/**
 * {@link filterGrad} for the six input channels from ci at tap t (row ky, column kx), over images
 * b0 <= b < b1, added to out: twelve accumulators.
 */
function filterGrad6(xp: usize, dy: usize, out: usize, b0: i32, b1: i32, oh: i32, ow: i32, ph: i32, pw: i32,
  c: i32, oc: i32, t: i32, ky: i32, kx: i32, ci: i32): void {
  const cs = <usize>c << 2;
  const ds = <usize>oc << 2;
  for (let ob = 0; ob < oc; ob += 8) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0v = f32x4.splat(0), b1v = f32x4.splat(0);
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), d0 = f32x4.splat(0), d1 = f32x4.splat(0);
    let e0 = f32x4.splat(0), e1 = f32x4.splat(0), f0 = f32x4.splat(0), f1 = f32x4.splat(0);
    for (let b = b0; b < b1; b++) {
      for (let y = 0; y < oh; y++) {
        let xr = xp + ((<usize>(((b * ph + y + ky) * pw + kx) * c + ci)) << 2);
        let dr = dy + ((<usize>(((b * oh + y) * ow) * oc + ob)) << 2);
        for (let x = 0; x < ow; x++, xr += cs, dr += ds) {
          const w0 = v128.load(dr);
          const w1 = v128.load(dr, 16);
          let p = v128.load32_splat(xr);
          a0 = madd(p, w0, a0); a1 = madd(p, w1, a1);
          p = v128.load32_splat(xr + 4);
          b0v = madd(p, w0, b0v); b1v = madd(p, w1, b1v);
          p = v128.load32_splat(xr + 8);
          c0 = madd(p, w0, c0); c1 = madd(p, w1, c1);
          p = v128.load32_splat(xr + 12);
          d0 = madd(p, w0, d0); d1 = madd(p, w1, d1);
          p = v128.load32_splat(xr + 16);
          e0 = madd(p, w0, e0); e1 = madd(p, w1, e1);
          p = v128.load32_splat(xr + 20);
          f0 = madd(p, w0, f0); f1 = madd(p, w1, f1);
        }
      }
    }
    const n0 = min(4, oc - ob);
    const n1 = oc - ob - 4;
    const dst = out + ((<usize>((t * c + ci) * oc + ob)) << 2);
    addLanes(dst, a0, n0); if (n1 > 0) addLanes(dst + 16, a1, n1);
    addLanes(dst + ds, b0v, n0); if (n1 > 0) addLanes(dst + ds + 16, b1v, n1);
    addLanes(dst + 2 * ds, c0, n0); if (n1 > 0) addLanes(dst + 2 * ds + 16, c1, n1);
    addLanes(dst + 3 * ds, d0, n0); if (n1 > 0) addLanes(dst + 3 * ds + 16, d1, n1);
    addLanes(dst + 4 * ds, e0, n0); if (n1 > 0) addLanes(dst + 4 * ds + 16, e1, n1);
    addLanes(dst + 5 * ds, f0, n0); if (n1 > 0) addLanes(dst + 5 * ds + 16, f1, n1);
  }
}

/**
 * out[i][j] = sum over p < k of A(i, p) · B[p][j] for rows from <= i < to: a product large enough to
 * split over threads (a dense layer at batch 64 and its gradients). A is stored m x k, or k x m when
 * transA; B is stored k x n. Blocks of four rows by eight columns in eight independent accumulators,
 * columns outermost so that a block's k x 8 slice of B stays in cache across the rows. Lanes past n read
 * the next row of B (or the 32 readable bytes after it) and are not stored; rows past the range reuse its
 * last row.
 */
export function gemm(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, transA: i32, from: i32, to: i32): void {
  const bs = <usize>n << 2;
  for (let j = 0; j < n; j += 8) {
    const n0 = min(4, n - j);
    const n1 = n - j - 4;
    for (let i = from; i < to; i += 4) {
      const rows = min(4, to - i);
      const i1 = min(i + 1, to - 1), i2 = min(i + 2, to - 1), i3 = min(i + 3, to - 1);
      // Where A(row, 0) is and how far apart A(row, p) and A(row, p + 1) are.
      const step: usize = transA ? <usize>m << 2 : 4;
      let r0 = a + ((<usize>(transA ? i : i * k)) << 2);
      let r1 = a + ((<usize>(transA ? i1 : i1 * k)) << 2);
      let r2 = a + ((<usize>(transA ? i2 : i2 * k)) << 2);
      let r3 = a + ((<usize>(transA ? i3 : i3 * k)) << 2);
      let br = b + (<usize>j << 2);
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), d0 = f32x4.splat(0), d1 = f32x4.splat(0);
      for (let p = 0; p < k; p++, br += bs, r0 += step, r1 += step, r2 += step, r3 += step) {
        const w0 = v128.load(br);
        const w1 = v128.load(br, 16);
        const p0 = v128.load32_splat(r0);
        const p1 = v128.load32_splat(r1);
        const p2 = v128.load32_splat(r2);
        const p3 = v128.load32_splat(r3);
        a0 = madd(p0, w0, a0); a1 = madd(p0, w1, a1);
        b0 = madd(p1, w0, b0); b1 = madd(p1, w1, b1);
        c0 = madd(p2, w0, c0); c1 = madd(p2, w1, c1);
        d0 = madd(p3, w0, d0); d1 = madd(p3, w1, d1);
      }
      const dst = out + ((<usize>(i * n + j)) << 2);
      storeLanes(dst, a0, n0); if (n1 > 0) storeLanes(dst + 16, a1, n1);
      if (rows > 1) { storeLanes(dst + bs, b0, n0); if (n1 > 0) storeLanes(dst + bs + 16, b1, n1); }
      if (rows > 2) { storeLanes(dst + 2 * bs, c0, n0); if (n1 > 0) storeLanes(dst + 2 * bs + 16, c1, n1); }
      if (rows > 3) { storeLanes(dst + 3 * bs, d0, n0); if (n1 > 0) storeLanes(dst + 3 * bs + 16, d1, n1); }
    }
  }
}

/**
 * Per-channel sums over the `total` floats of channels-last data with c channels, into out[0..c):
 * mode 0 sums p, mode 1 sums (p - m)², mode 2 sums p · (q - m), where m holds a channel's mean
 * repeated over the period (lcm(c, 4) floats, lane j being channel j % c). `acc` is scratch for a
 * period. A batch normalisation's statistics and its gradient's two sums, each in one pass.
 */
export function channelMoments(p: usize, q: usize, m: usize, acc: usize, out: usize, total: i32, c: i32,
  period: i32, mode: i32): void {
  memory.fill(acc, 0, <usize>period << 2);
  const chunks = total / period;
  for (let k = 0; k < chunks; k++) {
    const base = <usize>(k * period) << 2;
    for (let v = 0; v < period; v += 4) {
      const o = <usize>v << 2;
      const x = v128.load(p + base + o);
      let s: v128;
      if (mode == 0) s = x;
      else if (mode == 1) {
        const d = f32x4.sub(x, v128.load(m + o));
        s = f32x4.mul(d, d);
      } else s = f32x4.mul(x, f32x4.sub(v128.load(q + base + o), v128.load(m + o)));
      v128.store(acc + o, f32x4.add(v128.load(acc + o), s));
    }
  }
  for (let j = 0; j < c; j++) store<f32>(out + (<usize>j << 2), 0);
  for (let j = 0; j < period; j++) {
    const s = out + (<usize>(j % c) << 2);
    store<f32>(s, load<f32>(s) + load<f32>(acc + (<usize>j << 2)));
  }
  for (let i = chunks * period; i < total; i++) {
    const j = i - chunks * period;
    const o = <usize>i << 2;
    const x = load<f32>(p + o);
    const mean = load<f32>(m + (<usize>j << 2));
    const s = mode == 0 ? x : mode == 1 ? (x - mean) * (x - mean) : x * (load<f32>(q + o) - mean);
    const at = out + (<usize>(i % c) << 2);
    store<f32>(at, load<f32>(at) + s);
  }
}

/**
 * out = p · a + q · b + k over `total` floats of channels-last data, a, b and k per channel repeated
 * over the period (lcm(c, 4) floats); q = 0 leaves out the q · b term. A batch normalisation's output
 * (x · scale + shift) and its input gradient (dy · a + x · b + k), each in one pass.
 */
export function channelAffine(p: usize, q: usize, out: usize, a: usize, b: usize, k: usize, total: i32,
  period: i32): void {
  const chunks = total / period;
  for (let n = 0; n < chunks; n++) {
    const base = <usize>(n * period) << 2;
    for (let v = 0; v < period; v += 4) {
      const o = <usize>v << 2;
      let r = f32x4.add(f32x4.mul(v128.load(p + base + o), v128.load(a + o)), v128.load(k + o));
      if (q) r = f32x4.add(r, f32x4.mul(v128.load(q + base + o), v128.load(b + o)));
      v128.store(out + base + o, r);
    }
  }
  for (let i = chunks * period; i < total; i++) {
    const j = <usize>(i - chunks * period) << 2;
    const o = <usize>i << 2;
    let r = load<f32>(p + o) * load<f32>(a + j) + load<f32>(k + j);
    if (q) r += load<f32>(q + o) * load<f32>(b + j);
    store<f32>(out + o, r);
  }
}

/**
 * An inverted-dropout mask of `count` floats at `out`: 0 where mulberry32's draw u (model/rng.ts) is below
 * `limit` (⌈rate·2³²⌉), else `keep`. Element i draws with the state seed + (i + 1)·0x6d2b79f5, as a
 * mulberry32(seed) called i + 1 times does: four lanes at once, the same values as model/layers.ts's loop.
 */
export function dropoutMask(out: usize, count: i32, seed: i32, limit: u32, keep: f32): void {
  const C: i32 = 0x6d2b79f5;
  let a = i32x4.add(i32x4.splat(seed), i32x4(0x6d2b79f5, 0xda56f3ea, 0x47826ddf, 0xb4ade7d4));
  const step = i32x4.splat(C << 2);
  const one = i32x4.splat(1);
  const s61 = i32x4.splat(61);
  const lim = i32x4.splat(<i32>limit);
  const kv = f32x4.splat(keep);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    let t = a;
    t = i32x4.mul(v128.xor(t, i32x4.shr_u(t, 15)), v128.or(t, one));
    t = v128.xor(t, i32x4.add(t, i32x4.mul(v128.xor(t, i32x4.shr_u(t, 7)), v128.or(t, s61))));
    t = v128.xor(t, i32x4.shr_u(t, 14));
    const drop = i32x4.lt_u(t, lim);
    v128.store(out + (<usize>i << 2), v128.andnot(kv, drop));
    a = i32x4.add(a, step);
  }
  let s: i32 = seed + i * C;
  for (; i < count; i++) {
    s += C;
    let t = s;
    t = (t ^ (t >>> 15)) * (t | 1);
    t ^= t + (t ^ (t >>> 7)) * (t | 61);
    store<f32>(out + (<usize>i << 2), <u32>(t ^ (t >>> 14)) < limit ? 0 : keep);
  }
}

/**
 * Input gradient of a stride-1 NHWC convolution by scattering products, for images from <= b < to of
 * dy [n, oh, ow, oc]: the products of each pixel's oc gradients with every tap (gemm of the image
 * [oh·ow, oc] by wt [oc, kh·kw·c], the filter transposed) go to `cols` (oh·ow·kh·kw·c floats for each
 * image, so that threads owning different images never share one), then each pixel's products
 * are added into dx [n, h, w, c] where its taps fall inside the input (a run of kw·c contiguous floats per
 * kernel row). Only products that land are wasted on nothing: the full correlation of dy with the
 * rotated filter, the other way to compute it, multiplies the padding around dy (29% of LeNet-5's conv2).
 * dx is zeroed here; each element sums in the same order on any thread count.
 */
export function convInputGrad(dy: usize, wt: usize, dx: usize, cols: usize, n: i32, oh: i32, ow: i32, oc: i32,
  kh: i32, kw: i32, c: i32, h: i32, w: i32, top: i32, left: i32, from: i32, to: i32): void {
  const taps = kh * kw * c;
  for (let b = from; b < to; b++) {
    const img = dx + ((<usize>(b * h * w * c)) << 2);
    memory.fill(img, 0, <usize>(h * w * c) << 2);
    const col = cols + ((<usize>(b * oh * ow * taps)) << 2);
    gemm(dy + ((<usize>(b * oh * ow * oc)) << 2), wt, col, oh * ow, oc, taps, 0, 0, oh * ow);
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const kx0 = max(0, left - x);
        const kx1 = min(kw, w + left - x);
        if (kx0 >= kx1) continue;
        const len = (kx1 - kx0) * c;
        const len4 = len & ~3;
        for (let ky = 0; ky < kh; ky++) {
          const iy = y + ky - top;
          if (iy < 0 || iy >= h) continue;
          const src = col + ((<usize>((y * ow + x) * taps + (ky * kw + kx0) * c)) << 2);
          const dst = img + ((<usize>((iy * w + x + kx0 - left) * c)) << 2);
          let i = 0;
          for (; i < len4; i += 4) {
            const o = <usize>i << 2;
            v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
          }
          for (; i < len; i++) {
            const o = <usize>i << 2;
            store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
          }
        }
      }
    }
  }
}
