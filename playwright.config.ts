import { defineConfig } from '@playwright/test';

/** Another port with E2E_PORT, e.g. to test beside a running suite. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

/** Debian's Chromium; as root it needs --no-sandbox. WebGPU runs on SwiftShader with the unsafe flag. */
const args = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1440, height: 1000 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args },
    trace: 'retain-on-failure',
    // Tests that intercept requests see them all: the service worker would answer some itself.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'app', testIgnore: /offline\.spec\.ts/ },
    // The offline and update tests need the service worker: a project of their own.
    { name: 'offline', testMatch: /offline\.spec\.ts/, use: { serviceWorkers: 'allow' } },
  ],
  webServer: {
    command: `npx vite build && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
