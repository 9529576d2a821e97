// MAX_TAKE_SECONDS on the server: a take decoded longer than the limit plus its tolerance is refused
// (TOO_LARGE), never saved; within the tolerance it is saved.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../src/media/ffmpeg-path.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let socket: RecordSocket;
let token: string;
let sentenceId: string;
let scratch: string;

beforeAll(async () => {
  // en1 decodes to 4.2 s (over 3 s + 1 s of tolerance), fr1 to 3.5 s (within it).
  server = await startTestServer({ env: { MAX_TAKE_SECONDS: '3', MAX_ACTIVE_TAKES: '20', TAKES_PER_MINUTE: '500' } });
  token = (await createSpeaker(server.url)).token;
  socket = await connectRecorder(server.url, token);
  sentenceId = (await randomSentence(server.url)).id;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'emovox-take-length-'));
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const api = (p: string) => fetch(`${server.url}/api/v1${p}`, { headers: { authorization: `Bearer ${token}` } });

/** Streams a file as one take; resolves with the take's final status, or the first refused chunk's code. */
async function streamTake(file: string): Promise<{ takeId: string; final: string; errorCode: string | null; maxTakeSeconds: unknown }> {
  const start = await call<{ takeId: string; maxTakeSeconds: number }>(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
  if (!start.ok) throw new Error(start.error.code);
  const chunks = splitIntoChunks(await readFile(file));
  for (const [seq, data] of chunks.entries()) {
    const ack = await call(socket, 'take:chunk', { takeId: start.takeId, seq, data });
    if (!ack.ok) return { takeId: start.takeId, final: 'refused', errorCode: ack.error.code, maxTakeSeconds: start.maxTakeSeconds };
  }
  const done = nextStatus(socket, (s) => s.takeId === start.takeId && (s.state === 'saved' || s.state === 'failed'));
  expect(await call(socket, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 })).toMatchObject({ ok: true });
  const status = await done;
  return { takeId: start.takeId, final: status.state, errorCode: status.error?.code ?? null, maxTakeSeconds: start.maxTakeSeconds };
}

describe('MAX_TAKE_SECONDS', () => {
  it('when anyone asks GET /limits, then it gives maxTakeSeconds and maxChunkBytes', async () => {
    const response = await fetch(`${server.url}/api/v1/limits`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ maxTakeSeconds: 3, maxChunkBytes: 262144 });
  });

  it('when a take starts, then its ack carries maxTakeSeconds', async () => {
    const ack = await call(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
    expect(ack).toMatchObject({ ok: true, maxTakeSeconds: 3 });
  });

  it('when a streamed take decodes longer than the limit and its tolerance, then it fails with TOO_LARGE and keeps no WAV', async () => {
    const result = await streamTake(FIXTURES.en1Webm);
    expect(result).toMatchObject({ final: 'failed', errorCode: 'TOO_LARGE' });
    const take = (await (await api(`/takes/${result.takeId}`)).json()) as { state: string; error: { code: string } | null; durationMs: number | null };
    expect(take).toMatchObject({ state: 'failed', error: { code: 'TOO_LARGE' }, durationMs: null });
    expect((await api(`/takes/${result.takeId}/audio?format=wav`)).status).toBe(409);
  });

  it('when a streamed take is a little over the limit but within the tolerance, then it is saved', async () => {
    const result = await streamTake(FIXTURES.fr1Webm);
    expect(result).toMatchObject({ final: 'saved', errorCode: null });
  });

  it('when a streamed take is far over the limit, then it is refused (a chunk or the take), never saved', async () => {
    const long = path.join(scratch, 'long.webm');
    await promisify(execFile)(ffmpegPath, ['-v', 'error', '-stream_loop', '3', '-i', FIXTURES.en1Wav, '-c:a', 'libopus', '-f', 'webm', long]);
    const result = await streamTake(long);
    expect(['refused', 'failed']).toContain(result.final);
    expect(result.errorCode).toBe('TOO_LARGE');
    // Refused midway or at stop, the take ends failed with TOO_LARGE, not left recording.
    expect(await (await api(`/takes/${result.takeId}`)).json()).toMatchObject({ state: 'failed', error: { code: 'TOO_LARGE' } });
  });

  it('when a whole file over the limit is POSTed, then 413 TOO_LARGE with error.takeId', async () => {
    const form = new FormData();
    form.set('sentenceId', sentenceId);
    form.set('emotion', 'neutral');
    form.set('file', new Blob([await readFile(FIXTURES.en1Webm)], { type: 'audio/webm' }), 'take.webm');
    const response = await fetch(`${server.url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; takeId: string } };
    expect(body.error).toMatchObject({ code: 'TOO_LARGE', takeId: expect.any(String) });
    expect(await (await api(`/takes/${body.error.takeId}`)).json()).toMatchObject({ state: 'failed', error: { code: 'TOO_LARGE' } });
  });
});
