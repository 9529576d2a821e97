// What supervisors watch (coverage per cell and per speaker) and the edges of a session: listen-back, a skipped
// prompt, a sentence deactivated under a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignCoverage, SentenceJson, TakeJson } from '../../src/protocol/index.js';
import { call, connectRecorder, createSpeaker } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, supervisorTokens } from '../supervisors/helpers.js';
import { createCampaign, join, labels, recordPromptOnce, request, requestJson, session, uploadThroughPrompt } from './campaign-helpers.js';

let server: TestServer;
let supervisor: string;
let en: SentenceJson[];

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  supervisor = (await supervisorTokens(server.url)).supervisor;
  en = (await requestJson<{ items: SentenceJson[] }>(server.url, '/sentences', { token: supervisor })).items.filter((s) => s.locale === 'en' && s.active);
});
afterAll(async () => {
  await server?.dispose();
});

describe('GET /campaigns/:id/coverage', () => {
  it('when a speaker recorded one prompt, then its cell shows 1 saved, the grid is in design order, and the speaker shows done 1 of total', async () => {
    const [s1, s2] = [en[0]!, en[1]!];
    const campaign = await createCampaign(server.url, supervisor, { name: 'Coverage', locale: 'en', sentenceIds: [s1.id, s2.id], emotions: ['joy', 'anger'], sessionSize: 3 });
    const speaker = await createSpeaker(server.url);
    const prompt = (await join(server.url, speaker.token, campaign.code)).next!;
    await recordPromptOnce(server.url, speaker.token, prompt);
    const coverage = await requestJson<CampaignCoverage>(server.url, `/campaigns/${campaign.id}/coverage`, { token: supervisor });
    expect(coverage.cells.map((c) => [c.sentenceId, c.emotion, c.intensity])).toEqual([
      [s1.id, 'joy', null],
      [s1.id, 'anger', null],
      [s2.id, 'joy', null],
      [s2.id, 'anger', null],
    ]);
    expect(coverage.cells.find((c) => c.sentenceId === s1.id)!.sentenceText).toBe(s1.text);
    expect(coverage.cells.map((c) => (c.sentenceId === prompt.sentence.id && c.emotion === prompt.emotion ? 1 : 0))).toEqual(coverage.cells.map((c) => c.saved));
    expect(coverage.speakers).toHaveLength(1);
    expect(coverage.speakers[0]).toMatchObject({ speakerId: speaker.speakerId, done: 1, total: 3 });
    expect(Number.isNaN(Date.parse(coverage.speakers[0]!.lastActivityAt))).toBe(false);
    expect((await request(server.url, `/campaigns/${campaign.id}/coverage`, { token: speaker.token })).status).toBe(403);
    expect((await request(server.url, '/campaigns/00000000-0000-4000-8000-000000000000/coverage', { token: supervisor })).status).toBe(404);
  });
});

describe('session edges', () => {
  it('when the campaign asks for listen-back, then the session says so, and a PATCH turns it off', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Listen', locale: 'en', listenBack: true });
    const speaker = await createSpeaker(server.url);
    expect((await join(server.url, speaker.token, campaign.code)).listenBack).toBe(true);
    await requestJson(server.url, `/campaigns/${campaign.id}`, { method: 'PATCH', token: supervisor, body: { listenBack: false } });
    expect((await session(server.url, speaker.token, campaign.id)).listenBack).toBe(false);
  });

  it('when a speaker starts a take of a prompt they skipped, then CONFLICT', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Skipped', locale: 'en', sessionSize: 2 });
    const speaker = await createSpeaker(server.url);
    const prompt = (await join(server.url, speaker.token, campaign.code)).next!;
    await requestJson(server.url, `/campaigns/${campaign.id}/prompts/${prompt.promptId}/skip`, { method: 'POST', token: speaker.token, body: { reason: 'wrong_language' } });
    const socket = await connectRecorder(server.url, speaker.token);
    try {
      const ack = await call(socket, 'take:start', { ...labels(prompt), promptId: prompt.promptId, mimeType: 'audio/webm' });
      expect(ack.ok ? 'ok' : ack.error.code).toBe('CONFLICT');
    } finally {
      socket.close();
    }
  });

  it('when the sentence of an open prompt is deactivated, then the session sets that prompt aside and offers another sentence', async () => {
    const [s1, s2] = [en[2]!, en[3]!];
    const campaign = await createCampaign(server.url, supervisor, { name: 'Deactivated', locale: 'en', sentenceIds: [s1.id, s2.id], emotions: ['joy', 'fear'], sessionSize: 4 });
    const speaker = await createSpeaker(server.url);
    const first = (await join(server.url, speaker.token, campaign.code)).next!;
    const gone = first.sentence.id;
    await requestJson(server.url, `/sentences/${gone}`, { method: 'PATCH', token: supervisor, body: { active: false } });
    try {
      const after = await session(server.url, speaker.token, campaign.id);
      expect(after.next!.sentence.id).not.toBe(gone);
      expect(after.total).toBe(2); // the two cells of the sentence still active
    } finally {
      await requestJson(server.url, `/sentences/${gone}`, { method: 'PATCH', token: supervisor, body: { active: true } });
    }
  });

  it('when a take through a prompt is rejected in review, then it no longer counts and its prompt is open again', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Rejected', locale: 'en', sessionSize: 2 });
    const speaker = await createSpeaker(server.url);
    const first = (await join(server.url, speaker.token, campaign.code)).next!;
    const takeId = await recordPromptOnce(server.url, speaker.token, first);
    expect((await session(server.url, speaker.token, campaign.id)).done).toBe(1);
    const reviewed = await requestJson<TakeJson>(server.url, `/takes/${takeId}`, { method: 'PATCH', token: supervisor, body: { review: 'rejected' } });
    expect(reviewed.review).toBe('rejected');
    const after = await session(server.url, speaker.token, campaign.id);
    expect(after.done).toBe(0);
    expect([after.next!.promptId, after.total]).toEqual([first.promptId, 2]);
  });

  it('when a supervisor deletes a sentence a campaign uses, then it is deactivated instead, and the campaign keeps its cells', async () => {
    const sentence = await requestJson<SentenceJson>(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text: 'A sentence only a campaign uses.', locale: 'en' } }, 201);
    const campaign = await createCampaign(server.url, supervisor, { name: 'Kept sentence', locale: 'en', sentenceIds: [sentence.id], emotions: ['joy'] });
    const response = await request(server.url, `/sentences/${sentence.id}`, { method: 'DELETE', token: supervisor });
    expect(response.status).toBe(200);
    expect(((await response.json()) as SentenceJson).active).toBe(false);
    const coverage = await requestJson<CampaignCoverage>(server.url, `/campaigns/${campaign.id}/coverage`, { token: supervisor });
    expect(coverage.cells.map((c) => c.sentenceText)).toEqual(['A sentence only a campaign uses.']);
  });

  it('when a speaker re-records a prompt after listening back, then the old take is kept and replaced, and the prompt counts once', async () => {
    const campaign = await createCampaign(server.url, supervisor, { name: 'Re-record', locale: 'en', sessionSize: 2, listenBack: true });
    const speaker = await createSpeaker(server.url);
    const prompt = (await join(server.url, speaker.token, campaign.code)).next!;
    const first = await uploadThroughPrompt(server.url, speaker.token, prompt);
    const second = await uploadThroughPrompt(server.url, speaker.token, prompt, first.takeId);
    expect(second).toMatchObject({ promptId: prompt.promptId, replaces: first.takeId, state: 'saved' });
    expect(await requestJson<TakeJson>(server.url, `/takes/${first.takeId}`, { token: speaker.token })).toMatchObject({ state: 'saved', replacedBy: second.takeId });
    expect((await session(server.url, speaker.token, campaign.id)).done).toBe(1);
    const coverage = await requestJson<CampaignCoverage>(server.url, `/campaigns/${campaign.id}/coverage`, { token: supervisor });
    expect(coverage.cells.reduce((sum, c) => sum + c.saved, 0)).toBe(1);
  });
});

