import type { Readable } from 'node:stream';

export interface ObjectInfo {
  size: number;
  contentType: string;
}

export interface ByteRange {
  start: number;
  end: number;
} // inclusive end, already validated against size

/**
 * Where take audio lives: the local filesystem by default, Google Cloud Storage in production.
 * Keys are `/`-separated relative paths such as `takes/<uuid>/audio.wav`: storage/validation.ts holds the
 * rules, takes/object-keys.ts names a take's objects.
 */
export interface ObjectStore {
  readonly kind: 'local' | 'gcs';
  /** Writes the whole object; overwriting with the same bytes is fine (idempotent finalize). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /**
   * Stores a file's bytes under key, moving the file into the store where it can. The file is consumed: it is
   * gone from `file` once this settles, whether the put succeeded or not.
   */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  /** null when the object does not exist */
  stat(key: string): Promise<ObjectInfo | null>;
  /** Streams the object, or a byte range of it. Rejects with ObjectNotFoundError when missing. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Missing objects are not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with prefix. */
  deletePrefix(prefix: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  /** Readiness probe using object-level calls only (least-privilege credentials cannot read bucket metadata). Rejects when storage is unreachable. */
  ping(): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  override name = 'ObjectNotFoundError';
}

export const objectNotFound = (key: string) => new ObjectNotFoundError(`Object not found: ${key}`);
