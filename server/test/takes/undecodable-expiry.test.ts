// A take that failed because its audio could not be decoded keeps its original and staged chunks only for
// UNDECODABLE_RETENTION_HOURS (default 1 h); the sweep then removes them and the row stays failed.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let token: string;
let sentenceId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { SWEEP_INTERVAL_SECONDS: '0.5', MAX_ACTIVE_TAKES: '10' } });
  token = (await createSpeaker(server.url)).token;
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  await server?.dispose();
});

const auth = () => ({ authorization: `Bearer ${token}` });
const query = async (sql: string, params: unknown[]) => (await server.db.pool.query(sql, params)).rows[0] as Record<string, unknown>;

async function undecodableTake(): Promise<string> {
  const form = new FormData();
  form.set('sentenceId', sentenceId);
  form.set('emotion', 'neutral');
  form.set('file', new Blob([Buffer.alloc(3000, 7)], { type: 'audio/webm' }), 'take.webm');
  const response = await fetch(`${server.url}/api/v1/takes`, { method: 'POST', headers: auth(), body: form });
  expect(response.status).toBe(415);
  return ((await response.json()) as { error: { takeId: string } }).error.takeId;
}

/** A take that failed with MISSING_CHUNKS: abandoned with a gap, failed by the sweep as it is backdated. */
async function takeWithGap(): Promise<string> {
  const socket = await connectRecorder(server.url, token);
  try {
    const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'fear', mimeType: 'audio/webm' });
    if (!start.ok) throw new Error(start.error.code);
    const chunks = splitIntoChunks(await readFile(FIXTURES.en2Webm));
    for (const seq of [0, 2]) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq] });
    const failed = nextStatus(socket, (s) => s.takeId === start.takeId && s.state === 'failed');
    await server.db.pool.query("UPDATE takes SET last_activity_at = now() - interval '1 day' WHERE id = $1", [start.takeId]);
    await server.db.pool.query("UPDATE take_chunks SET created_at = now() - interval '1 day' WHERE take_id = $1", [start.takeId]);
    await failed;
    return start.takeId;
  } finally {
    socket.close();
  }
}

const chunkCount = async (takeId: string) => (await query('SELECT count(*)::int AS n FROM take_chunks WHERE take_id = $1', [takeId])).n;

describe('the audio of undecodable takes', () => {
  it('when an undecodable take is older than the retention, then the sweep removes its original and chunks, and the row stays failed', async () => {
    const old = await undecodableTake();
    const fresh = await undecodableTake();
    const gap = await takeWithGap();
    expect(await server.store.list(`takes/${old}/`)).toHaveLength(1);
    expect(await chunkCount(old)).toBeGreaterThan(0);
    const original = await fetch(`${server.url}/api/v1/takes/${old}/audio?format=original`, { headers: auth() });
    expect(original.status).toBe(200);

    // Two hours ago, past the default retention of one hour; the take with a gap keeps its chunks for 72 h.
    await server.db.pool.query("UPDATE takes SET updated_at = now() - interval '2 hours' WHERE id = ANY($1)", [[old, gap]]);
    let expiredAt: unknown = null;
    for (let tries = 0; tries < 150 && !expiredAt; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expiredAt = (await query('SELECT audio_expired_at FROM takes WHERE id = $1', [old])).audio_expired_at;
    }
    expect(expiredAt).toBeInstanceOf(Date);

    expect(await server.store.list(`takes/${old}/`)).toEqual([]);
    expect(await chunkCount(old)).toBe(0);
    const take = (await (await fetch(`${server.url}/api/v1/takes/${old}`, { headers: auth() })).json()) as Record<string, unknown>;
    expect(take).toMatchObject({ state: 'failed', error: { code: 'UNSUPPORTED_MEDIA' }, savedAt: null });
    const gone = await fetch(`${server.url}/api/v1/takes/${old}/audio?format=original`, { headers: auth() });
    expect(gone.status).toBe(409);

    // Within its retention, the other undecodable take keeps everything; so does the take that failed otherwise.
    expect(await server.store.list(`takes/${fresh}/`)).toHaveLength(1);
    expect(await chunkCount(fresh)).toBeGreaterThan(0);
    expect(await chunkCount(gap)).toBe(2);
  });
});
