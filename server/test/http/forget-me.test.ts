// "Forget me" over real HTTP, PostgreSQL and Socket.IO, on two replicas sharing one database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, randomSentence, recordSavedTake, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, waitForPeers, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login, request } from '../supervisors/helpers.js';

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer({ env: { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres' } });
  b = await startTestServer({ env: { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres' }, databaseUrl: a.databaseUrl, dataDir: a.dataDir });
  await waitForPeers([a, b], '/record');
});
afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
});

async function profiledSpeaker(server: TestServer) {
  const response = await request(server.url, '/speakers', {
    method: 'POST',
    body: { consent: true, locale: 'fr', ageRange: '25-34', gender: 'female', nativeLanguage: 'French', accent: 'Québec' },
  });
  return (await response.json()) as { speakerId: string; token: string };
}

/** Resolves once the socket is closed by the server, with the session:expired notice it got first. */
function endedBy(socket: RecordSocket) {
  const untyped = socket as unknown as { on(event: string, listener: (payload: unknown) => void): void };
  let notice: unknown = null;
  untyped.on('session:expired', (payload) => (notice = payload));
  return new Promise<{ notice: unknown; reason: string }>((resolve) => socket.on('disconnect', (reason) => resolve({ notice, reason })));
}

describe('GET /speakers/me/takes', () => {
  it('when a speaker asks for their takes, then they get their own, newest first, and nobody else’s', async () => {
    const me = await profiledSpeaker(a);
    const other = await profiledSpeaker(a);
    const first = await recordSavedTake(a.url, me.token, FIXTURES.en1Webm);
    const second = await recordSavedTake(a.url, me.token, FIXTURES.en1Webm);
    await recordSavedTake(a.url, other.token, FIXTURES.en1Webm);
    const response = await request(a.url, '/speakers/me/takes', { token: me.token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { takeId: string; speakerId: string; state: string }[] };
    expect(body.items.map((take) => take.takeId)).toEqual([second.takeId, first.takeId]);
    expect(body.items.every((take) => take.speakerId === me.speakerId && take.state === 'saved')).toBe(true);
    expect((await request(a.url, '/speakers/me/takes')).status).toBe(401);
  });
});

describe('DELETE /speakers/me', () => {
  it('when a speaker is forgotten without their takes, then the profile is erased, the token is dead on REST and sockets on every replica, and the takes stay', async () => {
    const me = await profiledSpeaker(a);
    const take = await recordSavedTake(a.url, me.token, FIXTURES.en1Webm);
    const onA = await connectRecorder(a.url, me.token);
    const onB = await connectRecorder(b.url, me.token);
    const [endedA, endedB] = [endedBy(onA), endedBy(onB)];

    const response = await request(a.url, '/speakers/me', { method: 'DELETE', token: me.token, body: { deleteTakes: false } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ speakerId: me.speakerId, erased: true, deletedTakes: 0 });

    for (const ended of await Promise.all([endedA, endedB])) {
      expect(ended.reason).toBe('io server disconnect');
      expect(ended.notice).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const row = await a.db.pool.query('SELECT age_range, gender, native_language, accent, erased_at FROM speakers WHERE id = $1', [me.speakerId]);
    expect(row.rows[0]).toMatchObject({ age_range: null, gender: null, native_language: null, accent: null, erased_at: expect.any(Date) });
    expect((await request(a.url, '/speakers/me/takes', { token: me.token })).status).toBe(401);
    expect((await request(b.url, `/takes/${take.takeId}`, { token: me.token })).status).toBe(401);
    await expect(connectRecorder(b.url, me.token)).rejects.toThrow('UNAUTHORIZED');

    const admin = await login(a.url, ADMIN.email, ADMIN.password);
    expect((await request(a.url, `/takes/${take.takeId}`, { token: admin })).status).toBe(200);
    const audit = await a.db.pool.query('SELECT count(*)::int AS n FROM deletions WHERE take_id = $1', [take.takeId]);
    expect(audit.rows[0].n).toBe(0);
  });

  it('when a speaker is forgotten with their takes, then every take, its objects and its row go, each with an audit row', async () => {
    const me = await profiledSpeaker(a);
    const takes = [await recordSavedTake(a.url, me.token, FIXTURES.en1Webm), await recordSavedTake(a.url, me.token, FIXTURES.en1Webm)];
    const other = await profiledSpeaker(a);
    const kept = await recordSavedTake(a.url, other.token, FIXTURES.en1Webm);

    const response = await request(b.url, '/speakers/me', { method: 'DELETE', token: me.token, body: { deleteTakes: true } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ erased: true, deletedTakes: 2 });

    const ids = takes.map((take) => take.takeId);
    const rows = await a.db.pool.query('SELECT count(*)::int AS n FROM takes WHERE id = ANY($1)', [ids]);
    expect(rows.rows[0].n).toBe(0);
    const audit = await a.db.pool.query('SELECT take_id, reason FROM deletions WHERE take_id = ANY($1) ORDER BY take_id', [ids]);
    expect(audit.rows).toEqual([...ids].sort().map((id) => ({ take_id: id, reason: 'speaker_request' })));
    for (const id of ids) expect(await a.store.list(`takes/${id}/`)).toEqual([]);
    expect((await a.store.list(`takes/${kept.takeId}/`)).length).toBeGreaterThan(0);
    expect((await request(a.url, `/takes/${kept.takeId}`, { token: other.token })).status).toBe(200);
  });

  it('when a speaker is forgotten with a take still recording, then that take is discarded and deleted too', async () => {
    const me = await profiledSpeaker(a);
    const socket = await connectRecorder(a.url, me.token);
    const ended = endedBy(socket);
    const sentence = await randomSentence(a.url);
    const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'fear', mimeType: 'audio/webm;codecs=opus' });
    if (!start.ok) throw new Error(start.error.code);
    expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq: 0, data: Buffer.alloc(1000, 1) })).toMatchObject({ ok: true });

    const response = await request(a.url, '/speakers/me', { method: 'DELETE', token: me.token, body: { deleteTakes: true } });
    expect(await response.json()).toMatchObject({ deletedTakes: 1 });
    await ended;
    expect((await a.db.pool.query('SELECT count(*)::int AS n FROM takes WHERE id = $1', [start.takeId])).rows[0].n).toBe(0);
    expect((await a.db.pool.query('SELECT count(*)::int AS n FROM take_chunks WHERE take_id = $1', [start.takeId])).rows[0].n).toBe(0);
    expect(a.application.io.of('/record').sockets.size).toBe(0);
  });

  it('when the body is not a boolean choice, or the caller is not a speaker, then 400 or 401/403, and nothing is erased', async () => {
    const me = await profiledSpeaker(a);
    expect((await request(a.url, '/speakers/me', { method: 'DELETE', token: me.token, body: { deleteTakes: 'yes' } })).status).toBe(400);
    expect((await request(a.url, '/speakers/me', { method: 'DELETE' })).status).toBe(401);
    const admin = await login(a.url, ADMIN.email, ADMIN.password);
    expect((await request(a.url, '/speakers/me', { method: 'DELETE', token: admin })).status).toBe(403);
    expect((await request(a.url, '/speakers/me/takes', { token: me.token })).status).toBe(200);
  });
});
