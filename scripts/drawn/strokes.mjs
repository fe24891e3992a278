#!/usr/bin/env node
// Makes the drawn-digit sets as pen strokes (e2e/drawn/<source>.json); scripts/drawn/capture.mjs
// then draws each one on the page's canvas.
//   node scripts/drawn/strokes.mjs
// Sources:
//   fonts  Hershey font digits (the public-domain Hershey engraving fonts, from the npm package
//          hersheytext, MIT): sans, serif, italic, bold and script styles. Augmentation is tuned on these.
//   hand   digits authored by hand for this project in people's writing styles
//          (scripts/drawn/handTemplates.mjs). The starter's accuracy on drawings is reported on these.
import { mkdirSync, writeFileSync } from 'node:fs';
import { drawings, fontDigits, handDigits } from './draw.mjs';

const SETS = {
  fonts: {
    about:
      'Hershey font digits (hersheytext, MIT) in 6 styles, each drawn 3 times at random size, position, slant and rotation with a wobbling hand. Used to choose the augmentation.',
    drawings: drawings(fontDigits(), 3, 1),
  },
  hand: {
    about:
      "Digits authored by hand for this project in 5 writing styles each, each drawn 4 times at random size, position, slant and rotation with a wobbling hand. Used to report the starter's accuracy on drawings.",
    drawings: drawings(handDigits(), 4, 2),
  },
};

mkdirSync('e2e/drawn', { recursive: true });
for (const [source, set] of Object.entries(SETS)) {
  writeFileSync(`e2e/drawn/${source}.json`, JSON.stringify({ source, about: set.about, drawings: set.drawings }));
  console.log(`e2e/drawn/${source}.json: ${set.drawings.length} drawings`);
}
