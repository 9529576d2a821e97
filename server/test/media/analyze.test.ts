import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DBFS_FLOOR, DEFAULT_QUALITY_THRESHOLDS, PcmAnalyzer, analyzePcm } from '../../src/media/analyze.js';
import { transcodeToWav } from '../../src/media/transcode.js';
import { parseWav } from '../../src/media/wav.js';
import { FIXTURES } from '../fixtures/index.js';

const RATE = 16_000;
/** The synthetic signals below start and end at full level, so they are cut off by definition: tests about other flags leave the edge rule out. */
const NO_EDGE_RULE = { edgeMarginMs: 0 };

function tone(seconds: number, amplitude: number, hz = 440): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * RATE) }, (_, i) =>
    Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * i) / RATE)),
  );
}

function square(seconds: number, hz = 200): Int16Array {
  const period = RATE / hz;
  return Int16Array.from({ length: seconds * RATE }, (_, i) => (i % period < period / 2 ? 32767 : -32768));
}

describe('analyzePcm', () => {
  it('when the take is digital silence, then mostly_silence and too_quiet, with floored levels that survive JSON', () => {
    const result = analyzePcm(new Int16Array(3 * RATE), RATE);
    expect(result.durationMs).toBe(3000);
    expect(result.quality.flags.sort()).toEqual(['mostly_silence', 'too_quiet']);
    expect(result.quality.rmsDbfs).toBe(DBFS_FLOOR);
    expect(result.quality.peakDbfs).toBe(DBFS_FLOOR);
    expect(result.quality.silenceRatio).toBe(1);
    expect(JSON.parse(JSON.stringify(result.quality))).toEqual(result.quality);
  });

  it('when the take is a full-scale square wave, then clipped, at 0 dBFS', () => {
    const { quality } = analyzePcm(square(2), RATE, NO_EDGE_RULE);
    expect(quality.flags).toEqual(['clipped']);
    expect(quality.clippedRatio).toBe(1);
    expect(quality.rmsDbfs).toBe(0);
    expect(quality.peakDbfs).toBe(0);
    expect(Object.is(quality.peakDbfs, -0)).toBe(false);
  });

  it('when the take is a 0.5 s tone, then too_short only, and a half-scale sine reads −9.0 dBFS', () => {
    const result = analyzePcm(tone(0.5, 0.5), RATE, NO_EDGE_RULE);
    expect(result.durationMs).toBe(500);
    expect(result.quality.flags).toEqual(['too_short']);
    expect(result.quality.rmsDbfs).toBe(-9);
    expect(result.quality.peakDbfs).toBe(-6);
  });

  it('when the take is longer than the maximum, then too_long, and the maximum is a parameter', () => {
    const take = tone(5, 0.3);
    expect(analyzePcm(take, RATE, NO_EDGE_RULE).quality.flags).toEqual([]);
    expect(analyzePcm(take, RATE, { maxDurationMs: 4_000, ...NO_EDGE_RULE }).quality.flags).toEqual(['too_long']);
    expect(DEFAULT_QUALITY_THRESHOLDS.maxDurationMs).toBe(60_000);
  });

  it('when the voice is audible but below −40 dBFS, then too_quiet without mostly_silence', () => {
    const { quality } = analyzePcm(tone(2, 10 ** (-43 / 20) * Math.SQRT2), RATE, NO_EDGE_RULE);
    expect(quality.rmsDbfs).toBeCloseTo(-43, 0);
    expect(quality.flags).toEqual(['too_quiet']);
  });

  it('when a few samples clip, then clipped only once they pass 0.1 %', () => {
    const take = tone(2, 0.3);
    for (let i = 0; i < 30; i++) take[i * 1000] = 32767; // 30 of 32000 samples: under 0.1 %
    expect(analyzePcm(take, RATE, NO_EDGE_RULE).quality.flags).toEqual([]);
    for (let i = 0; i < 40; i++) take[i * 700 + 1] = -32768; // now 70: over
    const { quality } = analyzePcm(take, RATE, NO_EDGE_RULE);
    expect(quality.flags).toEqual(['clipped']);
    expect(quality.clippedRatio).toBeCloseTo(70 / 32000, 5);
  });

  it('when a real utterance is analysed, then no flag but cut_off (it has under 100 ms of silence at its end); with long silence around it, its voiced level still is not too quiet', async () => {
    const wav = parseWav(await transcodeToWav(await readFile(FIXTURES.en1Webm), 'audio/webm'));
    const plain = analyzePcm(wav.samples, wav.sampleRate);
    console.log('utt-en-1 quality', JSON.stringify(plain));
    expect(plain.quality.flags).toEqual(['cut_off']);
    expect(plain.durationMs).toBeGreaterThan(4000);

    const padded = new Int16Array(wav.samples.length + 6 * RATE);
    padded.set(wav.samples, 3 * RATE);
    const result = analyzePcm(padded, RATE);
    expect(result.quality.rmsDbfs ?? 0).toBeLessThan(plain.quality.rmsDbfs ?? 0);
    expect(result.voicedRmsDbfs).toBeCloseTo(plain.voicedRmsDbfs, 0);
    expect(result.quality.flags).toEqual([]);
    expect(result.quality.silenceRatio ?? 0).toBeGreaterThan(0.5);
  });

  it('when the take is empty, then the numbers are finite and every relevant flag is set', () => {
    const { durationMs, quality } = analyzePcm(new Int16Array(0), RATE);
    expect(durationMs).toBe(0);
    expect(quality.flags.sort()).toEqual(['mostly_silence', 'too_quiet', 'too_short']);
    expect(Number.isFinite(quality.rmsDbfs)).toBe(true);
  });

  it('when the samples arrive in pieces that end anywhere, then the result equals the analysis of them all at once', async () => {
    const wav = parseWav(await transcodeToWav(await readFile(FIXTURES.en1Webm), 'audio/webm'));
    // Silence on both sides, a few clipped samples, and a tail shorter than half a frame.
    const samples = new Int16Array(wav.samples.length + 2 * RATE + 37);
    samples.set(wav.samples, RATE);
    for (let i = 0; i < 40; i++) samples[RATE + i * 997] = -32768;
    const whole = analyzePcm(samples, RATE);

    const pieces = new PcmAnalyzer(RATE);
    let seed = 7;
    for (let at = 0; at < samples.length; ) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const size = [0, 1, 319, 320, 321, 4_801][seed % 6]! + (seed % 97);
      pieces.add(samples.subarray(at, at + size));
      at += size;
      if (seed % 13 === 0) pieces.result(); // asking midway changes nothing
    }
    expect(pieces.result()).toEqual(whole);
    expect(whole.quality.clippedRatio).toBeGreaterThan(0);
    expect(whole.quality.silenceRatio).toBeGreaterThan(0.2);
  });
});
