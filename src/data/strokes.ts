// A drawing as pen strokes, turned into an MNIST-style 28x28 image with MNIST's pen width,
// whatever the size it was drawn at.
import { centreOfMass, DIGIT_BOX, IMAGE_SIZE } from './preprocess';

/** One stroke: the pen's positions, in any unit (canvas pixels). */
export type Stroke = { x: number; y: number }[];

/**
 * Half the pen width, in pixels of the 28x28 image. MNIST's digits, normalised into 20x20, have
 * strokes about 2.5 px wide; drawn with a fixed 20 px brush on a 280 px canvas, a small drawing
 * scaled up came out 6-7 px wide (a blob) and a large one under 2 px.
 */
export const PEN_RADIUS = 1.1;

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/**
 * Renders polylines (in image pixels) onto a size x size image with round caps and joins: a
 * pixel's ink is its coverage by the pen, approximated from its centre's distance to the nearest
 * segment (1 inside, 0 a pixel outside, linear between: anti-aliased edges).
 */
export function renderPolylines(lines: [number, number][][], size: number, radius: number): Float32Array {
  const img = new Float32Array(size * size);
  for (const line of lines) {
    const segs = line.length === 1 ? [[line[0], line[0]]] : line.slice(1).map((p, i) => [line[i], p]);
    for (const [[ax, ay], [bx, by]] of segs) {
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - radius - 1)),
        x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + radius + 1));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - radius - 1)),
        y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + radius + 1));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const cover = Math.max(0, Math.min(1, radius + 0.5 - segmentDistance(x + 0.5, y + 0.5, ax, ay, bx, by)));
          if (cover > img[y * size + x]) img[y * size + x] = cover;
        }
      }
    }
  }
  return img;
}

/** The steps from strokes to the model's input, each drawable (see the page's "what the canvas sends"). */
export interface DigitSteps {
  /** The strokes' bounding box, in the strokes' own units (canvas pixels). */
  box: { x0: number; y0: number; x1: number; y1: number };
  /** The strokes scaled so the box's longer side plus the pen fills 20 px, drawn in the middle of 28x28. */
  boxed: Float32Array;
  /** The centre of mass of `boxed`, in image pixels. */
  com: { x: number; y: number };
  /** `boxed` moved so its centre of mass is at the centre: what the model sees (before normalisation). */
  image: Float32Array;
}

/**
 * Turns pen strokes into an MNIST-style 28x28 image, step by step: the strokes' bounding box is
 * scaled so its longer side plus the pen fills 20 px (keeping the aspect ratio), the strokes are
 * drawn with MNIST's pen width, and the image is moved so its centre of mass sits at the centre.
 * Returns null for no strokes.
 */
export function digitSteps(strokes: Stroke[], radius = PEN_RADIUS): DigitSteps | null {
  const pts = strokes.flat();
  if (pts.length === 0) return null;
  const xs = pts.map((p) => p.x),
    ys = pts.map((p) => p.y);
  const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  const long = Math.max(box.x1 - box.x0, box.y1 - box.y0);
  const scale = long > 0 ? (DIGIT_BOX - 2 * radius) / long : 0;
  const place = (ox: number, oy: number) =>
    strokes.map((s) =>
      s.map((p): [number, number] => [
        (p.x - (box.x0 + box.x1) / 2) * scale + ox,
        (p.y - (box.y0 + box.y1) / 2) * scale + oy,
      ]),
    );
  const boxed = renderPolylines(place(IMAGE_SIZE / 2, IMAGE_SIZE / 2), IMAGE_SIZE, radius);
  const com = centreOfMass(boxed, IMAGE_SIZE, IMAGE_SIZE);
  const image = renderPolylines(place(IMAGE_SIZE - com.x, IMAGE_SIZE - com.y), IMAGE_SIZE, radius);
  return { box, boxed, com, image };
}

/** The 28x28 image the model sees for `strokes` (values in [0, 1]), or null for no strokes. See {@link digitSteps}. */
export function strokesToDigit(strokes: Stroke[], radius = PEN_RADIUS): Float32Array | null {
  return digitSteps(strokes, radius)?.image ?? null;
}
