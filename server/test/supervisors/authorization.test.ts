// Every supervisor route refuses anonymous callers (401) and speakers (403); admin-only routes refuse supervisors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpeaker } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN_ENV, request, supervisorTokens, uploadTake } from './helpers.js';

let server: TestServer;
let tokens: { admin: string; supervisor: string; speaker: string };
let ids: { sentence: string; take: string; user: string };

beforeAll(async () => {
  server = await startTestServer({ env: ADMIN_ENV });
  const staff = await supervisorTokens(server.url);
  const speaker = await createSpeaker(server.url);
  const take = await uploadTake(server.url, speaker.token, { emotion: 'joy' });
  tokens = { admin: staff.admin, supervisor: staff.supervisor, speaker: speaker.token };
  ids = { sentence: take.sentenceId, take: take.takeId, user: staff.supervisorId };
});
afterAll(async () => {
  await server?.dispose();
});

interface Route {
  method: string;
  path: () => string;
  body?: unknown;
  /** What a supervisor (or, for admin-only routes, an admin) gets. */
  ok: number;
}

// Bodies that would be valid, so that a refusal can only come from authorisation.
const SUPERVISOR_ROUTES: Route[] = [
  { method: 'GET', path: () => '/sentences', ok: 200 },
  { method: 'POST', path: () => '/sentences', body: { text: 'Authorization matrix sentence.', locale: 'en' }, ok: 201 },
  { method: 'PATCH', path: () => `/sentences/${ids.sentence}`, body: { active: true }, ok: 200 },
  { method: 'GET', path: () => '/takes', ok: 200 },
  { method: 'GET', path: () => '/takes?state=saved&emotion=joy&review=pending&locale=en&limit=5', ok: 200 },
  { method: 'PATCH', path: () => `/takes/${ids.take}`, body: { review: 'accepted', note: 'fine' }, ok: 200 },
  { method: 'GET', path: () => '/deletions', ok: 200 },
  { method: 'GET', path: () => '/stats', ok: 200 },
  { method: 'GET', path: () => '/export', ok: 200 },
  { method: 'GET', path: () => `/takes?sentenceId=${ids.sentence}&flag=clipped`, ok: 200 },
  { method: 'POST', path: () => '/takes/review', body: { takeIds: ['00000000-0000-4000-8000-000000000000'], review: 'accepted' }, ok: 200 },
  { method: 'GET', path: () => '/export/preview?review=accepted', ok: 200 },
  { method: 'POST', path: () => '/export/tickets', body: { review: 'accepted' }, ok: 201 },
];

const ADMIN_ROUTES: Route[] = [
  { method: 'GET', path: () => '/users', ok: 200 },
  { method: 'POST', path: () => '/users', body: { email: 'matrix@example.org', password: 'a long password', role: 'supervisor' }, ok: 201 },
  { method: 'PATCH', path: () => `/users/${ids.user}`, body: { disabled: false }, ok: 200 },
];

const label = (route: Route) => `${route.method} ${route.path.toString().replace(/^\(\) => /, '')}`;

describe.each(SUPERVISOR_ROUTES)('supervisor route %#', (route) => {
  it(`when ${label(route)} is called anonymously, then 401; by a speaker, then 403; by a supervisor, then ${route.ok}`, async () => {
    const anonymous = await request(server.url, route.path(), { method: route.method, body: route.body });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const speaker = await request(server.url, route.path(), { method: route.method, body: route.body, token: tokens.speaker });
    expect(speaker.status).toBe(403);
    expect(await speaker.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const supervisor = await request(server.url, route.path(), { method: route.method, body: route.body, token: tokens.supervisor });
    expect(supervisor.status).toBe(route.ok);
    await supervisor.arrayBuffer();
  });
});

describe.each(ADMIN_ROUTES)('admin route %#', (route) => {
  it(`when ${label(route)} is called anonymously, by a speaker or by a plain supervisor, then 401/403/403; by an admin, then ${route.ok}`, async () => {
    const call = (token?: string) => request(server.url, route.path(), { method: route.method, body: route.body, token });
    expect((await call()).status).toBe(401);
    expect((await call(tokens.speaker)).status).toBe(403);
    const supervisor = await call(tokens.supervisor);
    expect(supervisor.status).toBe(403);
    expect(await supervisor.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await call(tokens.admin)).status).toBe(route.ok);
  });
});

describe('deleting a take', () => {
  it('when DELETE /sentences/:id is called anonymously or by a speaker, then 401 and 403, and the sentence stays', async () => {
    const created = await request(server.url, '/sentences', { method: 'POST', token: tokens.supervisor, body: { text: 'Doomed sentence.', locale: 'en' } });
    const { id } = (await created.json()) as { id: string };
    expect((await request(server.url, `/sentences/${id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await request(server.url, `/sentences/${id}`, { method: 'DELETE', token: tokens.speaker })).status).toBe(403);
    expect((await request(server.url, `/sentences/${id}`, { method: 'DELETE', token: tokens.supervisor })).status).toBe(204);
  });

  it('when a supervisor with a token that is not valid calls a route, then 401', async () => {
    const forged = `${tokens.supervisor.slice(0, -4)}AAAA`;
    expect((await request(server.url, '/stats', { token: forged })).status).toBe(401);
  });
});
