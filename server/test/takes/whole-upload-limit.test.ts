// POST /takes refused midway (its pieces exceed the take's budget): the take fails at once with TOO_LARGE
// and does not hold one of the speaker's active places until the stale sweep.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  // 1 KiB pieces: en1 (118 KB) is 116 pieces, over the 3 s budget of 60 chunks. One active take at most.
  server = await startTestServer({ env: { MAX_TAKE_SECONDS: '3', MAX_CHUNK_BYTES: '1024', MAX_ACTIVE_TAKES: '1' } });
});
afterAll(async () => {
  await server?.dispose();
});

describe('a whole upload refused midway', () => {
  it('when its pieces exceed the take budget, then 413 TOO_LARGE, the take is failed, and the speaker can start another', async () => {
    const { token } = await createSpeaker(server.url);
    const sentence = await randomSentence(server.url);
    const form = new FormData();
    form.set('sentenceId', sentence.id);
    form.set('emotion', 'anger');
    form.set('file', new Blob([await readFile(FIXTURES.en1Webm)], { type: 'audio/webm' }), 'take.webm');
    const response = await fetch(`${server.url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { code: string; takeId: string } };
    expect(error).toMatchObject({ code: 'TOO_LARGE', takeId: expect.any(String) });
    const take = await fetch(`${server.url}/api/v1/takes/${error.takeId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await take.json()).toMatchObject({ state: 'failed', error: { code: 'TOO_LARGE' } });

    const socket = await connectRecorder(server.url, token);
    try {
      const ack = await call(socket, 'take:start', { sentenceId: sentence.id, emotion: 'anger', mimeType: 'audio/webm' });
      expect(ack).toMatchObject({ ok: true, state: 'recording' });
    } finally {
      socket.close();
    }
  });
});
