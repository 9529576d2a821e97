// Campaign CRUD, join and sessions over real HTTP and PostgreSQL: defaults, validation and error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, SentenceJson } from '../../src/protocol/index.js';
import { JOIN_CODE_ALPHABET } from '../../src/protocol/index.js';
import { createSpeaker } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, supervisorTokens } from '../supervisors/helpers.js';
import { createCampaign, errorCode, join, request, requestJson, session } from './campaign-helpers.js';

let server: TestServer;
let supervisor: string;
let en: SentenceJson[];
let fr: SentenceJson[];

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  supervisor = (await supervisorTokens(server.url)).supervisor;
  const all = (await requestJson<{ items: SentenceJson[] }>(server.url, '/sentences', { token: supervisor })).items;
  en = all.filter((sentence) => sentence.locale === 'en' && sentence.active);
  fr = all.filter((sentence) => sentence.locale === 'fr' && sentence.active);
});
afterAll(async () => {
  await server?.dispose();
});

const post = (body: unknown, token = supervisor) => request(server.url, '/campaigns', { method: 'POST', token, body });

describe('POST /campaigns', () => {
  it('when only a name and a locale are given, then the contract defaults apply: every active sentence, six emotions, [null], 1, 30', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Defaults', locale: 'en' });
    expect(campaign).toMatchObject({
      name: 'Defaults',
      locale: 'en',
      active: true,
      emotions: ['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral'],
      intensities: [null],
      takesPerCell: 1,
      sessionSize: 30,
      listenBack: false,
      skips: [],
      progress: { cells: en.length * 6, done: 0, speakers: 0 },
    });
    expect(new Set(campaign.sentenceIds)).toEqual(new Set(en.map((sentence) => sentence.id)));
    expect(campaign.code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6,}$`));
    expect(campaign.code).not.toMatch(/[0O1lIL]/);
    expect(Object.keys(campaign).sort()).toEqual(
      ['id', 'name', 'locale', 'code', 'active', 'sentenceIds', 'emotions', 'intensities', 'takesPerCell', 'sessionSize', 'createdAt', 'progress', 'listenBack', 'skips'].sort(),
    );
  });

  it('when a design is given, then its cells are sentences × emotions × intensities and the code is unique', async () => {
    const body = { name: 'Design', locale: 'en', sentenceIds: en.slice(0, 3).map((s) => s.id), emotions: ['joy', 'anger'], intensities: ['low', 'high'], takesPerCell: 2, sessionSize: 5, listenBack: true };
    const a = await createCampaign(server.url, supervisor, body);
    const b = await createCampaign(server.url, supervisor, body);
    expect(a).toMatchObject({ intensities: ['low', 'high'], takesPerCell: 2, sessionSize: 5, listenBack: true, progress: { cells: 12, done: 0, speakers: 0 } });
    expect(a.code).not.toBe(b.code);
  });

  it.each([
    ['an unknown sentence', { sentenceIds: ['00000000-0000-4000-8000-000000000000'] }],
    ['a sentence of another locale', { sentenceIds: [] as string[], useFrench: true }],
    ['an unknown emotion', { emotions: ['joy', 'boredom'] }],
    ['no emotion', { emotions: [] }],
    ['a repeated emotion', { emotions: ['joy', 'joy'] }],
    ['null mixed with intensities', { intensities: [null, 'low'] }],
    ['an unknown intensity', { intensities: ['extreme'] }],
    ['takesPerCell 0', { takesPerCell: 0 }],
    ['takesPerCell 1.5', { takesPerCell: 1.5 }],
    ['sessionSize 501', { sessionSize: 501 }],
    ['an empty name', { name: '  ' }],
    ['an unknown locale', { locale: 'de' }],
  ])('when the body has %s, then 400 BAD_REQUEST', async (_what, extra) => {
    const { useFrench, ...rest } = extra as Record<string, unknown>;
    const body = { name: 'Bad', locale: 'en', ...rest, ...(useFrench ? { sentenceIds: [en[0]!.id, fr[0]!.id] } : {}) };
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('BAD_REQUEST');
  });

  it('when a speaker or nobody asks, then 403 and 401', async () => {
    const speaker = await createSpeaker(server.url);
    expect((await post({ name: 'x', locale: 'en' }, speaker.token)).status).toBe(403);
    expect((await request(server.url, '/campaigns', { method: 'POST', body: { name: 'x', locale: 'en' } })).status).toBe(401);
    expect((await request(server.url, '/campaigns', { token: speaker.token })).status).toBe(403);
  });
});

describe('GET and PATCH /campaigns', () => {
  it('when campaigns are listed, then newest first; one is read by ID; PATCH renames, closes and sets listen-back only', async () => {
    const first = await createCampaign(server.url, supervisor, { name: 'First', locale: 'fr' });
    const second = await createCampaign(server.url, supervisor, { name: 'Second', locale: 'fr' });
    const items = (await requestJson<{ items: Campaign[] }>(server.url, '/campaigns', { token: supervisor })).items;
    expect(items.findIndex((c) => c.id === second.id)).toBeLessThan(items.findIndex((c) => c.id === first.id));
    expect(await requestJson<Campaign>(server.url, `/campaigns/${first.id}`, { token: supervisor })).toEqual(first);
    const patched = await requestJson<Campaign>(server.url, `/campaigns/${first.id}`, { method: 'PATCH', token: supervisor, body: { name: 'Renamed', active: false, listenBack: true } });
    expect(patched).toMatchObject({ id: first.id, name: 'Renamed', active: false, listenBack: true, code: first.code });
    const design = await request(server.url, `/campaigns/${first.id}`, { method: 'PATCH', token: supervisor, body: { sessionSize: 3 } });
    expect(design.status).toBe(400);
    expect((await request(server.url, `/campaigns/${first.id}`, { method: 'PATCH', token: supervisor, body: {} })).status).toBe(400);
    expect((await request(server.url, '/campaigns/00000000-0000-4000-8000-000000000000', { token: supervisor })).status).toBe(404);
    expect((await request(server.url, '/campaigns/not-a-uuid', { token: supervisor })).status).toBe(400);
  });
});

describe('POST /campaigns/join and GET /campaigns/:id/session', () => {
  it('when a speaker joins with the code in any case, then a Session with the first prompt; joining again is the same session', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Join', locale: 'en', sessionSize: 4, emotions: ['joy', 'fear'] });
    const speaker = await createSpeaker(server.url);
    const joined = await join(server.url, speaker.token, ` ${campaign.code.toLowerCase()} `);
    expect(Object.keys(joined).sort()).toEqual(['campaignId', 'done', 'listenBack', 'name', 'next', 'total'].sort());
    expect(joined).toMatchObject({ campaignId: campaign.id, name: 'Join', done: 0, total: 4, listenBack: false });
    expect(joined.next).toMatchObject({ sentence: { locale: 'en' } });
    expect(['joy', 'fear']).toContain(joined.next!.emotion);
    expect(joined.next!.intensity).toBeNull();
    const again = await join(server.url, speaker.token, campaign.code);
    expect(again.next!.promptId).toBe(joined.next!.promptId);
    expect((await session(server.url, speaker.token, campaign.id)).next!.promptId).toBe(joined.next!.promptId);
    const read = await requestJson<Campaign>(server.url, `/campaigns/${campaign.id}`, { token: supervisor });
    expect(read.progress.speakers).toBe(1);
  });

  it('when one speaker joins five times at once (two tabs, retries), then one prompt is issued and all five answers name it', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Racing tabs', locale: 'en', sessionSize: 3 });
    const speaker = await createSpeaker(server.url);
    const answers = await Promise.all(Array.from({ length: 5 }, () => join(server.url, speaker.token, campaign.code)));
    expect(new Set(answers.map((answer) => answer.next?.promptId)).size).toBe(1);
    const coverage = await requestJson<{ speakers: { speakerId: string }[] }>(server.url, `/campaigns/${campaign.id}/coverage`, { token: supervisor });
    expect(coverage.speakers.map((s) => s.speakerId)).toEqual([speaker.speakerId]);
  });

  it('when the code is unknown or the campaign closed, then 404; a session of a campaign not joined is 404', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Closed', locale: 'en' });
    const speaker = await createSpeaker(server.url);
    const unknown = await request(server.url, '/campaigns/join', { method: 'POST', token: speaker.token, body: { code: 'ZZZZZZZZ' } });
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('NOT_FOUND');
    expect((await request(server.url, `/campaigns/${campaign.id}/session`, { token: speaker.token })).status).toBe(404);
    await requestJson(server.url, `/campaigns/${campaign.id}`, { method: 'PATCH', token: supervisor, body: { active: false } });
    const closed = await request(server.url, '/campaigns/join', { method: 'POST', token: speaker.token, body: { code: campaign.code } });
    expect(closed.status).toBe(404);
    expect((await request(server.url, '/campaigns/join', { method: 'POST', token: supervisor, body: { code: campaign.code } })).status).toBe(403);
    for (const body of [{}, { code: 'AB\u0000CD' }, { code: '<script>' }, { code: 'A'.repeat(65) }, { code: 42 }]) {
      const response = await request(server.url, '/campaigns/join', { method: 'POST', token: speaker.token, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    for (const body of [{ name: 'x\u0000y', locale: 'en' }, { name: 'ok', locale: 'en', sentenceIds: Array(1001).fill(en[0]!.id) }]) {
      expect((await post(body)).status).toBe(400);
    }
    const skip = await request(server.url, `/campaigns/${campaign.id}/prompts/00000000-0000-4000-8000-000000000000/skip`, { method: 'POST', token: speaker.token, body: { reason: 'other', note: 'a\u0000b' } });
    expect(skip.status).toBe(400);
  });

  it('when a joined campaign is closed, then the session still reads, with no next prompt', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Closing', locale: 'en', sessionSize: 3 });
    const speaker = await createSpeaker(server.url);
    await join(server.url, speaker.token, campaign.code);
    await requestJson(server.url, `/campaigns/${campaign.id}`, { method: 'PATCH', token: supervisor, body: { active: false } });
    expect(await session(server.url, speaker.token, campaign.id)).toMatchObject({ done: 0, total: 3, next: null });
  });

  it('when a campaign has fewer cells than its session size, then total is the number of cells', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Small', locale: 'en', sentenceIds: [en[0]!.id, en[1]!.id], emotions: ['joy'], sessionSize: 30 });
    const speaker = await createSpeaker(server.url);
    expect((await join(server.url, speaker.token, campaign.code)).total).toBe(2);
  });
});
