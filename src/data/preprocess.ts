/** Side of the box a digit's longer side is scaled to, as in MNIST. */
export const DIGIT_BOX = 20;
/** Side of the final image. */
export const IMAGE_SIZE = 28;

/** Bounding box of pixels above `threshold` in a w x h intensity image, or null if blank. */
export function inkBounds(ink: Float32Array, w: number, h: number, threshold = 0.02) {
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (ink[y * w + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * Area-averaging resample of the sub-image (sx, sy, sw, sh) of `src` (width `srcW`) to ow x oh.
 * Every output pixel is the mean of the source area it covers, which anti-aliases edges into
 * grey levels the way MNIST's normalisation did.
 */
export function resampleArea(
  src: Float32Array,
  srcW: number,
  sx: number,
  sy: number,
  sw: number,
  sh: number,
  ow: number,
  oh: number,
): Float32Array {
  const out = new Float32Array(ow * oh);
  const fx = sw / ow;
  const fy = sh / oh;
  for (let oy = 0; oy < oh; oy++) {
    const ya = oy * fy,
      yb = ya + fy;
    for (let ox = 0; ox < ow; ox++) {
      const xa = ox * fx,
        xb = xa + fx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          sum += wx * wy * src[(sy + y) * srcW + sx + x];
        }
      }
      out[oy * ow + ox] = sum / (fx * fy);
    }
  }
  return out;
}

/** Centre of mass (x, y) of an intensity image, in pixel-centre coordinates. */
export function centreOfMass(img: Float32Array, w: number, h: number): { x: number; y: number } {
  let m = 0,
    mx = 0,
    my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = img[y * w + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : { x: w / 2, y: h / 2 };
}

/**
 * Turns a drawing into an MNIST-style 28x28 image: crop to the ink's bounding box, scale the
 * longer side to 20 px keeping the aspect ratio (area-averaged grey levels), then place it in
 * 28x28 so its centre of mass sits at the centre. `ink` is w x h in [0, 1], 1 = ink.
 * Returns 784 values in [0, 1], or null for a blank drawing.
 */
export function preprocessDigit(ink: Float32Array, w: number, h: number): Float32Array | null {
  const b = inkBounds(ink, w, h);
  if (!b) return null;
  const scale = DIGIT_BOX / Math.max(b.w, b.h);
  const ow = Math.max(1, Math.round(b.w * scale));
  const oh = Math.max(1, Math.round(b.h * scale));
  const box = resampleArea(ink, w, b.x, b.y, b.w, b.h, ow, oh);
  const com = centreOfMass(box, ow, oh);
  const dx = Math.round(IMAGE_SIZE / 2 - com.x);
  const dy = Math.round(IMAGE_SIZE / 2 - com.y);
  const out = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
  for (let y = 0; y < oh; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= IMAGE_SIZE) continue;
    for (let x = 0; x < ow; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < IMAGE_SIZE) out[ty * IMAGE_SIZE + tx] = Math.min(1, box[y * ow + x]);
    }
  }
  return out;
}

/**
 * RGBA pixels (a canvas's ImageData, already at the dataset's size) → uint8 input bytes with
 * `channels` channels: RGB as is, or BT.601 luma for one channel.
 */
export function rgbaToBytes(rgba: Uint8ClampedArray, channels: 1 | 3): Uint8Array {
  const n = rgba.length / 4;
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]];
    if (channels === 3) out.set([r, g, b], 3 * i);
    else out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return out;
}

/** The source rectangle that covers a `tw` x `th` target from a `sw` x `sh` image: scale to fill, crop the centre. */
export function coverRect(
  sw: number,
  sh: number,
  tw: number,
  th: number,
): { x: number; y: number; w: number; h: number } {
  const scale = Math.max(tw / sw, th / sh);
  const w = tw / scale,
    h = th / scale;
  return { x: (sw - w) / 2, y: (sh - h) / 2, w, h };
}
