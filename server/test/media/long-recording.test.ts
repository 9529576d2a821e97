import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePcm } from '../../src/media/analyze.js';
import { ffmpegPath } from '../../src/media/ffmpeg-path.js';
import { LiveTranscoder } from '../../src/media/live-transcoder.js';
import { transcodeToWav } from '../../src/media/transcode.js';
import { encodeWav, parseWav } from '../../src/media/wav.js';
import { FIXTURES } from '../fixtures/index.js';
import { finishLive } from '../support/live-wav.js';

// A full-length (60 s) take made from the fixtures, encoded like Chromium's MediaRecorder. The
// times are printed, not asserted: this machine's speed is not the behaviour under test.

const SECONDS = 60;
const RATE = 16_000;
let webm: Buffer;

async function sixtySecondsOfSpeech(): Promise<Int16Array> {
  const sources = await Promise.all(
    [FIXTURES.en1Wav, FIXTURES.en2Wav, FIXTURES.fr1Wav, FIXTURES.en1Voice2Wav].map(async (p) => parseWav(await readFile(p)).samples),
  );
  const out = new Int16Array(SECONDS * RATE);
  for (let at = 0, i = 0; at < out.length; i++) {
    const piece = sources[i % sources.length] as Int16Array;
    out.set(piece.subarray(0, out.length - at), at);
    at += piece.length;
  }
  return out;
}

async function encodeLikeChromium(wav: Buffer): Promise<Buffer> {
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'wav', '-i', 'pipe:0', '-ar', '48000', '-c:a', 'libopus', '-b:a', '128k', '-frame_duration', '60', '-f', 'webm', 'pipe:1'];
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stdin.end(wav);
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error('could not encode the long test recording');
  return Buffer.concat(out);
}

beforeAll(async () => {
  webm = await encodeLikeChromium(encodeWav(await sixtySecondsOfSpeech(), RATE));
}, 60_000);

describe('a 60 s take', () => {
  it('when it is transcoded after stop, then the WAV lasts 60 s and is not flagged too long', async () => {
    await transcodeToWav(webm, 'audio/webm'); // warm the page cache for the binary
    const started = performance.now();
    const wav = await transcodeToWav(webm, 'audio/webm');
    const ms = performance.now() - started;
    const { samples, sampleRate } = parseWav(wav);
    const analysis = analyzePcm(samples, sampleRate);
    console.log(`batch transcode of ${SECONDS} s (${webm.length} B WebM): ${ms.toFixed(0)} ms`);
    expect(analysis.durationMs).toBeGreaterThanOrEqual(59_900);
    expect(analysis.durationMs).toBeLessThanOrEqual(60_100);
    // Cut from a loop of utterances, its last one stops mid-word: cut_off is right there.
    expect(analysis.quality.flags).toEqual(['cut_off']);
  });

  it('when it is streamed live, then finish gives the batch WAV once the last chunk is in', async () => {
    const live = new LiveTranscoder('audio/webm');
    let seq = 0;
    for (let at = 0; at < webm.length; at += 4_800) live.write(seq++, webm.subarray(at, at + 4_800));
    // During a real take ffmpeg keeps up with 1x real time; give it that chance here.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const started = performance.now();
    const { wav, coveredSeqs, analysis } = await finishLive(live);
    console.log(`live transcode of ${SECONDS} s: WAV ${(performance.now() - started).toFixed(1)} ms after finish(), ${coveredSeqs} chunks`);
    expect(coveredSeqs).toBe(seq);
    expect(wav.equals(await transcodeToWav(webm, 'audio/webm'))).toBe(true);
    expect(analysis.durationMs).toBeGreaterThanOrEqual(59_900);
    expect(analysis.quality.flags).toEqual(['cut_off']);
  });
});
