// Hostile and mutated files and links: every reader the page uses refuses what it cannot use with
// a message (never an exception), and nothing reaches Object.prototype.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { readShareHash, shareHash } from '../../src/store/shareLink';
import { exportRuns, parseRunFile } from '../../src/store/runFile';
import { exportArchitecture, parseArchitecture } from '../../src/model/archSchema';
import { loadModelFiles, ModelFileError, saveModelFiles } from '../../src/workers/modelFiles';
import { buildModel } from '../../src/model/build';
import { presetLayers } from '../../src/model/presets';
import { newRun } from '../../src/store/runsSlice';
import { DEFAULT_CONFIG } from '../../src/shared/config';
import { mutatedText } from './mutate';

const dir = new URL('../hostile/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<
  string,
  { kind: 'link' | 'runs' | 'arch' | 'model'; message: string; why: string }
>;

/** What the page's reader of `kind` says of `text`: null when it accepts it, else its message. */
async function read(
  kind: 'link' | 'runs' | 'arch' | 'model',
  text: string,
  weights?: ArrayBuffer,
): Promise<string | null> {
  if (kind === 'link') {
    const r = readShareHash(text);
    return r && 'error' in r ? r.error : null;
  }
  if (kind === 'runs') {
    const r = parseRunFile(text);
    return r.ok ? null : r.message;
  }
  if (kind === 'arch') {
    const r = parseArchitecture(text);
    return r.ok ? null : r.message;
  }
  try {
    (await loadModelFiles(text, weights ?? new ArrayBuffer(7850 * 4))).model.dispose();
    return null;
  } catch (e) {
    // Any other error would reach the page as "could not be loaded: <tfjs internals>".
    expect(e).toBeInstanceOf(ModelFileError);
    return (e as Error).message;
  }
}

const polluted = () => ({}) as Record<string, unknown>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  expect(polluted().polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

describe('the hostile corpus (test/hostile)', () => {
  for (const [file, { kind, message, why }] of Object.entries(corpus)) {
    it(`${file} (${why}) is refused with its message`, async () => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const weights = file.startsWith('short-weights') ? new ArrayBuffer(16) : undefined;
      const said = await read(kind, text, weights);
      expect(said).not.toBeNull();
      expect(said).toContain(message);
    });
  }

  it('huge and deeply nested inputs are refused quickly, with a message', async () => {
    const big = 'x'.repeat(50_000_000);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const run = JSON.parse(exportRuns([newRun(1, DEFAULT_CONFIG)]));
    run.runs[0].name = big;
    const t0 = performance.now();
    expect(await read('runs', JSON.stringify(run))).toMatch(/^Not a valid run file: runs\.0\.name/);
    expect(await read('runs', deep)).toMatch(/^(The file is not valid JSON|Not a valid run file)/);
    expect(await read('arch', `{"name":"${big}"}`)).toMatch(/larger than 1 MB/);
    expect(await read('arch', deep)).toMatch(/not valid JSON|Not a valid architecture file/);
    expect(await read('link', `#config=${big}`)).toMatch(/damaged|not valid/);
    expect(await read('model', `{"modelTopology":"${big}"}`)).toMatch(/larger than 10 MB/);
    expect(await read('model', deep)).toMatch(/not a TensorFlow\.js layers model|not valid JSON/);
    expect(performance.now() - t0).toBeLessThan(20_000);
  }, 60_000);
});

describe('fuzzed files and links', () => {
  const runs = exportRuns([newRun(1, DEFAULT_CONFIG), { ...newRun(2, DEFAULT_CONFIG), name: 'b' }]);
  const arch = exportArchitecture(presetLayers('lenet5'), 'LeNet-5');
  const link = shareHash(DEFAULT_CONFIG);

  it('any JSON at all, or any text, is accepted or refused with a message by every reader', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('runs' as const, 'arch' as const, 'link' as const),
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
        ),
        async (kind, text) => {
          const said = await read(kind, kind === 'link' ? `#config=${btoa(unescape(encodeURIComponent(text)))}` : text);
          if (said !== null) refused++;
          expect(said === null || said.length > 20).toBe(true);
        },
      ),
      { numRuns: 600, seed: 11 },
    );
    expect(refused).toBeGreaterThan(550);
  });

  it('mutated run files, architecture files and links are accepted whole or refused with a message', async () => {
    const counts = { accepted: 0, refused: 0 };
    for (const [kind, arb] of [
      ['runs', mutatedText(runs)],
      ['arch', mutatedText(arch)],
      ['link', mutatedText(JSON.stringify(DEFAULT_CONFIG)).map((t) => `#config=${btoa(t)}`)],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(arb, async (text) => {
          const said = await read(kind, text);
          counts[said === null ? 'accepted' : 'refused']++;
          expect(said === null || /valid|damaged|larger|JSON/.test(said)).toBe(true);
        }),
        { numRuns: 300, seed: 12 },
      );
    }
    expect(counts.refused).toBeGreaterThan(300);
    expect(counts.accepted).toBeGreaterThan(10);
    expect(readShareHash(link)).toEqual({ config: DEFAULT_CONFIG });
  });

  it('mutated model.json files load or are refused with a message, never with a tfjs error', async () => {
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: presetLayers('mlp') }, 1);
    const files = await saveModelFiles(model, {
      pixel: { scale: [1 / 255], offset: [0] },
      datasetId: 'mnist',
      classes: [],
    });
    model.dispose();
    const counts = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(mutatedText(files.modelJson), async (text) => {
        const said = await read('model', text, files.weights.slice(0));
        counts[said === null ? 'accepted' : 'refused']++;
      }),
      { numRuns: 200, seed: 13 },
    );
    expect(counts.refused).toBeGreaterThan(50);
    expect(counts.accepted).toBeGreaterThan(5);
    console.log('mutated model files:', JSON.stringify(counts));
  }, 120_000);
});
