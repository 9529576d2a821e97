// Rotating TOKEN_SECRET: with the old secret as TOKEN_SECRET_PREVIOUS, supervisor tokens and take receipts made
// under it still work; once it is dropped, they stop. One server at a time (the models bind to the last one).
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login, request, speakerWithProfile, uploadTake } from './helpers.js';

const OLD = 'old-secret-old-secret-old-secret-0123456789';
const NEW = 'new-secret-new-secret-new-secret-0123456789';
let server: TestServer | undefined;
afterAll(async () => {
  await server?.dispose();
});

it('when the secret rotates with TOKEN_SECRET_PREVIOUS, then old tokens and receipts verify until the previous secret is dropped', async () => {
  const databaseUrl = await createTestDatabase();
  server = await startTestServer({ env: { ...ADMIN_ENV, TOKEN_SECRET: OLD }, databaseUrl });
  const oldToken = await login(server.url, ADMIN.email, ADMIN.password);
  const speaker = await speakerWithProfile(server.url);
  const kept = await uploadTake(server.url, speaker.token, { emotion: 'joy' });
  const deleted = await uploadTake(server.url, speaker.token, { emotion: 'fear' });
  await server.dispose();

  server = await startTestServer({ env: { ...ADMIN_ENV, TOKEN_SECRET: NEW, TOKEN_SECRET_PREVIOUS: OLD }, databaseUrl });
  expect((await request(server.url, '/sentences', { token: oldToken })).status).toBe(200);
  expect((await request(server.url, `/takes/${deleted.takeId}`, { method: 'DELETE', body: { receipt: deleted.receipt } })).status).toBe(204);
  const newToken = await login(server.url, ADMIN.email, ADMIN.password);
  await server.dispose();

  server = await startTestServer({ env: { ...ADMIN_ENV, TOKEN_SECRET: NEW }, databaseUrl });
  expect((await request(server.url, '/sentences', { token: oldToken })).status).toBe(401);
  expect((await request(server.url, '/sentences', { token: newToken })).status).toBe(200);
  expect((await request(server.url, `/takes/${kept.takeId}`, { method: 'DELETE', body: { receipt: kept.receipt } })).status).toBe(404);
  expect((await request(server.url, `/takes/${kept.takeId}`, { token: newToken })).status).toBe(200);
});
