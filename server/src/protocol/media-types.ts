// The one table of recording formats: take:start admits, storage names and ffmpeg reads exactly these.

export type MediaContainer = 'webm' | 'ogg' | 'mp4';

/** Base MIME type → container. A type missing here is refused with UNSUPPORTED_MEDIA. */
const CONTAINER_BY_MIME: Readonly<Record<string, MediaContainer>> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'mp4',
};

/** MIME types a take may be recorded in, in the client's order of preference. */
export const ACCEPTED_MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'] as const;

/** `audio/webm;codecs=opus` → `webm`; null when the type is not accepted. */
export function containerForMimeType(mimeType: string): MediaContainer | null {
  const base = mimeType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(CONTAINER_BY_MIME, base) ? CONTAINER_BY_MIME[base]! : null;
}
