import { readFile, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzePcm } from '../../src/media/analyze.js';
import { transcodeToWav } from '../../src/media/transcode.js';
import { WavFileTail } from '../../src/media/wav-file-tail.js';
import { encodeWav, parseWav } from '../../src/media/wav.js';
import { FIXTURES } from '../fixtures/index.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emovox-tail-'));
  dirs.push(dir);
  return path.join(dir, 'growing.wav');
}

/**
 * Writes `wav` the way ffmpeg does to a file: a header with unknown sizes, the samples in pieces, then the real
 * sizes written back into the header. The tail reads after every piece.
 */
async function writeLikeFfmpeg(file: string, wav: Buffer, tail: WavFileTail, options: { piece: number; finalSizes?: boolean }) {
  const handle = await open(file, 'wx');
  try {
    const header = Buffer.from(wav.subarray(0, 44));
    header.writeUInt32LE(0xffffffff, 4);
    header.writeUInt32LE(0xffffffff, 40);
    await handle.write(header, 0, 44, 0);
    for (let at = 44; at < wav.length; at += options.piece) {
      const piece = wav.subarray(at, Math.min(at + options.piece, wav.length));
      await handle.write(piece, 0, piece.length, at);
      tail.poll();
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (options.finalSizes ?? true) await handle.write(wav.subarray(0, 44), 0, 44, 0);
  } finally {
    await handle.close();
  }
}

describe('WavFileTail', () => {
  it('when the WAV grows in pieces that split samples and the header, then finish gives the analysis of the whole file', async () => {
    const wav = await transcodeToWav(await readFile(FIXTURES.en1Webm), 'audio/webm');
    const pcm = parseWav(wav);
    for (const [piece, readBytes] of [
      [4_801, 7],
      [333, 1_000],
      [32_000, 64 * 1024],
    ] as const) {
      const file = await scratch();
      const tail = new WavFileTail(file, { readBytes, thresholds: { maxDurationMs: 3_000 } });
      tail.poll(); // before the writer has created the file
      await writeLikeFfmpeg(file, wav, tail, { piece });
      const summary = await tail.finish();
      expect(summary).toEqual({
        analysis: analyzePcm(pcm.samples, pcm.sampleRate, { maxDurationMs: 3_000 }),
        fileBytes: wav.length,
        dataBytes: wav.length - 44,
      });
      expect(summary?.analysis.quality.flags).toContain('too_long'); // the thresholds were applied
      await rm(file);
    }
  });

  it('when the writer never fills in the sizes, then finish gives null and the caller falls back', async () => {
    const wav = encodeWav(Int16Array.from({ length: 16_000 }, (_, i) => (i % 200) * 50), 16_000);
    const file = await scratch();
    const tail = new WavFileTail(file);
    await writeLikeFfmpeg(file, wav, tail, { piece: 3_000, finalSizes: false });
    expect(await tail.finish()).toBeNull();
  });

  it('when the file is a stereo WAV, then finish gives null', async () => {
    const wav = encodeWav(new Int16Array(8_000), 16_000, 2);
    const file = await scratch();
    const tail = new WavFileTail(file);
    await writeLikeFfmpeg(file, wav, tail, { piece: 1_000 });
    expect(await tail.finish()).toBeNull();
  });

  it('when the file was never written, then finish gives null', async () => {
    expect(await new WavFileTail(await scratch()).finish()).toBeNull();
  });
});
