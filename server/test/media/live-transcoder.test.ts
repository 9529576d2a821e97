import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { MediaDecodeError, MediaProcessError } from '../../src/media/errors.js';
import { LiveTranscoder } from '../../src/media/live-transcoder.js';
import { transcodeToWav } from '../../src/media/transcode.js';
import { analyzePcm } from '../../src/media/analyze.js';
import { parseWav } from '../../src/media/wav.js';
import { FIXTURES } from '../fixtures/index.js';
import { finishLive } from '../support/live-wav.js';

// Chromium's MediaRecorder sends about 4.8 KB every 300 ms; boundaries fall mid-element.
const CHUNK_BYTES = 4_800;

function split(bytes: Buffer, size = CHUNK_BYTES): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

describe('LiveTranscoder', () => {
  for (const [name, file, mime] of [
    ['WebM', FIXTURES.en1Webm, 'audio/webm;codecs=opus'],
    ['Ogg', FIXTURES.en1Ogg, 'audio/ogg'],
  ] as const) {
    it(`when ${name} chunks arrive in order, then the WAV equals the batch transcode byte for byte`, async () => {
      const bytes = await readFile(file);
      const chunks = split(bytes);
      const live = new LiveTranscoder(mime);
      chunks.forEach((chunk, seq) => expect(live.write(seq, chunk)).toBe(true));
      const { wav, coveredSeqs, analysis, fileBytes } = await finishLive(live);
      expect(coveredSeqs).toBe(chunks.length);
      const batch = await transcodeToWav(bytes, mime);
      expect(wav.equals(batch)).toBe(true);
      expect(fileBytes).toBe(batch.length);
      // Measured while ffmpeg wrote the file, it equals the measure of the finished WAV.
      const pcm = parseWav(batch);
      expect(analysis).toEqual(analyzePcm(pcm.samples, pcm.sampleRate));
    });
  }

  it('when a held seq is written again, then it is ignored and the output is unchanged', async () => {
    const bytes = await readFile(FIXTURES.en1Webm);
    const chunks = split(bytes);
    const live = new LiveTranscoder('audio/webm');
    chunks.forEach((chunk, seq) => {
      expect(live.write(seq, chunk)).toBe(true);
      if (seq > 0) expect(live.write(seq - 1, chunks[seq - 1] as Buffer)).toBe(true);
    });
    const { wav } = await finishLive(live);
    expect(wav.equals(await transcodeToWav(bytes, 'audio/webm'))).toBe(true);
  });

  it('when a seq is skipped, then the write is refused, the transcoder is abandoned and finish rejects', async () => {
    const chunks = split(await readFile(FIXTURES.en1Webm));
    const live = new LiveTranscoder('audio/webm');
    expect(live.write(0, chunks[0] as Buffer)).toBe(true);
    expect(live.write(2, chunks[2] as Buffer)).toBe(false);
    expect(live.isUsable).toBe(false);
    expect(live.write(1, chunks[1] as Buffer)).toBe(false);
    expect(live.coveredSeqs).toBe(1);
    await expect(live.finish()).rejects.toBeInstanceOf(MediaProcessError);
  });

  it('when ffmpeg is killed mid-take (output over its cap), then writes return false without throwing and finish rejects', async () => {
    const chunks = split(await readFile(FIXTURES.en1Webm));
    const live = new LiveTranscoder('audio/webm', { maxOutputBytes: 2_000 });
    let seq = 0;
    await vi.waitFor(
      () => {
        // Keep streaming as a recording would, until ffmpeg has been stopped under us.
        if (seq < chunks.length) live.write(seq, chunks[seq++] as Buffer);
        expect(live.isUsable).toBe(false);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(() => live.write(seq, chunks[seq] ?? Buffer.alloc(10))).not.toThrow();
    expect(live.write(seq + 1, Buffer.alloc(10))).toBe(false);
    await expect(live.finish()).rejects.toBeInstanceOf(MediaProcessError);
  });

  it('when ffmpeg outlives its lifetime limit, then it is killed and the transcoder is unusable', async () => {
    const live = new LiveTranscoder('audio/webm', { maxLifetimeMs: 50 });
    live.write(0, (await readFile(FIXTURES.en1Webm)).subarray(0, CHUNK_BYTES));
    await vi.waitFor(() => expect(live.isUsable).toBe(false), { timeout: 10_000, interval: 20 });
    expect(live.write(1, Buffer.alloc(10))).toBe(false);
    await expect(live.finish()).rejects.toBeInstanceOf(MediaProcessError);
  });

  it('when the stream was not audio, then finish rejects with MediaDecodeError', async () => {
    const live = new LiveTranscoder('audio/webm');
    expect(live.write(0, Buffer.alloc(CHUNK_BYTES, 0x5a))).toBe(true); // ffmpeg waits for more input
    await expect(live.finish()).rejects.toBeInstanceOf(MediaDecodeError);
  });

  it('when the take is MP4, then live transcoding is refused and the caller uses the batch path', async () => {
    expect(LiveTranscoder.supports('audio/mp4')).toBe(false);
    expect(LiveTranscoder.supports('audio/webm;codecs=opus')).toBe(true);
    const live = new LiveTranscoder('audio/mp4');
    expect(live.isUsable).toBe(false);
    expect(live.write(0, await readFile(FIXTURES.en1M4a))).toBe(false);
    await expect(live.finish()).rejects.toBeInstanceOf(MediaProcessError);
  });

  it('when aborted, then ffmpeg stops and finish rejects', async () => {
    const chunks = split(await readFile(FIXTURES.en1Webm));
    const live = new LiveTranscoder('audio/webm');
    live.write(0, chunks[0] as Buffer);
    live.abort();
    live.abort();
    expect(live.write(1, chunks[1] as Buffer)).toBe(false);
    await expect(live.finish()).rejects.toBeInstanceOf(MediaProcessError);
  });

  it('when more input is pending than allowed, then the transcoder gives up instead of buffering', async () => {
    const live = new LiveTranscoder('audio/webm', { maxPendingInputBytes: 1_000 });
    expect(live.write(0, Buffer.alloc(CHUNK_BYTES))).toBe(false);
    expect(live.isUsable).toBe(false);
  });
});
