// Batch transcodes are bounded (BATCH_TRANSCODE_MAX): the places on their own, and a server whose takes all
// finalize in batch and stop at the same moment, counting the ffmpeg processes it runs at once.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { TranscodeSlots } from '../../src/takes/transcode-slots.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('TranscodeSlots', () => {
  it('when more ask than there are places, then the rest wait and get them in turn, first come first served', async () => {
    const slots = new TranscodeSlots(2);
    const order: number[] = [];
    const held = await Promise.all([slots.acquire(), slots.acquire()]);
    const waiting = [3, 4].map((n) => slots.acquire().then((slot) => (order.push(n), slot)));
    await new Promise((resolve) => setImmediate(resolve));
    expect({ active: slots.active, queued: slots.queued, order }).toEqual({ active: 2, queued: 2, order: [] });
    held[0]!.release();
    held[0]!.release(); // a second release gives nothing back twice
    const third = await waiting[0]!;
    expect({ active: slots.active, queued: slots.queued, order }).toEqual({ active: 2, queued: 1, order: [3] });
    held[1]!.release();
    third.release();
    (await waiting[1]!).release();
    expect({ active: slots.active, queued: slots.queued, order }).toEqual({ active: 0, queued: 0, order: [3, 4] });
  });

  it('when the work fails, then its place is given back', async () => {
    const slots = new TranscodeSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('ffmpeg could not run')))).rejects.toThrow('ffmpeg could not run');
    expect(await slots.run(() => Promise.resolve('next'))).toBe('next');
    expect(slots.active).toBe(0);
  });
});

/** ffmpeg processes this process is running now (FFMPEG_RUNNER=inline spawns them here). */
function ffmpegChildren(): number {
  let count = 0;
  for (const task of readdirSync('/proc/self/task')) {
    for (const pid of readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'ffmpeg') count += 1;
      } catch {
        // it exited meanwhile
      }
    }
  }
  return count;
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('batch transcodes under a burst of stops', () => {
  it('when six batch takes stop at once with BATCH_TRANSCODE_MAX=1, then one ffmpeg runs at a time and every take is saved', async () => {
    server = await startTestServer({ env: { LIVE_TRANSCODE_MAX: '0', BATCH_TRANSCODE_MAX: '1', FFMPEG_RUNNER: 'inline' } });
    const url = server.url;
    const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
    const takes = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { token } = await createSpeaker(url);
        const socket = await connectRecorder(url, token);
        const sentence = await randomSentence(url);
        const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
        if (!start.ok) throw new Error(start.error.code);
        for (const [seq, data] of chunks.entries()) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data });
        return { socket, takeId: start.takeId };
      }),
    );
    let most = 0;
    const watching = setInterval(() => (most = Math.max(most, ffmpegChildren())), 2);
    try {
      const saved = takes.map(({ socket, takeId }) => nextStatus(socket, (s) => s.takeId === takeId && ['saved', 'failed'].includes(s.state)));
      await Promise.all(takes.map(({ socket, takeId }) => call(socket, 'take:stop', { takeId, lastSeq: chunks.length - 1 })));
      expect((await Promise.all(saved)).map((s) => s.state)).toEqual(Array(6).fill('saved'));
    } finally {
      clearInterval(watching);
      for (const { socket } of takes) socket.close();
    }
    expect(most).toBe(1);
  });
});
