import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const version = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;

/**
 * Build facts the page keys its kept backend measurements on: a new build or tfjs version measures
 * again (see src/client/backendChoice.ts).
 */
const buildFacts = {
  __APP_BUILD__: JSON.stringify(`${version('package.json')}+${Date.now().toString(36)}`),
  __TFJS_VERSION__: JSON.stringify(version('node_modules/@tensorflow/tfjs-core/package.json')),
};

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

/**
 * The entry (`src/main.tsx`) starts the training worker, then imports the app (`src/start.tsx`);
 * a modulepreload link lets the browser fetch and compile the app's chunk meanwhile, from the
 * HTML, instead of after the entry has run.
 */
function preloadApp(): Plugin {
  let base = '/';
  return {
    name: 'preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const app = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/start.tsx'),
        );
        return app
          ? [
              {
                tag: 'link',
                attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${app.fileName}` },
                injectTo: 'head',
              },
            ]
          : [];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), shardsAsIs, preloadApp()],
  define: buildFacts,
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
