import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Cross-origin isolation lets the wasm backend use SharedArrayBuffer threads. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    // The threaded wasm build spawns helper threads from its own source text; mangling renames
    // a free variable they rely on (`e is not defined`) and compressing drops another
    // (`_scriptDir is not defined`). Whitespace alone is safe: 3.9 -> 3.1 MB.
    rolldownOptions: { output: { minify: { mangle: false, compress: false, codegen: { removeWhitespace: true } } } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
