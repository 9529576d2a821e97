// Two replicas on one database, joined by the Postgres Socket.IO adapter: a monitor on one replica
// sees speakers connected to the other, live and in its snapshot.
import { readFile } from 'node:fs/promises';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MonitorSnapshot, Session } from '../../src/protocol/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { startTestServer, waitForPeers, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login, request, supervisorTokens } from '../supervisors/helpers.js';

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer({ env: { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres' } });
  b = await startTestServer({ env: { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres' }, databaseUrl: a.databaseUrl });
  await waitForPeers([a, b], '/monitor');
});
afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
});

function sessionsOf(socket: Socket, speakerId: string) {
  const seen: Session[] = [];
  socket.on('monitor:session', (session: Session) => {
    if (session.speakerId === speakerId) seen.push(session);
  });
  return seen;
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('when a speaker streams on replica B, then a monitor on replica A sees the session live and in a new snapshot', async () => {
  const token = await login(a.url, ADMIN.email, ADMIN.password);
  const monitor = io(`${a.url}/monitor`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      monitor.once('monitor:snapshot', () => resolve());
      monitor.once('connect_error', reject);
    });
    const speaker = await createSpeaker(b.url);
    const seen = sessionsOf(monitor, speaker.speakerId);
    const recorder = await connectRecorder(b.url, speaker.token);
    await until(() => seen.find((s) => s.connected), 'the session from replica B');

    const sentence = await randomSentence(b.url);
    const start = await call<{ takeId: string }>(recorder, 'take:start', { sentenceId: sentence.id, emotion: 'anger', mimeType: 'audio/webm' });
    if (!start.ok) throw new Error(start.error.code);
    const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm), 3_000);
    for (const [seq, data] of chunks.entries()) await call(recorder, 'take:chunk', { takeId: start.takeId, seq, data, peak: 0.3 });
    const live = await until(() => seen.find((s) => s.currentTake?.receivedSeq === chunks.length - 1), 'receivedSeq from replica B');
    expect(live.currentTake).toMatchObject({ takeId: start.takeId, emotion: 'anger', state: 'recording' });

    // A monitor connecting to A now asks B for its sessions through the adapter.
    const second = io(`${a.url}/monitor`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const snapshot = await new Promise<MonitorSnapshot>((resolve) => second.once('monitor:snapshot', resolve));
      expect(snapshot.sessions.find((s) => s.speakerId === speaker.speakerId)).toMatchObject({
        connected: true,
        currentTake: { takeId: start.takeId, receivedSeq: chunks.length - 1 },
      });
      expect(snapshot.recent.map((take) => take.takeId)).toContain(start.takeId);
    } finally {
      second.close();
    }
    recorder.close();
    await until(() => seen.find((s) => !s.connected), 'the disconnect from replica B');
  } finally {
    monitor.close();
  }
});

it('when an admin on replica A disables a supervisor watching on replica B, then that socket gets session:expired and is disconnected', async () => {
  const staff = await supervisorTokens(a.url, 'on-b');
  const monitor = io(`${b.url}/monitor`, { auth: { token: staff.supervisor }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      monitor.once('monitor:snapshot', () => resolve());
      monitor.once('connect_error', reject);
    });
    const events: string[] = [];
    monitor.on('session:expired', (payload: { code: string }) => events.push(`expired:${payload.code}`));
    monitor.on('disconnect', () => events.push('disconnect'));
    const patched = await request(a.url, `/users/${staff.supervisorId}`, { method: 'PATCH', token: staff.admin, body: { disabled: true } });
    expect(patched.status).toBe(200);
    await until(() => (events.includes('disconnect') ? true : undefined), 'the disconnect on replica B');
    expect(events).toEqual(['expired:UNAUTHORIZED', 'disconnect']);
  } finally {
    monitor.close();
  }
});
