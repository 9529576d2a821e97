import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectRecorder, createSpeaker, randomSentence, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Chunks arriving together share one INSERT, packed into a single bytea and cut apart by PostgreSQL.
// Every chunk must come out with its own bytes and its own digest, whatever its size and neighbours.

let server: TestServer;
const sockets: RecordSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 4; i += 1) sockets.push(await connectRecorder(server.url, (await createSpeaker(server.url)).token));
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.dispose();
});

describe('group-committed chunks', () => {
  it('when many chunks of several takes arrive at once, then each row holds exactly its bytes and their SHA-256', async () => {
    const sentenceId = (await randomSentence(server.url)).id;
    const takes = await Promise.all(
      sockets.map(async (socket) => {
        const started = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm' });
        if (!started.ok) throw new Error(started.error.code);
        // Sizes from 1 byte upwards, so an offset error anywhere shifts every later chunk.
        const chunks = Array.from({ length: 24 }, (_, seq) => randomBytes(1 + ((seq * 997) % 6000)));
        return { socket, takeId: started.takeId, chunks };
      }),
    );
    const acks = await Promise.all(
      takes.flatMap(({ socket, takeId, chunks }) => chunks.map((data, seq) => call(socket, 'take:chunk', { takeId, seq, data }))),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);

    for (const { takeId, chunks } of takes) {
      const rows = await server.db.pool.query('SELECT seq, data, digest FROM take_chunks WHERE take_id = $1 ORDER BY seq', [takeId]);
      expect(rows.rows.map((row) => row.seq)).toEqual(chunks.map((_, seq) => seq));
      for (const row of rows.rows) {
        const sent = chunks[row.seq as number]!;
        expect(Buffer.compare(row.data as Buffer, sent)).toBe(0);
        expect((row.digest as Buffer).equals(createHash('sha256').update(sent).digest())).toBe(true);
      }
    }
  });

  it('when a resend shares a batch with new chunks, then it is a duplicate and other bytes under its seq are refused', async () => {
    const [socket] = sockets;
    const sentenceId = (await randomSentence(server.url)).id;
    const started = await call<{ takeId: string }>(socket!, 'take:start', { sentenceId, emotion: 'fear', mimeType: 'audio/webm' });
    if (!started.ok) throw new Error(started.error.code);
    const chunks = Array.from({ length: 6 }, () => randomBytes(4800));
    const send = (seq: number, data: Buffer) => call(socket!, 'take:chunk', { takeId: started.takeId, seq, data });
    expect((await send(0, chunks[0]!)).ok).toBe(true);
    const [again, other, ...rest] = await Promise.all([send(0, chunks[0]!), send(0, randomBytes(4800)), ...chunks.slice(1).map((data, i) => send(i + 1, data))]);
    expect(again).toEqual({ ok: true, seq: 0 });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(rest.every((ack) => ack.ok)).toBe(true);
  });
});
