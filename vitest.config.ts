import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testFilesOfKind } from './tests/support/testKinds.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Three projects by speed (tests/support/testKinds.ts decides from each file's imports):
// `npm run test:unit` for the inner loop, `test:integration` for real servers, `test:e2e` for Chromium.
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
      // per file is most of the tier's time. The guard makes a unit test that starts anything real fail.
      { extends: true, test: { name: 'unit', include: testFilesOfKind(root, 'tests', 'unit'), isolate: false, setupFiles: ['tests/support/unitGuard.ts'] } },
      { extends: true, test: { name: 'integration', include: testFilesOfKind(root, 'tests', 'integration') } },
      { extends: true, test: { name: 'e2e', include: ['tests/**/*.e2e.test.ts'] } },
    ],
  },
});
