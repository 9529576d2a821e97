// Ctrl-C in a terminal sends SIGINT to the whole foreground process group: the server, its ffmpeg runners and
// the embedded PostgreSQL. The server must stop in dependency order (job queue and pools before PostgreSQL),
// so the shutdown logs no error and leaves no postmaster behind.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/paths.js';

let dataDir: string | undefined;
const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of [dataDir, ...dataDirs]) if (dir) await rm(dir, { recursive: true, force: true });
});

it('when the process group gets SIGINT, then the server exits 0 after "stopped", with no warning or error on the way', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'emovox-ctrl-c-'));
  await chmod(dataDir, 0o755); // as root, the embedded PostgreSQL runs as the postgres user
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.CTRL_C_LOG ?? 'info', JOB_POLL_SECONDS: '0.5', DATABASE_URL: '' },
    detached: true, // a process group of its own, like a shell's foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.includes('"listening"')) resolve();
    });
    void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${lines.join('\n')}`)));
  });
  // Let the job queue poll a few times, so it is mid-work when the signal comes.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  process.kill(-child.pid!, 'SIGINT');
  expect(await exited).toBe(0);
  const after = lines.slice(lines.findIndex((line) => line.includes('"shutting down"')));
  const loud = after.filter((line) => !line.startsWith('{') || (JSON.parse(line) as { level: number }).level >= 40);
  expect(loud, after.join("\n")).toEqual([]);
  expect(after.some((line) => line.includes('"stopped"'))).toBe(true);
  await expect(stat(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow('ENOENT');
});

it('when SIGINT comes while the server is still starting, then it finishes starting, stops cleanly and leaves no postmaster', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'emovox-ctrl-c-early-'));
  dataDirs.push(dir);
  await chmod(dir, 0o755);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    // PostgreSQL is up, the migrations and the listening socket are still to come.
    if (line.includes('"embedded postgres ready"')) child.kill('SIGINT');
  });
  expect(await exited, lines.join('\n')).toBe(0);
  expect(lines.some((line) => line.includes('"stopped"'))).toBe(true);
  await expect(stat(path.join(dir, 'postgres', 'postmaster.pid'))).rejects.toThrow('ENOENT');
});
