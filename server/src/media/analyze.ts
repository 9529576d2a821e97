import type { Quality, QualityFlag } from '../protocol/index.js';
import { FrameLevels, measureEdges } from './edge-silence.js';

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
  /** cut_off when speech starts or ends closer than this to an edge of the take (edge-silence.ts); 0 never flags. */
  edgeMarginMs: number;
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
  edgeMarginMs: 100,
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

interface FrameTotals {
  sumSquares: number;
  frames: number;
  silentFrames: number;
  voicedSumSquares: number;
  voicedSamples: number;
}

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
  const analyzer = new PcmAnalyzer(sampleRate, thresholds);
  analyzer.add(samples);
  return analyzer.result();
}

/**
 * The same measures, fed piece by piece as the samples arrive (a live take's WAV while ffmpeg writes it), so that
 * at stop only the last piece is left to read. Pieces may end anywhere, mid-frame included: the result equals
 * analyzePcm over all the samples at once.
 */
export class PcmAnalyzer {
  private readonly t: QualityThresholds;
  private readonly frameLength: number;
  /** A frame is silent when its mean square is below this, so no log is taken per frame. */
  private readonly silentMeanSquare: number;
  private samples = 0;
  private peak = 0;
  private clipped = 0;
  private readonly totals: FrameTotals = { sumSquares: 0, frames: 0, silentFrames: 0, voicedSumSquares: 0, voicedSamples: 0 };
  /** The frame still open at the end of the last piece. */
  private frameSum = 0;
  private frameFill = 0;
  /** Every whole frame's mean square, for the edge silences (relative to the take's level, known only at the end). */
  private readonly levels = new FrameLevels();

  constructor(
    private readonly sampleRate: number,
    thresholds: Partial<QualityThresholds> = {},
  ) {
    this.t = { ...DEFAULT_QUALITY_THRESHOLDS, ...thresholds };
    this.frameLength = Math.max(1, Math.round((sampleRate * this.t.frameMs) / 1000));
    this.silentMeanSquare = (FULL_SCALE * 10 ** (this.t.silenceDbfs / 20)) ** 2;
  }

  add(samples: Int16Array): void {
    // Frame by frame, with plain locals (no closure over them): at stop this is on the path to 'saved'.
    // Sums of int16 squares stay exact in a double, so the order of summing does not change any result.
    const n = samples.length;
    const frameLength = this.frameLength;
    const clipLevel = this.t.clipLevel;
    let peak = this.peak;
    let clipped = this.clipped;
    let frameSum = this.frameSum;
    let fill = this.frameFill;
    for (let start = 0; start < n; ) {
      const end = Math.min(n, start + frameLength - fill);
      for (let i = start; i < end; i++) {
        const s = samples[i]!;
        frameSum += s * s;
        const magnitude = s < 0 ? -s : s;
        if (magnitude > peak) peak = magnitude;
        if (magnitude >= clipLevel) clipped++;
      }
      fill += end - start;
      start = end;
      if (fill === frameLength) {
        this.closeFrame(this.totals, frameSum, fill);
        this.levels.push(frameSum / fill);
        frameSum = 0;
        fill = 0;
      }
    }
    this.samples += n;
    this.peak = peak;
    this.clipped = clipped;
    this.frameSum = frameSum;
    this.frameFill = fill;
  }

  private closeFrame(into: FrameTotals, frameSum: number, fill: number): void {
    into.sumSquares += frameSum;
    // A tail of at least half a frame counts as a frame; a shorter one only in the totals.
    if (fill * 2 < this.frameLength) return;
    into.frames++;
    if (frameSum / fill < this.silentMeanSquare) into.silentFrames++;
    else {
      into.voicedSumSquares += frameSum;
      into.voicedSamples += fill;
    }
  }

  /** The measures of everything added so far; more may be added afterwards. */
  result(): AudioAnalysis {
    const { t, samples: n } = this;
    const totals = { ...this.totals };
    if (this.frameFill > 0) this.closeFrame(totals, this.frameSum, this.frameFill);
    const openFrameCounts = this.frameFill > 0 && this.frameFill * 2 >= this.frameLength;
    const durationMs = Math.round((n * 1000) / this.sampleRate);
    const rms = n > 0 ? Math.sqrt(totals.sumSquares / n) : 0;
    const voicedRms = totals.voicedSamples > 0 ? Math.sqrt(totals.voicedSumSquares / totals.voicedSamples) : rms;
    const clippedRatio = n > 0 ? this.clipped / n : 0;
    const silenceRatio = totals.frames > 0 ? totals.silentFrames / totals.frames : 1;

    const flags: QualityFlag[] = [];
    if (durationMs < t.minDurationMs) flags.push('too_short');
    if (durationMs > t.maxDurationMs) flags.push('too_long');
    if (dbfs(voicedRms) < t.quietDbfs) flags.push('too_quiet');
    if (clippedRatio > t.maxClippedRatio) flags.push('clipped');
    if (silenceRatio > t.maxSilenceRatio) flags.push('mostly_silence');
    const voicedMeanSquare = totals.voicedSamples > 0 ? totals.voicedSumSquares / totals.voicedSamples : 0;
    const frameMs = (this.frameLength * 1000) / this.sampleRate;
    const levels = this.levels.snapshot(openFrameCounts ? this.frameSum / this.frameFill : undefined);
    const edges = measureEdges(levels, voicedMeanSquare, frameMs, durationMs);
    const nearEdge = (ms: number | null) => ms !== null && ms < t.edgeMarginMs;
    if (nearEdge(edges.leadingSilenceMs) || nearEdge(edges.trailingSilenceMs)) flags.push('cut_off');

    return {
      durationMs,
      quality: {
        rmsDbfs: round(dbfs(rms), 1),
        peakDbfs: round(dbfs(this.peak), 1),
        clippedRatio: round(clippedRatio, 5),
        silenceRatio: round(silenceRatio, 3),
        flags,
        leadingSilenceMs: edges.leadingSilenceMs,
        trailingSilenceMs: edges.trailingSilenceMs,
      },
      voicedRmsDbfs: round(dbfs(voicedRms), 1),
    };
  }
}
