// Accounts: admins list, create and disable them over the API; `npm run user:create` creates them from a shell.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/paths.js';
import type { UserJson } from '../../src/protocol/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login, request, requestJson } from './helpers.js';

let server: TestServer;
let admin: string;
const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(REPO_ROOT, 'server', 'scripts', 'user-create.ts');

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  admin = await login(server.url, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await server?.dispose();
});


describe('the users API', () => {
  it('when an admin creates a supervisor, then it is listed without its password hash and can log in; the same email again is 409', async () => {
    const created = await requestJson<UserJson>(server.url, '/users', { method: 'POST', token: admin, body: { email: 'new@example.org', password: 'a good password', role: 'supervisor' } }, 201);
    expect(created).toEqual({ id: expect.any(String), email: 'new@example.org', role: 'supervisor', disabled: false, createdAt: expect.any(String) });
    const list = await requestJson<{ items: Record<string, unknown>[] }>(server.url, '/users', { token: admin });
    expect(list.items).toContainEqual(created);
    expect(JSON.stringify(list)).not.toContain('scrypt');
    expect(await login(server.url, 'new@example.org', 'a good password')).toEqual(expect.any(String));
    const again = await request(server.url, '/users', { method: 'POST', token: admin, body: { email: 'NEW@example.org', password: 'another password', role: 'admin' } });
    expect(again.status).toBe(409);
    const short = await request(server.url, '/users', { method: 'POST', token: admin, body: { email: 'short@example.org', password: 'short', role: 'supervisor' } });
    expect(short.status).toBe(400);
  });

  it('when a disabled supervisor is enabled again, then it can log in again', async () => {
    const created = await requestJson<UserJson>(server.url, '/users', { method: 'POST', token: admin, body: { email: 'toggle@example.org', password: 'a good password', role: 'supervisor' } }, 201);
    await requestJson(server.url, `/users/${created.id}`, { method: 'PATCH', token: admin, body: { disabled: true } });
    await expect(login(server.url, 'toggle@example.org', 'a good password')).rejects.toThrow('401');
    await requestJson(server.url, `/users/${created.id}`, { method: 'PATCH', token: admin, body: { disabled: false } });
    expect(await login(server.url, 'toggle@example.org', 'a good password')).toEqual(expect.any(String));
  });
});

describe('npm run user:create', () => {
  const env = () => ({ ...process.env, ...server.env, LOG_LEVEL: 'warn' });

  it('when the password comes from EMOVOX_PASSWORD, then the account exists and logs in with that role', async () => {
    const { stdout } = await run(TSX, [SCRIPT, '--email', 'cli@example.org', '--role', 'supervisor'], {
      env: { ...env(), EMOVOX_PASSWORD: 'from the environment' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^created supervisor cli@example.org/);
    const response = await request(server.url, '/auth/login', { method: 'POST', body: { email: 'cli@example.org', password: 'from the environment' } });
    expect(await response.json()).toMatchObject({ role: 'supervisor' });
  });

  it('when the password comes on standard input, then it is used, and running again updates the password and role', async () => {
    const child = execFile(TSX, [SCRIPT, '--email', 'stdin@example.org', '--role', 'admin'], { env: env(), timeout: 60_000 });
    child.stdin!.end('typed on stdin\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(await login(server.url, 'stdin@example.org', 'typed on stdin')).toEqual(expect.any(String));
    await run(TSX, [SCRIPT, '--email', 'stdin@example.org', '--role', 'supervisor'], { env: { ...env(), EMOVOX_PASSWORD: 'a changed password' }, timeout: 60_000 });
    await expect(login(server.url, 'stdin@example.org', 'typed on stdin')).rejects.toThrow('401');
    const response = await request(server.url, '/auth/login', { method: 'POST', body: { email: 'stdin@example.org', password: 'a changed password' } });
    expect(await response.json()).toMatchObject({ role: 'supervisor' });
  });

  it('when the role or the password is not valid, then it exits 2 and creates nothing', async () => {
    const failure = await run(TSX, [SCRIPT, '--email', 'bad@example.org', '--role', 'owner'], {
      env: { ...env(), EMOVOX_PASSWORD: 'long enough password' },
      timeout: 60_000,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('role') });
    const rows = await server.db.pool.query("SELECT 1 FROM users WHERE email = 'bad@example.org'");
    expect(rows.rowCount).toBe(0);
  });
});
