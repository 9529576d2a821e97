import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { ffmpegPath } from './ffmpeg-path.js';

// One bounded ffmpeg child: a wall-clock limit, a cap on the bytes it may write to stdout, and a
// cap on the stderr kept for the log. It never throws; every ending is reported in the result.

export interface FfmpegLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

export type FfmpegStopReason = 'timeout' | 'output_too_large' | 'aborted' | 'spawn_failed';

export interface FfmpegResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The first MAX_STDERR_BYTES of stderr: the first errors are the telling ones. */
  stderr: string;
  /** Set when we ended the process (or it never started) rather than ffmpeg finishing by itself. */
  stoppedBy: FfmpegStopReason | null;
}

export interface FfmpegProcess {
  /** Already ended when spawned without input. Write errors (EPIPE after ffmpeg exits) are swallowed. */
  stdin: Writable;
  result: Promise<FfmpegResult>;
  /** Kills the process; the result then reports `aborted`. */
  abort(): void;
}

const MAX_STDERR_BYTES = 8 * 1024;

export function runFfmpeg(args: readonly string[], stdin: 'pipe' | 'ignore', limits: FfmpegLimits): FfmpegProcess {
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  const out: Buffer[] = [];
  let outBytes = 0;
  let stderr = '';
  let stoppedBy: FfmpegStopReason | null = null;

  const stop = (reason: FfmpegStopReason): void => {
    if (stoppedBy !== null) return;
    stoppedBy = reason;
    child.kill('SIGKILL');
  };

  child.stdin.on('error', () => {
    // EPIPE when ffmpeg has already exited (bad input, killed): the exit code says why.
  });
  if (stdin === 'ignore') child.stdin.end();
  // A read error on an output pipe belongs to this take alone; unhandled it would end the whole process.
  child.stdout.on('error', () => undefined);
  child.stderr.on('error', () => undefined);
  child.stdout.on('data', (data: Buffer) => {
    outBytes += data.length;
    if (outBytes > limits.maxOutputBytes) stop('output_too_large');
    else out.push(data);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < MAX_STDERR_BYTES) stderr += text.slice(0, MAX_STDERR_BYTES - stderr.length);
  });

  const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
  timer.unref();

  const result = new Promise<FfmpegResult>((resolve) => {
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr, stoppedBy });
    };
    child.on('error', (err) => {
      // Only spawn failures reach here with no exit to follow; keep the reason for the log.
      if (stoppedBy === null) stoppedBy = 'spawn_failed';
      if (stderr.length === 0) stderr = err.message;
      if (child.exitCode === null && child.pid === undefined) settle(null, null);
    });
    child.on('close', settle);
  });

  return { stdin: child.stdin, result, abort: () => stop('aborted') };
}
