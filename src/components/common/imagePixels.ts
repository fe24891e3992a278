/** Copies image `k` of `bytes` (uint8, h·w·c each; c = 1 or 3) into `out` at (ox, oy). */
export function writePixels(
  out: ImageData,
  bytes: Uint8Array,
  k: number,
  shape: [number, number, number],
  ox = 0,
  oy = 0,
) {
  const [h, w, c] = shape;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const src = ((k * h + y) * w + x) * c;
      const d = ((oy + y) * out.width + ox + x) * 4;
      out.data[d] = bytes[src];
      out.data[d + 1] = bytes[src + (c === 3 ? 1 : 0)];
      out.data[d + 2] = bytes[src + (c === 3 ? 2 : 0)];
      out.data[d + 3] = 255;
    }
  }
}
