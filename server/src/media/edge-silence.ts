// Leading and trailing silence of a take, for the cut_off flag. The rule (docs/PROTOCOL-extensions.md):
// a 20 ms frame "sounds" when its level is at or above a threshold relative to the take itself, the louder of
//   - the take's voiced level (RMS over the frames that are not silent) minus RELATIVE_DB, and
//   - the take's noise floor (the 10th percentile of frame levels) plus NOISE_MARGIN_DB;
// the silence at each edge runs up to the first (from the last) sounding frame. Relative, so that a quiet
// speaker is measured as well as a loud one, and a hiss that never stops does not read as speech at the edges.

/** Below the voiced level: soft onsets (an "h", a fricative) are still speech. */
export const RELATIVE_DB = 20;
/** Above the noise floor: room noise alone is not speech. */
export const NOISE_MARGIN_DB = 6;
const FLOOR_PERCENTILE = 0.1;

export interface EdgeSilence {
  /** Milliseconds before the first sounding frame; null when no frame sounds. */
  leadingSilenceMs: number | null;
  /** Milliseconds after the last sounding frame; null when no frame sounds. */
  trailingSilenceMs: number | null;
}

/** Mean squares of successive frames, kept as they close (3,000 numbers for a 60 s take). */
export class FrameLevels {
  private values = new Float64Array(1024);
  private count = 0;

  push(meanSquare: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = meanSquare;
  }

  /** The frames so far, plus an optional last frame not yet closed; the store itself is not changed. */
  snapshot(extra?: number): Float64Array {
    const out = new Float64Array(this.count + (extra === undefined ? 0 : 1));
    out.set(this.values.subarray(0, this.count));
    if (extra !== undefined) out[this.count] = extra;
    return out;
  }
}

/**
 * The edge silences, from frame mean squares (int16 units) and the take's voiced mean square.
 * frameMs is the length of one frame; durationMs the take's length (the last frame may be shorter).
 */
export function measureEdges(meanSquares: Float64Array, voicedMeanSquare: number, frameMs: number, durationMs: number): EdgeSilence {
  const none = { leadingSilenceMs: null, trailingSilenceMs: null };
  if (meanSquares.length === 0 || voicedMeanSquare <= 0) return none;
  const sorted = Float64Array.from(meanSquares).sort();
  const floor = sorted[Math.floor(FLOOR_PERCENTILE * (sorted.length - 1))]!;
  // In the power domain: −20 dB is a factor of 100, +6 dB about 4.
  const threshold = Math.max(voicedMeanSquare * 10 ** (-RELATIVE_DB / 10), floor * 10 ** (NOISE_MARGIN_DB / 10));
  let first = -1;
  let last = -1;
  for (let i = 0; i < meanSquares.length; i++) {
    if (meanSquares[i]! > 0 && meanSquares[i]! >= threshold) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return none;
  return {
    leadingSilenceMs: Math.min(durationMs, first * frameMs),
    trailingSilenceMs: Math.max(0, Math.round(durationMs - (last + 1) * frameMs)),
  };
}
