import { mulberry32 } from '../model/rng';

/**
 * Seeded data augmentation. Digits: random rotation within ±`rotation` degrees and a random shift of
 * up to `shift` pixels each way. Colour images: random horizontal flip and a random crop of the
 * original size from the image zero-padded by `cropPadding` pixels. 0/false turns a transform off.
 */
export interface AugmentConfig {
  rotation: number;
  shift: number;
  flip: boolean;
  cropPadding: number;
}

/** Images shown in the augmentation preview grid. */
export const PREVIEW_COUNT = 16;

export const NO_AUGMENT: AugmentConfig = { rotation: 0, shift: 0, flip: false, cropPadding: 0 };

/** True when any transform is on. */
export const augments = (a: AugmentConfig) => a.rotation > 0 || a.shift > 0 || a.flip || a.cropPadding > 0;

/** The transform drawn for one sample: rotate by `angle` (radians) about the centre, then move by (dx, dy). */
export interface SampleTransform {
  angle: number;
  dx: number;
  dy: number;
  flip: boolean;
}

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
  const u = rand();
  const angle = cfg.rotation > 0 ? ((u * 2 - 1) * cfg.rotation * Math.PI) / 180 : 0;
  const dx = int(cfg.shift) + int(cfg.cropPadding);
  const dy = int(cfg.shift) + int(cfg.cropPadding);
  const flip = cfg.flip && rand() < 0.5;
  return { angle, dx, dy, flip };
}

/**
 * Writes `t` applied to one uint8 image (h, w, c interleaved) into `out` from `offset`, as
 * raw · scale[c] + bias[c] per channel. Pixels that come from outside the image are 0 (black, as
 * padding would be). Bilinear sampling; an integer shift without rotation copies pixels exactly.
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
  const cx = (w - 1) / 2,
    cy = (h - 1) / 2;
  const cos = Math.cos(t.angle),
    sin = Math.sin(t.angle);
  const at = (y: number, x: number, ch: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : src[(y * w + x) * c + ch]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Inverse map: undo the shift, then the rotation (about the centre), then the flip.
      const px = x - t.dx - cx,
        py = y - t.dy - cy;
      let sx = cos * px + sin * py + cx;
      const sy = -sin * px + cos * py + cy;
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
