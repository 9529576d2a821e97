// Which containers the server accepts, and how ffmpeg is told to read them. The demuxer is
// forced rather than probed, so bytes labelled as audio can never be read as a playlist or
// another format that opens files or URLs.

export type MediaContainer = 'webm' | 'ogg' | 'mp4';

const CONTAINER_BY_MIME: Record<string, MediaContainer> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'application/ogg': 'ogg',
  'audio/mp4': 'mp4',
  'video/mp4': 'mp4',
  'audio/x-m4a': 'mp4',
  'audio/m4a': 'mp4',
};

export const FFMPEG_DEMUXER: Record<MediaContainer, string> = {
  webm: 'matroska',
  ogg: 'ogg',
  mp4: 'mov',
};

/** `audio/webm;codecs=opus` → `webm`; null when the type is not accepted. */
export function containerForMimeType(mimeType: string): MediaContainer | null {
  const base = mimeType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return CONTAINER_BY_MIME[base] ?? null;
}

export function isSupportedMimeType(mimeType: string): boolean {
  return containerForMimeType(mimeType) !== null;
}

/** MP4 may carry its moov atom last, so ffmpeg needs a seekable file rather than a pipe. */
export function needsSeekableInput(container: MediaContainer): boolean {
  return container === 'mp4';
}
