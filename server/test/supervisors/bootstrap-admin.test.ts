// ADMIN_EMAIL at start-up makes the account exist, but a disable (by another admin, or in SQL) outlives restarts.
// One server at a time: the Sequelize models are bound to the last server started in this process.
import { afterAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createTestDatabase } from '../support/test-database.js';

const BOOT = { ADMIN_EMAIL: 'boot@example.org', ADMIN_PASSWORD: 'boot password 1' };
let server: TestServer | undefined;
afterAll(async () => {
  await server?.dispose();
});

const loginStatus = async (url: string) =>
  (
    await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: BOOT.ADMIN_EMAIL, password: BOOT.ADMIN_PASSWORD }),
    })
  ).status;

it('when the ADMIN_EMAIL account was disabled, then the next start keeps it disabled (and keeps its password working once enabled)', async () => {
  const databaseUrl = await createTestDatabase();
  server = await startTestServer({ env: BOOT, databaseUrl });
  expect(await loginStatus(server.url)).toBe(200);
  await server.db.pool.query('UPDATE users SET disabled_at = now() WHERE email = $1', [BOOT.ADMIN_EMAIL]);
  await server.dispose();

  server = await startTestServer({ env: BOOT, databaseUrl });
  const row = await server.db.pool.query<{ disabled: boolean }>('SELECT disabled_at IS NOT NULL AS disabled FROM users WHERE email = $1', [BOOT.ADMIN_EMAIL]);
  expect(row.rows[0]!.disabled).toBe(true);
  expect(await loginStatus(server.url)).toBe(401);
  await server.db.pool.query('UPDATE users SET disabled_at = NULL WHERE email = $1', [BOOT.ADMIN_EMAIL]);
  expect(await loginStatus(server.url)).toBe(200);
});
