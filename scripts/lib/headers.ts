// The response headers every server of this app sends: the dev server, `vite preview` (npm start)
// and, through public/_headers, a static host. One source, so the three cannot drift apart.

/** Cross-origin isolation lets the wasm backend use SharedArrayBuffer threads. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy. Scripts come only from this origin: no inline script and no
 * `unsafe-eval`. WebAssembly compiles under `wasm-unsafe-eval`; the threaded wasm backend starts
 * its helper threads from `blob:` URLs (worker and script); zod runs jitless (src/model/zodSetup.ts)
 * so it never tries `new Function`. The dev server adds a nonce for its React refresh preamble,
 * inline styles for its CSS injection and a WebSocket for hot reload.
 */
export function contentSecurityPolicy(dev?: { nonce: string }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' blob:${dev ? ` 'nonce-${dev.nonce}'` : ''}`,
    "worker-src 'self' blob:",
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** All headers of a production server (preview, static hosting). */
export const productionHeaders = {
  ...isolationHeaders,
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
