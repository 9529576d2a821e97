// The runner process: it spawns every ffmpeg for the server. A spawn forks the process that makes it, and a
// fork costs time in proportion to that process's memory (measured here: 2.7 ms from 84 MB, 11–13 ms from
// 240 MB), all of it blocking the event loop. Spawning from this small process keeps that off the server.
import { Socket } from 'node:net';
import os from 'node:os';
import { runFfmpeg, type FfmpegLimits, type FfmpegProcess } from './ffmpeg-process.js';

// Transcoding can wait; acknowledging a chunk cannot. Under a full CPU, a lower priority for this runner
// and the ffmpegs it spawns (they inherit it) leaves the cores to the server and PostgreSQL first.
const nice = Number(process.argv[2] ?? 0);
if (Number.isInteger(nice) && nice > 0) os.setPriority(nice);

export type RunnerRequest =
  | { t: 'start'; id: number; args: string[]; stdin: 'pipe' | 'ignore'; limits: FfmpegLimits }
  | { t: 'abort'; id: number };

const running = new Map<number, FfmpegProcess>();
const send = (message: unknown, handle?: Socket) => {
  if (process.connected) process.send?.(message, handle);
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
    // ffmpeg's stdin goes to the server, which then writes the take's chunks straight into it: no copy of
    // every chunk through this process. Sending closes this process's end of it.
    if (message.stdin === 'pipe' && ffmpeg.stdin instanceof Socket && !ffmpeg.stdin.destroyed) {
      try {
        send({ t: 'stdin', id: message.id }, ffmpeg.stdin);
      } catch {
        ffmpeg.abort(); // the server gets 'done' and falls back
      }
    }
    return;
  }
  running.get(message.id)?.abort();
});

// The server went away: take every ffmpeg down with us.
process.on('disconnect', () => {
  for (const ffmpeg of running.values()) ffmpeg.abort();
  setTimeout(() => process.exit(0), 100).unref();
});
send({ t: 'ready' });
