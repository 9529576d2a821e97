// A saved take's staged chunks: dropped in a batch shortly after the save (takes/chunk-dropper.ts), never those of
// a take that is not saved; and, since migration 014, each one held in its own row rather than sliced into TOAST.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ChunkDropper } from '../../src/takes/chunk-dropper.js';
import { takeRepository } from '../../src/db/take-repository.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, recordSavedTake, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let socket: RecordSocket;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await createSpeaker(server.url)).token;
  socket = await connectRecorder(server.url, token);
});
afterAll(async () => {
  socket?.close();
  await server?.dispose();
});

const stagedCount = async (takeId: string) =>
  (await server.db.pool.query('SELECT count(*)::int AS n FROM take_chunks WHERE take_id = $1', [takeId])).rows[0].n as number;

async function recordingTake(chunks: Buffer[]): Promise<string> {
  const sentence = await randomSentence(server.url);
  const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'fear', mimeType: 'audio/webm;codecs=opus' });
  if (!start.ok) throw new Error(start.error.code);
  for (const [seq, data] of chunks.entries()) {
    const ack = await call(socket, 'take:chunk', { takeId: start.takeId, seq, data });
    if (!ack.ok) throw new Error(ack.error.code);
  }
  return start.takeId;
}

describe('staged chunks after the save', () => {
  it('when a take is saved, then its staged chunks are gone within a few seconds', async () => {
    const { takeId } = await recordSavedTake(server.url, token, FIXTURES.en1Voice2Webm);
    let left = await stagedCount(takeId);
    for (let tries = 0; tries < 50 && left > 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = await stagedCount(takeId);
    }
    expect(left).toBe(0);
  });

  it('when the drop is asked for a take still recording, then its chunks stay', async () => {
    const chunks = splitIntoChunks(await readFile(FIXTURES.en2Webm));
    const takeId = await recordingTake(chunks.slice(0, 3));
    await takeRepository(server.db.pool).dropSavedChunks([takeId]);
    expect(await stagedCount(takeId)).toBe(3);
  });

  it('when a chunk of 4.8 KB is staged, then it stays in its row: nothing goes to the TOAST table', async () => {
    const toast = await server.db.pool.query(
      "SELECT reltoastrelid::regclass::text AS name FROM pg_class WHERE oid = 'take_chunks'::regclass",
    );
    const toastRows = async () => (await server.db.pool.query(`SELECT count(*)::int AS n FROM ${toast.rows[0].name as string}`)).rows[0].n as number;
    const before = await toastRows();
    const source = await readFile(FIXTURES.fr1Webm);
    const takeId = await recordingTake([source.subarray(0, 4800), source.subarray(4800, 9600)]);
    expect(await stagedCount(takeId)).toBe(2);
    expect(await toastRows()).toBe(before);
  });
});

describe('ChunkDropper', () => {
  const log = createLogger('silent');

  it('when saves arrive within the delay, then their chunks go in one call, and a failed call is not thrown at anyone', async () => {
    const calls: string[][] = [];
    let fail = true;
    const dropper = new ChunkDropper(async (takeIds) => {
      calls.push(takeIds);
      if (fail) throw new Error('database down');
    }, log, 50);
    dropper.add('a');
    dropper.add('b');
    dropper.add('a');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toEqual([['a', 'b']]);
    fail = false;
    dropper.add('c');
    await dropper.flush(); // at once, without waiting for the delay
    expect(calls).toEqual([['a', 'b'], ['c']]);
    await dropper.flush(); // nothing waiting: no call
    expect(calls).toHaveLength(2);
  });
});
