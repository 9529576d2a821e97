// The monitor tells the truth about state: a paused speaker, a speaker who left, and a take that was abandoned.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TakeJson } from '../../src/protocol/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { ADMIN_ENV, request, supervisorTokens } from '../supervisors/helpers.js';
import { watchMonitor } from '../support/monitor-client.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let supervisor: string;
let chunks: Buffer[];
const closers: (() => void)[] = [];

beforeAll(async () => {
  // The sweep runs within the test; in production a take is stale after 15 minutes.
  server = await startTestServer({ env: { ...ADMIN_ENV, STALE_TAKE_SECONDS: '2', SWEEP_INTERVAL_SECONDS: '0.5' } });
  supervisor = (await supervisorTokens(server.url)).supervisor;
  chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
});
afterAll(async () => {
  closers.forEach((close) => close());
  await server?.dispose();
});

async function speakerWithTake(seqs: number[]) {
  const speaker = await createSpeaker(server.url);
  const socket = await connectRecorder(server.url, speaker.token);
  closers.push(() => socket.close());
  const sentence = await randomSentence(server.url);
  const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'anger', mimeType: 'audio/webm' });
  if (!start.ok) throw new Error(start.error.code);
  for (const seq of seqs) expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq] })).toEqual({ ok: true, seq });
  return { ...speaker, socket, takeId: start.takeId };
}

function monitor() {
  const watcher = watchMonitor(server.url, supervisor);
  closers.push(() => watcher.socket.close());
  return watcher;
}

describe('an abandoned take', () => {
  it('when the speaker vanishes mid-take and the sweep fails it, then the monitor hears failed, the session drops it, and a new snapshot agrees', async () => {
    const watcher = monitor();
    await watcher.connected;
    const { socket, takeId, speakerId } = await speakerWithTake([0, 2]); // a gap: the sweep fails it
    await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === speakerId && s.currentTake?.takeId === takeId);
    socket.close();
    const failed = await watcher.waitFor<TakeJson>('monitor:take', (t) => t.takeId === takeId && t.state !== 'recording');
    expect(failed.state).toBe('failed');
    // Dated by when it failed, not when it started: a board rebuilt from a snapshot puts the failure last.
    expect(Date.parse(failed.stateChangedAt)).toBeGreaterThan(Date.parse(failed.createdAt));
    const later = monitor();
    const snapshot = await later.waitFor<{ recent: TakeJson[] }>('monitor:snapshot');
    expect(snapshot.recent.find((t) => t.takeId === takeId)).toMatchObject({ state: 'failed', stateChangedAt: failed.stateChangedAt });
  });

  it('when a recording take is deleted, then the monitor hears that it ended', async () => {
    const watcher = monitor();
    await watcher.connected;
    const { takeId, token } = await speakerWithTake([0]);
    await watcher.waitFor<TakeJson>('monitor:take', (t) => t.takeId === takeId && t.state === 'recording');
    const deleted = await request(server.url, `/takes/${takeId}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    const deletion = await watcher.waitFor<{ takeId: string; reason: string }>('monitor:deleted', (p) => p.takeId === takeId, 5_000);
    expect(deletion).toEqual({ takeId, reason: 'speaker_request', deletedAt: expect.any(String) });
  });
});

describe('a paused speaker', () => {
  it('when the recorder pauses and resumes, then the session says paused with the pause start, then not paused with the pause counted', async () => {
    const watcher = monitor();
    await watcher.connected;
    const { socket, takeId, speakerId } = await speakerWithTake([0]);
    const paused = await call(socket, 'take:pause', { takeId, paused: true });
    expect(paused).toEqual({ ok: true, paused: true, pausedMs: 0 });
    expect(await call(socket, 'take:pause', { takeId, paused: true })).toEqual({ ok: true, paused: true, pausedMs: 0 }); // twice: no change
    const shown = await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === speakerId && s.currentTake?.paused === true);
    expect(shown.currentTake).toMatchObject({ takeId, paused: true, pausedAt: expect.any(String), pausedMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20)); // so that the pause lasts at least a few ms
    const resumed = await call<{ paused: boolean; pausedMs: number }>(socket, 'take:pause', { takeId, paused: false });
    expect(resumed).toMatchObject({ ok: true, paused: false });
    if (resumed.ok) expect(resumed.pausedMs).toBeGreaterThan(0);
    const after = await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === speakerId && s.currentTake?.paused === false && s.currentTake.pausedMs > 0);
    expect(after.currentTake?.pausedAt).toBeNull();
  });

  it('when the pause is malformed, for a take that is not recording, or for another speaker\'s take, then BAD_REQUEST, CONFLICT or NOT_FOUND', async () => {
    const { socket, takeId } = await speakerWithTake([0]);
    expect(await call(socket, 'take:pause', { takeId, paused: 'yes' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(socket, 'take:pause', { takeId: 'nope', paused: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const other = await speakerWithTake([0]);
    expect(await call(other.socket, 'take:pause', { takeId, paused: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(socket, 'take:discard', { takeId })).toMatchObject({ ok: true });
    expect(await call(socket, 'take:pause', { takeId, paused: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT', state: 'discarded' } });
  });
});

describe('a speaker who leaves', () => {
  async function connectedSpeaker() {
    const speaker = await createSpeaker(server.url);
    const socket = await connectRecorder(server.url, speaker.token);
    closers.push(() => socket.close());
    return { ...speaker, socket };
  }

  it('when the page says goodbye (session:leave), then the server closes the socket and the monitor shows the speaker left at once', async () => {
    const watcher = monitor();
    await watcher.connected;
    const { socket, speakerId } = await connectedSpeaker();
    await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === speakerId && s.connected);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await call(socket, 'session:leave', {})).toEqual({ ok: true, left: true });
    expect(await closed).toBe('io server disconnect');
    const gone = await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === speakerId && !s.connected);
    expect(gone.left).toBe(true);
  });

  it('when the client closes its own socket, then left too; when the transport drops, then not left (it may come back)', async () => {
    const watcher = monitor();
    await watcher.connected;
    const closing = await connectedSpeaker();
    await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === closing.speakerId && s.connected);
    closing.socket.disconnect();
    expect((await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === closing.speakerId && !s.connected)).left).toBe(true);

    const dropping = await connectedSpeaker();
    await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === dropping.speakerId && s.connected);
    dropping.socket.io.engine.close(); // the connection ends without a goodbye, as when the network drops
    expect((await watcher.waitFor<Session>('monitor:session', (s) => s.speakerId === dropping.speakerId && !s.connected)).left).toBe(false);
  });
});
