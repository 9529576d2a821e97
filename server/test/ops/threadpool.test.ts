// The server starts with a libuv thread pool of 16 (server/scripts/server-env.ts), not libuv's 4: npm start
// passes it, the image sets the same, and an operator's own value is kept. Counted as threads of a real node.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverEnv, THREADPOOL_SIZE } from '../../scripts/server-env.js';
import { REPO_ROOT } from '../../src/paths.js';

// One file read starts the pool; then the process counts its own threads.
const COUNT_THREADS = `require('fs').readFile(__filename, () => setTimeout(() => console.log(require('fs').readdirSync('/proc/self/task').length), 50))`;

function threadsWith(env: NodeJS.ProcessEnv): number {
  return Number(execFileSync(process.execPath, ['-e', COUNT_THREADS], { env, encoding: 'utf8' }).trim());
}

const { UV_THREADPOOL_SIZE: _inherited, ...userEnv } = process.env;

describe('the thread pool the server starts with', () => {
  it('when the user sets nothing, then node runs 12 more pool threads than with libuv default of 4', () => {
    const plain = threadsWith({ ...userEnv, UV_THREADPOOL_SIZE: '4' });
    expect(threadsWith(serverEnv(userEnv)) - plain).toBe(Number(THREADPOOL_SIZE) - 4);
  });

  it('when the user sets UV_THREADPOOL_SIZE, then that value is kept', () => {
    expect(serverEnv({ ...userEnv, UV_THREADPOOL_SIZE: '6' }).UV_THREADPOOL_SIZE).toBe('6');
    expect(threadsWith(serverEnv({ ...userEnv, UV_THREADPOOL_SIZE: '6' })) - threadsWith({ ...userEnv, UV_THREADPOOL_SIZE: '4' })).toBe(2);
  });

  it('when the image starts the server, then it sets the same pool size', () => {
    const dockerfile = readFileSync(path.join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8');
    expect(/UV_THREADPOOL_SIZE=(\d+)/.exec(dockerfile)?.[1]).toBe(THREADPOOL_SIZE);
  });
});
