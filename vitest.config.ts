import { defineConfig } from 'vitest/config';

// Three projects, one per folder of tests/: `npm run test:unit` for the inner loop (tests/unit: nothing
// real starts — tests/support/unitGuard.ts fails a test that spawns, listens or connects),
// `test:integration` for real servers, sockets and whole hosts (tests/integration), `test:e2e` for
// Chromium (tests/e2e).
export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/support/globalSetup.ts'],
    reporters: ['default'],
    // expect.poll waits on the UI and on servers: a generous deadline, for a loaded 2-core machine.
    expect: { poll: { timeout: 15_000 } },
    projects: [
      // Unit files share one module graph per worker (isolate: false): importing the core once instead of once
      // per file is most of the tier's time.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false, setupFiles: ['tests/support/unitGuard.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.e2e.test.ts'] } },
    ],
  },
});
