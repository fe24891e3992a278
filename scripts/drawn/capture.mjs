#!/usr/bin/env node
// Draws every drawing of the drawn-digit sets (e2e/drawn/<source>.json) on the built page's canvas
// with the mouse, as a person would, and records the 28x28 image the page makes of it (the
// canvas.preview): e2e/drawn/<source>.images.json, for scripts/starters.mjs to measure models on.
//   npm run build && node scripts/drawn/capture.mjs [--no-build]
import { readFileSync, writeFileSync } from 'node:fs';
import { startApp } from '../appDriver.mjs';

const SOURCES = ['fonts', 'hand'];
const app = await startApp({ port: 4197, build: !process.argv.includes('--no-build') });
const { page } = app;
await app.open();

const cdp = await page.context().newCDPSession(page);

/**
 * Plays one drawing's strokes on the canvas as real mouse input (the browser's own input events,
 * through the DevTools protocol, sent without waiting for each: 30x faster than one at a time, in
 * the same order) and returns the 28x28 image the page made (bytes).
 */
async function draw(strokes) {
  const canvas = page.getByTestId('canvas.draw');
  await page.getByTestId('canvas.clear').click();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const mouse = (type, [x, y], pressed) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x: box.x + x * box.width,
      y: box.y + y * box.height,
      button: pressed || type !== 'mouseMoved' ? 'left' : 'none',
      buttons: pressed ? 1 : 0,
      clickCount: 1,
    });
  for (const stroke of strokes) {
    await mouse('mouseMoved', stroke[0], false);
    await mouse('mousePressed', stroke[0], true);
    await Promise.all(stroke.slice(1).map((p) => mouse('mouseMoved', p, true)));
    await mouse('mouseReleased', stroke.at(-1), false);
  }
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const c = document.querySelector('[data-testid="canvas.preview"]');
    const d = c.getContext('2d').getImageData(0, 0, 28, 28).data;
    return Array.from({ length: 784 }, (_, i) => d[i * 4]);
  });
}

for (const source of SOURCES) {
  const set = JSON.parse(readFileSync(`e2e/drawn/${source}.json`, 'utf8'));
  const images = [];
  for (const d of set.drawings) images.push(Buffer.from(await draw(d.strokes)).toString('base64'));
  const labels = set.drawings.map((d) => d.label);
  writeFileSync(`e2e/drawn/${source}.images.json`, JSON.stringify({ source, labels, images }));
  console.log(`e2e/drawn/${source}.images.json: ${images.length} images`);
}
await app.close();
