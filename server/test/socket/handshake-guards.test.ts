// What an anonymous client can cost at the handshake: sockets per speaker are capped, and a browser page from
// another origin is refused on both namespaces. Clients without an Origin header still connect.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRecorder, createSpeaker } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ADMIN, ADMIN_ENV, login } from '../supervisors/helpers.js';

let server: TestServer;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { ...ADMIN_ENV, MAX_SOCKETS_PER_SPEAKER: '3', CORS_ORIGINS: 'https://app.example.org' } });
});
afterAll(async () => {
  open.forEach((socket) => socket.close());
  await server?.dispose();
});

/** Resolves 'connected' or the connect_error message. */
function handshake(namespace: '/record' | '/monitor', token: string, origin?: string): Promise<string> {
  const socket = io(`${server.url}${namespace}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  open.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('sockets per speaker', () => {
  it('when a speaker opens more than MAX_SOCKETS_PER_SPEAKER sockets, then the next is refused RATE_LIMITED; a closed one frees its place', async () => {
    const speaker = await createSpeaker(server.url);
    const results = await Promise.all(Array.from({ length: 6 }, () => handshake('/record', speaker.token)));
    expect(results.filter((r) => r === 'connected')).toHaveLength(3);
    expect(results.filter((r) => r === 'RATE_LIMITED')).toHaveLength(3);

    const other = await createSpeaker(server.url);
    expect(await handshake('/record', other.token)).toBe('connected');

    const socket = await connectRecorder(server.url, speaker.token).catch((error: Error) => error.message);
    expect(socket).toBe('RATE_LIMITED');
    open.find((s) => s.connected && (s.auth as { token: string }).token === speaker.token)!.close();
    // The server hears the close asynchronously: try again until it has (bounded by attempts, not by a clock).
    let again = 'RATE_LIMITED';
    for (let attempt = 0; attempt < 100 && again === 'RATE_LIMITED'; attempt += 1) {
      again = await handshake('/record', speaker.token);
      if (again === 'RATE_LIMITED') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(again).toBe('connected');
  });
});

describe('handshake Origin', () => {
  it('when a page from another origin connects to /record or /monitor, then FORBIDDEN; same origin, allowlisted and no Origin connect', async () => {
    const speaker = await createSpeaker(server.url);
    const admin = await login(server.url, ADMIN.email, ADMIN.password);
    for (const namespace of ['/record', '/monitor'] as const) {
      const token = namespace === '/record' ? speaker.token : admin;
      expect(await handshake(namespace, token, 'https://evil.example'), namespace).toBe('FORBIDDEN');
      expect(await handshake(namespace, token, 'null'), namespace).toBe('FORBIDDEN');
      expect(await handshake(namespace, token, server.url), namespace).toBe('connected');
      expect(await handshake(namespace, token, 'https://app.example.org'), namespace).toBe('connected');
      expect(await handshake(namespace, token), namespace).toBe('connected');
    }
  });
});
