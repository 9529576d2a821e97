// jsdom has no IndexedDB: the pending-chunk store is tested on fake-indexeddb (an in-memory
// implementation of the spec). The real browser's IndexedDB is exercised by the e2e suite.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

// Unmount what each component test rendered (auto-cleanup needs vitest globals, which are off).
afterEach(async () => {
  if (typeof document === 'undefined') return;
  const { cleanup } = await import('@solidjs/testing-library');
  cleanup();
});
