// Monitor latency: how long a speaker's progress takes to reach a supervisor's /monitor socket, on the same
// replica and across replicas (through the Postgres Socket.IO adapter). Two compiled replicas share one
// embedded PostgreSQL; the speaker streams on replica B; one supervisor watches on A, another on B.
// Speaker and supervisors run in this process, so their timestamps share one clock.
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createLogger } from '../../server/src/logger.js';
import type { Session, TakeJson } from '../../server/src/protocol/index.js';
import { FIXTURES } from '../../server/test/fixtures/index.js';
import { startServerProcess } from '../../server/test/support/server-process.js';
import { BENCH_ENV, buildServer } from '../bench-server.js';
import { percentile, round } from '../stats.js';

const ADMIN = { email: 'bench-admin@example.org', password: 'bench-admin-password' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(url: string, namespace: string, token: string): Promise<Socket> {
  const socket = io(`${url}${namespace}`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Times from each acknowledged chunk to the first session update on this monitor that shows it. */
function watch(monitor: Socket, speakerId: string, takeIds: Set<string>) {
  const sessionSeen = new Map<number, number>();
  const takeSeen = new Map<string, number>();
  monitor.on('monitor:session', (session: Session) => {
    const take = session.currentTake;
    if (session.speakerId !== speakerId || !take) return;
    for (let seq = 0; seq <= take.receivedSeq; seq += 1) if (!sessionSeen.has(seq)) sessionSeen.set(seq, performance.now());
  });
  monitor.on('monitor:take', (take: TakeJson) => {
    if (takeIds.has(take.takeId) && take.state === 'saved' && !takeSeen.has(take.takeId)) takeSeen.set(take.takeId, performance.now());
  });
  return { sessionSeen, takeSeen };
}

export async function monitorLatency(options: { takes: number; chunksPerTake: number }) {
  await buildServer();
  const root = await mkdtemp(path.join(os.tmpdir(), 'emovox-bench-monitor-'));
  await chmod(root, 0o755);
  const database = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), password: 'bench-monitor', log: createLogger('warn') });
  const env = { ...BENCH_ENV, DATABASE_URL: database.url, TOKEN_SECRET: 'bench-monitor-secret-bench-monitor-0123', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  const sockets: Socket[] = [];
  const replicas: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  try {
    for (const name of ['a', 'b']) {
      await mkdir(path.join(root, name));
      replicas.push(await startServerProcess({ env, dataDir: path.join(root, name), compiled: true }));
    }
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const { token: supervisorToken } = await json<{ token: string }>(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const speaker = await json<{ speakerId: string; token: string }>(`${b.url}/api/v1/speakers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consent: true, locale: 'en' }),
    });
    const takeIds = new Set<string>();
    const cross = await connect(a.url, '/monitor', supervisorToken);
    const same = await connect(b.url, '/monitor', supervisorToken);
    const recorder = await connect(b.url, '/record', speaker.token);
    sockets.push(cross, same, recorder);
    const watchers = { cross: watch(cross, speaker.speakerId, takeIds), same: watch(same, speaker.speakerId, takeIds) };
    const source = await readFile(FIXTURES.en1Webm);
    const size = Math.ceil(source.length / options.chunksPerTake);
    const sessionMs = { cross: [] as number[], same: [] as number[] };
    const savedMs = { cross: [] as number[], same: [] as number[] };
    for (let take = 0; take < options.takes; take += 1) {
      const sentence = await json<{ id: string }>(`${b.url}/api/v1/sentences/random?locale=en`);
      const start = await recorder.timeout(10_000).emitWithAck('take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
      if (!start.ok) throw new Error(`take:start ${start.error.code}`);
      takeIds.add(start.takeId);
      for (const watcher of Object.values(watchers)) watcher.sessionSeen.clear();
      const ackedAt = new Map<number, number>();
      for (let seq = 0; seq < options.chunksPerTake; seq += 1) {
        const data = source.subarray(seq * size, Math.min(source.length, (seq + 1) * size));
        const ack = await recorder.timeout(10_000).emitWithAck('take:chunk', { takeId: start.takeId, seq, data });
        if (ack.ok) ackedAt.set(seq, performance.now());
        await sleep(300);
      }
      await sleep(1_500); // the last updates arrive
      for (const kind of ['cross', 'same'] as const) {
        for (const [seq, at] of ackedAt) {
          const seen = watchers[kind].sessionSeen.get(seq);
          if (seen !== undefined) sessionMs[kind].push(Math.max(0, seen - at));
        }
      }
      const savedAt = new Promise<number>((resolve) =>
        recorder.on('take:status', (status: { takeId: string; state: string }) => {
          if (status.takeId === start.takeId && status.state === 'saved') resolve(performance.now());
        }),
      );
      await recorder.timeout(10_000).emitWithAck('take:stop', { takeId: start.takeId, lastSeq: options.chunksPerTake - 1 });
      const speakerSaw = await savedAt;
      await sleep(1_000);
      for (const kind of ['cross', 'same'] as const) {
        const seen = watchers[kind].takeSeen.get(start.takeId);
        if (seen !== undefined) savedMs[kind].push(seen - speakerSaw);
      }
    }
    const summary = (values: number[]) => ({ samples: values.length, p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(percentile(values, 100)) });
    return {
      sessionUpdate: { sameReplica: summary(sessionMs.same), crossReplica: summary(sessionMs.cross) },
      savedTake: { sameReplica: summary(savedMs.same), crossReplica: summary(savedMs.cross) },
    };
  } finally {
    for (const socket of sockets) socket.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database.stop();
    await rm(root, { recursive: true, force: true });
  }
}
