import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The wings' boundaries are lint rules (eslint.config.js): each wrong-way import below must fail `npm run lint`.
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the import boundaries', () => {
  it.each([
    [
      'src/store/bad.ts',
      "import { getTrainerClient } from '../client/trainerClient';",
      'store must not import components/client/workers',
    ],
    ['src/store/bad.ts', "import * as tf from '@tensorflow/tfjs';", 'store must not import @tensorflow'],
    [
      'src/workers/bad.ts',
      "import { useAppStore } from '../store/useAppStore';",
      'workers must not import components/client/store',
    ],
    [
      'src/workers/kernels/bad.ts',
      "import { App } from '../../components/App';",
      'workers must not import components/client/store',
    ],
    [
      'src/workers/bad.ts',
      "import { create } from 'zustand';",
      'workers must not import react, react-dom, zustand, recharts',
    ],
    [
      'src/shared/bad.ts',
      "import type { Run } from '../store/runsSlice';",
      'shared must not import components/client/store/workers',
    ],
    [
      'src/model/bad.ts',
      "import type { TrainConfig } from '../shared/protocol';",
      'model/data must not import components/client/store/workers/shared',
    ],
    ['src/data/bad.ts', "import { useState } from 'react';", 'model/data must not import react'],
    [
      'src/components/bad.tsx',
      "import { createHandler } from '../workers/handler';",
      'components must not import workers',
    ],
    [
      'src/components/setup/bad.tsx',
      "import * as tf from '@tensorflow/tfjs';",
      'components must not import @tensorflow',
    ],
    ['src/client/bad.ts', "import { App } from '../components/App';", 'client must not import components/workers'],
  ])('%s: %s fails', async (file, code, message) => {
    const found = await problems(file, code);
    expect(
      found.some((p) => p.startsWith('no-restricted-imports:') && p.includes(message)),
      found.join('\n'),
    ).toBe(true);
  });

  it.each([
    [
      'src/components/bad.tsx',
      "import { getTrainerClient } from '../client/trainerClient';\nimport { useAppStore } from '../store/useAppStore';\nimport type { ToWorker } from '../shared/protocol';\nexport const x = [getTrainerClient, useAppStore] as unknown as ToWorker;",
    ],
    ['src/client/bad.ts', "import { useAppStore } from '../store/useAppStore';\nexport const x = useAppStore;"],
    [
      'src/workers/bad.ts',
      "import type { ToWorker } from '../shared/protocol';\nimport { buildModel } from '../model/build';\nexport const x = buildModel as unknown as ToWorker;",
    ],
    [
      'src/store/bad.ts',
      "import type { Config } from '../shared/config';\nimport { inferShapes } from '../model/shapes';\nexport const x = inferShapes as unknown as Config;",
    ],
  ])('%s: the right-way imports pass', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
