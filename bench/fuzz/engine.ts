// The fuzz engine: random and malformed traffic on /record, /monitor and the REST API of a running
// server, checked against the contract, while honest takes run alongside. The sequence of cases
// is fixed by the seed (each event draws from its own seeded generator); timing is not.
import { readFile } from 'node:fs/promises';
import { FIXTURES } from '../../server/test/fixtures/index.js';
import { splitBytes } from '../media.js';
import { inBatches, postJson, sentenceIds, sleep } from '../speaker.js';
import { checkAck, okShapeProblems } from './contract.js';
import { FuzzSocket } from './fuzz-socket.js';
import { honestTake, type HonestResult } from './honest.js';
import { learn, lifecycleCase, type FuzzSpeaker } from './lifecycle.js';
import { newRaceStats, raceEvent, type RaceStats } from './race.js';
import { seeded, weighted, pick } from './random.js';
import { REST_CASES } from './rest-cases.js';
import { sendRest } from './rest-send.js';
import { SOCKET_CASES, randomUuid, type SocketCase } from './socket-cases.js';
import { HealthWatch, settledHeapMb } from './watch.js';

export interface FuzzOptions {
  url: string;
  events: number;
  seed: number;
  admin: { email: string; password: string };
  /** Events in flight at once. */
  concurrency?: number;
  /** The server's socket events per second per speaker (floods send 3× its burst). */
  socketEventsPerSecond?: number;
  /** Defaults to the server's rule: max(4 × maxChunkBytes, 1 MB). */
  transportLimitBytes?: number;
  /** Keep honest takes going for the whole run (at least one per honest speaker either way). */
  honestLoop?: boolean;
  /** Compare heapUsed before and after (meaningless when the server shares the fuzzer's process). */
  measureHeap?: boolean;
  /** Resolves once every take the run left has ended (abandoned ones are swept): the heap is measured after it. */
  settled?: () => Promise<unknown>;
  alive?: () => boolean;
  /** Case kinds left out (say, one that crashes the server until it is fixed). */
  exclude?: string[];
  progress?: (done: number) => void;
}

export const WEIGHTS = {
  'wrong-type': 16, seq: 8, 'seq-beyond': 2, binary: 6, 'unknown-ack': 8, 'unknown-noack': 3, 'known-noack': 3,
  'too-large': 1, oversize: 0.15, raw: 1.5, flood: 0.08, lifecycle: 22, 'monitor-unknown': 3, 'monitor-noack': 1,
  'bad-token': 0.6, 'rest-json': 7, 'rest-multipart': 1.6, 'rest-multipart-truncated': 0.4, 'rest-random': 12, 'rest-auth': 4,
  race: 1.5,
} as const;
type Kind = keyof typeof WEIGHTS;

export interface FuzzReport {
  seed: number;
  events: number;
  seconds: number;
  byKind: Record<string, number>;
  codes: Record<string, number>;
  anomalies: { what: string; count: number; example: string }[];
  honest: HonestResult[];
  health: { checks: number; failures: string[] };
  heapMb: { before: number | null; after: number | null; growth: number | null } | null;
  /** The start/chunk/end races (race.ts). */
  race: RaceStats;
}

const FLOOD_FACTOR = 3;

/** A path with its variable segments folded, so that one bug is one anomaly. */
function routeOf(path: string): string {
  const [pathname] = path.split('?');
  return pathname!
    .split('/')
    .map((segment) => (/^[a-z0-9.]{1,12}$/.test(segment) || segment === '' ? segment : segment.includes('%') ? ':percent-encoded' : ':id'))
    .join('/');
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const begin = performance.now();
  const { url } = options;
  const fixtureChunks = splitBytes(await readFile(FIXTURES.en1Webm));
  const sentences = await sentenceIds(url, 5);
  const { token: supervisorToken } = await postJson<{ token: string }>(url, '/auth/login', options.admin);
  const newSpeaker = async (): Promise<FuzzSpeaker> => {
    const { token } = await postJson<{ token: string }>(url, '/speakers', { consent: true, locale: 'en' });
    return { token, socket: await FuzzSocket.connect(url, '/record', token), takes: [] };
  };
  const speakers = await inBatches(Array.from({ length: 8 }), 4, newSpeaker);
  const flooder = await newSpeaker();
  const vandal = await newSpeaker(); // its sockets are the ones closed on purpose
  const monitors = await Promise.all([0, 1].map(() => FuzzSocket.connect(url, '/monitor', supervisorToken)));
  const probe = await speakers[0]!.socket.emit('take:start', [{ sentenceId: sentences[0], emotion: 'neutral', mimeType: 'audio/webm;codecs=opus' }], 10_000);
  const maxChunkBytes = probe.kind === 'ack' ? ((probe.ack as { maxChunkBytes?: number }).maxChunkBytes ?? 262_144) : 262_144;
  const transportLimitBytes = options.transportLimitBytes ?? Math.max(4 * maxChunkBytes, 1_000_000);
  const burst = 2 * (options.socketEventsPerSecond ?? 200);

  const heapBefore = options.measureHeap ? await settledHeapMb(url) : null;
  const health = new HealthWatch(url, options.alive);
  const byKind: Record<string, number> = {};
  const codes: Record<string, number> = {};
  const anomalies = new Map<string, { count: number; example: string }>();
  const anomaly = (what: string, example: unknown) => {
    const known = anomalies.get(what);
    if (known) known.count += 1;
    else anomalies.set(what, { count: 1, example: JSON.stringify(example, (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v))?.slice(0, 600) ?? String(example) });
  };

  const judge = (testCase: SocketCase, outcome: Awaited<ReturnType<FuzzSocket['emit']>>) => {
    const label = `${testCase.kind} ${String(testCase.event).slice(0, 40)}`;
    if (testCase.oversize) {
      if (outcome.kind !== 'closed') anomaly(`${testCase.kind}: a frame over the transport limit got ${outcome.kind} instead of a closed socket`, { outcome });
      return;
    }
    if (outcome.kind !== 'ack') return anomaly(`${label}: no ack (${outcome.kind}${outcome.kind === 'closed' ? `: ${outcome.reason}` : ''})`, testCase.args);
    const { problems, code, ok } = checkAck(outcome.ack);
    codes[code ?? (ok ? 'ok' : '?')] = (codes[code ?? (ok ? 'ok' : '?')] ?? 0) + 1;
    for (const problem of problems) anomaly(`${label}: ${problem}`, { sent: testCase.args, ack: outcome.ack });
    if (ok) {
      if (!testCase.okAllowed) anomaly(`${label}: ok:true for an invalid payload`, { sent: testCase.args, ack: outcome.ack });
      else for (const problem of okShapeProblems(String(testCase.event), outcome.ack as Record<string, unknown>)) anomaly(problem, outcome.ack);
    } else if (testCase.expect && code && !testCase.expect.includes(code) && !(testCase.rateLimitable && code === 'RATE_LIMITED')) {
      anomaly(`${label}: answered ${code}, expected ${testCase.expect.join('|')}`, { sent: testCase.args, ack: outcome.ack });
    }
  };

  const weights = Object.fromEntries(Object.entries(WEIGHTS).filter(([kind]) => !options.exclude?.includes(kind))) as Record<Kind, number>;
  const ACK_TIMEOUT = 15_000;
  let floodRunning = false;
  const race = newRaceStats();
  const runOne = async (index: number): Promise<number> => {
    const random = seeded((options.seed * 1_000_003 + index) >>> 0);
    const kind = weighted(random, weights) as Kind;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const speaker = speakers[Math.floor(random() * speakers.length)]!;
    const own = speaker.takes.length > 0 ? pick(random, speaker.takes).takeId : randomUuid(random);
    const sentenceId = pick(random, sentences);
    const ctx = { random, takeId: own, sentenceId, maxChunkBytes, transportLimitBytes };

    if (kind in REST_CASES) {
      const testCase = REST_CASES[kind]!({ random, speakerToken: speaker.token, supervisorToken, takeId: own, sentenceId });
      const result = await sendRest(url, testCase);
      codes[result.code ?? String(result.status)] = (codes[result.code ?? String(result.status)] ?? 0) + 1;
      for (const problem of result.problems) anomaly(`${kind} ${routeOf(testCase.path)}: ${problem}`, { ...testCase, body: testCase.body?.slice(0, 300).toString() });
      return 1;
    }
    if (kind === 'bad-token') {
      const namespace = pick(random, ['/record', '/monitor']);
      const [token, expected] = pick(random, [
        [pick(random, ['', 'garbage', null, 42, { token: 'x' }, 'a'.repeat(5000), `${speaker.token}x`]), 'UNAUTHORIZED'],
        [namespace === '/record' ? supervisorToken : speaker.token, 'FORBIDDEN'],
      ] as [unknown, string][]);
      try {
        (await FuzzSocket.connect(url, namespace, token)).close();
        anomaly(`bad-token: ${namespace} accepted a ${expected === 'FORBIDDEN' ? 'wrong-role' : 'bad'} token`, { token });
      } catch (error) {
        const message = (error as Error).message;
        codes[message] = (codes[message] ?? 0) + 1;
        if (message !== expected) anomaly(`bad-token: ${namespace} connect_error "${message}", expected ${expected}`, { token });
      }
      return 1;
    }
    if (kind === 'flood') {
      if (floodRunning) return 0;
      floodRunning = true;
      try {
        const count = FLOOD_FACTOR * burst;
        const testCase: SocketCase = { kind: 'flood', namespace: 'record', event: 'take:resume', args: [{ takeId: randomUuid(random) }], withAck: true, expect: ['NOT_FOUND'], rateLimitable: true, okAllowed: false };
        const outcomes = await Promise.all(Array.from({ length: count }, () => flooder.socket.emit('take:resume', testCase.args, ACK_TIMEOUT)));
        for (const outcome of outcomes) judge(testCase, outcome);
        if (!outcomes.some((o) => o.kind === 'ack' && (o.ack as { error?: { code?: string } }).error?.code === 'RATE_LIMITED')) {
          anomaly(`flood: ${count} events in a burst and none was RATE_LIMITED`, { count });
        }
        await sleep(2_500); // the bucket refills before the next flood
        return count;
      } finally {
        floodRunning = false;
      }
    }
    if (kind === 'race') return raceEvent(url, random, sentenceId, fixtureChunks, race, anomaly);
    if (kind === 'lifecycle') {
      const testCase = lifecycleCase(random, speaker, sentenceId, fixtureChunks);
      const outcome = await speaker.socket.emit(testCase.event, testCase.args, ACK_TIMEOUT);
      judge(testCase, outcome);
      if (outcome.kind === 'ack') learn(speaker, testCase, outcome.ack);
      return 1;
    }
    const testCase = SOCKET_CASES[kind]!(ctx);
    if (testCase.oversize || testCase.raw !== undefined) {
      const socket = await FuzzSocket.connect(url, '/record', vandal.token);
      try {
        if (testCase.raw !== undefined) {
          socket.writeRaw(testCase.raw);
          await sleep(50);
        } else judge(testCase, await socket.emit(testCase.event, testCase.args, ACK_TIMEOUT));
      } finally {
        socket.close();
      }
      return 1;
    }
    const socket = testCase.namespace === 'monitor' ? pick(random, monitors) : speaker.socket;
    if (!testCase.withAck) socket.emitNoAck(testCase.event, testCase.args);
    else judge(testCase, await socket.emit(testCase.event, testCase.args, ACK_TIMEOUT));
    return 1;
  };

  // Honest takes: one per honest speaker at least, more while the fuzz runs when asked.
  let fuzzing = true;
  const honest: HonestResult[] = [];
  const honestRuns = Promise.all(
    [0, 1, 2].map(async (lane) => {
      await sleep(lane * 300);
      do honest.push(await honestTake(url, sentences[lane % sentences.length]!));
      while (options.honestLoop && fuzzing && alive());
    }),
  );

  const alive = () => (options.alive?.() ?? true) && health.failures.length < 20;
  let next = 0;
  let sent = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 16 }, async () => {
      // A dead server ends the run: everything after would only repeat that.
      while (sent < options.events && alive()) {
        const index = next++;
        try {
          const count = await runOne(index);
          sent += count;
        } catch (error) {
          anomaly(`fuzzer step threw: ${String(error).slice(0, 200)}`, { index });
          sent += 1;
        }
        if (index % 1000 === 0) options.progress?.(sent);
      }
    }),
  );
  fuzzing = false;
  await honestRuns;
  for (const result of honest) if (result.problem) anomaly(`honest: ${result.problem}`, result);
  for (const [index, socket] of [...speakers.map((s) => s.socket), flooder.socket, ...monitors].entries()) {
    if (!socket.open) anomaly(`a fuzz socket that never sent an oversized frame was closed (${socket.closedReason})`, { index });
    socket.close();
  }
  await health.stop();
  await sleep(options.measureHeap ? 5_000 : 0); // quiet: finalizes and timers settle
  // Takes still recording hold their live buffers: measured with them, the growth would count them as a leak.
  if (options.measureHeap) await options.settled?.();
  const heapAfter = options.measureHeap ? await settledHeapMb(url) : null;
  return {
    seed: options.seed,
    events: sent,
    seconds: Math.round((performance.now() - begin) / 100) / 10,
    byKind,
    codes,
    anomalies: [...anomalies.entries()].map(([what, { count, example }]) => ({ what, count, example })).sort((a, b) => b.count - a.count),
    honest,
    health: { checks: health.checks, failures: health.failures.slice(0, 20) },
    race,
    heapMb: options.measureHeap ? { before: heapBefore, after: heapAfter, growth: heapBefore !== null && heapAfter !== null ? Math.round((heapAfter - heapBefore) * 10) / 10 : null } : null,
  };
}
