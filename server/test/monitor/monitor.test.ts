// /monitor: supervisors only; a snapshot on connect; live sessions while a speaker streams; take changes;
// sockets of a disabled account or an expired token are ended.
import { readFile } from 'node:fs/promises';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorSnapshot, Session, TakeJson } from '../../src/protocol/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { watchMonitor } from '../support/monitor-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login, request, supervisorTokens, uploadTake } from '../supervisors/helpers.js';

let server: TestServer;
let staff: Awaited<ReturnType<typeof supervisorTokens>>;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  staff = await supervisorTokens(server.url);
});
afterAll(async () => {
  open.forEach((socket) => socket.close());
  await server?.dispose();
});

/** Connects to /monitor (support/monitor-client.ts); closed after all tests. */
function connectMonitor(baseUrl: string, token: string | undefined) {
  const monitor = watchMonitor(baseUrl, token);
  open.push(monitor.socket);
  return monitor;
}

describe('authorisation', () => {
  it('when a speaker token or no token connects to /monitor, then connect_error FORBIDDEN or UNAUTHORIZED', async () => {
    const speaker = await createSpeaker(server.url);
    await expect(connectMonitor(server.url, speaker.token).connected).rejects.toThrow('FORBIDDEN');
    await expect(connectMonitor(server.url, undefined).connected).rejects.toThrow('UNAUTHORIZED');
    await expect(connectMonitor(server.url, 'not.a.jwt').connected).rejects.toThrow('UNAUTHORIZED');
  });

  it('when an unknown event comes with an ack, then BAD_REQUEST; without one, it is ignored and the socket lives', async () => {
    const monitor = connectMonitor(server.url, staff.supervisor);
    await monitor.connected;
    monitor.socket.emit('monitor:nothing', { x: 1 });
    const answer = (await monitor.socket.timeout(10_000).emitWithAck('monitor:whatever', {})) as unknown;
    expect(answer).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
    expect(monitor.socket.connected).toBe(true);
    monitor.socket.close();
  });
});

describe('live board', () => {
  it('when a supervisor connects, then a snapshot with the recent takes (newest first, at most 50)', async () => {
    const speaker = await createSpeaker(server.url);
    const take = await uploadTake(server.url, speaker.token, { emotion: 'disgust' });
    const monitor = connectMonitor(server.url, staff.supervisor);
    await monitor.connected;
    const snapshot = await monitor.waitFor<MonitorSnapshot>('monitor:snapshot');
    expect(snapshot.recent[0]).toMatchObject({ takeId: take.takeId, state: 'saved', emotion: 'disgust' });
    expect(snapshot.recent.length).toBeLessThanOrEqual(50);
    expect(Array.isArray(snapshot.sessions)).toBe(true);
    monitor.socket.close();
  });

  it('when a speaker connects and streams a take, then its session appears, receivedSeq grows, the saved take arrives, and the disconnect is seen', async () => {
    const monitor = connectMonitor(server.url, staff.supervisor);
    await monitor.connected;
    await monitor.waitFor('monitor:snapshot');
    const speaker = await createSpeaker(server.url, 'fr');
    const recorder = await connectRecorder(server.url, speaker.token);
    const ofSpeaker = (session: Session) => session.speakerId === speaker.speakerId;
    const appeared = await monitor.waitFor<Session>('monitor:session', (s) => ofSpeaker(s) && s.connected);
    expect(appeared).toMatchObject({ locale: 'fr', currentTake: null, lastSeenAt: expect.any(String) });

    // A second monitor that connects now finds the speaker in its snapshot.
    const late = connectMonitor(server.url, staff.admin);
    const lateSnapshot = await late.waitFor<MonitorSnapshot>('monitor:snapshot');
    expect(lateSnapshot.sessions.find(ofSpeaker)).toMatchObject({ connected: true, locale: 'fr' });
    late.socket.close();

    const sentence = await randomSentence(server.url, 'fr');
    const start = await call<{ takeId: string }>(recorder, 'take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
    if (!start.ok) throw new Error(start.error.code);
    const chunks = splitIntoChunks(await readFile(FIXTURES.fr1Webm), 2_000);
    expect(chunks.length).toBeGreaterThan(6);
    const half = Math.floor(chunks.length / 2);
    for (let seq = 0; seq < half; seq += 1) await call(recorder, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq], peak: 0.5 });
    const midway = await monitor.waitFor<Session>('monitor:session', (s) => ofSpeaker(s) && (s.currentTake?.receivedSeq ?? -1) >= half - 1);
    expect(midway.currentTake).toMatchObject({ takeId: start.takeId, sentenceId: sentence.id, emotion: 'joy', state: 'recording', peak: 0.5 });
    expect(midway.currentTake!.bytes).toBe(chunks.slice(0, half).reduce((sum, chunk) => sum + chunk.length, 0));
    expect(midway.currentTake!.ackMsP50).toEqual(expect.any(Number));
    for (let seq = half; seq < chunks.length; seq += 1) await call(recorder, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq], peak: 0.25 });
    const later = await monitor.waitFor<Session>('monitor:session', (s) => ofSpeaker(s) && s.currentTake?.receivedSeq === chunks.length - 1);
    expect(later.currentTake!.receivedSeq).toBeGreaterThan(midway.currentTake!.receivedSeq);

    await call(recorder, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
    const saved = await monitor.waitFor<TakeJson>('monitor:take', (take) => take.takeId === start.takeId && take.state === 'saved');
    expect(saved).toMatchObject({ speakerId: speaker.speakerId, locale: 'fr', durationMs: expect.any(Number) });

    recorder.close();
    const gone = await monitor.waitFor<Session>('monitor:session', (s) => ofSpeaker(s) && !s.connected);
    expect(gone.speakerId).toBe(speaker.speakerId);
    monitor.socket.close();
  });

  it('when a take is reviewed, then monitors get monitor:take with the review', async () => {
    const speaker = await createSpeaker(server.url);
    const take = await uploadTake(server.url, speaker.token, { emotion: 'sadness' });
    const monitor = connectMonitor(server.url, staff.supervisor);
    await monitor.waitFor('monitor:snapshot');
    await request(server.url, `/takes/${take.takeId}`, { method: 'PATCH', token: staff.supervisor, body: { review: 'accepted', note: 'clean' } });
    const reviewed = await monitor.waitFor<TakeJson>('monitor:take', (t) => t.takeId === take.takeId && t.review === 'accepted');
    expect(reviewed.reviewNote).toBe('clean');
    monitor.socket.close();
  });
});

describe('ending supervisor sockets', () => {
  it('when an admin disables a supervisor, then its monitor socket gets session:expired and is disconnected, and it can no longer log in', async () => {
    const victim = await supervisorTokens(server.url, 'victim');
    const monitor = connectMonitor(server.url, victim.supervisor);
    await monitor.waitFor('monitor:snapshot');
    const patched = await request(server.url, `/users/${victim.supervisorId}`, { method: 'PATCH', token: staff.admin, body: { disabled: true } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: victim.supervisorId, disabled: true, role: 'supervisor' });
    expect(await monitor.waitFor('session:expired')).toMatchObject({ code: 'UNAUTHORIZED' });
    await monitor.waitFor('disconnect');
    expect(monitor.socket.connected).toBe(false);
    await expect(login(server.url, victim.email, victim.password)).rejects.toThrow('401');
    await expect(connectMonitor(server.url, victim.supervisor).connected).rejects.toThrow('UNAUTHORIZED');
    expect((await request(server.url, '/stats', { token: victim.supervisor })).status).toBe(401);
  });

  it('when an admin tries to disable their own account, then 400', async () => {
    const users = (await (await request(server.url, '/users', { token: staff.admin })).json()) as { items: { id: string; email: string }[] };
    const me = users.items.find((user) => user.email === ADMIN.email)!;
    expect((await request(server.url, `/users/${me.id}`, { method: 'PATCH', token: staff.admin, body: { disabled: true } })).status).toBe(400);
  });

  it('when a supervisor token expires, then its monitor socket gets session:expired and is disconnected', async () => {
    // Tokens that live 2 seconds, on a server of their own.
    const shortLived = await startTestServer({ env: { ...ADMIN_ENV, SUPERVISOR_TOKEN_HOURS: String(2 / 3600) } });
    try {
      const token = await login(shortLived.url, ADMIN.email, ADMIN.password);
      const monitor = connectMonitor(shortLived.url, token);
      await monitor.waitFor('monitor:snapshot');
      expect(await monitor.waitFor('session:expired', () => true, 20_000)).toMatchObject({ code: 'UNAUTHORIZED' });
      await monitor.waitFor('disconnect');
    } finally {
      await shortLived.dispose();
    }
  });
});
