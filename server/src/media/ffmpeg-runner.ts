// The server's side of the runner process (ffmpeg-runner-process.ts): the same FfmpegProcess interface as a
// local spawn, over IPC with structured-clone serialisation so that Buffers travel as they are.
import { fork, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FfmpegLauncher } from './ffmpeg-launcher.js';
import type { FfmpegLimits, FfmpegProcess, FfmpegResult } from './ffmpeg-process.js';
import type { RunnerRequest } from './ffmpeg-runner-process.js';

type RunnerReply = { t: 'ready' } | { t: 'done'; id: number; result: FfmpegResult };

const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');
const RUNNER = fileURLToPath(new URL(`./ffmpeg-runner-process.${RUNNING_FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url));

export class FfmpegRunner {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: FfmpegResult) => void>();

  constructor(private readonly options: { cwd: string }) {}

  readonly launch: FfmpegLauncher = (args, stdin, limits) => this.start([...args], stdin, limits);

  private process(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    const child = fork(RUNNER, [], {
      cwd: this.options.cwd,
      serialization: 'advanced',
      // From TypeScript sources the runner needs the same loader as the server; compiled, plain node.
      execArgv: RUNNING_FROM_SOURCE ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (reply: RunnerReply) => {
      if (reply.t !== 'done') return;
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      resolve?.({ ...reply.result, stdout: Buffer.from(reply.result.stdout.buffer, reply.result.stdout.byteOffset, reply.result.stdout.byteLength) });
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      // Every ffmpeg of a dead runner is gone too: report them as never finished, so callers retry.
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve({ code: null, signal: null, stdout: Buffer.alloc(0), stderr: 'the ffmpeg runner exited', stoppedBy: 'spawn_failed' });
      }
    });
    child.on('error', () => undefined);
    this.child = child;
    return child;
  }

  private start(args: string[], stdin: 'pipe' | 'ignore', limits: FfmpegLimits): FfmpegProcess {
    const id = this.nextId++;
    const child = this.process();
    const send = (message: RunnerRequest) => {
      if (child.connected) child.send(message);
    };
    const result = new Promise<FfmpegResult>((resolve) => this.pending.set(id, resolve));
    send({ t: 'start', id, args, stdin, limits });
    const input = new Writable({
      write(data: Buffer, _encoding, callback) {
        send({ t: 'write', id, data });
        callback();
      },
      final(callback) {
        send({ t: 'end', id });
        callback();
      },
    });
    if (stdin === 'ignore') input.end();
    return { stdin: input, result, abort: () => send({ t: 'abort', id }) };
  }

  /** Starts the runner ahead of the first take, so that no speaker waits for it to load. */
  warm(timeoutMs = 15_000): Promise<void> {
    const child = this.process();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close(): void {
    this.child?.disconnect();
    this.child = null;
  }
}
