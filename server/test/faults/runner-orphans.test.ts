// A server process that dies without a shutdown (kill -9, the OOM killer) must not leave its ffmpeg runner
// processes, or their ffmpegs, running: each runner notices its parent is gone, kills its ffmpegs and exits.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { REPO_ROOT } from '../../src/paths.js';
import { eventually, listProcesses } from '../support/processes.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { createTestDatabase } from '../support/test-database.js';

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
});

/** The server's runner processes and the ffmpegs under them. */
function familyOf(serverPid: number) {
  const all = listProcesses();
  const runners = all.filter((p) => p.ppid === serverPid && p.command.includes('ffmpeg-runner-process'));
  const ffmpegs = all.filter((p) => runners.some((r) => r.pid === p.ppid) && p.name === 'ffmpeg');
  return { runners: runners.map((p) => p.pid), ffmpegs: ffmpegs.map((p) => p.pid) };
}

const alive = (pids: number[]) => {
  const running = new Set(listProcesses().map((p) => p.pid));
  return pids.filter((pid) => running.has(pid));
};

describe('a server process killed with SIGKILL', () => {
  it('when it dies with takes recording live, then its runners and their ffmpegs exit too', async () => {
    server = await startServerProcess({
      env: { DATABASE_URL: await createTestDatabase(), TOKEN_SECRET: 'orphan-secret-orphan-secret-orphan-0123', FFMPEG_RUNNER: 'process', MAX_ACTIVE_TAKES: '10' },
    });
    const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
    const sentenceId = (await randomSentence(server.url)).id;
    const { token } = await createSpeaker(server.url);
    const socket = await connectRecorder(server.url, token);
    for (let take = 0; take < 6; take += 1) {
      const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'fear', mimeType: 'audio/webm' });
      if (!start.ok) throw new Error(start.error.code);
      for (let seq = 0; seq < 3; seq += 1) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data: chunks[seq] });
    }
    const family = await eventually(() => familyOf(server!.pid), (f) => f.ffmpegs.length === 6);
    expect(family.runners.length).toBeGreaterThan(0);
    expect(family.ffmpegs).toHaveLength(6);
    socket.close();

    server.kill('SIGKILL');
    await server.exited;
    const left = await eventually(() => alive([...family.runners, ...family.ffmpegs]), (pids) => pids.length === 0);
    expect(left).toEqual([]);
  });

  it('when the server dies inside the listener that receives an ffmpeg stdin, then its runner and the ffmpegs exit too', async () => {
    // The fake server (support/crashing-parent.ts) exits before Node acknowledges the handed-over stdin.
    const parent = spawn(process.execPath, ['--import', 'tsx', 'server/test/support/crashing-parent.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    const runner = await new Promise<number>((resolve) =>
      createInterface({ input: parent.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { runner: number }).runner)),
    );
    await exited;
    const ffmpegs = listProcesses().filter((p) => p.ppid === runner && p.name === 'ffmpeg').map((p) => p.pid);
    const left = await eventually(() => alive([runner, ...ffmpegs]), (pids) => pids.length === 0);
    expect(left).toEqual([]);
  });
});
