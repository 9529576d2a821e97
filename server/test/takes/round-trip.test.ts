import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import type { TakeJson } from '../../src/protocol/index.js';

let server: TestServer;
let token: string;
let socket: RecordSocket;

beforeAll(async () => {
  server = await startTestServer();
  token = (await createSpeaker(server.url)).token;
  socket = await connectRecorder(server.url, token);
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
});

async function streamTake(file: string, mimeType: string) {
  const sentence = await randomSentence(server.url);
  const start = await call<{ takeId: string; receipt: string; state: string; maxChunkBytes: number }>(socket, 'take:start', {
    sentenceId: sentence.id,
    emotion: 'joy',
    intensity: 'high',
    mimeType,
    audioSettings: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, sampleRate: 48000, channelCount: 1 },
  });
  if (!start.ok) throw new Error(start.error.code);
  const chunks = splitIntoChunks(await readFile(file));
  for (const [seq, data] of chunks.entries()) {
    const ack = await call(socket, 'take:chunk', { takeId: start.takeId, seq, data, peak: 0.5 });
    expect(ack).toEqual({ ok: true, seq });
  }
  const saved = nextStatus(socket, (s) => s.takeId === start.takeId && (s.state === 'saved' || s.state === 'failed'));
  const stop = await call<{ state: string }>(socket, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
  expect(stop).toMatchObject({ ok: true, state: 'finalizing' });
  return { start, status: await saved, chunks };
}

const authed = (path: string) => fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('a streamed take', () => {
  it('when a WebM/Opus utterance is streamed in chunks and stopped, then the saved WAV matches the source', async () => {
    const { start, status } = await streamTake(FIXTURES.en1Webm, 'audio/webm;codecs=opus');
    expect(status.state).toBe('saved');
    const take = (await (await authed(`/takes/${start.takeId}`)).json()) as TakeJson;
    expect(take).toMatchObject({ takeId: start.takeId, state: 'saved', emotion: 'joy', intensity: 'high', review: 'pending' });
    expect(take.audioSettings).toEqual({ echoCancellation: false, noiseSuppression: false, autoGainControl: false, sampleRate: 48000, channelCount: 1 });
    const wav = Buffer.from(await (await authed(`/takes/${start.takeId}/audio`)).arrayBuffer());
    const same = await compareToSource(wav, FIXTURES.en1Wav);
    expect(Math.abs(same.durationRatio - 1)).toBeLessThan(0.02);
    expect(same.r).toBeGreaterThanOrEqual(0.9);
    expect(take.durationMs).toBeGreaterThan(0);
    // The check can fail: another sentence scores clearly lower.
    const other = await compareToSource(wav, FIXTURES.en2Wav);
    expect(other.r).toBeLessThan(same.r - 0.3);
  });

  it('when the original is requested, then it is exactly the bytes that were sent, with ranges honoured', async () => {
    const { start } = await streamTake(FIXTURES.en2Webm, 'audio/webm;codecs=opus');
    const sent = await readFile(FIXTURES.en2Webm);
    const original = await authed(`/takes/${start.takeId}/audio?format=original`);
    expect(original.headers.get('content-type')).toBe('audio/webm;codecs=opus');
    expect(Buffer.from(await original.arrayBuffer()).equals(sent)).toBe(true);
    const ranged = await fetch(`${server.url}/api/v1/takes/${start.takeId}/audio?format=original`, {
      headers: { authorization: `Bearer ${token}`, range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(sent.subarray(10, 20))).toBe(true);
  });

  it('when Ogg/Opus or MP4/AAC is streamed, then it is saved and matches the source', async () => {
    for (const [file, mime] of [
      [FIXTURES.en1Ogg, 'audio/ogg;codecs=opus'],
      [FIXTURES.en1M4a, 'audio/mp4'],
    ] as const) {
      const { start, status } = await streamTake(file, mime);
      expect(status.state, mime).toBe('saved');
      const wav = Buffer.from(await (await authed(`/takes/${start.takeId}/audio`)).arrayBuffer());
      expect((await compareToSource(wav, FIXTURES.en1Wav)).r, mime).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('when random bytes are streamed, then the take fails with UNSUPPORTED_MEDIA and the original is kept', async () => {
    const sentence = await randomSentence(server.url);
    const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'fear', mimeType: 'audio/webm' });
    if (!start.ok) throw new Error(start.error.code);
    const junk = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq: 0, data: junk })).toEqual({ ok: true, seq: 0 });
    const failed = nextStatus(socket, (s) => s.takeId === start.takeId && s.state === 'failed');
    await call(socket, 'take:stop', { takeId: start.takeId, lastSeq: 0 });
    expect((await failed).error?.code).toBe('UNSUPPORTED_MEDIA');
    const original = await authed(`/takes/${start.takeId}/audio?format=original`);
    expect(Buffer.from(await original.arrayBuffer()).equals(junk)).toBe(true);
    expect((await authed(`/takes/${start.takeId}/audio`)).status).toBe(409);
  });
});
