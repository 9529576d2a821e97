import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { connectRecorder, createSpeaker, randomSentence, recordSavedTake } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  server = await startTestServer({ env: { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'correct horse battery' } });
});
afterAll(async () => {
  await server?.dispose();
});

const savedTake = (token: string) => recordSavedTake(server.url, token, FIXTURES.en1Webm);

describe('probes', () => {
  it('when the process runs, then /healthz is ok and /readyz sees the database and storage', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, database: true, storage: true });
  });

  it('when /metrics is scraped, then it has the chunk ack histogram and takes by state', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('emovox_chunk_ack_seconds_bucket');
    expect(text).toContain('emovox_connected_sockets');
    expect(text).toContain('emovox_finalize_seconds');
  });
});

describe('speakers and sentences', () => {
  it('when consent is not true, then 400 BAD_REQUEST with the contract body', async () => {
    const response = await api('/speakers', json({ consent: false, locale: 'en' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  });

  it('when a speaker consents with a profile, then 201 with an ID and a 256-bit token', async () => {
    const response = await api('/speakers', json({ consent: true, locale: 'fr', ageRange: '25-34', gender: 'female', nativeLanguage: 'French', accent: 'Québec' }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { speakerId: string; token: string };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await server.db.pool.query('SELECT token_hash, accent FROM speakers WHERE id = $1', [body.speakerId]);
    expect(stored.rows[0].accent).toBe('Québec');
    expect(Buffer.from(stored.rows[0].token_hash).toString('base64url')).not.toBe(body.token);
  });

  it('when a random sentence is asked by locale, then it is active and in that locale; excluding all gives 404', async () => {
    const sentence = (await (await api('/sentences/random?locale=fr')).json()) as { id: string; locale: string; text: string };
    expect(sentence.locale).toBe('fr');
    const all = await server.db.pool.query("SELECT id FROM sentences WHERE locale = 'fr'");
    const response = await api(`/sentences/random?locale=fr&exclude=${all.rows.map((r) => r.id).join(',')}`);
    expect(response.status).toBe(404);
    expect(all.rows.length).toBeGreaterThanOrEqual(20);
  });

  it('when the JSON body is malformed or too big, then BAD_REQUEST or TOO_LARGE', async () => {
    const bad = await api('/speakers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"consent": tru' });
    expect(bad.status).toBe(400);
    const big = await api('/speakers', json({ consent: true, locale: 'en', accent: 'x'.repeat(100_000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
  });
});

describe('login', () => {
  it('when the bootstrapped admin logs in, then a token with role admin; a wrong password gives 401', async () => {
    const ok = await api('/auth/login', json({ email: 'Admin@Example.org', password: 'correct horse battery' }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ role: 'admin', token: expect.any(String), expiresAt: expect.any(String) });
    const wrong = await api('/auth/login', json({ email: 'admin@example.org', password: 'wrong password!' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('when a supervisor token connects to /record, then FORBIDDEN', async () => {
    const { token } = (await (await api('/auth/login', json({ email: 'admin@example.org', password: 'correct horse battery' }))).json()) as { token: string };
    await expect(connectRecorder(server.url, token)).rejects.toThrow('FORBIDDEN');
  });
});

describe('takes over REST', () => {
  it('when another speaker asks for a take, then 404; without a token, then 401', async () => {
    const owner = await createSpeaker(server.url);
    const take = await savedTake(owner.token);
    const stranger = await createSpeaker(server.url);
    expect((await api(`/takes/${take.takeId}`, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
    expect((await api(`/takes/${take.takeId}`)).status).toBe(401);
    expect((await api('/takes/not-a-uuid', { headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(400);
  });

  it('when deleted with a wrong receipt, then 404; with the right one, then 204, objects gone and an audit row kept', async () => {
    const owner = await createSpeaker(server.url);
    const take = await savedTake(owner.token);
    const del = (receipt: string) =>
      api(`/takes/${take.takeId}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt }) });
    const wrong = await del('x'.repeat(32));
    expect(wrong.status).toBe(404);
    expect((await del(take.receipt)).status).toBe(204);
    expect((await api(`/takes/${take.takeId}`, { headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(404);
    expect(await server.store.list(`takes/${take.takeId}/`)).toEqual([]);
    const audit = await server.db.pool.query('SELECT reason FROM deletions WHERE take_id = $1', [take.takeId]);
    expect(audit.rows).toEqual([{ reason: 'speaker_request' }]);
    expect((await del(take.receipt)).status).toBe(404);
  });

  it("when deleted with the speaker's own token, then 204", async () => {
    const owner = await createSpeaker(server.url);
    const take = await savedTake(owner.token);
    const response = await api(`/takes/${take.takeId}`, { method: 'DELETE', headers: { authorization: `Bearer ${owner.token}` } });
    expect(response.status).toBe(204);
  });

  it('when a whole file is POSTed, then 201 with the saved take and a receipt, and the WAV matches the source', async () => {
    const owner = await createSpeaker(server.url);
    const sentence = await randomSentence(server.url);
    const form = new FormData();
    form.set('sentenceId', sentence.id);
    form.set('emotion', 'neutral');
    form.set('audioSettings', JSON.stringify({ echoCancellation: false }));
    form.set('file', new Blob([await readFile(FIXTURES.fr1Webm)], { type: 'audio/webm' }), 'take.webm');
    const response = await api('/takes', { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: form });
    expect(response.status).toBe(201);
    const take = (await response.json()) as { takeId: string; state: string; receipt: string };
    expect(take).toMatchObject({ state: 'saved', receipt: expect.any(String) });
    const wav = await api(`/takes/${take.takeId}/audio`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect((await compareToSource(Buffer.from(await wav.arrayBuffer()), FIXTURES.fr1Wav)).r).toBeGreaterThanOrEqual(0.9);
  });

  it('when a multipart body is cut off inside the file, then 400 and the server lives on', async () => {
    const owner = await createSpeaker(server.url);
    const body = '--B\r\nContent-Disposition: form-data; name="file"; filename="t.webm"\r\nContent-Type: audio/webm\r\n\r\nabc';
    const response = await api('/takes', {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'multipart/form-data; boundary=B' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('when a path parameter has a malformed percent-escape, then 400 BAD_REQUEST, not 500', async () => {
    const owner = await createSpeaker(server.url);
    for (const path of ['/takes/%', '/takes/%E0%A4%A/audio']) {
      const response = await api(path, { headers: { authorization: `Bearer ${owner.token}` } });
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
  });

  it('when a POSTed file cannot be decoded, then 415 with error.takeId', async () => {
    const owner = await createSpeaker(server.url);
    const sentence = await randomSentence(server.url);
    const form = new FormData();
    form.set('sentenceId', sentence.id);
    form.set('emotion', 'neutral');
    form.set('file', new Blob([Buffer.alloc(2000, 7)], { type: 'audio/webm' }), 'take.webm');
    const response = await api('/takes', { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: form });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA', takeId: expect.any(String) } });
  });
});
