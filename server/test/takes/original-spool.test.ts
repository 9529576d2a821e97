import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleSpools } from '../../src/takes/live-transcodes.js';
import { OriginalSpool } from '../../src/takes/original-spool.js';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { call, connectRecorder, createSpeaker, nextStatus, randomSentence, splitIntoChunks } from '../support/speaker-client.js';
import { startTestServer } from '../support/test-server.js';

describe('the original spool of a live take', () => {
  it('when chunks are appended, then close hands over the one file holding exactly their bytes in order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emovox-spool-'));
    const spool = new OriginalSpool(dir);
    const chunks = Array.from({ length: 40 }, (_, i) => randomBytes(1 + ((i * 631) % 5000)));
    chunks.forEach((chunk) => spool.append(chunk));
    const file = await spool.close();
    expect(file).not.toBeNull();
    expect(await readdir(dir)).toEqual([path.basename(file!)]);
    expect((await readFile(file!)).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('when the spool is discarded, then its file is gone', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emovox-spool-'));
    const spool = new OriginalSpool(dir);
    spool.append(randomBytes(4800));
    spool.discard();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readdir(dir)).toEqual([]);
  });

  it('when the file cannot be written, then close gives null and removes it', async () => {
    const dir = path.join(tmpdir(), `emovox-no-such-dir-${randomUUID()}`, 'deeper');
    const spool = new OriginalSpool(dir);
    spool.append(randomBytes(4800));
    expect(await spool.close()).toBeNull();
  });

  it('when a live take cannot write its spool file, then finalize falls back to the staged chunks and saves a take whose audio matches its source', async () => {
    // The spool directory is missing when chunk 0 arrives (a live take opens its spool then), so the spool file fails
    // to open; the directory exists for the rest of the take. Whether the live WAV survives that or not, the original
    // must come from the staged chunks.
    const spoolDir = path.join(await mkdtemp(path.join(tmpdir(), 'emovox-spool-parent-')), 'spool');
    const server = await startTestServer({ env: { SPOOL_DIR: spoolDir } });
    const { token } = await createSpeaker(server.url);
    const socket = await connectRecorder(server.url, token);
    try {
      const sentence = await randomSentence(server.url);
      const start = await call<{ takeId: string }>(socket, 'take:start', { sentenceId: sentence.id, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' });
      if (!start.ok) throw new Error(start.error.code);
      const source = await readFile(FIXTURES.en1Webm);
      const chunks = splitIntoChunks(source);
      for (const [seq, data] of chunks.entries()) {
        expect(await call(socket, 'take:chunk', { takeId: start.takeId, seq, data })).toEqual({ ok: true, seq });
        if (seq === 0) await mkdir(spoolDir);
      }
      expect((await readdir(spoolDir)).filter((name) => name.endsWith('.orig'))).toEqual([]); // the spool really failed

      const saved = nextStatus(socket, (s) => s.takeId === start.takeId && (s.state === 'saved' || s.state === 'failed'));
      expect(await call(socket, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 })).toMatchObject({ ok: true });
      expect((await saved).state).toBe('saved');

      const audio = (format: string) => fetch(`${server.url}/api/v1/takes/${start.takeId}/audio?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      const original = Buffer.from(await (await audio('original')).arrayBuffer());
      expect(original.equals(source)).toBe(true);
      const same = await compareToSource(Buffer.from(await (await audio('wav')).arrayBuffer()), FIXTURES.en1Wav);
      expect(Math.abs(same.durationRatio - 1)).toBeLessThan(0.02);
      expect(same.r).toBeGreaterThanOrEqual(0.9);
    } finally {
      socket.close();
      await server.dispose();
    }
  });

  it('when a killed process left spool files, then only those untouched for longer than a live take can last are removed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emovox-spool-'));
    for (const name of ['emovox-live-old.orig', 'emovox-live-old.wav', 'emovox-live-fresh.orig', 'someone-else.tmp']) {
      await writeFile(path.join(dir, name), 'x');
    }
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    for (const name of ['emovox-live-old.orig', 'emovox-live-old.wav', 'someone-else.tmp']) await utimes(path.join(dir, name), elevenMinutesAgo, elevenMinutesAgo);
    expect(await removeStaleSpools(dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['emovox-live-fresh.orig', 'someone-else.tmp']);
  });
});
