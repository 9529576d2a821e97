// The runner process: it spawns every ffmpeg for the server. A spawn forks the process that makes it, and a
// fork costs time in proportion to that process's memory (measured here: 2.7 ms from 84 MB, 11–13 ms from
// 240 MB), all of it blocking the event loop. Spawning from this small process keeps that off the server.
import os from 'node:os';
import { runFfmpeg, type FfmpegLimits, type FfmpegProcess } from './ffmpeg-process.js';

// Transcoding can wait; acknowledging a chunk cannot. Under a full CPU, a lower priority for this runner
// and the ffmpegs it spawns (they inherit it) leaves the cores to the server and PostgreSQL first.
const nice = Number(process.argv[2] ?? 0);
if (Number.isInteger(nice) && nice > 0) os.setPriority(nice);

export type RunnerRequest =
  | { t: 'start'; id: number; args: string[]; stdin: 'pipe' | 'ignore'; limits: FfmpegLimits }
  | { t: 'write'; id: number; data: Uint8Array }
  | { t: 'end'; id: number; data?: Uint8Array }
  | { t: 'abort'; id: number };

const running = new Map<number, FfmpegProcess>();
const send = (message: unknown) => {
  if (process.connected) process.send?.(message);
};
// A send racing the server's exit fails with EPIPE on the process: nothing is left to tell.
process.on('error', () => undefined);

process.on('message', (message: RunnerRequest) => {
  if (message.t === 'start') {
    const ffmpeg = runFfmpeg(message.args, message.stdin, message.limits);
    running.set(message.id, ffmpeg);
    void ffmpeg.result.then((result) => {
      running.delete(message.id);
      send({ t: 'done', id: message.id, result });
    });
    return;
  }
  const ffmpeg = running.get(message.id);
  if (!ffmpeg) return;
  if (message.t === 'write') ffmpeg.stdin.write(message.data);
  else if (message.t === 'end') ffmpeg.stdin.end(message.data);
  else ffmpeg.abort();
});

// The server went away: take every ffmpeg down with us.
process.on('disconnect', () => {
  for (const ffmpeg of running.values()) ffmpeg.abort();
  setTimeout(() => process.exit(0), 100).unref();
});
send({ t: 'ready' });
