// The real server as production runs it, as a child process: for fault tests (kill -9, SIGTERM),
// the browser tests and the benchmarks. It reports its port through its "listening" log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../src/paths.js';

const CLOCK_TICKS_PER_SECOND = 100;

export interface ServerProcess {
  port: number;
  url: string;
  pid: number;
  dataDir: string;
  logs: string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** CPU seconds the process has used so far (Linux /proc). */
  cpuSeconds(): number;
  rssBytes(): number;
  /** SIGTERM, then SIGKILL after a grace period; removes the data directory unless it was given. */
  stop(): Promise<void>;
}

export async function startServerProcess(
  /** compiled: run server/dist/main.js as production does (build it first); otherwise the TypeScript sources. */
  options: { env?: Record<string, string>; dataDir?: string; compiled?: boolean; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'emovox-proc-')));
  await chmod(dataDir, 0o755); // an embedded PostgreSQL runs as another user when we are root
  // nodeArgs: flags for node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take).
  const entry = [...(options.nodeArgs ?? []), ...(options.compiled ? ['server/dist/main.js'] : ['--import', 'tsx', 'server/src/main.ts'])];
  const child: ChildProcess = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_SECONDS: '5',
      // Every test client is 127.0.0.1: the per-address consent limit is tested on its own.
      SPEAKERS_PER_HOUR_PER_ADDRESS: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > 2000) logs.splice(0, 1000);
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', remember);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a server that never listened must not outlive the test
      reject(new Error(`server did not listen within 90 s:\n${logs.slice(-20).join('\n')}`));
    }, 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      if (!line.includes('"listening"')) return;
      const entry = JSON.parse(line) as { port?: unknown };
      if (typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.slice(-20).join('\n')}`));
    });
  });
  const pid = child.pid!;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid,
    dataDir,
    logs,
    exited,
    kill: (signal) => void child.kill(signal),
    cpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    rssBytes() {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(match?.[1] ?? 0) * 1024;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
