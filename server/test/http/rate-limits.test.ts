// REST limits key by who the caller verifiably is, or by address; junk tokens cannot mint buckets.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/auth/rate-limiter.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { TRUST_PROXY: 'true', REST_REQUESTS_PER_MINUTE: '6', SPEAKERS_PER_HOUR_PER_ADDRESS: '3' },
  });
});
afterAll(async () => {
  await server?.dispose();
});

const from = (address: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': address, ...headers } });
const consent = (address: string) =>
  fetch(`${server.url}/api/v1/speakers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ consent: true, locale: 'en' }),
  });

describe('the limiter itself', () => {
  it('when 10,000 distinct keys pass, then it holds no more buckets than its bound, and keeps the recent ones', () => {
    const limiter = new RateLimiter(1, 2, 1_000);
    const t = 0; // one instant: no bucket refills
    limiter.allow('kept', t);
    limiter.allow('kept', t);
    for (let i = 0; i < 10_000; i += 1) {
      limiter.allow(`key-${i}`, t);
      if (i % 100 === 0) limiter.allow('kept', t); // used often: never the least recent
      expect(limiter.size).toBeLessThanOrEqual(1_000);
    }
    expect(limiter.size).toBe(1_000);
    expect(limiter.allow('kept', t)).toBe(false); // still its drained bucket, not a fresh one
  });
});

describe('REST requests', () => {
  it('when every request carries a new junk Authorization header, then they share their address bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const junk = i % 2 === 0 ? `Bearer junk-${i}-${'x'.repeat(12_000)}` : `Bearer ${randomBytes(32).toString('base64url')}`;
      const response = await fetch(`${server.url}/api/v1/sentences/random?locale=en`, from('198.51.100.7', { authorization: junk }));
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(25);
    // A real speaker behind that address is slowed down, never told that their token is dead.
    const real = (await (await consent('198.51.100.71')).json()) as { token: string };
    const behindJunk = await fetch(`${server.url}/api/v1/speakers/me/takes`, from('198.51.100.7', { authorization: `Bearer ${real.token}` }));
    expect(behindJunk.status).toBe(429);
    // Another address is not affected.
    expect((await fetch(`${server.url}/api/v1/sentences/random?locale=en`, from('198.51.100.8'))).status).toBe(200);
  });

  it('when an address is exhausted, then a speaker with a valid token from it still has their own bucket', async () => {
    const created = (await (await consent('198.51.100.9')).json()) as { token: string };
    for (let i = 0; i < 30; i += 1) await fetch(`${server.url}/api/v1/sentences/random?locale=en`, from('198.51.100.9'));
    expect((await fetch(`${server.url}/api/v1/sentences/random?locale=en`, from('198.51.100.9'))).status).toBe(429);
    const withToken = await fetch(`${server.url}/api/v1/sentences/random?locale=en`, from('198.51.100.9', { authorization: `Bearer ${created.token}` }));
    expect(withToken.status).toBe(200);
  });
});

describe('POST /speakers', () => {
  it('when one address consents more than SPEAKERS_PER_HOUR_PER_ADDRESS times, then 429 RATE_LIMITED; another address may', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await consent('192.0.2.44')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await consent('192.0.2.44');
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect((await consent('192.0.2.45')).status).toBe(201);
  });
});
