import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator.js';
import { createSpeaker, recordSavedTake } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let emulator: GcsEmulator;
let server: TestServer;

beforeAll(async () => {
  emulator = await startGcsEmulator();
  // The production path: GCS_BUCKET set, the official client pointed at a real GCS JSON API endpoint.
  server = await startTestServer({
    env: { GCS_BUCKET: 'emovox-takes', GCS_PROJECT_ID: emulator.projectId, STORAGE_EMULATOR_HOST: emulator.host },
  });
});
afterAll(async () => {
  await server?.dispose();
  await emulator?.stop();
});

describe('a take stored in Google Cloud Storage', () => {
  it('when a take is streamed with GCS configured, then both objects land in the bucket and the WAV matches', async () => {
    expect(server.store.kind).toBe('gcs');
    const { token } = await createSpeaker(server.url);
    const start = await recordSavedTake(server.url, token, FIXTURES.en1Webm, { emotion: 'anger' });
    expect(await server.store.list(`takes/${start.takeId}/`)).toEqual([`takes/${start.takeId}/audio.wav`, `takes/${start.takeId}/original.webm`]);
    const wav = await fetch(`${server.url}/api/v1/takes/${start.takeId}/audio`, { headers: { authorization: `Bearer ${token}` } });
    const comparison = await compareToSource(Buffer.from(await wav.arrayBuffer()), FIXTURES.en1Wav);
    expect(comparison.r).toBeGreaterThanOrEqual(0.9);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const deleted = await fetch(`${server.url}/api/v1/takes/${start.takeId}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receipt: start.receipt }),
    });
    expect(deleted.status).toBe(204);
    expect(await server.store.list(`takes/${start.takeId}/`)).toEqual([]);
  });
});
