// Input that PostgreSQL or HTTP cannot carry is refused with 400 where it enters, never stored to fail later.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, recordSavedTake } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login, request } from '../supervisors/helpers.js';

let server: TestServer;
const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
});
afterAll(async () => {
  await server?.dispose();
});

describe('MIME types', () => {
  it('when take:start carries a MIME type with CR/LF or outside the grammar, then BAD_REQUEST', async () => {
    const speaker = await createSpeaker(server.url);
    const sentence = await randomSentence(server.url);
    const socket = await connectRecorder(server.url, speaker.token);
    try {
      for (const mimeType of ['audio/webm\r\nX-Injected: 1', 'audio/webm;codecs=opus\n', 'audio/webm;', 'audio', 'audio/wébm']) {
        const ack = await call(socket, 'take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType });
        expect(ack, JSON.stringify(mimeType)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
      const fine = await call(socket, 'take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/ogg; codecs="opus"' });
      expect(fine).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  });

  it('when a take stored with a bad MIME type is fetched as original, then its bytes come as octet-stream, not 500', async () => {
    const speaker = await createSpeaker(server.url);
    const take = await recordSavedTake(server.url, speaker.token, FIXTURES.en1Webm);
    await server.db.pool.query(`UPDATE takes SET mime_type = E'audio/webm\\r\\nX-Injected: 1' WHERE id = $1`, [take.takeId]);
    const response = await api(`/takes/${take.takeId}/audio?format=original`, { headers: { authorization: `Bearer ${speaker.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('x-injected')).toBeNull();
  });

  it('when a whole file is POSTed as audio/webm;codecs=opus, then the take keeps the parameters', async () => {
    const speaker = await createSpeaker(server.url);
    const sentence = await randomSentence(server.url);
    const form = new FormData();
    form.set('sentenceId', sentence.id);
    form.set('emotion', 'neutral');
    form.set('file', new Blob([await readFile(FIXTURES.fr1Webm)], { type: 'audio/webm;codecs=opus' }), 'take.webm');
    const response = await api('/takes', { method: 'POST', headers: { authorization: `Bearer ${speaker.token}` }, body: form });
    expect(response.status).toBe(201);
    const take = (await response.json()) as { takeId: string; mimeType: string };
    expect(take.mimeType).toBe('audio/webm;codecs=opus');
    const original = await api(`/takes/${take.takeId}/audio?format=original`, { headers: { authorization: `Bearer ${speaker.token}` } });
    expect(original.headers.get('content-type')).toBe('audio/webm;codecs=opus');
  });

  it('when the file part of POST /takes has a Content-Type outside the grammar, then 400 BAD_REQUEST', async () => {
    const speaker = await createSpeaker(server.url);
    const sentence = await randomSentence(server.url);
    const body = [
      '--B',
      'Content-Disposition: form-data; name="sentenceId"',
      '',
      sentence.id,
      '--B',
      'Content-Disposition: form-data; name="emotion"',
      '',
      'joy',
      '--B',
      'Content-Disposition: form-data; name="file"; filename="t.webm"',
      'Content-Type: audio/webm; codecs',
      '',
      'abc',
      '--B--',
      '',
    ].join('\r\n');
    const response = await api('/takes', {
      method: 'POST',
      headers: { authorization: `Bearer ${speaker.token}`, 'content-type': 'multipart/form-data; boundary=B' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });
});

describe('NUL characters', () => {
  it('when a review note or a sentence holds NUL, then 400 BAD_REQUEST and nothing is stored', async () => {
    const admin = await login(server.url, ADMIN.email, ADMIN.password);
    const speaker = await createSpeaker(server.url);
    const take = await recordSavedTake(server.url, speaker.token, FIXTURES.en1Webm);
    const note = await request(server.url, `/takes/${take.takeId}`, { method: 'PATCH', token: admin, body: { review: 'accepted', note: 'a\u0000b' } });
    expect(note.status).toBe(400);
    expect(await note.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const sentence = await request(server.url, '/sentences', { method: 'POST', token: admin, body: { text: 'Hello\u0000world', locale: 'en' } });
    expect(sentence.status).toBe(400);
    const stored = await server.db.pool.query(`SELECT count(*)::int AS n FROM sentences WHERE text LIKE 'Hello%world'`);
    expect(stored.rows[0].n).toBe(0);
    const profile = await api('/speakers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consent: true, locale: 'en', accent: 'x\u0000y' }),
    });
    expect(profile.status).toBe(400);
  });
});

describe('request bodies', () => {
  it('when a gzip-encoded body is not valid gzip, then 400 BAD_REQUEST; valid gzip still works', async () => {
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const bad = await api('/speakers', { method: 'POST', headers, body: Buffer.from('this is not gzip at all') });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const good = await api('/speakers', { method: 'POST', headers, body: gzipSync(JSON.stringify({ consent: true, locale: 'en' })) });
    expect(good.status).toBe(201);
  });
});
