// Guided sessions on two replicas sharing one database: prompts survive a reload and a change of replica,
// takes record through prompts, skips and redos reach supervisors and speakers on either replica.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, Session, SentenceJson, TakeJson, TakeRedoNotice } from '../../src/protocol/index.js';
import { call, connectRecorder, createSpeaker } from '../support/speaker-client.js';
import { startTestServer, waitForPeers, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, supervisorTokens, uploadTake } from '../supervisors/helpers.js';
import { createCampaign, errorCode, join, labels, recordPrompt, recordPromptOnce, request, requestJson, session, uploadThroughPrompt } from './campaign-helpers.js';

let a: TestServer;
let b: TestServer;
let supervisor: string;
let en: SentenceJson[];

beforeAll(async () => {
  a = await startTestServer({ env: { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres' } });
  b = await startTestServer({ env: { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres' }, databaseUrl: a.databaseUrl, dataDir: a.dataDir });
  await waitForPeers([a, b], '/record');
  await waitForPeers([a, b], '/monitor');
  supervisor = (await supervisorTokens(a.url)).supervisor;
  en = (await requestJson<{ items: SentenceJson[] }>(a.url, '/sentences', { token: supervisor })).items.filter((s) => s.locale === 'en' && s.active);
});
afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
});

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function monitorOn(server: TestServer): Promise<Socket> {
  const monitor = io(`${server.url}/monitor`, { auth: { token: supervisor }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    monitor.once('monitor:snapshot', () => resolve());
    monitor.once('connect_error', reject);
  });
  return monitor;
}

const design = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  locale: 'en',
  sentenceIds: en.slice(0, 4).map((s) => s.id),
  emotions: ['joy', 'anger', 'fear'],
  sessionSize: 3,
  ...extra,
});

describe('a session across reloads and replicas', () => {
  it('when a speaker joins on A, then B serves the same prompt; a take saved through it moves the session on to another emotion and sentence', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Replicas'));
    const speaker = await createSpeaker(a.url);
    const joined = await join(a.url, speaker.token, campaign.code);
    const onB = await session(b.url, speaker.token, campaign.id);
    expect(onB).toEqual(joined);
    const takeId = await recordPromptOnce(b.url, speaker.token, joined.next!);
    const take = await requestJson<TakeJson>(a.url, `/takes/${takeId}`, { token: speaker.token });
    expect(take).toMatchObject({ promptId: joined.next!.promptId, sentenceId: joined.next!.sentence.id, emotion: joined.next!.emotion, intensity: null });
    const after = await session(a.url, speaker.token, campaign.id);
    expect(after).toMatchObject({ done: 1, total: 3 });
    expect(after.next!.promptId).not.toBe(joined.next!.promptId);
    expect(after.next!.emotion).not.toBe(joined.next!.emotion);
    expect(after.next!.sentence.id).not.toBe(joined.next!.sentence.id);
    const read = await requestJson<Campaign>(a.url, `/campaigns/${campaign.id}`, { token: supervisor });
    expect(read.progress).toEqual({ cells: 12, done: 1, speakers: 1 });
  });

  it('when two speakers ask for their next prompt at the same moment on two replicas, then both are served, with different cells', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Together', { sessionSize: 2 }));
    const [one, two] = await Promise.all([createSpeaker(a.url), createSpeaker(b.url)]);
    const [first, second] = await Promise.all([join(a.url, one.token, campaign.code), join(b.url, two.token, campaign.code)]);
    expect(first.next).not.toBeNull();
    expect(second.next).not.toBeNull();
    const cell = (s: typeof first) => `${s.next!.sentence.id}/${s.next!.emotion}`;
    expect(cell(first)).not.toBe(cell(second));
  });
});

describe('take:start with a promptId', () => {
  it('when the payload disagrees with the prompt, then BAD_REQUEST; an unknown or another speaker’s prompt, then NOT_FOUND', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Checks', { intensities: ['low', 'high'] }));
    const me = await createSpeaker(a.url);
    const other = await createSpeaker(a.url);
    const prompt = (await join(a.url, me.token, campaign.code)).next!;
    const theirs = (await join(a.url, other.token, campaign.code)).next!;
    const socket = await connectRecorder(b.url, me.token);
    try {
      const start = (payload: Record<string, unknown>) => call(socket, 'take:start', { ...labels(prompt), promptId: prompt.promptId, mimeType: 'audio/webm', ...payload });
      const otherEmotion = prompt.emotion === 'joy' ? 'anger' : 'joy';
      const otherSentence = en.find((s) => s.id !== prompt.sentence.id)!.id;
      const otherIntensity = prompt.intensity === 'low' ? 'high' : 'low';
      for (const wrong of [{ emotion: otherEmotion }, { sentenceId: otherSentence }, { intensity: otherIntensity }, { intensity: null }]) {
        const ack = await start(wrong);
        expect(ack.ok ? 'ok' : ack.error.code, JSON.stringify(wrong)).toBe('BAD_REQUEST');
      }
      for (const promptId of ['00000000-0000-4000-8000-000000000000', theirs.promptId]) {
        const ack = await call(socket, 'take:start', { sentenceId: theirs.sentence.id, emotion: theirs.emotion, promptId, mimeType: 'audio/webm' });
        expect(ack.ok ? 'ok' : ack.error.code).toBe('NOT_FOUND');
      }
      const notUuid = await start({ promptId: 'prompt-1' });
      expect(notUuid.ok ? 'ok' : notUuid.error.code).toBe('BAD_REQUEST');
      // Intensity omitted: the take gets the prompt's.
      const ok = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: prompt.sentence.id, emotion: prompt.emotion, promptId: prompt.promptId, mimeType: 'audio/webm' });
      if (!ok.ok) throw new Error(ok.error.code);
      const take = await requestJson<TakeJson>(a.url, `/takes/${ok.takeId}`, { token: me.token });
      expect(take).toMatchObject({ promptId: prompt.promptId, intensity: prompt.intensity });
      await call(socket, 'take:discard', { takeId: ok.takeId });
    } finally {
      socket.close();
    }
  });

  it('when POST /takes names a prompt, then the same checks apply and the saved take counts', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Upload'));
    const me = await createSpeaker(a.url);
    const prompt = (await join(a.url, me.token, campaign.code)).next!;
    const form = new FormData();
    form.set('sentenceId', prompt.sentence.id);
    form.set('emotion', prompt.emotion === 'joy' ? 'fear' : 'joy');
    form.set('promptId', prompt.promptId);
    form.set('file', new Blob([new Uint8Array(100)], { type: 'audio/webm' }), 'take.webm');
    const wrong = await fetch(`${a.url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${me.token}` }, body: form });
    expect(wrong.status).toBe(400);
    const saved = await uploadThroughPrompt(a.url, me.token, prompt);
    expect(saved.promptId).toBe(prompt.promptId);
    expect((await session(b.url, me.token, campaign.id)).done).toBe(1);
  });
});

describe('skip', () => {
  it('when a speaker skips a prompt, then the next one comes, the skip is on the campaign, and monitors on the other replica hear it', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Skips'));
    const me = await createSpeaker(a.url);
    const other = await createSpeaker(a.url);
    const first = (await join(a.url, me.token, campaign.code)).next!;
    await join(a.url, other.token, campaign.code);
    const monitor = await monitorOn(b);
    const heard: Campaign[] = [];
    monitor.on('monitor:campaign', (c: Campaign) => c.id === campaign.id && heard.push(c));
    try {
      const skipUrl = `/campaigns/${campaign.id}/prompts/${first.promptId}/skip`;
      expect((await request(a.url, skipUrl, { method: 'POST', token: other.token, body: { reason: 'offensive' } })).status).toBe(404);
      expect((await request(a.url, skipUrl, { method: 'POST', token: me.token, body: { reason: 'boring' } })).status).toBe(400);
      const next = await requestJson<Awaited<ReturnType<typeof session>>>(a.url, skipUrl, { method: 'POST', token: me.token, body: { reason: 'unreadable', note: 'Too long' } });
      expect(next.next!.promptId).not.toBe(first.promptId);
      expect(next).toMatchObject({ done: 0, total: 3 });
      const again = await request(a.url, skipUrl, { method: 'POST', token: me.token, body: { reason: 'other' } });
      expect(again.status).toBe(409);
      expect(await errorCode(again)).toBe('CONFLICT');
      const announced = await until(() => heard.find((c) => c.skips.length > 0), 'monitor:campaign with the skip');
      expect(announced.skips[0]).toMatchObject({ promptId: first.promptId, sentenceId: first.sentence.id, sentenceText: first.sentence.text, reason: 'unreadable', note: 'Too long' });
      const read = await requestJson<Campaign>(a.url, `/campaigns/${campaign.id}`, { token: supervisor });
      expect(read.skips.map((s) => s.promptId)).toEqual([first.promptId]);
    } finally {
      monitor.close();
    }
  });
});

describe('redo', () => {
  it('when a supervisor on A asks for a redo, then the take is rejected and kept, the speaker’s socket on B hears take:redo, and the prompt is back in front', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Redo'));
    const me = await createSpeaker(a.url);
    const first = (await join(a.url, me.token, campaign.code)).next!;
    const socket = await connectRecorder(b.url, me.token);
    const notices: TakeRedoNotice[] = [];
    socket.on('take:redo', (notice) => notices.push(notice));
    try {
      const takeId = await recordPrompt(socket, first);
      const second = (await session(a.url, me.token, campaign.id)).next!;
      expect(second.promptId).not.toBe(first.promptId);
      const speakerTry = await request(a.url, `/takes/${takeId}/redo`, { method: 'POST', token: me.token, body: { reason: 'noise' } });
      expect(speakerTry.status).toBe(403);
      expect((await request(a.url, `/takes/${takeId}/redo`, { method: 'POST', token: supervisor, body: { reason: 'loud' } })).status).toBe(400);
      const sent = Date.now();
      const answer = await requestJson<TakeJson>(a.url, `/takes/${takeId}/redo`, { method: 'POST', token: supervisor, body: { reason: 'clipping', note: 'Peaks at the end' } });
      expect(answer).toMatchObject({ takeId, review: 'rejected', reviewNote: 'clipping: Peaks at the end', state: 'saved', promptId: first.promptId });
      const notice = await until(() => notices[0], 'take:redo on replica B');
      console.log(`take:redo reached replica B ${Date.now() - sent} ms after the request was sent`);
      expect(notice).toEqual({ takeId, promptId: first.promptId, reason: 'clipping', note: 'Peaks at the end' });
      const back = await session(b.url, me.token, campaign.id);
      expect(back).toMatchObject({ done: 0, total: 3 });
      expect(back.next!.promptId).toBe(first.promptId);
      // Kept: the rejected take is still there and playable.
      expect((await request(a.url, `/takes/${takeId}/audio`, { token: supervisor })).status).toBe(200);
      // Re-recorded through the same prompt, it counts again and the session returns to the open prompt.
      await recordPrompt(socket, back.next!);
      const after = await session(a.url, me.token, campaign.id);
      expect(after.done).toBe(1);
      expect(after.next!.promptId).toBe(second.promptId);
    } finally {
      socket.close();
    }
  });

  it('when the take was recorded outside campaigns, then it is still rejected and the speaker hears take:redo with promptId null', async () => {
    const me = await createSpeaker(a.url);
    const take = await uploadTake(a.url, me.token, { emotion: 'joy' });
    const socket = await connectRecorder(b.url, me.token);
    const notices: TakeRedoNotice[] = [];
    socket.on('take:redo', (notice) => notices.push(notice));
    try {
      const answer = await requestJson<TakeJson>(a.url, `/takes/${take.takeId}/redo`, { method: 'POST', token: supervisor, body: { reason: 'misread' } });
      expect(answer).toMatchObject({ review: 'rejected', reviewNote: 'misread', promptId: null });
      expect(await until(() => notices[0], 'take:redo')).toEqual({ takeId: take.takeId, promptId: null, reason: 'misread', note: null });
      expect((await request(a.url, '/takes/00000000-0000-4000-8000-000000000000/redo', { method: 'POST', token: supervisor, body: { reason: 'misread' } })).status).toBe(404);
    } finally {
      socket.close();
    }
  });
});

describe('the monitor', () => {
  it('when a speaker on B records through a prompt, then a monitor on A sees Session.campaign and monitor:campaign with the progress', async () => {
    const campaign = await createCampaign(a.url, supervisor, design('Monitor'));
    const me = await createSpeaker(a.url);
    const monitor = await monitorOn(a);
    const sessions: Session[] = [];
    const campaigns: Campaign[] = [];
    monitor.on('monitor:session', (s: Session) => s.speakerId === me.speakerId && sessions.push(s));
    monitor.on('monitor:campaign', (c: Campaign) => c.id === campaign.id && campaigns.push(c));
    try {
      const prompt = (await join(b.url, me.token, campaign.code)).next!;
      const socket = await connectRecorder(b.url, me.token);
      try {
        await until(() => sessions.find((s) => s.connected && s.campaign?.id === campaign.id), 'Session.campaign');
        await recordPrompt(socket, prompt);
        const saved = Date.now();
        const progressed = await until(() => campaigns.find((c) => c.progress.done === 1), 'monitor:campaign with done 1');
        console.log(`monitor:campaign with the saved take reached replica A ${Date.now() - saved} ms after take:status saved`);
        expect(progressed.progress).toEqual({ cells: 12, done: 1, speakers: 1 });
        const shown = await until(() => sessions.find((s) => s.campaign?.done === 1), 'Session.campaign.done 1');
        expect(shown.campaign).toEqual({ id: campaign.id, name: 'Monitor', done: 1, total: 3 });
        await requestJson(a.url, `/campaigns/${campaign.id}`, { method: 'PATCH', token: supervisor, body: { active: false } });
        await until(() => (sessions.at(-1)?.campaign === null ? true : undefined), 'Session.campaign null once closed');
      } finally {
        socket.close();
      }
    } finally {
      monitor.close();
    }
  });
});
