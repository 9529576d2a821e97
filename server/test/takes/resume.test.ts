import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let token: string;
let sentenceId: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await createSpeaker(server.url)).token;
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  await server?.dispose();
});

type Resume = { state: string; nextSeq: number; missing: number[]; receivedSeq: number; receipt: string };

describe('take:resume', () => {
  it('when the client disconnects mid-take, then a new socket learns nextSeq, missing and receivedSeq, and completes the take whole', async () => {
    const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
    const first = await connectRecorder(server.url, token);
    const start = await call<{ takeId: string; receipt: string }>(first, 'take:start', { sentenceId, emotion: 'sadness', mimeType: 'audio/webm;codecs=opus' });
    if (!start.ok) throw new Error(start.error.code);
    const { takeId } = start;
    // 0..4 arrive, 5 is lost, 6 arrives, then the network drops.
    for (const seq of [0, 1, 2, 3, 4, 6]) await call(first, 'take:chunk', { takeId, seq, data: chunks[seq] });
    first.disconnect();

    const second = await connectRecorder(server.url, token);
    try {
      const resume = await call<Resume>(second, 'take:resume', { takeId });
      expect(resume).toEqual({ ok: true, state: 'recording', nextSeq: 7, missing: [5], receivedSeq: 4, receipt: start.receipt });
      for (let seq = 5; seq < chunks.length; seq += 1) {
        if (seq !== 6) await call(second, 'take:chunk', { takeId, seq, data: chunks[seq] });
      }
      const saved = nextStatus(second, (s) => s.takeId === takeId && s.state === 'saved');
      await call(second, 'take:stop', { takeId, lastSeq: chunks.length - 1 });
      await saved;
      const after = await call<Resume>(second, 'take:resume', { takeId });
      expect(after).toMatchObject({ state: 'saved', nextSeq: chunks.length, missing: [], receivedSeq: chunks.length - 1 });
      const wav = await fetch(`${server.url}/api/v1/takes/${takeId}/audio`, { headers: { authorization: `Bearer ${token}` } });
      const comparison = await compareToSource(Buffer.from(await wav.arrayBuffer()), FIXTURES.en1Wav);
      expect(Math.abs(comparison.durationRatio - 1)).toBeLessThan(0.02);
      expect(comparison.r).toBeGreaterThanOrEqual(0.9);
    } finally {
      second.close();
    }
  });

  it('when the server process restarts on the same data, then acknowledged chunks survive and the take completes', async () => {
    const chunks = splitIntoChunks(await readFile(FIXTURES.en2Webm));
    const socket = await connectRecorder(server.url, token);
    const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'disgust', mimeType: 'audio/webm;codecs=opus' });
    if (!start.ok) throw new Error(start.error.code);
    const { takeId } = start;
    const half = Math.floor(chunks.length / 2);
    for (let seq = 0; seq < half; seq += 1) expect(await call(socket, 'take:chunk', { takeId, seq, data: chunks[seq] })).toMatchObject({ ok: true });
    socket.close();

    await server.close();
    server = await startTestServer({ databaseUrl: server.databaseUrl, dataDir: server.dataDir });

    const again = await connectRecorder(server.url, token);
    try {
      const resume = await call<Resume>(again, 'take:resume', { takeId });
      expect(resume).toMatchObject({ ok: true, state: 'recording', nextSeq: half, missing: [], receivedSeq: half - 1 });
      for (let seq = half; seq < chunks.length; seq += 1) await call(again, 'take:chunk', { takeId, seq, data: chunks[seq] });
      const saved = nextStatus(again, (s) => s.takeId === takeId && s.state === 'saved');
      await call(again, 'take:stop', { takeId, lastSeq: chunks.length - 1 });
      await saved;
      const wav = await fetch(`${server.url}/api/v1/takes/${takeId}/audio`, { headers: { authorization: `Bearer ${token}` } });
      expect((await compareToSource(Buffer.from(await wav.arrayBuffer()), FIXTURES.en2Wav)).r).toBeGreaterThanOrEqual(0.9);
    } finally {
      again.close();
    }
  });

  it('when a take is discarded while recording, then its chunks are gone and it reports discarded', async () => {
    const socket = await connectRecorder(server.url, token);
    try {
      const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'neutral', mimeType: 'audio/webm' });
      if (!start.ok) throw new Error(start.error.code);
      await call(socket, 'take:chunk', { takeId: start.takeId, seq: 0, data: Buffer.alloc(50, 3) });
      expect(await call(socket, 'take:discard', { takeId: start.takeId })).toEqual({ ok: true, state: 'discarded' });
      const held = await server.db.pool.query('SELECT count(*)::int AS n FROM take_chunks WHERE take_id = $1', [start.takeId]);
      expect(held.rows[0].n).toBe(0);
      expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq: 1, data: Buffer.alloc(5) })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', state: 'discarded' },
      });
    } finally {
      socket.close();
    }
  });
});
