import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaDecodeError } from './errors.js';
import { spawnInProcess, type FfmpegLauncher } from './ffmpeg-launcher.js';
import type { FfmpegLimits } from './ffmpeg-process.js';
import { ffmpegWavArgs, wavFromFfmpeg } from './ffmpeg-wav.js';
import { FFMPEG_DEMUXER, containerForMimeType, needsSeekableInput } from './mime.js';

export interface TranscodeOptions {
  /** Where MP4 input is written for ffmpeg to seek in; default os.tmpdir(). */
  tmpDir?: string;
  /** ffmpeg is killed after this; default 30 s. */
  timeoutMs?: number;
  /** Larger WAV output rejects with MediaTooLargeError; default 64 MiB (about 35 min). */
  maxOutputBytes?: number;
  /** Where ffmpeg is spawned; default this process. */
  launcher?: FfmpegLauncher;
}

export const DEFAULT_TRANSCODE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_WAV_BYTES = 64 * 1024 * 1024;

export function transcodeLimits(opts: TranscodeOptions = {}): FfmpegLimits {
  return {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TRANSCODE_TIMEOUT_MS,
    maxOutputBytes: opts.maxOutputBytes ?? DEFAULT_MAX_WAV_BYTES,
  };
}

/**
 * Converts a recording (WebM/Opus, Ogg/Opus or MP4/AAC) to the dataset WAV: 16 kHz, mono, PCM16,
 * gain untouched. Rejects with MediaDecodeError (undecodable or unaccepted type),
 * MediaTooLargeError or MediaProcessError.
 */
export async function transcodeToWav(input: Buffer, mimeType: string, opts: TranscodeOptions = {}): Promise<Buffer> {
  const container = containerForMimeType(mimeType);
  if (container === null) throw new MediaDecodeError('this audio type is not accepted', `mime type ${mimeType}`);
  if (input.length === 0) throw new MediaDecodeError('the audio is empty');
  const demuxer = FFMPEG_DEMUXER[container];
  const limits = transcodeLimits(opts);
  const runFfmpeg = opts.launcher ?? spawnInProcess;

  if (!needsSeekableInput(container)) {
    const ffmpeg = runFfmpeg(ffmpegWavArgs(demuxer, 'pipe:0', true), 'pipe', limits);
    ffmpeg.stdin.end(input);
    return wavFromFfmpeg(await ffmpeg.result);
  }

  // MP4 can keep its index (moov) at the end, which a pipe cannot seek back to.
  const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'emovox-media-'));
  try {
    const file = join(dir, 'input.mp4');
    await writeFile(file, input, { mode: 0o600 });
    const ffmpeg = runFfmpeg(ffmpegWavArgs(demuxer, file, false), 'ignore', limits);
    return wavFromFfmpeg(await ffmpeg.result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
