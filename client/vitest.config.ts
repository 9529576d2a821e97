import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

const here = fileURLToPath(new URL('.', import.meta.url));

// Component and state tests in jsdom. The real-browser suite is the separate 'e2e' project
// (client/vitest.e2e.config.ts), listed in the root vitest.config.ts.
export default defineConfig({
  root: here,
  plugins: [solid()],
  resolve: { conditions: ['development', 'browser'] },
  test: {
    name: 'client',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/test-setup.ts'],
    testTimeout: 15_000,
  },
});
