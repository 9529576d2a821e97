import { createSignal, onCleanup, type Accessor } from 'solid-js';

export interface Level {
  /** RMS in dBFS over the last frame (-100 for silence). */
  rmsDb: number;
  /** Highest absolute sample in the last frame, 0..1. */
  peak: number;
}

/** A peak at or above this counts as clipping. */
export const CLIP_PEAK = 0.99;
/** Below this RMS for a while, the speaker is too quiet (or too far). */
export const QUIET_DB = -50;

export function levelOf(samples: Float32Array): Level {
  let sum = 0;
  let peak = 0;
  for (const sample of samples) {
    sum += sample * sample;
    const abs = Math.abs(sample);
    if (abs > peak) peak = abs;
  }
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return { rmsDb: rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100, peak };
}

/** Non-reactive set-up: an AnalyserNode on the stream. `read()` gives the current level. */
export function makeLevelMeter(stream: MediaStream): { read(): Level; close(): void } {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(buffer);
      return levelOf(buffer);
    },
    close() {
      source.disconnect();
      void context.close();
    },
  };
}

export interface LevelFeedback {
  level: Accessor<Level>;
  /** Clipped within the last second. */
  clipping: Accessor<boolean>;
  /** Quiet for the last two seconds. */
  tooQuiet: Accessor<boolean>;
  /** Highest peak since the last call, for the chunk's `peak` field. */
  takePeak(): number;
}

/** Reactive level from a stream, sampled each animation frame; released with the owner. */
export function createLevelMeter(stream: MediaStream): LevelFeedback {
  const meter = makeLevelMeter(stream);
  const [level, setLevel] = createSignal<Level>({ rmsDb: -100, peak: 0 });
  const [clipping, setClipping] = createSignal(false);
  const [tooQuiet, setTooQuiet] = createSignal(false);
  let lastClipAt = -Infinity;
  let loudAt = performance.now();
  let peakSinceRead = 0;
  let frame = requestAnimationFrame(function tick(now) {
    const current = meter.read();
    setLevel(current);
    peakSinceRead = Math.max(peakSinceRead, current.peak);
    if (current.peak >= CLIP_PEAK) lastClipAt = now;
    if (current.rmsDb > QUIET_DB) loudAt = now;
    setClipping(now - lastClipAt < 1000);
    setTooQuiet(now - loudAt > 2000);
    frame = requestAnimationFrame(tick);
  });
  onCleanup(() => {
    cancelAnimationFrame(frame);
    meter.close();
  });
  return {
    level,
    clipping,
    tooQuiet,
    takePeak() {
      const peak = peakSinceRead;
      peakSinceRead = 0;
      return Math.min(1, peak);
    },
  };
}
