// The real server as its own process, configured for load: limits that would throttle a single
// test machine's thousands of speakers are raised; everything else is production's default.
import { execFile } from 'node:child_process';
import { REPO_ROOT } from '../server/src/paths.js';
import { THREADPOOL_SIZE } from '../server/scripts/server-env.js';
import { startServerProcess, type ServerProcess } from '../server/test/support/server-process.js';

export const BENCH_ENV: Record<string, string> = {
  MAX_ACTIVE_TAKES: '10',
  TAKES_PER_MINUTE: '10000',
  SOCKET_EVENTS_PER_SECOND: '1000',
  REST_REQUESTS_PER_MINUTE: '1000000',
  SPEAKERS_PER_HOUR_PER_ADDRESS: '1000000',
  // The 60 s benchmark takes decode to a hair over 60 s.
  MAX_TAKE_SECONDS: '120',
  // As npm start and the image run it.
  UV_THREADPOOL_SIZE: THREADPOOL_SIZE,
};

/** The compiled server, as production runs it: from TypeScript sources tsx inflates every process's memory,
 * and with it the cost of each ffmpeg spawn. */
export async function startBenchServer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  await buildServer();
  return startServerProcess({ env: { ...BENCH_ENV, ...env }, compiled: true, nodeArgs });
}

let built: Promise<void> | null = null;
export function buildServer(): Promise<void> {
  built ??= new Promise((resolve, reject) => {
    execFile('npm', ['run', '-s', 'build', '-w', 'server'], { cwd: REPO_ROOT }, (error) => (error ? reject(error) : resolve()));
  });
  return built;
}
