import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { GcsObjectStore, ObjectNotFoundError, StorageTimeoutError } from '../../src/storage/index.js';
import { startGcsEmulator } from '../support/gcs-emulator.js';

// Storage down must surface as an error, never as a request that hangs. The bound is each test's
// timeout, far above the store's own budget (about 15 s by default); elapsed times are printed.

const KEY = 'takes/t1/audio.wav';

async function settleAll(calls: Record<string, () => Promise<unknown>>) {
  const started = Date.now();
  const names = Object.keys(calls);
  const results = await Promise.allSettled(Object.values(calls).map((call) => call()));
  console.log(`storage-down calls settled after ${Date.now() - started} ms`);
  return Object.fromEntries(names.map((name, i) => [name, results[i]]));
}

/** One of each object-level call the server makes. */
const everyCall = (store: GcsObjectStore) => ({
  ping: () => store.ping(),
  put: () => store.put(KEY, Buffer.from('RIFF'), 'audio/wav'),
  stat: () => store.stat(KEY),
  read: () => store.read(KEY),
  list: () => store.list('takes/'),
  delete: () => store.delete(KEY),
});

describe('GcsObjectStore when storage is down', () => {
  it('when the emulator has stopped, then ping and every object call reject', { timeout: 60_000 }, async () => {
    const emulator = await startGcsEmulator();
    const store = new GcsObjectStore({ bucket: 'emovox-down', projectId: emulator.projectId, apiEndpoint: emulator.host });
    await store.put(KEY, Buffer.from('RIFF'), 'audio/wav');
    await expect(store.ping()).resolves.toBeUndefined();
    await emulator.stop();

    const results = await settleAll(everyCall(store));
    for (const [name, result] of Object.entries(results)) {
      expect(result?.status, name).toBe('rejected');
      if (result?.status === 'rejected') expect(result.reason, name).not.toBeInstanceOf(ObjectNotFoundError);
    }
  });
});

describe('GcsObjectStore when storage accepts connections but never answers', () => {
  const sockets = new Set<Socket>();
  let blackHole: Server;
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole?.close(resolve));
  });

  it('when no response ever comes, then calls reject once their time budget is spent', { timeout: 60_000 }, async () => {
    blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const address = blackHole.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const store = new GcsObjectStore({
      bucket: 'emovox-silent',
      projectId: 'demo-emovox',
      apiEndpoint: `http://127.0.0.1:${address.port}`,
      timeouts: { requestMs: 300, retryTotalMs: 1_000, maxRetryDelayMs: 1_000 },
    });

    const results = await settleAll(everyCall(store));
    for (const [name, result] of Object.entries(results)) {
      expect(result?.status, name).toBe('rejected');
      if (result?.status === 'rejected') {
        console.log(`${name}: ${String(result.reason).slice(0, 120)}`);
        // Either our outer deadline or the library's own per-request timeout, nothing else.
        const timedOut = result.reason instanceof StorageTimeoutError || /timeout/i.test(String(result.reason));
        expect(timedOut, `${name}: ${String(result.reason)}`).toBe(true);
      }
    }
    expect(sockets.size).toBeGreaterThan(0); // the calls really reached the silent server
  });
});
