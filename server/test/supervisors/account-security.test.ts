// Accounts and supervisor tokens across two replicas on one database: a disabled bootstrap admin stays disabled,
// tokens issued before a disable stay dead, logout ends one token everywhere, scrypt hashes are upgraded at login,
// and logins are throttled per account however the attempts are spread over replicas.
import { randomBytes, scryptSync } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS_PER_WINDOW } from '../../src/supervisors/login.js';
import { startTestServer, waitForPeers, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV } from './helpers.js';

let a: TestServer;
let b: TestServer;
const ENV = { ...ADMIN_ENV, SOCKET_ADAPTER: 'postgres', TRUST_PROXY: 'true' };
// Each test logs in from its own address, so the per-address limiter (in memory, per replica) stays out of the way.
let address = 0;
const nextAddress = () => `10.0.0.${(address += 1)}`;

beforeAll(async () => {
  a = await startTestServer({ env: ENV });
  b = await startTestServer({ env: ENV, databaseUrl: a.databaseUrl });
  await waitForPeers([a, b], '/monitor');
});
afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
});

async function call(server: TestServer, path: string, init: { method?: string; token?: string; body?: unknown; from?: string } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': init.from ?? nextAddress() };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function login(server: TestServer, email: string, password: string, from?: string): Promise<string> {
  const response = await call(server, '/auth/login', { method: 'POST', body: { email, password }, ...(from ? { from } : {}) });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function createUser(admin: string, email: string, role = 'supervisor', password = 'a good password') {
  const response = await call(a, '/users', { method: 'POST', token: admin, body: { email, password, role } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const setDisabled = async (admin: string, id: string, disabled: boolean) =>
  expect((await call(a, `/users/${id}`, { method: 'PATCH', token: admin, body: { disabled } })).status).toBe(200);

function monitorEvents(server: TestServer, token: string) {
  const socket: Socket = io(`${server.url}/monitor`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const seen: string[] = [];
  socket.onAny((name: string) => seen.push(name));
  socket.on('disconnect', () => seen.push('disconnect'));
  const until = async (name: string) => {
    for (let waited = 0; !seen.includes(name); waited += 50) {
      if (waited > 30_000) throw new Error(`no ${name}; saw ${seen.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { socket, seen, until };
}

describe('tokens', () => {
  it('when a disabled account is enabled again, then its tokens from before the disable stay dead on every replica', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const id = await createUser(admin, 'revived@example.org');
    const before = await login(b, 'revived@example.org', 'a good password');
    expect((await call(b, '/sentences', { token: before })).status).toBe(200);
    await setDisabled(admin, id, true);
    await setDisabled(admin, id, false);
    expect((await call(a, '/sentences', { token: before })).status).toBe(401);
    expect((await call(b, '/sentences', { token: before })).status).toBe(401);
    const after = await login(b, 'revived@example.org', 'a good password');
    expect((await call(a, '/sentences', { token: after })).status).toBe(200);
  });

  it('when a supervisor logs out on one replica, then that token is refused on both and its monitor socket on the other ends; its other token lives', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    await createUser(admin, 'leaving@example.org');
    const token = await login(a, 'leaving@example.org', 'a good password');
    const other = await login(a, 'leaving@example.org', 'a good password');
    const monitor = monitorEvents(b, token);
    const otherMonitor = monitorEvents(b, other);
    try {
      await monitor.until('monitor:snapshot');
      await otherMonitor.until('monitor:snapshot');
      const out = await call(a, '/auth/logout', { method: 'POST', token });
      expect(out.status).toBe(204);
      await monitor.until('session:expired');
      await monitor.until('disconnect');
      expect((await call(a, '/sentences', { token })).status).toBe(401);
      expect((await call(b, '/sentences', { token })).status).toBe(401);
      expect((await call(b, '/auth/logout', { method: 'POST', token })).status).toBe(401);
      expect((await call(b, '/sentences', { token: other })).status).toBe(200);
      expect(otherMonitor.seen).not.toContain('session:expired');
      expect(otherMonitor.socket.connected).toBe(true);
      expect((await call(a, '/auth/logout', { method: 'POST' })).status).toBe(401);
    } finally {
      monitor.socket.close();
      otherMonitor.socket.close();
    }
  });
});

describe('password hashes', () => {
  it('when an account is created, then its hash uses scrypt N=2^17, r=8, p=1', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const id = await createUser(admin, 'strong@example.org');
    const row = await a.db.pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [id]);
    expect(row.rows[0]!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('when an account has an older N=2^14 hash, then it still logs in and the hash is upgraded to N=2^17', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const id = await createUser(admin, 'legacy@example.org');
    const salt = randomBytes(16);
    const key = scryptSync('the old password', salt, 32, { N: 16384, r: 8, p: 1 });
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    await a.db.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [old, id]);
    await login(b, 'legacy@example.org', 'the old password');
    const row = await a.db.pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [id]);
    expect(row.rows[0]!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await login(a, 'legacy@example.org', 'the old password');
  });
});

describe('login throttle', () => {
  it('when attempts on one account are spread over replicas and addresses, then past the limit even the right password gets 429 on both', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    await createUser(admin, 'target@example.org');
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS_PER_WINDOW; attempt += 1) {
      const response = await call(attempt % 2 ? a : b, '/auth/login', { method: 'POST', body: { email: 'target@example.org', password: 'wrong password' } });
      expect(response.status).toBe(401);
    }
    for (const server of [a, b]) {
      const response = await call(server, '/auth/login', { method: 'POST', body: { email: 'TARGET@example.org', password: 'a good password' } });
      expect(response.status).toBe(429);
      const body = (await response.json()) as { error: { code: string; retryAfterMs: number } };
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.retryAfterMs).toBeGreaterThan(60_000);
    }
    // Other accounts are not affected.
    await login(b, ADMIN.email, ADMIN.password);
  });
});
