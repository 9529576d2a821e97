import type { Quality, QualityFlag } from '../protocol/index.js';

// Quality measures of one take, in one pass over the samples (it runs on every take).
// Levels are dBFS against 32768: a full-scale square wave is 0 dBFS, a full-scale sine −3.0.

export interface QualityThresholds {
  minDurationMs: number;
  /** The maximum take length. */
  maxDurationMs: number;
  /** too_quiet below this RMS, taken over the voiced frames (over everything when none is voiced). */
  quietDbfs: number;
  /** |sample| at or above this counts as clipped. */
  clipLevel: number;
  maxClippedRatio: number;
  frameMs: number;
  /** A frame whose RMS is below this is silent. */
  silenceDbfs: number;
  maxSilenceRatio: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: Readonly<QualityThresholds> = Object.freeze({
  minDurationMs: 1_000,
  maxDurationMs: 60_000,
  quietDbfs: -40,
  clipLevel: Math.ceil(32767 * 0.999),
  maxClippedRatio: 0.001,
  frameMs: 20,
  silenceDbfs: -50,
  maxSilenceRatio: 0.8,
});

/** Digital silence would be −Infinity, which JSON cannot carry. */
export const DBFS_FLOOR = -100;

export interface AudioAnalysis {
  durationMs: number;
  quality: Quality;
  /** RMS over the voiced frames, the level that decides too_quiet. */
  voicedRmsDbfs: number;
}

const FULL_SCALE = 32768;

function dbfs(amplitude: number): number {
  if (amplitude <= 0) return DBFS_FLOOR;
  return Math.max(DBFS_FLOOR, 20 * Math.log10(amplitude / FULL_SCALE));
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale + 0; // + 0 turns −0 into 0
}

export function analyzePcm(
  samples: Int16Array,
  sampleRate: number,
  thresholds: Partial<QualityThresholds> = {},
): AudioAnalysis {
  const t = { ...DEFAULT_QUALITY_THRESHOLDS, ...thresholds };
  const frameLength = Math.max(1, Math.round((sampleRate * t.frameMs) / 1000));
  // A frame is silent when its mean square is below this, so no log is taken per frame.
  const silentMeanSquare = (FULL_SCALE * 10 ** (t.silenceDbfs / 20)) ** 2;

  const n = samples.length;
  const clipLevel = t.clipLevel;
  let sumSquares = 0;
  let peak = 0;
  let clipped = 0;
  let frames = 0;
  let silentFrames = 0;
  let voicedSumSquares = 0;
  let voicedSamples = 0;

  // Frame by frame, with plain locals (no closure over them): this runs at stop, on the path to 'saved'.
  // Sums of int16 squares stay exact in a double, so the order of summing does not change any result.
  for (let start = 0; start < n; start += frameLength) {
    const end = Math.min(start + frameLength, n);
    let frameSum = 0;
    for (let i = start; i < end; i++) {
      const s = samples[i]!;
      frameSum += s * s;
      const magnitude = s < 0 ? -s : s;
      if (magnitude > peak) peak = magnitude;
      if (magnitude >= clipLevel) clipped++;
    }
    sumSquares += frameSum;
    // A tail of at least half a frame counts as a frame; a shorter one only in the totals.
    const fill = end - start;
    if (fill * 2 < frameLength) continue;
    frames++;
    if (frameSum / fill < silentMeanSquare) silentFrames++;
    else {
      voicedSumSquares += frameSum;
      voicedSamples += fill;
    }
  }

  const durationMs = Math.round((n * 1000) / sampleRate);
  const rms = n > 0 ? Math.sqrt(sumSquares / n) : 0;
  const voicedRms = voicedSamples > 0 ? Math.sqrt(voicedSumSquares / voicedSamples) : rms;
  const clippedRatio = n > 0 ? clipped / n : 0;
  const silenceRatio = frames > 0 ? silentFrames / frames : 1;

  const flags: QualityFlag[] = [];
  if (durationMs < t.minDurationMs) flags.push('too_short');
  if (durationMs > t.maxDurationMs) flags.push('too_long');
  if (dbfs(voicedRms) < t.quietDbfs) flags.push('too_quiet');
  if (clippedRatio > t.maxClippedRatio) flags.push('clipped');
  if (silenceRatio > t.maxSilenceRatio) flags.push('mostly_silence');

  return {
    durationMs,
    quality: {
      rmsDbfs: round(dbfs(rms), 1),
      peakDbfs: round(dbfs(peak), 1),
      clippedRatio: round(clippedRatio, 5),
      silenceRatio: round(silenceRatio, 3),
      flags,
    },
    voicedRmsDbfs: round(dbfs(voicedRms), 1),
  };
}
