import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePcm } from '../../src/media/analyze.js';
import { MediaDecodeError, MediaProcessError, MediaTooLargeError } from '../../src/media/errors.js';
import { transcodeToWav } from '../../src/media/transcode.js';
import { parseWav } from '../../src/media/wav.js';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';

const RECORDINGS = [
  { name: 'WebM/Opus', file: FIXTURES.en1Webm, mime: 'audio/webm;codecs=opus', source: FIXTURES.en1Wav },
  { name: 'WebM/Opus (en-2)', file: FIXTURES.en2Webm, mime: 'audio/webm', source: FIXTURES.en2Wav },
  { name: 'WebM/Opus (fr-1)', file: FIXTURES.fr1Webm, mime: 'audio/webm;codecs=opus', source: FIXTURES.fr1Wav },
  { name: 'stereo WebM/Opus', file: FIXTURES.en1StereoWebm, mime: 'audio/webm;codecs=opus', source: FIXTURES.en1Wav },
  { name: 'Ogg/Opus', file: FIXTURES.en1Ogg, mime: 'audio/ogg;codecs=opus', source: FIXTURES.en1Wav },
  { name: 'MP4/AAC, moov last', file: FIXTURES.en1M4a, mime: 'audio/mp4', source: FIXTURES.en1Wav },
  { name: 'fragmented MP4/AAC', file: FIXTURES.en1FragM4a, mime: 'audio/mp4;codecs=mp4a.40.2', source: FIXTURES.en1Wav },
] as const;

let tmpDir: string;
beforeAll(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'emovox-transcode-test-'));
});
afterAll(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

async function sourceRmsDbfs(path: string): Promise<number> {
  const { samples, sampleRate } = parseWav(await readFile(path));
  return analyzePcm(samples, sampleRate).quality.rmsDbfs ?? NaN;
}

describe('transcodeToWav', () => {
  for (const rec of RECORDINGS) {
    it(`when a ${rec.name} recording is transcoded, then the WAV is 16 kHz mono PCM16 saying the same thing at the same level`, async () => {
      const wav = await transcodeToWav(await readFile(rec.file), rec.mime, { tmpDir });
      const parsed = parseWav(wav);
      expect(parsed.sampleRate).toBe(16_000);
      expect(parsed.channels).toBe(1);
      // The sizes ffmpeg left unknown on the pipe are filled in, with no extra chunk.
      expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
      expect(wav.toString('ascii', 36, 40)).toBe('data');
      expect(wav.readUInt32LE(40)).toBe(wav.length - 44);

      const cmp = await compareToSource(wav, rec.source);
      console.log(`${rec.name}: duration ratio ${cmp.durationRatio.toFixed(4)}, r ${cmp.r.toFixed(3)}, lag ${cmp.lag}`);
      expect(Math.abs(cmp.durationRatio - 1)).toBeLessThan(0.02);
      expect(cmp.r).toBeGreaterThanOrEqual(0.9);

      const level = analyzePcm(parsed.samples, parsed.sampleRate).quality.rmsDbfs ?? NaN;
      expect(Math.abs(level - (await sourceRmsDbfs(rec.source)))).toBeLessThan(0.5);
    });
  }

  it('when a recording is compared with a different utterance, then it scores clearly lower', async () => {
    const wav = await transcodeToWav(await readFile(FIXTURES.en1Webm), 'audio/webm');
    const same = await compareToSource(wav, FIXTURES.en1Wav);
    const otherSentence = await compareToSource(wav, FIXTURES.en2Wav);
    const otherLanguage = await compareToSource(wav, FIXTURES.fr1Wav);
    const otherVoice = await compareToSource(wav, FIXTURES.en1Voice2Wav); // same words, for the record
    console.log(
      `r same ${same.r.toFixed(3)}, other sentence ${otherSentence.r.toFixed(3)}, ` +
        `French ${otherLanguage.r.toFixed(3)}, same words in another voice ${otherVoice.r.toFixed(3)}`,
    );
    expect(otherSentence.r).toBeLessThan(0.7);
    expect(otherLanguage.r).toBeLessThan(0.7);
    expect(same.r - otherSentence.r).toBeGreaterThan(0.25);
  });

  for (const mime of ['audio/webm', 'audio/ogg', 'audio/mp4']) {
    it(`when random bytes arrive as ${mime}, then MediaDecodeError with a message free of paths and ffmpeg output`, async () => {
      const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 251));
      const err = await transcodeToWav(garbage, mime, { tmpDir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MediaDecodeError);
      const { message, detail } = err as MediaDecodeError;
      expect(message).not.toMatch(/[/\\]|tmp|ffmpeg|pipe|Invalid data/i);
      expect(detail).toBeTruthy();
      expect(await readdir(tmpDir)).toEqual([]); // the MP4 temp file is gone
    });
  }

  it('when only the WebM header arrives, then MediaDecodeError: there is no sound to keep', async () => {
    const header = (await readFile(FIXTURES.en1Webm)).subarray(0, 146);
    await expect(transcodeToWav(header, 'audio/webm')).rejects.toBeInstanceOf(MediaDecodeError);
  });

  it('when the MIME type is not accepted, then MediaDecodeError without running ffmpeg', async () => {
    const err = await transcodeToWav(await readFile(FIXTURES.en1Wav), 'application/x-mpegurl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaDecodeError);
    await expect(transcodeToWav(Buffer.alloc(0), 'audio/webm')).rejects.toBeInstanceOf(MediaDecodeError);
  });

  it('when ffmpeg runs past the time limit, then it is killed and MediaProcessError', async () => {
    const err = await transcodeToWav(await readFile(FIXTURES.en1Webm), 'audio/webm', { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaProcessError);
  });

  it('when the decoded audio exceeds the output cap, then MediaTooLargeError', async () => {
    const err = await transcodeToWav(await readFile(FIXTURES.en1Ogg), 'audio/ogg', { maxOutputBytes: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaTooLargeError);
  });
});
