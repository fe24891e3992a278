#!/usr/bin/env node
// Writes the gallery's results table into the README (between the `recipes:start` and `recipes:end` marks)
// from what the scripts recorded: src/shared/recipeResults.json (`node scripts/experiments.mjs recipes`, the
// app in Chromium) and src/shared/recipeNative.json (`node scripts/recipe_native.mjs`, the exported PyTorch
// script). Never typed by hand: run `node scripts/recipe_table.mjs` (the experiments script runs it too).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const pct = (x) => `${(x * 100).toFixed(2)}%`;
const time = (m) => (m < 60 ? `${m.toFixed(1)} min` : `${(m / 60).toFixed(1)} h`);

/** The README's recipe table as Markdown. */
export async function recipeTable() {
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
  const { RECIPES, RECIPE_NATIVE, recipeVerdict } = await vite.ssrLoadModule('/src/shared/recipes.ts');
  await vite.close();
  const results = JSON.parse(readFileSync('src/shared/recipeResults.json', 'utf8'));
  const rows = RECIPES.map((r) => {
    const m = results[r.id];
    const n = RECIPE_NATIVE[r.id];
    const app = m
      ? `${pct(m.bestTestAcc)} (${m.epochs}${m.status === 'done' ? ' epochs' : ` of ${r.config.epochs} epochs, ${m.status}`})`
      : 'not run yet';
    // A run stopped early is not compared with the source: it has not had the source's epochs.
    const verdict = m?.status === 'done' ? recipeVerdict(r.reported, m.bestTestAcc) : null;
    const native = n ? `${pct(Math.max(...n.testAcc))} (${n.testAcc.length} epochs)` : '—';
    return `| ${r.name} | ${pct(r.reported.testAcc)} | ${app} | ${verdict ? (verdict.reproduced ? 'reproduced' : verdict.text.split(':')[0]) : ''} | ${m ? time(m.minutes) : ''} | ${m ? m.samplesPerSec.toLocaleString('en-US') : ''} | ${native} |`;
  });
  return [
    '| recipe | source | this app, best test accuracy | verdict | time here | samples/s | PyTorch, same settings |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Replaces the table between the README's marks. */
export async function writeRecipeTable(path = 'README.md') {
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- recipes:start -->';
  const end = '<!-- recipes:end -->';
  const [a, b] = [readme.indexOf(start), readme.indexOf(end)];
  if (a < 0 || b < a) throw new Error(`${path} has no ${start} … ${end} block`);
  writeFileSync(path, `${readme.slice(0, a + start.length)}\n${await recipeTable()}\n${readme.slice(b)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await writeRecipeTable();
