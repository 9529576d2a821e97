// What a take says stays true: the text as read (not the sentence's current text), and re-record keeps the
// previous take, marked replaced once the new one is saved. Real sockets, real PostgreSQL, real ffmpeg.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TakeJson } from '../../src/protocol/index.js';
import { splitRows, untar } from '../export/dataset-archive.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, nextStatus, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, request, requestJson, supervisorTokens } from '../supervisors/helpers.js';

let server: TestServer;
let supervisor: string;
let speaker: { speakerId: string; token: string };
let socket: RecordSocket;
let sentenceId: string;
let otherSentenceId: string;
const ORIGINAL = 'The parcel arrived while you were asleep.';
const EDITED = 'The parcel arrived while you were at work.';

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  ({ supervisor } = await supervisorTokens(server.url));
  // A seeded sentence, the one of the report.
  const sentences = await requestJson<{ items: { id: string; text: string }[] }>(server.url, '/sentences', { token: supervisor });
  sentenceId = sentences.items.find((sentence) => sentence.text === ORIGINAL)!.id;
  otherSentenceId = sentences.items.find((sentence) => sentence.id !== sentenceId)!.id;
  speaker = await createSpeaker(server.url);
  socket = await connectRecorder(server.url, speaker.token);
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
});

/** Streams a file as one take and waits for its final state. */
async function recordTake(options: { replacesTakeId?: string; bytes?: Buffer; on?: RecordSocket } = {}) {
  const on = options.on ?? socket;
  const start = await call<{ takeId: string }>(on, 'take:start', {
    sentenceId,
    emotion: 'joy',
    mimeType: 'audio/webm;codecs=opus',
    ...(options.replacesTakeId ? { replacesTakeId: options.replacesTakeId } : {}),
  });
  if (!start.ok) throw new Error(`take:start ${start.error.code}`);
  const chunks = splitIntoChunks(options.bytes ?? (await readFile(FIXTURES.en1Webm)));
  for (const [seq, data] of chunks.entries()) await call(on, 'take:chunk', { takeId: start.takeId, seq, data });
  const done = nextStatus(on, (s) => s.takeId === start.takeId && (s.state === 'saved' || s.state === 'failed'));
  await call(on, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
  return { takeId: start.takeId, state: (await done).state };
}

const getTake = (takeId: string) => requestJson<TakeJson>(server.url, `/takes/${takeId}`, { token: supervisor });

async function exportRows(query = ''): Promise<Record<string, unknown>[]> {
  const response = await request(server.url, `/export?format=jsonl${query}`, { token: supervisor });
  expect(response.status).toBe(200);
  const { files } = await untar(Buffer.from(await response.arrayBuffer()));
  return splitRows(files, 'jsonl');
}

describe('the text as read', () => {
  it('when the sentence is edited after a take, then GET, the list and the export still carry the text that was read', async () => {
    const { takeId, state } = await recordTake();
    expect(state).toBe('saved');
    const patched = await request(server.url, `/sentences/${sentenceId}`, { method: 'PATCH', token: supervisor, body: { text: EDITED } });
    expect(patched.status).toBe(200);

    expect((await getTake(takeId)).sentenceText).toBe(ORIGINAL);
    const own = await requestJson<TakeJson>(server.url, `/takes/${takeId}`, { token: speaker.token });
    expect(own.sentenceText).toBe(ORIGINAL);
    const list = await requestJson<{ items: TakeJson[] }>(server.url, `/takes?speakerId=${speaker.speakerId}`, { token: supervisor });
    expect(list.items.find((take) => take.takeId === takeId)?.sentenceText).toBe(ORIGINAL);
    const row = (await exportRows()).find((r) => r.take_id === takeId);
    expect(row?.sentence).toBe(ORIGINAL);

    // A take started after the edit reads the new text.
    const later = await recordTake();
    expect((await getTake(later.takeId)).sentenceText).toBe(EDITED);
    await request(server.url, `/sentences/${sentenceId}`, { method: 'PATCH', token: supervisor, body: { text: ORIGINAL } });
  });
});

describe('re-record', () => {
  it('when a take is re-recorded twice, then every take is kept, linked in a chain, and the export holds only the last by default', async () => {
    const first = await recordTake();
    const second = await recordTake({ replacesTakeId: first.takeId });
    expect(second.state).toBe('saved');
    const third = await recordTake({ replacesTakeId: second.takeId });

    const [a, b, c] = await Promise.all([getTake(first.takeId), getTake(second.takeId), getTake(third.takeId)]);
    expect(a).toMatchObject({ state: 'saved', replaces: null, replacedBy: second.takeId });
    expect(b).toMatchObject({ state: 'saved', replaces: first.takeId, replacedBy: third.takeId });
    expect(c).toMatchObject({ state: 'saved', replaces: second.takeId, replacedBy: null });
    const audio = await request(server.url, `/takes/${first.takeId}/audio`, { token: supervisor });
    expect(audio.status).toBe(200);

    const byDefault = (await exportRows()).map((row) => row.take_id);
    expect(byDefault).toContain(third.takeId);
    expect(byDefault).not.toContain(first.takeId);
    expect(byDefault).not.toContain(second.takeId);
    const included = await exportRows('&replaced=include');
    expect(included.find((row) => row.take_id === first.takeId)?.replaced_by).toBe(second.takeId);
    expect(included.find((row) => row.take_id === third.takeId)?.replaced_by).toBeNull();

    const deletions = await requestJson<{ items: { takeId: string }[] }>(server.url, '/deletions', { token: supervisor });
    expect(deletions.items.map((row) => row.takeId)).not.toContain(first.takeId);
    expect((await request(server.url, '/export?replaced=maybe', { token: supervisor })).status).toBe(400);
  });

  it('when the whole-file path re-records a take, then it is replaced too; deleting the new take releases it again', async () => {
    const old = await recordTake();
    const form = new FormData();
    form.set('sentenceId', sentenceId);
    form.set('emotion', 'joy');
    form.set('replacesTakeId', old.takeId);
    form.set('file', new Blob([await readFile(FIXTURES.en1Webm)], { type: 'audio/webm;codecs=opus' }), 'take.webm');
    const response = await fetch(`${server.url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${speaker.token}` }, body: form });
    const created = (await response.json()) as TakeJson;
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ state: 'saved', replaces: old.takeId, sentenceText: ORIGINAL });
    expect(await getTake(old.takeId)).toMatchObject({ replacedBy: created.takeId });

    const deleted = await request(server.url, `/takes/${created.takeId}`, { method: 'DELETE', token: speaker.token });
    expect(deleted.status).toBe(204);
    expect(await getTake(old.takeId)).toMatchObject({ state: 'saved', replacedBy: null });
    expect((await exportRows()).map((row) => row.take_id)).toContain(old.takeId);
  });

  it('when the new take is discarded or fails, then the previous take stays as it was', async () => {
    const kept = await recordTake();
    const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm', replacesTakeId: kept.takeId });
    expect(start.ok).toBe(true);
    if (!start.ok) return;
    await call(socket, 'take:chunk', { takeId: start.takeId, seq: 0, data: (await readFile(FIXTURES.en1Webm)).subarray(0, 4800) });
    expect(await call(socket, 'take:discard', { takeId: start.takeId })).toMatchObject({ ok: true, state: 'discarded' });
    expect(await getTake(kept.takeId)).toMatchObject({ state: 'saved', replacedBy: null });

    const broken = await recordTake({ replacesTakeId: kept.takeId, bytes: Buffer.alloc(20_000, 7) });
    expect(broken.state).toBe('failed');
    expect(await getTake(kept.takeId)).toMatchObject({ state: 'saved', replacedBy: null });
    expect((await exportRows()).map((row) => row.take_id)).toContain(kept.takeId);
  });

  it('when replacesTakeId names a take the speaker may not replace, then a clear error and nothing changes', async () => {
    const other = await createSpeaker(server.url);
    const otherSocket = await connectRecorder(server.url, other.token);
    try {
      const theirs = await recordTake({ on: otherSocket });
      const start = (replacesTakeId: unknown) => call(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm', replacesTakeId });
      expect(await start(theirs.takeId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await start('00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await start('not-a-uuid')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const mine = await recordTake();
      const elsewhere = await call(socket, 'take:start', { sentenceId: otherSentenceId, emotion: 'joy', mimeType: 'audio/webm', replacesTakeId: mine.takeId });
      expect(elsewhere).toMatchObject({ ok: false, error: { code: 'CONFLICT', state: 'saved' } });
      await recordTake({ replacesTakeId: mine.takeId });
      expect(await start(mine.takeId)).toMatchObject({ ok: false, error: { code: 'CONFLICT', state: 'saved' } });
      expect(await getTake(theirs.takeId)).toMatchObject({ state: 'saved', replacedBy: null });
    } finally {
      otherSocket.close();
    }
  });
});
