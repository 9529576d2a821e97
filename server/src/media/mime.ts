// How ffmpeg is told to read each accepted container (the table itself is protocol/media-types.ts).
// The demuxer is forced rather than probed, so bytes labelled as audio can never be read as a
// playlist or another format that opens files or URLs.
import type { MediaContainer } from '../protocol/media-types.js';

export { containerForMimeType, type MediaContainer } from '../protocol/media-types.js';

export const FFMPEG_DEMUXER: Record<MediaContainer, string> = {
  webm: 'matroska',
  ogg: 'ogg',
  mp4: 'mov',
};

/** MP4 may carry its moov atom last, so ffmpeg needs a seekable file rather than a pipe. */
export function needsSeekableInput(container: MediaContainer): boolean {
  return container === 'mp4';
}
