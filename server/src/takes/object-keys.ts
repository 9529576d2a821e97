// Where a take's objects are stored: one prefix per take, the original under its container's usual extension.
import { containerForMimeType, type MediaContainer } from '../protocol/media-types.js';

const ORIGINAL_EXTENSION: Record<MediaContainer, string> = { webm: 'webm', ogg: 'ogg', mp4: 'm4a' };

export function originalExtension(mimeType: string): string {
  const container = containerForMimeType(mimeType);
  return container ? ORIGINAL_EXTENSION[container] : 'bin';
}

export const objectKeys = (takeId: string, mimeType: string) => ({
  prefix: `takes/${takeId}/`,
  original: `takes/${takeId}/original.${originalExtension(mimeType)}`,
  wav: `takes/${takeId}/audio.wav`,
});
