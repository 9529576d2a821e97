// The server's side of the runner processes (ffmpeg-runner-process.ts): the same FfmpegProcess interface as a
// local spawn. Requests and results travel over IPC; ffmpeg's stdin is handed over to this process, so the
// chunks go straight into ffmpeg. Spawns block the runner that makes them, so a few runners share the work.
import { fork, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FfmpegLauncher } from './ffmpeg-launcher.js';
import type { FfmpegLimits, FfmpegProcess, FfmpegResult } from './ffmpeg-process.js';
import type { RunnerRequest } from './ffmpeg-runner-process.js';

type RunnerReply = { t: 'ready' } | { t: 'stdin'; id: number } | { t: 'done'; id: number; result: FfmpegResult };

const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');
const RUNNER = fileURLToPath(new URL(`./ffmpeg-runner-process.${RUNNING_FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url));

/** One runner process and the ffmpeg results it still owes. */
class RunnerChild {
  private child: ChildProcess | null = null;
  readonly pending = new Map<number, (result: FfmpegResult) => void>();
  /** Launches waiting for their ffmpeg's stdin: null when it came without its handle (ffmpeg already gone). */
  readonly stdins = new Map<number, (stdin: Socket | null) => void>();

  constructor(
    private readonly cwd: string,
    private readonly nice: number,
  ) {}

  process(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    const child = fork(RUNNER, [String(this.nice)], {
      cwd: this.cwd,
      serialization: 'advanced',
      // From TypeScript sources the runner needs the same loader as the server; compiled, plain node.
      execArgv: RUNNING_FROM_SOURCE ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Its own process group: a terminal's Ctrl-C reaches the server, which stops the runners after its finalizes.
      // The runner exits when its IPC channel closes, so it never outlives the server.
      detached: true,
    });
    child.on('message', (reply: RunnerReply, handle: unknown) => {
      // One take's message must never end the server: a throw here would be an uncaught exception.
      try {
        this.receive(reply, handle);
      } catch {
        // nothing to do: the take's 'done' (or the runner's exit) still settles it
      }
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      // Every ffmpeg of a dead runner is gone too: report them as never finished, so callers retry.
      this.stdins.clear();
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve({ code: null, signal: null, stdout: Buffer.alloc(0), stderr: 'the ffmpeg runner exited', stoppedBy: 'spawn_failed' });
      }
    });
    child.on('error', () => undefined);
    this.child = child;
    return child;
  }

  private receive(reply: RunnerReply, handle: unknown): void {
    if (reply.t === 'stdin') {
      const take = this.stdins.get(reply.id);
      this.stdins.delete(reply.id);
      // Node sends the message without its handle when the socket closed before its turn in the IPC queue
      // (ffmpeg already killed): that is a missing stdin, not a socket.
      const socket = handle instanceof Socket ? handle : null;
      if (take) take(socket);
      else socket?.destroy(); // the take ended before its stdin arrived
      return;
    }
    if (reply.t !== 'done') return;
    const resolve = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    const stdout = reply.result.stdout;
    resolve?.({ ...reply.result, stdout: Buffer.from(stdout.buffer, stdout.byteOffset, stdout.byteLength) });
  }

  warm(timeoutMs: number): Promise<void> {
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

export class FfmpegRunner {
  private readonly runners: RunnerChild[];
  private nextId = 1;

  /** nice: the runners' and their ffmpegs' niceness (0 to 19, higher yields more). */
  constructor(options: { cwd: string; processes?: number; nice?: number }) {
    this.runners = Array.from({ length: Math.max(1, options.processes ?? 4) }, () => new RunnerChild(options.cwd, options.nice ?? 0));
  }

  readonly launch: FfmpegLauncher = (args, stdin, limits) => this.start([...args], stdin, limits);

  private start(args: string[], stdin: 'pipe' | 'ignore', limits: FfmpegLimits): FfmpegProcess {
    const id = this.nextId++;
    // The runner owing the fewest results takes the next ffmpeg.
    const runner = this.runners.reduce((best, r) => (r.pending.size < best.pending.size ? r : best));
    const child = runner.process();
    const send = (message: RunnerRequest) => {
      try {
        if (child.connected) child.send(message, undefined, undefined, () => undefined);
      } catch {
        // the runner is exiting: its 'exit' settles this ffmpeg
      }
    };
    const result = new Promise<FfmpegResult>((resolve) => runner.pending.set(id, resolve));
    // Writes wait here until ffmpeg's stdin arrives from the runner, then flow into it directly.
    const input = new PassThrough();
    input.on('error', () => undefined);
    let stdinSocket: Socket | null = null;
    let aborted = false;
    if (stdin === 'pipe') {
      runner.stdins.set(id, (socket) => {
        if (!socket || aborted) {
          // ffmpeg is gone (or going): nothing will read what was written; 'done' reports why.
          socket?.destroy();
          input.destroy();
          return;
        }
        socket.on('error', () => undefined); // EPIPE once ffmpeg has exited: its result says why
        stdinSocket = socket;
        input.pipe(socket);
      });
    } else {
      input.end();
    }
    void result.then(() => {
      runner.stdins.delete(id);
      if (!stdinSocket) input.destroy(); // never handed over: nothing will read what was written
    });
    send({ t: 'start', id, args, stdin, limits });
    return {
      stdin: input,
      result,
      abort: () => {
        aborted = true;
        send({ t: 'abort', id });
        (stdinSocket as Socket | null)?.destroy();
        input.destroy();
      },
    };
  }

  /** Starts the runners ahead of the first take, so that no speaker waits for one to load. */
  async warm(timeoutMs = 15_000): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.warm(timeoutMs)));
  }

  close(): void {
    for (const runner of this.runners) runner.close();
  }
}
