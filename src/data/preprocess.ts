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
