import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { ffmpegPath } from '../../src/media/ffmpeg-path.js';
import { fixStreamedWavSizes, parseWav, type PcmAudio } from '../../src/media/wav.js';

// Does this WAV say the same thing as that source? The 10 ms RMS envelope of an utterance is its
// rhythm of syllables and pauses: the same utterance through the pipeline correlates near 1, a
// different sentence far lower. Codecs, resampling and small delays barely move it.

const COMPARE_RATE = 16_000;

/** RMS of consecutive windows of `windowMs`; a last partial window is dropped. */
export function rmsEnvelope(samples: Int16Array, sampleRate: number, windowMs = 10): Float64Array {
  const size = Math.max(1, Math.round((sampleRate * windowMs) / 1000));
  const envelope = new Float64Array(Math.floor(samples.length / size));
  for (let w = 0; w < envelope.length; w++) {
    let sum = 0;
    for (let i = w * size; i < (w + 1) * size; i++) {
      const s = samples[i] as number;
      sum += s * s;
    }
    envelope[w] = Math.sqrt(sum / size);
  }
  return envelope;
}

/** Pearson correlation of the first min(a, b) values; 0 when either side is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i] as number;
    sb += b[i] as number;
  }
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va === 0 || vb === 0 ? 0 : cov / Math.sqrt(va * vb);
}

/** The best Pearson r over shifts of b against a; lag > 0 means b starts later than a. */
export function bestLagCorrelation(
  a: Float64Array,
  b: Float64Array,
  maxLagWindows: number,
): { r: number; lag: number } {
  let best = { r: -Infinity, lag: 0 };
  for (let lag = -maxLagWindows; lag <= maxLagWindows; lag++) {
    const r = lag >= 0 ? pearson(a, b.subarray(lag)) : pearson(a.subarray(-lag), b);
    if (r > best.r) best = { r, lag };
  }
  return best;
}

/** Milliseconds from the first to the last window within `thresholdDb` of the loudest window. */
export function speechSpan(samples: Int16Array, sampleRate: number, windowMs = 10, thresholdDb = -30): number {
  const envelope = rmsEnvelope(samples, sampleRate, windowMs);
  let peak = 0;
  for (const v of envelope) peak = Math.max(peak, v);
  if (peak === 0) return 0;
  const threshold = peak * 10 ** (thresholdDb / 20);
  const first = envelope.findIndex((v) => v >= threshold);
  const last = envelope.findLastIndex((v) => v >= threshold);
  return (last - first + 1) * windowMs;
}

/** Mono 16 kHz samples of a WAV, resampled with the bundled ffmpeg when needed. */
async function asMono16k(wav: Buffer): Promise<Int16Array> {
  const audio: PcmAudio = parseWav(wav);
  if (audio.sampleRate === COMPARE_RATE && audio.channels === 1) return audio.samples;
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'wav', '-i', 'pipe:0', '-ac', '1', '-ar', String(COMPARE_RATE), '-c:a', 'pcm_s16le', '-f', 'wav', 'pipe:1'];
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (data: Buffer) => out.push(data));
  child.stdin.end(wav);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`ffmpeg could not resample the WAV (exit ${code})`);
  return parseWav(fixStreamedWavSizes(Buffer.concat(out))).samples;
}

export interface SourceComparison {
  /** Duration of the WAV over the source's. */
  durationRatio: number;
  /** Speech span of the WAV over the source's: robust to silence added around the speech. */
  speechSpanRatio: number;
  /** Best envelope correlation within ±maxLagMs. */
  r: number;
  /** Envelope windows (10 ms) by which the WAV lags the source. */
  lag: number;
}

export async function compareToSource(
  wavBuffer: Buffer,
  sourceWavPath: string,
  maxLagMs = 1_000,
): Promise<SourceComparison> {
  const windowMs = 10;
  const wav = await asMono16k(wavBuffer);
  const source = await asMono16k(await readFile(sourceWavPath));
  const { r, lag } = bestLagCorrelation(
    rmsEnvelope(source, COMPARE_RATE, windowMs),
    rmsEnvelope(wav, COMPARE_RATE, windowMs),
    Math.round(maxLagMs / windowMs),
  );
  return {
    durationRatio: wav.length / source.length,
    speechSpanRatio: speechSpan(wav, COMPARE_RATE, windowMs) / Math.max(1, speechSpan(source, COMPARE_RATE, windowMs)),
    r,
    lag,
  };
}
