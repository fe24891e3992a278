import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { contentSecurityPolicy, isolationHeaders, productionHeaders } from './scripts/lib/headers';

const version = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;

/**
 * Build facts the page keys its kept backend measurements on: a new build or tfjs version measures
 * again (see src/client/backendChoice.ts).
 */
const buildFacts = {
  __APP_BUILD__: JSON.stringify(`${version('package.json')}+${Date.now().toString(36)}`),
  __TFJS_VERSION__: JSON.stringify(version('node_modules/@tensorflow/tfjs-core/package.json')),
};

/**
 * The dev server's nonce for the one inline script it injects (React's refresh preamble). One per
 * server start rather than per request: Vite writes it into the HTML it transforms, and the dev
 * server is for the person running it, never served to others.
 */
const devNonce = randomBytes(16).toString('base64');

/**
 * Static hosts (Netlify, Cloudflare Pages and the like) read their headers from `_headers` beside
 * the files: the build writes the same headers `vite preview` sends.
 */
/**
 * The service worker (Workbox, generated at build): precaches the app shell, its scripts, the
 * workers and the wasm files, so a reload with no network opens the page. Dataset shards and
 * starter models are not precached (200 MB): the page keeps the ones it fetched in Cache Storage
 * itself; the dataset index and manifests (a few KB, versioned with the build) are precached. Precached responses keep the server's headers, COOP/COEP and CSP included, so the
 * page stays cross-origin isolated offline. A new version waits for the person (registerType
 * 'prompt', see src/client/offline.ts).
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{js,css,html,wasm}', 'datasets/index.json', 'datasets/*/manifest.json'],
    globIgnores: ['starters/**'],
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/datasets\//, /^\/starters\//],
    cleanupOutdatedCaches: true,
  },
});

const staticHostHeaders: Plugin = {
  name: 'static-host-headers',
  apply: 'build',
  generateBundle() {
    const lines = Object.entries(productionHeaders).map(([k, v]) => `  ${k}: ${v}`);
    this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
  },
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

export default defineConfig(({ command }) => ({
  plugins: [react(), shardsAsIs, preloadApp(), staticHostHeaders, offline],
  define: buildFacts,
  html: command === 'serve' ? { cspNonce: devNonce } : {},
  server: {
    headers: {
      ...isolationHeaders,
      'Content-Security-Policy': contentSecurityPolicy({ nonce: devNonce }),
    },
  },
  preview: { headers: productionHeaders },
  worker: {
    format: 'es',
    // The threaded wasm build spawns helper threads from its own source text; mangling renames
    // a free variable they rely on (`e is not defined`) and compressing drops another
    // (`_scriptDir is not defined`). Whitespace alone is safe: 3.9 -> 3.1 MB.
    rolldownOptions: { output: { minify: { mangle: false, compress: false, codegen: { removeWhitespace: true } } } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: {},
}));
