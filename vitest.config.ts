import { defineConfig } from 'vitest/config';

// One runner for the whole repository; each project is one kind of test.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/support/global-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      'client/vitest.config.ts',
      'client/vitest.e2e.config.ts',
      {
        test: {
          name: 'deploy',
          include: ['deployment/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
