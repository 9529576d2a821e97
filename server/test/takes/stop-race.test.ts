// The stop runs in one round trip (migration 013), yet it must read the staged seqs only once it holds the take's
// row lock: a chunk whose staging committed while the stop waited for that lock counts, as it did when the stop
// was a transaction of several statements.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeTransitions } from '../../src/db/take-transitions.js';
import { call, connectRecorder, createSpeaker, randomSentence, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let pool: pg.Pool;
let socket: RecordSocket;
let speakerId: string;
let sentenceId: string;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });
  const speaker = await createSpeaker(server.url);
  speakerId = speaker.speakerId;
  socket = await connectRecorder(server.url, speaker.token);
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  socket?.close();
  await pool?.end();
  await server?.dispose();
});

/** A take with chunks 0 and 1 staged through the socket, as a client would. */
async function takeWithTwoChunks(): Promise<string> {
  const started = await call<{ takeId: string }>(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
  if (!started.ok) throw new Error(started.error.code);
  for (const seq of [0, 1]) {
    const ack = await call(socket, 'take:chunk', { takeId: started.takeId, seq, data: Buffer.from([seq + 1, 2, 3]) });
    if (!ack.ok) throw new Error(ack.error.code);
  }
  return started.takeId;
}

/** Stages chunk 2 the way the chunk path does (the take row held FOR SHARE), leaving the transaction open. */
async function stageChunkTwoUncommitted(takeId: string): Promise<pg.PoolClient> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query("SELECT id FROM takes WHERE id = $1 AND state = 'recording' FOR SHARE", [takeId]);
  const data = Buffer.from([9, 9, 9]);
  await client.query('INSERT INTO take_chunks (take_id, seq, data, digest) VALUES ($1, 2, $2, $3)', [
    takeId,
    data,
    createHash('sha256').update(data).digest(),
  ]);
  return client;
}

/** Whether the promise is still pending after ms. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const marker = Symbol('pending');
  return (await Promise.race([promise.then(() => null), new Promise((resolve) => setTimeout(() => resolve(marker), ms))])) === marker;
}

describe('the stop and a chunk staged at the same moment', () => {
  it('when the chunk commits while the stop waits for the row, then the stop sees it and the take is complete', async () => {
    const takeId = await takeWithTwoChunks();
    const staging = await stageChunkTwoUncommitted(takeId);
    try {
      const stop = takeTransitions(pool).moveToFinalizing(takeId, speakerId, 2, null);
      expect(await pendingAfter(stop, 300)).toBe(true); // it waits for the chunk's lock
      await staging.query('COMMIT');
      const outcome = await stop;
      expect(outcome.kind).toBe('finalizing');
      if (outcome.kind === 'finalizing') expect(outcome.take).toMatchObject({ id: takeId, state: 'finalizing', lastSeq: 2 });
    } finally {
      staging.release();
    }
  });

  it('when the chunk above lastSeq commits while the stop waits, then the stop refuses as beyond lastSeq and nothing moves', async () => {
    const takeId = await takeWithTwoChunks();
    const staging = await stageChunkTwoUncommitted(takeId);
    try {
      const stop = takeTransitions(pool).moveToFinalizing(takeId, speakerId, 1, null);
      expect(await pendingAfter(stop, 300)).toBe(true);
      await staging.query('COMMIT');
      expect(await stop).toEqual({ kind: 'beyond_last_seq' });
      const row = await pool.query('SELECT state FROM takes WHERE id = $1', [takeId]);
      expect(row.rows[0].state).toBe('recording');
    } finally {
      staging.release();
    }
  });

  it('when another speaker stops the take, then not found; a second stop reports where the first one stopped', async () => {
    const takeId = await takeWithTwoChunks();
    const transitions = takeTransitions(pool);
    const stranger = await createSpeaker(server.url);
    expect(await transitions.moveToFinalizing(takeId, stranger.speakerId, 1, null)).toEqual({ kind: 'not_found' });
    expect(await transitions.moveToFinalizing(takeId, speakerId, 3, null)).toEqual({ kind: 'incomplete', held: [0, 1] });
    const first = await transitions.moveToFinalizing(takeId, speakerId, 1, 1234, { speakAtMs: 500, stopPressedAtMs: 900 }, 60_000);
    expect(first).toMatchObject({ kind: 'finalizing', claimed: true, take: { lastSeq: 1, clientDurationMs: 1234, speakAtMs: 500, stopPressedAtMs: 900 } });
    const lease = await pool.query('SELECT finalize_lease_until > now() AS leased FROM takes WHERE id = $1', [takeId]);
    expect(lease.rows[0].leased).toBe(true);
    expect(await transitions.moveToFinalizing(takeId, speakerId, 1, null)).toMatchObject({ kind: 'not_recording', lastSeq: 1 });
  });
});
