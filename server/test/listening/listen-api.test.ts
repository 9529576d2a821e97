// The Listening routes over HTTP on two replicas sharing one database: blind assignments, the audio with
// ranges for its listener only, 201/200/409/404 on answers, /listen/me, gold and perception in take JSON,
// the perception filters and /stats, monitor:rating on the other replica, and "forget me" for a listener.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, MonitorRating, PerceptionStats, Rating, TakeJson } from '../../src/protocol/index.js';
import { createSpeaker } from '../support/speaker-client.js';
import { startTestServer, waitForPeers, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, request, requestJson, supervisorTokens, uploadTake } from '../supervisors/helpers.js';
import { cloneTakes } from './listening-fixtures.js';

const ENV = { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres', RATINGS_TARGET: '3', LISTEN_GOLD_SHARE: '0', LISTEN_REPEAT_SHARE: '0', FFMPEG_RUNNER: 'inline' };
let a: TestServer;
let b: TestServer;
let supervisor: string;
let recorded: TakeJson;
let owner: { speakerId: string; token: string };
let monitor: Socket;
const ratingEvents: MonitorRating[] = [];

beforeAll(async () => {
  a = await startTestServer({ env: ENV });
  b = await startTestServer({ env: ENV, databaseUrl: a.databaseUrl, dataDir: a.dataDir });
  await waitForPeers([a, b], '/monitor');
  supervisor = (await supervisorTokens(a.url)).supervisor;
  owner = await createSpeaker(a.url);
  recorded = await uploadTake(a.url, owner.token, { emotion: 'anger' });
  monitor = io(`${a.url}/monitor`, { auth: { token: supervisor }, transports: ['websocket'], reconnection: false, forceNew: true });
  monitor.on('monitor:rating', (event: MonitorRating) => ratingEvents.push(event));
  await new Promise<void>((resolve, reject) => {
    monitor.once('monitor:snapshot', () => resolve());
    monitor.once('connect_error', reject);
  });
}, 120_000);
afterAll(async () => {
  monitor?.close();
  await b?.dispose();
  await a?.dispose();
});

const rating = (over: Partial<Rating> = {}): Rating => ({ emotion: 'anger', intensity: 4, problems: ['noise'], responseMs: 2400, plays: 1, ...over });
const next = (server: TestServer, token: string, query = '') => request(server.url, `/listen/next${query}`, { token });
const answer = (server: TestServer, token: string, id: string, body: unknown) => request(server.url, `/listen/assignments/${id}`, { method: 'POST', token, body });

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('listening over HTTP', () => {
  it('gives a blind assignment on replica A that is answered on replica B, and the monitor on A hears the rating', async () => {
    const listener = await createSpeaker(a.url);
    const response = await next(a, listener.token);
    expect(response.status).toBe(200);
    const text = await response.text();
    const assignment = JSON.parse(text) as Assignment;
    expect(Object.keys(assignment).sort()).toEqual(['assignmentId', 'audioUrl', 'expiresAt', 'sentence']);
    expect(assignment.sentence).toEqual({ text: recorded.sentenceText, locale: 'en' });
    expect(assignment.audioUrl).toBe(`/api/v1/listen/assignments/${assignment.assignmentId}/audio`);
    for (const secret of [recorded.takeId, recorded.speakerId, 'anger']) expect(text).not.toContain(secret);
    // asking again, on the other replica, gives the same open assignment
    expect(await (await next(b, listener.token)).json()).toEqual(assignment);

    expect((await answer(b, listener.token, assignment.assignmentId, rating())).status).toBe(201);
    const event = await until(() => ratingEvents.find((e) => e.takeId === recorded.takeId), 'monitor:rating');
    expect(event).toMatchObject({ sentenceText: recorded.sentenceText, intended: 'anger', heard: 'anger', ratings: 1, perceivedEmotion: 'anger', agreement: 1 });
    expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    const take = await requestJson<TakeJson>(a.url, `/takes/${recorded.takeId}`, { token: supervisor });
    expect(take.gold).toBe(false);
    expect(take.perception).toEqual({
      ratings: 1,
      votes: { joy: 0, sadness: 0, anger: 1, disgust: 0, fear: 0, neutral: 0, other: 0 },
      perceivedEmotion: 'anger',
      agreement: 1,
      intendedMatch: true,
      meanIntensity: 4,
      problems: { noise: 1, cut_off: 0, wrong_sentence: 0, silent: 0, distorted: 0 },
    });
  });

  it('answers the identical body with 200, another body with 409, anyone else with 404, and a clip not heard with 400', async () => {
    const listener = await createSpeaker(a.url);
    const other = await createSpeaker(a.url);
    const assignment = (await (await next(a, listener.token)).json()) as Assignment;
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ plays: 0 }))).status).toBe(400);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ emotion: 'surprise' as never }))).status).toBe(400);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ intensity: 6 as never }))).status).toBe(400);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ problems: ['hum' as never] }))).status).toBe(400);
    expect((await answer(a, listener.token, 'not-a-uuid', rating())).status).toBe(400);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ responseMs: 1e12 }))).status).toBe(400);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ plays: 1.5 }))).status).toBe(400);
    expect((await answer(a, listener.token, assignment.assignmentId, [rating()])).status).toBe(400);
    expect((await next(a, listener.token, '?locale=de')).status).toBe(400);
    expect((await answer(a, other.token, assignment.assignmentId, rating())).status).toBe(404);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ emotion: 'other', intensity: null, problems: ['silent', 'noise'] }))).status).toBe(201);
    const again = await answer(b, listener.token, assignment.assignmentId, rating({ emotion: 'other', intensity: null, problems: ['noise', 'silent'] }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true });
    const changed = await answer(a, listener.token, assignment.assignmentId, rating({ emotion: 'joy' }));
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    expect(await requestJson(a.url, '/listen/me', { token: listener.token })).toEqual({ rated: 1, goldRated: 0, goldAccuracy: null, counted: true, available: 0 });
    expect((await request(a.url, '/listen/me')).status).toBe(401);
    expect((await request(a.url, '/listen/next', { token: supervisor })).status).toBe(403);
  });

  it('streams the WAV to its listener only, with ranges, and gives the speaker nothing of their own (204)', async () => {
    const listener = await createSpeaker(a.url);
    const other = await createSpeaker(a.url);
    const assignment = (await (await next(a, listener.token)).json()) as Assignment;
    const full = await fetch(`${b.url}${assignment.audioUrl}`, { headers: { authorization: `Bearer ${listener.token}` } });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await full.arrayBuffer());
    const original = Buffer.from(await (await request(a.url, `/takes/${recorded.takeId}/audio`, { token: supervisor })).arrayBuffer());
    expect(bytes.equals(original)).toBe(true);
    const part = await fetch(`${a.url}${assignment.audioUrl}`, { headers: { authorization: `Bearer ${listener.token}`, range: 'bytes=0-43' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 44))).toBe(true);
    expect((await fetch(`${a.url}${assignment.audioUrl}`, { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(404);
    expect((await fetch(`${a.url}/api/v1/listen/assignments/${recorded.takeId}/audio`, { headers: { authorization: `Bearer ${listener.token}` } })).status).toBe(404);
    // the only take is the owner's own: nothing for them
    expect((await next(a, owner.token)).status).toBe(204);
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ intensity: 2 }))).status).toBe(201);
  });

  it('marks gold with PATCH, alone or with a review, and filters takes by perception and gold; /stats has perception', async () => {
    const gold = await request(a.url, `/takes/${recorded.takeId}`, { method: 'PATCH', token: supervisor, body: { gold: true } });
    expect(gold.status).toBe(200);
    expect(((await gold.json()) as TakeJson).gold).toBe(true);
    const both = await requestJson<TakeJson>(a.url, `/takes/${recorded.takeId}`, { method: 'PATCH', token: supervisor, body: { gold: true, review: 'accepted', note: 'reference' } });
    expect(both).toMatchObject({ gold: true, review: 'accepted', reviewNote: 'reference' });
    expect((await request(a.url, `/takes/${recorded.takeId}`, { method: 'PATCH', token: supervisor, body: {} })).status).toBe(400);
    expect((await request(a.url, `/takes/${recorded.takeId}`, { method: 'PATCH', token: supervisor, body: { gold: 'yes' } })).status).toBe(400);
    const list = async (query: string) => (await requestJson<{ items: TakeJson[] }>(a.url, `/takes?${query}`, { token: supervisor })).items.map((t) => t.takeId);
    expect(await list('gold=true')).toEqual([recorded.takeId]);
    expect(await list('gold=false&state=saved')).not.toContain(recorded.takeId);
    // votes now: anger 2 (listeners 1 and 3), other 1 (listener 2)
    expect(await list('perceived=anger')).toEqual([recorded.takeId]);
    expect(await list('perceived=other')).toEqual([]);
    expect(await list('minAgreement=0.66')).toEqual([recorded.takeId]);
    expect(await list('minAgreement=0.7')).toEqual([]);
    expect((await request(a.url, '/takes?minAgreement=2', { token: supervisor })).status).toBe(400);
    expect((await request(a.url, '/takes?perceived=surprise', { token: supervisor })).status).toBe(400);

    const stats = (await requestJson<{ perception: PerceptionStats }>(a.url, '/stats', { token: supervisor })).perception;
    expect(stats).toMatchObject({
      ratedTakes: 1,
      ratings: 3,
      listeners: 3,
      confusion: [{ intended: 'anger', perceived: 'anger', count: 1 }],
      recognitionByEmotion: { joy: null, sadness: null, anger: 1, disgust: null, fear: null, neutral: null },
      fleissKappa: null,
    });
    expect(stats.perDay).toEqual([{ day: new Date().toISOString().slice(0, 10), ratings: 3, listeners: 3 }]);
    expect(stats.listenerAccuracy).toHaveLength(3);
    for (const row of stats.listenerAccuracy) {
      expect(row.listenerId).toMatch(/^[0-9a-f]{16}$/);
      expect(row).toMatchObject({ rated: 1, goldRated: 1, counted: true });
    }
    expect(stats.listenerAccuracy.map((row) => row.goldAccuracy).sort()).toEqual([0, 1, 1]);
  });

  it('when 20 listeners ask at once, half on each replica, then no clip gets more fill assignments than the target', async () => {
    const clips = await cloneTakes(a.db.pool, recorded.takeId, 5, { gold: false });
    const listeners = await Promise.all(Array.from({ length: 20 }, () => createSpeaker(a.url)));
    const given = await Promise.all(listeners.map((listener, i) => next(i % 2 === 0 ? a : b, listener.token)));
    expect(given.map((response) => response.status).every((status) => status === 200)).toBe(true);
    const load = await a.db.pool.query(
      `SELECT take_id, count(*)::int AS n FROM listen_assignments WHERE kind = 'fill' AND take_id = ANY($1) GROUP BY take_id`,
      [clips],
    );
    expect(load.rows.map((row) => row.n as number)).toEqual([3, 3, 3, 3, 3]); // RATINGS_TARGET 3; the other 5 got the gold take
    await a.db.pool.query('DELETE FROM takes WHERE id = ANY($1)', [clips]);
  });

  it('keeps a forgotten listener\'s ratings, pseudonymous, in the consensus', async () => {
    const listener = await createSpeaker(a.url);
    // nothing left to fill (target 3 reached): a gold take is still offered, as gold comes on top of the target
    const assignment = (await (await next(a, listener.token)).json()) as Assignment;
    expect((await answer(a, listener.token, assignment.assignmentId, rating({ emotion: 'fear' }))).status).toBe(201);
    expect((await request(a.url, '/speakers/me', { method: 'DELETE', token: listener.token, body: {} })).status).toBe(200);
    expect((await request(a.url, '/listen/me', { token: listener.token })).status).toBe(401);
    const take = await requestJson<TakeJson>(a.url, `/takes/${recorded.takeId}`, { token: supervisor });
    expect(take.perception).toMatchObject({ ratings: 4, votes: { anger: 2, other: 1, fear: 1 }, perceivedEmotion: 'anger', agreement: 0.5 });
    const stats = (await requestJson<{ perception: PerceptionStats }>(a.url, '/stats', { token: supervisor })).perception;
    expect(stats).toMatchObject({ ratings: 4, listeners: 4 });
  });
});
