import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let socket: RecordSocket;
let sentenceId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_CHUNK_BYTES: '8192', MAX_ACTIVE_TAKES: '50', TAKES_PER_MINUTE: '500' } });
  socket = await connectRecorder(server.url, (await createSpeaker(server.url)).token);
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
});

async function startTake(extra: Record<string, unknown> = {}) {
  const ack = await call<{ takeId: string; receipt: string; state: string; maxChunkBytes: number }>(socket, 'take:start', {
    sentenceId,
    emotion: 'anger',
    mimeType: 'audio/webm;codecs=opus',
    ...extra,
  });
  if (!ack.ok) throw new Error(`start failed: ${ack.error.code}`);
  return ack;
}

describe('take:start', () => {
  it('when started, then the ack carries the take, a receipt, the state and maxChunkBytes', async () => {
    const ack = await startTake();
    expect(ack.state).toBe('recording');
    expect(ack.maxChunkBytes).toBe(8192);
    expect(ack.receipt).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  });

  it('when repeated with the same clientTakeId and fields, then the same take and receipt come back; other fields give CONFLICT', async () => {
    const first = await startTake({ clientTakeId: 'retry-1' });
    const again = await startTake({ clientTakeId: 'retry-1' });
    expect(again).toMatchObject({ takeId: first.takeId, receipt: first.receipt, state: 'recording' });
    const other = await call(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm;codecs=opus', clientTakeId: 'retry-1' });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it.each([
    ['an unknown emotion', { emotion: 'boredom' }],
    ['a sentence ID that is not a UUID', { sentenceId: 'nope' }],
    ['a missing mimeType', { mimeType: undefined }],
    ['a bad clientTakeId', { clientTakeId: 'has spaces' }],
  ])('when the payload has %s, then BAD_REQUEST', async (_label, patch) => {
    const ack = await call(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm', ...patch });
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('when the sentence does not exist, then NOT_FOUND', async () => {
    const ack = await call(socket, 'take:start', { sentenceId: '7d9f8a0e-5b1c-4c3e-9f2a-1b2c3d4e5f60', emotion: 'joy', mimeType: 'audio/webm' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('take:chunk', () => {
  it('when a chunk is resent with identical bytes, then it succeeds again; with other bytes, then CONFLICT', async () => {
    const { takeId } = await startTake();
    const data = Buffer.from('first bytes of a chunk');
    expect(await call(socket, 'take:chunk', { takeId, seq: 0, data })).toEqual({ ok: true, seq: 0 });
    expect(await call(socket, 'take:chunk', { takeId, seq: 0, data })).toEqual({ ok: true, seq: 0 });
    expect(await call(socket, 'take:chunk', { takeId, seq: 0, data: Buffer.from('other bytes') })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('when a chunk is over maxChunkBytes, then TOO_LARGE and the socket stays usable', async () => {
    const { takeId } = await startTake();
    const ack = await call(socket, 'take:chunk', { takeId, seq: 0, data: Buffer.alloc(8193) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(await call(socket, 'take:chunk', { takeId, seq: 0, data: Buffer.alloc(100, 1) })).toEqual({ ok: true, seq: 0 });
  });

  it.each([
    ['a negative seq', { seq: -1 }],
    ['a fractional seq', { seq: 1.5 }],
    ['a string seq', { seq: '1' }],
    ['non-binary data', { data: 'text' }],
    ['a peak above 1', { peak: 2 }],
  ])('when the chunk has %s, then BAD_REQUEST', async (_label, patch) => {
    const { takeId } = await startTake();
    const ack = await call(socket, 'take:chunk', { takeId, seq: 0, data: Buffer.alloc(10), ...patch });
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('when the take belongs to another speaker, then NOT_FOUND', async () => {
    const { takeId } = await startTake();
    const intruder = await connectRecorder(server.url, (await createSpeaker(server.url)).token);
    try {
      expect(await call(intruder, 'take:chunk', { takeId, seq: 0, data: Buffer.alloc(10) })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(intruder, 'take:resume', { takeId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      intruder.close();
    }
  });
});

describe('take:stop', () => {
  it('when seqs are missing, then MISSING_CHUNKS lists them; after resending, stop succeeds', async () => {
    const { takeId } = await startTake();
    const chunks = splitIntoChunks(await readFile(FIXTURES.fr1Webm), 4000);
    for (const [seq, data] of chunks.entries()) if (seq % 3 !== 1) await call(socket, 'take:chunk', { takeId, seq, data });
    const lastSeq = chunks.length - 1;
    const missing = chunks.map((_, seq) => seq).filter((seq) => seq % 3 === 1);
    const refused = await call(socket, 'take:stop', { takeId, lastSeq });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MISSING_CHUNKS', missing } });
    for (const seq of missing) await call(socket, 'take:chunk', { takeId, seq, data: chunks[seq] });
    expect(await call(socket, 'take:stop', { takeId, lastSeq })).toMatchObject({ ok: true, state: 'finalizing' });
    // Idempotent with the same lastSeq; CONFLICT with another one; chunks past lastSeq are CONFLICT.
    expect(await call(socket, 'take:stop', { takeId, lastSeq })).toMatchObject({ ok: true });
    expect(await call(socket, 'take:stop', { takeId, lastSeq: lastSeq + 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(socket, 'take:chunk', { takeId, seq: lastSeq + 1, data: Buffer.alloc(5) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('when lastSeq is below a held seq, then BAD_REQUEST', async () => {
    const { takeId } = await startTake();
    await call(socket, 'take:chunk', { takeId, seq: 0, data: Buffer.alloc(10, 1) });
    await call(socket, 'take:chunk', { takeId, seq: 3, data: Buffer.alloc(10, 2) });
    expect(await call(socket, 'take:stop', { takeId, lastSeq: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('the /record namespace', () => {
  it('when an unknown event comes with an ack, then BAD_REQUEST; without one, it is ignored and the socket lives', async () => {
    expect(await call(socket, 'take:explode', { any: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    (socket as unknown as { emit: (e: string, p: unknown) => void }).emit('take:chunk', { takeId: 'x' });
    (socket as unknown as { emit: (e: string) => void }).emit('take:start');
    expect(await call(socket, 'take:resume', { takeId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(socket.connected).toBe(true);
  });

  it('when the token is missing or wrong, then the handshake fails with UNAUTHORIZED', async () => {
    await expect(connectRecorder(server.url, '')).rejects.toThrow('UNAUTHORIZED');
    await expect(connectRecorder(server.url, 'A'.repeat(43))).rejects.toThrow('UNAUTHORIZED');
    await expect(connectRecorder(server.url, 'not.a.jwt')).rejects.toThrow('UNAUTHORIZED');
  });

  it('when a speaker has too many takes recording, then RATE_LIMITED with retryAfterMs', async () => {
    const busy = await startTestServer({ env: { MAX_ACTIVE_TAKES: '2' } });
    const speakerSocket = await connectRecorder(busy.url, (await createSpeaker(busy.url)).token);
    try {
      const sentence = await randomSentence(busy.url);
      const payload = { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/webm' };
      expect(await call(speakerSocket, 'take:start', payload)).toMatchObject({ ok: true });
      expect(await call(speakerSocket, 'take:start', payload)).toMatchObject({ ok: true });
      const third = await call(speakerSocket, 'take:start', payload);
      expect(third).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(third.ok === false && third.error.retryAfterMs).toBeGreaterThan(0);
    } finally {
      speakerSocket.close();
      await busy.dispose();
    }
  });
});
