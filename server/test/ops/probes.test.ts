import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrator.js';
import { connectDatabase } from '../../src/db/connection.js';
import { createLogger } from '../../src/logger.js';
import { LocalObjectStore } from '../../src/storage/index.js';
import { FaultInjectingStore } from '../support/fault-injecting-store.js';
import { call, connectRecorder, createSpeaker, randomSentence } from '../support/speaker-client.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let root: string;
let store: FaultInjectingStore;
let server: TestServer;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'emovox-probes-'));
  store = new FaultInjectingStore(new LocalObjectStore(root));
  server = await startTestServer({ store, env: { METRICS_TOKEN: 'scrape-me-please' } });
});
afterAll(async () => {
  await server?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('probes and metrics', () => {
  it('when METRICS_TOKEN is set, then /metrics needs it as a bearer', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const scraped = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('emovox_takes');
  });

  it('when /metrics is asked for in another case, then the same bearer is required (the edge rule lower-cases the path too)', async () => {
    for (const variant of ['/METRICS', '/Metrics']) {
      expect((await fetch(`${server.url}${variant}`)).status).toBe(401);
      expect((await fetch(`${server.url}${variant}`, { headers: { authorization: 'Bearer scrape-me-please' } })).status).toBe(200);
    }
  });

  it('when a speaker is created or a supervisor logs in (or fails to), then the answer says Cache-Control: no-store', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const speaker = await post('/speakers', { consent: true, locale: 'en' });
    expect(speaker.status).toBe(201);
    expect(speaker.headers.get('cache-control')).toBe('no-store');
    const login = await post('/auth/login', { email: 'nobody@example.org', password: 'not a password' });
    expect(login.status).toBe(401);
    expect(login.headers.get('cache-control')).toBe('no-store');
  });

  it('when storage is down, then /readyz is 503 naming it while /healthz stays 200', async () => {
    store.failing = true;
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { code: 'UNAVAILABLE', storage: false, database: true } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      store.failing = false;
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('when the server drains, then /readyz is 503 and new takes are refused', async () => {
    const socket = await connectRecorder(server.url, (await createSpeaker(server.url)).token);
    try {
      const sentence = await randomSentence(server.url);
      server.application.startDraining();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      const refused = await call(socket, 'take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/webm' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryAfterMs: expect.any(Number) } });
    } finally {
      socket.close();
    }
  });
});

describe('migrations', () => {
  it('when three processes migrate one fresh database at once, then all succeed and each migration runs once', async () => {
    const url = await createTestDatabase();
    const log = createLogger('silent');
    const dbs = [0, 1, 2].map(() => connectDatabase(url, log, { poolMax: 2 }));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(url, db.sequelize, log)));
      expect(applied.flat().sort()).toEqual(applied.find((names) => names.length > 0)!.sort());
      const rows = await dbs[0]!.pool.query('SELECT name FROM schema_migrations');
      expect(rows.rowCount).toBe(applied.flat().length);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});
