import { GcsObjectStore } from './gcs-store.js';
import { LocalObjectStore } from './local-store.js';
import type { ObjectStore } from './object-store.js';

export type ObjectStoreOptions =
  | { kind: 'local'; rootDir: string }
  | { kind: 'gcs'; bucket: string; projectId: string; apiEndpoint?: string };

export function createObjectStore(options: ObjectStoreOptions): ObjectStore {
  switch (options.kind) {
    case 'local':
      return new LocalObjectStore(options.rootDir);
    case 'gcs':
      return new GcsObjectStore(options);
  }
}

export type { ByteRange, ObjectInfo, ObjectStore } from './object-store.js';
export { ObjectNotFoundError } from './object-store.js';
export { StorageTimeoutError } from './deadline.js';
export { GcsObjectStore, type GcsObjectStoreOptions, type GcsTimeouts } from './gcs-store.js';
export { LocalObjectStore } from './local-store.js';
