// Takes ended (take:discard, DELETE) as soon as take:start is acknowledged, by many fresh speakers at once, with
// chunks in flight: a real server process with its ffmpeg runner processes must come out of it alive and healthy.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { createTestDatabase } from '../support/test-database.js';

let server: ServerProcess;
let chunks: Buffer[];
let sentenceId: string;

beforeAll(async () => {
  server = await startServerProcess({
    env: { DATABASE_URL: await createTestDatabase(), TOKEN_SECRET: 'race-secret-race-secret-race-secret-0123', FFMPEG_RUNNER: 'process' },
  });
  chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  await server?.stop();
});

/** One fresh speaker: three concurrent takes (the limit), each ended the moment it is acknowledged. */
async function raceOneSpeaker(round: number, index: number): Promise<void> {
  const { token } = await createSpeaker(server.url);
  const socket = await connectRecorder(server.url, token);
  try {
    await Promise.all(
      [0, 1, 2].map(async (n) => {
        const start = await call<{ takeId: string; receipt: string }>(socket, 'take:start', { sentenceId, emotion: 'joy', mimeType: 'audio/webm' });
        if (!start.ok) return;
        // Chunks on some takes, fired without waiting, so that the end races them.
        const withChunks = (round + index + n) % 2 === 0;
        const sent = withChunks ? chunks.slice(0, 1 + ((index + n) % 3)).map((data, seq) => call(socket, 'take:chunk', { takeId: start.takeId, seq, data }).catch(() => null)) : [];
        if ((index + n) % 2 === 0) {
          await call(socket, 'take:discard', { takeId: start.takeId });
        } else {
          await fetch(`${server.url}/api/v1/takes/${start.takeId}`, {
            method: 'DELETE',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ receipt: start.receipt }),
          });
        }
        await Promise.all(sent);
      }),
    );
  } finally {
    socket.close();
  }
}

describe('takes ended as soon as they start', () => {
  it('when 7 fresh speakers start 3 takes each and discard or delete them on the ack, chunks mixed in, for 4 rounds, then the same server process stays healthy', async () => {
    let exited: number | null | 'running' = 'running';
    void server.exited.then((code) => (exited = code));
    for (let round = 0; round < 4 && exited === 'running'; round += 1) {
      await Promise.allSettled(Array.from({ length: 7 }, (_, index) => raceOneSpeaker(round, index)));
    }
    // Anything the race left to the event loop (a late stdin hand-over, an ffmpeg exit) has had time to land.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(exited, server.logs.slice(-10).join('\n')).toBe('running');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.logs.some((line) => line.includes('TypeError'))).toBe(false);
  });
});
