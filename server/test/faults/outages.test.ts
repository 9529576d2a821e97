import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, freePort } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';
import { LocalObjectStore } from '../../src/storage/index.js';
import { FaultInjectingStore } from '../support/fault-injecting-store.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence } from '../support/speaker-client.js';
import { startTcpProxy } from '../../src/ops/tcp-proxy.js';
import { startTestServer } from '../support/test-server.js';
import { expectAllSavedIntact, FAST_RECOVERY_ENV, startSpeakers, summarise, utteranceChunks } from './fault-kit.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dependency outages', () => {
  it('when storage is down during finalize, then the take stays finalizing, the speaker is told, and it is saved after recovery', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'emovox-outage-'));
    const store = new FaultInjectingStore(new LocalObjectStore(root));
    const server = await startTestServer({ store, env: FAST_RECOVERY_ENV });
    cleanups.push(() => server.dispose(), () => rm(root, { recursive: true, force: true }));
    const speaker = await createSpeaker(server.url);
    const socket = await connectRecorder(server.url, speaker.token);
    cleanups.push(async () => void socket.close());
    const sentence = await randomSentence(server.url);
    const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'fear', mimeType: 'audio/webm' });
    if (!start.ok) throw new Error(start.error.code);
    const chunks = await utteranceChunks(4800);
    for (const [seq, data] of chunks.entries()) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data });

    store.failing = true;
    const delayed = nextStatus(socket, (s) => s.takeId === start.takeId && s.state === 'finalizing' && s.error?.code === 'UNAVAILABLE');
    await call(socket, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
    await delayed;
    await sleep(2_500); // the job retries meanwhile, and fails
    const during = await server.db.pool.query('SELECT state, finalize_attempts FROM takes WHERE id = $1', [start.takeId]);
    expect(during.rows[0].state).toBe('finalizing');
    expect(during.rows[0].finalize_attempts).toBeGreaterThanOrEqual(2);

    const recoveredAt = performance.now();
    const saved = nextStatus(socket, (s) => s.takeId === start.takeId && s.state === 'saved', 60_000);
    store.failing = false;
    await saved;
    summarise('storage outage during finalize', [{ takeId: start.takeId, state: 'saved', chunksSent: chunks.length, resends: 0, reconnects: 0 }], performance.now() - recoveredAt);
    await expectAllSavedIntact(server.url, [speaker.token], [{ takeId: start.takeId, state: 'saved', chunksSent: chunks.length, resends: 0, reconnects: 0 }]);
  });

  it('when PostgreSQL restarts in the middle of takes, then the server recovers and no audio is lost', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'emovox-pgrestart-'));
    const { chmod } = await import('node:fs/promises');
    await chmod(root, 0o755);
    const log = createLogger('warn');
    const dir = path.join(root, 'pg');
    const port = await freePort();
    let database = await startEmbeddedPostgres({ dir, port, password: 'restart-test', log });
    const server = await startTestServer({ databaseUrl: database.url, env: FAST_RECOVERY_ENV });
    cleanups.push(() => rm(root, { recursive: true, force: true }), async () => database.stop(), () => server.dispose());

    const chunks = await utteranceChunks();
    const { tokens, runs } = await startSpeakers(server.url, 5, chunks, 50);
    await sleep(1_000);
    await database.stop();
    await sleep(1_000);
    database = await startEmbeddedPostgres({ dir, port, password: 'restart-test', log });
    const restartedAt = performance.now();
    const results = await Promise.all(runs);
    summarise('PostgreSQL restart mid-take', results, performance.now() - restartedAt);
    await expectAllSavedIntact(server.url, tokens, results);
  });

  it('when the network drops for 10 s in the middle of a take, then the take resumes and completes', async () => {
    const server = await startTestServer({ env: FAST_RECOVERY_ENV });
    const proxy = await startTcpProxy([server.port]);
    cleanups.push(() => server.dispose(), () => proxy.close());
    const chunks = await utteranceChunks();
    const { tokens, runs } = await startSpeakers(proxy.url, 3, chunks, 60);
    await sleep(1_200);
    proxy.cut();
    await sleep(10_000);
    proxy.restore();
    const restoredAt = performance.now();
    const results = await Promise.all(runs);
    summarise('10 s network drop', results, performance.now() - restoredAt);
    expect(results.every((r) => r.reconnects >= 1)).toBe(true);
    await expectAllSavedIntact(server.url, tokens, results);
  });
});
