// The runner process: it spawns every ffmpeg for the server. A spawn forks the process that makes it, and a
// fork costs time in proportion to that process's memory, all of it blocking the event loop. Spawning from this
// small process keeps that off the server (docs/architecture.md has the measured costs).
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

/** How often the runner checks that its server is still its parent (a backstop to 'disconnect'). */
const PARENT_CHECK_MS = 500;

const running = new Map<number, FfmpegProcess>();
const send = (message: unknown, handle?: Socket) => {
  if (!process.connected) return;
  // With a callback, a send that fails (the server died meanwhile) reports there instead of throwing.
  process.send?.(message, handle, undefined, () => undefined);
};
// A send racing the server's exit fails with EPIPE on the process: nothing is left to tell.
process.on('error', () => undefined);

function start(message: Extract<RunnerRequest, { t: 'start' }>): void {
  const ffmpeg = runFfmpeg(message.args, message.stdin, message.limits);
  running.set(message.id, ffmpeg);
  void ffmpeg.result.then((result) => {
    running.delete(message.id);
    send({ t: 'done', id: message.id, result });
  });
  // ffmpeg's stdin goes to the server, which then writes the take's chunks straight into it: no copy of
  // every chunk through this process. Sending closes this process's end of it.
  if (message.stdin === 'pipe' && ffmpeg.stdin instanceof Socket && !ffmpeg.stdin.destroyed) send({ t: 'stdin', id: message.id }, ffmpeg.stdin);
}

process.on('message', (message: RunnerRequest) => {
  try {
    if (message.t === 'start') start(message);
    else running.get(message.id)?.abort();
  } catch {
    if (message.t === 'start') running.get(message.id)?.abort(); // the server gets 'done' and falls back
  }
});

// The server went away (a clean close, a crash, kill -9, the OOM killer): take every ffmpeg down, then go.
// SIGKILL is sent synchronously, so exiting right after cannot leave one behind.
let exiting = false;
function exitWithServer(): void {
  if (exiting) return;
  exiting = true;
  for (const ffmpeg of running.values()) ffmpeg.abort();
  process.exit(0);
}
process.on('disconnect', exitWithServer);
// A backstop to 'disconnect', which runners of a crashed server were seen to outlive, with their ffmpegs: a runner
// reparented (its server died) or without a channel has no server any more.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent || !process.connected) exitWithServer();
}, PARENT_CHECK_MS).unref();
send({ t: 'ready' });
