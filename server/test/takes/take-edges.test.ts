// Pre-roll and post-roll marks, and the edge silences measured at finalize, through the real pipeline: a real
// Socket.IO client streams WebM/Opus edited from the fixtures with ffmpeg, the server finalizes it, and the
// take JSON and the row say what happened.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { splitRows, untar } from '../export/dataset-archive.js';
import { ADMIN, ADMIN_ENV, login, request, requestJson } from '../supervisors/helpers.js';
import { editAudio } from '../support/edit-audio.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import type { TakeJson } from '../../src/protocol/index.js';

let server: TestServer;
let token: string;
let socket: RecordSocket;

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  token = (await createSpeaker(server.url)).token;
  socket = await connectRecorder(server.url, token);
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
});

const authed = (path: string) => fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
const takeJson = async (takeId: string) => (await (await authed(`/takes/${takeId}`)).json()) as TakeJson;

async function startAndSend(audio: Buffer) {
  const sentence = await randomSentence(server.url);
  const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'fear', mimeType: 'audio/webm;codecs=opus' });
  if (!start.ok) throw new Error(start.error.code);
  const chunks = splitIntoChunks(audio);
  for (const [seq, data] of chunks.entries()) expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq, data })).toEqual({ ok: true, seq });
  return { takeId: start.takeId, lastSeq: chunks.length - 1 };
}

async function streamAndStop(audio: Buffer, marks: { speakAtMs?: number; stopPressedAtMs?: number } = {}) {
  const { takeId, lastSeq } = await startAndSend(audio);
  const ended = nextStatus(socket, (s) => s.takeId === takeId && (s.state === 'saved' || s.state === 'failed'));
  expect(await call(socket, 'take:stop', { takeId, lastSeq, ...marks })).toEqual({ ok: true, state: 'finalizing' });
  expect((await ended).state).toBe('saved');
  return takeJson(takeId);
}

describe('pre-roll and post-roll marks', () => {
  it('when take:stop carries speakAtMs and stopPressedAtMs, then they are stored, in take JSON, and a repeated stop keeps them', async () => {
    const take = await streamAndStop(await editAudio(FIXTURES.en2Wav, { padSeconds: 0.5 }, 'webm'), { speakAtMs: 500, stopPressedAtMs: 4_200 });
    expect(take).toMatchObject({ state: 'saved', speakAtMs: 500, stopPressedAtMs: 4_200 });
    const row = await server.db.pool.query('SELECT speak_at_ms, stop_pressed_at_ms FROM takes WHERE id = $1', [take.takeId]);
    expect(row.rows[0]).toEqual({ speak_at_ms: 500, stop_pressed_at_ms: 4_200 });

    const lastSeq = (await server.db.pool.query('SELECT last_seq FROM takes WHERE id = $1', [take.takeId])).rows[0].last_seq as number;
    const again = await call(socket, 'take:stop', { takeId: take.takeId, lastSeq, speakAtMs: 1, stopPressedAtMs: 2 });
    expect(again).toEqual({ ok: true, state: 'saved' });
    expect(await takeJson(take.takeId)).toMatchObject({ speakAtMs: 500, stopPressedAtMs: 4_200 });
  });

  it('when a stop has no marks, then they are null', async () => {
    const take = await streamAndStop(await editAudio(FIXTURES.en2Wav, { padSeconds: 0.5 }, 'webm'));
    expect(take.speakAtMs).toBeNull();
    expect(take.stopPressedAtMs).toBeNull();
  });

  it('when the marks are malformed or out of order, then BAD_REQUEST and the take still records, to be stopped properly', async () => {
    const { takeId, lastSeq } = await startAndSend(await readFile(FIXTURES.en1Webm));
    for (const marks of [{ speakAtMs: -1 }, { speakAtMs: 1.5 }, { stopPressedAtMs: '900' }, { speakAtMs: 800, stopPressedAtMs: 700 }]) {
      const ack = await call(socket, 'take:stop', { takeId, lastSeq, ...marks });
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await takeJson(takeId)).state).toBe('recording');
    expect(await call(socket, 'take:stop', { takeId, lastSeq, speakAtMs: 480, stopPressedAtMs: 3_900 })).toEqual({ ok: true, state: 'finalizing' });
  });

  it('when POST /takes carries the marks as fields, then they are stored; a bad mark is 400 and makes no take', async () => {
    const sentence = await randomSentence(server.url);
    const upload = (fields: Record<string, string>) => {
      const form = new FormData();
      form.set('sentenceId', sentence.id);
      form.set('emotion', 'joy');
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      return readFile(FIXTURES.en1Webm).then((bytes) => {
        form.set('file', new Blob([bytes], { type: 'audio/webm' }), 'take.webm');
        return fetch(`${server.url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      });
    };
    const ok = await upload({ speakAtMs: '510', stopPressedAtMs: '3700' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ speakAtMs: 510, stopPressedAtMs: 3_700 });
    const before = await server.db.pool.query('SELECT count(*)::int AS n FROM takes');
    for (const bad of [{ speakAtMs: 'soon' }, { speakAtMs: '900', stopPressedAtMs: '100' }] as Record<string, string>[]) {
      const refused = await upload(bad);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
    expect((await server.db.pool.query('SELECT count(*)::int AS n FROM takes')).rows[0]).toEqual(before.rows[0]);
  });
});

describe('cut-off detection at finalize', () => {
  it('when the utterance has 0.6 s of silence on each side, then it is not cut_off and both edges are measured', async () => {
    const take = await streamAndStop(await editAudio(FIXTURES.en1Wav, { padSeconds: 0.6 }, 'webm'));
    expect(take.quality?.flags).toEqual([]);
    expect(take.quality?.leadingSilenceMs).toBeGreaterThanOrEqual(600);
    expect(take.quality?.trailingSilenceMs).toBeGreaterThanOrEqual(600);
  });

  it('when the start is trimmed into the speech, then cut_off with under 100 ms of leading silence', async () => {
    const take = await streamAndStop(await editAudio(FIXTURES.en1Wav, { trimStartSeconds: 0.35, padSeconds: 0 }, 'webm'));
    expect(take.quality?.flags).toContain('cut_off');
    expect(take.quality?.leadingSilenceMs).toBeLessThan(100);
  });

  it('when the end is trimmed into the speech, then cut_off with under 100 ms of trailing silence, and GET /takes?flag=cut_off finds it', async () => {
    const take = await streamAndStop(await editAudio(FIXTURES.fr1Wav, { keepSeconds: 3.0 }, 'webm'));
    expect(take.quality?.flags).toContain('cut_off');
    expect(take.quality?.trailingSilenceMs).toBeLessThan(100);
    const row = await server.db.pool.query("SELECT quality->'trailingSilenceMs' AS trailing FROM takes WHERE id = $1", [take.takeId]);
    expect(row.rows[0].trailing).toBe(take.quality?.trailingSilenceMs);
    const supervisor = await login(server.url, ADMIN.email, ADMIN.password);
    const listed = await requestJson<{ items: TakeJson[] }>(server.url, '/takes?flag=cut_off&limit=500', { token: supervisor });
    expect(listed.items.map((t) => t.takeId)).toContain(take.takeId);
    expect(listed.items.every((t) => t.quality?.flags.includes('cut_off'))).toBe(true);
  });
});

describe('the export', () => {
  it('when takes with marks and measured edges are exported, then speak_at_ms, stop_pressed_at_ms, leading_silence_ms and trailing_silence_ms are columns', async () => {
    const take = await streamAndStop(await editAudio(FIXTURES.en2Wav, { padSeconds: 0.5 }, 'webm'), { speakAtMs: 520, stopPressedAtMs: 4_111 });
    const supervisor = await login(server.url, ADMIN.email, ADMIN.password);
    const response = await request(server.url, '/export?replaced=include', { token: supervisor });
    const { files } = await untar(Buffer.from(await response.arrayBuffer()));
    const row = splitRows(files, 'csv').find((r) => r.take_id === take.takeId);
    expect(row).toMatchObject({
      speak_at_ms: '520',
      stop_pressed_at_ms: '4111',
      leading_silence_ms: String(take.quality?.leadingSilenceMs),
      trailing_silence_ms: String(take.quality?.trailingSilenceMs),
    });
    expect(Number(row?.leading_silence_ms)).toBeGreaterThanOrEqual(500);
  });
});
