// A take still recording when its speaker's page says goodbye is abandoned: the sweep ends it after
// LEFT_TAKE_SECONDS (here 1 s) instead of STALE_TAKE_SECONDS (here 15 min), so the monitor's feed does not show it
// "recording" for a quarter of an hour. A reload (goodbye, then a resume) and a dropped network keep the take.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TakeJson } from '../../src/protocol/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { ADMIN_ENV, supervisorTokens } from '../supervisors/helpers.js';
import { watchMonitor } from '../support/monitor-client.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let supervisor: string;
let chunks: Buffer[];
const closers: (() => void)[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: { ...ADMIN_ENV, STALE_TAKE_SECONDS: '900', LEFT_TAKE_SECONDS: '1', SWEEP_INTERVAL_SECONDS: '0.5', FINALIZE_JOB_DELAY_SECONDS: '1', JOB_POLL_SECONDS: '0.5' },
  });
  supervisor = (await supervisorTokens(server.url)).supervisor;
  chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
});
afterAll(async () => {
  closers.forEach((close) => close());
  await server?.dispose();
});

async function recordingTake(seqs = [0, 1, 2]) {
  const speaker = await createSpeaker(server.url);
  const socket = await connectRecorder(server.url, speaker.token);
  closers.push(() => socket.close());
  const sentence = await randomSentence(server.url);
  const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'neutral', mimeType: 'audio/webm' });
  if (!start.ok) throw new Error(start.error.code);
  for (const seq of seqs) expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq] })).toEqual({ ok: true, seq });
  return { ...speaker, socket, takeId: start.takeId };
}

const stateOf = async (takeId: string) => (await server.db.pool.query('SELECT state FROM takes WHERE id = $1', [takeId])).rows[0]?.state as string;

async function leave(socket: RecordSocket) {
  const closed = new Promise((resolve) => socket.once('disconnect', resolve));
  expect(await call(socket, 'session:leave', {})).toEqual({ ok: true, left: true });
  await closed;
}

describe('a take whose speaker left', () => {
  it('when the page says goodbye mid-take, then the sweep ends the take within seconds, the monitor hears it leave recording, and what arrived is saved', async () => {
    const monitor = watchMonitor(server.url, supervisor);
    closers.push(() => monitor.socket.close());
    await monitor.connected;
    const { socket, takeId } = await recordingTake();
    await leave(socket);
    const ended = await monitor.waitFor<TakeJson>('monitor:take', (t) => t.takeId === takeId && t.state !== 'recording');
    expect(ended.state).toBe('finalizing');
    const saved = await monitor.waitFor<TakeJson>('monitor:take', (t) => t.takeId === takeId && (t.state === 'saved' || t.state === 'failed'));
    expect(saved.state).toBe('saved');
  });

  it('when the page reloads (goodbye, then a resume) or the network drops, then the take keeps recording while a left one beside it is swept', async () => {
    const reloaded = await recordingTake();
    const dropped = await recordingTake();
    const left = await recordingTake();
    await leave(reloaded.socket);
    const again = await connectRecorder(server.url, reloaded.token);
    closers.push(() => again.close());
    expect(await call(again, 'take:resume', { takeId: reloaded.takeId })).toMatchObject({ ok: true, state: 'recording', nextSeq: 3 });
    dropped.socket.io.engine.close();
    await leave(left.socket);
    // Wait for the sweep to end the left take: by then it has also looked at the other two.
    for (let i = 0; i < 200 && (await stateOf(left.takeId)) === 'recording'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await stateOf(left.takeId)).not.toBe('recording');
    expect(await stateOf(reloaded.takeId)).toBe('recording');
    expect(await stateOf(dropped.takeId)).toBe('recording');
  });
});
