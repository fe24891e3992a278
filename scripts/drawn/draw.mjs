// Digits as pen strokes, drawn the way people draw them: glyphs from two sources, each drawn at
// random sizes, positions, slants and rotations with a wobbling hand (see strokes.mjs).
// Sources:
//   fonts  Hershey font digits (the public-domain Hershey engraving fonts, from the npm package
//          hersheytext, MIT): sans, serif, italic, bold and script styles. Augmentation is tuned on these.
//   hand   digits authored by hand for this project in people's writing styles
//          (scripts/drawn/handTemplates.mjs). The starter's accuracy on drawings is reported on these.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HAND_TEMPLATES } from './handTemplates.mjs';
import { mulberry32 } from '../lib/rng.mjs';

const require = createRequire(import.meta.url);

const rng = mulberry32;

/** Hershey fonts whose digits are written the way people write them (no gothic). */
const FONTS = ['futural', 'futuram', 'timesr', 'timesi', 'timesrb', 'scripts'];

/** A Hershey glyph's path ("M x,y L x,y x,y ...") as strokes. */
function hersheyStrokes(d) {
  return d
    .split('M')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) =>
      s
        .replace('L', ' ')
        .trim()
        .split(/\s+/)
        .map((p) => p.split(',').map(Number)),
    );
}

export function fontDigits() {
  const fonts = JSON.parse(readFileSync(require.resolve('hersheytext/hersheytext.json'), 'utf8'));
  const out = [];
  for (const font of FONTS)
    for (let d = 0; d <= 9; d++)
      out.push({ label: d, style: font, strokes: hersheyStrokes(fonts[font].chars[15 + d].d) });
  return out;
}

export function handDigits() {
  return Object.entries(HAND_TEMPLATES).flatMap(([d, styles]) =>
    Object.entries(styles).map(([style, strokes]) => ({ label: Number(d), style, strokes })),
  );
}

/** Points every `step` along a polyline (a mouse reports positions at about this spacing). */
function resample(points, step) {
  const out = [points[0]];
  let carry = 0;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    const len = Math.hypot(x1 - x0, y1 - y0);
    let t = step - carry;
    while (t <= len) {
      out.push([x0 + ((x1 - x0) * t) / len, y0 + ((y1 - y0) * t) / len]);
      t += step;
    }
    carry = len - (t - step);
  }
  out.push(points.at(-1));
  return out;
}

/**
 * One drawing of a digit on the canvas (coordinates as fractions of its side): the glyph fitted to a
 * box of random height (25-85% of the canvas) and aspect, slanted and rotated a little, placed at a
 * random position inside the canvas, with hand jitter.
 */
function drawOnce(strokes, rand) {
  const all = strokes.flat();
  const [minX, maxX] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const span = Math.max(maxX - minX, maxY - minY);
  const height = 0.2 + 0.7 * rand();
  const squash = 0.7 + 0.6 * rand();
  const slant = (rand() - 0.5) * 0.7;
  const angle = ((rand() - 0.5) * 30 * Math.PI) / 180;
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const placed = strokes.map((st) =>
    st.map(([x, y]) => {
      const u = (((x - (minX + maxX) / 2) / span) * squash + ((y - (minY + maxY) / 2) / span) * -slant) * height;
      const v = ((y - (minY + maxY) / 2) / span) * height;
      return [c * u - s * v, s * u + c * v];
    }),
  );
  const pts = placed.flat();
  const [lx, hx] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  const [ly, hy] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  const margin = 0.06;
  const ox = margin - lx + rand() * Math.max(0, 1 - 2 * margin - (hx - lx));
  const oy = margin - ly + rand() * Math.max(0, 1 - 2 * margin - (hy - ly));
  const jitter = 0.004;
  // A hand wanders: a slow wobble (two random sines along the stroke, a quarter to one cycle per
  // digit height, up to 3% of it) on top of the mouse's small jitter.
  const wobble = Array.from({ length: 4 }, () => [
    (0.5 + 1.5 * rand()) * Math.PI,
    rand() * 2 * Math.PI,
    0.03 * height * rand(),
  ]);
  const wob = (t, k) =>
    wobble[k][2] * Math.sin(wobble[k][0] * t + wobble[k][1]) +
    wobble[k + 2][2] * Math.sin(wobble[k + 2][0] * t + wobble[k + 2][1]);
  return placed.map((st) =>
    resample(
      st.map(([x, y]) => [x + ox, y + oy]),
      0.02,
    ).map(([x, y], i) => [
      +(x + wob((i * 0.02) / height, 0) + (rand() - 0.5) * jitter).toFixed(4),
      +(y + wob((i * 0.02) / height, 1) + (rand() - 0.5) * jitter).toFixed(4),
    ]),
  );
}

/** `times` drawings of every glyph, seeded. */
export function drawings(glyphs, times, seed) {
  const rand = rng(seed);
  return glyphs.flatMap((g) =>
    Array.from({ length: times }, () => ({ label: g.label, style: g.style, strokes: drawOnce(g.strokes, rand) })),
  );
}
