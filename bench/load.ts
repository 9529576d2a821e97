// The load generator, run as its own process: N virtual speakers stream a real WebM/Opus utterance at
// real-time pace (one ~4.8 KB chunk every 300 ms, as Chromium's MediaRecorder does), back to back.
// Prints one JSON line of results on stdout.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { FIXTURES } from '../server/test/fixtures/index.js';
import { percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    speakers: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    'take-seconds': { type: 'string', default: '10' },
    'chunk-ms': { type: 'string', default: '300' },
  },
});
const url = values.url!;
const speakers = Number(values.speakers);
const durationMs = Number(values.seconds) * 1000;
const takeMs = Number(values['take-seconds']) * 1000;
const chunkMs = Number(values['chunk-ms']);

const ackMs: number[] = [];
const stopToSavedMs: number[] = [];
let chunksSent = 0;
let chunksFailed = 0;
let takesSaved = 0;
let takesFailed = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, init);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** The utterance as a stream of chunks, repeated to fill a take of the requested length. */
function takeChunks(source: Buffer): Buffer[] {
  const count = Math.max(1, Math.round(takeMs / chunkMs));
  const size = Math.ceil(source.length / count);
  return Array.from({ length: count }, (_, i) => source.subarray(Math.min(i * size, source.length - 1), Math.min((i + 1) * size, source.length)));
}

async function speaker(index: number, source: Buffer, deadline: number): Promise<void> {
  await sleep((index / speakers) * chunkMs); // spread the chunk phases
  const { token } = await json<{ token: string }>('/speakers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consent: true, locale: 'en' }),
  });
  const socket: Socket = io(`${url}/record`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const pendingSaves = new Map<string, number>();
  socket.on('take:status', (status: { takeId: string; state: string }) => {
    const stoppedAt = pendingSaves.get(status.takeId);
    if (stoppedAt === undefined) return;
    if (status.state === 'saved') stopToSavedMs.push(performance.now() - stoppedAt);
    if (status.state === 'saved') takesSaved += 1;
    if (status.state === 'failed') takesFailed += 1;
    if (status.state === 'saved' || status.state === 'failed') pendingSaves.delete(status.takeId);
  });
  const chunks = takeChunks(source);
  try {
    while (Date.now() + takeMs < deadline) {
      const sentence = await json<{ id: string }>('/sentences/random?locale=en');
      const start = await socket.timeout(10_000).emitWithAck('take:start', { sentenceId: sentence.id, emotion: 'neutral', mimeType: 'audio/webm;codecs=opus' });
      if (!start.ok) throw new Error(`take:start ${start.error.code}`);
      let next = performance.now();
      const acks: Promise<void>[] = [];
      for (const [seq, data] of chunks.entries()) {
        next += chunkMs;
        const sentAt = performance.now();
        chunksSent += 1;
        acks.push(
          socket
            .timeout(10_000)
            .emitWithAck('take:chunk', { takeId: start.takeId, seq, data })
            .then((ack: { ok: boolean }) => {
              if (ack.ok) ackMs.push(performance.now() - sentAt);
              else chunksFailed += 1;
            }, () => {
              chunksFailed += 1;
            }),
        );
        await sleep(Math.max(0, next - performance.now()));
      }
      await Promise.all(acks);
      pendingSaves.set(start.takeId, performance.now());
      const stop = await socket.timeout(10_000).emitWithAck('take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
      if (!stop.ok) throw new Error(`take:stop ${stop.error.code}`);
    }
    const waitUntil = Date.now() + 15_000;
    while (pendingSaves.size > 0 && Date.now() < waitUntil) await sleep(50);
    takesFailed += pendingSaves.size;
  } finally {
    socket.close();
  }
}

const source = await readFile(FIXTURES.en1Webm);
const deadline = Date.now() + durationMs;
const results = await Promise.allSettled(Array.from({ length: speakers }, (_, i) => speaker(i, source, deadline)));
const errors = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
console.log(
  JSON.stringify({
    speakers,
    chunksSent,
    chunksAcked: ackMs.length,
    chunksFailed,
    chunksLost: chunksSent - ackMs.length,
    ackP50: round(percentile(ackMs, 50)),
    ackP99: round(percentile(ackMs, 99)),
    takesSaved,
    takesFailed,
    stopToSavedP50: round(percentile(stopToSavedMs, 50)),
    stopToSavedP99: round(percentile(stopToSavedMs, 99)),
    speakerErrors: errors.slice(0, 3),
  }),
);
process.exit(0);
