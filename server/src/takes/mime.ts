// Which containers the pipeline accepts, and how their originals are named in storage.
const CONTAINERS: Record<string, string> = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a' };

/** The base type of an accepted MIME type ("audio/webm;codecs=opus" → "audio/webm"), or null. */
export function acceptedContainer(mimeType: string): string | null {
  const base = mimeType.split(';')[0]!.trim().toLowerCase();
  return base in CONTAINERS ? base : null;
}

export function originalExtension(mimeType: string): string {
  return CONTAINERS[acceptedContainer(mimeType) ?? ''] ?? 'bin';
}

export const objectKeys = (takeId: string, mimeType: string) => ({
  prefix: `takes/${takeId}/`,
  original: `takes/${takeId}/original.${originalExtension(mimeType)}`,
  wav: `takes/${takeId}/audio.wav`,
});
