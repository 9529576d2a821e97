import type { Bucket, File, GetFilesOptions, GetFilesResponse } from '@google-cloud/storage';
import { IdempotencyStrategy, Storage } from '@google-cloud/storage';
import { readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { withDeadline } from './deadline.js';
import type { ByteRange, ObjectInfo, ObjectStore } from './object-store.js';
import { objectNotFound } from './object-store.js';
import { assertValidKey, assertValidPrefix, assertValidRange, DEFAULT_CONTENT_TYPE } from './validation.js';

export interface GcsTimeouts {
  /** One HTTP attempt, until the response headers arrive. */
  requestMs: number;
  /** After this, the library schedules no further retries. */
  retryTotalMs: number;
  /** Raised to at least 1 s: the upload retry loop starts at 1 s and refuses a smaller cap. */
  maxRetryDelayMs: number;
}

export interface GcsObjectStoreOptions {
  bucket: string;
  projectId: string;
  /** e.g. an emulator's `http://127.0.0.1:9199`; the library also honours STORAGE_EMULATOR_HOST. */
  apiEndpoint?: string;
  timeouts?: Partial<GcsTimeouts>;
}

/** With these, an outage surfaces as an error within about 15 s instead of hanging a request. */
export const DEFAULT_GCS_TIMEOUTS: GcsTimeouts = { requestMs: 5_000, retryTotalMs: 10_000, maxRetryDelayMs: 2_000 };

const ASSUMED_UPLOAD_BYTES_PER_MS = 1_000; // 1 MB/s: a floor, far below GCS from inside GCP
const MIN_RETRY_DELAY_CAP_MS = 1_000;
const LIST_PAGE_SIZE = 1_000;
const DELETE_CONCURRENCY = 8;

const httpStatus = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

export class GcsObjectStore implements ObjectStore {
  readonly kind = 'gcs' as const;
  private readonly bucket: Bucket;
  private readonly timeouts: GcsTimeouts;

  constructor(options: GcsObjectStoreOptions) {
    const timeouts = { ...DEFAULT_GCS_TIMEOUTS, ...options.timeouts };
    this.timeouts = { ...timeouts, maxRetryDelayMs: Math.max(MIN_RETRY_DELAY_CAP_MS, timeouts.maxRetryDelayMs) };
    const storage = new Storage({
      projectId: options.projectId,
      ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
      timeout: this.timeouts.requestMs,
      retryOptions: {
        autoRetry: true,
        maxRetries: 3,
        retryDelayMultiplier: 2,
        totalTimeout: this.timeouts.retryTotalMs / 1000,
        maxRetryDelay: this.timeouts.maxRetryDelayMs / 1000,
        // Every call we make is idempotent by design: a key's bytes never change once finalized
        // (a retried put rewrites the same bytes), and a retried delete wants the same end state.
        // (RetryConditional would also switch retries off for this whole client on its first plain upload.)
        idempotencyStrategy: IdempotencyStrategy.RetryAlways,
      },
    });
    this.bucket = storage.bucket(options.bucket);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const uploadMs = this.timeouts.requestMs + Math.ceil(body.length / ASSUMED_UPLOAD_BYTES_PER_MS);
    const save = this.file(key).save(body, {
      resumable: false, // the emulator cannot do chunked resumable uploads, and objects are small
      contentType: contentType || DEFAULT_CONTENT_TYPE,
      validation: 'crc32c',
      timeout: uploadMs,
    });
    await withDeadline(`put ${key}`, this.budget(uploadMs), save);
  }

  async putFile(key: string, file: string, contentType: string): Promise<void> {
    try {
      await this.put(key, await readFile(file), contentType);
    } finally {
      await rm(file, { force: true });
    }
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    const file = this.file(key);
    try {
      const [metadata] = await withDeadline(`stat ${key}`, this.budget(), file.getMetadata());
      return { size: Number(metadata.size ?? 0), contentType: metadata.contentType || DEFAULT_CONTENT_TYPE };
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.file(key);
    if (range) assertValidRange(range);
    const stream = file.createReadStream(range ? { start: range.start, end: range.end } : {});
    await withDeadline(`read ${key}`, this.budget(), untilResponse(stream, key)).catch((error: unknown) => {
      stream.destroy();
      throw error;
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await withDeadline(`delete ${key}`, this.budget(), file.delete({ ignoreNotFound: true }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (prefix === '') throw new Error('Refusing to delete every object (empty prefix)');
    const keys = await this.list(prefix);
    for (let i = 0; i < keys.length; i += DELETE_CONCURRENCY) {
      await Promise.all(keys.slice(i, i + DELETE_CONCURRENCY).map((key) => this.delete(key)));
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let query: GetFilesOptions | null = { prefix, autoPaginate: false, maxResults: LIST_PAGE_SIZE };
    while (query) {
      const page: GetFilesResponse = await withDeadline(`list ${prefix}`, this.budget(), this.bucket.getFiles(query));
      const [files, next] = page;
      keys.push(...files.map((file) => file.name));
      query = next && typeof next === 'object' && 'pageToken' in next ? (next as GetFilesOptions) : null;
    }
    return keys.sort();
  }

  /** Lists at most one object: needs only storage.objects.list, which the store needs anyway. */
  async ping(): Promise<void> {
    await withDeadline('ping', this.budget(), this.bucket.getFiles({ autoPaginate: false, maxResults: 1 }));
  }

  private file(key: string): File {
    assertValidKey(key);
    return this.bucket.file(key);
  }

  /** The library's retries end after retryTotalMs; allow the last attempt its own time on top. */
  private budget(attemptMs = this.timeouts.requestMs): number {
    return this.timeouts.retryTotalMs + attemptMs;
  }
}

/** Starts the download and waits for the response headers, so a missing object rejects here. */
function untilResponse(stream: Readable, key: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off('response', onResponse);
      stream.off('error', onError);
    };
    const onResponse = (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        cleanup();
        resolve();
      } else if (status === 404) {
        cleanup();
        stream.on('error', () => undefined); // the library destroys the stream with the 404 next
        reject(objectNotFound(key));
      } // other statuses: the library destroys the stream with a descriptive error
    };
    const onError = (error: unknown) => {
      cleanup();
      reject(httpStatus(error) === 404 ? objectNotFound(key) : error);
    };
    stream.on('response', onResponse).on('error', onError);
    stream.read(0); // the library only sends the request once the stream is read from
  });
}
