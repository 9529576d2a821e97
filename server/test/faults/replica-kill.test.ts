import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startTcpProxy, type TcpProxy } from '../../src/ops/tcp-proxy.js';
import { createTestDatabase } from '../support/test-database.js';
import { expectAllSavedIntact, FAST_RECOVERY_ENV, startSpeakers, summarise, utteranceChunks } from './fault-kit.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function twoReplicas(): Promise<{ a: ServerProcess; b: ServerProcess; proxy: TcpProxy }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'emovox-replicas-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = { ...FAST_RECOVERY_ENV, DATABASE_URL: await createTestDatabase() };
  const a = await startServerProcess({ env, dataDir });
  const b = await startServerProcess({ env, dataDir });
  const proxy = await startTcpProxy([a.port, b.port]);
  cleanups.push(() => a.stop(), () => b.stop(), () => proxy.close());
  return { a, b, proxy };
}

describe('replica faults', () => {
  it('when one replica is killed with SIGKILL during 20 takes, then every take is saved complete on the other', async () => {
    const { a, proxy } = await twoReplicas();
    const chunks = await utteranceChunks();
    const { tokens, runs } = await startSpeakers(proxy.url, 20, chunks, 40);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const killedAt = performance.now();
    a.kill('SIGKILL');
    proxy.remove(a.port);
    const results = await Promise.all(runs);
    summarise('kill -9 one of two replicas', results, performance.now() - killedAt);
    await expectAllSavedIntact(proxy.url, tokens, results);
  });

  it('when a replica gets SIGTERM during takes, then it drains and every take completes on the survivor', async () => {
    const { a, proxy } = await twoReplicas();
    const chunks = await utteranceChunks();
    const { tokens, runs } = await startSpeakers(proxy.url, 10, chunks, 40);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const termAt = performance.now();
    a.kill('SIGTERM');
    proxy.remove(a.port);
    const results = await Promise.all(runs);
    summarise('SIGTERM one of two replicas', results, performance.now() - termAt);
    await expectAllSavedIntact(proxy.url, tokens, results);
    const { expect } = await import('vitest');
    expect(await a.exited).toBe(0);
  });
});
