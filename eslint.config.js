// Lint rules, including the wings' boundaries (see ARCHITECTURE.md): imports run
// components -> client -> store -> shared <- workers, with model/ and data/ under all of them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** An import path that enters one of these folders of src/ (relative imports only: the tree has no aliases). */
const into = (...folders) => `(^|/)(${folders.join('|')})(/|$)`;

/**
 * `no-restricted-imports` for one wing: which folders of src/ and which packages it must not import.
 * Core ESLint's rule is enough here (excalidraw draws its boundaries the same way): every folder name
 * is unique in src/ and imports are relative, so the import text names the folder it enters.
 */
function boundary(wing, folders, packages, why) {
  const patterns = [];
  if (folders.length)
    patterns.push({ regex: into(...folders), message: `${wing} must not import ${folders.join('/')}: ${why}` });
  if (packages.length)
    patterns.push({
      regex: `^(${packages.join('|')})(/|$)`,
      message: `${wing} must not import ${packages.join(', ')}: ${why}`,
    });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const TFJS = ['@tensorflow'];
const UI = ['react', 'react-dom', 'zustand', 'recharts'];

/** The boundary rules by folder; exported so a unit test can show each one fires. */
export const boundaries = [
  {
    files: ['src/components/**'],
    rules: boundary('components', ['workers'], TFJS, 'the page talks to the worker only through src/client'),
  },
  {
    files: ['src/client/**'],
    rules: boundary(
      'client',
      ['components', 'workers'],
      [...TFJS, 'react', 'react-dom', 'recharts'],
      'the client writes into the store; views and the worker thread stay out',
    ),
  },
  {
    files: ['src/store/**'],
    rules: boundary(
      'store',
      ['components', 'client', 'workers'],
      [...TFJS, 'react-dom', 'recharts'],
      'the store never calls the client: the client writes events into it',
    ),
  },
  {
    files: ['src/shared/**'],
    rules: boundary(
      'shared',
      ['components', 'client', 'store', 'workers'],
      UI,
      'shared code is what both threads use and neither owns',
    ),
  },
  {
    files: ['src/workers/**'],
    rules: boundary('workers', ['components', 'client', 'store'], UI, 'the worker imports only shared, model and data'),
  },
  {
    files: ['src/model/**', 'src/data/**'],
    rules: boundary(
      'model/data',
      ['components', 'client', 'store', 'workers', 'shared'],
      UI,
      'the ground floor stands on nothing above it',
    ),
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'public/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      'assembly/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/components/**/*.tsx', 'src/components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...boundaries.map((b) => ({ ...b, ignores: ['**/*.test.ts'] })),
);
