// The yardstick: a deliberately simple single-process reference recorder, run under the same load as emovox in
// the same benchmark run so that every figure can be printed beside it as a ratio (absolute figures move a lot
// between machines; the ratio much less). It is NOT a design to copy: no database, nothing shared between
// replicas, no retry, no limit, no validation beyond what the bench speakers need.
//
// It speaks the subset of the contract the bench speakers use: POST /api/v1/speakers, GET
// /api/v1/sentences/random, and on /record take:start, take:chunk and take:stop, then take:status `saved`.
// Every chunk is appended to a file and fdatasync'ed before its ack; each take has one live ffmpeg from
// take:start, fed each chunk as it arrives; at stop ffmpeg's stdin is closed and the take is saved when ffmpeg
// has written the WAV.
//
// Run as its own process (bench/yardstick-process.ts compiles it to plain JavaScript first, as emovox runs
// compiled); it prints {"listening":PORT} once it listens on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { Server } from 'socket.io';

interface Take {
  file: FileHandle;
  ffmpeg: ChildProcess;
  exited: Promise<number | null>;
  stderr: string;
  /** Chunks of one take are written one after another, in arrival order (the bench sends them in seq order). */
  queue: Promise<void>;
}

type Ack = (answer: Record<string, unknown>) => void;

const SENTENCES = Array.from({ length: 10 }, () => randomUUID());
const dir = await mkdtemp(path.join(os.tmpdir(), 'emovox-yardstick-'));
const takes = new Map<string, Take>();

function http(request: IncomingMessage, response: ServerResponse): void {
  const json = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  request.resume();
  if (request.method === 'POST' && request.url === '/api/v1/speakers') return json(201, { speakerId: randomUUID(), token: randomUUID() });
  if (request.method === 'GET' && request.url?.startsWith('/api/v1/sentences/random')) {
    return json(200, { id: SENTENCES[Math.floor(Math.random() * SENTENCES.length)], text: 'yardstick', locale: 'en' });
  }
  if (request.url?.startsWith('/socket.io/')) return; // Socket.IO answers these
  json(404, { error: { code: 'NOT_FOUND' } });
}

async function start(ack: Ack): Promise<void> {
  const takeId = randomUUID();
  const base = path.join(dir, takeId);
  const file = await open(`${base}.webm`, 'w');
  const ffmpeg = spawn(
    ffmpegInstaller.path,
    ['-hide_banner', '-loglevel', 'error', '-f', 'webm', '-i', 'pipe:0', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', '-y', `${base}.wav`],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  ffmpeg.stdin!.on('error', () => undefined); // a dead ffmpeg shows in its exit code
  const exited = new Promise<number | null>((resolve) => ffmpeg.once('exit', resolve));
  const take: Take = { file, ffmpeg, exited, stderr: '', queue: Promise.resolve() };
  ffmpeg.stderr!.on('data', (data: Buffer) => (take.stderr = (take.stderr + data.toString()).slice(-300)));
  takes.set(takeId, take);
  ack({ ok: true, takeId, state: 'recording' });
}

async function chunk(payload: { takeId: string; seq: number; data: Buffer }, ack: Ack): Promise<void> {
  const take = takes.get(payload.takeId);
  if (!take) return ack({ ok: false, error: { code: 'NOT_FOUND' } });
  const written = take.queue.then(async () => {
    await take.file.write(payload.data);
    await take.file.datasync();
    take.ffmpeg.stdin!.write(payload.data);
  });
  take.queue = written.catch(() => undefined);
  await written;
  ack({ ok: true, takeId: payload.takeId, seq: payload.seq });
}

async function stop(payload: { takeId: string }, ack: Ack, emit: (status: object) => void): Promise<void> {
  const take = takes.get(payload.takeId);
  if (!take) return ack({ ok: false, error: { code: 'NOT_FOUND' } });
  takes.delete(payload.takeId);
  ack({ ok: true, takeId: payload.takeId, state: 'finalizing' });
  await take.queue;
  take.ffmpeg.stdin!.end();
  const code = await take.exited;
  await take.file.close();
  emit(code === 0 ? { takeId: payload.takeId, state: 'saved' } : { takeId: payload.takeId, state: 'failed', error: { code: 'INTERNAL', message: take.stderr } });
  // The bench measures, it does not keep: the files go once the take is answered.
  const base = path.join(dir, payload.takeId);
  await Promise.all([rm(`${base}.webm`, { force: true }), rm(`${base}.wav`, { force: true })]);
}

const server = createServer(http);
const io = new Server(server, { maxHttpBufferSize: 1_000_000, transports: ['websocket'] });
io.of('/record').on('connection', (socket) => {
  const failed = (ack: Ack) => (error: unknown) => ack({ ok: false, error: { code: 'INTERNAL', message: String(error) } });
  socket.on('take:start', (_payload: unknown, ack: Ack) => void start(ack).catch(failed(ack)));
  socket.on('take:chunk', (payload: { takeId: string; seq: number; data: Buffer }, ack: Ack) => void chunk(payload, ack).catch(failed(ack)));
  socket.on('take:stop', (payload: { takeId: string }, ack: Ack) =>
    void stop(payload, ack, (status) => socket.emit('take:status', status)).catch(failed(ack)),
  );
});

const shutdown = async () => {
  for (const take of takes.values()) take.ffmpeg.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ listening: typeof address === 'object' && address ? address.port : null }));
});
