import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, recordSavedTake, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let socket: RecordSocket;
let token: string;
let sentenceId: string;

beforeAll(async () => {
  // Timers in seconds so the sweep runs within the test; in production a take is stale after 15 minutes.
  server = await startTestServer({
    env: { STALE_TAKE_SECONDS: '3', SWEEP_INTERVAL_SECONDS: '0.5', FINALIZE_JOB_DELAY_SECONDS: '1', JOB_POLL_SECONDS: '0.5', MAX_ACTIVE_TAKES: '10' },
  });
  token = (await createSpeaker(server.url)).token;
  socket = await connectRecorder(server.url, token);
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
});

async function abandonedTake(seqs: number[], chunks: Buffer[]) {
  const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'sadness', mimeType: 'audio/webm' });
  if (!start.ok) throw new Error(start.error.code);
  for (const seq of seqs) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq] });
  return start.takeId;
}

async function waitForState(takeId: string, wanted: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await server.db.pool.query('SELECT state, error_code FROM takes WHERE id = $1', [takeId]);
    if (wanted.includes(result.rows[0].state) || Date.now() > deadline) return result.rows[0] as { state: string; error_code: string | null };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the stale-take sweep', () => {
  it('when a take is abandoned with chunks 0..n all durable, then it is finalized from them and saved', async () => {
    const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
    const takeId = await abandonedTake(chunks.map((_, seq) => seq), chunks);
    expect(await waitForState(takeId, ['saved', 'failed'])).toMatchObject({ state: 'saved' });
  });

  it('when a take is abandoned with a gap, then it fails with MISSING_CHUNKS and its staged chunks are kept', async () => {
    const chunks = splitIntoChunks(await readFile(FIXTURES.en2Webm));
    const takeId = await abandonedTake([0, 1, 3], chunks);
    expect(await waitForState(takeId, ['saved', 'failed'])).toEqual({ state: 'failed', error_code: 'MISSING_CHUNKS' });
    const kept = await server.db.pool.query('SELECT count(*)::int AS n FROM take_chunks WHERE take_id = $1', [takeId]);
    expect(kept.rows[0].n).toBe(3);
  });

  it('when a take keeps resuming, then it is not swept', async () => {
    const chunks = splitIntoChunks(await readFile(FIXTURES.fr1Webm));
    const takeId = await abandonedTake([0], chunks);
    for (let i = 0; i < 16; i += 1) {
      await call(socket, 'take:resume', { takeId });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const result = await server.db.pool.query('SELECT state FROM takes WHERE id = $1', [takeId]);
    expect(result.rows[0].state).toBe('recording');
  });

  it('when staged chunks of a saved take were left behind, then the next sweep removes them', async () => {
    const { takeId } = await recordSavedTake(server.url, token, FIXTURES.en1Voice2Webm);
    // As if the drop after saving had failed (it runs after 'saved' is sent): a chunk left behind.
    await server.db.pool.query("INSERT INTO take_chunks (take_id, seq, data, digest) VALUES ($1, 100000, '\\x00', '\\x00')", [takeId]);
    let left = 1;
    for (let tries = 0; tries < 50 && left > 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = (await server.db.pool.query('SELECT count(*)::int AS n FROM take_chunks WHERE take_id = $1', [takeId])).rows[0].n as number;
    }
    expect(left).toBe(0);
  });
});
