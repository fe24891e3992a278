import { mulberry32 } from '../model/rng';

/**
 * Seeded data augmentation. Digits: random rotation within ±`rotation` degrees, scaling by up to
 * ±`scale` percent, slant (horizontal shear) up to ±`slant` degrees, a random shift of up to
 * `shift` pixels each way, stroke thickness changed by up to ±`thickness` pixels (grey dilation or
 * erosion), and an elastic distortion of up to `elastic` pixels (a smooth random displacement, as
 * Simard et al. 2003 found best for handwriting). Colour images: random horizontal flip and a
 * random crop of the original size from the image zero-padded by `cropPadding` pixels.
 * 0/false turns a transform off.
 */
export interface AugmentConfig {
  rotation: number;
  shift: number;
  flip: boolean;
  cropPadding: number;
  /** ± percent of size. */
  scale: number;
  /** ± degrees of slant (shear along x). */
  slant: number;
  /** ± pixels of stroke thickness (whole pixels; single-channel images only). */
  thickness: number;
  /** Largest displacement of the elastic distortion, in pixels. */
  elastic: number;
}

/** Images shown in the augmentation preview grid. */
export const PREVIEW_COUNT = 16;

export const NO_AUGMENT: AugmentConfig = {
  rotation: 0,
  shift: 0,
  flip: false,
  cropPadding: 0,
  scale: 0,
  slant: 0,
  thickness: 0,
  elastic: 0,
};

/** True when any transform is on. */
export const augments = (a: AugmentConfig) =>
  a.rotation > 0 ||
  a.shift > 0 ||
  a.flip ||
  a.cropPadding > 0 ||
  a.scale > 0 ||
  a.slant > 0 ||
  a.thickness > 0 ||
  a.elastic > 0;

/**
 * The transform drawn for one sample: grow or thin strokes by `thicken` pixels, then scale by
 * `scale`, slant by `shear` (x += shear·y), rotate by `angle` (radians) about the centre, displace
 * elastically (`warp`: control-point offsets, or null), then move by (dx, dy).
 */
export interface SampleTransform {
  angle: number;
  dx: number;
  dy: number;
  flip: boolean;
  scale?: number;
  shear?: number;
  thicken?: number;
  /** Offsets (x, y interleaved) at WARP_GRID x WARP_GRID control points spread over the image, in pixels. */
  warp?: Float32Array | null;
}

/** Control points per side of the elastic displacement grid. */
export const WARP_GRID = 4;

/** Mixes three integers into a 32-bit seed (an avalanche hash, so neighbouring inputs differ fully). */
function hash3(a: number, b: number, c: number): number {
  let h =
    Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^
    Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^
    Math.imul(c + 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * The transform for sample `index` in `epoch` of a run with `seed`. It depends only on these three,
 * not on batch size or order, so the same seed always augments the same image the same way.
 */
export function drawTransform(cfg: AugmentConfig, seed: number, epoch: number, index: number): SampleTransform {
  const rand = mulberry32(hash3(seed, epoch, index));
  const int = (max: number) => Math.floor(rand() * (2 * max + 1)) - max;
  const sym = () => rand() * 2 - 1;
  const u = rand();
  const angle = cfg.rotation > 0 ? ((u * 2 - 1) * cfg.rotation * Math.PI) / 180 : 0;
  const dx = int(cfg.shift) + int(cfg.cropPadding);
  const dy = int(cfg.shift) + int(cfg.cropPadding);
  const flip = cfg.flip && rand() < 0.5;
  // Draws for the newer transforms come after the older ones, so their images stay as they were.
  const scale = cfg.scale > 0 ? 1 + (sym() * cfg.scale) / 100 : 1;
  const shear = cfg.slant > 0 ? Math.tan((sym() * cfg.slant * Math.PI) / 180) : 0;
  const thicken = cfg.thickness > 0 ? int(cfg.thickness) : 0;
  const warp =
    cfg.elastic > 0 ? Float32Array.from({ length: 2 * WARP_GRID * WARP_GRID }, () => sym() * cfg.elastic) : null;
  return { angle, dx, dy, flip, scale, shear, thicken, warp };
}

/** `src` (one channel, h x w) with strokes grown (`by` > 0) or thinned (`by` < 0) by |by| pixels: grey dilation or erosion. */
export function thicken(src: Uint8Array, h: number, w: number, by: number): Uint8Array {
  let cur = src;
  for (let k = 0; k < Math.abs(by); k++) {
    const next = new Uint8Array(cur.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = by > 0 ? 0 : 255;
        for (let j = -1; j <= 1; j++) {
          for (let i = -1; i <= 1; i++) {
            if (Math.abs(i) + Math.abs(j) > 1) continue; // a plus-shaped neighbourhood keeps strokes round
            const yy = y + j,
              xx = x + i;
            const s = yy < 0 || xx < 0 || yy >= h || xx >= w ? 0 : cur[yy * w + xx];
            v = by > 0 ? Math.max(v, s) : Math.min(v, s);
          }
        }
        next[y * w + x] = v;
      }
    }
    cur = next;
  }
  return cur;
}

/** The elastic displacement at (x, y): the control offsets interpolated bilinearly (zero without a warp). */
function displacement(warp: Float32Array, x: number, y: number, h: number, w: number): [number, number] {
  const gx = Math.min(WARP_GRID - 1.000001, Math.max(0, (x / (w - 1)) * (WARP_GRID - 1)));
  const gy = Math.min(WARP_GRID - 1.000001, Math.max(0, (y / (h - 1)) * (WARP_GRID - 1)));
  const i = Math.floor(gx),
    j = Math.floor(gy);
  const fx = gx - i,
    fy = gy - j;
  const at = (a: number, b: number, k: number) => warp[2 * (b * WARP_GRID + a) + k];
  const lerp = (k: number) =>
    (1 - fy) * ((1 - fx) * at(i, j, k) + fx * at(i + 1, j, k)) +
    fy * ((1 - fx) * at(i, j + 1, k) + fx * at(i + 1, j + 1, k));
  return [lerp(0), lerp(1)];
}

/**
 * Writes `t` applied to one uint8 image (h, w, c interleaved) into `out` from `offset`, as
 * raw · scale[c] + bias[c] per channel. Pixels that come from outside the image are 0 (black, as
 * padding would be). Bilinear sampling; an integer shift without any other change copies pixels exactly.
 */
export function transformInto(
  src: Uint8Array,
  h: number,
  w: number,
  c: number,
  t: SampleTransform,
  out: Float32Array,
  offset: number,
  scale: number[],
  bias: number[],
): void {
  const img = c === 1 && t.thicken ? thicken(src, h, w, t.thicken) : src;
  const cx = (w - 1) / 2,
    cy = (h - 1) / 2;
  // The forward map is rotate · shear · scale; sample through its inverse.
  const k = t.scale ?? 1,
    sh = t.shear ?? 0;
  const cos = Math.cos(t.angle),
    sin = Math.sin(t.angle);
  const at = (y: number, x: number, ch: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : img[(y * w + x) * c + ch]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Inverse map: undo the shift and the elastic displacement, then rotation, shear and scale (about the centre), then the flip.
      let px = x - t.dx - cx,
        py = y - t.dy - cy;
      if (t.warp) {
        const [ex, ey] = displacement(t.warp, x, y, h, w);
        px -= ex;
        py -= ey;
      }
      const qx = cos * px + sin * py,
        qy = -sin * px + cos * py;
      let sx = (qx - sh * qy) / k + cx;
      const sy = qy / k + cy;
      if (t.flip) sx = w - 1 - sx;
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      const fx = sx - x0,
        fy = sy - y0;
      for (let ch = 0; ch < c; ch++) {
        const v =
          fx < 1e-9 && fy < 1e-9
            ? at(y0, x0, ch)
            : (1 - fy) * ((1 - fx) * at(y0, x0, ch) + fx * at(y0, x0 + 1, ch)) +
              fy * ((1 - fx) * at(y0 + 1, x0, ch) + fx * at(y0 + 1, x0 + 1, ch));
        out[offset + (y * w + x) * c + ch] = v * scale[ch] + bias[ch];
      }
    }
  }
}
