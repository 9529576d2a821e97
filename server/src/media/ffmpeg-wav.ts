import { MediaDecodeError, MediaProcessError, MediaTooLargeError } from './errors.js';
import type { FfmpegResult } from './ffmpeg-process.js';
import { fixStreamedWavSizes, wavDataLength } from './wav.js';

// The one ffmpeg command line that makes the dataset WAV, and the reading of its outcome.
//
// Only the format changes: `-ac 1 -ar 16000 -c:a pcm_s16le`, with no volume, loudnorm or
// dynamics filter. The mono downmix in this ffmpeg is (L+R)/2, both for PCM and for Opus/AAC
// (float) sources, measured: two identical channels keep their level exactly, and a signal on
// one channel only comes out 6 dB lower. Mono sources, what browsers record, pass unchanged.

export const WAV_SAMPLE_RATE = 16_000;

/** Where the WAV goes: ffmpeg's stdout, or a file capped at maxBytes (ffmpeg's -fs). */
export type WavOutput = { file: string; maxBytes: number } | 'stdout';

export function ffmpegWavArgs(demuxer: string, input: string, readsStdin: boolean, output: WavOutput = 'stdout'): string[] {
  return [
    '-hide_banner',
    '-loglevel', 'error',
    // With a file input ffmpeg would otherwise watch stdin for keyboard commands.
    ...(readsStdin ? [] : ['-nostdin']),
    '-f', demuxer,
    '-i', input,
    '-map', '0:a:0',
    '-ac', '1',
    '-ar', String(WAV_SAMPLE_RATE),
    '-c:a', 'pcm_s16le',
    // No LIST/INFO chunk naming the encoder: a plain 44-byte header.
    '-map_metadata', '-1',
    '-fflags', '+bitexact',
    '-f', 'wav',
    ...(output === 'stdout' ? ['pipe:1'] : ['-fs', String(output.maxBytes), '-y', output.file]),
  ];
}

/** Throws the error a caller can map to a status when ffmpeg did not finish cleanly. */
export function throwIfFfmpegFailed(result: FfmpegResult): void {
  switch (result.stoppedBy) {
    case 'output_too_large':
      throw new MediaTooLargeError('the decoded audio is too long', result.stderr);
    case 'timeout':
      throw new MediaProcessError('audio conversion timed out', result.stderr);
    case 'aborted':
      throw new MediaProcessError('audio conversion was stopped', result.stderr);
    case 'spawn_failed':
      throw new MediaProcessError('audio conversion could not start', result.stderr);
    case null:
      break;
  }
  if (result.code !== 0) {
    throw new MediaDecodeError('the audio could not be decoded', result.stderr || `ffmpeg exited with ${result.code ?? result.signal}`);
  }
}

/** Turns a finished ffmpeg run into a valid WAV, or the error a caller can map to a status. */
export function wavFromFfmpeg(result: FfmpegResult): Buffer {
  throwIfFfmpegFailed(result);
  let wav: Buffer;
  try {
    wav = fixStreamedWavSizes(result.stdout);
    if (wavDataLength(wav) === 0) throw new Error('no samples decoded');
  } catch (err) {
    throw new MediaDecodeError('the audio contains no decodable sound', `${(err as Error).message}\n${result.stderr}`);
  }
  return wav;
}
