// Argument rules shared by every store, so that a key valid on the local filesystem is valid on GCS and
// the other way round. Segments may not start with '.', which rules out '.' and '..' and leaves
// dot-names free for the local store's sidecar and temporary files.

const MAX_KEY_BYTES = 1024; // GCS object-name limit
const hasForbiddenChar = (value: string) =>
  [...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

function checkSegments(what: string, value: string, segments: string[]): void {
  for (const segment of segments) {
    if (segment === '') throw new Error(`Invalid ${what} (empty segment): ${JSON.stringify(value)}`);
    if (segment.startsWith('.')) {
      throw new Error(`Invalid ${what} (segment starts with '.'): ${JSON.stringify(value)}`);
    }
  }
}

function checkCommon(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new Error(`Invalid ${what}: not a string`);
  if (Buffer.byteLength(value) > MAX_KEY_BYTES) throw new Error(`Invalid ${what}: longer than ${MAX_KEY_BYTES} bytes`);
  if (hasForbiddenChar(value)) {
    throw new Error(`Invalid ${what} (backslash or control character): ${JSON.stringify(value)}`);
  }
  if (value.startsWith('/')) throw new Error(`Invalid ${what} (absolute): ${JSON.stringify(value)}`);
}

/** Throws a plain Error unless key is a safe relative object key such as `takes/<uuid>/audio.wav`. */
export function assertValidKey(key: string): void {
  checkCommon('object key', key);
  if (key === '') throw new Error('Invalid object key: empty');
  checkSegments('object key', key, key.split('/'));
}

/**
 * Throws unless prefix is '' or the start of a valid key: every complete segment follows the key
 * rules, and the last one may be empty (`takes/`) or partial (`takes/ab`).
 */
export function assertValidPrefix(prefix: string): void {
  checkCommon('key prefix', prefix);
  if (prefix === '') return;
  const segments = prefix.split('/');
  const last = segments.pop() ?? '';
  checkSegments('key prefix', prefix, segments);
  if (last.startsWith('.')) throw new Error(`Invalid key prefix (segment starts with '.'): ${JSON.stringify(prefix)}`);
}

/** Used when a caller stores an object without a content type. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Callers check a range against the object's size; this only rejects ranges no store can serve. */
export function assertValidRange(range: { start: number; end: number }): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new Error(`Invalid byte range: ${start}-${end}`);
  }
}
