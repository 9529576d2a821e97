// Sentences, the take list and its filters and pages, review, the deletion audit and the statistics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentenceJson, StatsJson, TakeJson } from '../../src/protocol/index.js';
import { call, connectRecorder, createSpeaker, randomSentence } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, request, requestJson, supervisorTokens, uploadTake } from './helpers.js';

let server: TestServer;
let supervisor: string;
const get = <T>(path: string) => requestJson<T>(server.url, path, { token: supervisor });

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  ({ supervisor } = await supervisorTokens(server.url));
});
afterAll(async () => {
  await server?.dispose();
});

describe('sentences', () => {
  it('when a supervisor adds, edits and lists sentences, then the list shows the change; a duplicate gives CONFLICT', async () => {
    const created = await requestJson<SentenceJson>(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text: '  A fresh sentence.  ', locale: 'fr' } }, 201);
    expect(created).toEqual({ id: expect.any(String), text: 'A fresh sentence.', locale: 'fr', active: true });
    const edited = await requestJson<SentenceJson>(server.url, `/sentences/${created.id}`, { method: 'PATCH', token: supervisor, body: { text: 'An edited sentence.', active: false } });
    expect(edited).toEqual({ ...created, text: 'An edited sentence.', active: false });
    const list = await get<{ items: SentenceJson[] }>('/sentences');
    expect(list.items).toContainEqual({ ...edited, takes: 0 });
    const duplicate = await request(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text: 'An edited sentence.', locale: 'fr' } });
    expect(duplicate.status).toBe(409);
    const invalid = await request(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text: '', locale: 'de' } });
    expect(invalid.status).toBe(400);
    expect((await request(server.url, '/sentences/00000000-0000-4000-8000-000000000000', { method: 'PATCH', token: supervisor, body: { active: true } })).status).toBe(404);
  });

  it('when a sentence without takes is deleted, then it is gone (204); one with takes is deactivated instead (200, active false)', async () => {
    const lonely = await requestJson<SentenceJson>(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text: 'Nobody read me.', locale: 'en' } }, 201);
    expect((await request(server.url, `/sentences/${lonely.id}`, { method: 'DELETE', token: supervisor })).status).toBe(204);
    expect((await get<{ items: SentenceJson[] }>('/sentences')).items.find((s) => s.id === lonely.id)).toBeUndefined();

    const used = await requestJson<SentenceJson>(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text: 'Somebody read me.', locale: 'en' } }, 201);
    const speaker = await createSpeaker(server.url);
    await uploadTake(server.url, speaker.token, { emotion: 'fear', sentenceId: used.id });
    const deactivated = await request(server.url, `/sentences/${used.id}`, { method: 'DELETE', token: supervisor });
    expect(deactivated.status).toBe(200);
    expect(await deactivated.json()).toEqual({ ...used, active: false });
    const rows = await server.db.pool.query('SELECT active FROM sentences WHERE id = $1', [used.id]);
    expect(rows.rows).toEqual([{ active: false }]);
    // An inactive sentence can no longer be recorded.
    const socket = await connectRecorder(server.url, speaker.token);
    try {
      const start = await call(socket, 'take:start', { sentenceId: used.id, emotion: 'joy', mimeType: 'audio/webm' });
      expect(start).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      socket.close();
    }
  });
});

describe('takes, review, deletions and statistics', () => {
  // Made once, in this order, so that newest-first is known: a (anger, fr), b and c (joy, en), and d still recording.
  const made: { a?: TakeJson; b?: TakeJson; c?: TakeJson; recordingId?: string; speakerA?: string } = {};

  beforeAll(async () => {
    const speakerA = await createSpeaker(server.url, 'fr');
    const speakerB = await createSpeaker(server.url, 'en');
    made.speakerA = speakerA.speakerId;
    const fr = await randomSentence(server.url, 'fr');
    made.a = await uploadTake(server.url, speakerA.token, { emotion: 'anger', sentenceId: fr.id });
    const en = await randomSentence(server.url, 'en');
    made.b = await uploadTake(server.url, speakerB.token, { emotion: 'joy', sentenceId: en.id });
    made.c = await uploadTake(server.url, speakerB.token, { emotion: 'joy', sentenceId: en.id, intensity: 'high' });
    const socket = await connectRecorder(server.url, speakerB.token);
    try {
      const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: en.id, emotion: 'sadness', mimeType: 'audio/webm' });
      if (!start.ok) throw new Error(start.error.code);
      made.recordingId = start.takeId;
    } finally {
      socket.close();
    }
  });

  it('when takes are filtered, then only matching takes come back, newest first', async () => {
    const all = await get<{ items: TakeJson[]; nextCursor: string | null }>('/takes');
    const ids = all.items.map((take) => take.takeId);
    expect(ids.indexOf(made.recordingId!)).toBeLessThan(ids.indexOf(made.c!.takeId));
    expect(ids.indexOf(made.c!.takeId)).toBeLessThan(ids.indexOf(made.b!.takeId));
    expect(ids.indexOf(made.b!.takeId)).toBeLessThan(ids.indexOf(made.a!.takeId));
    expect(all.nextCursor).toBeNull();

    const joy = await get<{ items: TakeJson[] }>('/takes?emotion=joy&state=saved');
    expect(joy.items.map((take) => take.takeId)).toEqual([made.c!.takeId, made.b!.takeId]);
    const fr = await get<{ items: TakeJson[] }>('/takes?locale=fr');
    expect(fr.items.map((take) => take.takeId)).toEqual([made.a!.takeId]);
    const bySpeaker = await get<{ items: TakeJson[] }>(`/takes?speakerId=${made.speakerA}`);
    expect(bySpeaker.items.map((take) => take.takeId)).toEqual([made.a!.takeId]);
    const recording = await get<{ items: TakeJson[] }>('/takes?state=recording');
    expect(recording.items.map((take) => take.takeId)).toEqual([made.recordingId]);
    expect((await request(server.url, '/takes?emotion=boredom', { token: supervisor })).status).toBe(400);
    expect((await request(server.url, '/takes?limit=501', { token: supervisor })).status).toBe(400);
    expect((await request(server.url, '/takes?cursor=bm90LWEtY3Vyc29y', { token: supervisor })).status).toBe(400);
  });

  it('when takes are paged with limit 1, then following nextCursor visits each take exactly once and ends with null', async () => {
    const everything = (await get<{ items: TakeJson[] }>('/takes?limit=500')).items.map((take) => take.takeId);
    const visited: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const query: string = cursor ? `/takes?limit=1&cursor=${encodeURIComponent(cursor)}` : '/takes?limit=1';
      const body: { items: TakeJson[]; nextCursor: string | null } = await get(query);
      visited.push(...body.items.map((take) => take.takeId));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(visited).toEqual(everything);
    expect(visited.length).toBeGreaterThanOrEqual(4);
  });

  it('when a take is reviewed with a note, then the take JSON says so; filtering by review finds it; a bad review is 400', async () => {
    const reviewed = await requestJson<TakeJson>(server.url, `/takes/${made.b!.takeId}`, { method: 'PATCH', token: supervisor, body: { review: 'rejected', note: 'laughing' } });
    expect(reviewed).toMatchObject({ takeId: made.b!.takeId, review: 'rejected', reviewNote: 'laughing', state: 'saved' });
    const kept = await requestJson<TakeJson>(server.url, `/takes/${made.b!.takeId}`, { method: 'PATCH', token: supervisor, body: { review: 'accepted' } });
    expect(kept).toMatchObject({ review: 'accepted', reviewNote: 'laughing' });
    const accepted = await get<{ items: TakeJson[] }>('/takes?review=accepted');
    expect(accepted.items.map((take) => take.takeId)).toEqual([made.b!.takeId]);
    expect((await get<TakeJson>(`/takes/${made.b!.takeId}`)).review).toBe('accepted');
    expect((await request(server.url, `/takes/${made.b!.takeId}`, { method: 'PATCH', token: supervisor, body: { review: 'maybe' } })).status).toBe(400);
    expect((await request(server.url, '/takes/00000000-0000-4000-8000-000000000000', { method: 'PATCH', token: supervisor, body: { review: 'accepted' } })).status).toBe(404);
  });

  it('when stats are asked, then every count matches the takes this file made, and seconds add up their durations', async () => {
    const stats = await get<StatsJson>('/stats');
    // The sentence test above also saved one take (fear, en).
    const saved = (await get<{ items: TakeJson[] }>('/takes?state=saved&limit=500')).items;
    expect(saved).toHaveLength(4);
    expect(stats.byEmotion).toEqual({ joy: 2, sadness: 1, anger: 1, disgust: 0, fear: 1, neutral: 0 });
    expect(stats.byState).toEqual({ recording: 1, finalizing: 0, saved: 4, failed: 0, discarded: 0 });
    expect(stats.byReview).toEqual({ pending: 4, accepted: 1, rejected: 0 });
    expect(stats.byLocale).toEqual({ fr: 1, en: 4 });
    const expectedCells = new Map<string, number>();
    for (const take of saved) expectedCells.set(`${take.sentenceId}|${take.emotion}`, (expectedCells.get(`${take.sentenceId}|${take.emotion}`) ?? 0) + 1);
    expect(new Map(stats.bySentenceEmotion.map((cell) => [`${cell.sentenceId}|${cell.emotion}`, cell.count]))).toEqual(expectedCells);
    const seconds = saved.reduce((sum, take) => sum + take.durationMs! / 1000, 0);
    expect(stats.totalSavedSeconds).toBeCloseTo(seconds, 6);
    expect(seconds).toBeGreaterThan(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.perDay).toEqual([{ day: today, count: 4, seconds: expect.closeTo(seconds, 6) }]);
  });

  it('when a supervisor deletes a take, then 204, the take is gone, and the audit lists it with reason supervisor and nothing personal', async () => {
    const { supervisor: token } = { supervisor };
    const response = await request(server.url, `/takes/${made.a!.takeId}`, { method: 'DELETE', token });
    expect(response.status).toBe(204);
    expect((await request(server.url, `/takes/${made.a!.takeId}`, { token })).status).toBe(404);
    expect(await server.store.list(`takes/${made.a!.takeId}/`)).toEqual([]);
    const audit = await get<{ items: Record<string, unknown>[] }>('/deletions');
    expect(audit.items[0]).toEqual({ takeId: made.a!.takeId, deletedAt: expect.any(String), reason: 'supervisor' });
    expect(Date.now() - Date.parse(audit.items[0]!.deletedAt as string)).toBeLessThan(10 * 60_000);
  });
});
