// LiveTranscodes on its own, with real ffmpeg: the reorder window, the abort on a gap, the coverage check at
// finish and the pruning of transcoders whose ffmpeg gave up. Each live take holds files and a place; every way
// of losing the live path must give both back.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { FfmpegProcess } from '../../src/media/ffmpeg-process.js';
import { spawnInProcess, type FfmpegLauncher } from '../../src/media/index.js';
import { LiveTranscodes } from '../../src/takes/live-transcodes.js';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { splitIntoChunks } from '../support/speaker-client.js';

const MIME = 'audio/webm;codecs=opus';
const log = createLogger('silent');

let spoolDir: string;
let chunks: Buffer[];

beforeEach(async () => {
  spoolDir = await mkdtemp(path.join(tmpdir(), 'emovox-live-transcodes-'));
  chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
});
afterEach(async () => {
  await rm(spoolDir, { recursive: true, force: true });
});

const spoolFiles = async () => (await readdir(spoolDir)).sort();

describe('LiveTranscodes', () => {
  it('when chunks arrive out of order within the reorder window, then finish gives the whole original and a WAV of the source', async () => {
    const transcodes = new LiveTranscodes({ max: 4, log, spoolDir });
    transcodes.begin('t1', MIME);
    // Pairs swapped: 1, 0, 3, 2, ... as group commits can acknowledge them.
    const order = chunks.map((_, seq) => (seq % 2 === 0 ? Math.min(seq + 1, chunks.length - 1) : seq - 1));
    const fed = new Set<number>();
    for (const seq of order) {
      if (fed.has(seq)) continue;
      fed.add(seq);
      transcodes.feed('t1', seq, chunks[seq]!);
    }
    for (let seq = 0; seq < chunks.length; seq++) if (!fed.has(seq)) transcodes.feed('t1', seq, chunks[seq]!);
    expect(transcodes.size).toBe(1);

    const result = transcodes.finish('t1', chunks.length - 1);
    const [original, wav] = await Promise.all([result.original, result.wav]);
    expect(original).not.toBeNull();
    expect(wav).not.toBeNull();
    expect((await readFile(original!)).equals(Buffer.concat(chunks))).toBe(true);
    const same = await compareToSource(await readFile(wav!.file), FIXTURES.en1Wav);
    expect(Math.abs(same.durationRatio - 1)).toBeLessThan(0.02);
    expect(same.r).toBeGreaterThanOrEqual(0.9);
    expect(transcodes.size).toBe(0);
  });

  it('when a gap outlasts the reorder window, then the live take is aborted: no ffmpeg place, no files, finish gives nothing', async () => {
    const transcodes = new LiveTranscodes({ max: 4, log, spoolDir });
    transcodes.begin('t1', MIME);
    transcodes.feed('t1', 0, chunks[0]!);
    expect(transcodes.size).toBe(1);
    // Chunk 1 never comes: 2.. pile up past the window.
    for (let seq = 2; seq < chunks.length; seq++) transcodes.feed('t1', seq, chunks[seq]!);
    expect(chunks.length).toBeGreaterThan(2 + 17);
    expect(transcodes.size).toBe(0);
    expect(transcodes.takeIds()).toEqual([]);
    const result = transcodes.finish('t1', chunks.length - 1);
    expect(await result.original).toBeNull();
    expect(await result.wav).toBeNull();
    await transcodes.abortAll();
    expect(await spoolFiles()).toEqual([]);
  });

  it('when finish is asked for other chunks than those fed, then it gives nothing and removes the live files', async () => {
    const transcodes = new LiveTranscodes({ max: 4, log, spoolDir });
    transcodes.begin('t1', MIME);
    for (let seq = 0; seq < 10; seq++) transcodes.feed('t1', seq, chunks[seq]!);
    await vi.waitFor(async () => expect((await spoolFiles()).length).toBeGreaterThan(0)); // the spools open asynchronously

    const result = transcodes.finish('t1', 11); // the take says 0..11, the live path holds 0..9
    expect(await result.original).toBeNull();
    expect(await result.wav).toBeNull();
    expect(transcodes.size).toBe(0);
    await transcodes.abortAll();
    expect(await spoolFiles()).toEqual([]);
  });

  it('when the cap is full of a take whose ffmpeg gave up, then that take is pruned and a new take goes live', async () => {
    const launched: FfmpegProcess[] = [];
    const launcher: FfmpegLauncher = (args, stdin, limits) => {
      const ffmpeg = spawnInProcess(args, stdin, limits);
      launched.push(ffmpeg);
      return ffmpeg;
    };
    const transcodes = new LiveTranscodes({ max: 1, log, spoolDir, launcher });
    transcodes.begin('dead', MIME);
    transcodes.feed('dead', 0, chunks[0]!);
    expect(transcodes.size).toBe(1);
    launched[0]!.abort(); // ffmpeg killed under the take: its transcoder is no longer usable
    await launched[0]!.result;

    transcodes.begin('next', MIME);
    transcodes.feed('next', 0, chunks[0]!);
    expect(launched).toHaveLength(2); // the dead take's place was given to the new one
    expect(transcodes.size).toBe(1);
    expect(transcodes.takeIds()).toEqual(['next']);

    const beyond = new LiveTranscodes({ max: 1, log, spoolDir: await mkdtemp(path.join(tmpdir(), 'emovox-live-full-')) });
    beyond.begin('a', MIME);
    beyond.feed('a', 0, chunks[0]!);
    beyond.begin('b', MIME);
    beyond.feed('b', 0, chunks[0]!);
    expect(beyond.takeIds()).toEqual(['a']); // a usable live take keeps its place: b goes to the batch path
    await Promise.all([transcodes.abortAll(), beyond.abortAll()]);
    expect(await spoolFiles()).toEqual([]);
  });
});
