import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Cross-origin isolation lets the wasm backend use SharedArrayBuffer threads. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Dataset shards are gzip streams already, but their type is unknown, so `vite preview` (what
 * `npm start` runs) gzipped them again as text on every request: no smaller, and ~80 ms of server
 * CPU per 1.6 MB shard, on the same cores the page is loading on.
 */
const shardsAsIs: Plugin = {
  name: 'shards-as-is',
  configurePreviewServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (/\.shard(\?|$)/.test(req.url ?? '')) delete req.headers['accept-encoding'];
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), shardsAsIs],
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
