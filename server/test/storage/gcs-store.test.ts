import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectStore, GcsObjectStore } from '../../src/storage/index.js';
import type { GcsEmulator } from '../support/gcs-emulator.js';
import { startGcsEmulator } from '../support/gcs-emulator.js';
import { objectStoreContract } from './object-store.contract.js';

// Against the GCS JSON API test double (firebase-tools' Storage emulator), one bucket per test.
let emulator: GcsEmulator;
beforeAll(async () => {
  emulator = await startGcsEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const freshBucket = () => `emovox-test-${randomUUID()}`;

objectStoreContract('Google Cloud Storage (emulator)', async () =>
  createObjectStore({ kind: 'gcs', bucket: freshBucket(), projectId: emulator.projectId, apiEndpoint: emulator.host }),
);

describe('GcsObjectStore against the emulator', () => {
  it('when two stores share a bucket, then one sees what the other wrote', async () => {
    const bucket = freshBucket();
    const options = { bucket, projectId: emulator.projectId, apiEndpoint: emulator.host };
    await new GcsObjectStore(options).put('takes/t1/audio.wav', Buffer.from('RIFF'), 'audio/wav');
    const other = new GcsObjectStore(options);
    expect(await other.stat('takes/t1/audio.wav')).toEqual({ size: 4, contentType: 'audio/wav' });
  });

  it('when a prefix spans several list pages, then list and deletePrefix cover every page', async () => {
    const store = new GcsObjectStore({ bucket: freshBucket(), projectId: emulator.projectId, apiEndpoint: emulator.host });
    const keys = Array.from({ length: 1_005 }, (_, i) => `takes/t/${String(i).padStart(4, '0')}.bin`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, Buffer.from('.'), 'application/octet-stream')));
    }
    expect(await store.list('takes/')).toEqual(keys);
    await store.deletePrefix('takes/t/');
    expect(await store.list('')).toEqual([]);
  });
});
