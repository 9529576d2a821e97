// A bounded fuzz run (the engine of `npm run fuzz`) against a real server on port 0: malformed and
// hostile traffic on /record, /monitor and REST must get contract answers, the server must stay
// healthy, and honest takes beside it must be saved intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz, type FuzzReport } from '../../../bench/fuzz/engine.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const admin = { email: 'fuzz-admin@example.com', password: 'fuzz-admin-password' };
const EVENTS = 2_000;

describe('fuzzing the wire contract', () => {
  let server: TestServer;
  let report: FuzzReport;

  beforeAll(async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, REST_REQUESTS_PER_MINUTE: '600000' } });
    report = await runFuzz({ url: server.url, events: EVENTS, seed: 7, admin, concurrency: 16 });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it(`when ${EVENTS} random and malformed events arrive, then every answer is a well-formed contract answer`, () => {
    expect(report.events).toBeGreaterThanOrEqual(EVENTS);
    expect(report.anomalies.map((a) => `${a.what} (${a.count}×) e.g. ${a.example}`)).toEqual([]);
  });

  it('when the fuzz runs, then /healthz answers 200 throughout', () => {
    expect(report.health.checks).toBeGreaterThan(0);
    expect(report.health.failures).toEqual([]);
  });

  it('when honest takes stream beside the fuzz, then each is saved and its WAV matches the source', () => {
    expect(report.honest.length).toBeGreaterThanOrEqual(3);
    expect(report.honest.map((h) => h.problem)).toEqual(report.honest.map(() => null));
  });

  it('when unknown events and broken payloads come with an ack, then BAD_REQUEST is among the answers', () => {
    expect(report.byKind['unknown-ack']).toBeGreaterThan(0);
    expect(report.codes.BAD_REQUEST).toBeGreaterThan(0);
  });
});
