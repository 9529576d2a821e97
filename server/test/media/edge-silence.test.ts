import { describe, expect, it } from 'vitest';
import { analyzePcm } from '../../src/media/analyze.js';
import { parseWav } from '../../src/media/wav.js';
import { FIXTURES } from '../fixtures/index.js';
import { editAudio, type AudioEdit } from '../support/edit-audio.js';

// Leading and trailing silence, and cut_off, on real utterances edited with ffmpeg.

const RATE = 16_000;

async function analyse(source: string, edit: AudioEdit) {
  const wav = parseWav(await editAudio(source, edit, 'wav'));
  return analyzePcm(wav.samples, wav.sampleRate);
}

describe('edge silence', () => {
  it('when an utterance is padded with 0.6 s of silence, then both edges measure about 0.7 s (its own 0.1 s included) and it is not cut off', async () => {
    for (const source of [FIXTURES.en1Wav, FIXTURES.en2Wav, FIXTURES.fr1Wav]) {
      const { quality } = await analyse(source, { padSeconds: 0.6 });
      expect(quality.flags).toEqual([]);
      expect(quality.leadingSilenceMs).toBeGreaterThanOrEqual(650);
      expect(quality.leadingSilenceMs).toBeLessThanOrEqual(760);
      expect(quality.trailingSilenceMs).toBeGreaterThanOrEqual(650);
      expect(quality.trailingSilenceMs).toBeLessThanOrEqual(760);
    }
  });

  it('when the start is trimmed into the speech, then cut_off, with under 100 ms of leading silence', async () => {
    const { quality } = await analyse(FIXTURES.en1Wav, { trimStartSeconds: 0.35, padSeconds: 0 });
    expect(quality.flags).toContain('cut_off');
    expect(quality.leadingSilenceMs).toBeLessThan(100);
    expect(quality.trailingSilenceMs).toBeGreaterThanOrEqual(80);
  });

  it('when the end is trimmed into the speech, then cut_off, with under 100 ms of trailing silence', async () => {
    const padded = await editAudio(FIXTURES.en1Wav, { padSeconds: 0.5 }, 'wav');
    const whole = analyzePcm(parseWav(padded).samples, RATE);
    const { quality } = await analyse(FIXTURES.en1Wav, { keepSeconds: 3.6 });
    expect(whole.quality.flags).toEqual([]);
    expect(quality.flags).toContain('cut_off');
    expect(quality.trailingSilenceMs).toBeLessThan(100);
    expect(quality.leadingSilenceMs).toBe(100);
  });

  it('when the speaker is 30 dB quieter, then the threshold follows the take and the edges measure the same', async () => {
    const loud = await analyse(FIXTURES.en2Wav, { padSeconds: 0.4 });
    const quiet = await analyse(FIXTURES.en2Wav, { padSeconds: 0.4, gainDb: -30 });
    expect(quiet.quality.flags).toContain('too_quiet');
    expect(quiet.quality.flags).not.toContain('cut_off');
    expect(Math.abs((quiet.quality.leadingSilenceMs ?? 0) - (loud.quality.leadingSilenceMs ?? 0))).toBeLessThanOrEqual(40);
    expect(Math.abs((quiet.quality.trailingSilenceMs ?? 0) - (loud.quality.trailingSilenceMs ?? 0))).toBeLessThanOrEqual(40);
  });

  it('when steady room noise fills the padding, then the noise is not taken for speech', async () => {
    const wav = parseWav(await editAudio(FIXTURES.en1Wav, { padSeconds: 0.6 }, 'wav'));
    let seed = 1;
    const noisy = Int16Array.from(wav.samples, (s) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return Math.max(-32768, Math.min(32767, s + ((seed % 1601) - 800))); // about −37 dBFS of white noise: above "voiced level − 20 dB"
    });
    const { quality } = analyzePcm(noisy, RATE);
    expect(quality.flags).not.toContain('cut_off');
    expect(quality.leadingSilenceMs).toBeGreaterThanOrEqual(600);
    expect(quality.trailingSilenceMs).toBeGreaterThanOrEqual(600);
  });

  it('when the take is digital silence, then there is no edge to measure and no cut_off', () => {
    const { quality } = analyzePcm(new Int16Array(2 * RATE), RATE);
    expect(quality.leadingSilenceMs).toBeNull();
    expect(quality.trailingSilenceMs).toBeNull();
    expect(quality.flags).not.toContain('cut_off');
  });
});
