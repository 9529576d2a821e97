// Review at scale: take filters by sentence and quality flag, bulk review in one transaction, sentence usage
// counts, the export preview and the download ticket a plain browser link can carry.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentenceJson, TakeJson } from '../../src/protocol/index.js';
import { createSpeaker, randomSentence } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { untar, parseCsv } from '../export/dataset-archive.js';
import { ADMIN, ADMIN_ENV, login, request, requestJson, supervisorTokens, uploadTake } from './helpers.js';

let server: TestServer;
let supervisor: string;
const get = <T>(path: string) => requestJson<T>(server.url, path, { token: supervisor });
const ids = (page: { items: TakeJson[] }) => page.items.map((take) => take.takeId).sort();
const made: { one: TakeJson[]; other: TakeJson[]; sentence: string; otherSentence: string } = { one: [], other: [], sentence: '', otherSentence: '' };

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  ({ supervisor } = await supervisorTokens(server.url));
  const speaker = await createSpeaker(server.url, 'en');
  made.sentence = (await randomSentence(server.url, 'en')).id;
  do made.otherSentence = (await randomSentence(server.url, 'en')).id;
  while (made.otherSentence === made.sentence);
  for (const emotion of ['joy', 'fear', 'anger']) made.one.push(await uploadTake(server.url, speaker.token, { emotion, sentenceId: made.sentence }));
  made.other.push(await uploadTake(server.url, speaker.token, { emotion: 'neutral', sentenceId: made.otherSentence }));
  // A quality flag as the analysis would have raised it on a quiet take.
  await server.db.pool.query(`UPDATE takes SET quality = jsonb_set(coalesce(quality, '{}'::jsonb), '{flags}', '["too_quiet"]') WHERE id = $1`, [made.one[1]!.takeId]);
});
afterAll(async () => {
  await server?.dispose();
});

describe('take filters', () => {
  it('when takes are filtered by sentence or by quality flag, then only those takes come back; an unknown flag is 400', async () => {
    expect(ids(await get(`/takes?sentenceId=${made.sentence}`))).toEqual(made.one.map((take) => take.takeId).sort());
    expect(ids(await get('/takes?flag=too_quiet'))).toEqual([made.one[1]!.takeId]);
    expect(ids(await get(`/takes?flag=too_quiet&sentenceId=${made.otherSentence}`))).toEqual([]);
    expect((await request(server.url, '/takes?flag=too_loud', { token: supervisor })).status).toBe(400);
    expect((await request(server.url, '/takes?sentenceId=nope', { token: supervisor })).status).toBe(400);
  });
});

describe('bulk review', () => {
  it('when a filtered selection is accepted at once, then each take is accepted with the note, and monitors hear one monitor:take per take', async () => {
    const monitor = io(`${server.url}/monitor`, { auth: { token: supervisor }, transports: ['websocket'], reconnection: false, forceNew: true });
    const heard = new Set<string>();
    monitor.on('monitor:take', (take: TakeJson) => {
      if (take.review === 'accepted') heard.add(take.takeId);
    });
    try {
      await new Promise<void>((resolve) => monitor.once('monitor:snapshot', () => resolve()));
      const selection = made.one.map((take) => take.takeId);
      const gone = '00000000-0000-4000-8000-000000000000';
      const body = await requestJson<{ items: TakeJson[]; missing: string[] }>(server.url, '/takes/review', {
        method: 'POST',
        token: supervisor,
        body: { takeIds: [...selection, gone], review: 'accepted', note: 'batch' },
      });
      expect(body.items.map((take) => take.takeId).sort()).toEqual([...selection].sort());
      expect(body.items.every((take) => take.review === 'accepted' && take.reviewNote === 'batch')).toBe(true);
      expect(body.missing).toEqual([gone]);
      expect(ids(await get('/takes?review=accepted'))).toEqual([...selection].sort());
      await expect.poll(() => heard.size, { timeout: 30_000 }).toBe(selection.length);
    } finally {
      monitor.close();
    }
  });

  it('when the body is wrong, then 400 and nothing changes: no ids, more than 500, a bad id, a bad decision', async () => {
    const target = made.other[0]!.takeId;
    const post = (body: unknown) => request(server.url, '/takes/review', { method: 'POST', token: supervisor, body });
    expect((await post({ takeIds: [], review: 'accepted' })).status).toBe(400);
    expect((await post({ takeIds: Array.from({ length: 501 }, () => target), review: 'accepted' })).status).toBe(400);
    expect((await post({ takeIds: [target, 'x'], review: 'accepted' })).status).toBe(400);
    expect((await post({ takeIds: [target], review: 'maybe' })).status).toBe(400);
    expect((await get<TakeJson>(`/takes/${target}`)).review).toBe('pending');
    const speaker = await createSpeaker(server.url);
    expect((await request(server.url, '/takes/review', { method: 'POST', token: speaker.token, body: { takeIds: [target], review: 'accepted' } })).status).toBe(403);
  });
});

describe('sentences with their take counts', () => {
  it('when sentences are listed, then each says how many takes it has, so only unrecorded ones are offered for deletion', async () => {
    const { items } = await get<{ items: SentenceJson[] }>('/sentences');
    expect(items.find((s) => s.id === made.sentence)?.takes).toBe(3);
    expect(items.find((s) => s.id === made.otherSentence)?.takes).toBe(1);
    expect(items.filter((s) => s.takes === 0).length).toBeGreaterThan(0);
  });
});

describe('export preview and download ticket', () => {
  it('when the preview is asked with a filter, then it counts the takes and seconds that filter exports', async () => {
    const all = await get<{ takes: number; seconds: number }>('/export/preview');
    const saved = (await get<{ items: TakeJson[] }>('/takes?state=saved&limit=500')).items;
    expect(all.takes).toBe(saved.length);
    expect(all.seconds).toBeCloseTo(saved.reduce((sum, take) => sum + take.durationMs! / 1000, 0), 1);
    const accepted = await get<{ takes: number; seconds: number }>('/export/preview?review=accepted');
    expect(accepted.takes).toBe(3);
    expect((await request(server.url, '/export/preview?review=maybe', { token: supervisor })).status).toBe(400);
    expect((await request(server.url, '/export/preview')).status).toBe(401);
  });

  it('when a ticket is issued, then its link downloads the export of its own query without a token; a forged ticket is 401', async () => {
    const issued = await requestJson<{ ticket: string; url: string; expiresAt: string }>(server.url, '/export/tickets', { method: 'POST', token: supervisor, body: { review: 'accepted' } }, 201);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    // The query in the link cannot widen what the ticket allows.
    const response = await fetch(`${server.url}${issued.url}&review=pending`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const { files } = await untar(Buffer.from(await response.arrayBuffer()));
    const csvName = [...files.keys()].find((name) => name.endsWith('metadata.csv'))!;
    expect(parseCsv(files.get(csvName)!.toString('utf8')).every((row) => row.review === 'accepted')).toBe(true);
    expect(parseCsv(files.get(csvName)!.toString('utf8'))).toHaveLength(3);

    const forged = issued.ticket.slice(0, -2) + (issued.ticket.endsWith('AA') ? 'BB' : 'AA');
    expect((await fetch(`${server.url}/api/v1/export?ticket=${forged}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/export`)).status).toBe(401);
    expect((await request(server.url, '/export/tickets', { method: 'POST', token: supervisor, body: { review: 'maybe' } })).status).toBe(400);
  });

  it('when the token that asked for a ticket logs out, then the ticket stops working at once', async () => {
    const token = await login(server.url, ADMIN.email, ADMIN.password);
    const issued = await requestJson<{ url: string }>(server.url, '/export/tickets', { method: 'POST', token, body: {} }, 201);
    const head = await fetch(`${server.url}${issued.url}`);
    expect(head.status).toBe(200);
    await head.body?.cancel();
    expect((await request(server.url, '/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await fetch(`${server.url}${issued.url}`)).status).toBe(401);
  });
});
