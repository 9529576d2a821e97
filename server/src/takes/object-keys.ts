// Where a take's objects are stored: one prefix per take, the original under its container's usual extension.
import { containerForMimeType, type MediaContainer } from '../protocol/media-types.js';

const ORIGINAL_EXTENSION: Record<MediaContainer, string> = { webm: 'webm', ogg: 'ogg', mp4: 'm4a' };

export function originalExtension(mimeType: string): string {
  const container = containerForMimeType(mimeType);
  return container ? ORIGINAL_EXTENSION[container] : 'bin';
}

/**
 * The content type the original object is stored with: its container's base type (`audio/webm`), which its
 * extension already says, so the local store keeps no sidecar for it. The take's full MIME type, codecs included,
 * stays on its row, and the audio route answers with that.
 */
export function originalObjectType(mimeType: string): string {
  return mimeType.split(';', 1)[0]!.trim().toLowerCase() || mimeType;
}

export const objectKeys = (takeId: string, mimeType: string) => ({
  prefix: `takes/${takeId}/`,
  original: `takes/${takeId}/original.${originalExtension(mimeType)}`,
  originalType: originalObjectType(mimeType),
  wav: `takes/${takeId}/audio.wav`,
});
