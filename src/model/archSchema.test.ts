import { describe, expect, it } from 'vitest';
import { exportArchitecture, parseArchitecture } from './archSchema';
import { presetLayers, PRESETS } from './presets';

describe('architecture files', () => {
  it.each(PRESETS.map((p) => p.id))('round-trips preset %s', (id) => {
    const r = parseArchitecture(exportArchitecture(presetLayers(id), id));
    expect(r).toEqual({ ok: true, layers: presetLayers(id), name: id });
  });

  it('refuses malformed and hostile files with a message naming the problem', () => {
    const bad = (text: string) => {
      const r = parseArchitecture(text);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    const file = (layers: unknown) => JSON.stringify({ format: 'nn-playground/architecture', version: 1, layers });
    expect(bad('{ not json')).toMatch(/^The file is not valid JSON/);
    expect(bad('{"layers": []}')).toMatch(/^Not a valid architecture file: format: /);
    expect(bad(file([{ kind: 'conv9d' }]))).toMatch(/^Not a valid architecture file: layers\.0\.kind: /);
    expect(bad(file([{ kind: 'dense', units: 1e9, activation: 'relu', init: { kind: 'zeros' } }]))).toMatch(
      /layers\.0\.units: .*Nothing was changed\.$/,
    );
    expect(bad(file([{ kind: 'dropout', rate: 1 }]))).toMatch(/layers\.0\.rate/);
    expect(bad(file([{ kind: 'flatten', __proto__x: 1, extra: 'x' }]))).toMatch(/layers\.0/);
    expect(bad(file(Array.from({ length: 65 }, () => ({ kind: 'flatten' }))))).toMatch(/layers/);
    expect(bad(file([{ kind: 'dense', units: 4, activation: 'eval()', init: { kind: 'zeros' } }]))).toMatch(
      /layers\.0\.activation/,
    );
    expect(bad(' '.repeat(1_000_001))).toMatch(/larger than 1 MB/);
    expect(bad(file([{ kind: 'output', init: { kind: 'zeros' }, l2: -0.1 }]))).toMatch(/layers\.0\.l2/);
    const withL2 = file([{ kind: 'flatten' }, { kind: 'output', init: { kind: 'zeros' }, l2: 1e-4 }]);
    expect(parseArchitecture(withL2)).toMatchObject({
      ok: true,
      layers: [{ kind: 'flatten' }, { kind: 'output', l2: 1e-4 }],
    });
  });
});
