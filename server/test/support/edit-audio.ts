import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ffmpegPath } from '../../src/media/ffmpeg-path.js';

// Edits of the committed fixtures with the real ffmpeg, for the edge-silence tests: an utterance padded with
// silence, or trimmed so that its speech touches an edge.

export interface AudioEdit {
  /** Seconds of silence before and after the utterance. */
  padSeconds?: number;
  /** Seconds cut from the start; seconds to keep in all (from the new start). */
  trimStartSeconds?: number;
  keepSeconds?: number;
  /** Gain in dB (negative: a quieter speaker). */
  gainDb?: number;
}

/** The edited source, as 16 kHz mono WAV or as WebM/Opus like Chromium's MediaRecorder. */
export async function editAudio(source: string, edit: AudioEdit, as: 'wav' | 'webm'): Promise<Buffer> {
  const input = edit.trimStartSeconds ? ['-ss', String(edit.trimStartSeconds)] : [];
  const filters: string[] = [];
  if (edit.gainDb !== undefined) filters.push(`volume=${edit.gainDb}dB`);
  if (edit.padSeconds) filters.push(`adelay=${Math.round(edit.padSeconds * 1000)}`, `apad=pad_len=${Math.round(edit.padSeconds * 16_000)}`);
  const output = [
    ...(filters.length > 0 ? ['-af', filters.join(',')] : []),
    ...(edit.keepSeconds ? ['-t', String(edit.keepSeconds)] : []),
    ...(as === 'wav'
      ? ['-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', '-f', 'wav']
      : ['-ar', '48000', '-c:a', 'libopus', '-b:a', '128k', '-frame_duration', '60', '-f', 'webm']),
  ];
  const { stdout } = await promisify(execFile)(
    ffmpegPath,
    ['-hide_banner', '-loglevel', 'error', '-nostdin', ...input, '-i', source, ...output, 'pipe:1'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}
